"""Tests for `indemnity.model.terms`: the words a vocabulary declares.

Facts and their types, value sets, activity kinds, matters, jurisdictions and
sources; how a term equals its name; and the forgiving lookup by name (`Names`).
Looking terms up in a vocabulary, and the UK's territories, are in
tests/test_vocabulary.py.
"""

import datetime as dt
import pickle
import subprocess
import sys

import attrs
import pytest

from indemnity import (
    ActivityKind,
    Fact,
    FactType,
    InvalidFieldError,
    Jurisdiction,
    Matter,
    MatterScope,
    Source,
    UnknownNameError,
    ValueSet,
    uk,
)
from indemnity.model import terms
from indemnity.model.terms import CLAIM_DATE, Implication, Names

D = dt.date
KEBAB = "a name of lower-case words joined by hyphens, such as 'home-visit'"
SNAKE = "a name of lower-case words joined by underscores, such as 'night_shift'"
FIELDS = ValueSet(
    "fields",
    ("general-practice", "obstetrics", "other"),
    {"general-practice": "General practice"},
    "Fields of medicine.",
)


def refused(call, *args, error=InvalidFieldError, **kwargs):
    """The error `call` raises, checked to be exactly of type `error`."""
    with pytest.raises(InvalidFieldError) as caught:
        call(*args, **kwargs)
    assert type(caught.value) is error
    return caught.value


def fact(kind, **more):
    """A fact named 'x' of type `kind` (a choice takes its values from FIELDS)."""
    if kind is FactType.CHOICE:
        more.setdefault("values", FIELDS)
    return Fact("x", kind, **more)


class TestTermEquality:
    """A term equals, and hashes as, its name; terms of different classes differ."""

    @pytest.mark.parametrize(
        "term",
        [
            Fact("supervised", FactType.YES_NO),
            ActivityKind("private-practice"),
            Matter("inquest"),
            Jurisdiction("england"),
            Source("mps-imgs-2023", "A title"),
            FIELDS,
        ],
        ids=lambda t: type(t).__name__,
    )
    def test_equals_its_name(self, term):
        """A term equals its name as a string and hashes alike, so sets find it by name."""
        assert term == term.name
        assert term.name == term
        assert hash(term) == hash(term.name)
        assert term.name in {term}
        assert term in {term.name}

    @pytest.mark.parametrize("make", [ActivityKind, Matter, Jurisdiction, lambda n: FIELDS])
    def test_str_is_the_name(self, make):
        """A term reads as its name (a source reads as a document: see TestSource)."""
        term = make("fields")
        assert str(term) == "fields"

    def test_equality_by_name_alone(self):
        """Two declarations of one name are equal, whatever their words."""
        assert Jurisdiction("england", label="England") == Jurisdiction("england", label="Eng.")
        assert Jurisdiction("england") != Jurisdiction("wales")
        assert Jurisdiction("england") != "wales"

    def test_terms_of_different_classes_differ(self):
        """A jurisdiction and a matter of the same name are not equal."""
        assert Jurisdiction("overseas") != Matter("overseas")
        assert ActivityKind("other") != Jurisdiction("other")

    def test_typed_names_are_equal(self, words):
        """The UK's typed names equal the terms they name."""
        assert words.jurisdiction("england") == uk.Place.ENGLAND
        assert words.fact("field") == uk.FactName.FIELD
        assert words.kind("private-practice") == uk.KindName.PRIVATE_PRACTICE
        assert words.matter("inquest") == uk.MatterName.INQUEST

    def test_foreign_values_are_not_equal(self):
        """A term is not equal to a value that is neither a term nor a string."""
        assert Jurisdiction("england") != 3
        assert Jurisdiction("england") != None  # noqa: E711 - the operator is what is tested

    def test_order_by_name(self):
        """Terms sort by name, against terms and strings; foreign values do not compare."""
        assert sorted([Jurisdiction("wales"), Jurisdiction("england")]) == ["england", "wales"]
        assert Jurisdiction("england") < "wales"
        with pytest.raises(TypeError):
            _ = Jurisdiction("england") < 3

    def test_frozen(self):
        """A term cannot be changed."""
        with pytest.raises(AttributeError):
            Jurisdiction("england").label = "x"  # type: ignore[misc]

    @pytest.mark.parametrize(
        "term",
        [fact(FactType.CHOICE), FIELDS, Matter("regulatory", aliases=("gmc",)), CLAIM_DATE],
        ids=lambda t: type(t).__name__,
    )
    def test_pickles(self, term):
        """A term survives pickling with every field."""
        back = pickle.loads(pickle.dumps(term))  # noqa: S301 - our own bytes
        assert back.declaration() == term.declaration()


class TestNames:
    """Term names are checked at the door: hyphens for most, underscores for facts."""

    @pytest.mark.parametrize("make", [ActivityKind, Matter, Jurisdiction])
    @pytest.mark.parametrize("name", ["Private Practice", "private_practice", "-a", "", 3])
    def test_kebab_names(self, make, name):
        """Kinds, matters and places are named in lower-case words joined by hyphens."""
        err = refused(make, name)
        assert (err.field, err.expected, err.got) == (f"{make.__name__}.name", KEBAB, name)

    @pytest.mark.parametrize("name", ["Hair", "hair-restoration", "1st", "", None])
    def test_fact_names(self, name):
        """Facts are named in lower-case words joined by underscores."""
        err = refused(Fact, name, FactType.YES_NO)
        assert (err.field, err.expected, err.got) == ("Fact.name", SNAKE, name)

    def test_source_and_value_set_names(self):
        """Sources and value sets are named with hyphens."""
        assert refused(Source, "a_b", "Title").field == "Source.name"
        assert refused(ValueSet, "Fields", ("a",)).field == "ValueSet.name"


class TestFactTypes:
    """A fact's type says what values it takes; the type may be given by name."""

    def test_type_names(self):
        """Fact types are named as documents write them."""
        assert [t.value for t in FactType] == ["yes-no", "whole-number", "amount", "date", "choice"]

    def test_type_by_name(self):
        """A type given by name becomes the FactType."""
        assert Fact("x", "whole-number").type is FactType.WHOLE_NUMBER

    def test_unknown_type(self):
        """An unknown type is refused with a suggestion."""
        err = refused(Fact, "x", "yesno", error=UnknownNameError)
        assert (err.field, err.got) == ("Fact.type", "yesno")
        assert str(err).endswith("did you mean 'yes-no'?")

    def test_choice_needs_a_value_set(self):
        """A choice fact must name a value set; other facts must not."""
        err = refused(Fact, "x", FactType.CHOICE)
        assert (err.field, err.expected, err.got) == (
            "Fact.values",
            "a ValueSet for a choice",
            None,
        )
        err = refused(Fact, "x", FactType.YES_NO, values=FIELDS)
        assert (err.field, err.expected) == ("Fact.values", "None for a yes-no fact")

    @pytest.mark.parametrize(
        ("kind", "numeric", "ordered"),
        [
            (FactType.YES_NO, False, False),
            (FactType.WHOLE_NUMBER, True, True),
            (FactType.AMOUNT, True, True),
            (FactType.DATE, False, True),
            (FactType.CHOICE, False, False),
        ],
    )
    def test_numeric_and_ordered(self, kind, numeric, ordered):
        """Numbers and amounts are numeric; they and dates compare with a bound."""
        assert (fact(kind).is_numeric, fact(kind).ordered) == (numeric, ordered)

    def test_uk_types(self, words):
        """UK facts are yes/no, amounts or choices of the UK's value sets."""
        assert words.fact("supervised").type is FactType.YES_NO
        assert words.fact("private_earnings").type is FactType.AMOUNT
        for name, values in [("field", uk.Field), ("procedure", uk.Procedure)]:
            found = words.fact(name)
            assert found.type is FactType.CHOICE
            assert set(found.values.values) == set(values)
        assert set(words.fact("engaged_by").values.values) == set(uk.Engager)
        assert all(isinstance(f.type, FactType) for f in words.facts)


class TestFactCheck:
    """fact.check() returns a value in canonical form, or refuses it naming the field given."""

    @pytest.mark.parametrize(
        ("kind", "value", "expected"),
        [
            (FactType.YES_NO, True, True),
            (FactType.YES_NO, False, False),
            (FactType.WHOLE_NUMBER, 0, 0),
            (FactType.WHOLE_NUMBER, 3, 3),
            (FactType.AMOUNT, 10_000, 10_000),
            (FactType.DATE, D(2024, 1, 1), D(2024, 1, 1)),
            (FactType.CHOICE, "obstetrics", "obstetrics"),
            (FactType.CHOICE, "General Practice", "general-practice"),
            (FactType.CHOICE, "general_practice", "general-practice"),
        ],
    )
    def test_accepted(self, kind, value, expected):
        """Each type takes its own values; a choice forgives case and spacing."""
        assert fact(kind).check(value, "f") == expected

    @pytest.mark.parametrize(
        ("kind", "value", "expected"),
        [
            (FactType.YES_NO, 1, "yes or no (true or false)"),
            (FactType.YES_NO, "yes", "yes or no (true or false)"),
            (FactType.YES_NO, None, "yes or no (true or false)"),
            (FactType.WHOLE_NUMBER, True, "a whole number, zero or more"),
            (FactType.WHOLE_NUMBER, -1, "a whole number, zero or more"),
            (FactType.WHOLE_NUMBER, 1.0, "a whole number, zero or more"),
            (FactType.AMOUNT, -1, "an amount, zero or more"),
            (FactType.AMOUNT, "10k", "an amount, zero or more"),
            (FactType.DATE, "2024-01-01", "a date"),
            (FactType.DATE, dt.datetime(2024, 1, 1), "a date"),
            (FactType.CHOICE, 3, "one of the fields"),
        ],
    )
    def test_refused(self, kind, value, expected):
        """A value of the wrong type or range is refused naming the field and the expectation."""
        err = refused(fact(kind).check, value, "Activity.facts['x']")
        assert (err.field, err.expected, err.got) == ("Activity.facts['x']", expected, value)

    def test_unknown_choice(self):
        """A choice naming no value is refused with the values and a suggestion."""
        err = refused(fact(FactType.CHOICE).check, "obstetric", "f", error=UnknownNameError)
        assert (err.field, err.got) == ("f", "obstetric")
        assert err.expected == "one of 'general-practice', 'obstetrics', 'other'"
        assert str(err).endswith("did you mean 'obstetrics'?")


class TestFactShow:
    """fact.show() writes a value as it reads in an explanation."""

    def test_yes_no(self):
        """Booleans read yes or no."""
        assert fact(FactType.YES_NO).show(True) == "yes"
        assert fact(FactType.YES_NO).show(False) == "no"

    def test_whole_number(self):
        """Whole numbers are grouped in thousands."""
        assert fact(FactType.WHOLE_NUMBER).show(12_345) == "12,345"

    def test_amount_with_its_unit(self):
        """Amounts are written with their unit: the UK's private earnings in pounds."""
        assert fact(FactType.AMOUNT, unit="£").show(10_000) == "£10,000"
        assert fact(FactType.AMOUNT).show(10_000) == "10,000"

    def test_uk_amount(self, words):
        """The UK's private earnings read in pounds."""
        assert words.fact("private_earnings").show(10_000) == "£10,000"

    def test_date(self):
        """Dates read in ISO form."""
        assert fact(FactType.DATE).show(D(2024, 1, 2)) == "2024-01-02"

    def test_choice(self, words):
        """A choice reads as its value set's label for it, else as the value."""
        assert fact(FactType.CHOICE).show("general-practice") == "General practice"
        assert fact(FactType.CHOICE).show("obstetrics") == "obstetrics"
        assert words.fact("field").show("obstetrics") == "obstetrics"


class TestFactWords:
    """A fact reads as a label and is asked as a question."""

    def test_label_from_the_name(self):
        """Without a label the name is read with spaces."""
        assert Fact("in_course_of_nhs_employment", FactType.YES_NO).label == (
            "in course of nhs employment"
        )

    def test_question_declared(self):
        """A declared question is asked as it is."""
        assert fact(FactType.YES_NO, question="Is it?").ask() == "Is it?"

    def test_question_from_the_label(self):
        """Without a question one is made from the label."""
        assert fact(FactType.AMOUNT, label="fee").ask() == "What is the fee?"

    def test_words_stripped(self):
        """Label, question and description are stripped of surrounding spaces."""
        made = fact(FactType.YES_NO, label="  on call ", description=" On call. ")
        assert (made.label, made.description) == ("on call", "On call.")

    def test_words_are_strings(self):
        """A label that is not a string is refused."""
        err = refused(Fact, "x", FactType.YES_NO, label=3)
        assert (err.field, err.expected, err.got) == ("Fact.label", "a string", 3)

    def test_claim_date(self):
        """The core's own fact is the claim date, a date with words of its own."""
        assert CLAIM_DATE == "claimed_on"
        assert CLAIM_DATE.type is FactType.DATE
        assert CLAIM_DATE.label == "claim date"
        assert CLAIM_DATE.description.startswith("The date the claim is (or will be) first made")


class TestValueSet:
    """A value set is a named, ordered set of value names, some with labels."""

    def test_find(self):
        """find() forgives case and spacing, and answers None for no value."""
        assert FIELDS.find("General Practice") == "general-practice"
        assert FIELDS.find("cardiology") is None

    def test_label(self):
        """label() gives a value's label, else the value."""
        assert FIELDS.label("general-practice") == "General practice"
        assert FIELDS.label("other") == "other"

    def test_union_adds_at_the_end(self):
        """union() adds the other's new values at the end and keeps this one's labels."""
        more = ValueSet("fields", ("other", "trichology"), {"trichology": "Trichology"})
        joined = FIELDS.union(more)
        assert joined.values == ("general-practice", "obstetrics", "other", "trichology")
        assert dict(joined.labels) == {
            "general-practice": "General practice",
            "trichology": "Trichology",
        }
        assert joined.description == "Fields of medicine."

    def test_union_with_nothing_new(self):
        """union() with nothing new gives this set back."""
        assert FIELDS.union(ValueSet("fields", ("other",))) is FIELDS

    def test_labels_read_only(self):
        """The labels cannot be changed through the set."""
        with pytest.raises(TypeError):
            FIELDS.labels["other"] = "Other"  # type: ignore[index]

    @pytest.mark.parametrize(
        ("values", "field", "expected"),
        [
            ((), "ValueSet.values", "at least one value"),
            (("a", "a"), "ValueSet.values", "values that do not repeat"),
            ("ab", "ValueSet.values", "a list of names"),
            (("A b",), "ValueSet.values[0]", KEBAB),
        ],
    )
    def test_bad_values(self, values, field, expected):
        """Values must be names, at least one, none repeated."""
        err = refused(ValueSet, "fields", values)
        assert (err.field, err.expected) == (field, expected)

    def test_label_of_no_value(self):
        """A label for a value the set lacks is refused with the values."""
        err = refused(ValueSet, "fields", ("a",), {"b": "B"}, error=UnknownNameError)
        assert (err.field, err.expected, err.got) == ("ValueSet.labels['b']", "one of 'a'", "b")

    def test_label_not_a_string(self):
        """A label that is not a string is refused."""
        err = refused(ValueSet, "fields", ("a",), {"a": 3})
        assert (err.field, err.expected) == ("ValueSet.labels['a']", "a string")


class TestKindsMattersPlaces:
    """Kinds, matters and jurisdictions read as prose."""

    def test_kind_label(self):
        """A kind's label defaults to its name with spaces."""
        assert ActivityKind("house-call").label == "house call"
        assert ActivityKind("house-call", label="Home visit").label == "Home visit"

    def test_matter_phrase(self):
        """A matter reads after a verb with an article unless it says otherwise."""
        assert Matter("inquest").phrase == "an inquest"
        assert Matter("complaint").phrase == "a complaint"
        assert Matter("media", label="media attention", phrase="media attention").phrase == (
            "media attention"
        )

    def test_uk_matter_words(self, words):
        """The UK's matters have labels and phrases for explanations."""
        regulatory = words.matter("regulatory")
        assert regulatory.label == "GMC / regulatory investigation"
        assert regulatory.phrase == "a GMC / regulatory investigation"
        assert "gmc" in regulatory.aliases

    def test_matter_scope(self):
        """A matter is personal unless declared corporate or any; the scope may be given by name."""
        assert Matter("inquest").scope is MatterScope.PERSONAL
        assert Matter("cyber", scope="corporate").scope is MatterScope.CORPORATE
        assert Matter("complaint", scope="any").scope is MatterScope.ANY
        assert [s.value for s in MatterScope] == ["personal", "corporate", "any"]

    @pytest.mark.parametrize(
        ("matter", "holder", "meets"),
        [
            ("personal", "personal", True),
            ("personal", "corporate", False),
            ("corporate", "personal", False),
            ("corporate", "corporate", True),
            ("any", "personal", True),
            ("any", "corporate", True),
            ("personal", "any", True),
            ("corporate", "any", True),
        ],
    )
    def test_which_matters_a_holder_faces(self, matter, holder, meets):
        """A person faces personal matters, a body corporate ones, and either faces 'any'."""
        assert MatterScope(matter).meets(MatterScope(holder)) is meets

    def test_unknown_scope(self):
        """An unknown scope is refused with the scopes."""
        err = refused(Matter, "x", scope="company", error=UnknownNameError)
        assert (err.field, err.expected, err.got) == (
            "Matter.scope",
            "one of 'any', 'corporate', 'personal'",
            "company",
        )

    def test_aliases_are_a_list(self):
        """Aliases come as a list of names, not one string."""
        err = refused(Matter, "regulatory", aliases="gmc")
        assert (err.field, err.expected) == ("Matter.aliases", "a list of names")
        assert Jurisdiction("northern-ireland", aliases=["NI"]).aliases == ("NI",)

    def test_jurisdiction_label(self):
        """A jurisdiction's label defaults to its name with spaces."""
        assert Jurisdiction("isle-of-man").label == "isle of man"
        assert Jurisdiction("isle-of-man", label="Isle of Man").label == "Isle of Man"


class TestSource:
    """A source reads as its publisher, title and date: never as the file it was retrieved as."""

    FULL = Source(
        "si-2019-334",
        "The Clinical Negligence Scheme Regulations 2019",
        publisher="UK Parliament",
        published=D(2019, 2, 21),
        reference="SI 2019/334",
        url="https://www.legislation.gov.uk/uksi/2019/334",
        retrieved_as="005_0123456789abcdef.txt",
    )

    def test_str(self):
        """str() shows the publisher, the quoted title, the reference and the date."""
        assert str(self.FULL) == (
            'UK Parliament: "The Clinical Negligence Scheme Regulations 2019" '
            "(SI 2019/334, 21 Feb 2019)"
        )

    def test_str_without_publisher_or_date(self):
        """Missing parts are left out, not shown empty."""
        assert str(Source("a-b", "A title")) == '"A title"'
        assert str(Source("a-b", "A title", published=D(2023, 3, 2))) == '"A title" (2 Mar 2023)'

    def test_never_the_file(self):
        """The file a source was retrieved as, or its URL, never shows."""
        assert "005_" not in str(self.FULL)
        assert ".txt" not in str(self.FULL)

    def test_uk_sources_never_show_their_files(self, words):
        """No UK source shows the file it was retrieved as, though many were."""
        retrieved = [s for s in words.sources if s.retrieved_as]
        assert retrieved
        for source in retrieved:
            assert source.retrieved_as not in str(source)
            assert source.title in str(source)

    def test_title_required(self):
        """A source must have a title."""
        err = refused(Source, "a-b", "  ")
        assert (err.field, err.expected) == ("Source.title", "a non-empty string")

    def test_published_is_a_date(self):
        """A publication date must be a date, not a datetime."""
        err = refused(Source, "a-b", "A title", published=dt.datetime(2023, 3, 2))
        assert (err.field, err.expected) == ("Source.published", "a date or None")


class TestDeclaredOnFirstUse:
    """Value sets, sources and implications, which only a vocabulary declares, are built the
    first time `indemnity.model.terms` is asked for one, and are published there as ever."""

    LASER = Implication("procedure", {"laser"}, "field", {"ophthalmology"}, "src", "quote")

    @staticmethod
    def _run(code):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        return out.stdout.strip().splitlines()

    def test_built_on_first_use_and_their_annotations_resolve(self):
        """The other terms (the core's own facts among them) do not build them; the first name
        read does, through every route; their fields and a fact's resolve for type tools."""
        code = (
            "import sys, typing\n"
            "from indemnity.model import terms\n"
            "loaded = lambda: 'indemnity.model._declared' in sys.modules\n"
            "print(loaded(), terms.CLAIM_DATE.type.value, 'Source' in dir(terms), loaded())\n"
            "hints = typing.get_type_hints(terms.Fact)\n"
            "print(loaded(), hints['values'])\n"
            "from indemnity.model.terms import Implication, Source, ValueSet\n"
            "import indemnity\n"
            "print(indemnity.Source is Source, terms.ValueSet is ValueSet)\n"
            "for cls in (Implication, Source, ValueSet):\n"
            "    hints = typing.get_type_hints(cls)\n"
            "    print(cls.__name__, hints['values' if cls is not Source else 'published'])\n"
        )
        assert self._run(code) == [
            "False date True False",
            "True indemnity.model.terms.ValueSet | None",
            "True True",
            "Implication frozenset[bool | int | datetime.date | str]",
            "Source datetime.date | None",
            "ValueSet tuple[str, ...]",
        ]

    def test_a_choice_needs_a_value_set_before_any_is_made(self):
        """A choice fact given something other than a value set is refused, in a process that
        has made no value set yet (the check loads the class)."""
        code = (
            "from indemnity.model.terms import Fact\n"
            "try:\n"
            "    Fact('field', 'choice', values=('a', 'b'))\n"
            "except Exception as error:\n"
            "    print(type(error).__name__, error.field, error.expected)\n"
        )
        assert self._run(code) == ["InvalidFieldError Fact.values a ValueSet for a choice"]

    @pytest.mark.parametrize("cls", [terms.ValueSet, terms.Source, terms.Implication])
    def test_published_by_the_terms_module(self, cls):
        """Each is named, shown and documented as `indemnity.model.terms`'."""
        assert cls.__module__ == "indemnity.model.terms"
        assert repr(cls) == f"<class 'indemnity.model.terms.{cls.__name__}'>"
        assert cls.__doc__

    @pytest.mark.parametrize(
        "term", [FIELDS, TestSource.FULL, LASER], ids=lambda t: type(t).__name__
    )
    def test_pickled_as_the_terms_module_s(self, term):
        """A pickle names `indemnity.model.terms`, never the private module, and comes back
        equal, with every field."""
        data = pickle.dumps(term)
        assert b"indemnity.model.terms" in data
        assert b"_declared" not in data
        back = pickle.loads(data)  # noqa: S301 - our own bytes
        assert type(back) is type(term)
        if isinstance(term, terms.Term):
            assert back.declaration() == term.declaration()
        else:
            assert attrs.astuple(back) == attrs.astuple(term)

    def test_reprs(self):
        """They read as before: the class name and the fields shown."""
        assert repr(self.LASER) == (
            "Implication(fact='procedure', values=frozenset({'laser'}), then_fact='field',"
            " then_values=frozenset({'ophthalmology'}), source='src', quote='quote')"
        )
        assert repr(ValueSet("sets", ("a",))) == (
            "ValueSet(name='sets', values=('a',), labels=mappingproxy({}), description='')"
        )
        assert repr(TestSource.FULL).startswith("Source(name='si-2019-334', title=")
        assert "retrieved_as" not in repr(TestSource.FULL)

    def test_a_name_the_module_lacks(self):
        """Any other name is missing from the module as ever."""
        with pytest.raises(
            AttributeError, match=r"'indemnity\.model\.terms' has no attribute 'Nope'"
        ):
            _ = terms.Nope


class TestNamesLookup:
    """Names finds terms by name: exact first, then aliases and forgiving spellings."""

    NAMES = Names(["private-practice", "clinical-trial"], [("pp", "private-practice")])

    @pytest.mark.parametrize("text", ["private-practice", "Private Practice", "PP", " pp "])
    def test_find(self, text):
        """Names, loose spellings and aliases are found."""
        assert self.NAMES.find(text) == "private-practice"

    def test_find_nothing(self):
        """find() answers None for no name, or for a value that is not a string."""
        assert self.NAMES.find("surgery") is None
        assert self.NAMES.find(3) is None

    def test_finds_a_term_by_its_name(self):
        """A term is found by its name."""
        kinds = Names([ActivityKind("house-call")], [])
        assert kinds.find(ActivityKind("house-call", label="x")) == "house-call"

    def test_get_unknown(self):
        """get() refuses an unknown name with the choices and the nearest."""
        err = refused(
            self.NAMES.get, "kind", "privat-practice", "activity kind", error=UnknownNameError
        )
        assert (err.field, err.expected) == ("kind", "one of 'clinical-trial', 'private-practice'")
        assert str(err).endswith("did you mean 'private-practice'?")

    def test_get_not_a_string(self):
        """get() refuses a value that is not a name, naming what was wanted."""
        err = refused(self.NAMES.get, "kind", 3, "activity kind")
        assert (err.field, err.expected, err.got) == ("kind", "an activity kind name", 3)

    def test_in_order(self):
        """Names iterate, count and list in declaration order."""
        assert list(self.NAMES) == ["private-practice", "clinical-trial"]
        assert len(self.NAMES) == 2
        assert self.NAMES.names() == ["private-practice", "clinical-trial"]
        assert "clinical trial" in self.NAMES
