"""Tests for `indemnity.model.activity`: `Facts` and `Activity`, checked against a vocabulary.

Looking kinds and facts up by name is the vocabulary's job (tests/test_vocabulary.py);
what each fact type accepts is the fact's (tests/test_terms.py).
"""

import json
import pickle

import pytest

from indemnity import (
    Activity,
    ActivityKind,
    Fact,
    Facts,
    FactType,
    InvalidFieldError,
    UnknownNameError,
    Vocabulary,
    active_vocabulary,
    uk,
)

YES_NO = "yes or no (true or false)"
AMOUNT = "an amount, zero or more"


def refused(call, *args, error=InvalidFieldError, **kwargs):
    """The error `call` raises, checked to be exactly of type `error`."""
    with pytest.raises(InvalidFieldError) as caught:
        call(*args, **kwargs)
    assert type(caught.value) is error
    return caught.value


def assert_suggests(err, field, got, nearest):
    """`err` names `field` and `got`, lists choices and suggests `nearest` ("did you mean")."""
    assert (err.field, err.got) == (field, got)
    assert err.expected.startswith("one of ")
    assert repr(nearest) in err.expected
    assert str(err).endswith(f"did you mean {nearest!r}?")


class TestFactsValidation:
    """Facts refuses unknown names and values of the wrong type, naming the fact."""

    def test_unknown_fact_name(self):
        """An unknown key is an UnknownNameError suggesting the closest fact."""
        err = refused(Facts, {"delcared": True}, error=UnknownNameError)
        assert_suggests(err, "Activity.facts", "delcared", "declared")

    def test_non_string_key(self):
        """A key that is not a fact name is refused with its type."""
        err = refused(Facts, {1: True})
        assert (err.field, err.expected, err.got) == ("Activity.facts", "a fact name", 1)

    def test_bool_given_to_int_fact(self):
        """True is not a number of pounds, though bool subclasses int."""
        err = refused(Facts, {"private_earnings": True})
        assert (err.field, err.expected, err.got) == (
            "Activity.facts.private_earnings",
            AMOUNT,
            True,
        )

    @pytest.mark.parametrize("value", [1, 0])
    def test_int_given_to_bool_fact(self, value):
        """1 and 0 are not true and false for a yes/no fact."""
        err = refused(Facts, {"supervised": value})
        assert (err.field, err.expected, err.got) == ("Activity.facts.supervised", YES_NO, value)

    @pytest.mark.parametrize("value", ["yes", "true", "True"])
    def test_string_given_to_bool_fact(self, value):
        """'yes' is not True: strings are refused for yes/no facts."""
        err = refused(Facts, {"declared": value})
        assert (err.field, err.expected, err.got) == ("Activity.facts.declared", YES_NO, value)

    def test_float_given_to_int_fact(self):
        """A float is not a whole number of pounds."""
        err = refused(Facts, {"private_earnings": 1000.0})
        assert (err.field, err.expected, err.got) == (
            "Activity.facts.private_earnings",
            AMOUNT,
            1000.0,
        )

    def test_unknown_choice_value(self):
        """A value outside the fact's value set is refused with a suggestion."""
        err = refused(Facts, {"field": "obstetric"}, error=UnknownNameError)
        assert_suggests(err, "Activity.facts.field", "obstetric", "obstetrics")

    def test_choice_value_of_wrong_type(self):
        """A non-string value for a choice fact is refused naming its value set."""
        err = refused(Facts, {"engaged_by": 3})
        assert (err.field, err.expected, err.got) == (
            "Activity.facts.engaged_by",
            "one of the engagers",
            3,
        )

    @pytest.mark.parametrize("value", [[("declared", True)], "declared", 3])
    def test_not_a_mapping(self, value):
        """Facts must come as a mapping."""
        err = refused(Facts, value)
        assert (err.field, err.expected, err.got) == (
            "Activity.facts",
            "a mapping of fact names to values",
            value,
        )


class TestFactsValues:
    """Facts canonicalises keys and values so equal knowledge compares equal."""

    def test_names_become_terms(self, words):
        """Keys given by name are stored as the vocabulary's facts, choices as canonical names."""
        facts = Facts({"field": "general practice", "engaged_by": "NHS body", "declared": True})
        assert facts.names() == {
            "declared": True,
            "engaged_by": "nhs-body",
            "field": "general-practice",
        }
        assert facts["field"] == uk.Field.GENERAL_PRACTICE
        assert facts["engaged_by"] == uk.Engager.NHS_BODY
        assert facts["declared"] is True
        for key in facts:
            assert isinstance(key, Fact)
            assert key is words.fact(key.name)

    def test_none_means_unknown_and_is_dropped(self):
        """A None value is not stored: the fact stays unknown."""
        facts = Facts({"declared": None, "supervised": True})
        assert "declared" not in facts
        assert len(facts) == 1
        assert facts == Facts({"supervised": True})

    def test_all_none_is_empty(self):
        """Facts of only None values equal no facts at all."""
        assert Facts({"declared": None}) == Facts() == Facts(None) == Facts({})

    def test_equality_ignores_insertion_order(self):
        """Two mappings knowing the same things are equal and hash alike."""
        a = Facts({"declared": True, "field": "obstetrics", "private_earnings": 5})
        b = Facts({"private_earnings": 5, "field": "obstetrics", "declared": True})
        assert a == b
        assert hash(a) == hash(b)
        assert list(a) == list(b)
        assert repr(a) == repr(b)

    def test_iterates_in_name_order(self):
        """Keys come out in the order of their names, whatever the input order."""
        facts = Facts({"private_earnings": 1, "declared": True, "field": "other"})
        assert list(facts) == ["declared", "field", "private_earnings"]

    def test_terms_and_names_look_up_alike(self, words):
        """A fact is found by its term or by its name."""
        facts = Facts({"declared": True})
        assert words.fact("declared") in facts
        assert facts[words.fact("declared")] is facts["declared"] is True

    def test_different_values_differ(self):
        """Different knowledge compares unequal."""
        assert Facts({"declared": True}) != Facts({"declared": False})
        assert Facts({"declared": True}) != Facts()

    def test_not_equal_to_a_dict(self):
        """Facts compare only with Facts."""
        assert Facts({"declared": True}) != {"declared": True}

    def test_get(self):
        """get() answers None for an unknown fact, or the default given."""
        facts = Facts({"declared": False})
        assert facts.get("declared") is False
        assert facts.get("supervised") is None
        assert facts.get("supervised", True) is True

    def test_missing_key_raises_key_error(self):
        """Indexing an unknown fact is a KeyError, as for any mapping."""
        with pytest.raises(KeyError):
            Facts()["declared"]

    def test_of_returns_facts_unchanged(self, words):
        """Facts.of() passes Facts of the same vocabulary through and converts mappings."""
        facts = Facts({"declared": True})
        assert Facts.of(facts, words) is facts
        assert Facts.of({"declared": True}, words) == facts
        assert Facts.of(None, words) == Facts()

    def test_of_rechecks_facts_of_another_vocabulary(self, words):
        """Facts checked by one vocabulary are checked again by another, and refused if unknown."""
        facts = Facts({"declared": True})
        same_words = words | Vocabulary("more")
        assert Facts.of(facts, same_words).vocabulary is same_words
        with pytest.raises(UnknownNameError) as caught:
            Facts.of(facts, Vocabulary("empty"))
        assert caught.value.field == "Activity.facts"

    def test_names_are_json_ready(self):
        """names() gives a plain dict of names to bools, ints and value names."""
        facts = Facts({"field": "obstetrics", "declared": True, "private_earnings": 12})
        assert facts.names() == {"field": "obstetrics", "declared": True, "private_earnings": 12}
        assert json.loads(json.dumps(facts.names())) == facts.names()

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
        assert activity.kind == uk.KindName.PRIVATE_PRACTICE
        assert activity.get("field") == uk.Field.COSMETIC_AESTHETIC_MEDICINE
        assert activity.get("procedure") == uk.Procedure.BOTOX
        assert activity.get("declared") is None

    def test_of_keeps_description(self):
        """Activity.of passes the description through."""
        assert Activity.of("good-samaritan", description="roadside").description == "roadside"

    def test_kind_is_parsed(self, words):
        """The kind is parsed from a loose spelling into the vocabulary's term."""
        kind = Activity("Good Samaritan").kind
        assert isinstance(kind, ActivityKind)
        assert kind is words.kind("good-samaritan")
        assert kind.name == "good-samaritan"

    def test_unknown_kind_refused(self):
        """An unknown kind names Activity.kind and suggests the closest."""
        err = refused(Activity, "good-samaritn", error=UnknownNameError)
        assert_suggests(err, "Activity.kind", "good-samaritn", "good-samaritan")

    def test_facts_from_a_dict(self):
        """A plain mapping given as facts is validated into Facts."""
        activity = Activity("private-practice", {"declared": True})
        assert isinstance(activity.facts, Facts)
        assert activity.facts == Facts({"declared": True})

    def test_bad_fact_refused(self):
        """Activity.of validates facts like Facts does."""
        err = refused(Activity.of, "private-practice", declared="yes")
        assert (err.field, err.expected, err.got) == ("Activity.facts.declared", YES_NO, "yes")

    def test_bad_description_refused(self):
        """A description that is not a string is refused."""
        err = refused(Activity, "private-practice", description=3)
        assert (err.field, err.expected, err.got) == ("Activity.description", "a string", 3)

    def test_bad_vocabulary_refused(self):
        """A vocabulary that is not a Vocabulary is refused."""
        err = refused(Activity, "private-practice", vocabulary="uk")
        assert (err.field, err.expected) == ("Activity.vocabulary", "a Vocabulary")

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
        assert activity.unknown(["declared", "supervised"]) == {"supervised"}

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
            activity.kind = "clinical-trial"  # type: ignore[misc]


class TestWithFacts:
    """with_facts() returns a copy knowing more (or less)."""

    def test_adds_facts(self):
        """New facts are added; the original is unchanged."""
        before = Activity.of("private-practice", field="obstetrics")
        after = before.with_facts(declared=True)
        assert after.get("declared") is True
        assert after.get("field") == "obstetrics"
        assert before.get("declared") is None

    def test_overrides_facts(self):
        """A fact given again takes the new value."""
        activity = Activity.of("private-practice", declared=True).with_facts(declared=False)
        assert activity.get("declared") is False

    def test_none_forgets(self):
        """A value of None makes the fact unknown again."""
        activity = Activity.of("private-practice", declared=True).with_facts(declared=None)
        assert activity == Activity.of("private-practice")

    def test_keeps_kind_and_description(self):
        """The kind and description carry over."""
        before = Activity.of("clinical-trial", description="phase 2")
        after = before.with_facts(trial_covered_by_legislation=True)
        assert after.kind == "clinical-trial"
        assert after.kind is before.kind
        assert after.description == "phase 2"

    def test_unknown_fact_refused(self):
        """An unknown fact name is refused with a suggestion."""
        activity = Activity.of("private-practice")
        err = refused(activity.with_facts, supervisd=True, error=UnknownNameError)
        assert_suggests(err, "Activity.facts", "supervisd", "supervised")

    def test_wrong_type_refused(self):
        """A value of the wrong type is refused naming the fact."""
        activity = Activity.of("private-practice")
        err = refused(activity.with_facts, private_earnings="10k")
        assert (err.field, err.expected, err.got) == (
            "Activity.facts.private_earnings",
            AMOUNT,
            "10k",
        )


class TestAmounts:
    """Numeric facts are amounts: zero or more."""

    def test_negative_amount_refused(self):
        """A negative private_earnings is refused, naming the fact."""
        err = refused(Activity.of, "private-practice", private_earnings=-1)
        assert (err.field, err.expected, err.got) == (
            "Activity.facts.private_earnings",
            AMOUNT,
            -1,
        )

    def test_zero_is_an_amount(self):
        """Zero pounds is an amount."""
        assert Activity.of("private-practice", private_earnings=0).get("private_earnings") == 0


class TestVocabulary:
    """An activity's names are checked against the vocabulary given, else the active one."""

    def test_uk_by_default(self, words):
        """With no vocabulary given or active, the UK's is used."""
        activity = Activity.of("private-practice")
        assert activity.vocabulary is words
        assert activity.facts.vocabulary is words

    def test_vocabulary_given(self):
        """A vocabulary given checks the kind and facts, and stays with the activity."""
        words = Vocabulary(
            "tiny",
            facts=(Fact("on_call", FactType.YES_NO),),
            kinds=(ActivityKind("house-call"),),
        )
        activity = Activity.of("house-call", vocabulary=words, on_call=True)
        assert activity.vocabulary is words
        assert activity.get("on_call") is True
        err = refused(Activity.of, "private-practice", vocabulary=words, error=UnknownNameError)
        assert err.field == "Activity.kind"

    def test_active_vocabulary(self):
        """Inside `using()`, names are checked against the active vocabulary."""
        words = Vocabulary("tiny", kinds=(ActivityKind("house-call"),))
        with words.using():
            assert Activity("house-call").vocabulary is words
            with pytest.raises(UnknownNameError):
                Activity("private-practice")

    def test_of_follows_the_active_vocabulary(self, words):
        """`Activity.of` remembers per vocabulary: inside `using()` another, it gives that one's."""
        outside = Activity.of("private-practice", declared=True)
        assert outside.vocabulary is active_vocabulary()
        wider = words | Vocabulary("more", kinds=(ActivityKind("house-call"),))
        with wider.using():
            inside = Activity.of("private-practice", declared=True)
            assert inside.vocabulary is wider
            assert inside is not outside
            assert Activity.of("house-call").vocabulary is wider
        assert Activity.of("private-practice", declared=True) is outside
        with pytest.raises(UnknownNameError):
            Activity.of("house-call")

    def test_in_vocabulary(self, words):
        """in_vocabulary() keeps an activity of that vocabulary, re-checks one of another."""
        activity = Activity.of("private-practice", declared=True)
        assert activity.in_vocabulary(words) is activity
        wider = words | Vocabulary("more", kinds=(ActivityKind("house-call"),))
        moved = activity.in_vocabulary(wider)
        assert moved == activity
        assert moved.vocabulary is wider
        with pytest.raises(UnknownNameError):
            activity.in_vocabulary(Vocabulary("empty"))
