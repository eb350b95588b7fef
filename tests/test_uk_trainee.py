"""Medical Protection's HEE block membership: eligibility, dates and the private-practice fee."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from indemnity import (
    AmbiguousDecisionError,
    InvalidFieldError,
    Period,
    UnknownNameError,
    uk,
)
from indemnity.io.codec import to_data
from indemnity.uk import Eligibility, Field, Place, Region

D = dt.date

EXCLUDED_FIELDS = {
    "air-ambulance-repatriation",
    "bariatric-surgery",
    "benefits-work",
    "circumcision",
    "complementary-medicine",
    "cosmetic-aesthetic-medicine",
    "general-practice",
    "health-screening",
    "medical-non-clinical-work",
    "medicolegal-work",
    "neurosurgery",
    "obstetrics",
    "occupational-medicine",
    "ophthalmology",
    "oral-and-maxillofacial-surgery",
    "plastic-reconstructive-aesthetic-surgery",
    "slimming-clinic",
    "sports-club-doctor",
    "spinal-procedures-surgery",
    "pregnancy-termination",
}
"""The twenty fields seed 003 excludes from a trainee's private earnings."""


def _fields_named(data: object) -> set[str]:
    """The values of the `field` fact an encoded condition names."""
    if isinstance(data, dict):
        found = set()
        if data.get("fact") == "field" and "value" in data:
            found.add(data["value"])
        for value in data.values():
            found |= _fields_named(value)
        return found
    if isinstance(data, list):
        return set().union(*(_fields_named(v) for v in data)) if data else set()
    return set()


class TestEligibility:
    """Who has block indemnity, through which MDO."""

    @pytest.mark.parametrize("specialty", sorted(uk.ELIGIBLE_SPECIALTIES))
    def test_every_eligible_specialty_is_eligible(self, specialty):
        """Each of the eight specialties is eligible in a Medical Protection region."""
        found = uk.block_eligibility(specialty, Region.THAMES_VALLEY)
        assert found.status is Eligibility.ELIGIBLE
        assert found.scheme_key == "mps-hee-block"

    def test_there_are_eight_specialties(self):
        """Seed 003 lists eight."""
        assert len(uk.ELIGIBLE_SPECIALTIES) == 8

    @pytest.mark.parametrize("specialty", [Field.CARDIOLOGY, Field.PAEDIATRICS, Field.OBSTETRICS])
    def test_other_specialties_are_not(self, specialty):
        """A specialty outside the list is not eligible, and not guaranteed."""
        found = uk.block_eligibility(specialty, "thames-valley")
        assert found.status is Eligibility.NOT_ELIGIBLE
        assert found.guaranteed is False

    @pytest.mark.parametrize("region", list(Region))
    def test_every_region_has_a_provider(self, region):
        """Medical Protection holds nine regions, MDDUS three."""
        found = uk.block_eligibility("general-practice", region)
        assert found.provider in {"Medical Protection", "MDDUS"}
        assert (found.provider == "Medical Protection") == (found.scheme_key == "mps-hee-block")

    def test_mps_holds_nine_regions(self):
        """The nine regions Medical Protection names; MDDUS's block membership holds the rest."""
        keys = [uk.block_eligibility("public-health", r).scheme_key for r in Region]
        assert keys.count("mps-hee-block") == 9
        assert keys.count("mddus-hee-block") == 3

    def test_membership_is_guaranteed(self):
        """An eligible trainee is guaranteed membership whatever the claims history."""
        found = uk.block_eligibility("general-practice", "mersey")
        assert found.guaranteed is True
        assert any("claims history" in f.source.quote for f in found.findings)

    def test_mddus_guarantee_is_not_stated(self):
        """The guarantee is Medical Protection's word: for MDDUS regions it is unknown."""
        assert uk.block_eligibility("general-practice", "london").guaranteed is None

    @pytest.mark.parametrize(
        "away",
        [
            "scotland",
            "wales",
            Place.WALES,
            uk.vocabulary().jurisdiction("wales"),
            "london",
            "wessex",
        ],
        ids=["scotland", "wales", "Place.WALES", "Jurisdiction(wales)", "london", "wessex"],
    )
    def test_out_of_programme_keeps_the_permanent_region(self, away):
        """Training out of programme elsewhere, Scotland and Wales included, keeps membership."""
        found = uk.block_eligibility("general-practice", "north-east", out_of_programme_in=away)
        assert found.status is Eligibility.ELIGIBLE
        assert found.provider == "Medical Protection"
        assert "continues" in found.explain()

    def test_out_of_programme_beyond_what_the_source_says(self):
        """Out of programme overseas or in Northern Ireland is not settled by the source."""
        for away in ("overseas", "northern-ireland", "jersey"):
            found = uk.block_eligibility("general-practice", "mersey", out_of_programme_in=away)
            assert found.status is Eligibility.UNDETERMINED

    def test_out_of_programme_from_an_mddus_region(self):
        """The OOPT rule quoted is Medical Protection's; MDDUS's is not stated."""
        found = uk.block_eligibility("general-practice", "london", out_of_programme_in="wales")
        assert found.status is Eligibility.UNDETERMINED

    def test_not_eligible_stays_not_eligible_out_of_programme(self):
        """Training elsewhere does not make an ineligible specialty eligible."""
        found = uk.block_eligibility("cardiology", "mersey", out_of_programme_in="scotland")
        assert found.status is Eligibility.NOT_ELIGIBLE

    def test_bool_is_refused(self):
        """An eligibility answer has no truth value: ask .eligible."""
        with pytest.raises(AmbiguousDecisionError, match="eligible"):
            bool(uk.block_eligibility("general-practice", "mersey"))

    def test_bad_names(self):
        """Unknown specialties, regions and places name the nearest."""
        cases = [
            (("general-practise", "mersey"), {}, "specialty", "general-practice"),
            (("general-practice", "mersy"), {}, "region", "mersey"),
            (
                ("general-practice", "mersey"),
                {"out_of_programme_in": "scotlnd"},
                "out_of_programme_in",
                "scotland",
            ),
        ]
        for args, kwargs, field, nearest in cases:
            with pytest.raises(UnknownNameError) as err:
                uk.block_eligibility(*args, **kwargs)
            assert err.value.field == field
            assert f"'{nearest}'" in err.value.expected
            assert f"did you mean '{nearest}'?" in str(err.value)

    def test_to_dict(self):
        """The answer as JSON-ready data."""
        data = uk.block_eligibility("general-practice", "wessex", out_of_programme_in="wales")
        assert data.to_dict()["out_of_programme_in"] == "wales"
        assert data.to_dict()["eligible"] is True
        assert all("source" in f for f in data.to_dict()["findings"])  # type: ignore[union-attr]


class TestApplicationWindow:
    """One may apply from eight weeks before training starts."""

    def test_eight_weeks_before(self):
        """The window opens 56 days before the start and does not close."""
        window = uk.application_window(D(2025, 8, 6))
        assert window == Period(D(2025, 6, 11))
        assert D(2025, 6, 10) not in window
        assert D(2025, 6, 11) in window

    def test_a_datetime_is_refused(self):
        """A date, not a datetime."""
        with pytest.raises(InvalidFieldError) as err:
            uk.application_window(dt.datetime(2025, 8, 6, 9))  # type: ignore[arg-type]
        assert (err.value.field, err.value.expected) == (
            "training_starts",
            "a date (not a datetime)",
        )


class TestRenewals:
    """Renewal in the month of expected completion; a short first period; then annual."""

    def test_a_short_first_period(self):
        """Joining in October with completion in August: the first period is short."""
        periods = uk.renewal_schedule(D(2024, 10, 2), D(2027, 8, 6))
        assert [str(p) for p in periods] == [
            "2024-10-02 to 2025-08-05",
            "2025-08-06 to 2026-08-05",
            "2026-08-06 to 2027-08-05",
        ]

    def test_joining_on_the_renewal_day(self):
        """Joining on the renewal day gives full years only."""
        periods = uk.renewal_schedule(D(2024, 8, 6), D(2026, 8, 6))
        assert [p.days for p in periods] == [365, 365]

    def test_less_than_a_year_of_training(self):
        """Training shorter than a year is one period."""
        assert uk.renewal_schedule(D(2024, 10, 2), D(2025, 3, 1)) == (
            Period(D(2024, 10, 2), D(2025, 3, 1)),
        )

    def test_completion_on_the_29th_of_february(self):
        """A leap-day completion renews on the 28th in other years."""
        periods = uk.renewal_schedule(D(2025, 1, 10), D(2028, 2, 29))
        assert [p.end for p in periods] == [
            D(2025, 2, 28),
            D(2026, 2, 28),
            D(2027, 2, 28),
            D(2028, 2, 29),
        ]

    def test_completion_must_follow_joining(self):
        """Completion on or before joining is refused, naming the field."""
        with pytest.raises(InvalidFieldError) as err:
            uk.renewal_schedule(D(2025, 1, 1), D(2025, 1, 1))
        assert (err.value.field, err.value.expected) == (
            "expected_completion",
            "a date after joined (2025-01-01)",
        )

    @given(
        st.dates(D(2000, 1, 1), D(2040, 1, 1)),
        st.integers(1, 3650),
    )
    def test_the_schedule_tiles_training_with_renewals_in_the_completion_month(self, joined, days):
        """Periods meet exactly from joining to completion; renewals are in the completion month."""
        completion = joined + dt.timedelta(days=days)
        periods = uk.renewal_schedule(joined, completion)
        assert periods[0].start == joined
        assert periods[-1].end == completion
        for a, b in itertools.pairwise(periods):
            assert a.end == b.start
        assert periods[0].end is not None
        assert periods[0].end <= joined + relativedelta(years=1)
        for j, period in enumerate(periods[1:], start=1):
            assert period.start.month == completion.month
            # Renewals count back whole years from completion (29 February falls on the 28th).
            assert period.start == completion - relativedelta(years=len(periods) - j)

    def test_trainee_memberships_follow_the_schedule(self):
        """One membership of the block scheme per period, with the option when asked."""
        held = uk.trainee_memberships(D(2024, 10, 2), D(2026, 8, 6), private_practice=True)
        assert [m.period for m in held] == list(uk.renewal_schedule(D(2024, 10, 2), D(2026, 8, 6)))
        assert {m.scheme.key for m in held} == {"mps-hee-block"}
        assert all(m.options == {"private-practice"} for m in held)
        assert held[0].label.endswith("period 1")


class TestPrivatePracticeFee:
    """Free at £10,000 or less; £1,100 a year above."""

    @pytest.mark.parametrize(
        ("earnings", "fee"), [(0, 0), (9_999, 0), (10_000, 0), (10_001, 1_100), (250_000, 1_100)]
    )
    def test_the_fee_turns_at_ten_thousand(self, earnings, fee):
        """The boundary belongs to the free side."""
        found = uk.private_practice_fee(earnings)
        assert found.annual_fee == fee
        assert found.free is (fee == 0)

    def test_the_fee_cites_its_source(self):
        """The fee quotes seed 003 and explains itself."""
        found = uk.private_practice_fee(10_001)
        assert "£1,100 per annum" in found.source.quote
        assert "£1,100 a year" in found.explain()
        assert found.to_dict()["annual_fee"] == 1_100

    @pytest.mark.parametrize("bad", [-1, 10_000.0, True, "10000", None])
    def test_bad_earnings_are_refused(self, bad):
        """Earnings are a whole number of pounds, zero or more."""
        with pytest.raises(InvalidFieldError) as err:
            uk.private_practice_fee(bad)
        assert (err.value.field, err.value.expected) == (
            "gross_annual_earnings",
            "a whole number of pounds, zero or more",
        )


class TestPrivatePracticeCover:
    """The additional membership's twenty excluded fields and two exceptions."""

    def _cover(self):
        return uk.scheme("mps-hee-block").cover("private practice (additional membership)")

    def test_twenty_fields_and_overall_charge(self):
        """Twenty-one exclusions: overall charge, then the twenty fields of seed 003."""
        exclusions = self._cover().exclusions
        assert len(exclusions) == 21
        assert "overall charge" in exclusions[0].reason
        fields = [_fields_named(to_data(e.when)) for e in exclusions[1:]]
        assert all(len(f) == 1 for f in fields)
        assert {f.pop() for f in fields} == EXCLUDED_FIELDS

    def test_the_two_exceptions(self):
        """Cosmetic medicine spares Botox, non-permanent fillers and superficial peels; screening
        spares DVLA medicals."""
        spared = {e.reason: e.unless for e in self._cover().exclusions if e.unless is not None}
        assert len(spared) == 2
        assert any("Botox" in reason for reason in spared)
        assert any("DVLA" in reason for reason in spared)

    def test_it_is_an_option(self):
        """The cover applies only when the option is bought."""
        assert self._cover().option == "private-practice"
        assert uk.scheme("mps-hee-block").options == {"private-practice"}
