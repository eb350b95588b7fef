"""Tests for `indemnity.scheme`: a scheme of covers with scheme-wide exclusions."""

import datetime as dt
import pickle

import pytest

from indemnity import (
    UK,
    Activity,
    ActivityKind,
    Basis,
    Citation,
    Cover,
    Exclusion,
    Fact,
    Ground,
    InvalidFieldError,
    Is,
    KindIn,
    Matter,
    Outcome,
    Period,
    Question,
    ReasonCode,
    Requirement,
    Scheme,
    SchemeKind,
    UnknownNameError,
)

ON = dt.date(2025, 3, 10)
SCHEME_SOURCE = Citation("000_d40f28ef5600d884.txt", "Medical defence organisations")
COVER_SOURCE = Citation("000_d40f28ef5600d884.txt", "clinical negligence claims")
EXC_SOURCE = Citation("003_050a7f98c6f2333b.txt", "Good Samaritan")

NEGLIGENCE = Cover(
    name="negligence",
    matters=frozenset({Matter.CLINICAL_NEGLIGENCE}),
    activities=frozenset(ActivityKind),
    territory=UK,
    source=COVER_SOURCE,
)
MEDICOLEGAL = Cover(
    name="medicolegal",
    matters=frozenset({Matter.COMPLAINT, Matter.REGULATORY}),
    activities=frozenset(ActivityKind),
    territory=UK,
    source=COVER_SOURCE,
)
SUPERVISED_ONLY = Cover(
    name="supervised",
    matters=frozenset({Matter.CLINICAL_NEGLIGENCE}),
    activities=frozenset({ActivityKind.PRIVATE_PRACTICE}),
    territory=UK,
    source=COVER_SOURCE,
    conditions=(Requirement(Is(Fact.SUPERVISED, True), "the doctor is supervised", COVER_SOURCE),),
)
PUBLIC_LIABILITY = Cover(
    name="public liability",
    matters=frozenset({Matter.PUBLIC_LIABILITY}),
    activities=frozenset(ActivityKind),
    territory=UK,
    source=COVER_SOURCE,
    option="public-liability",
)
UNDECLARED = Exclusion(
    KindIn({ActivityKind.PRIVATE_PRACTICE}),
    unless=Is(Fact.DECLARED, True),
    reason="undeclared private work",
    source=EXC_SOURCE,
)


def make_scheme(**changes):
    """A discretionary occurrence scheme with one negligence cover, changed as asked."""
    fields = {
        "key": "mdo",
        "name": "MDO membership",
        "operator": "An MDO",
        "kind": SchemeKind.DISCRETIONARY,
        "basis": Basis.OCCURRENCE,
        "covers": (NEGLIGENCE,),
        "source": SCHEME_SOURCE,
    }
    fields.update(changes)
    return Scheme(**fields)


def ask(scheme, activity=None, *, on=ON, matter="clinical-negligence", options=()):
    activity = activity or Activity.of("private-practice")
    question = Question.ask(activity, on, "england", matter=matter)
    return scheme.decide(question, options=frozenset(options))


class TestConstruction:
    """A scheme canonicalises its fields at the door."""

    def test_kind_and_basis_parsed(self):
        """Kind and basis may be given by name."""
        scheme = make_scheme(kind="Discretionary Membership", basis="claims_made")
        assert scheme.kind is SchemeKind.DISCRETIONARY
        assert scheme.basis is Basis.CLAIMS_MADE

    def test_covers_become_a_tuple(self):
        """Covers and exclusions given as lists are stored as tuples."""
        scheme = make_scheme(covers=[NEGLIGENCE, MEDICOLEGAL], exclusions=[UNDECLARED])
        assert scheme.covers == (NEGLIGENCE, MEDICOLEGAL)
        assert scheme.exclusions == (UNDECLARED,)

    def test_in_force_defaults_to_always(self):
        """Without an in-force period the scheme exists for every incident date."""
        assert make_scheme().in_force == Period.always()

    def test_equal_and_hashable(self):
        """Equal schemes compare equal and hash alike."""
        a = make_scheme(kind="discretionary-membership", covers=[NEGLIGENCE])
        b = make_scheme()
        assert a == b
        assert hash(a) == hash(b)

    def test_pickles(self):
        """A scheme survives pickling."""
        scheme = make_scheme(exclusions=[UNDECLARED], in_force=Period(dt.date(2019, 4, 1)))
        assert pickle.loads(pickle.dumps(scheme)) == scheme  # noqa: S301 - our own bytes


class TestValidation:
    """Bad fields are refused naming the field, the expectation and the value."""

    @pytest.mark.parametrize("key", ["CNST", "cnst scheme", "", "-cnst", "cnst_2019", None])
    def test_key(self, key):
        """A key is lower-case letters, digits and hyphens."""
        with pytest.raises(
            InvalidFieldError,
            match=rf"^'Scheme\.key' expected lower-case letters, digits and hyphens, "
            rf"got {key!r} \({type(key).__name__}\)$",
        ):
            make_scheme(key=key)

    @pytest.mark.parametrize("field", ["name", "operator"])
    def test_name_and_operator(self, field):
        """Name and operator must be non-empty strings."""
        with pytest.raises(
            InvalidFieldError,
            match=rf"^'Scheme\.{field}' expected a non-empty string, got ' ' \(str\)$",
        ):
            make_scheme(**{field: " "})

    def test_kind(self):
        """An unknown kind is refused with a suggestion."""
        with pytest.raises(
            UnknownNameError,
            match=r"^'Scheme\.kind' expected one of 'contractual-insurance', "
            r"'discretionary-membership', 'state-backed', got 'state-baked' \(str\); "
            r"did you mean 'state-backed'\?$",
        ):
            make_scheme(kind="state-baked")

    def test_basis(self):
        """An unknown basis is refused listing the two bases."""
        with pytest.raises(
            UnknownNameError,
            match=r"^'Scheme\.basis' expected one of 'claims-made', 'occurrence', "
            r"got 'claims-paid' \(str\)",
        ):
            make_scheme(basis="claims-paid")

    def test_no_covers(self):
        """A scheme needs at least one cover."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'Scheme\.covers' expected at least one Cover, got \(\) \(tuple\)$",
        ):
            make_scheme(covers=())

    def test_single_cover_is_not_a_sequence(self):
        """A bare Cover is not a sequence of covers."""
        with pytest.raises(
            InvalidFieldError, match=r"^'Scheme\.covers' expected a sequence of Cover, got Cover\("
        ):
            make_scheme(covers=NEGLIGENCE)

    def test_cover_items(self):
        """Each cover must be a Cover, reported by position."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'Scheme\.covers\[1\]' expected a Cover, got 'medicolegal' \(str\)$",
        ):
            make_scheme(covers=[NEGLIGENCE, "medicolegal"])

    def test_duplicate_cover_names(self):
        """Cover names must be unique within the scheme."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'Scheme\.covers' expected covers with distinct names, "
            r"got \['negligence', 'negligence'\] \(list\)$",
        ):
            make_scheme(covers=[NEGLIGENCE, NEGLIGENCE])

    def test_source(self):
        """The source must be a Citation."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'Scheme\.source' expected a Citation, got None \(NoneType\)$",
        ):
            make_scheme(source=None)

    def test_exclusion_items(self):
        """Each scheme exclusion must be an Exclusion, reported by position."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'Scheme\.exclusions\[0\]' expected an? Exclusion, got 'x' \(str\)$",
        ):
            make_scheme(exclusions=["x"])

    def test_in_force(self):
        """in_force must be a Period, not text."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'Scheme\.in_force' expected a Period, got '2019-04-01\.\.' \(str\)$",
        ):
            make_scheme(in_force="2019-04-01..")


class TestLookups:
    """options, matters and cover() read the scheme's covers."""

    def test_options(self):
        """options are the options of the optional covers."""
        assert make_scheme().options == frozenset()
        scheme = make_scheme(covers=[NEGLIGENCE, PUBLIC_LIABILITY])
        assert scheme.options == frozenset({"public-liability"})

    def test_matters(self):
        """matters are every matter some cover answers for."""
        scheme = make_scheme(covers=[NEGLIGENCE, MEDICOLEGAL])
        assert scheme.matters == frozenset(
            {Matter.CLINICAL_NEGLIGENCE, Matter.COMPLAINT, Matter.REGULATORY}
        )

    def test_cover_by_name(self):
        """cover() finds a cover by its name."""
        scheme = make_scheme(covers=[NEGLIGENCE, MEDICOLEGAL])
        assert scheme.cover("medicolegal") is MEDICOLEGAL

    def test_unknown_cover(self):
        """An unknown cover name lists the names and suggests the closest."""
        scheme = make_scheme(covers=[NEGLIGENCE, MEDICOLEGAL])
        with pytest.raises(
            UnknownNameError,
            match=r"^'cover' expected one of 'medicolegal', 'negligence', got 'negligance' "
            r"\(str\); did you mean 'negligence'\?$",
        ):
            scheme.cover("negligance")


class TestInForce:
    """The scheme answers only for incidents while it is in force."""

    scheme = make_scheme(in_force=Period(dt.date(2019, 4, 1)))

    def test_inside(self):
        """An incident on the first in-force day is covered."""
        assert ask(self.scheme, on=dt.date(2019, 4, 1)).covered

    def test_before(self):
        """An incident the day before is OUTSIDE_PERIOD, naming the period and the date."""
        decision = ask(self.scheme, on=dt.date(2019, 3, 31))
        assert decision.outcome is Outcome.NOT_COVERED
        [reason] = decision.reasons
        assert reason.code is ReasonCode.OUTSIDE_PERIOD
        assert reason.message == "in force for incidents 2019-04-01.., not on 2019-03-31"
        assert reason.source == SCHEME_SOURCE
        assert reason.scheme is self.scheme
        assert reason.cover is None

    def test_closed_period_end(self):
        """An incident on the end day of a closed in-force period is outside it."""
        scheme = make_scheme(in_force=Period(dt.date(2019, 4, 1), dt.date(2020, 4, 1)))
        [reason] = ask(scheme, on=dt.date(2020, 4, 1)).reasons
        assert reason.code is ReasonCode.OUTSIDE_PERIOD
        assert "2019-04-01..2020-04-01" in reason.message


class TestMatter:
    """Only covers for the matter asked are consulted."""

    def test_no_cover_for_the_matter(self):
        """When no cover answers for the matter, one scheme-level reason says so."""
        scheme = make_scheme()
        decision = ask(scheme, matter="complaint")
        [reason] = decision.reasons
        assert decision.outcome is Outcome.NOT_COVERED
        assert reason.code is ReasonCode.MATTER_NOT_COVERED
        assert reason.message == "does not cover a complaint"
        assert reason.cover is None
        assert reason.scheme is scheme

    def test_other_matters_covers_are_silent(self):
        """Covers for other matters add no reasons to the answer."""
        scheme = make_scheme(covers=[SUPERVISED_ONLY, MEDICOLEGAL])
        decision = ask(scheme, Activity.of("private-practice", supervised=False))
        assert [r.cover for r in decision.reasons] == [SUPERVISED_ONLY]


class TestCovers:
    """The scheme's answer joins its covers' answers."""

    def test_ground_names_the_scheme(self):
        """A covering cover is a ground naming the scheme."""
        scheme = make_scheme()
        decision = ask(scheme)
        assert decision.grounds == (Ground(NEGLIGENCE, scheme, None),)

    def test_two_covers_both_ground(self):
        """Two covers that both answer are both grounds."""
        scheme = make_scheme(covers=[NEGLIGENCE, SUPERVISED_ONLY])
        decision = ask(scheme, Activity.of("private-practice", supervised=True))
        assert [g.cover for g in decision.grounds] == [NEGLIGENCE, SUPERVISED_ONLY]

    def test_one_cover_is_enough(self):
        """One covering cover makes it COVERED; the other's reason is kept."""
        scheme = make_scheme(covers=[NEGLIGENCE, SUPERVISED_ONLY])
        decision = ask(scheme, Activity.of("private-practice", supervised=False))
        assert decision.outcome is Outcome.COVERED
        assert [r.code for r in decision.reasons] == [ReasonCode.CONDITION_FAILED]

    def test_undetermined_cover(self):
        """A scheme whose only cover is undetermined is undetermined with its facts."""
        decision = ask(make_scheme(covers=[SUPERVISED_ONLY]))
        assert decision.outcome is Outcome.UNDETERMINED
        assert decision.missing == frozenset({"supervised"})

    def test_no_options_by_default(self):
        """Asked on its own, the scheme holds no options: an optional cover is not bought."""
        scheme = make_scheme(covers=[NEGLIGENCE, PUBLIC_LIABILITY])
        decision = scheme.is_covered(
            Activity.of("private-practice"), ON, "england", matter="public-liability"
        )
        [reason] = decision.reasons
        assert reason.code is ReasonCode.OPTION_NOT_BOUGHT
        assert reason.scheme is scheme

    def test_options_passed_to_covers(self):
        """decide(options=...) lets an optional cover answer."""
        scheme = make_scheme(covers=[NEGLIGENCE, PUBLIC_LIABILITY])
        decision = ask(scheme, matter="public-liability", options={"public-liability"})
        assert decision.covered


class TestSchemeExclusions:
    """Scheme-wide exclusions are judged once, at scheme level, before any cover."""

    def test_fired_once(self):
        """A firing scheme exclusion gives one EXCLUDED reason, not one per cover."""
        scheme = make_scheme(covers=[NEGLIGENCE, SUPERVISED_ONLY], exclusions=[UNDECLARED])
        decision = ask(scheme, Activity.of("private-practice", declared=False, supervised=True))
        assert decision.outcome is Outcome.NOT_COVERED
        [reason] = decision.reasons
        assert reason.code is ReasonCode.EXCLUDED
        assert reason.message == "excludes undeclared private work"
        assert reason.source == EXC_SOURCE
        assert reason.cover is None
        assert reason.scheme is scheme

    def test_not_fired(self):
        """A scheme exclusion that does not fire lets the covers answer."""
        scheme = make_scheme(exclusions=[UNDECLARED])
        assert ask(scheme, Activity.of("private-practice", declared=True)).covered
        assert ask(scheme, Activity.of("good-samaritan")).covered

    def test_unknown_with_covering_cover(self):
        """An unknown scheme exclusion turns a covering answer UNDETERMINED."""
        scheme = make_scheme(exclusions=[UNDECLARED])
        decision = ask(scheme)
        assert decision.outcome is Outcome.UNDETERMINED
        assert decision.grounds == ()
        [reason] = decision.reasons
        assert reason.code is ReasonCode.EXCLUSION_UNKNOWN
        assert reason.message == "may exclude undeclared private work; depends on: declared"
        assert reason.missing == frozenset({"declared"})
        assert reason.cover is None
        assert decision.missing == frozenset({"declared"})

    def test_unknown_with_undetermined_cover(self):
        """An unknown scheme exclusion and an undetermined cover merge their missing facts."""
        scheme = make_scheme(covers=[SUPERVISED_ONLY], exclusions=[UNDECLARED])
        decision = ask(scheme)
        assert decision.outcome is Outcome.UNDETERMINED
        assert [r.code for r in decision.reasons] == [
            ReasonCode.EXCLUSION_UNKNOWN,
            ReasonCode.CONDITION_UNKNOWN,
        ]
        assert decision.missing == frozenset({"declared", "supervised"})

    def test_unknown_with_failing_cover(self):
        """An unknown scheme exclusion does not reopen a cover that says no."""
        scheme = make_scheme(covers=[SUPERVISED_ONLY], exclusions=[UNDECLARED])
        decision = ask(scheme, Activity.of("private-practice", supervised=False))
        assert decision.outcome is Outcome.NOT_COVERED
        assert [r.code for r in decision.reasons] == [ReasonCode.CONDITION_FAILED]
        assert decision.missing == frozenset()

    def test_fired_beats_unknown(self):
        """One firing and one unknown scheme exclusion: NOT_COVERED with only the firing one."""
        in_charge = Exclusion(
            Is(Fact.OVERALL_CHARGE, True), reason="overall charge", source=EXC_SOURCE
        )
        scheme = make_scheme(exclusions=[in_charge, UNDECLARED])
        decision = ask(scheme, Activity.of("private-practice", declared=False))
        assert decision.outcome is Outcome.NOT_COVERED
        assert [r.message for r in decision.reasons] == ["excludes undeclared private work"]

    def test_in_force_checked_first(self):
        """Outside the in-force period, exclusions are not even asked."""
        scheme = make_scheme(exclusions=[UNDECLARED], in_force=Period(dt.date(2030, 1, 1)))
        [reason] = ask(scheme).reasons
        assert reason.code is ReasonCode.OUTSIDE_PERIOD


class TestIsCovered:
    """is_covered() asks the scheme a question given in parts."""

    def test_validates_the_question(self):
        """A datetime incident date is refused naming 'on'."""
        with pytest.raises(InvalidFieldError, match=r"^'on' expected a date \(not a datetime\)"):
            make_scheme().is_covered(
                Activity.of("private-practice"), dt.datetime(2025, 1, 1), "england"
            )

    def test_answers(self):
        """A question in scope is COVERED."""
        assert make_scheme().is_covered(Activity.of("private-practice"), ON, "wales").covered


class TestDescribe:
    """describe() lists the scheme and every cover, with sources."""

    def test_lines(self):
        """The header, scheme-wide exclusions and each cover's lines appear."""
        scheme = make_scheme(exclusions=[UNDECLARED], in_force=Period(dt.date(2019, 4, 1)))
        lines = scheme.describe().splitlines()
        assert lines[:5] == [
            "MDO membership [mdo]",
            "  operator: An MDO",
            "  kind: discretionary-membership; basis: occurrence",
            "  in force for incidents: 2019-04-01..",
            f"  source: {SCHEME_SOURCE}",
        ]
        assert lines[5] == (
            "  excludes (every cover): undeclared private work "
            "[kind is private-practice, unless declared to the provider]"
        )
        assert lines[6] == f"    source: {EXC_SOURCE}"
        assert lines[7] == "  Cover 'negligence'"
