"""Switching provider and renewing: the gaps a switch leaves, and what closes them."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from indemnity import (
    Activity,
    Basis,
    InvalidFieldError,
    MembershipPeriod,
    Outcome,
    Period,
    Portfolio,
    Switch,
    SwitchStepKind,
    renewal_dates,
    renewals,
)
from tests.strategies import (
    CLAIMS_MADE_POLICY,
    OCCURRENCE_MDO,
    OTHER_MDO,
    OTHER_POLICY,
    T0,
    switches,
)

D = dt.date
WORK = Activity.of("private-practice")


def days(n: int) -> dt.timedelta:
    """`n` days."""
    return dt.timedelta(days=n)


class TestOccurrenceSwitch:
    """Between two occurrence memberships, a day apart is a day of uncovered incidents."""

    @given(start=st.integers(0, 400), held=st.integers(1, 900), early=st.integers(0, 400))
    def test_no_gap_in_an_occurrence_switch_joined_on_or_before_the_old_end(
        self, start, held, early
    ):
        """Joining on or before the day the old membership ends leaves no gap."""
        begins = T0 + days(start)
        left = begins + days(held)
        old = MembershipPeriod(OCCURRENCE_MDO, Period(begins, left))
        switch = Switch.on(old, OTHER_MDO, left, joined_on=left - days(early))
        span = Period(begins, left + days(400))
        assert switch.portfolio().gaps(WORK, "england", span) == ()
        plan = switch.plan(claim_horizon=left + days(400))
        assert plan.gap_free
        assert plan.overlap_days == early

    @given(start=st.integers(0, 400), held=st.integers(1, 900), late=st.integers(1, 400))
    def test_an_occurrence_switch_k_days_late_leaves_a_gap_of_exactly_k_days(
        self, start, held, late
    ):
        """Joining k days after the old membership ends leaves exactly those k days uncovered."""
        begins = T0 + days(start)
        left = begins + days(held)
        old = MembershipPeriod(OCCURRENCE_MDO, Period(begins, left))
        switch = Switch.on(old, OTHER_MDO, left, joined_on=left + days(late))
        span = Period(begins - days(1), left + days(500))
        before = Period(span.start, begins)
        gaps = [g for g in switch.portfolio().gaps(WORK, "england", span) if g.incidents != before]
        assert [g.incidents for g in gaps] == [Period(left, left + days(late))]
        assert gaps[0].days == late
        plan = switch.plan(claim_horizon=left + days(500))
        assert [(g.incidents, g.claims) for g in plan.gaps] == [(gaps[0].incidents, None)]
        (route,) = plan.routes
        assert [(s.kind, s.date, s.met) for s in route.steps] == [
            (SwitchStepKind.JOIN_BY, left, False)
        ]


class TestClaimsMadeToOccurrence:
    """Leaving claims-made cover for occurrence cover needs run-off."""

    @given(
        start=st.integers(0, 300),
        years=st.integers(1, 4),
        month=st.none() | st.integers(1, 12),
        horizon=st.integers(1, 4000),
    )
    def test_without_run_off_the_claims_made_years_are_uncovered_for_later_claims(
        self, start, years, month, horizon
    ):
        """Every claims-made incident claimed after the switch is uncovered, and nothing else."""
        policy = renewals(CLAIMS_MADE_POLICY, T0 + days(start), count=years, renewal_month=month)
        left = policy[-1].period.end
        assert left is not None
        held = Portfolio((*policy, MembershipPeriod(OCCURRENCE_MDO, Period(left))))
        end = left + days(horizon)
        span = Period(policy[0].period.start, end)
        gaps = held.gaps(WORK, "england", span, claim_horizon=end)
        assert [(g.incidents, g.claims) for g in gaps] == [
            (Period(span.start, left), Period(left, end))
        ]
        assert held.gaps(WORK, "england", span) == ()
        undetermined = held.timeline(WORK, "england", span).undetermined
        assert {w for s in undetermined for w in s.claim_windows} == {Period(D.min, left)}

    @given(
        start=st.integers(0, 300),
        years=st.integers(1, 4),
        horizon=st.integers(1, 4000),
        spare=st.integers(0, 400),
    )
    def test_with_run_off_to_the_horizon_it_leaves_no_gap(self, start, years, horizon, spare):
        """Run-off that reaches the horizon leaves no incident uncovered for any claim."""
        first = T0 + days(start)
        left = renewal_dates(first, count=years + 1)[-1]
        end = left + days(horizon)
        policy = renewals(CLAIMS_MADE_POLICY, first, count=years, run_off_end=end + days(spare))
        held = Portfolio((*policy, MembershipPeriod(OCCURRENCE_MDO, Period(left))))
        span = Period(first, end)
        assert held.gaps(WORK, "england", span, claim_horizon=end) == ()

    def test_the_plan_asks_for_run_off_to_the_horizon(self):
        """The plan names the run-off needed, with its length."""
        policy = renewals(CLAIMS_MADE_POLICY, D(2023, 1, 1), count=3, label="Policy")
        plan = Switch.on(policy[-1], OCCURRENCE_MDO, D(2026, 1, 1)).plan(
            claim_horizon=D(2033, 1, 1)
        )
        assert [r.name for r in plan.routes] == ["run-off", "occurrence cover from the start"]
        join, run_off = plan.routes[0].steps
        assert join.met
        assert (run_off.kind, run_off.date, run_off.met) == (
            SwitchStepKind.RUN_OFF,
            D(2033, 1, 1),
            False,
        )
        assert "(7 years after leaving)" in run_off.text
        text = plan.explain()
        assert "incidents 2023-01-01..2026-01-01 (1,096 days)" in text
        assert "claimed from 2026-01-01 and before 2033-01-01" in text
        assert "[ ] buy run-off on Policy 2025-01-01..2026-01-01 until at least 2033-01-01" in text


class TestClaimsMadeToClaimsMade:
    """Between claims-made policies, prior-acts cover is the other way."""

    def test_prior_acts_or_run_off(self):
        """A new claims-made policy closes the gap by taking the old retroactive date."""
        old = MembershipPeriod(
            CLAIMS_MADE_POLICY, Period(D(2023, 1, 1), D(2025, 1, 1)), label="Old policy"
        )
        switch = Switch.on(old, OTHER_POLICY, D(2025, 1, 1))
        plan = switch.plan(claim_horizon=D(2032, 1, 1))
        assert [r.name for r in plan.routes] == ["run-off", "prior-acts cover"]
        nose = plan.routes[1].steps[1]
        assert (nose.kind, nose.date, nose.met) == (
            SwitchStepKind.PRIOR_ACTS,
            D(2023, 1, 1),
            False,
        )
        fixed = plan.routes[1].apply(switch)
        assert fixed.joining.retroactive_date == D(2023, 1, 1)
        assert fixed.plan(claim_horizon=D(2032, 1, 1)).gap_free

    def test_renewing_with_the_same_insurer_keeps_the_retroactive_date(self):
        """With the same scheme, the prior-acts step reads as a renewal."""
        old = MembershipPeriod(CLAIMS_MADE_POLICY, Period(D(2023, 1, 1), D(2024, 1, 1)))
        renewed = MembershipPeriod(
            CLAIMS_MADE_POLICY, Period(D(2024, 1, 1)), retroactive_date=D(2023, 1, 1)
        )
        plan = Switch(old, renewed).plan(claim_horizon=D(2031, 1, 1))
        assert plan.gap_free
        assert plan.routes[1].met
        assert plan.routes[1].steps[1].text.startswith("renew CM-WIDE keeping the retroactive date")


class TestPlans:
    """Every plan's routes lead to a switch without a gap."""

    @given(switch=switches(), horizon=st.integers(1, 3000))
    def test_every_route_of_a_plan_makes_the_switch_gap_free(self, switch, horizon):
        """Doing every step of any route leaves no gap."""
        end = switch.left_on + days(horizon)
        for route in switch.plan(claim_horizon=end).routes:
            fixed = route.apply(switch)
            assert fixed.plan(claim_horizon=end).gap_free
            assert route.apply(fixed) == fixed

    @given(switch=switches(), horizon=st.integers(1, 3000))
    def test_a_switch_is_gap_free_exactly_when_a_route_is_already_taken(self, switch, horizon):
        """No gap if and only if every step of some route is already met."""
        plan = switch.plan(claim_horizon=switch.left_on + days(horizon))
        assert plan.gap_free == any(route.met for route in plan.routes)

    @given(switch=switches(), horizon=st.integers(1, 3000))
    def test_a_plans_gaps_are_the_portfolios_gaps(self, switch, horizon):
        """The plan's gaps are the portfolio's, for work both schemes answer for."""
        end = switch.left_on + days(horizon)
        plan = switch.plan(claim_horizon=end)
        span = Period(switch.leaving.incidents.start, end)
        found = switch.portfolio().gaps(WORK, "england", span, claim_horizon=end)
        theirs = [
            g
            for g in found
            if g.claims is None
            or g.claims.end is None
            or g.claims.end > switch.leaving.period.start
        ]
        assert list(plan.gaps) == theirs

    def test_explain_and_to_dict(self):
        """A plan explains itself in lines and gives a JSON-ready dict."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1), D(2025, 4, 1)), label="MPS")
        switch = Switch.on(old, OTHER_MDO, D(2025, 4, 1), joined_on=D(2025, 4, 8))
        plan = switch.plan(claim_horizon=D(2035, 4, 1))
        assert plan.explain().splitlines() == [
            (
                "Switch: leave MPS (occurrence) on 2025-04-01,"
                " join OCC-WIDE-2 2025-04-08.. (occurrence) on 2025-04-08."
            ),
            "Claims considered until 2035-04-01.",
            "Gaps:",
            "  - GAP: incidents 2025-04-01..2025-04-08 (7 days), whenever claimed",
            "To switch without a gap:",
            "  join in time:",
            (
                "    [ ] join OCC-WIDE-2 on or before 2025-04-01, the day you leave MPS,"
                " or stay in MPS until 2025-04-08"
            ),
        ]
        data = json.loads(json.dumps(plan.to_dict()))
        assert data["gap_free"] is False
        assert data["routes"][0]["steps"][0] == {
            "kind": "join-by",
            "date": "2025-04-01",
            "met": False,
            "text": plan.routes[0].steps[0].text,
        }
        assert data["switch"]["leaving"]["period"] == {"start": "2024-01-01", "end": "2025-04-01"}

    def test_double_cover_is_named(self):
        """Joining before leaving is safe, and the plan says how many days are paid twice."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1), D(2025, 4, 1)))
        plan = Switch.on(old, OTHER_MDO, D(2025, 4, 1), joined_on=D(2025, 3, 1)).plan(
            claim_horizon=D(2030, 1, 1)
        )
        assert plan.gap_free
        assert plan.overlap_days == 31
        assert "Both are held for 31 days: double cover, paid twice" in plan.explain()


class TestSwitchValidation:
    """A switch is checked at the door."""

    def test_leaving_needs_an_end(self):
        """The arrangement left must end."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1)))
        new = MembershipPeriod(OTHER_MDO, Period(D(2025, 1, 1)))
        with pytest.raises(InvalidFieldError, match=r"'Switch\.leaving\.period' expected a period"):
            Switch(old, new)

    def test_joining_has_no_end(self):
        """The arrangement joined is held from its start on."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1), D(2025, 1, 1)))
        new = MembershipPeriod(OTHER_MDO, Period(D(2025, 1, 1), D(2026, 1, 1)))
        with pytest.raises(InvalidFieldError, match=r"'Switch\.joining\.period' expected an open"):
            Switch(old, new)

    def test_leaving_on_a_day_before_joining_the_old_one_is_refused(self):
        """The day of leaving must come after the old arrangement's start."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1)))
        with pytest.raises(InvalidFieldError, match="'day' expected a date after the start"):
            Switch.on(old, OTHER_MDO, D(2024, 1, 1))

    def test_a_joined_on_date_goes_with_a_scheme_only(self):
        """With a membership to join, its own start is the joining date."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1)))
        new = MembershipPeriod(OTHER_MDO, Period(D(2025, 1, 1)))
        with pytest.raises(InvalidFieldError, match="'joined_on' expected None"):
            Switch.on(old, new, D(2025, 1, 1), joined_on=D(2025, 1, 1))

    def test_joining_must_be_a_scheme_or_a_membership(self):
        """Anything else is refused."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1)))
        with pytest.raises(InvalidFieldError, match="'joining' expected a Scheme"):
            Switch.on(old, "mdu", D(2025, 1, 1))  # type: ignore[arg-type]

    def test_a_horizon_on_or_before_leaving_is_refused(self):
        """Claims must be considered after the switch."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1)))
        switch = Switch.on(old, OTHER_MDO, D(2025, 1, 1))
        with pytest.raises(InvalidFieldError, match="'claim_horizon' expected a date after"):
            switch.plan(claim_horizon=D(2025, 1, 1))

    def test_a_retroactive_date_for_occurrence_cover_is_refused(self):
        """Joining an occurrence scheme with a retroactive date is refused by the membership."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1)))
        with pytest.raises(InvalidFieldError, match="retroactive_date"):
            Switch.on(old, OTHER_MDO, D(2025, 1, 1), retroactive_date=D(2024, 1, 1))


class TestRenewals:
    """An arrangement renewed every year."""

    def test_the_first_period_runs_to_the_renewal_month(self):
        """Seed 003: the first period may be shorter than 12 months, then annual."""
        assert renewal_dates(D(2024, 8, 7), count=3, renewal_month=2) == (
            D(2024, 8, 7),
            D(2025, 2, 1),
            D(2026, 2, 1),
        )

    def test_until_makes_the_last_period_short(self):
        """Renewals stop at `until`, the last period ending there."""
        years = renewals(OCCURRENCE_MDO, D(2024, 8, 7), until=D(2026, 3, 1), renewal_month=8)
        assert [str(m.period) for m in years] == [
            "2024-08-07..2025-08-01",
            "2025-08-01..2026-03-01",
        ]

    def test_a_29_february_anniversary_falls_back_to_28_february(self):
        """relativedelta keeps the anniversary where it can."""
        assert renewal_dates(D(2024, 2, 29), count=5)[1:] == (
            D(2025, 2, 28),
            D(2026, 2, 28),
            D(2027, 2, 28),
            D(2028, 2, 29),
        )

    def test_only_the_last_period_has_run_off(self):
        """Run-off is bought once, when the policy finally ends."""
        years = renewals(CLAIMS_MADE_POLICY, D(2023, 1, 1), count=3, run_off_end=D(2030, 1, 1))
        assert [m.run_off_end for m in years] == [None, None, D(2030, 1, 1)]

    def test_labels_carry_the_dates(self):
        """Each period's label adds its dates to the label given."""
        years = renewals(OCCURRENCE_MDO, D(2023, 1, 1), count=2, label="MDU")
        assert [m.label for m in years] == [
            "MDU 2023-01-01..2024-01-01",
            "MDU 2024-01-01..2025-01-01",
        ]

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({}, "until"),
            ({"count": 2, "until": D(2026, 1, 1)}, "until"),
            ({"until": D(2023, 1, 1)}, "until"),
            ({"count": 0}, "count"),
            ({"count": True}, "count"),
            ({"count": 2, "renewal_month": 13}, "renewal_month"),
            ({"count": 2, "renewal_month": "March"}, "renewal_month"),
        ],
    )
    def test_bad_schedules_are_refused(self, kwargs, field):
        """A schedule needs exactly one of until and count, and a month from 1 to 12."""
        with pytest.raises(InvalidFieldError, match=f"'{field}' expected"):
            renewal_dates(D(2024, 1, 1), **kwargs)

    def test_bad_renewal_arguments_are_refused(self):
        """A scheme, options and a label are checked too."""
        with pytest.raises(InvalidFieldError, match="'scheme' expected a Scheme"):
            renewals("mdu", D(2024, 1, 1), count=1)  # type: ignore[arg-type]
        with pytest.raises(InvalidFieldError, match="'options' expected a set of option names"):
            renewals(OCCURRENCE_MDO, D(2024, 1, 1), count=1, options="public-liability")
        with pytest.raises(InvalidFieldError, match="retroactive_date"):
            renewals(OCCURRENCE_MDO, D(2024, 1, 1), count=1, retroactive_date=D(2023, 1, 1))

    @given(
        start=st.dates(D(2000, 1, 1), D(2040, 12, 31)),
        count=st.integers(1, 8),
        month=st.none() | st.integers(1, 12),
        basis=st.sampled_from(list(Basis)),
    )
    def test_renewals_meet_end_to_end_and_keep_the_first_retroactive_date(
        self, start, count, month, basis
    ):
        """Periods meet, later ones last a year, and claims-made ones keep one retroactive date."""
        held = CLAIMS_MADE_POLICY if basis is Basis.CLAIMS_MADE else OCCURRENCE_MDO
        years = renewals(held, start, count=count, renewal_month=month)
        assert len(years) == count
        assert years[0].period.start == start
        for before, after in itertools.pairwise(years):
            assert before.period.end == after.period.start
            if month is not None:
                assert (after.period.start.month, after.period.start.day) == (month, 1)
        first = years[0].period
        assert first.end is not None
        assert first.end <= start + relativedelta(years=1)
        for k, year in enumerate(years[1:]):
            if month is None:
                anniversary = start + relativedelta(years=k + 1)
            else:
                anniversary = first.end + relativedelta(years=k)
            assert year.period.start == anniversary
        expected = {start} if basis is Basis.CLAIMS_MADE else {None}
        assert {m.retroactive_date for m in years} == expected
        portfolio = Portfolio(years)
        span = Period(start, years[-1].period.end)
        assert portfolio.gaps(WORK, "england", span) == ()
        outcome = Outcome.UNDETERMINED if basis is Basis.CLAIMS_MADE else Outcome.COVERED
        assert {s.outcome for s in portfolio.timeline(WORK, "england", span).stretches} == {outcome}
