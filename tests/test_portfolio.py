"""Tests for `indemnity.holdings.portfolio`: everything one holder has, asked as one."""

import itertools
import json
from collections.abc import Callable

import pytest

from indemnity import (
    Activity,
    ActivityKind,
    Basis,
    InvalidFieldError,
    Is,
    Outcome,
    Portfolio,
    ReasonCode,
    UnknownNameError,
    Vocabulary,
    active_vocabulary,
    to_data,
    uk,
)
from tests.builders import ON, D, cite, cover, held, requirement, scheme

SOURCE = cite("NHS indemnity covers clinical negligence claims")


def make_scheme(key, kinds, *, basis=Basis.OCCURRENCE, requires=()):
    """A discretionary scheme of one cover, for clinical negligence in `kinds` of work."""
    return scheme(
        key,
        name=key.upper(),
        operator="Operator",
        basis=basis,
        covers=(cover(f"{key} cover", activities=kinds, source=SOURCE, requires=requires),),
        source=SOURCE,
    )


def refusal(make: Callable[[], object], kind: type[InvalidFieldError] = InvalidFieldError):
    """The error `make` raises, which must be exactly of type `kind`."""
    with pytest.raises(kind) as info:
        make()
    assert type(info.value) is kind
    return info.value


NHS = make_scheme("nhs", {"nhs-contracted-care"})
MDO = make_scheme("mdo", {"private-practice", "nhs-contracted-care"})
DECLARED_ONLY = make_scheme(
    "declared",
    {"private-practice"},
    requires=(requirement(Is("declared", True), "the work is declared", SOURCE),),
)
CLAIMS_MADE = make_scheme("insurer", {"private-practice"}, basis=Basis.CLAIMS_MADE)

NHS_2019 = held(NHS, D(2019, 8, 7), label="NHS trust")
MDO_2019 = held(MDO, D(2019, 8, 7), D(2024, 8, 7), label="MDO, first")
MDO_2024 = held(MDO, D(2024, 9, 1), label="MDO, second")
DECLARED_2020 = held(DECLARED_ONLY, D(2020, 1, 1), label="declared-only")

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
        err = refusal(lambda: Portfolio([NHS_2019, MDO]))
        assert (err.field, err.expected, err.got) == (
            "Portfolio.memberships[1]",
            "a MembershipPeriod",
            MDO,
        )

    def test_single_membership(self):
        """A bare MembershipPeriod is not a sequence of them."""
        err = refusal(lambda: Portfolio(NHS_2019))
        assert (err.field, err.expected, err.got) == (
            "Portfolio.memberships",
            "a sequence of MembershipPeriod",
            NHS_2019,
        )

    @pytest.mark.parametrize("given", [None, "memberships", 3])
    def test_not_a_sequence(self, given):
        """None, a string or a number is refused as it was given."""
        err = refusal(lambda: Portfolio(given))
        assert (err.field, err.expected, err.got) == (
            "Portfolio.memberships",
            "a sequence of MembershipPeriod",
            given,
        )

    def test_holder(self):
        """The holder must be a string."""
        err = refusal(lambda: Portfolio([], holder=1))
        assert (err.field, err.expected, err.got) == ("Portfolio.holder", "a string", 1)

    def test_add_validates(self):
        """add() refuses what the constructor refuses."""
        err = refusal(lambda: Portfolio().add("NHS"))
        assert (err.field, err.expected, err.got) == (
            "Portfolio.memberships[0]",
            "a MembershipPeriod",
            "NHS",
        )


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
        assert [g.membership for g in decision.grounds] == ["MDO, first", "NHS trust"]
        assert decision.reasons == ()

    def test_reasons_list_every_other_membership(self):
        """Each membership that does not cover gives its reason."""
        p = Portfolio([NHS_2019, MDO_2019, MDO_2024])
        decision = p.is_covered(CLINIC, D(2020, 6, 1), "england")
        assert decision.outcome is Outcome.COVERED
        assert [r.membership for r in decision.reasons] == ["MDO, second"]
        assert decision.reasons[0].code is ReasonCode.OUTSIDE_PERIOD

    def test_not_covered_lists_every_reason(self):
        """When nothing covers, every membership's reason is listed in canonical order."""
        p = Portfolio([NHS_2019, MDO_2024, MDO_2019])
        decision = p.is_covered(PRIVATE, D(2024, 8, 20), "england")
        assert decision.outcome is Outcome.NOT_COVERED
        assert [(r.membership, r.code) for r in decision.reasons] == [
            ("MDO, first", ReasonCode.OUTSIDE_PERIOD),
            ("NHS trust", ReasonCode.ACTIVITY_OUT_OF_SCOPE),
            ("MDO, second", ReasonCode.OUTSIDE_PERIOD),
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
        assert [g.membership for g in decision.grounds] == ["MDO, second"]
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
        policy = held(CLAIMS_MADE, D(2020, 1, 1), D(2023, 1, 1))
        p = Portfolio([policy, MDO_2024])
        decision = p.is_covered(PRIVATE, D(2021, 5, 1), "england", claimed_on=D(2025, 1, 1))
        assert decision.outcome is Outcome.NOT_COVERED
        assert {r.code for r in decision.reasons} == {
            ReasonCode.CLAIM_OUTSIDE_WINDOW,
            ReasonCode.OUTSIDE_PERIOD,
        }

    def test_claims_made_unknown_claim_date(self):
        """A claims-made policy asked without a claim date leaves claimed_on missing."""
        policy = held(CLAIMS_MADE, D(2020, 1, 1), D(2023, 1, 1))
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
    def test_same_decision_data_and_explanation(self, activity, on):
        """Every permutation gives an equal decision, the same data and the same explanation."""
        answers = set()
        for order in itertools.permutations(self.items):
            decision = Portfolio(order).is_covered(activity, on, "england")
            answers.add((decision, json.dumps(to_data(decision)), decision.explain()))
        assert len(answers) == 1

    def test_same_scheme_twice_in_the_same_period(self):
        """Memberships differing only by label still sort the same whatever the order."""
        a = held(MDO, D(2020, 1, 1), label="a")
        b = held(MDO, D(2020, 1, 1), label="b")
        assert Portfolio([a, b]).memberships == Portfolio([b, a]).memberships == (a, b)


class TestIsCovered:
    """is_covered() validates the question and asks every membership."""

    def test_validates(self):
        """An unknown matter is refused with a suggestion."""
        err = refusal(
            lambda: Portfolio([NHS_2019]).is_covered(CLINIC, ON, "england", matter="complant"),
            UnknownNameError,
        )
        assert (err.field, err.got) == ("matter", "complant")
        assert "'complaint'" in err.expected
        assert "did you mean 'complaint'?" in str(err)

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

        def holding(*places):
            only = cover("c", activities=("nhs-contracted-care",), territory=places)
            return held(scheme("mdo", covers=(only,), name="Scheme"), D(2020, 1, 1))

        a, b = holding("jersey", "scotland"), holding("northern-ireland")
        a2 = holding("scotland", "jersey")
        assert Portfolio((a, b)) == Portfolio((b, a2))
        assert Portfolio((a, b)).memberships == Portfolio((b, a)).memberships


class TestVocabulary:
    """A portfolio speaks the words of the schemes it holds."""

    def test_empty_speaks_the_active_vocabulary(self):
        """With nothing held, questions are read in the active vocabulary."""
        assert Portfolio().vocabulary is active_vocabulary()
        other = uk.vocabulary() | Vocabulary("extra", kinds=(ActivityKind("tele-triage"),))
        with other.using():
            assert Portfolio().vocabulary is other

    def test_uk_schemes_speak_uk(self):
        """A portfolio of UK schemes reads questions in the UK vocabulary."""
        assert Portfolio([NHS_2019, MDO_2019]).vocabulary is uk.vocabulary()

    def test_every_schemes_words_together(self):
        """A scheme of another vocabulary adds its words: its kind of work can be asked about."""
        extra = Vocabulary("extra", kinds=(ActivityKind("tele-triage"),))
        with (uk.vocabulary() | extra).using():
            triage = make_scheme("triage", {"tele-triage"})
        p = Portfolio([NHS_2019, held(triage, D(2020, 1, 1))])
        assert "tele-triage" in p.vocabulary.kinds
        assert "nhs-contracted-care" in p.vocabulary.kinds
        with p.vocabulary.using():
            work = Activity.of("tele-triage")
        assert p.is_covered(work, ON, "england").covered
