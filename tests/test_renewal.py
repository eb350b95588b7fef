"""Tests for `indemnity.holdings.renewal`: one arrangement renewed every year without a break."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from indemnity import (
    Activity,
    Basis,
    InvalidFieldError,
    Outcome,
    Period,
    Portfolio,
    Timeline,
    gaps,
    renewal_dates,
    renewals,
)
from tests.builders import D, cover, scheme

WORK = Activity.of("private-practice")
MDO = scheme("mdu", name="MDU")
POLICY = scheme("policy", basis="claims-made", kind="contractual-insurance")
OPTIONAL = scheme(
    "corporate",
    covers=(
        cover(),
        cover("public liability", matters=("public-liability",), option="public-liability"),
    ),
)


def refusal(make, kind: type[InvalidFieldError] = InvalidFieldError) -> InvalidFieldError:
    """The error `make` raises, which must be exactly of type `kind`."""
    with pytest.raises(kind) as info:
        make()
    assert type(info.value) is kind
    return info.value


class TestAnniversaries:
    """Without a renewal day, an arrangement renews on the anniversary of its first day."""

    def test_every_year_on_the_first_day_held(self):
        """Periods start on the first day and its anniversaries."""
        assert renewal_dates(D(2023, 3, 15), count=3) == (
            D(2023, 3, 15),
            D(2024, 3, 15),
            D(2025, 3, 15),
        )

    def test_a_29_february_anniversary_falls_back_to_28_february(self):
        """relativedelta keeps the anniversary where it can."""
        assert renewal_dates(D(2024, 2, 29), count=5)[1:] == (
            D(2025, 2, 28),
            D(2026, 2, 28),
            D(2027, 2, 28),
            D(2028, 2, 29),
        )

    def test_periods_are_years(self):
        """renewals() gives one membership a year, each ending the day the next starts."""
        years = renewals(MDO, D(2023, 1, 1), count=3)
        assert [m.period for m in years] == [
            Period(D(2023, 1, 1), D(2024, 1, 1)),
            Period(D(2024, 1, 1), D(2025, 1, 1)),
            Period(D(2025, 1, 1), D(2026, 1, 1)),
        ]


class TestRenewalDay:
    """With renews_on=(month, day), every period after the first starts on that day of the year."""

    def test_the_first_period_runs_to_the_renewal_day(self):
        """Seed 003: the first period may be shorter than 12 months, then annual."""
        assert renewal_dates(D(2024, 8, 7), count=3, renews_on=(2, 1)) == (
            D(2024, 8, 7),
            D(2025, 2, 1),
            D(2026, 2, 1),
        )

    def test_a_day_other_than_the_first_of_the_month(self):
        """The trainee block renews on the day training is expected to end."""
        assert renewal_dates(D(2024, 10, 2), until=D(2026, 8, 6), renews_on=(8, 6)) == (
            D(2024, 10, 2),
            D(2025, 8, 6),
        )

    def test_starting_on_the_renewal_day_gives_full_years(self):
        """A start on the renewal day itself renews a year later, not the same day."""
        assert renewal_dates(D(2024, 8, 6), count=2, renews_on=(8, 6)) == (
            D(2024, 8, 6),
            D(2025, 8, 6),
        )

    def test_the_renewal_day_later_in_the_same_year(self):
        """A renewal day later in the starting year is the first renewal."""
        assert renewal_dates(D(2024, 1, 10), count=2, renews_on=(8, 6)) == (
            D(2024, 1, 10),
            D(2024, 8, 6),
        )

    def test_a_29_february_renewal_day(self):
        """Renewing on 29 February falls on 28 February in other years, and on 29 in leap years."""
        assert renewal_dates(D(2023, 6, 1), count=6, renews_on=(2, 29))[1:] == (
            D(2024, 2, 29),
            D(2025, 2, 28),
            D(2026, 2, 28),
            D(2027, 2, 28),
            D(2028, 2, 29),
        )

    def test_until_makes_the_last_period_short(self):
        """Renewals stop at `until`, the last period ending there."""
        years = renewals(MDO, D(2024, 8, 7), until=D(2026, 3, 1), renews_on=(8, 1))
        assert [str(m.period) for m in years] == [
            "2024-08-07 to 2025-07-31",
            "2025-08-01 to 2026-02-28",
        ]

    def test_until_on_a_renewal_day(self):
        """`until` on a renewal day ends the last full period there, with no empty one after."""
        assert renewal_dates(D(2024, 8, 7), until=D(2026, 8, 1), renews_on=(8, 1)) == (
            D(2024, 8, 7),
            D(2025, 8, 1),
        )


class TestCountAndUntil:
    """A schedule ends after `count` periods or at `until`, never both."""

    def test_count(self):
        """`count` periods, no more."""
        assert len(renewal_dates(D(2024, 1, 1), count=7)) == 7
        assert len(renewals(MDO, D(2024, 1, 1), count=7)) == 7

    def test_until_within_the_first_year(self):
        """`until` before the first renewal gives a single short period."""
        (only,) = renewals(MDO, D(2024, 1, 1), until=D(2024, 6, 1))
        assert only.period == Period(D(2024, 1, 1), D(2024, 6, 1))

    @pytest.mark.parametrize(
        ("kwargs", "field", "expected"),
        [
            ({}, "until", "exactly one of 'until' and 'count'"),
            ({"count": 2, "until": D(2026, 1, 1)}, "until", "exactly one of 'until' and 'count'"),
            ({"until": D(2024, 1, 1)}, "until", "a date after the start 2024-01-01"),
            ({"until": D(2023, 1, 1)}, "until", "a date after the start 2024-01-01"),
            ({"count": 0}, "count", "a whole number of periods, 1 or more"),
            ({"count": True}, "count", "a whole number of periods, 1 or more"),
            ({"count": 1.5}, "count", "a whole number of periods, 1 or more"),
        ],
    )
    def test_bad_schedules_are_refused(self, kwargs, field, expected):
        """A schedule needs exactly one of until and count, a later until and a positive count."""
        err = refusal(lambda: renewal_dates(D(2024, 1, 1), **kwargs))
        assert (err.field, err.expected) == (field, expected)

    @pytest.mark.parametrize(
        "renews_on",
        [(13, 1), (0, 1), (2, 30), (4, 31), (8,), (8, 1, 1), "March", 8, (True, 1), (8.0, 1)],
    )
    def test_a_bad_renewal_day_is_refused(self, renews_on):
        """A renewal day is a (month, day) that exists in some year."""
        err = refusal(lambda: renewal_dates(D(2024, 1, 1), count=2, renews_on=renews_on))
        assert (err.field, err.expected, err.got) == (
            "renews_on",
            "a (month, day) of the year, such as (8, 6)",
            renews_on,
        )

    @pytest.mark.parametrize(
        ("start", "until"),
        [(dt.datetime(2024, 1, 1), None), (D(2024, 1, 1), dt.datetime(2025, 1, 1))],
    )
    def test_datetimes_are_refused(self, start, until):
        """The start and `until` are dates, not datetimes."""
        count = None if until else 2
        err = refusal(lambda: renewal_dates(start, count=count, until=until))
        assert err.field == ("start" if until is None else "until")
        assert err.expected == "a date (not a datetime)"

    def test_a_count_past_the_last_date_is_refused(self):
        """Periods that would run past the last date there is are refused, naming `count`."""
        err = refusal(lambda: renewal_dates(D(9998, 1, 1), count=3))
        assert (err.field, err.got) == ("count", 3)


class TestRenewals:
    """renewals() turns a schedule into memberships: retroactive date, run-off, options, labels."""

    def test_claims_made_renewals_keep_the_first_retroactive_date(self):
        """Every claims-made renewal keeps the first day held as its retroactive date."""
        years = renewals(POLICY, D(2023, 1, 1), count=3)
        assert [m.retroactive_date for m in years] == [D(2023, 1, 1)] * 3
        assert years[-1].incidents == Period(D(2023, 1, 1), D(2026, 1, 1))

    def test_a_given_retroactive_date_is_kept_by_every_renewal(self):
        """A retroactive date before the first day held carries through every year."""
        years = renewals(POLICY, D(2023, 1, 1), count=2, retroactive_date=D(2020, 6, 1))
        assert [m.retroactive_date for m in years] == [D(2020, 6, 1)] * 2

    def test_a_claim_in_a_later_year_about_an_earlier_year_is_covered(self):
        """Keeping the retroactive date is what makes renewing claims-made cover safe."""
        held = Portfolio(renewals(POLICY, D(2023, 1, 1), count=3, label="Policy"))
        decision = held.is_covered(WORK, D(2023, 2, 1), "england", claimed_on=D(2025, 6, 1))
        assert decision.covered
        assert [g.membership for g in decision.grounds] == ["Policy 2025-01-01 to 2025-12-31"]

    def test_occurrence_renewals_have_no_retroactive_date(self):
        """Occurrence cover needs none, and refuses one."""
        assert {m.retroactive_date for m in renewals(MDO, D(2023, 1, 1), count=2)} == {None}
        err = refusal(lambda: renewals(MDO, D(2024, 1, 1), count=1, retroactive_date=D(2023, 1, 1)))
        assert (err.field, err.expected) == (
            "MembershipPeriod.retroactive_date",
            "None for occurrence cover",
        )

    def test_only_the_last_period_has_run_off(self):
        """Run-off is bought once, when the policy finally ends."""
        years = renewals(POLICY, D(2023, 1, 1), count=3, run_off_end=D(2030, 1, 1))
        assert [m.run_off_end for m in years] == [None, None, D(2030, 1, 1)]

    def test_options_for_every_period(self):
        """Options bought are held in every period."""
        years = renewals(OPTIONAL, D(2023, 1, 1), count=2, options=["public-liability"])
        assert [m.options for m in years] == [frozenset({"public-liability"})] * 2

    def test_labels_carry_the_dates(self):
        """Each period's label adds its dates to the label given."""
        years = renewals(MDO, D(2023, 1, 1), count=2, label="MDU")
        assert [m.label for m in years] == [
            "MDU 2023-01-01 to 2023-12-31",
            "MDU 2024-01-01 to 2024-12-31",
        ]
        assert {m.label for m in renewals(MDO, D(2023, 1, 1), count=2)} == {""}

    def test_bad_renewal_arguments_are_refused(self):
        """A scheme, options, a label and dates are checked too."""
        err = refusal(lambda: renewals("mdu", D(2024, 1, 1), count=1))  # type: ignore[arg-type]
        assert (err.field, err.expected) == ("scheme", "a Scheme")
        err = refusal(lambda: renewals(MDO, D(2024, 1, 1), count=1, options="public-liability"))
        assert (err.field, err.expected) == ("options", "a set of option names")
        err = refusal(lambda: renewals(MDO, D(2024, 1, 1), count=1, label=None))
        assert (err.field, err.expected) == ("label", "a string")
        err = refusal(
            lambda: renewals(POLICY, D(2024, 1, 1), count=1, retroactive_date="2023-01-01")
        )
        assert (err.field, err.expected) == ("retroactive_date", "a date")

    @given(
        start=st.dates(D(2000, 1, 1), D(2040, 12, 31)),
        count=st.integers(1, 8),
        renews_on=st.none() | st.tuples(st.integers(1, 12), st.integers(1, 28)),
        basis=st.sampled_from(list(Basis)),
    )
    def test_renewals_meet_end_to_end_and_keep_the_first_retroactive_date(
        self, start, count, renews_on, basis
    ):
        """Periods meet, later ones last a year, and claims-made ones keep one retroactive date."""
        held = POLICY if basis is Basis.CLAIMS_MADE else MDO
        years = renewals(held, start, count=count, renews_on=renews_on)
        assert len(years) == count
        assert years[0].period.start == start
        for before, after in itertools.pairwise(years):
            assert before.period.end == after.period.start
            if renews_on is not None:
                assert (after.period.start.month, after.period.start.day) == renews_on
        first = years[0].period
        assert first.end is not None
        assert first.end <= start + relativedelta(years=1)
        for k, year in enumerate(years[1:]):
            if renews_on is None:
                anniversary = start + relativedelta(years=k + 1)
            else:
                anniversary = first.end + relativedelta(years=k)
            assert year.period.start == anniversary
        expected = {start} if basis is Basis.CLAIMS_MADE else {None}
        assert {m.retroactive_date for m in years} == expected
        portfolio = Portfolio(years)
        span = Period(start, years[-1].period.end)
        # renewed end to end with one retroactive date: no gap for claims made up to the end
        assert gaps(portfolio, WORK, "england", span, claim_horizon=span.end) == ()
        outcome = Outcome.UNDETERMINED if basis is Basis.CLAIMS_MADE else Outcome.COVERED
        timeline = Timeline.of(portfolio, WORK, "england", span)
        assert {s.outcome for s in timeline.stretches} == {outcome}
