"""Tests for `indemnity.model.vocabulary`: lookups, territories, merging and the active vocabulary.

The last class is issue 10's acceptance test: a scheme file declares a fact and a
field of medicine of its own, and a portfolio mixing it with a UK scheme speaks both.
"""

import datetime as dt
import pickle
import textwrap
import threading

import pytest

from indemnity import (
    Activity,
    ActivityKind,
    Fact,
    FactType,
    FileFormatError,
    InvalidFieldError,
    Jurisdiction,
    Matter,
    MatterScope,
    Outcome,
    Portfolio,
    Source,
    UnknownNameError,
    ValueSet,
    Vocabulary,
    active_vocabulary,
    uk,
)
from indemnity.io.documents import load_scheme
from tests.builders import ON, held

P = uk.Place


def refused(call, *args, error=InvalidFieldError, **kwargs):
    """The error `call` raises, checked to be exactly of type `error`."""
    with pytest.raises(InvalidFieldError) as caught:
        call(*args, **kwargs)
    assert type(caught.value) is error
    return caught.value


def assert_suggests(err, field, got, nearest):
    """`err` names `field` and `got`, lists the choices and suggests `nearest`."""
    assert (err.field, err.got) == (field, got)
    assert err.expected.startswith("one of ")
    assert repr(nearest) in err.expected
    assert str(err).endswith(f"did you mean {nearest!r}?")


def tiny(name="tiny", **more):
    """A small vocabulary: one fact, one kind, two places, one matter (the default)."""
    terms = {
        "facts": (Fact("on_call", FactType.YES_NO, label="first words"),),
        "kinds": (ActivityKind("house-call", label="house call"),),
        "jurisdictions": (Jurisdiction("north"), Jurisdiction("south")),
        "territories": {"everywhere": {"north", "south"}},
        "matters": (Matter("claim"),),
        "default_matter": Matter("claim"),
    }
    return Vocabulary(name, **{**terms, **more})


class TestKindLookup:
    """vocab.kind() accepts terms, names and loose spellings."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (uk.KindName.PRIVATE_PRACTICE, "private-practice"),
            ("private-practice", "private-practice"),
            ("Private Practice", "private-practice"),
            ("private_practice", "private-practice"),
            ("PRIVATE_PRACTICE", "private-practice"),
            ("category 2 work", "category-2-work"),
            ("Good Samaritan", "good-samaritan"),
        ],
    )
    def test_spellings(self, words, text, expected):
        """Case, spaces, hyphens and underscores do not matter; the declared term comes back."""
        found = words.kind(text)
        assert isinstance(found, ActivityKind)
        assert found.name == expected
        assert found is words.kind(expected)

    def test_term_passes_through(self, words):
        """A kind term is found as itself."""
        kind = words.kind("clinical-trial")
        assert words.kind(kind) is kind

    def test_unknown_kind(self, words):
        """An unknown kind lists the choices and suggests the closest."""
        err = refused(words.kind, "privat-practice", error=UnknownNameError)
        assert_suggests(err, "kind", "privat-practice", "private-practice")
        assert "'category-2-work'" in err.expected

    def test_non_string(self, words):
        """A value that is not a name is refused with its type, not as an unknown name."""
        err = refused(words.kind, 7)
        assert (err.field, err.expected, err.got) == ("kind", "an activity kind name", 7)


class TestFactLookup:
    """vocab.fact() accepts terms and names, with hyphens or spaces."""

    @pytest.mark.parametrize(
        "text",
        ["official_rotation", "official-rotation", "Official Rotation", " OFFICIAL_ROTATION "],
    )
    def test_spellings(self, words, text):
        """A fact is found whatever the case and separators."""
        assert words.fact(text) is words.fact("official_rotation")

    def test_term_and_typed_name(self, words):
        """A Fact term and the UK's typed name find the same fact."""
        declared = words.fact("declared")
        assert words.fact(declared) is declared
        assert words.fact(uk.FactName.DECLARED) is declared

    def test_unknown(self, words):
        """An unknown fact name is refused with a suggestion."""
        err = refused(words.fact, "supervise", error=UnknownNameError)
        assert_suggests(err, "fact", "supervise", "supervised")
        assert "'by_employee'" in err.expected

    def test_non_string(self, words):
        """A value that is not a name is refused with its type."""
        err = refused(words.fact, None)
        assert (err.field, err.expected, err.got) == ("fact", "a fact name", None)

    def test_check(self, words):
        """check() puts a value in the canonical form of the fact it names, or refuses it."""
        assert words.check("field", "General Practice", "f") == "general-practice"
        err = refused(words.check, "supervised", "yes", "f")
        assert (err.field, err.expected) == ("f", "yes or no (true or false)")

    def test_describe_fact(self, words):
        """describe_fact() gives a fact's name, type and values in one line."""
        assert words.describe_fact("supervised") == "supervised: yes-no"
        assert words.describe_fact("engaged_by").startswith("engaged_by: one of nhs-body, ")


class TestJurisdictionLookup:
    """vocab.jurisdiction() accepts terms, names, loose spellings and abbreviations."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (P.ENGLAND, "england"),
            ("england", "england"),
            ("England", "england"),
            ("  WALES ", "wales"),
            ("Northern Ireland", "northern-ireland"),
            ("northern_ireland", "northern-ireland"),
            ("northern-ireland", "northern-ireland"),
            ("NORTHERN  IRELAND", "northern-ireland"),
            ("Isle of Man", "isle-of-man"),
            ("isle_of_man", "isle-of-man"),
            ("overseas", "overseas"),
        ],
    )
    def test_loose_spellings(self, words, text, expected):
        """Case, spaces, hyphens and underscores do not matter."""
        assert words.jurisdiction(text) is words.jurisdiction(expected)
        assert words.jurisdiction(text).name == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [("NI", "northern-ireland"), ("ni", "northern-ireland"), ("IoM", "isle-of-man")],
    )
    def test_abbreviations(self, words, text, expected):
        """NI and IoM, declared as aliases, are understood in any case."""
        assert words.jurisdiction(text).name == expected
        assert words.jurisdiction(f" {text} ").name == expected

    def test_unknown_name_suggests_closest(self, words):
        """A misspelling is an UnknownNameError listing the choices and suggesting one."""
        err = refused(words.jurisdiction, "Englnd", error=UnknownNameError)
        assert_suggests(err, "jurisdiction", "Englnd", "england")
        assert err.expected == (
            "one of 'england', 'guernsey', 'isle-of-man', 'jersey', 'northern-ireland', "
            "'overseas', 'scotland', 'wales'"
        )

    def test_territory_name_is_not_a_jurisdiction(self, words):
        """'uk' names a territory, not a jurisdiction: the lookup refuses it."""
        err = refused(words.jurisdiction, "uk", error=UnknownNameError)
        assert (err.field, err.got) == ("jurisdiction", "uk")

    def test_field_name_is_used(self, words):
        """The caller's field name is the error's field."""
        err = refused(words.jurisdiction, "Scotlnd", "Cover.territory[2]", error=UnknownNameError)
        assert err.field == "Cover.territory[2]"

    @pytest.mark.parametrize("value", [None, 3, b"england", ["england"]])
    def test_non_string_refused(self, words, value):
        """A value that is not a name is an InvalidFieldError, not an unknown name."""
        err = refused(words.jurisdiction, value)
        assert (err.field, err.expected, err.got) == ("jurisdiction", "a jurisdiction name", value)


class TestOtherLookups:
    """Matters, sources and value sets are looked up the same way."""

    def test_matter_by_alias(self, words):
        """A matter is found by an alias such as 'gmc', in any case."""
        assert words.matter("gmc") is words.matter("regulatory")
        assert words.matter("GMC").name == "regulatory"

    def test_unknown_matter(self, words):
        """An unknown matter is refused with a suggestion."""
        err = refused(words.matter, "inqest", error=UnknownNameError)
        assert_suggests(err, "matter", "inqest", "inquest")

    def test_source(self, words):
        """A source is found by its id; a near miss is refused with a suggestion."""
        assert isinstance(words.source("mps-imgs-2023"), Source)
        err = refused(words.source, "mps-imgs-2032", error=UnknownNameError)
        assert_suggests(err, "source", "mps-imgs-2032", "mps-imgs-2023")

    def test_value_set(self, words):
        """A value set is found by its name; its values are the UK's typed names."""
        fields = words.value_set("fields")
        assert set(fields.values) == set(uk.Field)
        assert words.fact("field").values is fields
        err = refused(words.value_set, "fieldz", error=UnknownNameError)
        assert_suggests(err, "value set", "fieldz", "fields")

    def test_empty_vocabulary_declares_none(self):
        """A vocabulary without kinds says so rather than list no choices."""
        err = refused(Vocabulary("empty").kind, "private-practice", error=UnknownNameError)
        assert (err.field, err.got) == ("kind", "private-practice")
        assert err.expected == "an activity kind (the vocabulary declares none)"

    def test_contains_terms(self):
        """`in` asks whether the vocabulary declares a term of that class and name."""
        words = tiny()
        assert Fact("on_call", FactType.YES_NO) in words
        assert ActivityKind("house-call") in words
        assert Matter("claim") in words
        assert Jurisdiction("north") in words
        assert Jurisdiction("east") not in words
        assert ActivityKind("on-call") not in words


class TestUkDeclarations:
    """The UK vocabulary declares what the typed names in `indemnity.uk` spell."""

    def test_every_fact_is_described(self, words):
        """Each UK fact has a label, a question and a description."""
        for fact in words.facts:
            assert fact.label, fact.name
            assert fact.question, fact.name
            assert fact.description, fact.name

    def test_typed_names_match(self, words):
        """Facts, kinds, matters and places are those the UK's enumerations name."""
        assert {f.name for f in words.facts} == set(uk.FactName)
        assert {k.name for k in words.kinds} == set(uk.KindName)
        assert {m.name for m in words.matters} == set(uk.MatterName)
        assert {j.name for j in words.jurisdictions} == set(uk.Place)

    def test_default_matter(self, words):
        """A question naming no matter asks about a clinical negligence claim."""
        assert words.default_matter == "clinical-negligence"

    def test_every_place_has_a_label(self, words):
        """Places read as prose."""
        labels = {j.name: j.label for j in words.jurisdictions}
        assert labels["northern-ireland"] == "Northern Ireland"
        assert labels["isle-of-man"] == "Isle of Man"
        assert labels["england"] == "England"
        assert all(labels.values())

    def test_corporate_matters(self, words):
        """Some matters are faced by a body, some by a person, some by either."""
        scopes = {m.scope for m in words.matters}
        assert scopes == {MatterScope.PERSONAL, MatterScope.CORPORATE, MatterScope.ANY}
        assert words.matter("clinical-negligence").scope is MatterScope.ANY
        assert words.matter("inquest").scope is MatterScope.PERSONAL
        assert words.matter("coroners-inquest-costs").scope is MatterScope.CORPORATE


class TestNamedTerritories:
    """The UK's named territories hold what their names say."""

    def test_great_britain(self):
        """Great Britain is England, Wales and Scotland."""
        assert {P.ENGLAND, P.WALES, P.SCOTLAND} == uk.GREAT_BRITAIN

    def test_uk(self):
        """The UK is Great Britain and Northern Ireland, nothing else."""
        assert uk.GREAT_BRITAIN | {P.NORTHERN_IRELAND} == uk.UK
        assert len(uk.UK) == 4

    def test_crown_dependencies_are_not_in_the_uk(self):
        """The Isle of Man, Jersey and Guernsey are outside the UK."""
        assert {P.ISLE_OF_MAN, P.JERSEY, P.GUERNSEY} == uk.CROWN_DEPENDENCIES
        assert not (uk.CROWN_DEPENDENCIES & uk.UK)

    def test_british_isles(self):
        """The British Isles are the UK and the Crown Dependencies, not overseas."""
        assert uk.BRITISH_ISLES == uk.UK | uk.CROWN_DEPENDENCIES
        assert P.OVERSEAS not in uk.BRITISH_ISLES

    def test_worldwide_has_everything(self, words):
        """WORLDWIDE holds every jurisdiction, overseas included."""
        assert frozenset(words.jurisdictions) == uk.WORLDWIDE
        assert P.OVERSEAS in uk.WORLDWIDE

    def test_territories_are_frozensets_of_jurisdictions(self, words):
        """Every named territory is an immutable frozenset of the vocabulary's places."""
        for name, members in words.territories.items():
            assert isinstance(members, frozenset), name
            assert all(isinstance(j, Jurisdiction) for j in members), name
            assert all(words.jurisdiction(j.name) is j for j in members), name

    def test_territories_by_name(self, words):
        """The vocabulary's territories are the UK's named sets, by name."""
        assert dict(words.territories) == {
            "great-britain": uk.GREAT_BRITAIN,
            "uk": uk.UK,
            "crown-dependencies": uk.CROWN_DEPENDENCIES,
            "british-isles": uk.BRITISH_ISLES,
            "worldwide": uk.WORLDWIDE,
        }

    def test_territory_names_do_not_clash_with_jurisdictions(self, words):
        """No territory name is also a jurisdiction's name."""
        assert not set(words.territories) & {j.name for j in words.jurisdictions}

    def test_territory_name(self, words):
        """A set of places reads as its territory's name, else as the places listed."""
        assert words.territory_name(uk.UK) == "uk"
        assert words.territory_name({P.WALES, P.ENGLAND}) == "england, wales"


class TestTerritory:
    """vocab.territory() builds a set of places from places, names and territory names."""

    def test_jurisdictions(self, words):
        """Terms are taken as they are."""
        england, wales = words.jurisdiction("england"), words.jurisdiction("wales")
        assert words.territory(england, wales) == frozenset({england, wales})

    def test_names(self, words):
        """Jurisdiction names, loose spellings and abbreviations are read."""
        assert words.territory("England", "NI", "isle_of_man") == frozenset(
            {P.ENGLAND, P.NORTHERN_IRELAND, P.ISLE_OF_MAN}
        )

    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("uk", uk.UK),
            ("UK", uk.UK),
            ("Great Britain", uk.GREAT_BRITAIN),
            ("great_britain", uk.GREAT_BRITAIN),
            ("crown dependencies", uk.CROWN_DEPENDENCIES),
            ("British-Isles", uk.BRITISH_ISLES),
            ("worldwide", uk.WORLDWIDE),
        ],
    )
    def test_territory_names(self, words, name, expected):
        """A territory name expands to its jurisdictions, whatever the spelling."""
        assert words.territory(name) == expected

    def test_mixed(self, words):
        """Territory names and jurisdictions combine."""
        assert words.territory("uk", "isle of man") == uk.UK | {P.ISLE_OF_MAN}

    def test_nested_collections(self, words):
        """Sets, frozensets, lists and tuples of names are flattened one level."""
        assert words.territory(uk.GREAT_BRITAIN, ["ni"], ("jersey",), {"guernsey"}) == (
            uk.UK | {P.JERSEY, P.GUERNSEY}
        )

    def test_territory_name_inside_a_collection(self, words):
        """A territory name inside a list expands too."""
        assert words.territory(["uk", "jersey"]) == uk.UK | {P.JERSEY}

    def test_duplicates_collapse(self, words):
        """Naming a jurisdiction twice gives it once."""
        assert words.territory("england", P.ENGLAND, "uk") == uk.UK

    def test_empty(self, words):
        """No names give the empty territory."""
        assert words.territory() == frozenset()

    def test_result_is_a_frozenset_of_terms(self, words):
        """The result is immutable and holds the vocabulary's Jurisdiction terms."""
        found = words.territory("uk")
        assert isinstance(found, frozenset)
        assert all(isinstance(j, Jurisdiction) for j in found)

    def test_unknown_name_suggests_from_both_lists(self, words):
        """An unknown name is refused by position; choices include territory names."""
        err = refused(words.territory, "uk", "wrldwide", error=UnknownNameError)
        assert_suggests(err, "territory[1]", "wrldwide", "worldwide")
        assert "'british-isles'" in err.expected
        assert "'england'" in err.expected

    def test_custom_field(self, words):
        """The caller's field name is used, with the position."""
        err = refused(words.territory, "englnd", field="Cover.territory", error=UnknownNameError)
        assert err.field == "Cover.territory[0]"

    @pytest.mark.parametrize("value", [None, 3, {"uk": 1}])
    def test_wrong_type_refused(self, words, value):
        """An argument that is neither a name nor a collection is refused with its type."""
        err = refused(words.territory, value)
        assert (err.field, err.expected, err.got) == (
            "territory[0]",
            "a jurisdiction or territory name",
            value,
        )

    def test_wrong_type_inside_a_collection(self, words):
        """A non-name inside a collection is refused by its position."""
        err = refused(words.territory, ["england", 3])
        assert (err.field, err.expected, err.got) == (
            "territory[1]",
            "a jurisdiction or territory name",
            3,
        )


class TestConstruction:
    """A vocabulary is checked when it is built."""

    def test_term_declared_twice(self):
        """A name declared twice is refused by its position."""
        err = refused(Vocabulary, "x", kinds=(ActivityKind("a"), ActivityKind("a")))
        assert (err.field, err.expected, err.got) == (
            "Vocabulary.kinds[1]",
            "an activity kind declared once",
            "a",
        )

    def test_term_of_the_wrong_class(self):
        """A kind given as a plain name is refused: declarations are terms."""
        err = refused(Vocabulary, "x", kinds=("house-call",))
        assert (err.field, err.expected) == ("Vocabulary.kinds[0]", "an ActivityKind")

    def test_fact_value_set_must_be_declared(self):
        """A choice fact's value set must be one the vocabulary declares, as declared."""
        fields = ValueSet("fields", ("a", "b"))
        choice = Fact("field", FactType.CHOICE, values=fields)
        err = refused(Vocabulary, "x", facts=(choice,))
        assert (err.field, err.expected, err.got) == (
            "Vocabulary.facts[0].values",
            "a value set declared in the vocabulary",
            "fields",
        )
        other = ValueSet("fields", ("a",))
        assert refused(Vocabulary, "x", facts=(choice,), value_sets=(other,)).field == (
            "Vocabulary.facts[0].values"
        )
        assert Vocabulary("x", facts=(choice,), value_sets=(fields,)).fact("field") is choice

    def test_territory_member_must_be_declared(self):
        """A territory's places must be the vocabulary's, with a suggestion."""
        err = refused(
            Vocabulary,
            "x",
            jurisdictions=(Jurisdiction("england"),),
            territories={"uk": {"england", "wales"}},
            error=UnknownNameError,
        )
        assert (err.field, err.got) == ("Vocabulary.territories['uk']", "wales")

    def test_territory_members_become_terms(self):
        """Territory members given by name are held as the declared Jurisdiction terms."""
        (north,) = [j for j in tiny().territories["everywhere"] if j == "north"]
        assert isinstance(north, Jurisdiction)

    def test_default_matter_must_be_declared(self):
        """The default matter must be one of the vocabulary's matters."""
        err = refused(
            Vocabulary, "x", matters=(Matter("inquest"),), default_matter=Matter("complaint")
        )
        assert (err.field, err.expected) == (
            "Vocabulary.default_matter",
            "a matter of the vocabulary",
        )

    def test_pickles(self, words):
        """A vocabulary survives pickling, and answers the same lookups."""
        back = pickle.loads(pickle.dumps(words))  # noqa: S301 - our own bytes
        assert back.fact("field").values.values == words.fact("field").values.values
        assert back.territory("uk") == words.territory("uk")


class TestMerge:
    """`v | w` is a vocabulary declaring what both declare."""

    def test_adds_terms(self, words):
        """Terms of either side are declared by the merge; the first side's come first."""
        merged = words | tiny()
        assert merged.kind("house-call").label == "house call"
        assert merged.kind("private-practice") is words.kind("private-practice")
        assert [f.name for f in merged.facts][: len(words.facts)] == [f.name for f in words.facts]
        assert merged.territory("everywhere") == {"north", "south"}

    def test_value_sets_join(self, words):
        """A value set declared on both sides joins its values, and its facts see them all."""
        more = ValueSet("fields", ("trichology", "dermatology"), {"trichology": "Trichology"})
        merged = words | Vocabulary("more", value_sets=(more,))
        values = merged.value_set("fields").values
        assert values[: len(words.value_set("fields").values)] == words.value_set("fields").values
        assert values[-1] == "trichology"
        assert values.count("dermatology") == 1
        assert merged.fact("field").values is merged.value_set("fields")
        assert merged.fact("field").check("Trichology", "f") == "trichology"
        assert merged.fact("field").show("trichology") == "Trichology"

    def test_fact_declared_again_alike(self):
        """A fact both declare with one type keeps the first declaration's words."""
        again = Vocabulary("b", facts=(Fact("on_call", FactType.YES_NO, label="other words"),))
        assert (tiny() | again).fact("on_call").label == "first words"

    def test_fact_of_another_type_refused(self):
        """A fact both declare with different types is refused, naming the fact."""
        number = Vocabulary("b", facts=(Fact("on_call", FactType.WHOLE_NUMBER),))
        err = refused(tiny().merge, number)
        assert (err.field, err.expected, err.got) == (
            "Vocabulary.facts['on_call']",
            "the type yes-no, as declared already",
            "whole-number",
        )

    def test_conflicting_declaration_refused(self):
        """A kind both declare differently is refused, naming the kind."""
        other = Vocabulary("b", kinds=(ActivityKind("house-call", label="visit"),))
        err = refused(tiny().merge, other)
        assert err.field == "Vocabulary.kinds['house-call']"
        assert err.expected.startswith("the same declaration in both vocabularies")
        assert err.got == ActivityKind("house-call", label="visit")

    def test_conflicting_territory_refused(self):
        """A territory both name with different places is refused, naming it."""
        other = tiny("b", territories={"everywhere": {"north"}})
        err = refused(tiny().merge, other)
        assert (err.field, err.expected, err.got) == (
            "Vocabulary.territories['everywhere']",
            "the same jurisdictions in both vocabularies",
            ["north"],
        )

    def test_names(self):
        """The merge is called after both, once if they share a name, or as told."""
        assert (tiny("a") | tiny("b")).name == "a+b"
        assert (tiny("a") | tiny("a")).name == "a"
        assert tiny("a").merge(tiny("b"), name="c").name == "c"

    def test_default_matter(self):
        """The first side's default matter wins; else the second's."""
        other = Vocabulary("b", matters=(Matter("inquest"),), default_matter=Matter("inquest"))
        assert (tiny() | other).default_matter == "claim"
        assert (other | tiny()).default_matter == "inquest"
        assert (Vocabulary("bare") | tiny()).default_matter == "claim"

    def test_with_itself(self):
        """Merging a vocabulary with itself gives it back."""
        words = tiny()
        assert words.merge(words) is words

    def test_only_with_a_vocabulary(self):
        """`|` with something else is a TypeError, as for any operator."""
        with pytest.raises(TypeError):
            _ = tiny() | {"facts": ()}


class TestActive:
    """`using()` and `active_vocabulary()` choose the words where none is given."""

    def test_uk_by_default(self, words):
        """With no block open the package default, the UK vocabulary, is active."""
        assert active_vocabulary() is words

    def test_using(self, words):
        """Inside `using()` the vocabulary is active, and yielded; after it the default is back."""
        mine = tiny()
        with mine.using() as active:
            assert active is mine
            assert active_vocabulary() is mine
            assert Activity.of("house-call", on_call=True).vocabulary is mine
        assert active_vocabulary() is words

    def test_nested(self):
        """The innermost block wins, and each exit restores the one outside it."""
        outer, inner = tiny("outer"), tiny("inner")
        with outer.using():
            with inner.using():
                assert active_vocabulary() is inner
            assert active_vocabulary() is outer

    def test_restored_after_an_error(self, words):
        """An error inside the block still restores the vocabulary outside it."""
        with pytest.raises(UnknownNameError), tiny().using():
            Activity.of("private-practice")
        assert active_vocabulary() is words

    def test_other_threads_keep_theirs(self, words):
        """A block in one thread does not change the vocabulary another thread sees."""
        seen = []
        with tiny().using():
            worker = threading.Thread(target=lambda: seen.append(active_vocabulary()))
            worker.start()
            worker.join()
        assert seen == [words]


SCHEME_FILE = textwrap.dedent(
    """\
    kind = "scheme"
    version = 1

    [vocabulary.facts.hair_restoration]
    type = "yes-no"
    label = "hair restoration"
    question = "Is the work hair restoration (transplants, scalp treatment)?"
    description = "The work restores hair: transplants or scalp treatment."

    [vocabulary.value_sets.fields]
    values = ["trichology"]

    [scheme]
    key = "trichology-cover"
    name = "Trichology practitioners' cover"
    operator = "A trichology insurer"
    kind = "contractual-insurance"
    basis = "occurrence"
    source = { source = "mps-imgs-2023", quote = "clinical negligence claims" }

    [[scheme.covers]]
    name = "hair restoration"
    matters = ["clinical-negligence"]
    activities = ["private-practice"]
    territory = ["uk"]
    source = { source = "mps-imgs-2023", quote = "clinical negligence claims" }

    [[scheme.covers.requires]]
    condition = { is = { fact = "field", value = "trichology" } }
    reason = "the work is trichology"
    source = { source = "mps-imgs-2023", quote = "clinical negligence claims" }

    [[scheme.covers.requires]]
    condition = { is = { fact = "hair_restoration", value = true } }
    reason = "the work is hair restoration"
    source = { source = "mps-imgs-2023", quote = "clinical negligence claims" }
    """
)


class TestSchemeFileVocabulary:
    """A scheme file declares a fact and a field of its own; a portfolio with the UK's speaks both.

    Issue 10's acceptance test: the trichology scheme below is a file, loaded by
    `load_scheme` and held beside the MDU's UK membership.
    """

    @pytest.fixture
    def portfolio(self, tmp_path):
        """The trichology scheme from its file and MDU membership, both held since 2024."""
        path = tmp_path / "trichology.toml"
        path.write_text(SCHEME_FILE, encoding="utf-8")
        own = load_scheme(path)
        return Portfolio(
            [held(own, dt.date(2024, 1, 1)), held(uk.scheme("mdu"), dt.date(2024, 1, 1))]
        )

    def ask(self, portfolio, **facts):
        """The portfolio's answer for private trichology in England with `facts`."""
        work = Activity.of(
            "private-practice", vocabulary=portfolio.vocabulary, field="trichology", **facts
        )
        return portfolio.is_covered(work, ON, "england")

    def test_portfolio_speaks_both(self, portfolio, words):
        """The portfolio's vocabulary has the file's fact and value and every UK word."""
        mine = portfolio.vocabulary
        fact = mine.fact("hair_restoration")
        assert (fact.type, fact.label) == (FactType.YES_NO, "hair restoration")
        assert "trichology" in mine.fact("field").values.values
        assert {f.name for f in words.facts} < {f.name for f in mine.facts}
        assert "trichology" not in words.fact("field").values.values
        assert "hair_restoration" not in {f.name for f in words.facts}

    def test_covered(self, portfolio):
        """Hair restoration is covered by the file's scheme."""
        decision = self.ask(portfolio, hair_restoration=True)
        assert decision.outcome is Outcome.COVERED
        assert [g.scheme for g in decision.grounds] == ["trichology-cover"]

    def test_not_covered(self, portfolio):
        """Other trichology, undeclared to the MDU, is covered by neither."""
        decision = self.ask(portfolio, hair_restoration=False, declared=False)
        assert decision.outcome is Outcome.NOT_COVERED
        assert decision.missing == frozenset()

    def test_undetermined_names_the_fact(self, portfolio):
        """Not knowing whether it is hair restoration leaves it open, naming that fact."""
        decision = self.ask(portfolio, declared=False)
        assert decision.outcome is Outcome.UNDETERMINED
        assert decision.missing == {"hair_restoration"}
        (fact,) = decision.missing
        assert fact.question == "Is the work hair restoration (transplants, scalp treatment)?"
        assert (
            "  * hair_restoration: The work restores hair: transplants or scalp treatment."
            in decision.explain().splitlines()
        )

    def test_misspelt_fact(self, portfolio):
        """A misspelt fact is refused with the nearest name, the file's own fact among them."""
        err = refused(
            Activity.of,
            "private-practice",
            vocabulary=portfolio.vocabulary,
            hair_restoraton=True,
            error=UnknownNameError,
        )
        assert_suggests(err, "Activity.facts", "hair_restoraton", "hair_restoration")

    def test_misspelt_value(self, portfolio):
        """A misspelt field is refused with the nearest value, the file's own among them."""
        err = refused(
            Activity.of,
            "private-practice",
            vocabulary=portfolio.vocabulary,
            field="tricology",
            error=UnknownNameError,
        )
        assert_suggests(err, "Activity.facts.field", "tricology", "trichology")

    def test_uk_words_alone_do_not_know_them(self, portfolio):
        """Without the portfolio's vocabulary the file's words are unknown: UK names only."""
        with pytest.raises(UnknownNameError):
            Activity.of("private-practice", field="trichology")
        with pytest.raises(UnknownNameError):
            Activity.of("private-practice", hair_restoration=True)

    def test_misspelt_in_the_file(self, tmp_path):
        """A rule in the file naming a misspelt fact is refused at load, with a suggestion."""
        path = tmp_path / "typo.toml"
        typo = 'condition = { is = { fact = "hair_restoraton", value = true } }'
        path.write_text(
            SCHEME_FILE.replace(
                'condition = { is = { fact = "hair_restoration", value = true } }', typo
            ),
            encoding="utf-8",
        )
        with pytest.raises(FileFormatError) as caught:
            load_scheme(path)
        assert caught.value.field.endswith("requires[1].condition.is.fact")
        assert "did you mean 'hair_restoration'?" in str(caught.value)
