"""Tests for `indemnity.timelines.switching`: the gaps a switch leaves, and what closes them."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indemnity import (
    Activity,
    InvalidFieldError,
    MembershipPeriod,
    Period,
    Portfolio,
    Switch,
    SwitchStepKind,
    Timeline,
    gaps,
    renewal_dates,
    renewals,
    to_data,
)
from tests.builders import D
from tests.strategies import (
    CLAIMS_MADE_POLICY,
    OCCURRENCE_MDO,
    OTHER_MDO,
    OTHER_POLICY,
    T0,
    switches,
)

WORK = Activity.of("private-practice")


def refusal(make, kind: type[InvalidFieldError] = InvalidFieldError) -> InvalidFieldError:
    """The error `make` raises, which must be exactly of type `kind`."""
    with pytest.raises(kind) as info:
        make()
    assert type(info.value) is kind
    return info.value


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
        switch = Switch.between(old, OTHER_MDO, left_on=left, joined_on=left - days(early))
        span = Period(begins, left + days(400))
        assert gaps(switch.portfolio(), WORK, "england", span) == ()
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
        switch = Switch.between(old, OTHER_MDO, left_on=left, joined_on=left + days(late))
        span = Period(begins - days(1), left + days(500))
        before = Period(span.start, begins)
        found = [
            g for g in gaps(switch.portfolio(), WORK, "england", span) if g.incidents != before
        ]
        assert [g.incidents for g in found] == [Period(left, left + days(late))]
        assert found[0].days == late
        plan = switch.plan(claim_horizon=left + days(500))
        assert [(g.incidents, g.claims) for g in plan.gaps] == [(found[0].incidents, None)]
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
        renews_on = None if month is None else (month, 1)
        policy = renewals(CLAIMS_MADE_POLICY, T0 + days(start), count=years, renews_on=renews_on)
        left = policy[-1].period.end
        assert left is not None
        held = Portfolio((*policy, MembershipPeriod(OCCURRENCE_MDO, Period(left))))
        end = left + days(horizon)
        span = Period(policy[0].period.start, end)
        found = gaps(held, WORK, "england", span, claim_horizon=end)
        assert [(g.incidents, g.claims) for g in found] == [
            (Period(span.start, left), Period(left, end))
        ]
        with pytest.raises(InvalidFieldError, match="claim horizon"):
            gaps(held, WORK, "england", span)  # the gaps show only in later claims
        undetermined = Timeline.of(held, WORK, "england", span).undetermined
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
        assert gaps(held, WORK, "england", span, claim_horizon=end) == ()

    def test_the_plan_asks_for_run_off_to_the_horizon(self):
        """The plan names the run-off needed, with its length."""
        policy = renewals(CLAIMS_MADE_POLICY, D(2023, 1, 1), count=3, label="Policy")
        plan = Switch.between(policy[-1], OCCURRENCE_MDO, left_on=D(2026, 1, 1)).plan(
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
        assert "incidents 2023-01-01 to 2025-12-31 (1,096 days)" in text
        assert "claimed from 2026-01-01 and before 2033-01-01" in text
        assert (
            "[ ] buy run-off on Policy 2025-01-01 to 2025-12-31 until at least 2033-01-01" in text
        )


class TestClaimsMadeToClaimsMade:
    """Between claims-made policies, prior-acts cover is the other way."""

    def test_prior_acts_or_run_off(self):
        """A new claims-made policy closes the gap by taking the old retroactive date."""
        old = MembershipPeriod(
            CLAIMS_MADE_POLICY, Period(D(2023, 1, 1), D(2025, 1, 1)), label="Old policy"
        )
        switch = Switch.between(old, OTHER_POLICY, left_on=D(2025, 1, 1))
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
        found = gaps(switch.portfolio(), WORK, "england", span, claim_horizon=end)
        theirs = [
            g
            for g in found
            if g.claims is None
            or g.claims.end is None
            or g.claims.end > switch.leaving.period.start
        ]
        assert list(plan.gaps) == theirs

    def test_explain_and_data(self):
        """A plan explains itself in lines and gives JSON-ready data."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1), D(2025, 4, 1)), label="MPS")
        switch = Switch.between(old, OTHER_MDO, left_on=D(2025, 4, 1), joined_on=D(2025, 4, 8))
        plan = switch.plan(claim_horizon=D(2035, 4, 1))
        assert plan.explain().splitlines() == [
            (
                "Switch: leave MPS (occurrence) on 2025-04-01,"
                " join OCC-WIDE-2 2025-04-08 onwards (occurrence) on 2025-04-08."
            ),
            "Claims considered until 2035-04-01.",
            "Gaps:",
            "  - GAP: incidents 2025-04-01 to 2025-04-07 (7 days), whenever claimed",
            "To switch without a gap:",
            "  join in time:",
            (
                "    [ ] join OCC-WIDE-2 on or before 2025-04-01, the day you leave MPS,"
                " or stay in MPS until 2025-04-08"
            ),
        ]
        data = json.loads(json.dumps(to_data(plan)))
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
        plan = Switch.between(old, OTHER_MDO, left_on=D(2025, 4, 1), joined_on=D(2025, 3, 1)).plan(
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
        err = refusal(lambda: Switch(old, new))
        assert (err.field, err.expected, err.got) == (
            "Switch.leaving.period",
            "a period with an end (the day you leave)",
            old.period,
        )

    def test_leaving_must_be_a_membership(self):
        """Switch refuses anything but a membership on either side."""
        new = MembershipPeriod(OTHER_MDO, Period(D(2025, 1, 1)))
        err = refusal(lambda: Switch("mps", new))  # type: ignore[arg-type]
        assert (err.field, err.expected) == ("Switch.leaving", "a MembershipPeriod")
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1), D(2025, 1, 1)))
        err = refusal(lambda: Switch(old, "mdu"))  # type: ignore[arg-type]
        assert (err.field, err.expected) == ("Switch.joining", "a MembershipPeriod")
        err = refusal(lambda: Switch.between("mps", new, left_on=D(2025, 1, 1)))  # type: ignore[arg-type]
        assert (err.field, err.expected) == ("leaving", "a MembershipPeriod")

    def test_leaving_on_a_day_before_joining_the_old_one_is_refused(self):
        """The day of leaving must come after the old arrangement's start."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1)))
        err = refusal(lambda: Switch.between(old, OTHER_MDO, left_on=D(2024, 1, 1)))
        assert (err.field, err.expected, err.got) == (
            "left_on",
            "a date after the start 2024-01-01 of 'leaving'",
            D(2024, 1, 1),
        )

    def test_leaving_after_the_old_one_has_ended_is_refused(self):
        """A membership cannot be left after its own end: the days between would be a gap."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1), D(2025, 1, 1)))
        err = refusal(lambda: Switch.between(old, OTHER_MDO, left_on=D(2025, 1, 2)))
        assert (err.field, err.expected, err.got) == (
            "left_on",
            "a date on or before 2025-01-01, the day 'leaving' already ends",
            D(2025, 1, 2),
        )

    @pytest.mark.parametrize("left_on", [D(2024, 6, 1), D(2025, 1, 1)])
    def test_leaving_on_or_before_the_old_end(self, left_on):
        """Leaving early cuts the old membership short; leaving on its end keeps it whole."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1), D(2025, 1, 1)))
        switch = Switch.between(old, OTHER_MDO, left_on=left_on)
        assert switch.leaving.period == Period(D(2024, 1, 1), left_on)
        assert (switch.left_on, switch.joined_on) == (left_on, left_on)

    def test_a_datetime_left_on_is_refused(self):
        """The day of leaving is a date, not a datetime."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1)))
        err = refusal(lambda: Switch.between(old, OTHER_MDO, left_on=dt.datetime(2025, 1, 1)))
        assert (err.field, err.expected) == ("left_on", "a date (not a datetime)")

    def test_a_joined_on_date_goes_with_a_scheme_only(self):
        """With a membership to join, its own start is the joining date."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1)))
        new = MembershipPeriod(OTHER_MDO, Period(D(2025, 1, 1)))
        err = refusal(
            lambda: Switch.between(old, new, left_on=D(2025, 1, 1), joined_on=D(2025, 1, 1))
        )
        assert (err.field, err.expected, err.got) == (
            "joined_on",
            "None when joining a MembershipPeriod",
            D(2025, 1, 1),
        )

    def test_joining_must_be_a_scheme_or_a_membership(self):
        """Anything else is refused."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1)))
        err = refusal(lambda: Switch.between(old, "mdu", left_on=D(2025, 1, 1)))  # type: ignore[arg-type]
        assert (err.field, err.expected, err.got) == (
            "joining",
            "a Scheme or a MembershipPeriod",
            "mdu",
        )

    def test_a_horizon_on_or_before_leaving_is_refused(self):
        """Claims must be considered after the switch."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1)))
        switch = Switch.between(old, OTHER_MDO, left_on=D(2025, 1, 1))
        err = refusal(lambda: switch.plan(claim_horizon=D(2025, 1, 1)))
        assert (err.field, err.expected, err.got) == (
            "claim_horizon",
            "a date after the day the old arrangement ends 2025-01-01",
            D(2025, 1, 1),
        )

    def test_a_retroactive_date_for_occurrence_cover_is_refused(self):
        """Joining an occurrence scheme with a retroactive date is refused by the membership."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1)))
        err = refusal(
            lambda: Switch.between(
                old, OTHER_MDO, left_on=D(2025, 1, 1), retroactive_date=D(2024, 1, 1)
            )
        )
        assert (err.field, err.expected) == (
            "MembershipPeriod.retroactive_date",
            "None for occurrence cover",
        )


class TestFixedTermJoining:
    """The arrangement joined may itself end: a fixed-term membership, such as a training block."""

    def test_joining_a_fixed_term_membership_works(self):
        """A switch to a membership with an end is accepted as it is."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1), D(2025, 1, 1)))
        block = MembershipPeriod(OTHER_MDO, Period(D(2025, 1, 1), D(2026, 1, 1)), label="Block")
        switch = Switch(old, block)
        assert switch.joining is block
        assert Switch.between(old, block, left_on=D(2025, 1, 1)).joining is block

    def test_incidents_after_the_fixed_term_are_the_next_switchs_business(self):
        """A plan judges incidents up to the new membership's end, not beyond it."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1), D(2025, 1, 1)))
        block = MembershipPeriod(OTHER_MDO, Period(D(2025, 1, 1), D(2026, 1, 1)), label="Block")
        plan = Switch(old, block).plan(claim_horizon=D(2030, 1, 1))
        assert plan.gap_free
        assert [route.met for route in plan.routes] == [True]

    def test_a_late_fixed_term_switch_still_shows_its_gap(self):
        """Joining a fixed-term membership late leaves the days between uncovered."""
        old = MembershipPeriod(OCCURRENCE_MDO, Period(D(2024, 1, 1), D(2025, 1, 1)))
        block = MembershipPeriod(OTHER_MDO, Period(D(2025, 2, 1), D(2026, 1, 1)))
        plan = Switch(old, block).plan(claim_horizon=D(2030, 1, 1))
        assert [(g.incidents, g.claims) for g in plan.gaps] == [
            (Period(D(2025, 1, 1), D(2025, 2, 1)), None)
        ]

    def test_a_fixed_term_claims_made_policy_needs_prior_acts_or_run_off(self):
        """Claims-made to a one-year claims-made policy: prior-acts cover closes the gap."""
        old = MembershipPeriod(
            CLAIMS_MADE_POLICY, Period(D(2023, 1, 1), D(2025, 1, 1)), label="Old policy"
        )
        year = MembershipPeriod(OTHER_POLICY, Period(D(2025, 1, 1), D(2026, 1, 1)))
        switch = Switch(old, year)
        plan = switch.plan(claim_horizon=D(2026, 1, 1))
        assert not plan.gap_free
        assert [r.name for r in plan.routes] == ["run-off", "prior-acts cover"]
        fixed = plan.routes[1].apply(switch)
        assert fixed.joining.period == year.period
        assert fixed.plan(claim_horizon=D(2026, 1, 1)).gap_free
