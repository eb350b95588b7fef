"""The answering of one chunk of questions: rows of cells in, rows of answers and counts out.

Nothing here needs an optional package: a chunk arrives as columns of Python
values. Each worker (a process, a thread of a Dask worker) keeps a `Sweeper`
for the careers it sweeps, so that across chunks each distinct activity is
built and checked once (a table repeats the same few kinds of work with the
same facts), each person's portfolio is compiled once, and each distinct
answer's columns are worked out once.
"""

from __future__ import annotations

import datetime as _dt
import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from indemnity.errors import IndemnityError, InvalidFieldError
from indemnity.holdings.portfolio import Portfolio
from indemnity.io.documents import load_portfolio
from indemnity.model.activity import Activity
from indemnity.model.decision import Decision, Ground, Outcome, ReasonCode
from indemnity.model.question import Question, Situation
from indemnity.model.terms import Fact
from indemnity.model.vocabulary import Vocabulary
from indemnity.sweep._careers import Careers
from indemnity.sweep._columns import (
    QUESTION_COLUMNS,
    TableError,
    is_blank,
    read_date,
    read_fact,
    read_name,
)
from indemnity.sweep._summary import Summary
from indemnity.timelines.compiled import CompiledPortfolio
from indemnity.uk.people import PEOPLE, person
from indemnity.uk.registry import catalogue

__all__ = ["OUTPUT", "Sweeper", "sweeper"]

OUTPUT = ("outcome", "schemes", "ask_next", "missing", "reason")
"""The answer columns a sweeper fills, in order."""

Answer = tuple[str, str | None, str | None, str | None, str | None]

_SITUATIONS = 65_536  # distinct activities kept per worker
_ANSWERS = 4_096  # distinct answers' columns kept per worker (most are one person's)
_COMPILED = 4_096  # compiled portfolios kept per worker (a table asks about one person at a time)


class Sweeper:
    """Answers chunks of questions about the people of one careers table (or portfolio files).

    Args:
        careers: Who holds what; None when the questions name portfolio files.
        table: What error messages call the questions table.
        base: The folder portfolio files are named from.
    """

    def __init__(self, careers: Careers | None, table: str, base: Path) -> None:
        self.careers = careers
        self.table = table
        self.base = base
        self._compiled: dict[object, CompiledPortfolio] = {}
        self._files: dict[str, Portfolio] = {}
        self._situations: dict[tuple[object, ...], Situation] = {}
        self._dates: dict[object, _dt.date] = {}
        self._facts: dict[tuple[int, str], Fact] = {}
        self._answers: dict[tuple[object, ...], tuple[object, Answer]] = {}

    # -- whose portfolio ------------------------------------------------------

    def _compile(self, portfolio: Portfolio) -> CompiledPortfolio:
        found = self._compiled.get(portfolio)
        if found is None:
            if len(self._compiled) >= _COMPILED:
                self._compiled.clear()
            found = self._compiled[portfolio] = CompiledPortfolio(portfolio)
        return found

    def _people(self, who: Sequence[object], names: Sequence[object]) -> list[CompiledPortfolio]:
        """The compiled portfolio of each row's person."""
        careers = self.careers
        if careers is None:
            raise TableError.of_table(
                self.table, "person", "a careers table to find people in", "none"
            )
        distinct: dict[str, int] = {}
        texts: list[str] = []
        for i, cell in enumerate(who):
            text = _person_id(cell)
            if text is None:
                raise TableError.in_cell(
                    self.table, names[i], "person", InvalidFieldError("person", "a person", cell)
                )
            texts.append(text)
            distinct.setdefault(text, i)
        places = careers.find(list(distinct))
        compiled: dict[str, CompiledPortfolio] = {}
        for (text, first), place in zip(distinct.items(), places, strict=True):
            if place < 0:
                err = InvalidFieldError(
                    "person",
                    f"a person of the careers table {careers.name}",
                    text,
                    detail="no row of it has that id",
                )
                raise TableError.in_cell(self.table, names[first], "person", err)
            compiled[text] = self._compile(careers.portfolio_at(place))
        return [compiled[t] for t in texts]

    def _files_of(
        self, cells: Sequence[object], names: Sequence[object]
    ) -> list[CompiledPortfolio]:
        """The compiled portfolio of each row's portfolio file or built-in person."""
        out: list[CompiledPortfolio] = []
        last: tuple[object, CompiledPortfolio] | None = None
        for i, cell in enumerate(cells):
            if last is not None and cell == last[0]:
                out.append(last[1])
                continue
            try:
                text = read_name(cell, "portfolio")
                held = self._files.get(text)
                if held is None:
                    held = self._files[text] = self._load(text)
            except (IndemnityError, OSError) as err:
                raise TableError.in_cell(
                    self.table, names[i], "portfolio", _as_field(err)
                ) from None
            last = (cell, self._compile(held))
            out.append(last[1])
        return out

    def _load(self, text: str) -> Portfolio:
        if text in PEOPLE:
            return person(text)
        path = Path(text)
        if not path.is_absolute():
            path = self.base / path
        return load_portfolio(path, catalogue=catalogue())

    # -- what is asked ----------------------------------------------------------

    def _fact(self, words: Vocabulary, column: str) -> Fact:
        key = (id(words), column)
        found = self._facts.get(key)
        if found is None:
            found = self._facts[key] = words.fact(column, column)
        return found

    def _situation(
        self, words: Vocabulary, cells: tuple[object, ...], facts: Sequence[str], name: object
    ) -> Situation:
        """The situation of a row (kind, place, matter, facts), checked once per distinct row."""
        kind, place, matter = cells[0], cells[1], cells[2]
        column = "kind"
        try:
            kind_name = read_name(kind, "kind")
            known: dict[Fact | str, object] = {}
            for column, cell in zip(facts, cells[3 : 3 + len(facts)], strict=True):
                if is_blank(cell):
                    continue
                fact = self._fact(words, column)
                known[fact] = read_fact(fact, cell, column)
            column = "kind"
            activity = Activity(words.kind(kind_name, "kind"), known, vocabulary=words)
            column = "jurisdiction"
            where = words.jurisdiction(read_name(place, "jurisdiction"), "jurisdiction")
            column = "matter"
            asked = (
                None if is_blank(matter) else words.matter(read_name(matter, "matter"), "matter")
            )
            return Situation.ask(activity, where, matter=asked, vocabulary=words)
        except IndemnityError as err:
            raise TableError.in_cell(self.table, name, column, _as_field(err)) from None

    def _date(self, cell: object, column: str, name: object) -> _dt.date:
        found = self._dates.get(cell) if isinstance(cell, str) else None
        if found is None:
            try:
                found = read_date(cell, column)
            except InvalidFieldError as err:
                raise TableError.in_cell(self.table, name, column, err) from None
            if isinstance(cell, str) and len(self._dates) < _SITUATIONS:
                self._dates[cell] = found
        return found

    def _question(
        self, situation: Situation, on: object, claimed: object, notified: object, name: object
    ) -> Question:
        day = self._date(on, "on", name)
        claim = None if is_blank(claimed) else self._date(claimed, "claimed_on", name)
        note = None if is_blank(notified) else self._date(notified, "notified_on", name)
        if claim is not None and claim < day:
            err = InvalidFieldError(
                "claimed_on", f"a date on or after the incident date {day}", claim
            )
            raise TableError.in_cell(self.table, name, "claimed_on", err)
        if note is not None and (note < day or (claim is not None and note > claim)):
            expected = f"a date from the incident date {day}" + (
                f" to the claim date {claim}" if claim is not None else ""
            )
            raise TableError.in_cell(
                self.table, name, "notified_on", InvalidFieldError("notified_on", expected, note)
            )
        return Question(situation, day, claim, note)

    # -- the answers --------------------------------------------------------------

    def _covered(self, grounds: tuple[Ground, ...]) -> Answer:
        """The answer columns of a covered answer, once for each distinct tuple of grounds."""
        key = (Outcome.COVERED, id(grounds))
        found = self._answers.get(key)
        if found is not None:
            return found[1]
        keys = dict.fromkeys(g.scheme or g.cover for g in grounds)
        answer: Answer = (Outcome.COVERED.value, ";".join(keys), None, None, None)
        if len(self._answers) >= _ANSWERS:
            self._answers.clear()
        self._answers[key] = (grounds, answer)
        return answer

    def _answer(self, decision: Decision) -> Answer:
        """The answer columns of a decision, worked out once for each distinct answer.

        A compiled portfolio hands out the same grounds, reasons and settling
        objects for every question of a segment of dates, so they key the
        columns by identity; the key's objects are kept with the value, so an
        identity is never reused while it is kept.
        """
        key = (
            decision.outcome,
            id(decision.grounds),
            id(decision.reasons),
            id(decision.missing),
            id(decision.settling),
            id(decision.question.situation.activity.vocabulary),
        )
        found = self._answers.get(key)
        if found is not None:
            return found[1]
        answer = _columns_of(decision)
        if len(self._answers) >= _ANSWERS:
            self._answers.clear()
        kept = (decision.grounds, decision.reasons, decision.missing, decision.settling)
        self._answers[key] = (kept, answer)
        return answer

    def answer(
        self,
        columns: Mapping[str, Sequence[object]],
        names: Sequence[object],
        rows: int,
        *,
        typed: bool | None = None,
    ) -> tuple[list[Answer], Summary]:
        """Answer the questions of a chunk.

        Args:
            columns: The chunk's columns by name, as Python values: the
                question columns (`QUESTION_COLUMNS`) and facts, by fact name.
            names: How error messages name each row.
            rows: The number of rows.
            typed: Whether a column of what is asked holds anything but text
                (None: look at every cell).

        Returns:
            Each row's answer columns (`OUTPUT`), and the chunk's summary.

        Raises:
            TableError: a cell is wrong; names its row and column.
        """
        empty: list[object] = [None] * rows
        if "person" in columns:
            held = self._people(columns["person"], names)
        elif "portfolio" in columns:
            held = self._files_of(columns["portfolio"], names)
        else:
            raise TableError.of_table(
                self.table, "person", "a column 'person' or 'portfolio'", "neither"
            )
        facts = [c for c in columns if c not in QUESTION_COLUMNS]
        asked = zip(
            columns.get("kind", empty),
            columns.get("jurisdiction", empty),
            columns.get("matter", empty),
            *(columns[f] for f in facts),
            strict=True,
        )
        if typed is None:
            typed = any(
                not all(v is None or type(v) is str for v in columns[c])
                for c in ("kind", "jurisdiction", "matter", *facts)
                if c in columns
            )
        situations = self._situations
        on = columns.get("on", empty)
        claimed = columns.get("claimed_on", empty)
        notified = columns.get("notified_on", empty)
        out: list[Answer] = []
        outcomes: Counter[str] = Counter()
        waiting: Counter[str] = Counter()
        for i, cells in enumerate(asked):
            compiled = held[i]
            words = compiled.vocabulary
            key: tuple[object, ...] = (id(words), *cells)
            if typed:
                key += tuple(type(c) for c in cells)
            situation = situations.get(key)
            if situation is None:
                situation = self._situation(words, cells, facts, names[i])
                if len(situations) >= _SITUATIONS:
                    situations.clear()
                situations[key] = situation
            question = self._question(situation, on[i], claimed[i], notified[i], names[i])
            solved = compiled.solved(question)
            if solved.outcome is Outcome.COVERED:
                # the grounds are there at once: no reasons are built for a covered answer
                answer = self._covered(solved.grounds)
            else:
                answer = self._answer(compiled.decide(question))
            out.append(answer)
            outcomes[answer[0]] += 1
            if answer[3] is not None:
                waiting.update(answer[3].split(";"))
        return out, Summary(rows, dict(outcomes), dict(waiting))


def _columns_of(decision: Decision) -> Answer:
    outcome = decision.outcome
    if outcome is Outcome.COVERED:
        keys = dict.fromkeys(g.scheme or g.cover for g in decision.grounds)
        return (outcome.value, ";".join(keys), None, None, None)
    reasons = decision.reasons
    if outcome is Outcome.UNDETERMINED:
        # the first reason that leaves it open
        opened = [r for r in reasons if r.code.is_open]
        first = (opened or reasons or (None,))[0]
        asked = decision.next_question
        missing = ";".join(sorted(f.name for f in decision.missing))
        code = first.code.value if first is not None else None
        return (outcome.value, None, asked.fact.name if asked else None, missing or None, code)
    # the first reason of an arrangement held on the day, if any: the others were not held
    held = [r for r in reasons if r.code is not ReasonCode.OUTSIDE_PERIOD]
    first = (held or reasons or (None,))[0]
    return (outcome.value, None, None, None, first.code.value if first is not None else None)


def _person_id(cell: object) -> str | None:
    if isinstance(cell, str):
        text = cell.strip()
        return text or None
    if isinstance(cell, bool) or cell is None:
        return None
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return None


def _as_field(err: BaseException) -> InvalidFieldError:
    if isinstance(err, InvalidFieldError):
        return err
    return InvalidFieldError("cell", "a readable value", None, detail=str(err))


_LOCAL = threading.local()


def sweeper(careers: Careers | None, table: str, base: Path) -> Sweeper:
    """This thread's sweeper for `careers`: kept across chunks, so its caches pay off."""
    key = (None if careers is None else careers.token, table, base)
    kept: dict[object, Sweeper] | None = getattr(_LOCAL, "sweepers", None)
    if kept is None:
        kept = _LOCAL.sweepers = {}
    found = kept.get(key)
    if found is None or found.careers is not careers:
        if len(kept) > 8:  # noqa: PLR2004 - a handful of tables per worker at once
            kept.clear()
        found = kept[key] = Sweeper(careers, table, base)
    return found


Run = Callable[..., Any]
