"""Tests for `indemnity.portfolio`: everything one holder has, asked as one."""

import datetime as dt
import itertools
import json

import pytest

from indemnity import (
    UK,
    Activity,
    ActivityKind,
    Basis,
    Citation,
    Cover,
    Fact,
    InvalidFieldError,
    Is,
    Matter,
    MembershipPeriod,
    Outcome,
    Period,
    Portfolio,
    ReasonCode,
    Requirement,
    Scheme,
    SchemeKind,
)

D = dt.date
ON = D(2025, 3, 10)
SOURCE = Citation("000_d40f28ef5600d884.txt", "NHS indemnity covers clinical negligence claims")


def make_scheme(key, kinds, *, basis=Basis.OCCURRENCE, conditions=(), matters=None):
    cover = Cover(
        name=f"{key} cover",
        matters=frozenset(matters or {Matter.CLINICAL_NEGLIGENCE}),
        activities=frozenset(kinds),
        territory=UK,
        source=SOURCE,
        conditions=conditions,
    )
    return Scheme(
        key=key,
        name=key.upper(),
        operator="Operator",
        kind=SchemeKind.DISCRETIONARY,
        basis=basis,
        covers=(cover,),
        source=SOURCE,
    )


NHS = make_scheme("nhs", {ActivityKind.NHS_CONTRACTED_CARE})
MDO = make_scheme("mdo", {ActivityKind.PRIVATE_PRACTICE, ActivityKind.NHS_CONTRACTED_CARE})
DECLARED_ONLY = make_scheme(
    "declared",
    {ActivityKind.PRIVATE_PRACTICE},
    conditions=(Requirement(Is(Fact.DECLARED, True), "the work is declared", SOURCE),),
)
CLAIMS_MADE = make_scheme("insurer", {ActivityKind.PRIVATE_PRACTICE}, basis=Basis.CLAIMS_MADE)

NHS_2019 = MembershipPeriod(NHS, Period(D(2019, 8, 7)), label="NHS trust")
MDO_2019 = MembershipPeriod(MDO, Period(D(2019, 8, 7), D(2024, 8, 7)), label="MDO, first")
MDO_2024 = MembershipPeriod(MDO, Period(D(2024, 9, 1)), label="MDO, second")
DECLARED_2020 = MembershipPeriod(DECLARED_ONLY, Period(D(2020, 1, 1)), label="declared-only")

CLINIC = Activity.of("nhs-contracted-care")
PRIVATE = Activity.of("private-practice")


class TestConstruction:
    """A portfolio validates and orders its memberships."""

    def test_canonical_order(self):
        """Memberships are sorted by start, then end, then scheme, whatever the input order."""
        p = Portfolio((MDO_2024, DECLARED_2020, MDO_2019, NHS_2019))
        assert p.memberships == (MDO_2019, NHS_2019, DECLARED_2020, MDO_2024)

    def test_equal_whatever_the_order(self):
        """Portfolios of the same memberships in any order are equal and hash alike."""
        items = [MDO_2024, DECLARED_2020, MDO_2019, NHS_2019]
        portfolios = {Portfolio(tuple(order)) for order in itertools.permutations(items)}
        assert len(portfolios) == 1

    def test_any_iterable(self):
        """A list or a generator is accepted and stored as a tuple."""
        p = Portfolio(m for m in [NHS_2019, MDO_2019])
        assert isinstance(p.memberships, tuple)
        assert p == Portfolio([MDO_2019, NHS_2019])

    def test_len_and_iter(self):
        """len() counts and iteration yields memberships in canonical order."""
        p = Portfolio([MDO_2024, MDO_2019], holder="Dr Okafor")
        assert len(p) == 2
        assert list(p) == [MDO_2019, MDO_2024]
        assert p.holder == "Dr Okafor"

    def test_add(self):
        """add() returns a new portfolio holding more, still in canonical order."""
        before = Portfolio([MDO_2024], holder="Dr Okafor")
        after = before.add(NHS_2019, MDO_2019)
        assert after.memberships == (MDO_2019, NHS_2019, MDO_2024)
        assert after.holder == "Dr Okafor"
        assert before.memberships == (MDO_2024,)

    def test_empty(self):
        """The default portfolio is empty."""
        assert len(Portfolio()) == 0


class TestValidation:
    """Bad input is refused naming the field, the expectation and the value."""

    def test_item_not_a_membership(self):
        """An item that is not a MembershipPeriod is refused by position."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'Portfolio\.memberships\[1\]' expected a MembershipPeriod, "
            r"got Scheme\(.*\.\.\. \(Scheme\)$",
        ):
            Portfolio([NHS_2019, MDO])

    def test_single_membership(self):
        """A bare MembershipPeriod is not a sequence of them."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'Portfolio\.memberships' expected a sequence of MembershipPeriod, "
            r"got MembershipPeriod\(",
        ):
            Portfolio(NHS_2019)

    @pytest.mark.parametrize("given", [None, "memberships", 3])
    def test_not_a_sequence(self, given):
        """None, a string or a number is refused with its type."""
        with pytest.raises(
            InvalidFieldError,
            match=rf"^'Portfolio\.memberships' expected a sequence of MembershipPeriod, "
            rf"got .* \({type(given).__name__}\)$",
        ):
            Portfolio(given)

    def test_holder(self):
        """The holder must be a string."""
        with pytest.raises(
            InvalidFieldError, match=r"^'Portfolio\.holder' expected a string, got 1 \(int\)$"
        ):
            Portfolio([], holder=1)

    def test_add_validates(self):
        """add() refuses what the constructor refuses."""
        with pytest.raises(
            InvalidFieldError, match=r"^'Portfolio\.memberships\[0\]' expected a MembershipPeriod"
        ):
            Portfolio().add("NHS")


class TestEmpty:
    """An empty portfolio covers nothing."""

    def test_not_covered(self):
        """Nothing held: NOT_COVERED with no grounds and no reasons."""
        decision = Portfolio().is_covered(CLINIC, ON, "england")
        assert decision.outcome is Outcome.NOT_COVERED
        assert decision.grounds == ()
        assert decision.reasons == ()
        assert decision.missing == frozenset()
        assert "No arrangement was asked." in decision.explain()


class TestCombining:
    """Covered if any covers, else undetermined if any might, else not covered."""

    def test_double_cover_lists_every_ground(self):
        """Two memberships that both cover are both grounds."""
        p = Portfolio([NHS_2019, MDO_2019])
        decision = p.is_covered(CLINIC, D(2020, 6, 1), "england")
        assert decision.outcome is Outcome.COVERED
        assert [g.membership for g in decision.grounds] == [MDO_2019, NHS_2019]
        assert decision.reasons == ()

    def test_reasons_list_every_other_membership(self):
        """Each membership that does not cover gives its reason."""
        p = Portfolio([NHS_2019, MDO_2019, MDO_2024])
        decision = p.is_covered(CLINIC, D(2020, 6, 1), "england")
        assert decision.outcome is Outcome.COVERED
        assert [r.membership for r in decision.reasons] == [MDO_2024]
        assert decision.reasons[0].code is ReasonCode.OUTSIDE_PERIOD

    def test_not_covered_lists_every_reason(self):
        """When nothing covers, every membership's reason is listed in canonical order."""
        p = Portfolio([NHS_2019, MDO_2024, MDO_2019])
        decision = p.is_covered(PRIVATE, D(2024, 8, 20), "england")
        assert decision.outcome is Outcome.NOT_COVERED
        assert [(r.membership, r.code) for r in decision.reasons] == [
            (MDO_2019, ReasonCode.OUTSIDE_PERIOD),
            (NHS_2019, ReasonCode.ACTIVITY_OUT_OF_SCOPE),
            (MDO_2024, ReasonCode.OUTSIDE_PERIOD),
        ]

    def test_gap_between_memberships(self):
        """An incident in the gap between two occurrence memberships is not covered."""
        p = Portfolio([MDO_2019, MDO_2024])
        assert p.is_covered(PRIVATE, D(2024, 8, 6), "england").covered
        assert not p.is_covered(PRIVATE, D(2024, 8, 7), "england").covered
        assert not p.is_covered(PRIVATE, D(2024, 8, 31), "england").covered
        assert p.is_covered(PRIVATE, D(2024, 9, 1), "england").covered

    def test_undetermined_names_missing_facts(self):
        """Nothing covers but one might: UNDETERMINED, with that one's missing facts."""
        p = Portfolio([NHS_2019, DECLARED_2020])
        decision = p.is_covered(PRIVATE, ON, "england")
        assert decision.outcome is Outcome.UNDETERMINED
        assert decision.missing == frozenset({"declared"})
        assert {r.code for r in decision.reasons} == {
            ReasonCode.ACTIVITY_OUT_OF_SCOPE,
            ReasonCode.CONDITION_UNKNOWN,
        }

    def test_covered_outranks_undetermined(self):
        """One membership covering settles it: COVERED, nothing missing."""
        p = Portfolio([MDO_2024, DECLARED_2020])
        decision = p.is_covered(PRIVATE, ON, "england")
        assert decision.outcome is Outcome.COVERED
        assert decision.missing == frozenset()
        assert [g.membership for g in decision.grounds] == [MDO_2024]
        assert [r.code for r in decision.reasons] == [ReasonCode.CONDITION_UNKNOWN]

    def test_settling_the_fact_settles_the_answer(self):
        """Giving the missing fact turns UNDETERMINED into an answer."""
        p = Portfolio([DECLARED_2020])
        assert p.is_covered(PRIVATE.with_facts(declared=True), ON, "england").covered
        assert (
            p.is_covered(PRIVATE.with_facts(declared=False), ON, "england").outcome
            is Outcome.NOT_COVERED
        )

    def test_claims_made_without_run_off_leaves_a_gap(self):
        """Leaving claims-made cover without run-off: a later claim is not covered."""
        policy = MembershipPeriod(CLAIMS_MADE, Period(D(2020, 1, 1), D(2023, 1, 1)))
        p = Portfolio([policy, MDO_2024])
        decision = p.is_covered(PRIVATE, D(2021, 5, 1), "england", claimed_on=D(2025, 1, 1))
        assert decision.outcome is Outcome.NOT_COVERED
        assert {r.code for r in decision.reasons} == {
            ReasonCode.CLAIM_OUTSIDE_WINDOW,
            ReasonCode.OUTSIDE_PERIOD,
        }

    def test_claims_made_unknown_claim_date(self):
        """A claims-made policy asked without a claim date leaves claimed_on missing."""
        policy = MembershipPeriod(CLAIMS_MADE, Period(D(2020, 1, 1), D(2023, 1, 1)))
        decision = Portfolio([policy]).is_covered(PRIVATE, D(2021, 5, 1), "england")
        assert decision.outcome is Outcome.UNDETERMINED
        assert decision.missing == frozenset({"claimed_on"})


class TestOrderIndependence:
    """The order memberships are given in never changes an answer or its explanation."""

    items = (NHS_2019, MDO_2019, MDO_2024, DECLARED_2020)

    @pytest.mark.parametrize(
        ("activity", "on"),
        [(CLINIC, D(2020, 6, 1)), (PRIVATE, ON), (PRIVATE, D(2024, 8, 20))],
    )
    def test_same_decision_and_dict(self, activity, on):
        """Every permutation gives an equal decision, the same dict and the same explanation."""
        answers = set()
        for order in itertools.permutations(self.items):
            decision = Portfolio(order).is_covered(activity, on, "england")
            answers.add((decision, json.dumps(decision.to_dict()), decision.explain()))
        assert len(answers) == 1

    def test_same_scheme_twice_in_the_same_period(self):
        """Memberships differing only by label still sort the same whatever the order."""
        a = MembershipPeriod(MDO, Period(D(2020, 1, 1)), label="a")
        b = MembershipPeriod(MDO, Period(D(2020, 1, 1)), label="b")
        assert Portfolio([a, b]).memberships == Portfolio([b, a]).memberships == (a, b)


class TestIsCovered:
    """is_covered() validates the question and asks every membership."""

    def test_validates(self):
        """An unknown matter is refused with a suggestion."""
        with pytest.raises(InvalidFieldError, match=r"^'matter' expected one of .*'complaint'"):
            Portfolio([NHS_2019]).is_covered(CLINIC, ON, "england", matter="complant")

    def test_other_matter(self):
        """A matter no scheme answers for is NOT_COVERED with each scheme's reason."""
        decision = Portfolio([NHS_2019, MDO_2024]).is_covered(
            CLINIC, ON, "england", matter="complaint"
        )
        assert decision.outcome is Outcome.NOT_COVERED
        assert [r.code for r in decision.reasons] == [ReasonCode.MATTER_NOT_COVERED] * 2


class TestCanonicalOrderOfTies:
    """Memberships that tie on dates, scheme key, label and options still order one way."""

    def test_equal_sets_built_in_different_orders_give_the_same_portfolio(self):
        """Tied memberships differing only in a set's contents order the same, however built."""
        import datetime as dt

        from indemnity import Citation, Cover, MembershipPeriod, Period, Portfolio, Scheme

        def held(*places):
            cover = Cover(
                "c",
                {"clinical-negligence"},
                {"nhs-contracted-care"},
                places,
                Citation("000_d40f28ef5600d884.txt"),
            )
            scheme = Scheme(
                "mdo",
                "Scheme",
                "Op",
                "discretionary-membership",
                "occurrence",
                (cover,),
                Citation("000_d40f28ef5600d884.txt"),
            )
            return MembershipPeriod(scheme, Period(dt.date(2020, 1, 1)))

        a, b = held("jersey", "scotland"), held("northern-ireland")
        a2 = held("scotland", "jersey")
        assert Portfolio((a, b)) == Portfolio((b, a2))
        assert Portfolio((a, b)).memberships == Portfolio((b, a)).memberships
