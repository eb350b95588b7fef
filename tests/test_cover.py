"""Tests for `indemnity.cover`: one head of cover and how it answers a question."""

import datetime as dt
import pickle

import attrs
import pytest

from indemnity import (
    UK,
    Activity,
    ActivityKind,
    Citation,
    Cover,
    Exclusion,
    Fact,
    Ground,
    InvalidFieldError,
    Is,
    Jurisdiction,
    KindIn,
    Matter,
    Outcome,
    Question,
    ReasonCode,
    Requirement,
    UnknownNameError,
)

ON = dt.date(2025, 3, 10)
COVER_SOURCE = Citation("000_d40f28ef5600d884.txt", "clinical negligence claims")
REQ_SOURCE = Citation("003_050a7f98c6f2333b.txt", "appropriately supervised")
EXC_SOURCE = Citation("003_050a7f98c6f2333b.txt", "clinician in overall charge")

SUPERVISED = Requirement(Is(Fact.SUPERVISED, True), "the doctor is supervised", REQ_SOURCE)
ROTATION = Requirement(Is(Fact.OFFICIAL_ROTATION, True), "the placement is on rotation", REQ_SOURCE)
IN_CHARGE = Exclusion(
    Is(Fact.OVERALL_CHARGE, True), reason="being in overall charge", source=EXC_SOURCE
)


def make_cover(**changes):
    """A private-practice clinical negligence cover in the UK, changed as asked."""
    fields = {
        "name": "private work",
        "matters": frozenset({Matter.CLINICAL_NEGLIGENCE}),
        "activities": frozenset({ActivityKind.PRIVATE_PRACTICE}),
        "territory": UK,
        "source": COVER_SOURCE,
    }
    fields.update(changes)
    return Cover(**fields)


def ask(cover, activity=None, *, where="england", matter="clinical-negligence", options=()):
    activity = activity or Activity.of("private-practice")
    question = Question.ask(activity, ON, where, matter=matter)
    return cover.decide(question, options=frozenset(options))


def only_reason(decision):
    assert len(decision.reasons) == 1, decision.reasons
    return decision.reasons[0]


class TestConstruction:
    """A cover canonicalises its collections at the door."""

    def test_names_are_parsed(self):
        """Matters, activities and territory may be given by name, in any collection."""
        cover = make_cover(
            matters=["clinical negligence", "Complaint"],
            activities=("private_practice",),
            territory=["england", "NI"],
        )
        assert cover.matters == frozenset({Matter.CLINICAL_NEGLIGENCE, Matter.COMPLAINT})
        assert cover.activities == frozenset({ActivityKind.PRIVATE_PRACTICE})
        assert cover.territory == frozenset({Jurisdiction.ENGLAND, Jurisdiction.NORTHERN_IRELAND})

    def test_rules_become_tuples(self):
        """Conditions and exclusions given as lists are stored as tuples."""
        cover = make_cover(conditions=[SUPERVISED], exclusions=[IN_CHARGE])
        assert cover.conditions == (SUPERVISED,)
        assert cover.exclusions == (IN_CHARGE,)

    def test_equal_covers_hash_alike(self):
        """Covers built from equal parts in different spellings are equal and hash alike."""
        a = make_cover(matters=["clinical-negligence"], conditions=[SUPERVISED])
        b = make_cover(conditions=(SUPERVISED,))
        assert a == b
        assert hash(a) == hash(b)

    def test_defaults(self):
        """No rules, no limit and no option unless given."""
        cover = make_cover()
        assert (cover.conditions, cover.exclusions, cover.limit, cover.option) == (
            (),
            (),
            None,
            None,
        )

    def test_pickles(self):
        """A cover survives pickling."""
        cover = make_cover(conditions=[SUPERVISED], exclusions=[IN_CHARGE], limit=1_000_000)
        assert pickle.loads(pickle.dumps(cover)) == cover  # noqa: S301 - our own bytes

    def test_frozen(self):
        """A cover cannot be changed; attrs.evolve makes a changed copy."""
        cover = make_cover()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            cover.name = "x"  # type: ignore[misc]
        assert attrs.evolve(cover, limit=5).limit == 5


class TestValidation:
    """Bad fields are refused naming the field, the expectation and the value."""

    @pytest.mark.parametrize(
        ("name", "expected"), [("", "a non-empty string"), (None, "a string"), (3, "a string")]
    )
    def test_name(self, name, expected):
        """The name must be a non-empty string."""
        with pytest.raises(
            InvalidFieldError,
            match=rf"^'Cover\.name' expected {expected}, got {name!r} \({type(name).__name__}\)$",
        ):
            make_cover(name=name)

    @pytest.mark.parametrize("field", ["matters", "activities", "territory"])
    def test_empty_collections(self, field):
        """Matters, activities and territory need at least one item."""
        with pytest.raises(
            InvalidFieldError,
            match=rf"^'Cover\.{field}' expected at least one item, "
            r"got frozenset\(\) \(frozenset\)$",
        ):
            make_cover(**{field: frozenset()})

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
        with pytest.raises(
            InvalidFieldError,
            match=rf"^'Cover\.{field}' expected a collection, got {value!r} "
            rf"\({type(value).__name__}\)$",
        ):
            make_cover(**{field: value})

    def test_unknown_matter(self):
        """An unknown matter is refused by position with a suggestion."""
        with pytest.raises(
            UnknownNameError,
            match=r"^'Cover\.matters\[1\]' expected one of .* got 'compliant' \(str\); "
            r"did you mean 'complaint'\?$",
        ):
            make_cover(matters=["clinical-negligence", "compliant"])

    def test_unknown_activity(self):
        """An unknown activity kind is refused by position."""
        with pytest.raises(
            UnknownNameError, match=r"^'Cover\.activities\[0\]' expected one of .* got 'surgery'"
        ):
            make_cover(activities=["surgery"])

    def test_territory_names_are_accepted(self):
        """Cover.territory takes jurisdictions and territory names alike: ['uk'] is the UK."""
        assert make_cover(territory=["uk", "jersey"]).territory == UK | {Jurisdiction.JERSEY}

    def test_unknown_territory_name_refused(self):
        """A name that is neither a jurisdiction nor a territory is refused with the choices."""
        with pytest.raises(
            UnknownNameError,
            match=r"^'Cover\.territory\[0\]' expected one of .*'england'.*'uk'.*, got 'atlantis'",
        ):
            make_cover(territory=["atlantis"])

    def test_source(self):
        """The source must be a Citation."""
        with pytest.raises(
            InvalidFieldError, match=r"^'Cover\.source' expected a Citation, got 'seed' \(str\)$"
        ):
            make_cover(source="seed")

    def test_condition_items(self):
        """Each condition must be a Requirement, reported by position."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'Cover\.conditions\[1\]' expected a Requirement, got Is\(.*\) \(Is\)$",
        ):
            make_cover(conditions=[SUPERVISED, Is(Fact.SUPERVISED, True)])

    def test_single_requirement_is_not_a_sequence(self):
        """A bare Requirement is not a sequence of them."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'Cover\.conditions' expected a sequence of Requirement, got Requirement\(",
        ):
            make_cover(conditions=SUPERVISED)

    def test_exclusion_items(self):
        """Each exclusion must be an Exclusion, reported by position."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'Cover\.exclusions\[0\]' expected an? Exclusion, got Requirement\(",
        ):
            make_cover(exclusions=[SUPERVISED])

    @pytest.mark.parametrize("limit", [0, -1, True, 1.5, "1000"])
    def test_limit(self, limit):
        """The limit is a positive whole number of pounds or None."""
        with pytest.raises(
            InvalidFieldError,
            match=rf"^'Cover\.limit' expected a positive whole number of pounds or None, "
            rf"got {limit!r} \({type(limit).__name__}\)$",
        ):
            make_cover(limit=limit)

    @pytest.mark.parametrize("option", ["Public Liability", "public_liability", "", "-x", 3])
    def test_option(self, option):
        """An option name is lower-case words joined by hyphens."""
        with pytest.raises(
            InvalidFieldError,
            match=rf"^'Cover\.option' expected an option name such as 'public-liability', "
            rf"got {option!r} \({type(option).__name__}\)$",
        ):
            make_cover(option=option)


class TestScopeShortCircuits:
    """Matter, scope, territory and option are checked in turn; the first failure answers."""

    def test_matter(self):
        """A matter the cover does not answer for is MATTER_NOT_COVERED."""
        decision = ask(make_cover(), matter="complaint")
        assert decision.outcome is Outcome.NOT_COVERED
        reason = only_reason(decision)
        assert reason.code is ReasonCode.MATTER_NOT_COVERED
        assert reason.message == "does not cover a complaint"
        assert reason.source == COVER_SOURCE

    def test_activity(self):
        """An activity kind outside the scope is ACTIVITY_OUT_OF_SCOPE."""
        decision = ask(make_cover(), Activity.of("good-samaritan"))
        reason = only_reason(decision)
        assert decision.outcome is Outcome.NOT_COVERED
        assert reason.code is ReasonCode.ACTIVITY_OUT_OF_SCOPE
        assert reason.message == "good-samaritan is outside its scope"

    def test_territory(self):
        """A jurisdiction outside the territory is OUTSIDE_TERRITORY, by its label."""
        decision = ask(make_cover(), where="jersey")
        reason = only_reason(decision)
        assert decision.outcome is Outcome.NOT_COVERED
        assert reason.code is ReasonCode.OUTSIDE_TERRITORY
        assert reason.message == "Jersey is outside its territory"

    def test_option_not_bought(self):
        """An optional cover without its option bought is OPTION_NOT_BOUGHT."""
        decision = ask(make_cover(option="public-liability"))
        reason = only_reason(decision)
        assert decision.outcome is Outcome.NOT_COVERED
        assert reason.code is ReasonCode.OPTION_NOT_BOUGHT
        assert reason.message == (
            "applies only with the option 'public-liability', which was not bought"
        )

    def test_option_bought(self):
        """With its option bought, an optional cover answers."""
        decision = ask(make_cover(option="public-liability"), options={"public-liability"})
        assert decision.outcome is Outcome.COVERED

    def test_other_options_do_not_count(self):
        """Buying a different option does not unlock the cover."""
        decision = ask(make_cover(option="public-liability"), options={"defamation"})
        assert only_reason(decision).code is ReasonCode.OPTION_NOT_BOUGHT

    def test_order_of_checks(self):
        """With everything wrong, the matter is reported first, then scope, then territory."""
        cover = make_cover(option="x", conditions=[SUPERVISED])
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
        cover = make_cover(conditions=[SUPERVISED], exclusions=[IN_CHARGE])
        decision = ask(cover, Activity.of("good-samaritan"))
        assert decision.missing == frozenset()
        assert only_reason(decision).code is ReasonCode.ACTIVITY_OUT_OF_SCOPE


class TestConditions:
    """Requirements must hold; unknown leaves the answer open."""

    def test_met(self):
        """A met requirement lets the cover answer COVERED with itself as the ground."""
        cover = make_cover(conditions=[SUPERVISED])
        decision = ask(cover, Activity.of("private-practice", supervised=True))
        assert decision.outcome is Outcome.COVERED
        assert decision.grounds == (Ground(cover),)
        assert decision.reasons == ()

    def test_failed(self):
        """A failed requirement is CONDITION_FAILED citing the requirement's source."""
        decision = ask(
            make_cover(conditions=[SUPERVISED]), Activity.of("private-practice", supervised=False)
        )
        reason = only_reason(decision)
        assert decision.outcome is Outcome.NOT_COVERED
        assert reason.code is ReasonCode.CONDITION_FAILED
        assert reason.message == "requires that the doctor is supervised"
        assert reason.source == REQ_SOURCE
        assert reason.missing == frozenset()

    def test_unknown(self):
        """An unknown requirement is UNDETERMINED naming the missing fact."""
        decision = ask(make_cover(conditions=[SUPERVISED]))
        reason = only_reason(decision)
        assert decision.outcome is Outcome.UNDETERMINED
        assert reason.code is ReasonCode.CONDITION_UNKNOWN
        assert reason.message == "requires that the doctor is supervised; depends on: supervised"
        assert reason.missing == frozenset({"supervised"})
        assert decision.missing == frozenset({"supervised"})

    def test_failed_outranks_unknown(self):
        """One failed and one unknown requirement: NOT_COVERED, reporting only the failure."""
        cover = make_cover(conditions=[ROTATION, SUPERVISED])
        decision = ask(cover, Activity.of("private-practice", supervised=False))
        assert decision.outcome is Outcome.NOT_COVERED
        assert [r.code for r in decision.reasons] == [ReasonCode.CONDITION_FAILED]
        assert decision.missing == frozenset()

    def test_every_failure_listed(self):
        """Several failed requirements are all listed, in the cover's order."""
        cover = make_cover(conditions=[ROTATION, SUPERVISED])
        activity = Activity.of("private-practice", supervised=False, official_rotation=False)
        decision = ask(cover, activity)
        assert [r.message for r in decision.reasons] == [
            "requires that the placement is on rotation",
            "requires that the doctor is supervised",
        ]

    def test_every_unknown_listed(self):
        """Several unknown requirements are all listed, their facts all missing."""
        decision = ask(make_cover(conditions=[ROTATION, SUPERVISED]))
        assert decision.outcome is Outcome.UNDETERMINED
        assert [r.code for r in decision.reasons] == [ReasonCode.CONDITION_UNKNOWN] * 2
        assert decision.missing == frozenset({"official_rotation", "supervised"})


class TestExclusions:
    """Exclusions rule out; unknown exclusions leave the answer open."""

    def test_not_fired(self):
        """An exclusion that does not fire leaves the cover COVERED."""
        decision = ask(
            make_cover(exclusions=[IN_CHARGE]),
            Activity.of("private-practice", overall_charge=False),
        )
        assert decision.outcome is Outcome.COVERED

    def test_excluded(self):
        """A firing exclusion is EXCLUDED, citing the exclusion's source."""
        decision = ask(
            make_cover(exclusions=[IN_CHARGE]), Activity.of("private-practice", overall_charge=True)
        )
        reason = only_reason(decision)
        assert decision.outcome is Outcome.NOT_COVERED
        assert reason.code is ReasonCode.EXCLUDED
        assert reason.message == "excludes being in overall charge"
        assert reason.source == EXC_SOURCE

    def test_exclusion_unknown(self):
        """An exclusion that may fire is EXCLUSION_UNKNOWN naming the missing fact."""
        decision = ask(make_cover(exclusions=[IN_CHARGE]))
        reason = only_reason(decision)
        assert decision.outcome is Outcome.UNDETERMINED
        assert reason.code is ReasonCode.EXCLUSION_UNKNOWN
        assert reason.message == "may exclude being in overall charge; depends on: overall_charge"
        assert reason.missing == frozenset({"overall_charge"})

    def test_exception_inside_exclusion(self):
        """An exclusion spared by its exception does not rule the cover out."""
        exc = Exclusion(
            KindIn({"private-practice"}),
            unless=Is(Fact.DECLARED, True),
            reason="undeclared private work",
            source=EXC_SOURCE,
        )
        cover = make_cover(exclusions=[exc])
        assert ask(cover, Activity.of("private-practice", declared=True)).covered
        assert ask(cover, Activity.of("private-practice", declared=False)).outcome is (
            Outcome.NOT_COVERED
        )
        assert ask(cover).missing == frozenset({"declared"})

    def test_exclusion_outranks_unknown_condition(self):
        """A firing exclusion beats an unknown requirement: NOT_COVERED."""
        cover = make_cover(conditions=[SUPERVISED], exclusions=[IN_CHARGE])
        decision = ask(cover, Activity.of("private-practice", overall_charge=True))
        assert decision.outcome is Outcome.NOT_COVERED
        assert [r.code for r in decision.reasons] == [ReasonCode.EXCLUDED]

    def test_failed_condition_outranks_unknown_exclusion(self):
        """A failed requirement beats an unknown exclusion: NOT_COVERED."""
        cover = make_cover(conditions=[SUPERVISED], exclusions=[IN_CHARGE])
        decision = ask(cover, Activity.of("private-practice", supervised=False))
        assert decision.outcome is Outcome.NOT_COVERED
        assert [r.code for r in decision.reasons] == [ReasonCode.CONDITION_FAILED]

    def test_failures_listed_conditions_first(self):
        """Failed requirements come before fired exclusions."""
        cover = make_cover(conditions=[SUPERVISED], exclusions=[IN_CHARGE])
        activity = Activity.of("private-practice", supervised=False, overall_charge=True)
        codes = [r.code for r in ask(cover, activity).reasons]
        assert codes == [ReasonCode.CONDITION_FAILED, ReasonCode.EXCLUDED]

    def test_unknowns_are_merged(self):
        """An unknown requirement and an unknown exclusion both leave facts missing."""
        cover = make_cover(conditions=[SUPERVISED], exclusions=[IN_CHARGE])
        decision = ask(cover)
        assert decision.outcome is Outcome.UNDETERMINED
        assert decision.missing == frozenset({"supervised", "overall_charge"})


class TestReasonContext:
    """Reasons and grounds name the cover and the scheme and membership given."""

    def test_reason_names_the_cover(self):
        """A reason from a bare cover names the cover and no scheme or membership."""
        cover = make_cover()
        reason = only_reason(ask(cover, matter="complaint"))
        assert reason.cover is cover
        assert reason.scheme is None
        assert reason.membership is None

    def test_ground_is_the_cover(self):
        """A covering bare cover is the ground, with its source."""
        cover = make_cover()
        decision = ask(cover)
        assert decision.grounds == (Ground(cover, None, None),)
        assert decision.grounds[0].source == COVER_SOURCE


class TestIsCovered:
    """is_covered() asks a bare cover a question given in parts."""

    def test_covered(self):
        """A question inside the cover's scope is COVERED."""
        decision = make_cover().is_covered(Activity.of("private-practice"), ON, "Scotland")
        assert decision.covered
        assert decision.question.jurisdiction is Jurisdiction.SCOTLAND

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
        with pytest.raises(
            InvalidFieldError, match=r"^'on' expected a date \(not a datetime\), got datetime\."
        ):
            make_cover().is_covered(
                Activity.of("private-practice"), dt.datetime(2025, 3, 10), "england"
            )

    def test_unknown_jurisdiction_refused(self):
        """An unknown jurisdiction is refused with a suggestion."""
        with pytest.raises(UnknownNameError, match=r"did you mean 'england'\?$"):
            make_cover().is_covered(Activity.of("private-practice"), ON, "Englnd")


class TestDescribe:
    """describe() lists the cover's rules with their sources."""

    def test_lines(self):
        """Every part of the cover appears, each rule with its source."""
        cover = make_cover(
            conditions=[SUPERVISED], exclusions=[IN_CHARGE], limit=10_000_000, option="extra"
        )
        assert cover.describe().splitlines() == [
            "Cover 'private work' (option 'extra')",
            "  matters: clinical-negligence",
            "  activities: private-practice",
            "  territory: england, northern-ireland, scotland, wales",
            "  limit of indemnity: £10,000,000",
            f"  source: {COVER_SOURCE}",
            "  requires: the doctor is supervised [appropriately supervised]",
            f"    source: {REQ_SOURCE}",
            "  excludes: being in overall charge [clinician in overall charge]",
            f"    source: {EXC_SOURCE}",
        ]

    def test_no_limit(self):
        """A cover with no limit says none is stated."""
        assert "limit of indemnity: none stated" in make_cover().describe()
