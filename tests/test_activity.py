"""Tests for `indemnity.activity`: activity kinds, the fact vocabulary, `Facts` and `Activity`."""

import json
import pickle
from enum import StrEnum

import pytest

from indemnity import (
    Activity,
    ActivityKind,
    Engager,
    Fact,
    Facts,
    Field,
    InvalidFieldError,
    Procedure,
    UnknownNameError,
)


class TestActivityKindParse:
    """ActivityKind.parse() accepts members, values and loose spellings."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (ActivityKind.PRIVATE_PRACTICE, ActivityKind.PRIVATE_PRACTICE),
            ("private-practice", ActivityKind.PRIVATE_PRACTICE),
            ("Private Practice", ActivityKind.PRIVATE_PRACTICE),
            ("private_practice", ActivityKind.PRIVATE_PRACTICE),
            ("PRIVATE_PRACTICE", ActivityKind.PRIVATE_PRACTICE),
            ("category 2 work", ActivityKind.CATEGORY_2_WORK),
            ("Good Samaritan", ActivityKind.GOOD_SAMARITAN),
        ],
    )
    def test_spellings(self, text, expected):
        """Case, spaces, hyphens and underscores do not matter."""
        assert ActivityKind.parse(text) is expected

    def test_unknown_kind(self):
        """An unknown kind lists the choices and suggests the closest."""
        with pytest.raises(
            UnknownNameError,
            match=r"^'kind' expected one of 'category-2-work', .* got 'privat-practice' \(str\); "
            r"did you mean 'private-practice'\?$",
        ):
            ActivityKind.parse("privat-practice")

    def test_non_string(self):
        """A value that is not a name is refused with its type."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'kind' expected an? ActivityKind or its name, got 7 \(int\)$",
        ):
            ActivityKind.parse(7)


class TestFactParse:
    """Fact.parse() accepts members and names, with hyphens or spaces."""

    @pytest.mark.parametrize(
        "text",
        ["official_rotation", "official-rotation", "Official Rotation", " OFFICIAL_ROTATION "],
    )
    def test_spellings(self, text):
        """A fact is found whatever the case and separators."""
        assert Fact.parse(text) is Fact.OFFICIAL_ROTATION

    def test_member(self):
        """A member is returned as it is."""
        assert Fact.parse(Fact.DECLARED) is Fact.DECLARED

    def test_unknown(self):
        """An unknown fact name is refused with a suggestion."""
        with pytest.raises(
            UnknownNameError,
            match=r"^'fact' expected one of 'by_employee', .* got 'supervise' \(str\); "
            r"did you mean 'supervised'\?$",
        ):
            Fact.parse("supervise")

    def test_non_string(self):
        """A value that is not a name is refused with its type."""
        with pytest.raises(
            InvalidFieldError, match=r"^'fact' expected a Fact or its name, got None \(NoneType\)$"
        ):
            Fact.parse(None)


class TestFactSpecs:
    """Every fact is declared with a type, a label and a description."""

    def test_every_fact_has_a_spec(self):
        """Each Fact has its own spec with non-empty words."""
        for fact in Fact:
            spec = fact.spec
            assert spec.fact is fact
            assert spec.label
            assert spec.description

    def test_types(self):
        """Fact types are bool, int or a StrEnum vocabulary."""
        assert Fact.SUPERVISED.spec.type is bool
        assert Fact.PRIVATE_EARNINGS.spec.type is int
        assert Fact.FIELD.spec.type is Field
        assert Fact.PROCEDURE.spec.type is Procedure
        assert Fact.ENGAGED_BY.spec.type is Engager
        for fact in Fact:
            kind = fact.spec.type
            assert kind in (bool, int) or issubclass(kind, StrEnum)

    def test_show(self):
        """Booleans read yes/no, others as their value."""
        assert Fact.DECLARED.spec.show(True) == "yes"
        assert Fact.DECLARED.spec.show(False) == "no"
        assert Fact.PRIVATE_EARNINGS.spec.show(10_000) == "10000"
        assert Fact.FIELD.spec.show(Field.OBSTETRICS) == "obstetrics"


class TestFactsValidation:
    """Facts refuses unknown names and values of the wrong type, naming the fact."""

    def test_unknown_fact_name(self):
        """An unknown key is an UnknownNameError suggesting the closest fact."""
        with pytest.raises(
            UnknownNameError,
            match=r"^'Activity\.facts' expected one of 'by_employee', .* got 'delcared' \(str\); "
            r"did you mean 'declared'\?$",
        ):
            Facts({"delcared": True})

    def test_non_string_key(self):
        """A key that is not a fact name is refused with its type."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'Activity\.facts' expected a Fact or its name, got 1 \(int\)$",
        ):
            Facts({1: True})

    def test_bool_given_to_int_fact(self):
        """True is not a number of pounds, though bool subclasses int."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^\"Activity\.facts\['private_earnings'\]\" expected a whole number, "
            r"zero or more, "
            r"got True \(bool\)$",
        ):
            Facts({"private_earnings": True})

    @pytest.mark.parametrize("value", [1, 0])
    def test_int_given_to_bool_fact(self, value):
        """1 and 0 are not true and false for a yes/no fact."""
        with pytest.raises(
            InvalidFieldError,
            match=rf"^\"Activity\.facts\['supervised'\]\" expected true or false, "
            rf"got {value} \(int\)$",
        ):
            Facts({"supervised": value})

    @pytest.mark.parametrize("value", ["yes", "true", "True"])
    def test_string_given_to_bool_fact(self, value):
        """'yes' is not True: strings are refused for yes/no facts."""
        with pytest.raises(
            InvalidFieldError,
            match=rf"^\"Activity\.facts\['declared'\]\" expected true or false, "
            rf"got '{value}' \(str\)$",
        ):
            Facts({"declared": value})

    def test_float_given_to_int_fact(self):
        """A float is not a whole number of pounds."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^\"Activity\.facts\['private_earnings'\]\" expected a whole number, "
            r"zero or more, "
            r"got 1000\.0 \(float\)$",
        ):
            Facts({"private_earnings": 1000.0})

    def test_unknown_enum_value(self):
        """A value outside the fact's vocabulary is refused with a suggestion."""
        with pytest.raises(
            UnknownNameError,
            match=r"^\"Activity\.facts\['field'\]\" expected one of .*'obstetrics'.* "
            r"got 'obstetric' \(str\); did you mean 'obstetrics'\?$",
        ):
            Facts({"field": "obstetric"})

    def test_enum_value_of_wrong_type(self):
        """A non-string value for a vocabulary fact is refused with its type."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^\"Activity\.facts\['engaged_by'\]\" expected an? Engager or its name, "
            r"got 3 \(int\)$",
        ):
            Facts({"engaged_by": 3})

    @pytest.mark.parametrize("value", [[("declared", True)], "declared", 3])
    def test_not_a_mapping(self, value):
        """Facts must come as a mapping."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'Activity\.facts' expected a mapping of fact names to values, got .* "
            rf"\({type(value).__name__}\)$",
        ):
            Facts(value)


class TestFactsValues:
    """Facts canonicalises keys and values so equal knowledge compares equal."""

    def test_names_become_members(self):
        """Keys and enum values given by name are stored as members."""
        facts = Facts({"field": "general practice", "engaged_by": "NHS body", "declared": True})
        assert facts[Fact.FIELD] is Field.GENERAL_PRACTICE
        assert facts[Fact.ENGAGED_BY] is Engager.NHS_BODY
        assert facts[Fact.DECLARED] is True

    def test_none_means_unknown_and_is_dropped(self):
        """A None value is not stored: the fact stays unknown."""
        facts = Facts({"declared": None, "supervised": True})
        assert Fact.DECLARED not in facts
        assert len(facts) == 1
        assert facts == Facts({"supervised": True})

    def test_all_none_is_empty(self):
        """Facts of only None values equal no facts at all."""
        assert Facts({"declared": None}) == Facts() == Facts(None) == Facts({})

    def test_equality_ignores_insertion_order(self):
        """Two mappings knowing the same things are equal and hash alike."""
        a = Facts({"declared": True, "field": "obstetrics", "private_earnings": 5})
        b = Facts({"private_earnings": 5, "field": Field.OBSTETRICS, Fact.DECLARED: True})
        assert a == b
        assert hash(a) == hash(b)
        assert list(a) == list(b)
        assert repr(a) == repr(b)

    def test_iterates_in_fact_order(self):
        """Keys come out in the order Fact declares them, whatever the input order."""
        facts = Facts({"private_earnings": 1, "declared": True, "field": "other"})
        assert list(facts) == [Fact.FIELD, Fact.DECLARED, Fact.PRIVATE_EARNINGS]

    def test_different_values_differ(self):
        """Different knowledge compares unequal."""
        assert Facts({"declared": True}) != Facts({"declared": False})
        assert Facts({"declared": True}) != Facts()

    def test_not_equal_to_a_dict(self):
        """Facts compare only with Facts."""
        assert Facts({"declared": True}) != {Fact.DECLARED: True}

    def test_get(self):
        """get() answers None for an unknown fact, or the default given."""
        facts = Facts({"declared": False})
        assert facts.get(Fact.DECLARED) is False
        assert facts.get(Fact.SUPERVISED) is None
        assert facts.get(Fact.SUPERVISED, True) is True

    def test_missing_key_raises_key_error(self):
        """Indexing an unknown fact is a KeyError, as for any mapping."""
        with pytest.raises(KeyError):
            Facts()[Fact.DECLARED]

    def test_of_returns_facts_unchanged(self):
        """Facts.of() passes Facts through and converts mappings."""
        facts = Facts({"declared": True})
        assert Facts.of(facts) is facts
        assert Facts.of({"declared": True}) == facts
        assert Facts.of(None) == Facts()

    def test_to_dict_is_json_ready(self):
        """to_dict() uses names for keys and enum values and keeps bools and ints."""
        facts = Facts({"field": Field.OBSTETRICS, "declared": True, "private_earnings": 12})
        assert facts.to_dict() == {"field": "obstetrics", "declared": True, "private_earnings": 12}
        json.dumps(facts.to_dict())

    def test_pickles(self):
        """Facts survive pickling, still equal and hashing alike."""
        facts = Facts({"field": "obstetrics", "declared": True})
        back = pickle.loads(pickle.dumps(facts))  # noqa: S301 - our own bytes
        assert back == facts
        assert hash(back) == hash(facts)

    def test_repr(self):
        """repr shows the facts by name."""
        assert repr(Facts({"declared": True})) == "Facts({'declared': True})"


class TestActivity:
    """An activity is a kind plus facts plus a description nobody reads."""

    def test_of_builds_from_keywords(self):
        """Activity.of takes the kind and facts as keywords."""
        activity = Activity.of(
            "private-practice", field="cosmetic-aesthetic-medicine", procedure="botox"
        )
        assert activity.kind is ActivityKind.PRIVATE_PRACTICE
        assert activity.get(Fact.FIELD) is Field.COSMETIC_MEDICINE
        assert activity.get(Fact.PROCEDURE) is Procedure.BOTOX
        assert activity.get(Fact.DECLARED) is None

    def test_of_keeps_description(self):
        """Activity.of passes the description through."""
        assert Activity.of("good-samaritan", description="roadside").description == "roadside"

    def test_kind_is_parsed(self):
        """The kind is parsed from a loose spelling."""
        assert Activity("Good Samaritan").kind is ActivityKind.GOOD_SAMARITAN

    def test_unknown_kind_refused(self):
        """An unknown kind names Activity.kind and suggests the closest."""
        with pytest.raises(
            UnknownNameError,
            match=r"^'Activity\.kind' expected one of .* got 'good-samaritn' \(str\); "
            r"did you mean 'good-samaritan'\?$",
        ):
            Activity("good-samaritn")

    def test_facts_from_a_dict(self):
        """A plain mapping given as facts is validated into Facts."""
        activity = Activity("private-practice", {"declared": True})
        assert isinstance(activity.facts, Facts)
        assert activity.facts == Facts({"declared": True})

    def test_bad_fact_refused(self):
        """Activity.of validates facts like Facts does."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^\"Activity\.facts\['declared'\]\" expected true or false, got 'yes' \(str\)$",
        ):
            Activity.of(ActivityKind.PRIVATE_PRACTICE, declared="yes")

    def test_bad_description_refused(self):
        """A description that is not a string is refused."""
        with pytest.raises(
            InvalidFieldError, match=r"^'Activity\.description' expected a string, got 3 \(int\)$"
        ):
            Activity("private-practice", description=3)

    def test_description_not_part_of_equality(self):
        """Two activities differing only in description are equal and hash alike."""
        a = Activity.of("private-practice", description="Tuesday list", declared=True)
        b = Activity.of("private-practice", description="another words", declared=True)
        assert a == b
        assert hash(a) == hash(b)

    def test_facts_order_does_not_matter(self):
        """Activities built with facts in different orders are equal."""
        a = Activity.of("private-practice", declared=True, supervised=False)
        b = Activity.of("private-practice", supervised=False, declared=True)
        assert a == b
        assert hash(a) == hash(b)

    def test_kind_is_part_of_equality(self):
        """Different kinds with the same facts differ."""
        assert Activity.of("private-practice") != Activity.of("clinical-trial")

    def test_unknown_lists_the_unknown_facts(self):
        """unknown() returns the facts asked about that the activity does not know."""
        activity = Activity.of("private-practice", declared=True)
        assert activity.unknown([Fact.DECLARED, Fact.SUPERVISED]) == {Fact.SUPERVISED}

    def test_pickles(self):
        """An activity survives pickling."""
        activity = Activity.of("private-practice", description="x", field="obstetrics")
        back = pickle.loads(pickle.dumps(activity))  # noqa: S301 - our own bytes
        assert back == activity
        assert back.description == "x"

    def test_is_frozen(self):
        """An activity cannot be changed after it is built."""
        activity = Activity.of("private-practice")
        with pytest.raises(AttributeError):
            activity.kind = ActivityKind.CLINICAL_TRIAL  # type: ignore[misc]


class TestWithFacts:
    """with_facts() returns a copy knowing more (or less)."""

    def test_adds_facts(self):
        """New facts are added; the original is unchanged."""
        before = Activity.of("private-practice", field="obstetrics")
        after = before.with_facts(declared=True)
        assert after.get(Fact.DECLARED) is True
        assert after.get(Fact.FIELD) is Field.OBSTETRICS
        assert before.get(Fact.DECLARED) is None

    def test_overrides_facts(self):
        """A fact given again takes the new value."""
        activity = Activity.of("private-practice", declared=True).with_facts(declared=False)
        assert activity.get(Fact.DECLARED) is False

    def test_none_forgets(self):
        """A value of None makes the fact unknown again."""
        activity = Activity.of("private-practice", declared=True).with_facts(declared=None)
        assert activity == Activity.of("private-practice")

    def test_keeps_kind_and_description(self):
        """The kind and description carry over."""
        before = Activity.of("clinical-trial", description="phase 2")
        after = before.with_facts(trial_covered_by_legislation=True)
        assert after.kind is ActivityKind.CLINICAL_TRIAL
        assert after.description == "phase 2"

    def test_unknown_fact_refused(self):
        """An unknown fact name is refused with a suggestion."""
        with pytest.raises(
            UnknownNameError,
            match=r"^'Activity\.facts' expected one of .* got 'supervisd' \(str\); "
            r"did you mean 'supervised'\?$",
        ):
            Activity.of("private-practice").with_facts(supervisd=True)

    def test_wrong_type_refused(self):
        """A value of the wrong type is refused naming the fact."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^\"Activity\.facts\['private_earnings'\]\" expected a whole number, "
            r"zero or more, "
            r"got '10k' \(str\)$",
        ):
            Activity.of("private-practice").with_facts(private_earnings="10k")


class TestAmounts:
    """Numeric facts are amounts: zero or more."""

    def test_negative_amount_refused(self):
        """A negative private_earnings is refused, naming the fact."""
        with pytest.raises(InvalidFieldError, match=r"private_earnings.*zero or more, got -1"):
            Activity.of("private-practice", private_earnings=-1)
