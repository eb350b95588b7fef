"""The catalogue's commands: ``schemes``, ``explain``, ``words``, ``people``, ``validate``."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from indemnity.cli._common import PROG, emit
from indemnity.holdings.portfolio import Portfolio
from indemnity.io.codec import Context, to_data
from indemnity.io.documents import FORMAT_VERSION, Catalogue, load, load_scheme
from indemnity.model.decision import Decision
from indemnity.model.period import Period
from indemnity.model.terms import FactType
from indemnity.rules.scheme import Scheme
from indemnity.uk.entries import listing
from indemnity.uk.people import PEOPLE, person
from indemnity.uk.registry import catalogue, territory_name, vocabulary

__all__ = ["add"]


def add(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the catalogue's commands to `sub`."""
    parser = sub.add_parser(
        "schemes",
        parents=[common],
        help="list the built-in schemes",
        description="List the schemes.",
    )
    parser.set_defaults(handler=schemes)
    parser = sub.add_parser(
        "explain",
        parents=[common],
        help="print a scheme's rules with their sources",
        description="Print a scheme's rules, each with its source.",
    )
    parser.add_argument(
        "scheme", metavar="SCHEME", help="a built-in scheme's key, or a scheme file"
    )
    parser.set_defaults(handler=explain)
    parser = sub.add_parser(
        "words",
        parents=[common],
        help="list the kinds, places, matters and facts questions may use",
        description=(
            "List the words of the built-in vocabulary: what KIND, --in, --matter and --fact take."
        ),
    )
    parser.set_defaults(handler=words)
    parser = sub.add_parser(
        "validate",
        parents=[common],
        help="check a scheme, portfolio, decision or catalogue file",
        description="Check a file; a bad one is reported in one line, with status 2.",
    )
    parser.add_argument("file", metavar="FILE", help="a .toml, .json, .yaml or .yml file")
    parser.set_defaults(handler=validate)
    parser = sub.add_parser(
        "people",
        parents=[common],
        help="list the built-in example people",
        description="List the built-in example people.",
    )
    parser.set_defaults(handler=people)


def _in_force(period: Period) -> dict[str, object]:
    return to_data(period)


def schemes(args: argparse.Namespace, out: TextIO) -> int:
    """List the built-in schemes."""
    entries = listing()
    if args.json:
        return emit(
            out,
            {
                "schemes": [
                    {
                        "key": e.key,
                        "name": e.name,
                        "operator": e.operator,
                        "kind": e.kind.value,
                        "basis": e.basis.value,
                        "jurisdictions": sorted(j.name for j in e.jurisdictions),
                        "in_force": _in_force(e.in_force),
                        "source": to_data(e.source),
                    }
                    for e in entries
                ]
            },
        )
    rows = [("KEY", "BASIS", "IN FORCE", "WHERE", "NAME")]
    rows.extend(
        (e.key, e.basis.value, e.in_force_text, territory_name(e.jurisdictions), e.name)
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
        return load_scheme(given, catalogue=catalogue())
    return catalogue().scheme(given)


def explain(args: argparse.Namespace, out: TextIO) -> int:
    """Print a scheme's rules with their sources."""
    found = _scheme(args.scheme)
    if args.json:
        return emit(out, {"scheme": to_data(found, context=Context(vocabulary=found.vocabulary))})
    out.write(found.describe() + "\n")
    return 0


def words(args: argparse.Namespace, out: TextIO) -> int:
    """List the vocabulary questions may use."""
    v = vocabulary()
    if args.json:
        return emit(
            out,
            {
                "kinds": {k.name: k.description for k in v.kinds},
                "jurisdictions": {j.name: j.label for j in v.jurisdictions},
                "territories": {t: sorted(j.name for j in m) for t, m in v.territories.items()},
                "matters": {
                    m.name: {"label": m.label, "scope": m.scope.value, "aliases": list(m.aliases)}
                    for m in v.matters
                },
                "facts": {
                    f.name: {
                        "type": f.type.value,
                        "values": None if f.values is None else list(f.values.values),
                        "question": f.ask(),
                    }
                    for f in v.facts
                },
            },
        )
    lines = ["KIND (what kind of activity):"]
    lines.extend(f"  {k.name:<26} {k.description}" for k in v.kinds)
    lines.append("--in PLACE:")
    lines.extend(
        f"  {j.name:<26} {j.label}" + (f" (also {', '.join(j.aliases)})" if j.aliases else "")
        for j in v.jurisdictions
    )
    lines.append(
        "--matter MATTER (default: "
        + (v.default_matter.name if v.default_matter else "none")
        + "):"
    )
    lines.extend(
        f"  {m.name:<26} {m.label} [{m.scope.value}]"
        + (f" (also {', '.join(m.aliases)})" if m.aliases else "")
        for m in v.matters
    )
    lines.append("--fact NAME=VALUE:")
    for f in v.facts:
        if f.type is FactType.CHOICE and f.values is not None:
            kind = "one of " + ", ".join(f.values.values)
        else:
            kind = {"yes-no": "yes or no", "date": "a date YYYY-MM-DD"}.get(
                f.type.value, f.type.value.replace("-", " ")
            )
        lines.append(f"  {f.name:<26} {f.ask()} ({kind})")
    out.write("\n".join(lines) + "\n")
    return 0


def validate(args: argparse.Namespace, out: TextIO) -> int:
    """Check a file, and say what it holds."""
    loaded = load(args.file, catalogue=catalogue())
    if isinstance(loaded, Scheme):
        n = len(loaded.covers)
        kind, summary = "scheme", f"{loaded.name} [{loaded.key}], {n} cover{'' if n == 1 else 's'}"
    elif isinstance(loaded, Portfolio):
        n = len(loaded)
        who = loaded.holder or "no holder named"
        kind, summary = "portfolio", f"{who}, {n} membership{'' if n == 1 else 's'}"
    elif isinstance(loaded, Decision):
        kind, summary = "decision", f"{loaded.outcome.value}: {loaded.question.on}"
    else:
        assert isinstance(loaded, Catalogue)  # noqa: S101 - the four kinds of document
        n = len(loaded.schemes)
        kind, summary = "catalogue", f"{loaded.name}, {n} scheme{'' if n == 1 else 's'}"
    if args.json:
        return emit(
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


def people(args: argparse.Namespace, out: TextIO) -> int:
    """List the built-in example people."""
    if args.json:
        context = Context(vocabulary=vocabulary(), schemes=catalogue().schemes)
        return emit(
            out,
            {
                "people": [
                    {
                        "name": name,
                        "description": about,
                        "portfolio": to_data(person(name), context=context),
                    }
                    for name, about in PEOPLE.items()
                ]
            },
        )
    width = max(len(name) for name in PEOPLE)
    for name, about in PEOPLE.items():
        held = person(name)
        out.write(f"{name.ljust(width)}  {held.holder}\n")
        out.write(f"{'':{width}}  {about}\n")
        for membership in held:
            out.write(
                f"{'':{width}}    - {membership.describe()}"
                f" [{membership.scheme.key}, {membership.period}]\n"
            )
    out.write(f"\nAsk about one with '{PROG} check KIND --person NAME --on DATE --in PLACE'.\n")
    return 0
