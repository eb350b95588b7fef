"""The date index: a portfolio's memberships by the dates they answer for, and the answer on each.

A membership's answer depends on the incident date only through a few dates
of its own: its period, its retroactive date, its claim window and its
scheme's period in force; everything else (scope, territory, conditions,
exclusions) is the scheme's answer to the situation, worked out once
(`Scheme.answer`). So the incident dates split into *segments* between two
consecutive such dates (the claim dates likewise), and on each segment the
answer is the same.

`DateIndex` holds those dates, sorted, and `DateIndex.solve` gives the answer
on the segment of a pair of dates from the memberships that can apply there.
One index serves the compiled portfolio (answers kept per segment), the
timeline and its gaps (answers swept segment by segment) and the plane of
incident and claim dates. The date rules themselves are the membership's
(`MembershipPeriod.incidents`, `claims`, `claim_window`): the index only reads them.
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import NamedTuple

from indemnity.holdings.membership import MembershipPeriod
from indemnity.model.decision import Answer, Ground, Outcome
from indemnity.model.period import Period, merge_periods
from indemnity.model.question import Situation
from indemnity.model.terms import CLAIM_DATE, Fact

__all__ = ["NEVER", "DateIndex", "Solved", "Window", "day_number"]

NEVER = _dt.date.max.toordinal() + 1
"""A day number after every date: the end of what never ends."""

_NO_FACTS: frozenset[Fact] = frozenset()
_COVERS = Answer(Outcome.COVERED)


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
        waiting: UNDETERMINED: the claims-made memberships that cover if the
            claim is made in their window.
    """

    outcome: Outcome
    grounds: tuple[Ground, ...]
    missing: frozenset[Fact]
    answering: tuple[MembershipPeriod, ...]
    waiting: tuple[MembershipPeriod, ...]

    def claim_windows(self, on: _dt.date) -> tuple[Period, ...]:
        """The claim dates for which the waiting memberships answer an incident `on`."""
        return merge_periods(m.claim_window(on) for m in self.waiting)


class DateIndex:
    """The memberships of a portfolio indexed by the dates they can answer for.

    Args:
        memberships: The memberships, in the portfolio's canonical order.
        in_force: Whether each scheme's period in force limits its memberships
            (False to judge the memberships' own dates alone).
    """

    __slots__ = ("_by_start", "_starts", "bounds", "claim_bounds", "windows")

    def __init__(self, memberships: Sequence[MembershipPeriod], *, in_force: bool = True) -> None:
        always = Period.always()
        windows: list[Window] = []
        bounds: set[int] = set()
        claim_bounds: set[int] = set()
        for rank, m in enumerate(memberships):
            incidents = m.incidents
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
    def solve(
        candidates: Sequence[Window], situation: Situation | None, claim_day: int | None
    ) -> Solved:
        """The answer from `candidates` to `situation`, with the claim on `claim_day` (if known).

        Args:
            candidates: The memberships that can answer for the incident day.
            situation: What was done, where, and the kind of matter; None to
                take every membership as covering wherever its dates allow.
            claim_day: The claim date as a day number, or None when unknown.
        """
        grounds: list[Ground] = []
        covering: list[MembershipPeriod] = []
        maybe: list[MembershipPeriod] = []
        waiting: list[MembershipPeriod] = []
        missing: set[Fact] = set()
        for w in candidates:
            m = w.membership
            if (
                w.claims_made
                and claim_day is not None
                and not (w.claim_start <= claim_day < w.claim_end)
            ):
                continue
            answer = _COVERS if situation is None else m.scheme.answer(situation, m.options)
            if answer.outcome is Outcome.NOT_COVERED:
                continue
            if w.claims_made and claim_day is None:
                maybe.append(m)
                missing |= answer.missing
                missing.add(CLAIM_DATE)
                if answer.outcome is Outcome.COVERED:
                    waiting.append(m)
                continue
            if answer.outcome is Outcome.COVERED:
                label = m.describe()
                grounds.extend(g.within(label) for g in answer.grounds)
                covering.append(m)
            else:
                maybe.append(m)
                missing |= answer.missing
        if covering:
            return Solved(Outcome.COVERED, tuple(grounds), _NO_FACTS, tuple(covering), ())
        if maybe:
            return Solved(
                Outcome.UNDETERMINED, (), frozenset(missing), tuple(maybe), tuple(waiting)
            )
        return Solved(Outcome.NOT_COVERED, (), _NO_FACTS, (), ())
