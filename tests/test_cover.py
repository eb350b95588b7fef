"""Tests for `indemnity.rules.cover`: one head of cover and how it answers a situation."""

import datetime as dt
import pickle

import attrs
import pytest

from indemnity import (
    Activity,
    Answer,
    Basis,
    Cover,
    Decision,
    Exclusion,
    Ground,
    InvalidFieldError,
    Is,
    KindIn,
    OneOf,
    Outcome,
    Question,
    Reason,
    ReasonCode,
    SchemeKind,
    Situation,
    UnknownNameError,
)
from indemnity.rules.cover import Holder
from indemnity.uk import UK
from tests.builders import ON, cite, exclusion, requirement, scheme

COVER_SOURCE = cite("clinical negligence claims")
REQ_SOURCE = cite("appropriately supervised", "mps-hee-block")
EXC_SOURCE = cite("clinician in overall charge", "mps-hee-block")

SUPERVISED = requirement(Is("supervised", True), "the doctor is supervised", REQ_SOURCE)
ROTATION = requirement(Is("official_rotation", True), "the placement is on rotation", REQ_SOURCE)
IN_CHARGE = exclusion(
    Is("overall_charge", True), reason="being in overall charge", source=EXC_SOURCE
)
MDO = Holder("mdo", "MDO membership", SchemeKind.DISCRETIONARY, Basis.OCCURRENCE)
"""A scheme holding the cover, as grounds and reasons name it."""


def make_cover(**changes):
    """A private-practice clinical negligence cover in the UK, changed as asked.

    The fields reach `Cover` exactly as given, so validation sees them unconverted.
    """
    fields = {
        "name": "private work",
        "matters": frozenset({"clinical-negligence"}),
        "activities": frozenset({"private-practice"}),
        "territory": UK,
        "source": COVER_SOURCE,
    }
    fields.update(changes)
    return Cover(**fields)


def situation(activity=None, *, where="england", matter="clinical-negligence"):
    """The situation of `activity` (private practice knowing nothing) in `where`."""
    return Situation.ask(activity or Activity.of("private-practice"), where, matter=matter)


def ask(cover, activity=None, *, where="england", matter="clinical-negligence", options=()):
    """The cover's answer, held by no scheme, with `options` bought."""
    return cover.answer(situation(activity, where=where, matter=matter), options=frozenset(options))


def only_reason(answer):
    """The one reason of `answer`."""
    assert len(answer.reasons) == 1, answer.reasons
    return answer.reasons[0]


def refused(error=InvalidFieldError, **changes):
    """The error of exactly type `error` that `make_cover(**changes)` raises."""
    with pytest.raises(error) as info:
        make_cover(**changes)
    assert type(info.value) is error
    return info.value


class TestConstruction:
    """A cover canonicalises its collections at the door."""

    def test_names_are_parsed(self):
        """Matters, activities and territory may be given by name, in any collection."""
        cover = make_cover(
            matters=["clinical negligence", "Complaint"],
            activities=("private_practice",),
            territory=["england", "NI"],
        )
        assert cover.matters == frozenset({"clinical-negligence", "complaint"})
        assert cover.activities == frozenset({"private-practice"})
        assert cover.territory == frozenset({"england", "northern-ireland"})

    def test_rules_become_tuples(self):
        """Requirements and exclusions given as lists are stored as tuples."""
        cover = make_cover(requires=[SUPERVISED], exclusions=[IN_CHARGE])
        assert cover.requires == (SUPERVISED,)
        assert cover.exclusions == (IN_CHARGE,)

    def test_equal_covers_hash_alike(self):
        """Covers built from equal parts in different spellings are equal and hash alike."""
        a = make_cover(matters=["clinical-negligence"], requires=[SUPERVISED])
        b = make_cover(requires=(SUPERVISED,))
        assert a == b
        assert hash(a) == hash(b)

    def test_defaults(self):
        """No rules, no limit and no option unless given."""
        cover = make_cover()
        assert (cover.requires, cover.exclusions, cover.limit, cover.option) == (
            (),
            (),
            None,
            None,
        )

    def test_pickles(self):
        """A cover survives pickling."""
        cover = make_cover(requires=[SUPERVISED], exclusions=[IN_CHARGE], limit=1_000_000)
        assert pickle.loads(pickle.dumps(cover)) == cover  # noqa: S301 - our own bytes

    def test_frozen(self):
        """A cover cannot be changed; attrs.evolve makes a changed copy."""
        cover = make_cover()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            cover.name = "x"  # type: ignore[misc]
        assert attrs.evolve(cover, limit=5).limit == 5


class TestValidation:
    """Bad fields are refused naming the field and what was expected."""

    @pytest.mark.parametrize(
        ("name", "expected"), [("", "a non-empty string"), (None, "a string"), (3, "a string")]
    )
    def test_name(self, name, expected):
        """The name must be a non-empty string."""
        err = refused(name=name)
        assert (err.field, err.expected, err.got) == ("Cover.name", expected, name)

    @pytest.mark.parametrize("field", ["matters", "activities", "territory"])
    def test_empty_collections(self, field):
        """Matters, activities and territory need at least one item."""
        err = refused(**{field: frozenset()})
        assert (err.field, err.expected) == (f"Cover.{field}", "at least one item")

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("matters", "clinical-negligence"),
            ("activities", "private-practice"),
            ("territory", None),
        ],
    )
    def test_not_collections(self, field, value):
        """A single name (or None) is not a collection."""
        err = refused(**{field: value})
        assert (err.field, err.expected, err.got) == (f"Cover.{field}", "a collection", value)

    def test_unknown_matter(self):
        """An unknown matter is refused by position with a suggestion."""
        err = refused(UnknownNameError, matters=["clinical-negligence", "compliant"])
        assert (err.field, err.got) == ("Cover.matters[1]", "compliant")
        assert "'complaint'" in err.expected
        assert str(err).endswith("did you mean 'complaint'?")

    def test_unknown_activity(self):
        """An unknown activity kind is refused by position."""
        err = refused(UnknownNameError, activities=["surgery"])
        assert (err.field, err.got) == ("Cover.activities[0]", "surgery")
        assert "'private-practice'" in err.expected

    def test_territory_names_are_accepted(self):
        """Cover.territory takes jurisdictions and territory names alike: ['uk'] is the UK."""
        assert make_cover(territory=["uk", "jersey"]).territory == UK | {"jersey"}

    def test_unknown_territory_name_refused(self):
        """A name that is neither a jurisdiction nor a territory is refused with the choices."""
        err = refused(UnknownNameError, territory=["atlantis"])
        assert (err.field, err.got) == ("Cover.territory[0]", "atlantis")
        assert "'england'" in err.expected
        assert "'uk'" in err.expected

    def test_source(self):
        """The source must be a Citation, not a bare source id."""
        err = refused(source="mps-imgs-2023")
        assert (err.field, err.expected) == ("Cover.source", "a Citation")

    def test_requirement_items(self):
        """Each requirement must be a Requirement, reported by position."""
        err = refused(requires=[SUPERVISED, Is("supervised", True)])
        assert (err.field, err.expected) == ("Cover.requires[1]", "a Requirement")
        assert err.got == Is("supervised", True)

    def test_single_requirement_is_not_a_sequence(self):
        """A bare Requirement is not a sequence of them."""
        err = refused(requires=SUPERVISED)
        assert (err.field, err.expected) == ("Cover.requires", "a sequence of Requirement")
        assert err.got == SUPERVISED

    def test_exclusion_items(self):
        """Each exclusion must be an Exclusion, reported by position."""
        err = refused(exclusions=[SUPERVISED])
        assert (err.field, err.expected) == ("Cover.exclusions[0]", "an Exclusion")

    @pytest.mark.parametrize("limit", [0, -1, True, 1.5, "1000"])
    def test_limit(self, limit):
        """The limit is a positive whole amount or None."""
        err = refused(limit=limit)
        assert (err.field, err.expected) == ("Cover.limit", "a positive whole amount or None")
        assert err.got == limit

    @pytest.mark.parametrize("option", ["Public Liability", "public_liability", "", "-x", 3])
    def test_option(self, option):
        """An option name is lower-case words joined by hyphens."""
        err = refused(option=option)
        assert (err.field, err.expected) == (
            "Cover.option",
            "an option name such as 'public-liability'",
        )
        assert err.got == option


class TestScopeShortCircuits:
    """Matter, scope, territory and option are checked in turn; the first failure answers."""

    def test_matter(self):
        """A matter the cover does not answer for is MATTER_NOT_COVERED."""
        answer = ask(make_cover(), matter="complaint")
        assert answer.outcome is Outcome.NOT_COVERED
        reason = only_reason(answer)
        assert reason.code is ReasonCode.MATTER_NOT_COVERED
        assert reason.message == "does not cover a complaint"
        assert reason.source == COVER_SOURCE

    def test_activity(self):
        """An activity kind outside the scope is ACTIVITY_OUT_OF_SCOPE."""
        answer = ask(make_cover(), Activity.of("good-samaritan"))
        reason = only_reason(answer)
        assert answer.outcome is Outcome.NOT_COVERED
        assert reason.code is ReasonCode.ACTIVITY_OUT_OF_SCOPE
        assert reason.message == "good-samaritan is outside its scope"

    def test_territory(self):
        """A jurisdiction outside the territory is OUTSIDE_TERRITORY, by its label."""
        answer = ask(make_cover(), where="jersey")
        reason = only_reason(answer)
        assert answer.outcome is Outcome.NOT_COVERED
        assert reason.code is ReasonCode.OUTSIDE_TERRITORY
        assert reason.message == "Jersey is outside its territory"

    def test_option_not_bought(self):
        """An optional cover without its option bought is OPTION_NOT_BOUGHT."""
        answer = ask(make_cover(option="public-liability"))
        reason = only_reason(answer)
        assert answer.outcome is Outcome.NOT_COVERED
        assert reason.code is ReasonCode.OPTION_NOT_BOUGHT
        assert reason.message == (
            "applies only with the option 'public-liability', which was not bought"
        )

    def test_option_bought(self):
        """With its option bought, an optional cover answers."""
        answer = ask(make_cover(option="public-liability"), options={"public-liability"})
        assert answer.outcome is Outcome.COVERED

    def test_other_options_do_not_count(self):
        """Buying a different option does not unlock the cover."""
        answer = ask(make_cover(option="public-liability"), options={"defamation"})
        assert only_reason(answer).code is ReasonCode.OPTION_NOT_BOUGHT

    def test_order_of_checks(self):
        """With everything wrong, the matter is reported first, then scope, then territory."""
        cover = make_cover(option="x", requires=[SUPERVISED])
        good_samaritan = Activity.of("good-samaritan")
        codes = [
            only_reason(ask(cover, good_samaritan, where="jersey", matter="complaint")).code,
            only_reason(ask(cover, good_samaritan, where="jersey")).code,
            only_reason(ask(cover, where="jersey")).code,
            only_reason(ask(cover)).code,
        ]
        assert codes == [
            ReasonCode.MATTER_NOT_COVERED,
            ReasonCode.ACTIVITY_OUT_OF_SCOPE,
            ReasonCode.OUTSIDE_TERRITORY,
            ReasonCode.OPTION_NOT_BOUGHT,
        ]

    def test_short_circuit_ignores_rules(self):
        """Once out of scope, failed or unknown rules are not reported."""
        cover = make_cover(requires=[SUPERVISED], exclusions=[IN_CHARGE])
        answer = ask(cover, Activity.of("good-samaritan"))
        assert answer.missing == frozenset()
        assert only_reason(answer).code is ReasonCode.ACTIVITY_OUT_OF_SCOPE


class TestConditions:
    """Requirements must hold; unknown leaves the answer open."""

    def test_met(self):
        """A met requirement lets the cover answer COVERED with itself as the ground."""
        cover = make_cover(requires=[SUPERVISED])
        answer = ask(cover, Activity.of("private-practice", supervised=True))
        assert answer.outcome is Outcome.COVERED
        assert answer.grounds == (
            Ground(None, None, "private work", None, None, None, None, COVER_SOURCE),
        )
        assert answer.reasons == ()

    def test_failed(self):
        """A failed requirement is CONDITION_FAILED citing the requirement's source."""
        answer = ask(
            make_cover(requires=[SUPERVISED]), Activity.of("private-practice", supervised=False)
        )
        reason = only_reason(answer)
        assert answer.outcome is Outcome.NOT_COVERED
        assert reason.code is ReasonCode.CONDITION_FAILED
        assert reason.message == "requires that the doctor is supervised"
        assert reason.source == REQ_SOURCE
        assert reason.missing == frozenset()

    def test_unknown(self):
        """An unknown requirement is UNDETERMINED naming the missing fact."""
        answer = ask(make_cover(requires=[SUPERVISED]))
        reason = only_reason(answer)
        assert answer.outcome is Outcome.UNDETERMINED
        assert reason.code is ReasonCode.CONDITION_UNKNOWN
        assert reason.message == "requires that the doctor is supervised; depends on: supervised"
        assert reason.missing == frozenset({"supervised"})
        assert answer.missing == frozenset({"supervised"})

    def test_failed_outranks_unknown(self):
        """One failed and one unknown requirement: NOT_COVERED, reporting only the failure."""
        cover = make_cover(requires=[ROTATION, SUPERVISED])
        answer = ask(cover, Activity.of("private-practice", supervised=False))
        assert answer.outcome is Outcome.NOT_COVERED
        assert [r.code for r in answer.reasons] == [ReasonCode.CONDITION_FAILED]
        assert answer.missing == frozenset()

    def test_every_failure_listed(self):
        """Several failed requirements are all listed, in the cover's order."""
        cover = make_cover(requires=[ROTATION, SUPERVISED])
        activity = Activity.of("private-practice", supervised=False, official_rotation=False)
        answer = ask(cover, activity)
        assert [r.message for r in answer.reasons] == [
            "requires that the placement is on rotation",
            "requires that the doctor is supervised",
        ]

    def test_every_unknown_listed(self):
        """Several unknown requirements are all listed, their facts all missing."""
        answer = ask(make_cover(requires=[ROTATION, SUPERVISED]))
        assert answer.outcome is Outcome.UNDETERMINED
        assert [r.code for r in answer.reasons] == [ReasonCode.CONDITION_UNKNOWN] * 2
        assert answer.missing == frozenset({"official_rotation", "supervised"})


class TestExclusions:
    """Exclusions rule out; unknown exclusions leave the answer open."""

    def test_not_fired(self):
        """An exclusion that does not fire leaves the cover COVERED."""
        answer = ask(
            make_cover(exclusions=[IN_CHARGE]),
            Activity.of("private-practice", overall_charge=False),
        )
        assert answer.outcome is Outcome.COVERED

    def test_excluded(self):
        """A firing exclusion is EXCLUDED, citing the exclusion's source."""
        answer = ask(
            make_cover(exclusions=[IN_CHARGE]), Activity.of("private-practice", overall_charge=True)
        )
        reason = only_reason(answer)
        assert answer.outcome is Outcome.NOT_COVERED
        assert reason.code is ReasonCode.EXCLUDED
        assert reason.message == "excludes being in overall charge"
        assert reason.source == EXC_SOURCE

    def test_exclusion_unknown(self):
        """An exclusion that may fire is EXCLUSION_UNKNOWN naming the missing fact."""
        answer = ask(make_cover(exclusions=[IN_CHARGE]))
        reason = only_reason(answer)
        assert answer.outcome is Outcome.UNDETERMINED
        assert reason.code is ReasonCode.EXCLUSION_UNKNOWN
        assert reason.message == "may exclude being in overall charge; depends on: overall_charge"
        assert reason.missing == frozenset({"overall_charge"})

    def test_exception_inside_exclusion(self):
        """An exclusion spared by its exception does not rule the cover out."""
        exc = exclusion(
            KindIn({"private-practice"}),
            unless=Is("declared", True),
            reason="undeclared private work",
            source=EXC_SOURCE,
        )
        cover = make_cover(exclusions=[exc])
        assert ask(cover, Activity.of("private-practice", declared=True)).outcome is (
            Outcome.COVERED
        )
        assert ask(cover, Activity.of("private-practice", declared=False)).outcome is (
            Outcome.NOT_COVERED
        )
        assert ask(cover).missing == frozenset({"declared"})

    def test_exclusion_outranks_unknown_condition(self):
        """A firing exclusion beats an unknown requirement: NOT_COVERED."""
        cover = make_cover(requires=[SUPERVISED], exclusions=[IN_CHARGE])
        answer = ask(cover, Activity.of("private-practice", overall_charge=True))
        assert answer.outcome is Outcome.NOT_COVERED
        assert [r.code for r in answer.reasons] == [ReasonCode.EXCLUDED]

    def test_failed_condition_outranks_unknown_exclusion(self):
        """A failed requirement beats an unknown exclusion: NOT_COVERED."""
        cover = make_cover(requires=[SUPERVISED], exclusions=[IN_CHARGE])
        answer = ask(cover, Activity.of("private-practice", supervised=False))
        assert answer.outcome is Outcome.NOT_COVERED
        assert [r.code for r in answer.reasons] == [ReasonCode.CONDITION_FAILED]

    def test_failures_listed_conditions_first(self):
        """Failed requirements come before fired exclusions."""
        cover = make_cover(requires=[SUPERVISED], exclusions=[IN_CHARGE])
        activity = Activity.of("private-practice", supervised=False, overall_charge=True)
        codes = [r.code for r in ask(cover, activity).reasons]
        assert codes == [ReasonCode.CONDITION_FAILED, ReasonCode.EXCLUDED]

    def test_unknowns_are_merged(self):
        """An unknown requirement and an unknown exclusion both leave facts missing."""
        cover = make_cover(requires=[SUPERVISED], exclusions=[IN_CHARGE])
        answer = ask(cover)
        assert answer.outcome is Outcome.UNDETERMINED
        assert answer.missing == frozenset({"supervised", "overall_charge"})


class TestReasonContext:
    """Reasons and grounds name the cover, and the scheme holding it when one is given."""

    def test_reason_names_the_cover(self):
        """A reason from a bare cover names the cover and no scheme or membership."""
        reason = only_reason(ask(make_cover(), matter="complaint"))
        assert reason.cover == "private work"
        assert (reason.scheme, reason.scheme_name, reason.membership) == (None, None, None)

    def test_ground_is_the_cover(self):
        """A covering bare cover is the ground, with its name, limit and source."""
        answer = ask(make_cover(limit=1_000_000))
        assert answer.grounds == (
            Ground(None, None, "private work", None, None, None, 1_000_000, COVER_SOURCE),
        )
        assert answer.grounds[0].source == COVER_SOURCE


class TestHolder:
    """Cover.answer with a Holder names the scheme in its grounds and reasons."""

    def test_ground_names_the_scheme(self):
        """A covering cover's ground names the scheme, its kind and basis, and no membership."""
        answer = make_cover(limit=5_000).answer(situation(), holder=MDO)
        assert answer.grounds == (
            Ground(
                "mdo",
                "MDO membership",
                "private work",
                None,
                SchemeKind.DISCRETIONARY,
                Basis.OCCURRENCE,
                5_000,
                COVER_SOURCE,
            ),
        )

    def test_scope_reason_names_the_scheme(self):
        """A reason from the scope checks names the scheme and the cover."""
        answer = make_cover().answer(situation(matter="complaint"), holder=MDO)
        assert answer.reasons == (
            Reason(
                ReasonCode.MATTER_NOT_COVERED,
                "does not cover a complaint",
                COVER_SOURCE,
                "mdo",
                "MDO membership",
                "private work",
            ),
        )

    def test_rule_reasons_name_the_scheme(self):
        """Failed and open rules name the scheme too, citing the rule."""
        cover = make_cover(requires=[SUPERVISED], exclusions=[IN_CHARGE])
        answer = cover.answer(situation(), holder=MDO)
        assert answer.outcome is Outcome.UNDETERMINED
        assert [(r.scheme, r.scheme_name, r.cover, r.membership) for r in answer.reasons] == [
            ("mdo", "MDO membership", "private work", None)
        ] * 2
        assert [r.source for r in answer.reasons] == [REQ_SOURCE, EXC_SOURCE]

    def test_same_answer_but_for_the_names(self):
        """The holder changes only the names: outcome, messages and missing facts are the same."""
        cover = make_cover(requires=[SUPERVISED], exclusions=[IN_CHARGE])
        for activity in (
            Activity.of("private-practice"),
            Activity.of("private-practice", supervised=False),
            Activity.of("private-practice", supervised=True, overall_charge=False),
        ):
            alone = cover.answer(situation(activity))
            held = cover.answer(situation(activity), holder=MDO)
            assert held.outcome is alone.outcome
            assert held.missing == alone.missing
            assert [r.message for r in held.reasons] == [r.message for r in alone.reasons]
            assert [g.cover for g in held.grounds] == [g.cover for g in alone.grounds]

    def test_scheme_holder(self):
        """A scheme's holder is how the scheme names itself."""
        mdo = scheme("mdo", covers=[make_cover()])
        assert mdo.holder == MDO
        assert make_cover().answer(situation(), holder=mdo.holder) == mdo.answer(situation())

    def test_answer_is_an_answer(self):
        """Cover.answer returns a date-free Answer, not a Decision."""
        answer = make_cover().answer(situation())
        assert isinstance(answer, Answer)
        assert answer == Answer(
            Outcome.COVERED,
            (Ground(None, None, "private work", None, None, None, None, COVER_SOURCE),),
        )


class TestDecide:
    """decide() answers a checked question on the cover's own terms."""

    def test_decision_of_the_answer(self):
        """The decision carries the question and the cover's answer to its situation."""
        cover = make_cover(requires=[SUPERVISED])
        question = Question.ask(Activity.of("private-practice"), ON, "england")
        decision = cover.decide(question)
        assert isinstance(decision, Decision)
        assert decision.question == question
        assert decision == Decision.of(cover.answer(question.situation), question)
        assert decision.outcome is Outcome.UNDETERMINED
        assert decision.missing == frozenset({"supervised"})

    def test_optional_cover_judged_as_bought(self):
        """A bare optional cover is decided as if its option were bought."""
        question = Question.ask(Activity.of("private-practice"), ON, "england")
        assert make_cover(option="public-liability").decide(question).covered


class TestFacts:
    """facts() lists every fact the cover's rules read."""

    def test_no_rules(self):
        """A cover with no requirements or exclusions reads no fact."""
        assert make_cover().facts() == frozenset()

    def test_requirements_and_exclusions(self):
        """Requirements, exclusions and their exceptions all count."""
        spared = exclusion(
            Is("field", "cosmetic-aesthetic-medicine"),
            unless=OneOf("procedure", ["botox"]),
            reason="cosmetic work",
        )
        cover = make_cover(requires=[SUPERVISED, ROTATION], exclusions=[IN_CHARGE, spared])
        assert cover.facts() == {
            "supervised",
            "official_rotation",
            "overall_charge",
            "field",
            "procedure",
        }

    def test_kinds_are_not_facts(self):
        """A rule on the kind of activity reads no fact."""
        private = Exclusion(KindIn({"private-practice"}), reason="r", source=EXC_SOURCE)
        assert make_cover(exclusions=[private]).facts() == frozenset()


class TestIsCovered:
    """is_covered() asks a bare cover a question given in parts."""

    def test_covered(self):
        """A question inside the cover's scope is COVERED."""
        decision = make_cover().is_covered(Activity.of("private-practice"), ON, "Scotland")
        assert decision.covered
        assert decision.question.jurisdiction == "scotland"

    def test_optional_cover_judged_as_bought(self):
        """A bare optional cover is judged as if its option were bought."""
        cover = make_cover(option="public-liability")
        assert cover.is_covered(Activity.of("private-practice"), ON, "england").covered

    def test_matter_by_name(self):
        """The matter may be given by name."""
        decision = make_cover().is_covered(
            Activity.of("private-practice"), ON, "england", matter="complaint"
        )
        assert only_reason(decision).code is ReasonCode.MATTER_NOT_COVERED

    def test_datetime_refused(self):
        """A datetime incident date is refused naming 'on'."""
        with pytest.raises(InvalidFieldError) as info:
            make_cover().is_covered(
                Activity.of("private-practice"),
                dt.datetime(2025, 3, 10),
                "england",
            )
        assert (info.value.field, info.value.expected) == ("on", "a date (not a datetime)")

    def test_unknown_jurisdiction_refused(self):
        """An unknown jurisdiction is refused with a suggestion."""
        with pytest.raises(UnknownNameError) as info:
            make_cover().is_covered(Activity.of("private-practice"), ON, "Englnd")
        assert (info.value.field, info.value.got) == ("jurisdiction", "Englnd")
        assert str(info.value).endswith("did you mean 'england'?")


class TestDescribe:
    """describe() lists the cover's rules with their sources."""

    def test_lines(self):
        """Every part of the cover appears, each rule with its source."""
        cover = make_cover(
            requires=[SUPERVISED], exclusions=[IN_CHARGE], limit=10_000_000, option="extra"
        )
        assert cover.describe().splitlines() == [
            "Cover 'private work' (option 'extra')",
            "  matters: clinical-negligence",
            "  activities: private-practice",
            "  territory: uk",
            "  limit of indemnity: 10,000,000",
            f"  source: {COVER_SOURCE}",
            "  requires: the doctor is supervised [appropriately supervised]",
            f"    source: {REQ_SOURCE}",
            "  excludes: being in overall charge [clinician in overall charge]",
            f"    source: {EXC_SOURCE}",
        ]

    def test_territory_not_named(self):
        """A territory that is no named one reads as its jurisdictions."""
        cover = make_cover(territory=["england", "wales"])
        assert "  territory: england, wales" in cover.describe().splitlines()

    def test_no_limit(self):
        """A cover with no limit says none is stated."""
        assert "limit of indemnity: none stated" in make_cover().describe()
