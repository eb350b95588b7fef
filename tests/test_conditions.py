"""Tests for `indemnity.rules.conditions`: the three-valued predicate algebra."""

import datetime as dt
import itertools
import pickle
import subprocess
import sys

import pytest

from indemnity import (
    ALWAYS,
    NEVER,
    Activity,
    ActivityKind,
    AllOf,
    AnyOf,
    AtLeast,
    AtMost,
    Condition,
    Fact,
    FactType,
    InvalidFieldError,
    Is,
    KindIn,
    Not,
    OneOf,
    UnknownNameError,
    Vocabulary,
    uk,
)
from indemnity.rules.conditions import Evaluation
from indemnity.uk import FactName, Field
from tests.builders import D

# Three independent yes/no facts: each operand of a truth table reads its own.
A, B, C = "declared", "supervised", "overall_charge"
TRUTH = (True, False, None)


QUALIFIED = Fact("qualified_on", FactType.DATE, label="date of qualification")
DATED = uk.vocabulary() | Vocabulary("dated", facts=(QUALIFIED,))
"""The UK vocabulary with a date fact, which the UK's own does not declare."""

OTHER = Vocabulary(
    "other",
    facts=(Fact("declared", FactType.YES_NO, label="declared to the regulator"),),
    kinds=(ActivityKind("private-practice"),),
)
"""Another vocabulary that also declares a fact called 'declared', in its own words."""


def dated(**facts):
    """A private-practice activity of the DATED vocabulary knowing `facts`."""
    return Activity.of("private-practice", vocabulary=DATED, **facts)


def refused(call, *args, error=InvalidFieldError):
    """The error of exactly type `error` that `call(*args)` raises."""
    with pytest.raises(error) as info:
        call(*args)
    assert type(info.value) is error
    return info.value


def act(kind="private-practice", **facts):
    """An activity of `kind` knowing `facts` (None: unknown)."""
    return Activity.of(kind, **facts)


def operands(values, facts=(A, B, C)):
    """Conditions `fact is true` and an activity where each has the truth value given."""
    conds = [Is(f, True) for f in facts[: len(values)]]
    known = dict(zip(facts, values, strict=False))
    return conds, act(**known)


def kleene_and(values):
    """Kleene's conjunction of truth values (None: unknown)."""
    if False in values:
        return False
    return None if None in values else True


def kleene_or(values):
    """Kleene's disjunction of truth values (None: unknown)."""
    if True in values:
        return True
    return None if None in values else False


def unknown_facts(values, facts=(A, B, C)):
    """The facts whose truth value is unknown."""
    return frozenset(f for f, v in zip(facts, values, strict=False) if v is None)


class TestEvaluation:
    """An Evaluation is a (value, missing) pair."""

    def test_unpacks(self):
        """An evaluation unpacks as value, missing."""
        value, missing = Is(A, True).evaluate(act())
        assert value is None
        assert missing == {A}

    def test_fields(self):
        """The fields are named value and missing."""
        result = Is(A, True).evaluate(act(declared=True))
        assert result == Evaluation(True, frozenset())
        assert result.value is True
        assert result.missing == frozenset()

    def test_published_by_the_conditions_module(self):
        """Evaluation and Condition are defined apart (so the rules holding conditions need not
        build the concrete ones) but are named, pickled and unpickled as `rules.conditions`'."""
        for cls in (Evaluation, Condition):
            assert cls.__module__ == "indemnity.rules.conditions"
            assert repr(cls) == f"<class 'indemnity.rules.conditions.{cls.__name__}'>"
        result = Is(A, True).evaluate(act())
        data = pickle.dumps(result)
        assert b"indemnity.rules.conditions" in data
        assert b"_condition" not in data
        assert pickle.loads(data) == result  # noqa: S301 - our own bytes


class TestIs:
    """Is compares one fact with one value."""

    @pytest.mark.parametrize(("known", "expected"), [(True, True), (False, False), (None, None)])
    def test_bool_fact(self, known, expected):
        """True when equal, false when different, unknown when the fact is unknown."""
        result = Is(A, True).evaluate(act(declared=known))
        assert result.value is expected
        assert result.missing == (frozenset({A}) if expected is None else frozenset())

    def test_false_value_matches_false(self):
        """Is(fact, False) is true when the fact is known false."""
        assert Is(A, False).evaluate(act(declared=False)).value is True
        assert Is(A, False).evaluate(act(declared=True)).value is False

    @pytest.mark.parametrize(
        ("known", "expected"), [("obstetrics", True), ("dermatology", False), (None, None)]
    )
    def test_enum_fact(self, known, expected):
        """A vocabulary fact compares by member."""
        result = Is("field", "obstetrics").evaluate(act(field=known))
        assert result.value is expected
        assert result.missing == (frozenset({"field"}) if expected is None else frozenset())

    @pytest.mark.parametrize(("known", "expected"), [(500, True), (501, False), (None, None)])
    def test_int_fact(self, known, expected):
        """A numeric fact compares by value."""
        result = Is("private_earnings", 500).evaluate(act(private_earnings=known))
        assert result.value is expected

    def test_names_are_parsed(self):
        """The fact and a choice value may be given by name, in any spelling."""
        cond = Is("field", "Obstetrics")
        assert cond == Is(FactName.FIELD, Field.OBSTETRICS)
        assert cond.fact is uk.vocabulary().fact("field")
        assert cond.value == "obstetrics"


class TestOneOf:
    """OneOf tests a fact against a set of values."""

    @pytest.mark.parametrize(
        ("known", "expected"),
        [("obstetrics", True), ("neurosurgery", True), ("dermatology", False), (None, None)],
    )
    def test_evaluate(self, known, expected):
        """True when the value is among them, false otherwise, unknown when unknown."""
        cond = OneOf("field", frozenset({"obstetrics", "neurosurgery"}))
        result = cond.evaluate(act(field=known))
        assert result.value is expected
        assert result.missing == (frozenset({"field"}) if expected is None else frozenset())

    def test_values_canonicalised(self):
        """Values given as a list of names become a frozenset of members."""
        cond = OneOf("field", ["obstetrics", "neurosurgery", "obstetrics"])
        assert cond.values == frozenset({"obstetrics", "neurosurgery"})
        assert cond == OneOf("field", frozenset({"neurosurgery", "obstetrics"}))


class TestAtLeastAtMost:
    """AtLeast and AtMost compare a numeric fact with a bound, inclusive."""

    @pytest.mark.parametrize(
        ("known", "expected"), [(9_999, False), (10_000, True), (10_001, True), (None, None)]
    )
    def test_at_least(self, known, expected):
        """AtLeast is true from the bound up."""
        result = AtLeast("private_earnings", 10_000).evaluate(act(private_earnings=known))
        assert result.value is expected
        missing = frozenset({"private_earnings"}) if expected is None else frozenset()
        assert result.missing == missing

    @pytest.mark.parametrize(
        ("known", "expected"), [(9_999, True), (10_000, True), (10_001, False), (None, None)]
    )
    def test_at_most(self, known, expected):
        """AtMost is true up to the bound."""
        result = AtMost("private_earnings", 10_000).evaluate(act(private_earnings=known))
        assert result.value is expected
        missing = frozenset({"private_earnings"}) if expected is None else frozenset()
        assert result.missing == missing

    def test_fact_by_name(self):
        """The fact may be given by name or as the vocabulary's term."""
        earnings = uk.vocabulary().fact("private_earnings")
        assert AtLeast("private_earnings", 1) == AtLeast(earnings, 1)
        assert AtLeast("private_earnings", 1).fact is earnings


class TestKindIn:
    """KindIn tests the activity's kind, which is always known."""

    def test_true_and_false(self):
        """True for a kind in the set, false otherwise."""
        cond = KindIn({"private-practice", "clinical-trial"})
        assert cond.evaluate(act("private-practice")) == (True, frozenset())
        assert cond.evaluate(act("good-samaritan")) == (False, frozenset())

    def test_never_unknown(self):
        """With no facts known at all the answer is still true or false."""
        assert KindIn({"private-practice"}).evaluate(act()).value is True

    def test_kinds_canonicalised(self):
        """Kinds given as a list of names become a frozenset of members."""
        cond = KindIn(["Private Practice", "private-practice"])
        assert cond.kinds == frozenset({"private-practice"})
        assert cond == KindIn(frozenset({"private-practice"}))


class TestNot:
    """Not swaps true and false and keeps unknown."""

    @pytest.mark.parametrize(("inner", "expected"), [(True, False), (False, True), (None, None)])
    def test_truth_table(self, inner, expected):
        """Not of true is false, of false is true, of unknown is unknown."""
        result = Not(Is(A, True)).evaluate(act(declared=inner))
        assert result.value is expected
        assert result.missing == (frozenset({A}) if expected is None else frozenset())

    def test_missing_passes_through(self):
        """Not keeps every missing fact of the condition it negates."""
        result = Not(Is(A, True) & Is(B, True)).evaluate(act())
        assert result == (None, frozenset({A, B}))


class TestAllOf:
    """AllOf is Kleene's conjunction."""

    @pytest.mark.parametrize("values", list(itertools.product(TRUTH, repeat=2)))
    def test_truth_table_of_two(self, values):
        """false wins; else unknown wins; else true. Missing names the unknown operands."""
        conds, activity = operands(values)
        result = AllOf(tuple(conds)).evaluate(activity)
        expected = kleene_and(values)
        assert result.value is expected
        assert result.missing == (unknown_facts(values) if expected is None else frozenset())

    @pytest.mark.parametrize("values", list(itertools.product(TRUTH, repeat=3)))
    def test_truth_table_of_three(self, values):
        """The table holds for three operands, in any position."""
        conds, activity = operands(values)
        result = AllOf(tuple(conds)).evaluate(activity)
        expected = kleene_and(values)
        assert result.value is expected
        assert result.missing == (unknown_facts(values) if expected is None else frozenset())

    def test_false_after_unknown_drops_missing(self):
        """An unknown followed by a false is decided false with nothing missing."""
        result = AllOf((Is(A, True), Is(B, True))).evaluate(act(supervised=False))
        assert result == (False, frozenset())

    def test_only_unknown_branches_are_missing(self):
        """A known true operand adds nothing to missing."""
        result = AllOf((Is(A, True), Is(B, True), Is(C, True))).evaluate(act(supervised=True))
        assert result == (None, frozenset({A, C}))

    def test_empty_is_always(self):
        """The empty AllOf is ALWAYS: true with nothing known."""
        assert AllOf(()) == ALWAYS
        assert ALWAYS.evaluate(act()) == (True, frozenset())

    def test_conditions_canonicalised_to_tuple(self):
        """Conditions given as a list are stored as a tuple."""
        cond = AllOf([Is(A, True)])
        assert cond.conditions == (Is(A, True),)
        assert cond == AllOf((Is(A, True),))


class TestAnyOf:
    """AnyOf is Kleene's disjunction."""

    @pytest.mark.parametrize("values", list(itertools.product(TRUTH, repeat=2)))
    def test_truth_table_of_two(self, values):
        """true wins; else unknown wins; else false. Missing names the unknown operands."""
        conds, activity = operands(values)
        result = AnyOf(tuple(conds)).evaluate(activity)
        expected = kleene_or(values)
        assert result.value is expected
        assert result.missing == (unknown_facts(values) if expected is None else frozenset())

    @pytest.mark.parametrize("values", list(itertools.product(TRUTH, repeat=3)))
    def test_truth_table_of_three(self, values):
        """The table holds for three operands, in any position."""
        conds, activity = operands(values)
        result = AnyOf(tuple(conds)).evaluate(activity)
        expected = kleene_or(values)
        assert result.value is expected
        assert result.missing == (unknown_facts(values) if expected is None else frozenset())

    def test_true_after_unknown_drops_missing(self):
        """An unknown followed by a true is decided true with nothing missing."""
        result = AnyOf((Is(A, True), Is(B, True))).evaluate(act(supervised=True))
        assert result == (True, frozenset())

    def test_only_unknown_branches_are_missing(self):
        """A known false operand adds nothing to missing."""
        result = AnyOf((Is(A, True), Is(B, True), Is(C, True))).evaluate(act(supervised=False))
        assert result == (None, frozenset({A, C}))

    def test_empty_is_never(self):
        """The empty AnyOf is NEVER: false with nothing known."""
        assert AnyOf(()) == NEVER
        assert NEVER.evaluate(act()) == (False, frozenset())


class TestNestedMissing:
    """Missing facts come only from the branches that left the answer open."""

    def test_decided_subtree_contributes_nothing(self):
        """An AnyOf decided true inside an open AllOf adds none of its own unknowns."""
        cond = AnyOf((Is(A, True), Is(B, True))) & Is(C, True)
        result = cond.evaluate(act(supervised=True))
        assert result == (None, frozenset({C}))

    def test_open_subtrees_union(self):
        """Two open subtrees contribute all their unknowns."""
        cond = AnyOf((Is(A, True), Is(B, True))) & Not(Is(C, True))
        assert cond.evaluate(act()) == (None, frozenset({A, B, C}))

    def test_numeric_and_enum_facts(self):
        """Missing names facts of every type."""
        cond = AtLeast("private_earnings", 1) | Is("field", "obstetrics")
        assert cond.evaluate(act()) == (None, frozenset({"private_earnings", "field"}))


class TestOperators:
    """&, | and ~ build flat trees."""

    a, b, c = Is(A, True), Is(B, True), Is(C, True)

    def test_and_builds_all_of(self):
        """a & b is AllOf((a, b))."""
        assert self.a & self.b == AllOf((self.a, self.b))

    def test_or_builds_any_of(self):
        """a | b is AnyOf((a, b))."""
        assert self.a | self.b == AnyOf((self.a, self.b))

    def test_and_flattens(self):
        """Chained & gives one flat AllOf, whichever side the group is on."""
        flat = AllOf((self.a, self.b, self.c))
        assert (self.a & self.b) & self.c == flat
        assert self.a & (self.b & self.c) == flat

    def test_or_flattens(self):
        """Chained | gives one flat AnyOf, whichever side the group is on."""
        flat = AnyOf((self.a, self.b, self.c))
        assert (self.a | self.b) | self.c == flat
        assert self.a | (self.b | self.c) == flat

    def test_mixed_operators_nest(self):
        """& over an AnyOf keeps the AnyOf as one operand."""
        assert self.a & (self.b | self.c) == AllOf((self.a, AnyOf((self.b, self.c))))

    def test_invert_builds_not(self):
        """~c is Not(c)."""
        assert ~self.a == Not(self.a)

    def test_double_invert_is_identity(self):
        """~~c == c: the double negation disappears."""
        assert ~~self.a == self.a
        assert ~~self.a is self.a
        tree = (self.a | self.b) & ~self.c
        assert ~~tree == tree

    def test_invert_of_not_unwraps(self):
        """~Not(c) is c."""
        assert ~Not(self.a) == self.a

    def test_always_and_never_combine(self):
        """ALWAYS & c and NEVER | c flatten to a one-operand group that behaves like c."""
        assert ALWAYS & self.a == AllOf((self.a,))
        assert NEVER | self.a == AnyOf((self.a,))
        for known in TRUTH:
            activity = act(declared=known)
            assert (ALWAYS & self.a).evaluate(activity) == self.a.evaluate(activity)
            assert (NEVER | self.a).evaluate(activity) == self.a.evaluate(activity)

    def test_operators_of_a_condition_of_ones_own_load_the_conditions(self):
        """A condition of one's own combines with &, | and ~ in a process that has built no
        condition yet: the operators load the concrete conditions they build."""
        code = (
            "import sys\n"
            "from indemnity import Exclusion\n"
            "from indemnity.rules._condition import Condition\n"
            "assert 'indemnity.rules.conditions' not in sys.modules\n"
            "class Mine(Condition):\n"
            "    __slots__ = ()\n"
            "a, b = Mine(), Mine()\n"
            "print(type(a & b).__name__, type(a | b).__name__, type(~a).__name__, ~~a is a)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], check=False, capture_output=True, text=True
        )
        assert out.stdout.strip() == "AllOf AnyOf Not True", out.stderr

    @pytest.mark.parametrize("other", [True, 1, "declared", None])
    def test_foreign_operands_are_not_implemented(self, other):
        """Combining with a non-Condition raises TypeError (NotImplemented)."""
        with pytest.raises(TypeError):
            self.a & other
        with pytest.raises(TypeError):
            self.a | other
        with pytest.raises(TypeError):
            other & self.a


class TestDescribe:
    """describe() reads the condition in words."""

    @pytest.mark.parametrize(
        ("cond", "text"),
        [
            (Is("declared", True), "declared to the provider"),
            (Is("declared", False), "not declared to the provider"),
            (Is("field", "obstetrics"), "field is obstetrics"),
            (Is("private_earnings", 500), "gross annual private earnings is £500"),
            (
                OneOf("field", ["obstetrics", "cosmetic-aesthetic-medicine"]),
                "field is one of: cosmetic-aesthetic-medicine, obstetrics",
            ),
            (
                AtLeast("private_earnings", 10_000),
                "gross annual private earnings is at least £10,000",
            ),
            (
                AtMost("private_earnings", 1_100),
                "gross annual private earnings is at most £1,100",
            ),
            (KindIn({"private-practice"}), "kind is private-practice"),
            (
                KindIn({"private-practice", "clinical-trial"}),
                "kind is one of: clinical-trial, private-practice",
            ),
            (ALWAYS, "always"),
            (NEVER, "never"),
            (Not(Is("declared", True)), "not (declared to the provider)"),
        ],
        ids=lambda x: x if isinstance(x, str) else None,
    )
    def test_leaves(self, cond, text):
        """Each node reads as expected."""
        assert cond.describe() == text

    def test_and_or(self):
        """AllOf joins with 'and', AnyOf with 'or', nested groups in parentheses."""
        cond = (Is(A, True) | Is(B, True)) & Is(C, False)
        assert cond.describe() == (
            "(declared to the provider or appropriately supervised)"
            " and not clinician in overall charge"
        )

    def test_nested_empty_groups_are_not_parenthesised(self):
        """ALWAYS inside another group reads as 'always' without parentheses."""
        assert AnyOf((ALWAYS, Is(A, True))).describe() == "always or declared to the provider"

    def test_module_example(self):
        """The module docstring's example reads as documented."""
        private = KindIn({"private-practice"})
        cosmetic = Is("field", "cosmetic-aesthetic-medicine")
        assert (private & ~cosmetic).describe() == (
            "kind is private-practice and not (field is cosmetic-aesthetic-medicine)"
        )


class TestFacts:
    """facts() lists every fact a condition reads."""

    def test_leaves(self):
        """Each fact leaf reads its one fact; KindIn reads none."""
        assert Is(A, True).facts() == {A}
        assert OneOf("field", ["other"]).facts() == {"field"}
        assert AtLeast("private_earnings", 1).facts() == {"private_earnings"}
        assert AtMost("private_earnings", 1).facts() == {"private_earnings"}
        assert KindIn({"private-practice"}).facts() == frozenset()

    def test_trees(self):
        """Groups and Not read the union of their parts' facts."""
        cond = (Is(A, True) | ~Is(B, True)) & KindIn({"private-practice"}) & Is(A, False)
        assert cond.facts() == {A, B}

    def test_constants(self):
        """ALWAYS and NEVER read nothing."""
        assert ALWAYS.facts() == frozenset()
        assert NEVER.facts() == frozenset()


class TestValidation:
    """Bad constructor input is refused naming the field and what was expected."""

    def test_is_wrong_value_type(self):
        """A value of the wrong type for the fact is refused."""
        err = refused(Is, "declared", "yes")
        assert (err.field, err.expected, err.got) == (
            "Is.value",
            "yes or no (true or false)",
            "yes",
        )

    def test_is_bool_for_int_fact(self):
        """A bool is not a number for an amount fact."""
        err = refused(Is, "private_earnings", True)
        assert (err.field, err.expected, err.got) == ("Is.value", "an amount, zero or more", True)

    def test_is_unknown_enum_value(self):
        """A value outside the value set is an UnknownNameError with a suggestion."""
        err = refused(Is, "field", "obstetric", error=UnknownNameError)
        assert err.field == "Is.value"
        assert err.expected.startswith("one of ")
        assert "'obstetrics'" in err.expected
        assert str(err).endswith("did you mean 'obstetrics'?")

    def test_is_unknown_fact(self):
        """An unknown fact name is refused with a suggestion."""
        err = refused(Is, "declard", True, error=UnknownNameError)
        assert err.field == "Is.fact"
        assert "'declared'" in err.expected
        assert str(err).endswith("did you mean 'declared'?")

    @pytest.mark.parametrize("cls", [AtLeast, AtMost])
    def test_bound_on_non_numeric_fact(self, cls):
        """AtLeast and AtMost need a number, amount or date fact."""
        err = refused(cls, "declared", 1)
        assert err.field == f"{cls.__name__}.fact"
        assert err.expected == "a number, amount or date fact"
        assert err.got == "declared"

    @pytest.mark.parametrize("cls", [AtLeast, AtMost])
    @pytest.mark.parametrize("bound", [True, "10", 1.5, -1])
    def test_bad_bound(self, cls, bound):
        """The bound of an amount fact must be a whole amount, zero or more (not a bool)."""
        err = refused(cls, "private_earnings", bound)
        assert (err.field, err.expected) == (f"{cls.__name__}.bound", "an amount, zero or more")
        assert err.got == bound

    @pytest.mark.parametrize("cls", [AtLeast, AtMost])
    @pytest.mark.parametrize("bound", [2020, "2020-01-01", dt.datetime(2020, 1, 1)])
    def test_bad_date_bound(self, cls, bound):
        """The bound of a date fact must be a date: not a number, text or a datetime."""
        err = refused(cls, QUALIFIED, bound)
        assert (err.field, err.expected) == (f"{cls.__name__}.bound", "a date")

    def test_one_of_empty(self):
        """OneOf needs at least one value."""
        err = refused(OneOf, "field", [])
        assert (err.field, err.expected, err.got) == ("OneOf.values", "at least one value", [])

    @pytest.mark.parametrize("values", ["obstetrics", 3, None])
    def test_one_of_not_a_collection(self, values):
        """OneOf values must be a collection, not a single string."""
        err = refused(OneOf, "field", values)
        assert (err.field, err.expected) == ("OneOf.values", "a collection of values")
        assert err.got == values

    def test_one_of_wrong_item(self):
        """A wrong item is refused by its position."""
        err = refused(OneOf, "declared", [True, "no"])
        assert (err.field, err.expected, err.got) == (
            "OneOf.values[1]",
            "yes or no (true or false)",
            "no",
        )

    def test_kind_in_empty(self):
        """KindIn needs at least one kind."""
        err = refused(KindIn, [])
        assert (err.field, err.expected) == ("KindIn.kinds", "at least one activity kind")

    def test_kind_in_single_string(self):
        """A single kind name is not a collection of kinds."""
        err = refused(KindIn, "private-practice")
        assert (err.field, err.expected, err.got) == (
            "KindIn.kinds",
            "a collection of activity kinds",
            "private-practice",
        )

    def test_kind_in_unknown(self):
        """An unknown kind is refused by its position with a suggestion."""
        err = refused(KindIn, ["private-practise"], error=UnknownNameError)
        assert err.field == "KindIn.kinds[0]"
        assert "'private-practice'" in err.expected
        assert str(err).endswith("did you mean 'private-practice'?")

    @pytest.mark.parametrize("cls", [AllOf, AnyOf])
    def test_group_non_condition_child(self, cls):
        """A child that is not a Condition is refused by its position."""
        err = refused(cls, (Is(A, True), True))
        assert (err.field, err.expected, err.got) == (
            f"{cls.__name__}.conditions[1]",
            "a Condition",
            True,
        )

    @pytest.mark.parametrize("cls", [AllOf, AnyOf])
    @pytest.mark.parametrize("given", [Is(A, True), "declared", None])
    def test_group_not_a_sequence(self, cls, given):
        """A single condition, a string or None is not a sequence of conditions."""
        err = refused(cls, given)
        assert (err.field, err.expected) == (
            f"{cls.__name__}.conditions",
            "a sequence of conditions",
        )
        assert err.got == given

    def test_not_non_condition(self):
        """Not needs a Condition."""
        err = refused(Not, True)
        assert (err.field, err.expected, err.got) == ("Not.condition", "a Condition", True)


class TestDateThresholds:
    """AtLeast and AtMost compare a date fact with a date bound, inclusive."""

    @pytest.mark.parametrize(
        ("known", "at_least", "at_most"),
        [
            (D(2019, 12, 31), False, True),
            (D(2020, 1, 1), True, True),
            (D(2020, 1, 2), True, False),
            (None, None, None),
        ],
    )
    def test_evaluate(self, known, at_least, at_most):
        """On or after the bound is at least it, on or before is at most; unknown names the fact."""
        activity = dated(qualified_on=known)
        for cond, expected in (
            (AtLeast(QUALIFIED, D(2020, 1, 1)), at_least),
            (AtMost(QUALIFIED, D(2020, 1, 1)), at_most),
        ):
            result = cond.evaluate(activity)
            assert result.value is expected
            assert result.missing == (frozenset({QUALIFIED}) if expected is None else frozenset())

    def test_fact_by_name_in_the_active_vocabulary(self):
        """Inside `using`, the date fact is found by name in that vocabulary."""
        with DATED.using():
            cond = AtLeast("qualified_on", D(2020, 1, 1))
        assert cond == AtLeast(QUALIFIED, D(2020, 1, 1))
        assert cond.fact.type is FactType.DATE

    def test_describe(self):
        """A date bound reads as an ISO date."""
        assert AtLeast(QUALIFIED, D(2020, 1, 1)).describe() == (
            "date of qualification is at least 2020-01-01"
        )
        assert AtMost(QUALIFIED, D(2020, 1, 1)).describe() == (
            "date of qualification is at most 2020-01-01"
        )

    def test_facts_and_equality(self):
        """A date threshold reads its fact, and equal thresholds are equal."""
        assert AtMost(QUALIFIED, D(2020, 1, 1)).facts() == {"qualified_on"}
        assert AtMost(QUALIFIED, D(2020, 1, 1)) == AtMost(QUALIFIED, D(2020, 1, 1))
        assert AtMost(QUALIFIED, D(2020, 1, 1)) != AtMost(QUALIFIED, D(2020, 1, 2))


class TestFactOfAnotherVocabulary:
    """A condition built with a Fact term of another vocabulary reads the activity by name."""

    declared = OTHER.fact("declared")

    @pytest.mark.parametrize(("known", "expected"), [(True, True), (False, False), (None, None)])
    def test_evaluates_by_name(self, known, expected):
        """The other vocabulary's 'declared' reads a UK activity's 'declared'."""
        result = Is(self.declared, True).evaluate(act(declared=known))
        assert result.value is expected
        assert result.missing == (frozenset({"declared"}) if expected is None else frozenset())

    def test_keeps_the_term_it_was_given(self):
        """The condition keeps the other vocabulary's term and reads in its words."""
        cond = Is(self.declared, True)
        assert cond.fact is self.declared
        assert cond.describe() == "declared to the regulator"

    def test_equal_to_the_condition_by_name(self):
        """Terms compare by name, so the condition equals the one built from the UK name."""
        assert Is(self.declared, True) == Is("declared", True)
        assert hash(Is(self.declared, True)) == hash(Is("declared", True))

    def test_name_resolves_in_the_active_vocabulary(self):
        """A name given inside `using` is that vocabulary's term."""
        with OTHER.using():
            cond = Is("declared", True)
        assert cond.fact is self.declared
        assert cond.evaluate(act(declared=True)).value is True


class TestEqualityAndHashing:
    """Conditions are values: equal trees compare equal and hash alike."""

    @staticmethod
    def tree():
        return (
            KindIn(["private-practice", "category-2-work"])
            & ~OneOf("field", ["obstetrics", "neurosurgery"])
            & (AtMost("private_earnings", 10_000) | Is("declared", True))
        )

    def test_equal_trees(self):
        """Two trees built the same way are equal and hash alike."""
        assert self.tree() == self.tree()
        assert hash(self.tree()) == hash(self.tree())
        assert len({self.tree(), self.tree()}) == 1

    def test_spelling_does_not_matter(self):
        """Names and members build equal leaves."""
        declared = uk.vocabulary().fact("declared")
        assert Is("declared", True) == Is(declared, True)
        assert hash(Is("declared", True)) == hash(Is(declared, True))
        assert OneOf("field", ["obstetrics"]) == OneOf(
            FactName.FIELD, frozenset({Field.OBSTETRICS})
        )

    def test_different_nodes_differ(self):
        """Nodes of different types or contents are not equal."""
        a, b = Is(A, True), Is(B, True)
        assert AllOf((a, b)) != AnyOf((a, b))
        assert AtLeast("private_earnings", 5) != AtMost("private_earnings", 5)
        assert Is(A, True) != Is(A, False)
        assert Not(a) != a

    def test_usable_as_dict_keys(self):
        """Conditions work as dictionary keys."""
        table = {self.tree(): "x"}
        assert table[self.tree()] == "x"

    def test_frozen(self):
        """A condition cannot be changed after it is built."""
        cond = Is(A, True)
        with pytest.raises(AttributeError):
            cond.value = False  # type: ignore[misc]

    def test_pickles(self):
        """A condition tree survives pickling."""
        tree = self.tree()
        assert pickle.loads(pickle.dumps(tree)) == tree  # noqa: S301 - our own bytes

    def test_every_node_is_a_condition(self):
        """Every node type subclasses Condition."""
        for cls in (Is, OneOf, AtLeast, AtMost, KindIn, AllOf, AnyOf, Not):
            assert issubclass(cls, Condition)
