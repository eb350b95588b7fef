"""The date index: a portfolio's memberships by the dates they answer for, and the answer on each.

A membership's answer depends on the incident date only through a few dates
of its own: its period, its retroactive date, its claim window and its
scheme's period in force; everything else (scope, territory, conditions,
exclusions) is the scheme's answer to the situation, worked out once
(`Scheme.answer`). So the incident dates split into *segments* between two
consecutive such dates (the claim dates likewise), and on each segment the
answer is the same.

A membership whose start is unknown answers for incidents before the date it
is known to be held on too, UNDETERMINED where it would cover (waiting on
`HELD_SINCE`): its window reaches back (`MembershipPeriod.reach`), and that
date is a bound like any other.

`DateIndex` holds those dates, sorted, and `DateIndex.solve` gives the answer
on the segment of a pair of dates from the memberships that can apply there.
One index serves the compiled portfolio (answers kept per segment), the
timeline and its gaps (answers swept segment by segment) and the plane of
incident and claim dates. The date rules themselves are the membership's
(`MembershipPeriod.incidents`, `reach`, `claims`, `claim_window`): the index only
reads them.
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import NamedTuple

from indemnity.holdings.membership import MembershipPeriod
from indemnity.model.decision import Ground, Outcome
from indemnity.model.period import Period, merge_periods
from indemnity.model.question import Question
from indemnity.model.terms import Fact

__all__ = ["NEVER", "DateIndex", "Solved", "Window", "day_number"]

NEVER = _dt.date.max.toordinal() + 1
"""A day number after every date: the end of what never ends."""

_NO_FACTS: frozenset[Fact] = frozenset()


def day_number(day: _dt.date | None) -> int:
    """A date as a day number; None (no end) as `NEVER`."""
    return NEVER if day is None else day.toordinal()


class Window(NamedTuple):
    """What the index keeps of one membership, its dates as day numbers.

    Attributes:
        rank: Its place in the portfolio's canonical order.
        membership: The membership.
        start: The first incident day it can answer for (its incident dates
            within its scheme's period in force).
        end: The first incident day it no longer can.
        claims_made: Whether it is claims-made.
        claim_start: Claims-made: the first day of its claim window.
        claim_end: Claims-made: the first day after its claim window.
    """

    rank: int
    membership: MembershipPeriod
    start: int
    end: int
    claims_made: bool
    claim_start: int
    claim_end: int


class Solved(NamedTuple):
    """The answer on one segment of dates, all but the dates themselves.

    Attributes:
        outcome: COVERED, NOT_COVERED or UNDETERMINED.
        grounds: COVERED: what covers.
        missing: UNDETERMINED: the facts that would settle it.
        answering: COVERED: the memberships that cover; UNDETERMINED: those that might.
        windows: UNDETERMINED for want of a claim date: the claim windows that
            would cover, a start of `date.min` meaning "from the incident".
    """

    outcome: Outcome
    grounds: tuple[Ground, ...]
    missing: frozenset[Fact]
    answering: tuple[MembershipPeriod, ...]
    windows: tuple[Period, ...]

    def claim_windows(self, on: _dt.date) -> tuple[Period, ...]:
        """The claim windows for an incident `on`: from the incident, or later."""
        return merge_periods(Period(max(w.start, on), w.end) for w in self.windows)


class DateIndex:
    """The memberships of a portfolio indexed by the dates they can answer for.

    Args:
        memberships: The memberships, in the portfolio's canonical order.
        in_force: Whether each scheme's period in force limits its memberships
            (False to judge the memberships' own dates alone: then a
            membership whose start is unknown counts from the date it is
            known to be held on).
    """

    __slots__ = ("_by_start", "_starts", "bounds", "claim_bounds", "windows")

    def __init__(self, memberships: Sequence[MembershipPeriod], *, in_force: bool = True) -> None:
        always = Period.always()
        windows: list[Window] = []
        bounds: set[int] = set()
        claim_bounds: set[int] = set()
        for rank, m in enumerate(memberships):
            incidents = m.reach if in_force else m.incidents
            scheme_dates = m.scheme.in_force if in_force else always
            start = max(incidents.start, scheme_dates.start).toordinal()
            end = min(day_number(incidents.end), day_number(scheme_dates.end))
            claims_made = m.claims_made
            claims = m.claims
            window = Window(
                rank,
                m,
                start,
                max(start, end),
                claims_made,
                claims.start.toordinal() if claims_made else 0,
                day_number(claims.end) if claims_made else NEVER,
            )
            windows.append(window)
            # Every date where some part of the membership's answer (or of its
            # reasons) changes: its own dates, and its scheme's period in force.
            bounds.update(
                (
                    incidents.start.toordinal(),
                    day_number(incidents.end),
                    scheme_dates.start.toordinal(),
                    day_number(scheme_dates.end),
                    m.period.start.toordinal(),
                    day_number(m.period.end),
                )
            )
            if claims_made:
                bounds.add(window.claim_start)
                claim_bounds.update((window.claim_start, window.claim_end))
            if in_force:
                # Heads of cover with dates of their own cut the segments too.
                for cover in m.scheme.dated_covers:
                    dates = (cover.in_force.start, cover.in_force.end, cover.claims.start)
                    bounds.update(day_number(d) for d in dates)
                    claim_bounds.update(
                        (cover.claims.start.toordinal(), day_number(cover.claims.end))
                    )
        self.windows = tuple(windows)
        self.bounds = sorted(bounds)
        self.claim_bounds = sorted(claim_bounds)
        self._by_start = sorted(windows, key=lambda w: w.start)
        self._starts = [w.start for w in self._by_start]

    def segment(self, on: _dt.date) -> int:
        """The number of the segment of incident dates holding `on`."""
        return bisect_right(self.bounds, on.toordinal())

    def claim_segment(self, claimed_on: _dt.date | None) -> int:
        """The number of the segment of claim dates holding `claimed_on` (-1 for none)."""
        if claimed_on is None:
            return -1
        return bisect_right(self.claim_bounds, claimed_on.toordinal())

    def candidates(self, day: int) -> list[Window]:
        """The memberships that can answer for incident day `day`, in canonical order."""
        found = [w for w in self._by_start[: bisect_right(self._starts, day)] if day < w.end]
        found.sort(key=lambda w: w.rank)
        return found

    def sweep(
        self, start: int, end: int, cuts: Sequence[int] = ()
    ) -> Iterator[tuple[int, int, list[Window]]]:
        """The segments of incident days from `start` to `end`, each with its candidates.

        Args:
            start: The first day.
            end: The first day after the last.
            cuts: More days to cut at.

        Yields:
            (first day, first day after, the candidates in canonical order),
            segment by segment.
        """
        points = sorted({start, end, *(b for b in (*self.bounds, *cuts) if start < b < end)})
        order = self._by_start
        active: dict[int, Window] = {}
        i = 0
        for lo, hi in pairwise(points):
            for rank in [r for r, w in active.items() if w.end <= lo]:
                del active[rank]
            while i < len(order) and order[i].start <= lo:
                w = order[i]
                if w.end > lo:
                    active[w.rank] = w
                i += 1
            yield lo, hi, [active[r] for r in sorted(active)]

    @staticmethod
    def solve(candidates: Sequence[Window], question: Question) -> Solved:
        """The answer from `candidates` to `question`, as each membership decides it.

        Args:
            candidates: The memberships that can answer for the incident date.
            question: The question, on a date of the segment to solve (and,
                with a claim date, a claim date of the claim segment).
        """
        grounds: list[Ground] = []
        covering: list[MembershipPeriod] = []
        maybe: list[MembershipPeriod] = []
        windows: list[Period] = []
        missing: set[Fact] = set()
        on = question.on
        for w in candidates:
            m = w.membership
            decision = m.decide(question)
            if decision.outcome is Outcome.COVERED:
                grounds.extend(decision.grounds)
                covering.append(m)
            elif decision.outcome is Outcome.UNDETERMINED:
                maybe.append(m)
                missing |= decision.missing
                windows.extend(
                    Period(_dt.date.min if p.start <= on else p.start, p.end)
                    for p in decision.claim_windows
                )
        if covering:
            return Solved(Outcome.COVERED, tuple(grounds), _NO_FACTS, tuple(covering), ())
        if maybe:
            return Solved(
                Outcome.UNDETERMINED, (), frozenset(missing), tuple(maybe), merge_periods(windows)
            )
        return Solved(Outcome.NOT_COVERED, (), _NO_FACTS, (), ())

    @staticmethod
    def solve_by_dates(candidates: Sequence[Window], claim_day: int | None) -> Solved:
        """Every candidate taken to cover wherever its own dates allow: a switch's question.

        Args:
            candidates: The memberships that can answer for the incident day.
            claim_day: The claim date as a day number, or None when unknown.
        """
        covering = tuple(
            w.membership
            for w in candidates
            if not w.claims_made or claim_day is None or w.claim_start <= claim_day < w.claim_end
        )
        if covering:
            return Solved(Outcome.COVERED, (), _NO_FACTS, covering, ())
        return Solved(Outcome.NOT_COVERED, (), _NO_FACTS, (), ())
