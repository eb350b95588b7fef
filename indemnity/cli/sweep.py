"""``indemnity sweep``: a table of questions about many people in, a table of answers out."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from indemnity.cli._common import emit

__all__ = ["add", "sweep"]


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        msg = f"expected a whole number, 1 or more, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return number


def add(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``sweep`` command to `sub`."""
    parser = sub.add_parser(
        "sweep",
        parents=[common],
        help="answer a table of questions about many people, writing a table of answers",
        description=(
            "Answer every question of a questions table (CSV or Parquet: one row per "
            "question, with person, kind, on, jurisdiction and a column per fact known) "
            "about the people of a careers table (one row per membership: person, scheme, "
            "start, end, ...), writing an answers table (outcome, covering schemes, the fact "
            "to ask next, the missing facts, the first reason code) and printing counts. "
            "See docs/scale.md for the columns."
        ),
    )
    parser.add_argument(
        "questions", metavar="QUESTIONS", help="the questions file (.csv, .parquet)"
    )
    parser.add_argument(
        "--careers",
        metavar="FILE",
        help="the careers file (.csv, .parquet); not needed when QUESTIONS names portfolio files",
    )
    parser.add_argument(
        "--out", metavar="FILE", required=True, help="the answers file to write (.csv, .parquet)"
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--workers",
        metavar="N",
        type=_positive,
        default=1,
        help="worker processes to answer in (default: 1, this process)",
    )
    where.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="answer on a Dask cluster: its scheduler's address, such as tcp://scheduler.example.org:8786",
    )
    parser.add_argument(
        "--chunk",
        metavar="ROWS",
        type=_positive,
        default=None,
        help="questions per chunk: what a worker answers at once (default: 50,000)",
    )
    parser.add_argument(
        "--keep",
        metavar="COLUMN",
        action="append",
        default=[],
        help="a column of QUESTIONS to copy to the answers, repeatable",
    )
    parser.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress bar (none is drawn unless stderr is a terminal)",
    )
    parser.set_defaults(handler=sweep)


def sweep(args: argparse.Namespace, out: TextIO) -> int:
    """Sweep a questions file, write the answers file, and print the counts."""
    from indemnity.sweep import CHUNK, sweep_file  # noqa: PLC0415 - loaded only for a sweep

    summary = sweep_file(
        args.questions,
        args.out,
        careers=args.careers,
        keep=args.keep,
        workers=args.workers,
        dask=args.dask,
        chunk=args.chunk or CHUNK,
        progress=False if args.no_progress else None,
    )
    if args.json:
        return emit(out, {"answers": args.out, **summary.to_data()})
    out.write(f"{summary.describe()}\nAnswers written to {args.out}.\n")
    return 0
