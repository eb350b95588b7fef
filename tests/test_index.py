"""Tests for `indemnity.timelines.index`: memberships by the dates they answer for, and solving."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from indemnity import Activity, Is, Outcome, Period, Question, Situation
from indemnity.model.terms import CLAIM_DATE
from indemnity.timelines.index import NEVER, DateIndex
from tests.builders import D, cover, held, portfolio, requirement, scheme
from tests.strategies import window_activities, window_days, window_portfolios, window_spans

MDO = scheme("mdo")
POLICY = scheme("policy", basis="claims-made", kind="contractual-insurance")
LATE = scheme("late", in_force=Period(D(2020, 3, 1)))
SUPERVISED = scheme(
    "supervised",
    covers=(cover(requires=(requirement(Is("supervised", True), "the doctor is supervised"),)),),
)

OCC = held(MDO, D(2020, 1, 1), D(2020, 6, 1), label="MDO")
CM = held(
    POLICY,
    D(2020, 4, 1),
    D(2020, 10, 1),
    retroactive_date=D(2020, 2, 1),
    run_off_end=D(2021, 1, 1),
    label="Policy",
)
OPEN = held(LATE, D(2020, 1, 1), label="Late")
WORK = Activity.of("private-practice")
HERE = Situation.ask(WORK, "england")


def day(on: dt.date) -> int:
    """A date as the index's day number."""
    return on.toordinal()


def index(*memberships, in_force: bool = True) -> DateIndex:
    """The index of `memberships`, in a portfolio's canonical order."""
    return DateIndex(portfolio(*memberships).memberships, in_force=in_force)


class TestWindows:
    """Each membership is kept as the day numbers it answers for."""

    def test_occurrence(self):
        """Occurrence: its period, and no claim window to speak of."""
        (w,) = index(OCC).windows
        assert (w.rank, w.membership, w.start, w.end) == (
            0,
            OCC,
            day(D(2020, 1, 1)),
            day(D(2020, 6, 1)),
        )
        assert (w.claims_made, w.claim_start, w.claim_end) == (False, 0, NEVER)

    def test_claims_made(self):
        """Claims-made: incidents from the retroactive date, claims to the run-off's end."""
        (w,) = index(CM).windows
        assert (w.start, w.end) == (day(D(2020, 2, 1)), day(D(2020, 10, 1)))
        assert (w.claims_made, w.claim_start, w.claim_end) == (
            True,
            day(D(2020, 4, 1)),
            day(D(2021, 1, 1)),
        )

    def test_open_and_limited_by_the_scheme(self):
        """An open membership never ends; its scheme's period in force limits where it starts."""
        (w,) = index(OPEN).windows
        assert (w.start, w.end) == (day(D(2020, 3, 1)), NEVER)
        (mine,) = index(OPEN, in_force=False).windows
        assert mine.start == day(D(2020, 1, 1))

    def test_ranks_follow_the_canonical_order(self):
        """Ranks are the places of the memberships in the portfolio's order."""
        found = index(CM, OPEN, OCC).windows
        assert [w.rank for w in found] == [0, 1, 2]
        assert [w.membership for w in found] == list(portfolio(CM, OPEN, OCC).memberships)


class TestSegments:
    """Dates split into segments between the dates where some answer can change."""

    def test_bounds_are_every_date_of_every_membership(self):
        """The bounds hold the periods, retroactive dates, claim openings and periods in force."""
        found = index(OCC, CM, OPEN)
        expected = {
            D(2020, 1, 1),
            D(2020, 6, 1),
            D(2020, 2, 1),
            D(2020, 4, 1),
            D(2020, 10, 1),
            D(2020, 3, 1),
            dt.date.min,
        }
        assert found.bounds == sorted({day(d) for d in expected} | {NEVER})
        assert found.claim_bounds == [day(D(2020, 4, 1)), day(D(2021, 1, 1))]

    def test_a_bound_opens_a_new_segment(self):
        """A date on a bound starts a segment; the day before is in the previous one."""
        found = index(OCC)
        assert found.segment(D(2019, 12, 31)) + 1 == found.segment(D(2020, 1, 1))
        assert found.segment(D(2020, 1, 1)) == found.segment(D(2020, 5, 31))
        assert found.segment(D(2020, 6, 1)) == found.segment(D(2020, 5, 31)) + 1

    def test_claim_segments(self):
        """Claim dates split at claim windows; no claim date is segment -1."""
        found = index(CM)
        assert found.claim_segment(None) == -1
        assert found.claim_segment(D(2020, 3, 31)) == 0
        assert found.claim_segment(D(2020, 4, 1)) == found.claim_segment(D(2020, 12, 31)) == 1
        assert found.claim_segment(D(2021, 1, 1)) == 2

    def test_occurrence_has_no_claim_bounds(self):
        """Occurrence cover does not turn on the claim date: every claim is in one segment."""
        assert index(OCC, OPEN).claim_bounds == []


class TestCandidates:
    """candidates() finds the memberships that can answer for a day, in canonical order."""

    def test_inside_and_outside(self):
        """A day finds the memberships whose incident dates hold it, and only those."""
        found = index(OCC, CM, OPEN)
        names = lambda on: [w.membership.label for w in found.candidates(day(on))]  # noqa: E731
        assert names(D(2019, 12, 31)) == []
        assert names(D(2020, 1, 15)) == ["MDO"]
        assert names(D(2020, 2, 1)) == ["MDO", "Policy"]
        assert names(D(2020, 3, 1)) == ["MDO", "Late", "Policy"]
        assert names(D(2020, 6, 1)) == ["Late", "Policy"]
        assert names(D(2020, 10, 1)) == ["Late"]

    def test_in_canonical_order(self):
        """Candidates come in rank order whatever their starts."""
        found = index(OCC, CM, OPEN)
        ranks = [w.rank for w in found.candidates(day(D(2020, 5, 1)))]
        assert ranks == sorted(ranks)


class TestSweep:
    """sweep() walks the segments of a span with their candidates."""

    def test_segments_of_a_span(self):
        """The span is cut at every bound inside it, each piece with its candidates."""
        found = index(OCC, CM)
        pieces = [
            (dt.date.fromordinal(lo), dt.date.fromordinal(hi), [w.membership.label for w in ws])
            for lo, hi, ws in found.sweep(day(D(2019, 12, 1)), day(D(2020, 12, 1)))
        ]
        assert pieces == [
            (D(2019, 12, 1), D(2020, 1, 1), []),
            (D(2020, 1, 1), D(2020, 2, 1), ["MDO"]),
            (D(2020, 2, 1), D(2020, 4, 1), ["MDO", "Policy"]),
            (D(2020, 4, 1), D(2020, 6, 1), ["MDO", "Policy"]),
            (D(2020, 6, 1), D(2020, 10, 1), ["Policy"]),
            (D(2020, 10, 1), D(2020, 12, 1), []),
        ]

    def test_more_cuts(self):
        """Extra cuts split a segment; cuts outside the span are ignored."""
        found = index(OCC)
        cuts = [day(D(2020, 3, 1)), day(D(2030, 1, 1))]
        pieces = [
            (lo, hi) for lo, hi, _ in found.sweep(day(D(2020, 1, 1)), day(D(2020, 6, 1)), cuts)
        ]
        assert pieces == [
            (day(D(2020, 1, 1)), day(D(2020, 3, 1))),
            (day(D(2020, 3, 1)), day(D(2020, 6, 1))),
        ]

    @given(portfolio=window_portfolios, span=window_spans())
    def test_the_sweep_tiles_the_span_with_each_days_candidates(self, portfolio, span):
        """The segments tile the span, and every day of one has the segment's candidates."""
        found = DateIndex(portfolio.memberships)
        a, b = day(span.start), day(span.end)
        pieces = list(found.sweep(a, b))
        assert pieces[0][0] == a
        assert pieces[-1][1] == b
        for (_, hi, _), (lo, _, _) in itertools.pairwise(pieces):
            assert hi == lo
        for lo, hi, candidates in pieces:
            for n in range(lo, hi):
                assert found.candidates(n) == candidates


class TestSolve:
    """solve() gives the answer of a segment from its candidates."""

    def test_covered(self):
        """An occurrence candidate that answers covers, its ground held through it."""
        solved = DateIndex.solve(
            index(OCC).candidates(day(D(2020, 3, 1))), Question(HERE, D(2020, 3, 1))
        )
        assert solved.outcome is Outcome.COVERED
        assert solved.answering == (OCC,)
        assert [g.membership for g in solved.grounds] == ["MDO"]
        assert (solved.missing, solved.windows) == (frozenset(), ())

    def test_no_candidates(self):
        """No candidate: NOT_COVERED with nothing else."""
        solved = DateIndex.solve([], Question(HERE, D(2020, 3, 1)))
        assert solved == (Outcome.NOT_COVERED, (), frozenset(), (), ())

    def test_claims_made_without_a_claim_date_waits(self):
        """Claims-made cover without a claim date is UNDETERMINED, waiting on the claim date."""
        found = index(CM)
        solved = DateIndex.solve(
            found.candidates(day(D(2020, 3, 1))), Question(HERE, D(2020, 3, 1))
        )
        assert solved.outcome is Outcome.UNDETERMINED
        assert solved.missing == frozenset({CLAIM_DATE})
        assert solved.answering == (CM,)
        assert solved.windows == (Period(D(2020, 4, 1), D(2021, 1, 1)),)
        assert solved.claim_windows(D(2020, 3, 1)) == (Period(D(2020, 4, 1), D(2021, 1, 1)),)
        assert solved.claim_windows(D(2020, 5, 1)) == (Period(D(2020, 5, 1), D(2021, 1, 1)),)

    def test_claims_made_with_a_claim_date(self):
        """A claim in the window covers; a claim outside it rules the membership out."""
        candidates = index(CM).candidates(day(D(2020, 3, 1)))
        inside = DateIndex.solve(candidates, Question(HERE, D(2020, 3, 1), D(2020, 12, 31)))
        outside = DateIndex.solve(candidates, Question(HERE, D(2020, 3, 1), D(2021, 1, 1)))
        assert (inside.outcome, inside.answering) == (Outcome.COVERED, (CM,))
        assert (outside.outcome, outside.answering) == (Outcome.NOT_COVERED, ())

    def test_a_scheme_that_says_no(self):
        """A candidate whose scheme does not answer for the situation is passed over."""
        abroad = Situation.ask(WORK, "jersey")
        solved = DateIndex.solve(
            index(OCC).candidates(day(D(2020, 3, 1))), Question(abroad, D(2020, 3, 1))
        )
        assert solved.outcome is Outcome.NOT_COVERED

    def test_a_fact_to_find_out(self):
        """A candidate that might answer leaves the answer UNDETERMINED, naming the fact."""
        maybe = held(SUPERVISED, D(2020, 1, 1))
        solved = DateIndex.solve(
            index(maybe).candidates(day(D(2020, 3, 1))), Question(HERE, D(2020, 3, 1))
        )
        assert solved.outcome is Outcome.UNDETERMINED
        assert solved.missing == frozenset({"supervised"})
        assert (solved.answering, solved.windows) == ((maybe,), ())

    def test_covered_outranks_undetermined(self):
        """One candidate covering settles it, whatever the others might do."""
        maybe = held(SUPERVISED, D(2020, 1, 1))
        candidates = index(OCC, maybe).candidates(day(D(2020, 3, 1)))
        solved = DateIndex.solve(candidates, Question(HERE, D(2020, 3, 1)))
        assert (solved.outcome, solved.answering, solved.missing) == (
            Outcome.COVERED,
            (OCC,),
            frozenset(),
        )

    def test_dates_alone(self):
        """Without a situation, a candidate is taken to cover wherever its dates allow."""
        conditional = held(SUPERVISED, D(2020, 1, 1))
        solved = DateIndex.solve_by_dates(index(conditional).candidates(day(D(2020, 3, 1))), None)
        assert (solved.outcome, solved.answering, solved.grounds) == (
            Outcome.COVERED,
            (conditional,),
            (),
        )

    @given(
        portfolio=window_portfolios, activity=window_activities, on=window_days(), data=st.data()
    )
    def test_solving_a_day_agrees_with_the_portfolio(self, portfolio, activity, on, data):
        """The answer solved from a day's candidates is the portfolio's, field by field."""
        later = st.integers(0, 200).map(lambda n: on + dt.timedelta(days=n))
        claimed_on = data.draw(st.none() | later)
        question = Question.ask(activity, on, "england", claimed_on=claimed_on)
        decision = portfolio.decide(question)
        found = DateIndex(portfolio.memberships)
        solved = DateIndex.solve(found.candidates(day(on)), question)
        assert solved.outcome is decision.outcome
        assert solved.grounds == decision.grounds
        assert solved.missing == decision.missing
        if decision.outcome is Outcome.UNDETERMINED:
            assert solved.claim_windows(on) == decision.claim_windows
