"""Tests for `indemnity.rules.requirement`: a cited condition a cover requires."""

import pickle

import pytest

from indemnity import ALWAYS, Activity, InvalidFieldError, Is, Requirement
from tests.builders import SOURCE, cite, requirement

TRUTH = (True, False, None)
SUPERVISED = Is("supervised", True)


def act(**facts):
    """A private-practice activity knowing `facts` (None: unknown)."""
    return Activity.of("private-practice", **facts)


def refused(*args):
    """The InvalidFieldError that `Requirement(*args)` raises."""
    with pytest.raises(InvalidFieldError) as info:
        Requirement(*args)
    assert type(info.value) is InvalidFieldError
    return info.value


class TestRequirement:
    """A Requirement is a cited condition."""

    @pytest.mark.parametrize("known", TRUTH)
    def test_evaluates_its_condition(self, known):
        """evaluate() answers exactly what the condition answers."""
        req = requirement(SUPERVISED, "the doctor is supervised")
        activity = act(supervised=known)
        assert req.evaluate(activity) == req.condition.evaluate(activity)

    def test_unknown_names_the_fact(self):
        """An unknown requirement names the fact that would settle it."""
        req = requirement(SUPERVISED, "the doctor is supervised")
        assert req.evaluate(act()) == (None, frozenset({"supervised"}))

    def test_fields(self):
        """The fields are kept as given."""
        source = cite("appropriately supervised", "mps-hee-block")
        req = Requirement(ALWAYS, "anything", source)
        assert (req.condition, req.reason, req.source) == (ALWAYS, "anything", source)

    def test_equal_and_hashable(self):
        """Equal requirements compare equal and hash alike."""
        a = requirement(SUPERVISED, "r")
        b = Requirement(Is("supervised", True), "r", SOURCE)
        assert a == b
        assert hash(a) == hash(b)

    def test_differ_by_any_field(self):
        """Requirements differing in condition, reason or source are not equal."""
        req = requirement(SUPERVISED, "r")
        assert req != requirement(Is("supervised", False), "r")
        assert req != requirement(SUPERVISED, "s")
        assert req != requirement(SUPERVISED, "r", cite("another quote"))

    def test_pickles(self):
        """A requirement survives pickling."""
        req = requirement(SUPERVISED, "r")
        assert pickle.loads(pickle.dumps(req)) == req  # noqa: S301 - our own bytes


class TestRequirementValidation:
    """Bad requirement fields are refused by name."""

    def test_condition(self):
        """The condition must be a Condition."""
        err = refused(True, "r", SOURCE)
        assert (err.field, err.expected, err.got) == ("Requirement.condition", "a Condition", True)

    @pytest.mark.parametrize(
        ("reason", "expected"),
        [("", "a non-empty string"), ("  ", "a non-empty string"), (None, "a string")],
    )
    def test_reason(self, reason, expected):
        """The reason must be a non-empty string."""
        err = refused(ALWAYS, reason, SOURCE)
        assert (err.field, err.expected, err.got) == ("Requirement.reason", expected, reason)

    def test_source(self):
        """The source must be a Citation, not a bare source id."""
        err = refused(ALWAYS, "r", "mps-hee-block")
        assert (err.field, err.expected, err.got) == (
            "Requirement.source",
            "a Citation",
            "mps-hee-block",
        )
