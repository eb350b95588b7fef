"""Tests for `indemnity.holdings.membership`: a scheme held over a period, on either basis."""

import datetime as dt
import pickle
from collections.abc import Callable

import pytest

from indemnity import (
    Activity,
    Basis,
    Ground,
    InvalidFieldError,
    Is,
    MembershipPeriod,
    Outcome,
    Period,
    Question,
    ReasonCode,
    SchemeKind,
    UnknownNameError,
)
from indemnity.model.terms import CLAIM_DATE, HELD_SINCE
from tests.builders import SOURCE, D, cover, held, requirement, scheme

NEGLIGENCE = cover("negligence")
PUBLIC_LIABILITY = cover(
    "public liability", matters=("public-liability",), option="public-liability"
)
SUPERVISED_ONLY = cover(
    "supervised", requires=(requirement(Is("supervised", True), "the doctor is supervised"),)
)


def make_scheme(basis, covers=(NEGLIGENCE, PUBLIC_LIABILITY), **changes):
    """An insurance scheme of `basis` with negligence and optional public liability cover."""
    claims_made = basis == Basis.CLAIMS_MADE
    return scheme(
        "cm" if claims_made else "occ",
        name="Claims-made policy" if claims_made else "Occurrence membership",
        operator="Operator",
        kind="contractual-insurance",
        basis=basis,
        covers=covers,
        **changes,
    )


OCC = make_scheme(Basis.OCCURRENCE)
CM = make_scheme(Basis.CLAIMS_MADE)
YEAR = Period(D(2020, 1, 1), D(2021, 1, 1))
WORK = Activity.of("private-practice")


def only_reason(decision):
    """The one reason of `decision`."""
    assert len(decision.reasons) == 1, decision.reasons
    return decision.reasons[0]


def ground(held_scheme, membership, held_cover=NEGLIGENCE):
    """The ground a membership of `held_scheme` gives through `held_cover`."""
    return Ground(
        held_scheme.key,
        held_scheme.name,
        held_cover.name,
        membership.describe(),
        SchemeKind.CONTRACTUAL_INSURANCE,
        held_scheme.basis,
        held_cover.limit,
        held_cover.source,
    )


def refusal(make: Callable[[], object], kind: type[InvalidFieldError] = InvalidFieldError):
    """The error `make` raises, which must be exactly of type `kind`."""
    with pytest.raises(kind) as info:
        make()
    assert type(info.value) is kind
    return info.value


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
        """basis and claims_made read the scheme's basis."""
        assert MembershipPeriod(OCC, YEAR).basis is Basis.OCCURRENCE
        assert MembershipPeriod(CM, YEAR).basis is Basis.CLAIMS_MADE
        assert not MembershipPeriod(OCC, YEAR).claims_made
        assert MembershipPeriod(CM, YEAR).claims_made

    def test_vocabulary_is_the_schemes(self):
        """A membership speaks the vocabulary of the scheme it holds."""
        assert MembershipPeriod(OCC, YEAR).vocabulary is OCC.vocabulary

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
            "Occurrence membership 2020-01-01 to 2020-12-31"
        )


class TestValidation:
    """Bad fields are refused naming the field, the expectation and the value."""

    def test_scheme(self):
        """The scheme must be a Scheme."""
        err = refusal(lambda: MembershipPeriod("occ", YEAR))
        assert (err.field, err.expected, err.got) == ("MembershipPeriod.scheme", "a Scheme", "occ")

    def test_period(self):
        """The period must be a Period, not text."""
        err = refusal(lambda: MembershipPeriod(OCC, "2020-01-01 onwards"))
        assert (err.field, err.expected, err.got) == (
            "MembershipPeriod.period",
            "a Period",
            "2020-01-01 onwards",
        )

    def test_options_single_string(self):
        """A single option name is not a set of options."""
        err = refusal(lambda: MembershipPeriod(OCC, YEAR, options="public-liability"))
        assert (err.field, err.expected) == (
            "MembershipPeriod.options",
            "a set of option names",
        )

    def test_option_bad_shape(self):
        """An option name with capitals or spaces is refused by position."""
        err = refusal(lambda: MembershipPeriod(OCC, YEAR, options=["Public Liability"]))
        assert (err.field, err.expected, err.got) == (
            "MembershipPeriod.options[0]",
            "an option name such as 'public-liability'",
            "Public Liability",
        )

    def test_option_typo_suggests(self):
        """An option the scheme does not offer is refused, suggesting the closest offered one."""
        err = refusal(
            lambda: MembershipPeriod(OCC, YEAR, options={"public-liabilty"}), UnknownNameError
        )
        assert (err.field, err.expected, err.got) == (
            "MembershipPeriod.options",
            "one of 'public-liability'",
            "public-liabilty",
        )
        assert "did you mean 'public-liability'?" in str(err)

    def test_option_of_a_scheme_offering_none(self):
        """A scheme offering no options refuses any, saying it offers none."""
        offers_none = make_scheme(Basis.OCCURRENCE, covers=(NEGLIGENCE,))
        err = refusal(
            lambda: MembershipPeriod(offers_none, YEAR, options={"public-liability"}),
            UnknownNameError,
        )
        assert (err.field, err.expected) == (
            "MembershipPeriod.options",
            "no options (scheme 'occ' offers none)",
        )

    @pytest.mark.parametrize(
        ("field", "value"),
        [("retroactive_date", D(2019, 1, 1)), ("run_off_end", D(2022, 1, 1))],
    )
    def test_claims_made_fields_refused_on_occurrence(self, field, value):
        """Occurrence cover takes no retroactive date and no run-off."""
        err = refusal(lambda: MembershipPeriod(OCC, YEAR, **{field: value}))
        assert (err.field, err.expected, err.got) == (
            f"MembershipPeriod.{field}",
            "None for occurrence cover",
            value,
        )

    def test_retroactive_date_after_start(self):
        """A retroactive date after the period start is refused."""
        err = refusal(lambda: MembershipPeriod(CM, YEAR, retroactive_date=D(2020, 1, 2)))
        assert (err.field, err.expected, err.got) == (
            "MembershipPeriod.retroactive_date",
            "a date on or before the period start 2020-01-01",
            D(2020, 1, 2),
        )

    def test_run_off_before_period_end(self):
        """A run-off ending before the policy does is refused."""
        err = refusal(lambda: MembershipPeriod(CM, YEAR, run_off_end=D(2020, 12, 31)))
        assert (err.field, err.expected, err.got) == (
            "MembershipPeriod.run_off_end",
            "a date on or after the period end 2021-01-01",
            D(2020, 12, 31),
        )

    def test_run_off_on_open_period(self):
        """A policy still running has no run-off yet."""
        err = refusal(
            lambda: MembershipPeriod(CM, Period(D(2020, 1, 1)), run_off_end=D(2025, 1, 1))
        )
        assert (err.field, err.expected, err.got) == (
            "MembershipPeriod.run_off_end",
            "None while the period is open",
            D(2025, 1, 1),
        )

    @pytest.mark.parametrize("field", ["retroactive_date", "run_off_end"])
    def test_datetimes_refused(self, field):
        """Claims-made dates refuse datetimes like every date in the library."""
        err = refusal(lambda: MembershipPeriod(CM, YEAR, **{field: dt.datetime(2019, 1, 1)}))
        assert (err.field, err.expected) == (
            f"MembershipPeriod.{field}",
            "a date (not a datetime)",
        )

    def test_label(self):
        """The label must be a string."""
        err = refusal(lambda: MembershipPeriod(OCC, YEAR, label=None))
        assert (err.field, err.expected, err.got) == ("MembershipPeriod.label", "a string", None)


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

    def test_open_claims_made(self):
        """A claims-made policy still running answers for incidents and claims from its start on."""
        m = held(CM, D(2020, 1, 1), retroactive_date=D(2019, 1, 1))
        assert m.incidents == Period(D(2019, 1, 1))
        assert m.claims == Period(D(2020, 1, 1))


class TestClaimWindow:
    """claim_window() gives the claim dates on which claims-made cover answers an incident."""

    m = MembershipPeriod(CM, YEAR, retroactive_date=D(2018, 1, 1), run_off_end=D(2023, 1, 1))

    def test_prior_act(self):
        """For an incident before the policy started, the window is the whole claim window."""
        assert self.m.claim_window(D(2019, 1, 1)) == Period(D(2020, 1, 1), D(2023, 1, 1))

    def test_incident_in_the_period(self):
        """For an incident inside the period, the window opens on the incident date."""
        assert self.m.claim_window(D(2020, 6, 1)) == Period(D(2020, 6, 1), D(2023, 1, 1))

    def test_on_the_first_day(self):
        """An incident on the policy's first day gives the whole window."""
        assert self.m.claim_window(D(2020, 1, 1)) == Period(D(2020, 1, 1), D(2023, 1, 1))

    def test_open_policy(self):
        """For a policy still running, the window has no end."""
        m = held(CM, D(2020, 1, 1))
        assert m.claim_window(D(2020, 6, 1)) == Period(D(2020, 6, 1))


class TestDateReason:
    """date_reason() says why the dates alone rule a membership out, whatever the exact dates."""

    cm = MembershipPeriod(
        CM, YEAR, retroactive_date=D(2018, 1, 1), run_off_end=D(2023, 1, 1), label="policy"
    )

    @pytest.mark.parametrize(
        ("on", "claimed_on"),
        [(D(2020, 1, 1), None), (D(2020, 12, 31), D(2040, 1, 1))],
    )
    def test_occurrence_inside(self, on, claimed_on):
        """An occurrence incident inside the period has no date reason, whenever claimed."""
        assert MembershipPeriod(OCC, YEAR).date_reason(on, claimed_on) is None

    @pytest.mark.parametrize(
        ("on", "claimed_on"),
        [(D(2018, 1, 1), D(2020, 1, 1)), (D(2020, 12, 31), D(2022, 12, 31)), (D(2019, 5, 1), None)],
    )
    def test_claims_made_inside(self, on, claimed_on):
        """An incident from the retroactive date, claimed in the window or not yet, has none."""
        assert self.cm.date_reason(on, claimed_on) is None

    def test_occurrence_outside(self):
        """An incident outside the period is OUTSIDE_PERIOD, naming scheme and membership."""
        m = MembershipPeriod(OCC, YEAR, label="MDO 2020")
        reason = m.date_reason(D(2021, 1, 1), None)
        assert reason.code is ReasonCode.OUTSIDE_PERIOD
        assert reason.message == "occurrence cover for incidents 2020-01-01 to 2020-12-31"
        assert (reason.scheme, reason.scheme_name, reason.cover, reason.membership) == (
            "occ",
            "Occurrence membership",
            None,
            "MDO 2020",
        )
        assert reason.source == OCC.source

    @pytest.mark.parametrize(
        ("on", "claimed_on", "code", "message"),
        [
            (
                D(2017, 12, 31),
                D(2020, 2, 1),
                ReasonCode.BEFORE_RETROACTIVE_DATE,
                "claims-made cover for incidents from 2018-01-01",
            ),
            (
                D(2021, 1, 1),
                None,
                ReasonCode.OUTSIDE_PERIOD,
                "claims-made cover for incidents before 2021-01-01",
            ),
            (
                D(2020, 3, 1),
                D(2023, 1, 1),
                ReasonCode.CLAIM_OUTSIDE_WINDOW,
                "claims-made cover for claims made 2020-01-01 to 2022-12-31",
            ),
        ],
    )
    def test_claims_made_outside(self, on, claimed_on, code, message):
        """Each way a claims-made membership's dates rule it out has its code and message."""
        reason = self.cm.date_reason(on, claimed_on)
        assert (reason.code, reason.message, reason.membership) == (code, message, "policy")

    @pytest.mark.parametrize(
        ("first", "second"),
        [
            ((D(2019, 1, 1), None), (D(2019, 12, 31), None)),
            ((D(2021, 1, 1), None), (D(2030, 6, 1), None)),
            ((D(2010, 1, 1), None), (D(2017, 12, 31), D(2020, 5, 1))),
        ],
    )
    def test_the_same_on_a_segment(self, first, second):
        """Two dates on the same side of every membership date get equal reasons."""
        occ = MembershipPeriod(OCC, YEAR)
        assert occ.date_reason(*first) == occ.date_reason(*second)
        assert self.cm.date_reason(*first) == self.cm.date_reason(*second)


class TestOccurrence:
    """Occurrence cover answers for incidents inside the period, however late the claim."""

    m = MembershipPeriod(OCC, YEAR, label="MDO 2020")

    def test_inside(self):
        """An incident inside the period is covered, the membership in the ground."""
        decision = self.m.is_covered(WORK, D(2020, 6, 1), "england")
        assert decision.outcome is Outcome.COVERED
        assert decision.grounds == (ground(OCC, self.m),)

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
        assert reason.message == "occurrence cover for incidents 2020-01-01 to 2020-12-31"
        assert reason.membership == self.m.describe()
        assert reason.scheme == OCC.key
        assert reason.source == SOURCE

    def test_scheme_in_force_still_applies(self):
        """A membership held before the scheme existed does not cover."""
        late = make_scheme(Basis.OCCURRENCE, in_force=Period(D(2020, 7, 1)))
        m = MembershipPeriod(late, YEAR)
        reason = only_reason(m.is_covered(WORK, D(2020, 6, 1), "england"))
        assert reason.code is ReasonCode.OUTSIDE_PERIOD
        assert reason.message.startswith("in force for incidents 2020-07-01 onwards")
        assert reason.membership == m.describe()

    def test_option_not_bought(self):
        """An optional cover the member did not buy does not answer."""
        decision = self.m.is_covered(WORK, D(2020, 6, 1), "england", matter="public-liability")
        assert only_reason(decision).code is ReasonCode.OPTION_NOT_BOUGHT

    def test_option_bought(self):
        """An optional cover the member bought answers."""
        m = MembershipPeriod(OCC, YEAR, options={"public-liability"})
        assert m.is_covered(WORK, D(2020, 6, 1), "england", matter="public-liability").covered


class TestStartUnknown:
    """Held from a date, or earlier ("I hold it now"): before it, the answer waits on HELD_SINCE."""

    m = MembershipPeriod(OCC, YEAR, label="MDO, held now", start_known=False)

    def test_from_the_known_date_as_if_the_start_were_known(self):
        """Inside the period nothing changes."""
        decision = self.m.is_covered(WORK, D(2020, 6, 1), "england")
        assert decision.outcome is Outcome.COVERED
        assert decision.grounds == (ground(OCC, self.m),)

    def test_before_it_undetermined_on_held_since(self):
        """Before the known date the answer is open on when it began, which value leads where."""
        decision = self.m.is_covered(WORK, D(2015, 6, 1), "england")
        assert decision.outcome is Outcome.UNDETERMINED
        assert decision.missing == {HELD_SINCE}
        assert decision.grounds == ()
        first = decision.reasons[0]
        assert first.code is ReasonCode.HELD_SINCE_UNKNOWN
        assert first.code.is_open
        assert first.missing == {HELD_SINCE}
        assert first.membership == "MDO, held now"
        assert "2020-01-01 or earlier" in first.message
        shown = sorted((s.outcome.value, s.describe()) for s in decision.settling)
        assert shown == [
            ("covered", "held_since: before 2015-06-02"),
            ("not-covered", "held_since: on or after 2015-06-02"),
        ]
        assert decision.next_question is not None
        assert decision.next_question.fact == HELD_SINCE

    def test_before_it_open_on_a_fact_too(self):
        """An answer open on a fact before the known date needs both."""
        m = MembershipPeriod(
            make_scheme(Basis.OCCURRENCE, covers=(SUPERVISED_ONLY,)), YEAR, start_known=False
        )
        decision = m.is_covered(WORK, D(2015, 6, 1), "england")
        assert decision.outcome is Outcome.UNDETERMINED
        assert decision.missing == {HELD_SINCE, SUPERVISED_ONLY.requires[0].condition.fact}
        covering = [s for s in decision.settling if s.outcome is Outcome.COVERED]
        assert [sorted(f.name for f in s.facts) for s in covering] == [["held_since", "supervised"]]

    def test_what_would_not_cover_is_not_covered(self):
        """Work the scheme does not cover is not covered, whenever it began."""
        decision = self.m.is_covered(WORK, D(2015, 6, 1), "overseas")
        assert decision.outcome is Outcome.NOT_COVERED
        assert HELD_SINCE not in decision.missing

    def test_after_the_end_outside_the_period(self):
        """The end is known: after it, not covered."""
        decision = self.m.is_covered(WORK, D(2021, 1, 1), "england")
        assert only_reason(decision).code is ReasonCode.OUTSIDE_PERIOD

    def test_reach_and_incidents(self):
        """Its incidents are the period; it reaches back to the first date."""
        assert self.m.incidents == YEAR
        assert self.m.reach == Period(D.min, YEAR.end)
        assert MembershipPeriod(OCC, YEAR).reach == YEAR

    def test_describe(self):
        """Without a label it says its start is unknown."""
        m = MembershipPeriod(OCC, YEAR, start_known=False)
        assert m.describe().endswith(", start unknown")

    def test_began_gives_its_start(self):
        """`began` is the membership with its start known."""
        known = self.m.began(D(2010, 1, 1))
        assert known.start_known
        assert known.period == Period(D(2010, 1, 1), YEAR.end)
        assert known.is_covered(WORK, D(2015, 6, 1), "england").covered

    @pytest.mark.parametrize(
        ("membership", "day"),
        [
            (MembershipPeriod(OCC, YEAR), D(2010, 1, 1)),
            (MembershipPeriod(OCC, YEAR, start_known=False), D(2020, 1, 2)),
            (MembershipPeriod(OCC, YEAR, start_known=False), "2010-01-01"),
        ],
    )
    def test_began_refuses(self, membership, day):
        """A start already known, a day after the known date, or not a date, is refused."""
        refusal(lambda: membership.began(day))

    def test_claims_made_refused(self):
        """A claims-made policy's schedule states its period."""
        err = refusal(lambda: MembershipPeriod(CM, YEAR, start_known=False))
        assert err.field == "MembershipPeriod.start_known"

    def test_not_a_bool(self):
        """start_known is a bool."""
        refusal(lambda: MembershipPeriod(OCC, YEAR, start_known="no"))  # type: ignore[arg-type]

    def test_equal_only_with_the_same_knowledge(self):
        """Known and unknown starts are different memberships; both pickle."""
        assert MembershipPeriod(OCC, YEAR, label="MDO, held now") != self.m
        assert pickle.loads(pickle.dumps(self.m)) == self.m  # noqa: S301 - our own bytes


class TestClaimsMade:
    """Claims-made cover needs the claim in the window and the incident after the retro date."""

    m = MembershipPeriod(
        CM, YEAR, retroactive_date=D(2018, 1, 1), run_off_end=D(2023, 1, 1), label="policy"
    )

    def test_covered(self):
        """An incident in the policy year claimed in the year is covered."""
        decision = self.m.is_covered(WORK, D(2020, 3, 1), "england", claimed_on=D(2020, 9, 1))
        assert decision.outcome is Outcome.COVERED
        assert decision.grounds == (ground(CM, self.m),)

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
        assert reason.message == "claims-made cover for incidents from 2018-01-01"
        assert reason.membership == self.m.describe()

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
        assert reason.message == "claims-made cover for incidents before 2021-01-01"

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
        assert reason.message == "claims-made cover for claims made 2020-01-01 to 2022-12-31"

    def test_claim_after_end_without_run_off(self):
        """Without run-off, a claim made after the policy ends is outside the window."""
        m = MembershipPeriod(CM, YEAR)
        decision = m.is_covered(WORK, D(2020, 3, 1), "england", claimed_on=D(2021, 1, 1))
        reason = only_reason(decision)
        assert reason.code is ReasonCode.CLAIM_OUTSIDE_WINDOW
        assert "2020-01-01 to 2020-12-31" in reason.message

    def test_claim_before_policy_start(self):
        """A claim made before the policy started is outside the window."""
        decision = self.m.is_covered(WORK, D(2018, 6, 1), "england", claimed_on=D(2019, 6, 1))
        assert only_reason(decision).code is ReasonCode.CLAIM_OUTSIDE_WINDOW

    def test_claim_before_incident_refused(self):
        """A claim dated before its incident is refused at the door."""
        err = refusal(
            lambda: self.m.is_covered(WORK, D(2020, 3, 1), "england", claimed_on=D(2020, 2, 1))
        )
        assert (err.field, err.expected, err.got) == (
            "claimed_on",
            "a date on or after the incident date 2020-03-01",
            D(2020, 2, 1),
        )

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
        assert reason.membership == m.describe()
        assert decision.claim_windows == (Period(D(2020, 1, 1), D(2023, 1, 1)),)

    def test_window_starts_at_the_incident(self):
        """For an incident inside the period the window opens on the incident date."""
        m = MembershipPeriod(CM, YEAR)
        decision = m.is_covered(WORK, D(2020, 6, 1), "england")
        reason = only_reason(decision)
        assert reason.message == "claims-made: covered only if the claim is made before 2021-01-01"
        assert decision.claim_windows == (Period(D(2020, 6, 1), D(2021, 1, 1)),)

    def test_open_policy(self):
        """For a policy still running the window has no end: any claim from the incident on."""
        m = MembershipPeriod(CM, Period(D(2020, 1, 1)))
        decision = m.is_covered(WORK, D(2020, 6, 1), "england")
        reason = only_reason(decision)
        assert reason.message == "claims-made: covered only if the claim is made at any date"
        assert decision.claim_windows == (Period(D(2020, 6, 1)),)

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
        supervised = make_scheme(Basis.CLAIMS_MADE, covers=(SUPERVISED_ONLY,))
        m = MembershipPeriod(supervised, YEAR)
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


class TestNotified:
    """A claim about a circumstance notified while a claims-made policy held is the policy's."""

    m = MembershipPeriod(CM, YEAR, label="policy")

    def test_a_claim_after_the_policy_about_a_notified_circumstance_is_covered(self):
        """Notified during the policy, claimed after it: answered as if claimed when notified."""
        decision = self.m.is_covered(
            WORK, D(2020, 3, 1), "england", claimed_on=D(2023, 5, 1), notified_on=D(2020, 11, 1)
        )
        assert decision.covered
        assert decision.question.notified_on == D(2020, 11, 1)

    def test_without_the_notification_the_late_claim_is_not(self):
        """The same claim, never notified, falls outside the claim window."""
        decision = self.m.is_covered(WORK, D(2020, 3, 1), "england", claimed_on=D(2023, 5, 1))
        assert only_reason(decision).code is ReasonCode.CLAIM_OUTSIDE_WINDOW

    def test_a_notification_after_the_policy_counts_for_nothing(self):
        """Notifying an insurer whose policy has ended does not bring the claim in."""
        decision = self.m.is_covered(
            WORK, D(2020, 3, 1), "england", claimed_on=D(2023, 5, 1), notified_on=D(2021, 2, 1)
        )
        assert decision.outcome is Outcome.NOT_COVERED

    def test_run_off_counts_as_the_policy(self):
        """A notification during the run-off counts like one during the policy."""
        held = MembershipPeriod(CM, YEAR, run_off_end=D(2022, 1, 1))
        decision = held.is_covered(
            WORK, D(2020, 3, 1), "england", claimed_on=D(2024, 1, 1), notified_on=D(2021, 6, 1)
        )
        assert decision.covered

    def test_the_notification_does_not_settle_an_unknown_claim_date(self):
        """Notified in the window, the claim date no longer matters: covered."""
        decision = self.m.is_covered(WORK, D(2020, 3, 1), "england", notified_on=D(2020, 11, 1))
        assert decision.covered

    def test_occurrence_cover_ignores_it(self):
        """Occurrence cover turns on the incident date alone."""
        held = MembershipPeriod(OCC, YEAR)
        for notified in (None, D(2020, 4, 1), D(2030, 1, 1)):
            decision = held.is_covered(
                WORK, D(2020, 3, 1), "england", claimed_on=D(2030, 1, 1), notified_on=notified
            )
            assert decision.covered

    @pytest.mark.parametrize(
        ("notified", "claimed", "expected"),
        [
            (D(2020, 2, 1), None, "a date on or after the incident date 2020-03-01"),
            (D(2021, 1, 1), D(2020, 12, 1), "a date on or before the claim date 2020-12-01"),
        ],
    )
    def test_a_notification_outside_incident_and_claim_is_refused(
        self, notified, claimed, expected
    ):
        """A notification comes after the incident and before (or on) the claim."""
        err = refusal(
            lambda: self.m.is_covered(
                WORK, D(2020, 3, 1), "england", claimed_on=claimed, notified_on=notified
            )
        )
        assert (err.field, err.expected, err.got) == ("notified_on", expected, notified)


class TestQuestionValidation:
    """is_covered() validates the question's parts."""

    def test_activity(self):
        """A non-Activity is refused naming 'activity'."""
        err = refusal(
            lambda: MembershipPeriod(OCC, YEAR).is_covered(
                "private-practice", D(2020, 6, 1), "england"
            )
        )
        assert (err.field, err.expected, err.got) == (
            "activity",
            "an Activity",
            "private-practice",
        )

    def test_datetime(self):
        """A datetime incident date is refused."""
        err = refusal(
            lambda: MembershipPeriod(OCC, YEAR).is_covered(WORK, dt.datetime(2020, 6, 1), "england")
        )
        assert (err.field, err.expected) == ("on", "a date (not a datetime)")

    def test_claim_datetime(self):
        """A datetime claim date is refused."""
        err = refusal(
            lambda: MembershipPeriod(CM, YEAR).is_covered(
                WORK, D(2020, 6, 1), "england", claimed_on=dt.datetime(2020, 7, 1)
            )
        )
        assert (err.field, err.expected) == ("claimed_on", "a date (not a datetime)")


class TestDecide:
    """decide() answers a checked question as is_covered() does."""

    @pytest.mark.parametrize(
        ("membership", "on", "claimed_on"),
        [
            (MembershipPeriod(OCC, YEAR), D(2020, 6, 1), None),
            (MembershipPeriod(OCC, YEAR), D(2021, 6, 1), None),
            (MembershipPeriod(CM, YEAR), D(2020, 6, 1), None),
            (MembershipPeriod(CM, YEAR), D(2020, 6, 1), D(2020, 7, 1)),
            (MembershipPeriod(CM, YEAR), D(2020, 6, 1), D(2021, 7, 1)),
        ],
    )
    def test_same_decision(self, membership, on, claimed_on):
        """The decision to a question is the decision is_covered() gives to its parts."""
        question = Question.ask(WORK, on, "england", claimed_on=claimed_on)
        assert membership.decide(question) == membership.is_covered(
            WORK, on, "england", claimed_on=claimed_on
        )
        assert membership.decide(question).question == question
