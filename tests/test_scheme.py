"""Tests for `indemnity.rules.scheme`: a scheme of covers with scheme-wide exclusions."""

import datetime as dt
import pickle

import attrs
import pytest

from indemnity import (
    Activity,
    Answer,
    Basis,
    Decision,
    Ground,
    InvalidFieldError,
    Is,
    KindIn,
    OneOf,
    Outcome,
    Period,
    Question,
    Reason,
    ReasonCode,
    SchemeKind,
    Situation,
    UnknownNameError,
)
from indemnity.rules import scheme as scheme_module
from tests import builders
from tests.builders import ON, D, cite, cover, exclusion, requirement

SCHEME_SOURCE = cite("Medical defence organisations")
COVER_SOURCE = cite("clinical negligence claims")
EXC_SOURCE = cite("Good Samaritan", "mps-hee-block")

NEGLIGENCE = cover("negligence", source=COVER_SOURCE)
MEDICOLEGAL = cover("medicolegal", matters=("complaint", "regulatory"), source=COVER_SOURCE)
SUPERVISED_ONLY = cover(
    "supervised",
    activities=("private-practice",),
    source=COVER_SOURCE,
    requires=[requirement(Is("supervised", True), "the doctor is supervised", COVER_SOURCE)],
)
PUBLIC_LIABILITY = cover(
    "public liability",
    matters=("public-liability",),
    source=COVER_SOURCE,
    option="public-liability",
)
UNDECLARED = exclusion(
    KindIn({"private-practice"}),
    unless=Is("declared", True),
    reason="undeclared private work",
    source=EXC_SOURCE,
)


def make_scheme(**changes):
    """The discretionary occurrence MDO scheme of one negligence cover, changed as asked."""
    return builders.scheme("mdo", **{"covers": (NEGLIGENCE,), "source": SCHEME_SOURCE, **changes})


def ground(cover_name="negligence", source=COVER_SOURCE):
    """The ground of the MDO scheme's cover `cover_name`, held by no membership."""
    return Ground(
        "mdo",
        "MDO membership",
        cover_name,
        None,
        SchemeKind.DISCRETIONARY,
        Basis.OCCURRENCE,
        None,
        source,
    )


def situation(activity=None, *, matter="clinical-negligence"):
    """The situation of `activity` (private practice knowing nothing) in England."""
    return Situation.ask(activity or Activity.of("private-practice"), "england", matter=matter)


def question(activity=None, *, on=ON, matter="clinical-negligence"):
    """The question of `activity` (private practice knowing nothing) in England on `on`."""
    return Question.ask(activity or Activity.of("private-practice"), on, "england", matter=matter)


def ask(scheme, activity=None, *, on=ON, matter="clinical-negligence", options=()):
    """The scheme's answer on `on`, for a member holding `options`."""
    return scheme.answer_on(question(activity, on=on, matter=matter), frozenset(options))


def refused(error=InvalidFieldError, **changes):
    """The error of exactly type `error` that the MDO scheme with `changes` raises."""
    with pytest.raises(error) as info:
        attrs.evolve(make_scheme(), **changes)
    assert type(info.value) is error
    return info.value


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
        scheme = make_scheme(exclusions=[UNDECLARED], in_force=Period(D(2019, 4, 1)))
        assert pickle.loads(pickle.dumps(scheme)) == scheme  # noqa: S301 - our own bytes


class TestValidation:
    """Bad fields are refused naming the field and what was expected."""

    @pytest.mark.parametrize("key", ["CNST", "cnst scheme", "", "-cnst", "cnst_2019", None])
    def test_key(self, key):
        """A key is lower-case letters, digits and hyphens."""
        err = refused(key=key)
        assert (err.field, err.expected, err.got) == (
            "Scheme.key",
            "lower-case letters, digits and hyphens",
            key,
        )

    @pytest.mark.parametrize("field", ["name", "operator"])
    def test_name_and_operator(self, field):
        """Name and operator must be non-empty strings."""
        err = refused(**{field: " "})
        assert (err.field, err.expected, err.got) == (f"Scheme.{field}", "a non-empty string", " ")

    def test_kind(self):
        """An unknown kind is refused with the kinds and a suggestion."""
        err = refused(UnknownNameError, kind="state-baked")
        assert (err.field, err.got) == ("Scheme.kind", "state-baked")
        assert err.expected == (
            "one of 'contractual-insurance', 'discretionary-membership', 'state-backed'"
        )
        assert str(err).endswith("did you mean 'state-backed'?")

    def test_basis(self):
        """An unknown basis is refused listing the two bases."""
        err = refused(UnknownNameError, basis="claims-paid")
        assert (err.field, err.expected, err.got) == (
            "Scheme.basis",
            "one of 'claims-made', 'occurrence'",
            "claims-paid",
        )

    def test_no_covers(self):
        """A scheme needs at least one cover."""
        err = refused(covers=())
        assert (err.field, err.expected, err.got) == ("Scheme.covers", "at least one Cover", ())

    def test_single_cover_is_not_a_sequence(self):
        """A bare Cover is not a sequence of covers."""
        err = refused(covers=NEGLIGENCE)
        assert (err.field, err.expected, err.got) == (
            "Scheme.covers",
            "a sequence of Cover",
            NEGLIGENCE,
        )

    def test_cover_items(self):
        """Each cover must be a Cover, reported by position."""
        err = refused(covers=[NEGLIGENCE, "medicolegal"])
        assert (err.field, err.expected, err.got) == ("Scheme.covers[1]", "a Cover", "medicolegal")

    def test_duplicate_cover_names(self):
        """Cover names must be unique within the scheme."""
        err = refused(covers=[NEGLIGENCE, NEGLIGENCE])
        assert (err.field, err.expected, err.got) == (
            "Scheme.covers",
            "covers with distinct names",
            ["negligence", "negligence"],
        )

    def test_source(self):
        """The source must be a Citation."""
        err = refused(source=None)
        assert (err.field, err.expected, err.got) == ("Scheme.source", "a Citation", None)

    def test_exclusion_items(self):
        """Each scheme exclusion must be an Exclusion, reported by position."""
        err = refused(exclusions=["x"])
        assert (err.field, err.expected, err.got) == ("Scheme.exclusions[0]", "an Exclusion", "x")

    def test_in_force(self):
        """in_force must be a Period, not text."""
        err = refused(in_force="2019-04-01 onwards")
        assert (err.field, err.expected, err.got) == (
            "Scheme.in_force",
            "a Period",
            "2019-04-01 onwards",
        )


class TestLookups:
    """options, matters, holder, facts() and cover() read the scheme's covers."""

    def test_options(self):
        """options are the options of the optional covers."""
        assert make_scheme().options == frozenset()
        scheme = make_scheme(covers=[NEGLIGENCE, PUBLIC_LIABILITY])
        assert scheme.options == frozenset({"public-liability"})

    def test_matters(self):
        """matters are every matter some cover answers for."""
        scheme = make_scheme(covers=[NEGLIGENCE, MEDICOLEGAL])
        assert scheme.matters == frozenset({"clinical-negligence", "complaint", "regulatory"})

    def test_holder(self):
        """The holder names the scheme by key and name, with its kind and basis."""
        holder = make_scheme(basis="claims-made").holder
        assert (holder.scheme, holder.scheme_name, holder.kind, holder.basis) == (
            "mdo",
            "MDO membership",
            SchemeKind.DISCRETIONARY,
            Basis.CLAIMS_MADE,
        )

    def test_facts(self):
        """facts() reads the scheme's exclusions, their exceptions, and every cover's rules."""
        cosmetic = exclusion(
            Is("field", "cosmetic-aesthetic-medicine"), unless=OneOf("procedure", ["botox"])
        )
        scheme = make_scheme(
            covers=[NEGLIGENCE, SUPERVISED_ONLY], exclusions=[UNDECLARED, cosmetic]
        )
        assert scheme.facts() == {"declared", "field", "procedure", "supervised"}
        assert make_scheme().facts() == frozenset()

    def test_cover_by_name(self):
        """cover() finds a cover by its name."""
        scheme = make_scheme(covers=[NEGLIGENCE, MEDICOLEGAL])
        assert scheme.cover("medicolegal") is MEDICOLEGAL

    def test_unknown_cover(self):
        """An unknown cover name lists the names and suggests the closest."""
        scheme = make_scheme(covers=[NEGLIGENCE, MEDICOLEGAL])
        with pytest.raises(UnknownNameError) as info:
            scheme.cover("negligance")
        err = info.value
        assert (err.field, err.expected, err.got) == (
            "cover",
            "one of 'medicolegal', 'negligence'",
            "negligance",
        )
        assert str(err).endswith("did you mean 'negligence'?")


class TestInForce:
    """The scheme answers only for incidents while it is in force."""

    scheme = make_scheme(in_force=Period(D(2019, 4, 1)))

    def test_inside(self):
        """An incident on the first in-force day is covered."""
        assert ask(self.scheme, on=D(2019, 4, 1)).outcome is Outcome.COVERED

    def test_before(self):
        """An incident the day before is OUTSIDE_PERIOD, naming the period and the scheme."""
        answer = ask(self.scheme, on=D(2019, 3, 31))
        assert answer.outcome is Outcome.NOT_COVERED
        [reason] = answer.reasons
        assert reason.code is ReasonCode.OUTSIDE_PERIOD
        assert reason.message == "in force for incidents 2019-04-01 onwards"
        assert reason.source == SCHEME_SOURCE
        assert (reason.scheme, reason.scheme_name) == ("mdo", "MDO membership")
        assert reason.cover is None

    def test_closed_period_end(self):
        """An incident on the end day of a closed in-force period is outside it."""
        scheme = make_scheme(in_force=Period(D(2019, 4, 1), D(2020, 4, 1)))
        [reason] = ask(scheme, on=D(2020, 4, 1)).reasons
        assert reason.code is ReasonCode.OUTSIDE_PERIOD
        assert reason.message == "in force for incidents 2019-04-01 to 2020-03-31"

    def test_reason_is_the_same_on_every_day_outside(self):
        """The reason does not mention the date asked, so it is one value on every day outside."""
        before = {ask(self.scheme, on=day).reasons for day in (D(2000, 1, 1), D(2019, 3, 31))}
        assert len(before) == 1


class TestMatter:
    """Only covers for the matter asked are consulted."""

    def test_no_cover_for_the_matter(self):
        """When no cover answers for the matter, one scheme-level reason says so."""
        answer = ask(make_scheme(), matter="complaint")
        assert answer == Answer.no(
            Reason(
                ReasonCode.MATTER_NOT_COVERED,
                "does not cover a complaint",
                SCHEME_SOURCE,
                "mdo",
                "MDO membership",
            )
        )
        assert answer.reasons[0].cover is None

    def test_other_matters_covers_are_silent(self):
        """Covers for other matters add no reasons to the answer."""
        scheme = make_scheme(covers=[SUPERVISED_ONLY, MEDICOLEGAL])
        answer = ask(scheme, Activity.of("private-practice", supervised=False))
        assert [r.cover for r in answer.reasons] == ["supervised"]


class TestCovers:
    """The scheme's answer joins its covers' answers."""

    def test_ground_names_the_scheme(self):
        """A covering cover is a ground naming the scheme, its kind and basis."""
        answer = ask(make_scheme())
        assert answer.grounds == (ground(),)

    def test_two_covers_both_ground(self):
        """Two covers that both answer are both grounds."""
        scheme = make_scheme(covers=[NEGLIGENCE, SUPERVISED_ONLY])
        answer = ask(scheme, Activity.of("private-practice", supervised=True))
        assert answer.grounds == (ground(), ground("supervised"))

    def test_one_cover_is_enough(self):
        """One covering cover makes it COVERED; the other's reason is kept."""
        scheme = make_scheme(covers=[NEGLIGENCE, SUPERVISED_ONLY])
        answer = ask(scheme, Activity.of("private-practice", supervised=False))
        assert answer.outcome is Outcome.COVERED
        assert [r.code for r in answer.reasons] == [ReasonCode.CONDITION_FAILED]
        assert [(r.scheme, r.cover) for r in answer.reasons] == [("mdo", "supervised")]

    def test_undetermined_cover(self):
        """A scheme whose only cover is undetermined is undetermined with its facts."""
        answer = ask(make_scheme(covers=[SUPERVISED_ONLY]))
        assert answer.outcome is Outcome.UNDETERMINED
        assert answer.missing == frozenset({"supervised"})

    def test_no_options_by_default(self):
        """Asked on its own, the scheme holds no options: an optional cover is not bought."""
        scheme = make_scheme(covers=[NEGLIGENCE, PUBLIC_LIABILITY])
        decision = scheme.is_covered(
            Activity.of("private-practice"), ON, "england", matter="public-liability"
        )
        [reason] = decision.reasons
        assert reason.code is ReasonCode.OPTION_NOT_BOUGHT
        assert (reason.scheme, reason.cover) == ("mdo", "public liability")

    def test_options_passed_to_covers(self):
        """answer_on(question, options) lets an optional cover answer."""
        scheme = make_scheme(covers=[NEGLIGENCE, PUBLIC_LIABILITY])
        answer = ask(scheme, matter="public-liability", options={"public-liability"})
        assert answer.grounds == (ground("public liability"),)


class TestSchemeExclusions:
    """Scheme-wide exclusions are judged once, at scheme level, before any cover."""

    def test_fired_once(self):
        """A firing scheme exclusion gives one EXCLUDED reason, not one per cover."""
        scheme = make_scheme(covers=[NEGLIGENCE, SUPERVISED_ONLY], exclusions=[UNDECLARED])
        answer = ask(scheme, Activity.of("private-practice", declared=False, supervised=True))
        assert answer.outcome is Outcome.NOT_COVERED
        [reason] = answer.reasons
        assert reason.code is ReasonCode.EXCLUDED
        assert reason.message == "excludes undeclared private work"
        assert reason.source == EXC_SOURCE
        assert reason.cover is None
        assert (reason.scheme, reason.scheme_name) == ("mdo", "MDO membership")

    def test_not_fired(self):
        """A scheme exclusion that does not fire lets the covers answer."""
        scheme = make_scheme(exclusions=[UNDECLARED])
        assert ask(scheme, Activity.of("private-practice", declared=True)).outcome is (
            Outcome.COVERED
        )
        assert ask(scheme, Activity.of("good-samaritan")).outcome is Outcome.COVERED

    def test_unknown_with_covering_cover(self):
        """An unknown scheme exclusion turns a covering answer UNDETERMINED."""
        scheme = make_scheme(exclusions=[UNDECLARED])
        answer = ask(scheme)
        assert answer.outcome is Outcome.UNDETERMINED
        assert answer.grounds == ()
        [reason] = answer.reasons
        assert reason.code is ReasonCode.EXCLUSION_UNKNOWN
        assert reason.message == "may exclude undeclared private work; depends on: declared"
        assert reason.missing == frozenset({"declared"})
        assert reason.cover is None
        assert reason.scheme == "mdo"
        assert answer.missing == frozenset({"declared"})

    def test_unknown_with_undetermined_cover(self):
        """An unknown scheme exclusion and an undetermined cover merge their missing facts."""
        scheme = make_scheme(covers=[SUPERVISED_ONLY], exclusions=[UNDECLARED])
        answer = ask(scheme)
        assert answer.outcome is Outcome.UNDETERMINED
        assert [r.code for r in answer.reasons] == [
            ReasonCode.EXCLUSION_UNKNOWN,
            ReasonCode.CONDITION_UNKNOWN,
        ]
        assert answer.missing == frozenset({"declared", "supervised"})

    def test_unknown_with_failing_cover(self):
        """An unknown scheme exclusion does not reopen a cover that says no."""
        scheme = make_scheme(covers=[SUPERVISED_ONLY], exclusions=[UNDECLARED])
        answer = ask(scheme, Activity.of("private-practice", supervised=False))
        assert answer.outcome is Outcome.NOT_COVERED
        assert [r.code for r in answer.reasons] == [ReasonCode.CONDITION_FAILED]
        assert answer.missing == frozenset()

    def test_fired_beats_unknown(self):
        """One firing and one unknown scheme exclusion: NOT_COVERED with only the firing one."""
        in_charge = exclusion(
            Is("overall_charge", True), reason="overall charge", source=EXC_SOURCE
        )
        scheme = make_scheme(exclusions=[in_charge, UNDECLARED])
        answer = ask(scheme, Activity.of("private-practice", declared=False))
        assert answer.outcome is Outcome.NOT_COVERED
        assert [r.message for r in answer.reasons] == ["excludes undeclared private work"]

    def test_in_force_checked_first(self):
        """Outside the in-force period, exclusions are not even asked."""
        scheme = make_scheme(exclusions=[UNDECLARED], in_force=Period(D(2030, 1, 1)))
        [reason] = ask(scheme).reasons
        assert reason.code is ReasonCode.OUTSIDE_PERIOD


class TestAnswer:
    """answer() is the scheme's date-free answer to a situation; answer_on adds the period."""

    def test_answer_on_inside_the_period_is_the_answer(self):
        """Inside the period, the answer to a question is the answer to its situation."""
        scheme = make_scheme(covers=[SUPERVISED_ONLY], in_force=Period(D(2019, 4, 1)))
        for day in (D(2019, 4, 1), ON):
            assert ask(scheme, on=day) == scheme.answer(situation())

    def test_answer_ignores_the_period(self):
        """answer() knows no date: a scheme not yet in force still answers the situation."""
        scheme = make_scheme(in_force=Period(D(2030, 1, 1)))
        assert scheme.answer(situation()).outcome is Outcome.COVERED

    def test_options(self):
        """The options bought are part of what is answered."""
        scheme = make_scheme(covers=[NEGLIGENCE, PUBLIC_LIABILITY])
        liability = situation(matter="public-liability")
        assert scheme.answer(liability).outcome is Outcome.NOT_COVERED
        bought = scheme.answer(liability, frozenset({"public-liability"}))
        assert bought.outcome is Outcome.COVERED


class TestAnswerCache:
    """Scheme.answer is worked out once per (scheme, options, situation), shared by value."""

    def test_memoised(self):
        """Asking twice gives the very same answer object."""
        scheme = make_scheme(covers=[SUPERVISED_ONLY], exclusions=[UNDECLARED])
        assert scheme.answer(situation()) is scheme.answer(situation())

    def test_shared_across_equal_schemes(self):
        """Two equal schemes built apart share one answer: the cache is keyed by value."""
        a = make_scheme(covers=[SUPERVISED_ONLY], exclusions=[UNDECLARED])
        b = make_scheme(covers=[SUPERVISED_ONLY], exclusions=[UNDECLARED])
        assert a is not b
        assert a == b
        assert a.answer(situation()) == b.answer(situation())
        assert a.answer(situation()) is b.answer(situation())

    def test_unequal_schemes_do_not_share(self):
        """Schemes that differ (here only by name) answer each in their own words."""
        a = make_scheme()
        b = make_scheme(name="Another membership")
        assert a.answer(situation()).grounds[0].scheme_name == "MDO membership"
        assert b.answer(situation()).grounds[0].scheme_name == "Another membership"

    def test_options_are_part_of_the_key(self):
        """An answer for a member without options is not reused for one with them."""
        scheme = make_scheme(covers=[NEGLIGENCE, PUBLIC_LIABILITY])
        liability = situation(matter="public-liability")
        without = scheme.answer(liability)
        with_option = scheme.answer(liability, frozenset({"public-liability"}))
        assert without != with_option
        assert scheme.answer(liability) is without

    def test_equal_situations_share(self):
        """Situations equal by value (built apart) find the same answer."""
        scheme = make_scheme(covers=[SUPERVISED_ONLY])
        first = scheme.answer(situation(Activity.of("private-practice", supervised=True)))
        again = scheme.answer(situation(Activity.of("Private Practice", supervised=True)))
        assert first is again

    def test_same_answers_as_uncached(self, monkeypatch):
        """A cleared cache gives equal answers: memoising changes no answer."""
        scheme = make_scheme(covers=[NEGLIGENCE, SUPERVISED_ONLY], exclusions=[UNDECLARED])
        activities = [
            Activity.of("private-practice"),
            Activity.of("private-practice", declared=True, supervised=False),
            Activity.of("good-samaritan"),
        ]
        cached = [scheme.answer(situation(a)) for a in activities]
        monkeypatch.setattr(scheme_module, "_ANSWERS", {})
        assert [scheme.answer(situation(a)) for a in activities] == cached

    def test_bounded(self, monkeypatch):
        """The shared cache never holds more than its limit: it starts afresh when full."""
        monkeypatch.setattr(scheme_module, "_ANSWERS", {})
        monkeypatch.setattr(scheme_module, "_CACHE_LIMIT", 2)
        scheme = make_scheme()
        for earnings in range(5):
            scheme.answer(situation(Activity.of("private-practice", private_earnings=earnings)))
            assert len(scheme_module._ANSWERS) <= 2


class TestDecide:
    """decide() answers a checked question for a member holding no options."""

    def test_decision_of_the_answer(self):
        """The decision carries the question and the scheme's answer on its date."""
        scheme = make_scheme(covers=[SUPERVISED_ONLY])
        asked = question()
        decision = scheme.decide(asked)
        assert isinstance(decision, Decision)
        assert decision == Decision.of(scheme.answer_on(asked), asked)
        assert decision.outcome is Outcome.UNDETERMINED
        assert decision.missing == frozenset({"supervised"})

    def test_outside_the_period(self):
        """Outside the period the decision is NOT_COVERED for that reason."""
        scheme = make_scheme(in_force=Period(D(2030, 1, 1)))
        decision = scheme.decide(question())
        assert decision.outcome is Outcome.NOT_COVERED
        assert [r.code for r in decision.reasons] == [ReasonCode.OUTSIDE_PERIOD]

    def test_holds_no_options(self):
        """decide() buys no option: an optional cover does not answer."""
        scheme = make_scheme(covers=[NEGLIGENCE, PUBLIC_LIABILITY])
        decision = scheme.decide(question(matter="public-liability"))
        assert [r.code for r in decision.reasons] == [ReasonCode.OPTION_NOT_BOUGHT]


class TestIsCovered:
    """is_covered() asks the scheme a question given in parts."""

    def test_validates_the_question(self):
        """A datetime incident date is refused naming 'on'."""
        with pytest.raises(InvalidFieldError) as info:
            make_scheme().is_covered(
                Activity.of("private-practice"), dt.datetime(2025, 1, 1), "england"
            )
        assert (info.value.field, info.value.expected) == ("on", "a date (not a datetime)")

    def test_answers(self):
        """A question in scope is COVERED."""
        assert make_scheme().is_covered(Activity.of("private-practice"), ON, "wales").covered


class TestDescribe:
    """describe() lists the scheme and every cover, with sources."""

    def test_lines(self):
        """The header, scheme-wide exclusions and each cover's lines appear."""
        scheme = make_scheme(exclusions=[UNDECLARED], in_force=Period(D(2019, 4, 1)))
        lines = scheme.describe().splitlines()
        assert lines[:5] == [
            "MDO membership [mdo]",
            "  operator: An MDO",
            "  kind: discretionary-membership; basis: occurrence",
            "  in force for incidents: 2019-04-01 onwards",
            f"  source: {SCHEME_SOURCE}",
        ]
        assert lines[5] == (
            "  excludes (every cover): undeclared private work "
            "[kind is private-practice, unless declared to the provider]"
        )
        assert lines[6] == f"    source: {EXC_SOURCE}"
        assert lines[7] == "  Cover 'negligence'"
