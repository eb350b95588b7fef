"""A portfolio compiled once, for many fast questions: the path services and sweeps use.

`Portfolio.decide` asks every membership and builds every reason. That is
right for one question and too slow for thousands a second. A
`CompiledPortfolio` answers the same questions with the same decisions, faster:

- an index of the memberships by the incident dates they can answer for
  (sorted day numbers searched with `bisect`), so memberships that cannot
  apply on the day are skipped without building their reasons;
- each scheme's answer to an activity, jurisdiction, matter and set of options
  is worked out once and kept, shared by every compiled portfolio of the
  process (it depends on neither the date nor whose portfolio it is, so a
  sweep over a workforce works out each kind of answer once);
- the answer is constant between two consecutive dates where a membership,
  a retroactive date, a claim window or a scheme's period begins or ends, so
  it is kept per such segment of incident dates (and of claim dates), per
  activity, jurisdiction and matter: a repeated kind of question costs two
  binary searches and a dictionary lookup;
- the reasons are left to a `LazyReasons` sequence, which works them out by
  the plain path the first time they are read.

The outcome, grounds, missing facts and claim windows are built at once and
equal the plain path's; the test suite checks that both paths give equal
decisions on random portfolios and questions. `outcome` and `outcomes` skip
building decisions altogether, for sweeps that only count.

A compiled portfolio pickles as its portfolio, and rebuilds its index where it
is unpickled, so it can be sent to worker processes (multiprocessing, Dask,
Spark).
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from indemnity.decision import CLAIM_DATE, Decision, Ground, LazyReasons, Outcome
from indemnity.errors import InvalidFieldError
from indemnity.matter import Matter
from indemnity.period import Period, merge_periods
from indemnity.question import Question
from indemnity.scheme import Basis

if TYPE_CHECKING:
    from indemnity.activity import Activity
    from indemnity.cover import Cover
    from indemnity.jurisdiction import Jurisdiction
    from indemnity.membership import MembershipPeriod
    from indemnity.portfolio import Portfolio
    from indemnity.scheme import Scheme

__all__ = ["CompiledPortfolio"]

_NEVER = _dt.date.max.toordinal() + 1
_NO_FACTS: frozenset[str] = frozenset()
_CACHE_LIMIT = 65_536


class _Entry(NamedTuple):
    """What the index keeps of one membership, with its dates as day numbers."""

    membership: MembershipPeriod
    scheme: Scheme
    options: frozenset[str]
    start: int  # first incident day it answers for
    end: int  # first incident day it no longer answers for
    in_force_start: int
    in_force_end: int
    claims_made: bool
    claims: Period
    claim_start: int
    claim_end: int


class _Solved(NamedTuple):
    """The answer on one segment of dates, all but the dates themselves."""

    outcome: Outcome
    grounds: tuple[Ground, ...]
    missing: frozenset[str]
    windows: tuple[_Entry, ...]  # claims-made memberships whose claim window would cover


class _Answer(NamedTuple):
    """A scheme's answer, which does not depend on the date: outcome, covers, missing."""

    outcome: Outcome
    covers: tuple[Cover, ...]
    missing: frozenset[str]


# Keyed by values (schemes compare and hash by their rules), so sharing is safe.
_ANSWERS: dict[tuple[object, ...], _Answer] = {}


def _end(day: _dt.date | None) -> int:
    return _NEVER if day is None else day.toordinal()


class CompiledPortfolio:
    """A `Portfolio` compiled into an index, answering exactly as the portfolio does.

    >>> fast = Portfolio([]).compile()
    >>> fast.is_covered(Activity.of("good-samaritan"), date(2025, 3, 10), "england").outcome
    <Outcome.NOT_COVERED: 'not-covered'>

    Args:
        portfolio: The portfolio to compile.

    Raises:
        InvalidFieldError: `portfolio` is not a `Portfolio`.
    """

    __slots__ = (
        "_bounds",
        "_claim_bounds",
        "_entries",
        "_solved",
        "_starts",
        "portfolio",
    )

    def __init__(self, portfolio: Portfolio) -> None:
        from indemnity.portfolio import Portfolio  # noqa: PLC0415 - portfolio imports this module

        if not isinstance(portfolio, Portfolio):
            raise InvalidFieldError("portfolio", "a Portfolio", portfolio)
        self.portfolio = portfolio
        entries = []
        for m in portfolio.memberships:  # canonical order, so grounds come out in plain order
            incidents, claims = m.incidents, m.claims
            entries.append(
                _Entry(
                    m,
                    m.scheme,
                    m.options,
                    incidents.start.toordinal(),
                    _end(incidents.end),
                    m.scheme.in_force.start.toordinal(),
                    _end(m.scheme.in_force.end),
                    m.scheme.basis is Basis.CLAIMS_MADE,
                    claims,
                    claims.start.toordinal(),
                    _end(claims.end),
                )
            )
        order = sorted(range(len(entries)), key=lambda i: entries[i].start)
        self._starts = [entries[i].start for i in order]
        # Positions into the canonical list, by start: the search needs one, the answer the other.
        self._entries = [(entries[i], i) for i in order]
        self._solved: dict[tuple[object, ...], _Solved] = {}
        bounds: set[int] = set()
        claim_bounds: set[int] = set()
        for e in entries:
            bounds.update((e.start, e.end, e.in_force_start, e.in_force_end))
            if e.claims_made:
                claim_bounds.update((e.claim_start, e.claim_end))
        self._bounds = sorted(bounds)
        self._claim_bounds = sorted(claim_bounds)

    def __reduce__(self) -> tuple[object, ...]:
        return (CompiledPortfolio, (self.portfolio,))

    def __repr__(self) -> str:
        return f"CompiledPortfolio({self.portfolio!r})"

    def _candidates(self, day: int) -> list[_Entry]:
        """The memberships whose incident dates include `day`, in canonical order."""
        found = [(i, e) for e, i in self._entries[: bisect_right(self._starts, day)] if day < e.end]
        found.sort(key=lambda pair: pair[0])
        return [e for _, e in found]

    @staticmethod
    def _answer(entry: _Entry, question: Question) -> _Answer:
        """The scheme's answer, from the process-wide table or worked out and kept there."""
        key = (
            entry.scheme,
            entry.options,
            question.activity,
            question.jurisdiction,
            question.matter,
        )
        answer = _ANSWERS.get(key)
        if answer is None:
            plain = entry.scheme.decide(question, membership=None, options=entry.options)
            answer = _Answer(plain.outcome, tuple(g.cover for g in plain.grounds), plain.missing)
            if len(_ANSWERS) >= _CACHE_LIMIT:
                _ANSWERS.clear()
            _ANSWERS[key] = answer
        return answer

    def _answer_on(
        self, entry: _Entry, question: Question, day: int, claim_day: int | None
    ) -> _Answer | None:
        """The scheme's answer through `entry`, or None if its dates rule it out."""
        if not entry.in_force_start <= day < entry.in_force_end:
            return None
        if (
            entry.claims_made
            and claim_day is not None
            and not (entry.claim_start <= claim_day < entry.claim_end)
        ):
            return None
        return self._answer(entry, question)

    def _key(self, question: Question) -> tuple[object, ...]:
        """The segment of incident (and claim) dates, activity, place and matter."""
        claim = question.claimed_on
        return (
            bisect_right(self._bounds, question.on.toordinal()),
            -1 if claim is None else bisect_right(self._claim_bounds, claim.toordinal()),
            question.activity,
            question.jurisdiction,
            question.matter,
        )

    def _solve(self, question: Question) -> _Solved:
        """The answer for the segment of dates `question` falls in, worked out once."""
        key = self._key(question)
        solved = self._solved.get(key)
        if solved is not None:
            return solved
        grounds: list[Ground] = []
        missing: set[str] = set()
        windows: list[_Entry] = []
        open_ = False
        day = question.on.toordinal()
        claim = question.claimed_on
        claim_day = None if claim is None else claim.toordinal()
        for entry in self._candidates(day):
            answer = self._answer_on(entry, question, day, claim_day)
            if answer is None or answer.outcome is Outcome.NOT_COVERED:
                continue
            if entry.claims_made and claim_day is None:
                open_ = True
                missing |= answer.missing
                missing.add(CLAIM_DATE)
                if answer.outcome is Outcome.COVERED:
                    windows.append(entry)
                continue
            if answer.outcome is Outcome.COVERED:
                grounds.extend(Ground(c, entry.scheme, entry.membership) for c in answer.covers)
            else:
                open_ = True
                missing |= answer.missing
        if grounds:
            solved = _Solved(Outcome.COVERED, tuple(grounds), _NO_FACTS, ())
        elif open_:
            solved = _Solved(Outcome.UNDETERMINED, (), frozenset(missing), tuple(windows))
        else:
            solved = _Solved(Outcome.NOT_COVERED, (), _NO_FACTS, ())
        if len(self._solved) >= _CACHE_LIMIT:
            self._solved.clear()
        self._solved[key] = solved
        return solved

    def decide(self, question: Question) -> Decision:
        """Answer an already validated `question`, exactly as `Portfolio.decide` does.

        Args:
            question: The question.

        Returns:
            The decision; its `reasons` are worked out when first read.
        """
        solved = self._solve(question)
        reasons = LazyReasons(self.portfolio, question)
        if solved.outcome is Outcome.UNDETERMINED:
            on = question.on
            windows = merge_periods(
                Period(max(e.claims.start, on), e.claims.end) for e in solved.windows
            )
            return Decision(Outcome.UNDETERMINED, question, (), reasons, solved.missing, windows)
        return Decision(solved.outcome, question, solved.grounds, reasons)

    def outcome(self, question: Question) -> Outcome:
        """Only the outcome of `question`: no decision is built.

        Args:
            question: The question.

        Returns:
            COVERED, NOT_COVERED or UNDETERMINED, as `decide` would answer.
        """
        return self._solve(question).outcome

    def is_covered(
        self,
        activity: Activity,
        on: _dt.date,
        jurisdiction: Jurisdiction | str,
        *,
        matter: Matter | str = Matter.CLINICAL_NEGLIGENCE,
        claimed_on: _dt.date | None = None,
    ) -> Decision:
        """Validate a question and answer it; see `Portfolio.is_covered`.

        Raises:
            IndemnityError: a part of the question is invalid.
        """
        return self.decide(
            Question.ask(activity, on, jurisdiction, matter=matter, claimed_on=claimed_on)
        )

    def decide_many(self, questions: Iterable[Question]) -> Iterator[Decision]:
        """Answer a stream of validated questions, lazily, in order.

        Args:
            questions: Any iterable of `Question`s (a generator is fine).

        Yields:
            One decision per question.
        """
        decide = self.decide
        for question in questions:
            yield decide(question)

    def outcomes(self, questions: Iterable[Question]) -> Iterator[Outcome]:
        """Only the outcomes of a stream of validated questions, lazily, in order.

        Args:
            questions: Any iterable of `Question`s.

        Yields:
            One outcome per question.
        """
        # The loop of `_key` and `_solve`, inlined: this is the sweep's hot path.
        known = self._solved
        bounds, claim_bounds, solve = self._bounds, self._claim_bounds, self._solve
        for q in questions:
            claim = q.claimed_on
            solved = known.get(
                (
                    bisect_right(bounds, q.on.toordinal()),
                    -1 if claim is None else bisect_right(claim_bounds, claim.toordinal()),
                    q.activity,
                    q.jurisdiction,
                    q.matter,
                )
            )
            yield (solved if solved is not None else solve(q)).outcome
