"""Tests for `indemnity.rules`: cited requirements and exclusions with exceptions."""

import pickle

import pytest

from indemnity import (
    ALWAYS,
    Activity,
    Citation,
    Exclusion,
    Fact,
    InvalidFieldError,
    Is,
    KindIn,
    OneOf,
    Requirement,
)

SOURCE = Citation("003_050a7f98c6f2333b.txt", "a short quote")
WHEN, UNLESS = Fact.DECLARED, Fact.SUPERVISED
TRUTH = (True, False, None)


def act(**facts):
    return Activity.of("private-practice", **facts)


def exclusion(with_unless=True):
    return Exclusion(
        Is(WHEN, True),
        unless=Is(UNLESS, True) if with_unless else None,
        reason="some excluded work",
        source=SOURCE,
    )


class TestRequirement:
    """A Requirement is a cited condition."""

    @pytest.mark.parametrize("known", TRUTH)
    def test_evaluates_its_condition(self, known):
        """evaluate() answers exactly what the condition answers."""
        req = Requirement(Is(Fact.SUPERVISED, True), "the doctor is supervised", SOURCE)
        activity = act(supervised=known)
        assert req.evaluate(activity) == req.condition.evaluate(activity)

    def test_unknown_names_the_fact(self):
        """An unknown requirement names the fact that would settle it."""
        req = Requirement(Is(Fact.SUPERVISED, True), "the doctor is supervised", SOURCE)
        assert req.evaluate(act()) == (None, frozenset({Fact.SUPERVISED}))

    def test_fields(self):
        """The fields are kept as given."""
        req = Requirement(ALWAYS, "anything", SOURCE)
        assert (req.condition, req.reason, req.source) == (ALWAYS, "anything", SOURCE)

    def test_equal_and_hashable(self):
        """Equal requirements compare equal and hash alike."""
        a = Requirement(Is("supervised", True), "r", SOURCE)
        b = Requirement(Is(Fact.SUPERVISED, True), "r", SOURCE)
        assert a == b
        assert hash(a) == hash(b)

    def test_pickles(self):
        """A requirement survives pickling."""
        req = Requirement(Is(Fact.SUPERVISED, True), "r", SOURCE)
        assert pickle.loads(pickle.dumps(req)) == req  # noqa: S301 - our own bytes


class TestRequirementValidation:
    """Bad requirement fields are refused by name."""

    def test_condition(self):
        """The condition must be a Condition."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'Requirement\.condition' expected a Condition, got True \(bool\)$",
        ):
            Requirement(True, "r", SOURCE)

    @pytest.mark.parametrize(
        ("reason", "expected"),
        [("", "a non-empty string"), ("  ", "a non-empty string"), (None, "a string")],
    )
    def test_reason(self, reason, expected):
        """The reason must be a non-empty string."""
        with pytest.raises(
            InvalidFieldError,
            match=rf"^'Requirement\.reason' expected {expected}, got {reason!r} "
            rf"\({type(reason).__name__}\)$",
        ):
            Requirement(ALWAYS, reason, SOURCE)

    def test_source(self):
        """The source must be a Citation, not a bare string."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'Requirement\.source' expected a Citation, got 'seed 003' \(str\)$",
        ):
            Requirement(ALWAYS, "r", "seed 003")


class TestExclusionWithoutUnless:
    """Without an exception, an exclusion fires exactly when `when` is true."""

    @pytest.mark.parametrize("when", TRUTH)
    def test_truth_table(self, when):
        """True fires, false does not, unknown stays unknown naming the fact."""
        result = exclusion(with_unless=False).evaluate(act(declared=when))
        assert result.value is when
        assert result.missing == (frozenset({WHEN}) if when is None else frozenset())


class TestExclusionWithUnless:
    """With an exception, the exclusion fires when `when` is true and `unless` is not."""

    @pytest.mark.parametrize(
        ("when", "unless", "fires", "missing"),
        [
            (True, True, False, set()),
            (True, False, True, set()),
            (True, None, None, {UNLESS}),
            (False, True, False, set()),
            (False, False, False, set()),
            (False, None, False, set()),
            (None, True, False, set()),
            (None, False, None, {WHEN}),
            (None, None, None, {WHEN, UNLESS}),
        ],
    )
    def test_truth_table(self, when, unless, fires, missing):
        """Every combination of when and unless, with only the open facts missing."""
        result = exclusion().evaluate(act(declared=when, supervised=unless))
        assert result.value is fires
        assert result.missing == frozenset(missing)

    def test_unknown_when_spared_by_known_exception(self):
        """When unknown but the exception is known true, it does not fire."""
        assert exclusion().evaluate(act(supervised=True)) == (False, frozenset())

    def test_seed_003_cosmetic_exception(self):
        """Cosmetic medicine is excluded other than Botox, fillers and superficial peels."""
        exc = Exclusion(
            Is(Fact.FIELD, "cosmetic-aesthetic-medicine"),
            unless=OneOf(
                Fact.PROCEDURE, ["botox", "non-permanent-filler", "superficial-chemical-peel"]
            ),
            reason="cosmetic/aesthetic medicine",
            source=SOURCE,
        )
        cosmetic = act(field="cosmetic-aesthetic-medicine")
        assert exc.evaluate(cosmetic.with_facts(procedure="botox")).value is False
        assert exc.evaluate(cosmetic.with_facts(procedure="deep-chemical-peel")).value is True
        assert exc.evaluate(cosmetic) == (None, frozenset({Fact.PROCEDURE}))
        assert exc.evaluate(act(field="obstetrics")).value is False


class TestExclusionDescribe:
    """describe() says what the exclusion catches and what it spares."""

    def test_without_unless(self):
        """Without an exception only the condition is read."""
        assert exclusion(with_unless=False).describe() == "declared to the provider"

    def test_with_unless(self):
        """With an exception, ', unless ...' follows."""
        assert exclusion().describe() == (
            "declared to the provider, unless appropriately supervised"
        )

    def test_kind_condition(self):
        """Any condition reads through describe()."""
        exc = Exclusion(KindIn({"private-practice"}), reason="r", source=SOURCE)
        assert exc.describe() == "kind is private-practice"


class TestExclusionValidation:
    """Bad exclusion fields are refused by name."""

    def test_when(self):
        """`when` must be a Condition."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'Exclusion\.when' expected a Condition, got None \(NoneType\)$",
        ):
            Exclusion(None, reason="r", source=SOURCE)

    def test_unless(self):
        """`unless` must be a Condition or None."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'Exclusion\.unless' expected a Condition, got 'botox' \(str\)$",
        ):
            Exclusion(ALWAYS, unless="botox", reason="r", source=SOURCE)

    def test_reason(self):
        """The reason must be a non-empty string."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'Exclusion\.reason' expected a non-empty string, got '' \(str\)$",
        ):
            Exclusion(ALWAYS, reason="", source=SOURCE)

    def test_source(self):
        """The source must be a Citation."""
        with pytest.raises(
            InvalidFieldError, match=r"^'Exclusion\.source' expected a Citation, got 3 \(int\)$"
        ):
            Exclusion(ALWAYS, reason="r", source=3)

    def test_reason_and_source_are_keyword_only(self):
        """Only `when` is positional, so reason and source cannot be swapped by accident."""
        with pytest.raises(TypeError):
            Exclusion(ALWAYS, None, "r", SOURCE)  # type: ignore[misc]

    def test_equal_and_hashable(self):
        """Equal exclusions compare equal and hash alike."""
        assert exclusion() == exclusion()
        assert hash(exclusion()) == hash(exclusion())
        assert exclusion() != exclusion(with_unless=False)
