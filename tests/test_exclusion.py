"""Tests for `indemnity.rules.exclusion`: cited exclusions with exceptions, and `weigh`."""

import pickle

import pytest

from indemnity import ALWAYS, Activity, Exclusion, InvalidFieldError, Is, KindIn, OneOf
from indemnity.rules.exclusion import weigh
from tests.builders import SOURCE, cite, exclusion

WHEN, UNLESS = "declared", "supervised"
TRUTH = (True, False, None)


def act(**facts):
    """A private-practice activity knowing `facts` (None: unknown)."""
    return Activity.of("private-practice", **facts)


def declared_work(with_unless=True):
    """An exclusion of declared work, unless supervised (when `with_unless`)."""
    return exclusion(
        Is(WHEN, True),
        unless=Is(UNLESS, True) if with_unless else None,
        reason="some excluded work",
    )


def refused(**fields):
    """The InvalidFieldError that `Exclusion(**fields)` raises."""
    with pytest.raises(InvalidFieldError) as info:
        Exclusion(**fields)
    assert type(info.value) is InvalidFieldError
    return info.value


class TestExclusionWithoutUnless:
    """Without an exception, an exclusion fires exactly when `when` is true."""

    @pytest.mark.parametrize("when", TRUTH)
    def test_truth_table(self, when):
        """True fires, false does not, unknown stays unknown naming the fact."""
        result = declared_work(with_unless=False).evaluate(act(declared=when))
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
        result = declared_work().evaluate(act(declared=when, supervised=unless))
        assert result.value is fires
        assert result.missing == frozenset(missing)

    def test_unknown_when_spared_by_known_exception(self):
        """When unknown but the exception is known true, it does not fire."""
        assert declared_work().evaluate(act(supervised=True)) == (False, frozenset())

    def test_hee_block_cosmetic_exception(self):
        """Cosmetic medicine is excluded other than Botox, fillers and superficial peels."""
        exc = exclusion(
            Is("field", "cosmetic-aesthetic-medicine"),
            unless=OneOf(
                "procedure", ["botox", "non-permanent-filler", "superficial-chemical-peel"]
            ),
            reason="cosmetic/aesthetic medicine",
            source=cite("cosmetic/aesthetic medicine", "mps-hee-block"),
        )
        cosmetic = act(field="cosmetic-aesthetic-medicine")
        assert exc.evaluate(cosmetic.with_facts(procedure="botox")).value is False
        assert exc.evaluate(cosmetic.with_facts(procedure="deep-chemical-peel")).value is True
        assert exc.evaluate(cosmetic) == (None, frozenset({"procedure"}))
        assert exc.evaluate(act(field="obstetrics")).value is False


class TestExclusionDescribe:
    """describe() says what the exclusion catches and what it spares."""

    def test_without_unless(self):
        """Without an exception only the condition is read."""
        assert declared_work(with_unless=False).describe() == "declared to the provider"

    def test_with_unless(self):
        """With an exception, ', unless ...' follows."""
        assert declared_work().describe() == (
            "declared to the provider, unless appropriately supervised"
        )

    def test_kind_condition(self):
        """Any condition reads through describe()."""
        exc = exclusion(KindIn({"private-practice"}), reason="r")
        assert exc.describe() == "kind is private-practice"


class TestStatedOnly:
    """A `stated_only` exclusion fires only on what is stated, and never asks."""

    @pytest.mark.parametrize(
        ("when", "unless", "fires"),
        [
            (True, None, False),
            (True, False, True),
            (True, True, False),
            (None, False, False),
            (None, None, False),
            (False, None, False),
        ],
    )
    def test_unknown_is_presumed_not_to_exclude(self, when, unless, fires):
        """Where the plain exclusion would be unknown, the stated-only one does not fire."""
        stated = exclusion(Is(WHEN, True), unless=Is(UNLESS, True), reason="r", stated_only=True)
        result = stated.evaluate(act(declared=when, supervised=unless))
        assert (result.value, result.missing) == (fires, frozenset())

    def test_it_reads_as_stated_only(self):
        """Its description says so."""
        stated = exclusion(Is(WHEN, True), reason="r", stated_only=True)
        assert stated.describe().endswith("(only where stated)")

    def test_stated_only_is_true_or_false(self):
        """A truthy stand-in is refused."""
        err = refused(when=ALWAYS, reason="r", source=SOURCE, stated_only="yes")
        assert (err.field, err.expected, err.got) == (
            "Exclusion.stated_only",
            "true or false",
            "yes",
        )


class TestExclusionValidation:
    """Bad exclusion fields are refused by name."""

    def test_when(self):
        """`when` must be a Condition."""
        err = refused(when=None, reason="r", source=SOURCE)
        assert (err.field, err.expected, err.got) == ("Exclusion.when", "a Condition", None)

    def test_unless(self):
        """`unless` must be a Condition or None."""
        err = refused(when=ALWAYS, unless="botox", reason="r", source=SOURCE)
        assert (err.field, err.expected, err.got) == ("Exclusion.unless", "a Condition", "botox")

    def test_reason(self):
        """The reason must be a non-empty string."""
        err = refused(when=ALWAYS, reason="", source=SOURCE)
        assert (err.field, err.expected, err.got) == ("Exclusion.reason", "a non-empty string", "")

    def test_source(self):
        """The source must be a Citation."""
        err = refused(when=ALWAYS, reason="r", source=3)
        assert (err.field, err.expected, err.got) == ("Exclusion.source", "a Citation", 3)

    def test_reason_and_source_are_keyword_only(self):
        """Only `when` is positional, so reason and source cannot be swapped by accident."""
        with pytest.raises(TypeError):
            Exclusion(ALWAYS, None, "r", SOURCE)  # type: ignore[misc]


class TestExclusionValue:
    """Exclusions are values: equal when built alike, hashable, picklable."""

    def test_equal_and_hashable(self):
        """Equal exclusions compare equal and hash alike."""
        assert declared_work() == declared_work()
        assert hash(declared_work()) == hash(declared_work())
        assert declared_work() != declared_work(with_unless=False)

    def test_pickles(self):
        """An exclusion survives pickling."""
        exc = declared_work()
        assert pickle.loads(pickle.dumps(exc)) == exc  # noqa: S301 - our own bytes


class TestWeigh:
    """weigh() sorts exclusions into those that fire and those that may, in the order given."""

    in_charge = exclusion(Is("overall_charge", True), reason="being in overall charge")
    private = exclusion(KindIn({"private-practice"}), reason="private work")
    undeclared = exclusion(ALWAYS, unless=Is("declared", True), reason="undeclared work")

    def test_none(self):
        """No exclusions: nothing fires and nothing is open."""
        assert weigh((), act()) == ([], [])

    def test_fired_and_open(self):
        """Firing ones are listed; unknown ones come with the facts they wait on."""
        fired, open_ = weigh([self.in_charge, self.private, self.undeclared], act())
        assert fired == [self.private]
        assert open_ == [
            (self.in_charge, frozenset({"overall_charge"})),
            (self.undeclared, frozenset({"declared"})),
        ]

    def test_spared_ones_are_left_out(self):
        """An exclusion known not to fire is in neither list."""
        activity = act(overall_charge=False, declared=True)
        assert weigh([self.in_charge, self.undeclared], activity) == ([], [])

    def test_order_is_kept(self):
        """Both lists keep the order the exclusions were given in."""
        activity = act(overall_charge=True)
        fired, _ = weigh([self.private, self.in_charge], activity)
        assert fired == [self.private, self.in_charge]
        fired, _ = weigh([self.in_charge, self.private], activity)
        assert fired == [self.in_charge, self.private]

    def test_agrees_with_evaluate(self):
        """An exclusion fires, or is open, exactly when its own evaluation says so."""
        excs = [self.in_charge, self.private, self.undeclared, declared_work()]
        for activity in (act(), act(declared=True), act(supervised=False, overall_charge=True)):
            fired, open_ = weigh(excs, activity)
            assert fired == [e for e in excs if e.evaluate(activity).value is True]
            assert open_ == [
                (e, e.evaluate(activity).missing)
                for e in excs
                if e.evaluate(activity).value is None
            ]
