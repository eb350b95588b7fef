"""``indemnity ask``: an interview that asks only what settles the answer, one question at a time.

It starts from what the arguments give (as ``check`` takes them), asks the
decision's next question (`Decision.next_question`), gives the answer to
the activity and asks again, until the answer is settled or nothing more
can be asked; then prints the decision. Each question shows the values it
takes and where each leads; an empty answer means "don't know", and that
fact is not asked again.

Answers come from the terminal, or, for scripts, from stdin one a line in
the order asked, or from a file (``--answers FILE``) of ``NAME=VALUE``
lines answering the facts it names whenever they are asked. A portfolio
holding a membership whose start is unknown may be asked when it began
(``held_since``): the answer gives that membership its start.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from typing import Any, TextIO, cast

from indemnity._validate import normalise_name
from indemnity.cli._common import (
    UsageError,
    activity,
    add_question,
    date,
    emit,
    fact_value,
    file_argument,
    place_and_matter,
    portfolio,
)
from indemnity.errors import InvalidFieldError
from indemnity.holdings.portfolio import Portfolio
from indemnity.io.codec import to_data
from indemnity.io.parse import read_text
from indemnity.model.decision import Decision
from indemnity.model.outcome import Outcome
from indemnity.model.settling import NextQuestion
from indemnity.model.terms import CLAIM_DATE, HELD_SINCE, Fact, FactType, FactValue
from indemnity.model.vocabulary import Vocabulary

__all__ = ["add", "ask"]

_DONT_KNOW = frozenset({"", "?", "don't know", "dont know", "do not know", "unknown", "dk"})


def add(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``ask`` command to `sub`."""
    parser = sub.add_parser(
        "ask",
        parents=[common],
        help="an interview: ask only what settles the answer, one question at a time",
        description=(
            "Start from what you know and answer one question at a time, only those that "
            "settle the answer; press Enter for don't know. Then print the decision."
        ),
    )
    add_question(parser)
    parser.add_argument("--on", metavar="DATE", type=date, help="incident date (default: today)")
    parser.add_argument(
        "--claimed-on", metavar="DATE", type=date, help="date the claim is first made"
    )
    parser.add_argument(
        "--answers",
        metavar="FILE",
        type=file_argument,
        help="answer from FILE, NAME=VALUE a line, instead of asking (unnamed: don't know)",
    )
    parser.set_defaults(handler=ask)


_END = object()  # no more answers


class _Interview:
    """Where the questions go and the answers come from."""

    def __init__(self, args: argparse.Namespace, out: TextIO) -> None:
        self.prompts = sys.stderr if args.json else out
        self.stdin = sys.stdin
        self.table = None if args.answers is None else _table(args.answers)
        self.interactive = self.table is None and self.stdin.isatty()

    def check(self, words: Vocabulary) -> None:
        """Refuse an answers file naming a fact the vocabulary lacks; key it by the facts' names.

        A fact is named as anywhere else: case and spacing forgiven.
        """
        if self.table is None:
            return
        named: dict[str, str] = {}
        for name, value in self.table.items():
            special = {normalise_name(f.name): f for f in (CLAIM_DATE, HELD_SINCE)}
            fact = special.get(normalise_name(name)) or words.fact(name, "--answers")
            named[fact.name] = value
        self.table = named

    def value(self, number: int, question: NextQuestion) -> FactValue | object | None:
        """The value given to `question`: None for don't know, `_END` when no more come.

        Raises:
            UsageError: a script's answer is no value of the fact.
        """
        while True:
            text = self._text(number, question)
            if text is None:
                return _END
            if text.lower() in _DONT_KNOW:
                return None
            try:
                return fact_value(question.fact, text)
            except UsageError as err:
                if not self.interactive:
                    raise
                self.prompts.write(f"   {err}; try again.\n")

    def _text(self, number: int, question: NextQuestion) -> str | None:
        fact = question.fact
        write = self.prompts.write
        write(f"{number}. {question.question}\n")
        write("   " + "; ".join(_lead(b.values.describe(), b.outcome) for b in question.branches))
        write(f"\n   Answer {_takes(fact)}; Enter for don't know: ")
        if self.table is not None:
            text = self.table.get(fact.name, "")
        else:
            line = self.stdin.readline()
            if not line:
                write("(no more answers)\n")
                return None
            text = line.strip()
            if self.interactive:
                return text
        write((text or "don't know") + "\n")
        return text


def ask(args: argparse.Namespace, out: TextIO) -> int:
    """Interview the user until the answer is settled, then print the decision."""
    held = portfolio(args)
    words = held.vocabulary
    place, matter = place_and_matter(args, words)
    work = activity(args, words)
    on: _dt.date = args.on or _dt.date.today()
    claimed_on: _dt.date | None = args.claimed_on
    interview = _Interview(args, out)
    interview.check(words)
    if not args.json:
        out.write(f"Portfolio of {held.holder}.\n" if held.holder else "Portfolio.\n")
    decision = held.is_covered(work, on, place, matter=matter, claimed_on=claimed_on)
    declined: set[Fact] = set()
    asked: list[tuple[NextQuestion, FactValue | None]] = []
    while decision.outcome is Outcome.UNDETERMINED:
        remaining = decision.questions(unknowable=declined)
        if not remaining:
            break
        question = remaining[0]
        value = interview.value(len(asked) + 1, question)
        if value is _END:
            break
        given = cast("FactValue | None", value)
        asked.append((question, given))
        if given is None:
            declined.add(question.fact)
        elif question.fact == CLAIM_DATE:
            claimed_on = _claim(given, on)
        elif question.fact == HELD_SINCE:
            held = _began(held, decision, given)
        else:
            work = work.with_facts(**{question.fact.name: given})
        decision = held.is_covered(work, on, place, matter=matter, claimed_on=claimed_on)
    if args.json:
        return emit(
            out,
            {
                "holder": held.holder,
                "asked": [
                    {"fact": q.fact.name, "question": q.question, "answer": _data(value)}
                    for q, value in asked
                ],
                "decision": to_data(decision),
            },
        )
    out.write(f"{_summary(decision, len(asked))}\n\n{decision.explain()}\n")
    return 0


def _claim(value: FactValue, on: _dt.date) -> _dt.date:
    if not isinstance(value, _dt.date) or value < on:
        msg = f"the claim date must be on or after the incident date {on}, got {value}"
        raise UsageError(msg)
    return value


def _began(held: Portfolio, decision: Decision, value: FactValue) -> Portfolio:
    """The portfolio with the start of the membership the decision waits on given."""
    try:
        return held.with_held_since(decision.question, cast("_dt.date", value))
    except InvalidFieldError as err:
        raise UsageError(str(err)) from err


def _summary(decision: Decision, count: int) -> str:
    questions = f"{count} question{'' if count == 1 else 's'}"
    if decision.outcome is not Outcome.UNDETERMINED:
        return f"Settled after {questions}." if count else "Settled by what was given."
    return f"Still undetermined after {questions}: nothing more can be asked."


def _lead(values: str, outcome: Outcome) -> str:
    return f"{values} -> {outcome.words}"


def _takes(fact: Fact) -> str:
    """What an answer may be, in words."""
    match fact.type:
        case FactType.YES_NO:
            return "yes or no"
        case FactType.WHOLE_NUMBER:
            return "a whole number"
        case FactType.AMOUNT:
            return f"an amount{f' in {fact.unit}' if fact.unit else ''}"
        case FactType.DATE:
            return "a date as YYYY-MM-DD"
        case FactType.CHOICE:
            values = fact.values.values if fact.values is not None else ()
            return "one of " + ", ".join(values)


def _data(value: FactValue | None) -> object:
    return value.isoformat() if isinstance(value, _dt.date) else value


def _table(path: str) -> dict[str, str]:
    """The answers of a file: ``NAME=VALUE`` lines; blank lines and ``#`` comments skipped."""
    found: dict[str, str] = {}
    for number, line in enumerate(read_text(path).splitlines(), 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        name, sep, value = text.partition("=")
        if not sep or not name.strip():
            msg = f"{path}:{number}: expected NAME=VALUE, such as declared=yes, got {text!r}"
            raise UsageError(msg)
        found[name.strip()] = value.strip()
    return found
