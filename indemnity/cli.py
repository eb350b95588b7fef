"""The command line: ``indemnity`` (or ``python -m indemnity``).

Run with no arguments it prints a worked example about a built-in person.
The subcommands ask questions of a built-in example person (``--person``) or
of a portfolio file (``--portfolio``), list and explain the built-in schemes,
and validate files::

    indemnity check KIND (--person NAME | --portfolio FILE) --on DATE --in PLACE
    indemnity gaps KIND (--person NAME | --portfolio FILE) --in PLACE --from DATE --to DATE
    indemnity timeline KIND (--person NAME | --portfolio FILE) --in PLACE --from DATE --to DATE
    indemnity schemes | explain SCHEME | validate FILE | people

Every subcommand takes ``--json`` for output that tools read (the shapes are
documented in ``docs/cli.md``). Bad input prints one line on stderr,
``indemnity: error: ...``, and exits with status 2; a traceback is a bug.
argparse from the standard library is enough for this: no CLI library earns
a dependency here.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO

from indemnity import __version__
from indemnity.activity import Activity, ActivityKind, Fact, FactValue
from indemnity.codec import to_data
from indemnity.decision import Decision
from indemnity.errors import IndemnityError
from indemnity.files import FORMAT_VERSION, builtin_schemes, load, load_portfolio, load_scheme
from indemnity.jurisdiction import Jurisdiction
from indemnity.matter import Matter
from indemnity.period import Period
from indemnity.portfolio import Portfolio
from indemnity.scheme import Scheme
from indemnity.timeline import Timeline
from indemnity.uk.people import PEOPLE

__all__ = ["main"]

PROG = "indemnity"
EXIT_USAGE = 2

_Handler = Callable[[argparse.Namespace, TextIO], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (the process's arguments by default).

    Args:
        argv: The arguments after the program name, such as
            ``["check", "private-practice", "--person", "consultant", ...]``.

    Returns:
        The exit status: 0 on success, 2 on bad input (after one line on stderr).
    """
    args_list = sys.argv[1:] if argv is None else list(argv)
    out = sys.stdout
    try:
        args = _parser().parse_args(args_list)
        handler: _Handler = args.handler
        return handler(args, out)
    except _UsageError as err:
        return _fail(str(err))
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else 0
    except IndemnityError as err:
        return _fail(str(err))
    except BrokenPipeError:
        # the reader went away (`indemnity people | head`): stop quietly, as cat does
        _silence_stdout()
        return 1
    except OSError as err:
        return _fail(_os_message(err))


def _fail(message: str) -> int:
    sys.stderr.write(f"{PROG}: error: {' '.join(message.split())}\n")
    return EXIT_USAGE


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _os_message(err: OSError) -> str:
    if err.filename is not None:
        return f"{err.filename}: {err.strerror or err}"
    return str(err)


# ---------------------------------------------------------------------------
# Arguments


class _UsageError(Exception):
    """Bad arguments: reported in one line by `main`."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix(PROG).strip()
        hint = f" (see '{PROG} {command} --help')" if command else f" (see '{PROG} --help')"
        raise _UsageError(message + hint)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YES = frozenset({"yes", "y", "true", "t", "1"})
_NO = frozenset({"no", "n", "false", "f", "0"})


def _date(text: str) -> _dt.date:
    if not _ISO_DATE.match(text.strip()):
        msg = f"expected a date as YYYY-MM-DD, such as 2025-03-10, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    try:
        return _dt.date.fromisoformat(text.strip())
    except ValueError as err:
        msg = f"{text!r} is not a date: {err}"
        raise argparse.ArgumentTypeError(msg) from None


def _named(parse: Callable[[str], object]) -> Callable[[str], Any]:
    """An argparse type that reports the library's own message for a bad name."""

    def convert(text: str) -> object:
        try:
            return parse(text)
        except IndemnityError as err:
            raise argparse.ArgumentTypeError(str(err)) from None

    convert.__name__ = getattr(parse, "__name__", "name")
    return convert


def _fact(text: str) -> tuple[Fact, FactValue]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        msg = f"expected NAME=VALUE, such as supervised=yes, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    try:
        fact = Fact.parse(name.strip(), "fact")
    except IndemnityError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
    spec, value = fact.spec, value.strip()
    if spec.type is bool:
        if value.lower() in _YES:
            return fact, True
        if value.lower() in _NO:
            return fact, False
        msg = f"fact {fact.value!r} expected yes or no, got {value!r}"
        raise argparse.ArgumentTypeError(msg)
    if spec.type is int:
        try:
            return fact, int(value.replace(",", "").replace("_", ""))
        except ValueError:
            msg = f"fact {fact.value!r} expected a whole number, got {value!r}"
            raise argparse.ArgumentTypeError(msg) from None
    try:
        return fact, spec.check(value, f"fact {fact.value!r}")
    except IndemnityError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _person(text: str) -> str:
    from indemnity.uk.people import person_file  # noqa: PLC0415 - only when asked

    person_file(text)  # raises UnknownNameError for an unknown name, with the nearest
    return text


_KINDS = ", ".join(k.value for k in ActivityKind)
_MATTERS = ", ".join(m.value for m in Matter)
_PLACES = ", ".join(j.value for j in Jurisdiction)
_FACTS = ", ".join(f.value for f in Fact)


def _parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        description=(
            "Who stands behind this activity, on this date, in this jurisdiction? "
            "UK medical indemnity as explained, cited rules. With no command, "
            "print a worked example about a built-in person."
        ),
        epilog="Every command takes --json for output tools read. Bad input exits with status 2.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(handler=_demo)
    common = _Parser(add_help=False)
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print JSON instead of text"
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    asking = _Parser(add_help=False, parents=[common])
    asking.add_argument(
        "kind",
        metavar="KIND",
        type=_named(ActivityKind.parse),
        help=f"what kind of activity: {_KINDS}",
    )
    whose = asking.add_mutually_exclusive_group(required=True)
    whose.add_argument(
        "--person",
        metavar="NAME",
        type=_named(_person),
        help="a built-in example person: " + ", ".join(PEOPLE),
    )
    whose.add_argument("--portfolio", metavar="FILE", help="a portfolio file (.toml, .json, .yaml)")
    asking.add_argument(
        "--in",
        dest="jurisdiction",
        metavar="PLACE",
        required=True,
        type=_named(Jurisdiction.parse),
        help=f"where: {_PLACES}",
    )
    asking.add_argument(
        "--matter",
        type=_named(Matter.parse),
        default=Matter.CLINICAL_NEGLIGENCE,
        help=f"what kind of matter (default: clinical-negligence): {_MATTERS}",
    )
    asking.add_argument(
        "--fact",
        metavar="NAME=VALUE",
        type=_fact,
        action="append",
        default=[],
        help=f"a known fact, repeatable (yes/no, a number, or a name): {_FACTS}",
    )

    check = sub.add_parser(
        "check",
        parents=[asking],
        help="ask one question and print the decision with its reasons and sources",
        description="Ask one question: is this activity, on this date, here, covered?",
    )
    check.add_argument("--on", metavar="DATE", required=True, type=_date, help="incident date")
    check.add_argument(
        "--claimed-on", metavar="DATE", type=_date, help="date the claim is first made"
    )
    check.set_defaults(handler=_check)

    for name, handler, text in (
        ("gaps", _gaps, "list the incident dates nothing covers"),
        ("timeline", _timeline, "show cover over a span of incident dates, or draw it as SVG"),
    ):
        over = sub.add_parser(name, parents=[asking], help=text, description=text.capitalize())
        over.add_argument(
            "--from", dest="start", metavar="DATE", required=True, type=_date, help="first day"
        )
        over.add_argument(
            "--to", dest="end", metavar="DATE", required=True, type=_date, help="end (excluded)"
        )
        over.add_argument(
            "--claims-until",
            metavar="DATE",
            type=_date,
            help="also map claim dates, for claims made before this date",
        )
        if name == "timeline":
            over.add_argument("--svg", metavar="FILE", help="draw the timeline into an SVG file")
        over.set_defaults(handler=handler)

    schemes = sub.add_parser(
        "schemes",
        parents=[common],
        help="list the built-in schemes",
        description="List the schemes.",
    )
    schemes.set_defaults(handler=_schemes)
    explain = sub.add_parser(
        "explain",
        parents=[common],
        help="print a scheme's rules with their sources",
        description="Print a scheme's rules, each with its source.",
    )
    explain.add_argument(
        "scheme", metavar="SCHEME", help="a built-in scheme's key, or a scheme file"
    )
    explain.set_defaults(handler=_explain)
    validate = sub.add_parser(
        "validate",
        parents=[common],
        help="check a scheme, portfolio or decision file",
        description="Check a file; a bad one is reported in one line, with status 2.",
    )
    validate.add_argument("file", metavar="FILE", help="a .toml, .json, .yaml or .yml file")
    validate.set_defaults(handler=_validate)
    people = sub.add_parser(
        "people",
        parents=[common],
        help="list the built-in example people",
        description="List the built-in example people.",
    )
    people.set_defaults(handler=_people)
    return parser


# ---------------------------------------------------------------------------
# Commands


def _emit(out: TextIO, data: object) -> int:
    out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return 0


def _activity(args: argparse.Namespace) -> Activity:
    facts: dict[Fact | str, object] = {}
    for fact, value in args.fact:
        if fact in facts and facts[fact] != value:
            msg = f"fact {fact.value!r} given twice, as {facts[fact]} and {value}"
            raise _UsageError(msg)
        facts[fact] = value
    return Activity(args.kind, facts)


def _portfolio(args: argparse.Namespace) -> Portfolio:
    if args.person is not None:
        from indemnity.uk.people import person  # noqa: PLC0415 - only when asked

        return person(args.person)
    return load_portfolio(args.portfolio)


def _command_line(kind: ActivityKind, args: Sequence[str]) -> str:
    return " ".join((PROG, "check", kind.value, *args))


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    from indemnity.uk.people import person  # noqa: PLC0415 - only when asked

    name = "consultant"
    portfolio = person(name)
    activity = Activity.of(ActivityKind.PRIVATE_PRACTICE, declared=True)
    on = _dt.date(2025, 3, 10)
    decision = portfolio.is_covered(activity, on, Jurisdiction.ENGLAND)
    if args.json:
        return _emit(out, {"holder": portfolio.holder, "decision": decision.to_dict()})
    command = _command_line(
        activity.kind,
        ("--person", name, "--on", str(on), "--in", "england", "--fact", "declared=yes"),
    )
    lines = [
        f"A worked example about a built-in person, {portfolio.holder}:",
        f"  $ {command}",
        "",
        decision.explain(),
        "",
        "Try also:",
        f"  {PROG} people                       the built-in example people",
        f"  {PROG} schemes                      the schemes the library knows",
        f"  {PROG} explain cnst                 a scheme's rules, with their sources",
        f"  {PROG} check --help                 ask your own question",
        f"  {PROG} gaps / timeline --help       cover over time, and its gaps",
        f"  {PROG} validate FILE                check a portfolio or scheme file",
        f"  {PROG} --help                       everything else; --json for tools",
        "",
        "Built-in people: " + ", ".join(PEOPLE) + ".",
    ]
    out.write("\n".join(lines) + "\n")
    return 0


def _check(args: argparse.Namespace, out: TextIO) -> int:
    portfolio = _portfolio(args)
    decision: Decision = portfolio.is_covered(
        _activity(args),
        args.on,
        args.jurisdiction,
        matter=args.matter,
        claimed_on=args.claimed_on,
    )
    if args.json:
        return _emit(out, {"holder": portfolio.holder, "decision": decision.to_dict()})
    head = f"Portfolio of {portfolio.holder}." if portfolio.holder else "Portfolio."
    out.write(f"{head}\n{decision.explain()}\n")
    return 0


def _span(args: argparse.Namespace) -> Timeline:
    portfolio = _portfolio(args)
    if args.end <= args.start:
        msg = f"--to must be after --from (got --from {args.start}, --to {args.end})"
        raise _UsageError(msg)
    if args.claims_until is not None and args.claims_until < args.end:
        msg = f"--claims-until must be on or after --to (got {args.claims_until}, --to {args.end})"
        raise _UsageError(msg)
    return portfolio.timeline(
        _activity(args),
        args.jurisdiction,
        Period(args.start, args.end),
        matter=args.matter,
        claim_horizon=args.claims_until,
    )


def _question_dict(timeline: Timeline) -> dict[str, object]:
    data = timeline.to_dict()
    del data["stretches"]
    return data


def _gaps(args: argparse.Namespace, out: TextIO) -> int:
    timeline = _span(args)
    gaps, open_ = timeline.gaps, timeline.undetermined
    if args.json:
        return _emit(
            out,
            {
                **_question_dict(timeline),
                "gaps": [s.to_dict() for s in gaps],
                "undetermined": [s.to_dict() for s in open_],
            },
        )
    who = timeline.portfolio.holder or "the portfolio"
    plane = (
        f", claims made before {timeline.claim_horizon}"
        if timeline.claim_horizon is not None
        else ", whenever claimed"
    )
    head = (
        f"Gaps in the cover of {who}: {timeline.matter.label} from "
        f"{timeline.activity.kind.value} in {timeline.jurisdiction.label}, "
        f"incidents {timeline.span}{plane}."
    )
    lines = [head]
    lines.extend(f"  {s.describe()}" for s in gaps)
    lines.append(f"{len(gaps)} gap{'' if len(gaps) == 1 else 's'}." if gaps else "No gaps.")
    if open_:
        lines.append("Undetermined (neither covered nor a gap until the facts are known):")
        lines.extend(f"  {s.describe()}" for s in open_)
    out.write("\n".join(lines) + "\n")
    return 0


def _timeline(args: argparse.Namespace, out: TextIO) -> int:
    timeline = _span(args)
    written = None
    if args.svg is not None:
        written = _draw(timeline, args.svg)
    if args.json:
        return _emit(out, {**timeline.to_dict(), "svg": written})
    out.write(timeline.explain() + "\n")
    if written is not None:
        out.write(f"Drawn in {written}.\n")
    return 0


def _draw(timeline: Timeline, path: str) -> str:
    from indemnity.svg import timeline_svg  # noqa: PLC0415 - only when asked

    with open(path, "w", encoding="utf-8") as stream:
        stream.write(timeline_svg(timeline))
    return path


def _schemes(args: argparse.Namespace, out: TextIO) -> int:
    from indemnity.uk import catalogue, territory_name  # noqa: PLC0415 - only when asked

    entries = catalogue()
    if args.json:
        return _emit(out, {"schemes": [e.to_dict() for e in entries]})
    rows = [("KEY", "BASIS", "IN FORCE", "WHERE", "NAME")]
    rows.extend(
        (
            e.key,
            e.basis.value,
            e.in_force_text,
            territory_name(e.jurisdictions),
            e.name,
        )
        for e in entries
    )
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        out.write("  ".join([*cells, row[4]]) + "\n")
    out.write(f"\n{len(entries)} schemes; '{PROG} explain KEY' prints one's rules.\n")
    return 0


def _scheme(given: str) -> Scheme:
    if given.lower().endswith((".toml", ".json", ".yaml", ".yml")):
        return load_scheme(given)
    from indemnity.uk import scheme  # noqa: PLC0415 - only when asked

    return scheme(given)


def _explain(args: argparse.Namespace, out: TextIO) -> int:
    found = _scheme(args.scheme)
    if args.json:
        return _emit(out, {"scheme": to_data(found)})
    out.write(found.describe() + "\n")
    return 0


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    loaded = load(args.file)
    if isinstance(loaded, Scheme):
        kind, summary = "scheme", f"{loaded.name} [{loaded.key}], {len(loaded.covers)} covers"
    elif isinstance(loaded, Portfolio):
        n = len(loaded)
        who = loaded.holder or "no holder named"
        kind, summary = "portfolio", f"{who}, {n} membership{'' if n == 1 else 's'}"
    else:
        kind, summary = "decision", f"{loaded['outcome']}: {loaded['question']['on']}"
    if args.json:
        return _emit(
            out,
            {
                "file": args.file,
                "valid": True,
                "kind": kind,
                "version": FORMAT_VERSION,
                "summary": summary,
            },
        )
    out.write(f"{args.file}: a valid {kind} file (format version {FORMAT_VERSION}): {summary}\n")
    return 0


def _people(args: argparse.Namespace, out: TextIO) -> int:
    from indemnity.uk.people import person  # noqa: PLC0415 - only when asked

    catalogue = builtin_schemes()
    if args.json:
        return _emit(
            out,
            {
                "people": [
                    {
                        "name": name,
                        "description": about,
                        "portfolio": to_data(person(name), schemes=catalogue),
                    }
                    for name, about in PEOPLE.items()
                ]
            },
        )
    width = max(len(name) for name in PEOPLE)
    for name, about in PEOPLE.items():
        portfolio = person(name)
        out.write(f"{name.ljust(width)}  {portfolio.holder}\n")
        out.write(f"{'':{width}}  {about}\n")
        for membership in portfolio:
            out.write(
                f"{'':{width}}    - {membership.describe()}"
                f" [{membership.scheme.key}, {membership.period}]\n"
            )
    out.write(f"\nAsk about one with '{PROG} check KIND --person NAME --on DATE --in PLACE'.\n")
    return 0
