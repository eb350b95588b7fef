"""Tests for `indemnity.membership`: a scheme held over a period, occurrence or claims-made."""

import datetime as dt
import pickle
import re

import pytest

from indemnity import (
    CLAIM_DATE,
    UK,
    Activity,
    ActivityKind,
    Basis,
    Citation,
    Cover,
    Fact,
    Ground,
    InvalidFieldError,
    Is,
    Matter,
    MembershipPeriod,
    Outcome,
    Period,
    ReasonCode,
    Requirement,
    Scheme,
    SchemeKind,
    UnknownNameError,
)

D = dt.date
SOURCE = Citation("004_mduconnect.txt", "Policy cover is provided on a claims-made basis")
NEGLIGENCE = Cover(
    name="negligence",
    matters=frozenset({Matter.CLINICAL_NEGLIGENCE}),
    activities=frozenset(ActivityKind),
    territory=UK,
    source=SOURCE,
)
PUBLIC_LIABILITY = Cover(
    name="public liability",
    matters=frozenset({Matter.PUBLIC_LIABILITY}),
    activities=frozenset(ActivityKind),
    territory=UK,
    source=SOURCE,
    option="public-liability",
)
SUPERVISED_ONLY = Cover(
    name="supervised",
    matters=frozenset({Matter.CLINICAL_NEGLIGENCE}),
    activities=frozenset(ActivityKind),
    territory=UK,
    source=SOURCE,
    conditions=(Requirement(Is(Fact.SUPERVISED, True), "the doctor is supervised", SOURCE),),
)


def make_scheme(basis, covers=(NEGLIGENCE, PUBLIC_LIABILITY), **changes):
    fields = {
        "key": "cm" if basis == Basis.CLAIMS_MADE else "occ",
        "name": "Claims-made policy" if basis == Basis.CLAIMS_MADE else "Occurrence membership",
        "operator": "Operator",
        "kind": SchemeKind.CONTRACTUAL_INSURANCE,
        "basis": basis,
        "covers": covers,
        "source": SOURCE,
    }
    fields.update(changes)
    return Scheme(**fields)


OCC = make_scheme(Basis.OCCURRENCE)
CM = make_scheme(Basis.CLAIMS_MADE)
YEAR = Period(D(2020, 1, 1), D(2021, 1, 1))
WORK = Activity.of("private-practice")


def only_reason(decision):
    assert len(decision.reasons) == 1, decision.reasons
    return decision.reasons[0]


class TestConstruction:
    """A membership holds a scheme over a period with the options bought."""

    def test_defaults(self):
        """No options, no claims-made dates and no label unless given."""
        m = MembershipPeriod(OCC, YEAR)
        assert (m.options, m.retroactive_date, m.run_off_end, m.label) == (
            frozenset(),
            None,
            None,
            "",
        )

    def test_options_canonicalised(self):
        """Options given as a list become a frozenset."""
        m = MembershipPeriod(OCC, YEAR, options=["public-liability", "public-liability"])
        assert m.options == frozenset({"public-liability"})

    def test_basis_is_the_schemes(self):
        """basis reads the scheme's basis."""
        assert MembershipPeriod(OCC, YEAR).basis is Basis.OCCURRENCE
        assert MembershipPeriod(CM, YEAR).basis is Basis.CLAIMS_MADE

    def test_equal_and_hashable(self):
        """Equal memberships compare equal and hash alike."""
        a = MembershipPeriod(OCC, YEAR, options=["public-liability"])
        b = MembershipPeriod(OCC, YEAR, options=frozenset({"public-liability"}))
        assert a == b
        assert hash(a) == hash(b)

    def test_pickles(self):
        """A membership survives pickling."""
        m = MembershipPeriod(CM, YEAR, retroactive_date=D(2018, 1, 1), run_off_end=D(2023, 1, 1))
        assert pickle.loads(pickle.dumps(m)) == m  # noqa: S301 - our own bytes

    def test_claims_made_bounds_may_touch(self):
        """A retroactive date on the start and a run-off end on the period end are allowed."""
        m = MembershipPeriod(CM, YEAR, retroactive_date=YEAR.start, run_off_end=YEAR.end)
        assert m.incidents == YEAR
        assert m.claims == YEAR

    def test_describe(self):
        """describe() is the label, or the scheme's name and the period."""
        assert MembershipPeriod(OCC, YEAR, label="MPS, ST1").describe() == "MPS, ST1"
        assert MembershipPeriod(OCC, YEAR).describe() == (
            "Occurrence membership 2020-01-01..2021-01-01"
        )


class TestValidation:
    """Bad fields are refused naming the field, the expectation and the value."""

    def test_scheme(self):
        """The scheme must be a Scheme."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'MembershipPeriod\.scheme' expected a Scheme, got 'occ' \(str\)$",
        ):
            MembershipPeriod("occ", YEAR)

    def test_period(self):
        """The period must be a Period, not text."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'MembershipPeriod\.period' expected a Period, got '2020-01-01\.\.' \(str\)$",
        ):
            MembershipPeriod(OCC, "2020-01-01..")

    def test_options_single_string(self):
        """A single option name is not a set of options."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'MembershipPeriod\.options' expected a set of option names, "
            r"got 'public-liability' \(str\)$",
        ):
            MembershipPeriod(OCC, YEAR, options="public-liability")

    def test_option_bad_shape(self):
        """An option name with capitals or spaces is refused by position."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'MembershipPeriod\.options\[0\]' expected an option name such as "
            r"'public-liability', got 'Public Liability' \(str\)$",
        ):
            MembershipPeriod(OCC, YEAR, options=["Public Liability"])

    def test_option_typo_suggests(self):
        """An option the scheme does not offer is refused, suggesting the closest offered one."""
        with pytest.raises(
            UnknownNameError,
            match=r"^'MembershipPeriod\.options' expected one of 'public-liability', "
            r"got 'public-liabilty' \(str\); did you mean 'public-liability'\?$",
        ):
            MembershipPeriod(OCC, YEAR, options={"public-liabilty"})

    def test_option_of_a_scheme_offering_none(self):
        """A scheme offering no options refuses any, saying it offers none."""
        scheme = make_scheme(Basis.OCCURRENCE, covers=(NEGLIGENCE,))
        with pytest.raises(
            UnknownNameError,
            match=r"^'MembershipPeriod\.options' expected no options "
            r"\(scheme 'occ' offers none\), got 'public-liability' \(str\)$",
        ):
            MembershipPeriod(scheme, YEAR, options={"public-liability"})

    @pytest.mark.parametrize(
        ("field", "value"),
        [("retroactive_date", D(2019, 1, 1)), ("run_off_end", D(2022, 1, 1))],
    )
    def test_claims_made_fields_refused_on_occurrence(self, field, value):
        """Occurrence cover takes no retroactive date and no run-off."""
        with pytest.raises(
            InvalidFieldError,
            match=rf"^'MembershipPeriod\.{field}' expected None for occurrence cover, "
            rf"got {re.escape(repr(value))} \(date\): occ is occurrence-based$",
        ):
            MembershipPeriod(OCC, YEAR, **{field: value})

    def test_retroactive_date_after_start(self):
        """A retroactive date after the period start is refused."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'MembershipPeriod\.retroactive_date' expected a date on or before the "
            r"period start 2020-01-01, got datetime\.date\(2020, 1, 2\) \(date\)$",
        ):
            MembershipPeriod(CM, YEAR, retroactive_date=D(2020, 1, 2))

    def test_run_off_before_period_end(self):
        """A run-off ending before the policy does is refused."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'MembershipPeriod\.run_off_end' expected a date on or after the period "
            r"end 2021-01-01, got datetime\.date\(2020, 12, 31\) \(date\)$",
        ):
            MembershipPeriod(CM, YEAR, run_off_end=D(2020, 12, 31))

    def test_run_off_on_open_period(self):
        """A policy still running has no run-off yet."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'MembershipPeriod\.run_off_end' expected None while the period is open, "
            r"got datetime\.date\(2025, 1, 1\) \(date\)$",
        ):
            MembershipPeriod(CM, Period(D(2020, 1, 1)), run_off_end=D(2025, 1, 1))

    @pytest.mark.parametrize("field", ["retroactive_date", "run_off_end"])
    def test_datetimes_refused(self, field):
        """Claims-made dates refuse datetimes like every date in the library."""
        with pytest.raises(
            InvalidFieldError,
            match=rf"^'MembershipPeriod\.{field}' expected a date \(not a datetime\)",
        ):
            MembershipPeriod(CM, YEAR, **{field: dt.datetime(2019, 1, 1)})

    def test_label(self):
        """The label must be a string."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'MembershipPeriod\.label' expected a string, got None \(NoneType\)$",
        ):
            MembershipPeriod(OCC, YEAR, label=None)


class TestWindows:
    """incidents and claims give the dates a membership can answer for."""

    def test_occurrence(self):
        """Occurrence: incidents in the period, claims at any time."""
        m = MembershipPeriod(OCC, YEAR)
        assert m.incidents == YEAR
        assert m.claims == Period.always()

    def test_claims_made_defaults(self):
        """Claims-made without extras: incidents and claims both in the period."""
        m = MembershipPeriod(CM, YEAR)
        assert m.incidents == YEAR
        assert m.claims == YEAR

    def test_claims_made_with_extras(self):
        """The retroactive date widens incidents back, the run-off widens claims forward."""
        m = MembershipPeriod(CM, YEAR, retroactive_date=D(2015, 6, 1), run_off_end=D(2027, 1, 1))
        assert m.incidents == Period(D(2015, 6, 1), D(2021, 1, 1))
        assert m.claims == Period(D(2020, 1, 1), D(2027, 1, 1))


class TestOccurrence:
    """Occurrence cover answers for incidents inside the period, however late the claim."""

    m = MembershipPeriod(OCC, YEAR, label="MDO 2020")

    def test_inside(self):
        """An incident inside the period is covered, the membership in the ground."""
        decision = self.m.is_covered(WORK, D(2020, 6, 1), "england")
        assert decision.outcome is Outcome.COVERED
        assert decision.grounds == (Ground(NEGLIGENCE, OCC, self.m),)

    def test_claim_years_later(self):
        """A claim made years after the membership ended is still covered."""
        decision = self.m.is_covered(WORK, D(2020, 6, 1), "england", claimed_on=D(2040, 1, 1))
        assert decision.covered

    @pytest.mark.parametrize("on", [D(2019, 12, 31), D(2021, 1, 1)])
    def test_outside(self, on):
        """Incidents before the start or on the end day are OUTSIDE_PERIOD."""
        decision = self.m.is_covered(WORK, on, "england")
        reason = only_reason(decision)
        assert decision.outcome is Outcome.NOT_COVERED
        assert reason.code is ReasonCode.OUTSIDE_PERIOD
        assert reason.message == (
            f"occurrence cover for incidents 2020-01-01..2021-01-01; not on {on}"
        )
        assert reason.membership is self.m
        assert reason.scheme is OCC
        assert reason.source == SOURCE

    def test_scheme_in_force_still_applies(self):
        """A membership held before the scheme existed does not cover."""
        scheme = make_scheme(Basis.OCCURRENCE, in_force=Period(D(2020, 7, 1)))
        m = MembershipPeriod(scheme, YEAR)
        reason = only_reason(m.is_covered(WORK, D(2020, 6, 1), "england"))
        assert reason.code is ReasonCode.OUTSIDE_PERIOD
        assert reason.message.startswith("in force for incidents 2020-07-01..")

    def test_option_not_bought(self):
        """An optional cover the member did not buy does not answer."""
        decision = self.m.is_covered(WORK, D(2020, 6, 1), "england", matter="public-liability")
        assert only_reason(decision).code is ReasonCode.OPTION_NOT_BOUGHT

    def test_option_bought(self):
        """An optional cover the member bought answers."""
        m = MembershipPeriod(OCC, YEAR, options={"public-liability"})
        assert m.is_covered(WORK, D(2020, 6, 1), "england", matter="public-liability").covered


class TestClaimsMade:
    """Claims-made cover needs the claim in the window and the incident after the retro date."""

    m = MembershipPeriod(
        CM, YEAR, retroactive_date=D(2018, 1, 1), run_off_end=D(2023, 1, 1), label="policy"
    )

    def test_covered(self):
        """An incident in the policy year claimed in the year is covered."""
        decision = self.m.is_covered(WORK, D(2020, 3, 1), "england", claimed_on=D(2020, 9, 1))
        assert decision.outcome is Outcome.COVERED
        assert decision.grounds == (Ground(NEGLIGENCE, CM, self.m),)

    def test_prior_acts_covered(self):
        """An incident between the retroactive date and the start is covered if claimed in time."""
        decision = self.m.is_covered(WORK, D(2018, 1, 1), "england", claimed_on=D(2020, 2, 1))
        assert decision.covered

    def test_before_retroactive_date(self):
        """An incident before the retroactive date is BEFORE_RETROACTIVE_DATE."""
        decision = self.m.is_covered(WORK, D(2017, 12, 31), "england", claimed_on=D(2020, 2, 1))
        reason = only_reason(decision)
        assert decision.outcome is Outcome.NOT_COVERED
        assert reason.code is ReasonCode.BEFORE_RETROACTIVE_DATE
        assert reason.message == (
            "claims-made cover for incidents from 2018-01-01; not on 2017-12-31"
        )
        assert reason.membership is self.m

    def test_retroactive_date_defaults_to_start(self):
        """Without a retroactive date, an incident before the start is not covered."""
        m = MembershipPeriod(CM, YEAR)
        decision = m.is_covered(WORK, D(2019, 12, 31), "england", claimed_on=D(2020, 2, 1))
        reason = only_reason(decision)
        assert reason.code is ReasonCode.BEFORE_RETROACTIVE_DATE
        assert "from 2020-01-01" in reason.message

    def test_incident_after_policy_end(self):
        """An incident after the policy ends is OUTSIDE_PERIOD, even inside the run-off."""
        decision = self.m.is_covered(WORK, D(2021, 1, 1), "england", claimed_on=D(2021, 2, 1))
        reason = only_reason(decision)
        assert reason.code is ReasonCode.OUTSIDE_PERIOD
        assert reason.message == (
            "claims-made cover for incidents before 2021-01-01; not on 2021-01-01"
        )

    def test_claim_in_run_off(self):
        """A claim made in the run-off, after the policy ends, is covered."""
        decision = self.m.is_covered(WORK, D(2020, 3, 1), "england", claimed_on=D(2022, 12, 31))
        assert decision.covered

    def test_claim_after_run_off(self):
        """A claim made on or after the run-off end is CLAIM_OUTSIDE_WINDOW."""
        decision = self.m.is_covered(WORK, D(2020, 3, 1), "england", claimed_on=D(2023, 1, 1))
        reason = only_reason(decision)
        assert decision.outcome is Outcome.NOT_COVERED
        assert reason.code is ReasonCode.CLAIM_OUTSIDE_WINDOW
        assert reason.message == (
            "claims-made cover for claims made 2020-01-01..2023-01-01; not on 2023-01-01"
        )

    def test_claim_after_end_without_run_off(self):
        """Without run-off, a claim made after the policy ends is outside the window."""
        m = MembershipPeriod(CM, YEAR)
        decision = m.is_covered(WORK, D(2020, 3, 1), "england", claimed_on=D(2021, 1, 1))
        reason = only_reason(decision)
        assert reason.code is ReasonCode.CLAIM_OUTSIDE_WINDOW
        assert "2020-01-01..2021-01-01" in reason.message

    def test_claim_before_policy_start(self):
        """A claim made before the policy started is outside the window."""
        decision = self.m.is_covered(WORK, D(2018, 6, 1), "england", claimed_on=D(2019, 6, 1))
        assert only_reason(decision).code is ReasonCode.CLAIM_OUTSIDE_WINDOW

    def test_claim_before_incident_refused(self):
        """A claim dated before its incident is refused at the door."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'claimed_on' expected a date on or after the incident date 2020-03-01, "
            r"got datetime\.date\(2020, 2, 1\) \(date\)$",
        ):
            self.m.is_covered(WORK, D(2020, 3, 1), "england", claimed_on=D(2020, 2, 1))

    def test_scheme_rules_still_apply(self):
        """Inside every window, the scheme's covers still decide."""
        decision = self.m.is_covered(
            WORK, D(2020, 3, 1), "england", matter="complaint", claimed_on=D(2020, 9, 1)
        )
        assert only_reason(decision).code is ReasonCode.MATTER_NOT_COVERED


class TestUnknownClaimDate:
    """Without a claim date, claims-made cover that would answer is UNDETERMINED."""

    def test_undetermined_with_window(self):
        """The answer names claimed_on as missing and states the claim window."""
        m = MembershipPeriod(CM, YEAR, retroactive_date=D(2018, 1, 1), run_off_end=D(2023, 1, 1))
        decision = m.is_covered(WORK, D(2019, 1, 1), "england")
        assert decision.outcome is Outcome.UNDETERMINED
        assert decision.missing == frozenset({CLAIM_DATE})
        assert CLAIM_DATE == "claimed_on"
        reason = only_reason(decision)
        assert reason.code is ReasonCode.CLAIM_DATE_UNKNOWN
        assert reason.message == (
            "claims-made: covered only if the claim is made from 2020-01-01 and before 2023-01-01"
        )
        assert reason.missing == frozenset({"claimed_on"})
        assert reason.membership is m
        assert decision.claim_windows == (Period(D(2020, 1, 1), D(2023, 1, 1)),)

    def test_window_starts_at_the_incident(self):
        """For an incident inside the period the window opens on the incident date."""
        m = MembershipPeriod(CM, YEAR)
        decision = m.is_covered(WORK, D(2020, 6, 1), "england")
        reason = only_reason(decision)
        assert reason.message.endswith("made from 2020-06-01 and before 2021-01-01")
        assert decision.claim_windows == (Period(D(2020, 6, 1), D(2021, 1, 1)),)

    def test_open_policy(self):
        """For a policy still running the window has no end."""
        m = MembershipPeriod(CM, Period(D(2020, 1, 1)))
        reason = only_reason(m.is_covered(WORK, D(2020, 6, 1), "england"))
        assert (
            reason.message
            == "claims-made: covered only if the claim is made on or after 2020-06-01"
        )

    def test_not_covered_stays_not_covered(self):
        """If the scheme says no anyway, the claim date does not matter."""
        m = MembershipPeriod(CM, YEAR)
        decision = m.is_covered(WORK, D(2020, 6, 1), "jersey")
        assert decision.outcome is Outcome.NOT_COVERED
        assert only_reason(decision).code is ReasonCode.OUTSIDE_TERRITORY
        assert decision.missing == frozenset()

    def test_incident_outside_window_is_still_no(self):
        """An incident before the retroactive date is NOT_COVERED whatever the claim date."""
        m = MembershipPeriod(CM, YEAR)
        decision = m.is_covered(WORK, D(2019, 6, 1), "england")
        assert decision.outcome is Outcome.NOT_COVERED

    def test_merges_with_unknown_facts(self):
        """An undetermined scheme and an unknown claim date name both."""
        scheme = make_scheme(Basis.CLAIMS_MADE, covers=(SUPERVISED_ONLY,))
        m = MembershipPeriod(scheme, YEAR)
        decision = m.is_covered(WORK, D(2020, 6, 1), "england")
        assert decision.outcome is Outcome.UNDETERMINED
        assert decision.missing == frozenset({"claimed_on", "supervised"})
        assert [r.code for r in decision.reasons] == [
            ReasonCode.CLAIM_DATE_UNKNOWN,
            ReasonCode.CONDITION_UNKNOWN,
        ]
        assert decision.claim_windows == ()

    def test_occurrence_needs_no_claim_date(self):
        """Occurrence cover answers without a claim date."""
        decision = MembershipPeriod(OCC, YEAR).is_covered(WORK, D(2020, 6, 1), "england")
        assert decision.outcome is Outcome.COVERED
        assert decision.missing == frozenset()


class TestQuestionValidation:
    """is_covered() validates the question's parts."""

    def test_activity(self):
        """A non-Activity is refused naming 'activity'."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'activity' expected an Activity, got 'private-practice' \(str\)$",
        ):
            MembershipPeriod(OCC, YEAR).is_covered("private-practice", D(2020, 6, 1), "england")

    def test_datetime(self):
        """A datetime incident date is refused."""
        with pytest.raises(InvalidFieldError, match=r"^'on' expected a date \(not a datetime\)"):
            MembershipPeriod(OCC, YEAR).is_covered(WORK, dt.datetime(2020, 6, 1), "england")

    def test_claim_datetime(self):
        """A datetime claim date is refused."""
        with pytest.raises(
            InvalidFieldError, match=r"^'claimed_on' expected a date \(not a datetime\)"
        ):
            MembershipPeriod(CM, YEAR).is_covered(
                WORK, D(2020, 6, 1), "england", claimed_on=dt.datetime(2020, 7, 1)
            )
