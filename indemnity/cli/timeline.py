"""``indemnity gaps`` and ``indemnity timeline``: cover over a span of incident dates."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from indemnity.cli._common import (
    UsageError,
    activity,
    add_question,
    date,
    emit,
    file_argument,
    not_an_input,
    place_and_matter,
    portfolio,
)
from indemnity.io.codec import to_data
from indemnity.io.documents import write_text
from indemnity.model.period import Period
from indemnity.svg import timeline_svg
from indemnity.timelines.timeline import Timeline, turning_on_claim_date

__all__ = ["add", "gaps", "timeline"]


def add(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``gaps`` and ``timeline`` commands to `sub`."""
    for name, handler, text in (
        ("gaps", gaps, "list the incident dates nothing covers"),
        ("timeline", timeline, "show cover over a span of incident dates, or draw it as SVG"),
    ):
        parser = sub.add_parser(name, parents=[common], help=text, description=text.capitalize())
        add_question(parser)
        parser.add_argument(
            "--from", dest="start", metavar="DATE", required=True, type=date, help="first day"
        )
        parser.add_argument(
            "--to", dest="end", metavar="DATE", required=True, type=date, help="end (excluded)"
        )
        parser.add_argument(
            "--claims-until",
            metavar="DATE",
            type=date,
            help="also map claim dates, for claims made before this date",
        )
        if name == "timeline":
            parser.add_argument(
                "--svg",
                metavar="FILE",
                type=file_argument,
                help="draw the timeline into an SVG file (replaced whole, or left as it was)",
            )
        parser.set_defaults(handler=handler)


def _span(args: argparse.Namespace) -> Timeline:
    held = portfolio(args)
    if args.end <= args.start:
        msg = f"--to must be after --from (got --from {args.start}, --to {args.end})"
        raise UsageError(msg)
    if args.claims_until is not None and args.claims_until < args.end:
        msg = f"--claims-until must be on or after --to (got {args.claims_until}, --to {args.end})"
        raise UsageError(msg)
    place, matter = place_and_matter(args, held.vocabulary)
    return Timeline.of(
        held,
        activity(args, held.vocabulary),
        place,
        Period(args.start, args.end),
        matter=matter,
        claim_horizon=args.claims_until,
    )


def _question(line: Timeline) -> dict[str, object]:
    data = to_data(line)
    del data["stretches"]
    return data


def gaps(args: argparse.Namespace, out: TextIO) -> int:
    """List the gaps (and the undetermined stretches) over a span."""
    line = _span(args)
    if line.claim_horizon is None:
        turning = turning_on_claim_date(line.portfolio, line.situation, line.span)
        if turning:
            msg = (
                f"--claims-until is needed: {turning[0].describe()} answers only claims made"
                " in a window, so its gaps show in later claims (see 'indemnity gaps --help')"
            )
            raise UsageError(msg)
    found, open_ = line.gaps, line.undetermined
    if args.json:
        return emit(
            out,
            {
                **_question(line),
                "gaps": [to_data(s) for s in found],
                "undetermined": [to_data(s) for s in open_],
            },
        )
    who = line.portfolio.holder or "the portfolio"
    plane = (
        f", claims made before {line.claim_horizon}"
        if line.claim_horizon is not None
        else ", whenever claimed"
    )
    lines = [
        f"Gaps in the cover of {who}: {line.situation.describe()}, incidents {line.span}{plane}."
    ]
    lines.extend(f"  {s.describe()}" for s in found)
    if found:
        lines.append(f"{len(found)} gap{'' if len(found) == 1 else 's'}.")
    elif open_:
        days = sum(s.days for s in open_ if s.claims is None)
        what = f"{days:,} day{'' if days == 1 else 's'} of incidents" if days else "some regions"
        lines.append(f"No gaps found, but {what} are undetermined: they may be gaps.")
    else:
        lines.append("No gaps.")
    if open_:
        lines.append("Undetermined (neither covered nor a gap until the facts are known):")
        lines.extend(f"  {s.describe()}" for s in open_)
    out.write("\n".join(lines) + "\n")
    return 0


def timeline(args: argparse.Namespace, out: TextIO) -> int:
    """Show (or draw) cover over a span."""
    if args.svg is not None:
        not_an_input(args.svg, "--svg", args.portfolio, "--portfolio")
    line = _span(args)
    written = None
    if args.svg is not None:
        written = str(write_text(args.svg, timeline_svg(line)))
    if args.json:
        return emit(out, {**to_data(line), "svg": written})
    out.write(line.explain() + "\n")
    if written is not None:
        out.write(f"Drawn in {written}.\n")
    return 0
