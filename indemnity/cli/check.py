"""``indemnity check``: one question, answered with its reasons and sources; and the demo."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from indemnity.cli._common import (
    PROG,
    activity,
    add_question,
    date,
    emit,
    place_and_matter,
    portfolio,
)
from indemnity.io.codec import to_data
from indemnity.model.activity import Activity
from indemnity.uk.people import DEMO, PEOPLE, person

__all__ = ["add", "check", "demo"]


def add(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``check`` command to `sub`."""
    parser = sub.add_parser(
        "check",
        parents=[common],
        help="ask one question and print the decision with its reasons and sources",
        description="Ask one question: is this activity, on this date, here, covered?",
    )
    add_question(parser)
    parser.add_argument("--on", metavar="DATE", required=True, type=date, help="incident date")
    parser.add_argument(
        "--claimed-on", metavar="DATE", type=date, help="date the claim is first made"
    )
    parser.add_argument(
        "--notified-on",
        metavar="DATE",
        type=date,
        help="date the circumstance was notified to a claims-made insurer",
    )
    parser.set_defaults(handler=check)


def check(args: argparse.Namespace, out: TextIO) -> int:
    """Answer one question about a portfolio."""
    held = portfolio(args)
    words = held.vocabulary
    place, matter = place_and_matter(args, words)
    decision = held.is_covered(
        activity(args, words),
        args.on,
        place,
        matter=matter,
        claimed_on=args.claimed_on,
        notified_on=args.notified_on,
    )
    if args.json:
        return emit(out, {"holder": held.holder, "decision": to_data(decision)})
    head = f"Portfolio of {held.holder}." if held.holder else "Portfolio."
    out.write(f"{head}\n{decision.explain()}\n")
    return 0


def demo(args: argparse.Namespace, out: TextIO) -> int:
    """A worked example about a built-in person."""
    held = person(DEMO.person)
    asked = Activity(DEMO.kind, DEMO.facts, vocabulary=held.vocabulary)
    decision = held.is_covered(asked, DEMO.on, DEMO.jurisdiction)
    if args.json:
        return emit(out, {"holder": held.holder, "decision": to_data(decision)})
    facts = [f"--fact {name}={_said(value)}" for name, value in DEMO.facts.items()]
    command = " ".join(
        (
            PROG,
            "check",
            asked.kind.name,
            f"--person {DEMO.person} --on {DEMO.on} --in {DEMO.jurisdiction}",
            *facts,
        )
    )
    lines = [
        f"A worked example about a built-in person, {held.holder}:",
        f"  $ {command}",
        "",
        decision.explain(),
        "",
        "Try also:",
        f"  {PROG} people                       the built-in example people",
        f"  {PROG} schemes                      the schemes the library knows",
        f"  {PROG} explain KEY                  a scheme's rules, with their sources",
        f"  {PROG} words                        the kinds, places, matters and facts to ask with",
        f"  {PROG} check --help                 ask your own question",
        f"  {PROG} ask --help                   an interview: only the questions that settle it",
        f"  {PROG} gaps / timeline --help       cover over time, and its gaps",
        f"  {PROG} validate FILE                check a portfolio, scheme or catalogue file",
        f"  {PROG} --help                       everything else; --json for tools",
        "",
        "Built-in people: " + ", ".join(PEOPLE) + ".",
    ]
    out.write("\n".join(lines) + "\n")
    return 0


def _said(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
