"""Documents: schemes, portfolios, decisions and catalogues as JSON, TOML and YAML files."""

from __future__ import annotations

import copy
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from indemnity import (
    Activity,
    DataError,
    Decision,
    FileFormatError,
    IndemnityError,
    InvalidFieldError,
    Is,
    KindIn,
    MembershipPeriod,
    Period,
    Portfolio,
    Scheme,
    UnknownNameError,
    Vocabulary,
    load,
    save,
    uk,
)
from indemnity.io import toml_writer
from indemnity.io.codec import to_data
from indemnity.io.documents import (
    FORMAT_VERSION,
    Catalogue,
    default_catalogue,
    dumps,
    from_document,
    load_catalogue,
    load_decision,
    load_portfolio,
    load_scheme,
    loads,
    to_document,
    write_text,
)
from indemnity.io.parse import parse_document
from tests import builders
from tests.builders import D
from tests.strategies import (
    document_objects,
    exclusions,
    file_schemes,
    json_values,
    vocabularies,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "indemnity" / "uk" / "data"
FORMATS = ["json", "toml", "yaml"]
PEOPLE_FILES = sorted((DATA / "people").glob("*.toml"))
DATA_FILES = sorted(DATA.rglob("*.toml"))
CITE = builders.cite("a quote")
CATALOGUE_KEYS = ("name", "vocabulary", "sources", "exclusions", "schemes")


def _scheme(key: str = "my-mdo") -> Scheme:
    cover = builders.cover(
        "private practice", activities=("private-practice",), territory=("england",), source=CITE
    )
    return builders.scheme(key, covers=(cover,), name="My MDO", operator="Someone", source=CITE)


def _portfolio_text(memberships: str) -> str:
    return f'kind = "portfolio"\nversion = 1\n\n[portfolio]\nholder = "Dr A"\n{memberships}'


MEMBERSHIPS = """
[[portfolio.memberships]]
scheme = "cnst"
period = { start = 2019-08-07 }

[[portfolio.memberships]]
scheme = "mdu"
period = { start = 2019-08-07 }

[[portfolio.memberships]]
scheme = "mddus"
period = { start = 2020-01-01, end = 2019-01-01 }
"""


def _declarations(words: Vocabulary) -> tuple[object, ...]:
    """Everything a vocabulary declares, in order; sources as written (sorted, no file name)."""
    terms = tuple(
        tuple(t.declaration() for t in getattr(words, field))
        for field in ("facts", "value_sets", "kinds", "matters", "jurisdictions")
    )
    sources = sorted(s.declaration()[:-1] for s in words.sources)
    territories = {k: frozenset(map(str, v)) for k, v in words.territories.items()}
    return (*terms, sources, territories, words.default_matter and words.default_matter.name)


def _catalogue_of(catalogue: Catalogue) -> tuple[object, ...]:
    """What a catalogue holds, for comparing two (a catalogue compares by identity)."""
    return (
        catalogue.name,
        list(catalogue.schemes.items()),
        dict(catalogue.exclusions),
        _declarations(catalogue.vocabulary),
    )


def _expected(obj: object) -> object:
    """What loading a saved object gives back, comparably."""
    return _catalogue_of(obj) if isinstance(obj, Catalogue) else obj


@st.composite
def catalogues(draw: st.DrawFn) -> Catalogue:
    """A catalogue: the UK words and maybe more, a few schemes, and maybe shared exclusions."""
    words = uk.vocabulary()
    if draw(st.booleans()):
        words = words | draw(vocabularies(uk_words=False))
    held = draw(st.lists(file_schemes(), max_size=3, unique_by=lambda s: s.key))
    shared = draw(st.dictionaries(st.sampled_from(["gs", "undeclared"]), exclusions, max_size=2))
    name = draw(st.sampled_from(["uk", "mine", "trust-schemes"]))
    return Catalogue(name, words, {s.key: s for s in held}, shared)


def document_kinds() -> st.SearchStrategy[object]:
    """Anything `save` writes: a scheme, a portfolio, a decision or a catalogue."""
    return document_objects() | catalogues()


class TestRoundTrip:
    """Saving then loading gives back an equal object, in every format."""

    @given(obj=document_kinds(), fmt=st.sampled_from(FORMATS))
    def test_saving_then_loading_gives_back_an_equal_object(self, obj, fmt):
        """loads(dumps(x)) == x for schemes, portfolios, decisions and catalogues."""
        assert _expected(loads(dumps(obj, fmt), fmt)) == _expected(obj)

    @given(obj=document_kinds())
    def test_the_three_formats_hold_the_same_document(self, obj):
        """JSON, TOML and YAML files of one object parse to the same data (TOML drops nulls)."""
        documents = [parse_document(dumps(obj, fmt), fmt) for fmt in FORMATS]
        assert documents[0] == documents[2]
        assert _without_nulls(documents[0]) == documents[1]

    @pytest.mark.parametrize("suffix", [".json", ".toml", ".yaml", ".yml"])
    def test_save_and_load_through_a_file(self, tmp_path, suffix):
        """save writes the format its suffix names, and load reads it back equal."""
        portfolio = load_portfolio(PEOPLE_FILES[0])
        path = save(portfolio, tmp_path / f"p{suffix}")
        assert path.exists()
        assert load(path) == portfolio

    @pytest.mark.parametrize("suffix", [".json", ".toml", ".yaml"])
    def test_a_catalogue_saves_and_loads_through_a_file(self, tmp_path, suffix):
        """A catalogue saved to a file loads back as a catalogue holding the same."""
        shared = builders.exclusion(KindIn(frozenset({"good-samaritan"})), source=CITE)
        catalogue = Catalogue("mine", uk.vocabulary(), {"my-mdo": _scheme()}, {"gs": shared})
        path = save(catalogue, tmp_path / f"c{suffix}")
        assert _catalogue_of(load(path)) == _catalogue_of(catalogue)

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_the_uk_catalogue_survives_every_format(self, fmt):
        """The UK catalogue, written whole (on an empty catalogue), reads back the same."""
        catalogue = uk.catalogue()
        empty = Catalogue.empty()
        back = loads(dumps(catalogue, fmt, catalogue=empty), fmt, catalogue=empty)
        assert _catalogue_of(back) == _catalogue_of(catalogue)

    def test_the_uk_catalogue_on_itself_declares_no_words(self):
        """Written for readers who know the UK catalogue, it repeats no word and no source."""
        document = to_document(uk.catalogue())
        assert list(document) == ["kind", "version", "name", "parameters", "schemes"]
        assert [s["key"] for s in document["schemes"]] == list(uk.schemes())

    def test_catalogue_schemes_are_named_by_key(self):
        """A membership of a built-in scheme is written as its key, with no copy of the scheme."""
        portfolio = Portfolio((MembershipPeriod(uk.scheme("cnst"), Period(D(2020, 1, 1))),))
        document = to_document(portfolio)
        assert document["portfolio"]["memberships"][0]["scheme"] == "cnst"
        assert "schemes" not in document

    def test_own_schemes_are_written_once_in_the_schemes_list(self):
        """A scheme not in the catalogue goes once into `schemes`; memberships name its key."""
        mine = _scheme()
        portfolio = builders.portfolio(
            builders.held(mine, D(2020, 1, 1), D(2021, 1, 1)),
            builders.held(mine, D(2022, 1, 1)),
        )
        document = to_document(portfolio)
        assert [m["scheme"] for m in document["portfolio"]["memberships"]] == ["my-mdo"] * 2
        assert [s["key"] for s in document["schemes"]] == ["my-mdo"]
        assert loads(dumps(portfolio, "toml"), "toml") == portfolio

    def test_a_changed_catalogue_scheme_is_not_mistaken_for_the_original(self):
        """A scheme with a catalogue key but other rules keeps its own rules through a file."""
        changed = _scheme("cnst")
        portfolio = builders.portfolio(
            builders.held(uk.scheme("cnst"), D(2020, 1, 1)),
            builders.held(changed, D(2020, 1, 1)),
        )
        back = loads(dumps(portfolio))
        assert back == portfolio
        assert {m.scheme for m in back} == {uk.scheme("cnst"), changed}

    def test_a_catalogue_of_no_schemes_writes_every_scheme(self):
        """With a catalogue of words but no schemes, the file carries every scheme."""
        words_only = Catalogue("uk-words", uk.vocabulary())
        portfolio = load_portfolio(PEOPLE_FILES[0])
        document = to_document(portfolio, catalogue=words_only)
        assert {s["key"] for s in document["schemes"]} == {m.scheme.key for m in portfolio}
        assert "vocabulary" not in document
        assert loads(json.dumps(document), catalogue=words_only) == portfolio

    def test_an_empty_catalogue_writes_the_words_too(self):
        """With the empty catalogue nothing is assumed known: the file declares its words."""
        empty = Catalogue.empty()
        portfolio = load_portfolio(PEOPLE_FILES[0])
        document = to_document(portfolio, catalogue=empty)
        assert {"vocabulary", "sources", "schemes"} <= set(document)
        assert loads(json.dumps(document), catalogue=empty) == portfolio

    def test_a_decision_loads_as_the_decision_it_records(self, tmp_path):
        """A decision file gives back an equal `Decision`, nulls restored even from TOML."""
        portfolio = load_portfolio(DATA / "people" / "provider.toml")
        decision = portfolio.is_covered(
            Activity.of("healthcare-services", by_employee=True, malicious=False),
            D(2022, 6, 15),
            "england",
            matter="defamation",
        )
        path = save(decision, tmp_path / "decision.toml")
        assert "null" not in path.read_text(encoding="utf-8")
        back = load_decision(path)
        assert isinstance(back, Decision)
        assert back == decision
        assert back.question.claimed_on is None

    def test_dumps_ends_with_a_newline_in_every_format(self):
        """Every format's text ends with exactly one newline, as text files should."""
        for fmt in FORMATS:
            text = dumps(_scheme(), fmt)
            assert text.endswith("\n")
            assert not text.endswith("\n\n")


def _without_nulls(data: object) -> object:
    if isinstance(data, dict):
        return {k: _without_nulls(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [_without_nulls(v) for v in data]
    return data


class TestOwnTables:
    """A document may declare its own words, sources and shared exclusions."""

    @staticmethod
    def _acme() -> dict[str, object]:
        """A scheme document that declares a fact, a kind and a source of its own."""
        scheme = to_data(_scheme("acme"))
        scheme["source"] = {"source": "acme-2024"}
        cover = scheme["covers"][0]
        cover["activities"] = ["telehealth"]
        cover["requires"] = [
            {
                "condition": {"is": {"fact": "on_call", "value": True}},
                "reason": "on call",
                "source": {"source": "acme-2024", "quote": "while on call"},
            }
        ]
        return {
            "kind": "scheme",
            "version": 1,
            "vocabulary": {
                "facts": {"on_call": {"type": "yes-no", "label": "on call"}},
                "kinds": {"telehealth": {"label": "telehealth"}},
            },
            "sources": {"acme-2024": {"title": "Acme policy wording", "publisher": "Acme"}},
            "scheme": scheme,
        }

    def test_a_scheme_file_may_declare_words_and_sources(self):
        """Its facts, kinds and sources are known to its rules, on top of the catalogue's."""
        scheme = loads(json.dumps(self._acme()))
        assert scheme.vocabulary.fact("on_call").label == "on call"
        assert scheme.vocabulary.kind("telehealth").name == "telehealth"
        assert scheme.vocabulary.kind("private-practice").name == "private-practice"
        assert scheme.source.source.title == "Acme policy wording"
        assert scheme.covers[0].requires[0].condition == Is(scheme.vocabulary.fact("on_call"), True)

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_own_words_and_sources_are_written_back(self, fmt):
        """Saving writes the words and sources beyond the catalogue, and reads back equal."""
        scheme = loads(json.dumps(self._acme()))
        document = to_document(scheme)
        assert document["vocabulary"] == {
            "facts": {"on_call": {"type": "yes-no", "label": "on call"}},
            "kinds": {"telehealth": {"label": "telehealth"}},
        }
        assert list(document["sources"]) == ["acme-2024"]
        back = loads(dumps(scheme, fmt), fmt)
        assert back == scheme
        assert _declarations(back.vocabulary) == _declarations(scheme.vocabulary)

    def test_the_own_words_are_unknown_without_their_declaration(self):
        """Without its vocabulary table, the document's own fact is an unknown name."""
        document = self._acme()
        del document["vocabulary"]
        with pytest.raises(FileFormatError) as info:
            loads(json.dumps(document), name="acme.json")
        assert info.value.file == "acme.json"
        assert info.value.field == "scheme.covers[0].activities[0]"

    def test_a_scheme_file_may_name_shared_exclusions(self):
        """A scheme document's `exclusions` table is looked up by name from its covers."""
        data = to_document(_scheme())
        exclusion = {"when": {"is": {"fact": "declared", "value": False}}, "reason": "undeclared"}
        data["exclusions"] = {"undeclared": {**exclusion, "source": {"source": "mps-imgs-2023"}}}
        data["scheme"]["covers"][0]["exclusions"] = ["undeclared"]
        scheme = loads(json.dumps(data))
        assert scheme.covers[0].exclusions[0].reason == "undeclared"

    @pytest.mark.parametrize(
        ("change", "field", "expected"),
        [
            (
                lambda d: d["vocabulary"]["facts"]["on_call"].update(type="maybe"),
                "vocabulary.facts.on_call.type",
                "one of 'amount', 'choice', 'date', 'whole-number', 'yes-no'",
            ),
            (
                lambda d: d["vocabulary"]["facts"].update(supervised={"type": "amount"}),
                "vocabulary.facts['supervised']",
                "the type yes-no, as declared already",
            ),
            (
                lambda d: d["sources"]["acme-2024"].update(titel="x"),
                "sources.acme-2024.titel",
                (
                    "one of the keys 'published', 'publisher', 'reference', 'retrieved_as', "
                    "'title', 'url'"
                ),
            ),
            (
                lambda d: d["sources"].update({"Acme 2024": {"title": "x"}}),
                "sources['Acme 2024']",
                "a name of lower-case words joined by hyphens, such as 'home-visit'",
            ),
            (
                lambda d: d.update(exclusions={"x": {"reason": "r"}}),
                "exclusions.x.when",
                "a condition: a table with exactly one key, its tag",
            ),
        ],
    )
    def test_a_bad_table_names_the_file_and_the_path(self, change, field, expected):
        """A mistake in a document's own tables is reported at its path in the file."""
        document = self._acme()
        change(document)
        with pytest.raises(FileFormatError) as info:
            loads(json.dumps(document), name="acme.json")
        assert (info.value.file, info.value.field) == ("acme.json", field)
        assert info.value.expected == expected


class TestCatalogues:
    """Catalogue documents: the words, sources and schemes other documents name."""

    @staticmethod
    def _shared():
        return builders.exclusion(KindIn(frozenset({"good-samaritan"})), reason="r", source=CITE)

    def test_a_catalogue_document(self):
        """A catalogue document reads shared exclusions and the schemes that use them."""
        shared = self._shared()
        scheme = builders.scheme("s", kind="state-backed", exclusions=(shared,), source=CITE)
        document = {
            "kind": "catalogue",
            "version": 1,
            "name": "mine",
            "exclusions": {"gs": to_data(shared)},
            "schemes": [to_data(scheme) | {"exclusions": ["gs"]}],
        }
        catalogue = loads(json.dumps(document))
        assert isinstance(catalogue, Catalogue)
        assert catalogue.name == "mine"
        assert dict(catalogue.schemes) == {"s": scheme}
        assert dict(catalogue.exclusions) == {"gs": shared}

    def test_a_catalogue_without_a_name_takes_its_catalogue_s(self):
        """A catalogue document that names nothing is named after the catalogue it reads on."""
        catalogue = loads('{"kind": "catalogue", "version": 1}')
        assert (catalogue.name, dict(catalogue.schemes)) == ("uk", {})

    def test_a_catalogue_refuses_two_schemes_with_one_key(self):
        """Two schemes of one document may not share a key."""
        one = to_data(_scheme())
        text = json.dumps({"kind": "catalogue", "version": 1, "schemes": [one, one]})
        with pytest.raises(FileFormatError) as info:
            loads(text, name="mdo.json")
        assert (info.value.file, info.value.field) == ("mdo.json", "schemes[1].key")
        assert info.value.expected == "a key no other scheme of the file has"

    def test_an_unknown_shared_exclusion(self):
        """A name that no shared exclusion has is refused with the nearest."""
        document = {
            "kind": "catalogue",
            "version": 1,
            "exclusions": {"good-samaritan": to_data(self._shared())},
            "schemes": [to_data(_scheme()) | {"exclusions": ["good-samaritn"]}],
        }
        with pytest.raises(FileFormatError, match="did you mean 'good-samaritan'") as info:
            loads(json.dumps(document), name="x.json")
        assert (info.value.file, info.value.field) == ("x.json", "schemes[0].exclusions[0]")

    def test_a_model_error_names_the_path_in_the_file(self):
        """A model error inside a catalogue is reported at its path, the file named apart."""
        document = {"kind": "catalogue", "version": 1, "schemes": [to_data(_scheme())]}
        document["schemes"][0]["covers"] = []
        with pytest.raises(FileFormatError) as info:
            loads(json.dumps(document), name="x.json")
        assert (info.value.file, info.value.field) == ("x.json", "schemes[0].covers")
        assert info.value.expected == "a list of at least 1"

    def test_a_document_that_is_not_a_table(self):
        """A catalogue file that is not a table is refused, naming the file."""
        with pytest.raises(FileFormatError) as info:
            load_catalogue([("x.json", "[]")], name="x", format="json")
        assert (info.value.file, info.value.field) == ("x.json", "")
        assert info.value.expected == "a table at the top, with keys kind, version and the object"

    def test_load_catalogue_reads_documents_in_order(self):
        """The words of the first document are known to the schemes of the second."""
        words = {
            "kind": "catalogue",
            "version": 1,
            "vocabulary": {"kinds": {"telehealth": {}}},
            "sources": {"acme-2024": {"title": "Acme policy"}},
        }
        scheme = to_data(_scheme("acme")) | {"source": {"source": "acme-2024"}}
        scheme["covers"][0]["activities"] = ["telehealth"]
        rules = {"kind": "catalogue", "version": 1, "schemes": [scheme]}
        catalogue = load_catalogue(
            [("words.json", json.dumps(words)), ("rules.json", json.dumps(rules))],
            name="acme",
            format="json",
            base=uk.catalogue(),
        )
        assert catalogue.name == "acme"
        assert list(catalogue.schemes)[-1] == "acme"
        assert set(uk.schemes()) < set(catalogue.schemes)
        assert catalogue.scheme("acme").covers[0].activities == frozenset({"telehealth"})
        assert catalogue.vocabulary.source("acme-2024").title == "Acme policy"

    def test_load_catalogue_refuses_a_key_an_earlier_document_took(self):
        """A scheme key may be declared once across all the catalogue's documents."""
        text = json.dumps({"kind": "catalogue", "version": 1, "schemes": [to_data(_scheme())]})
        with pytest.raises(FileFormatError) as info:
            load_catalogue(
                [("a.json", text), ("b.json", text)],
                name="x",
                format="json",
                base=uk.catalogue(),
            )
        assert (info.value.file, info.value.field) == ("b.json", "schemes[0].key")

    def test_load_catalogue_reads_only_catalogue_documents(self):
        """A scheme document is not a catalogue document."""
        with pytest.raises(FileFormatError) as info:
            load_catalogue([("x.toml", 'kind = "scheme"\nversion = 1\n')], name="x")
        assert (info.value.file, info.value.field) == ("x.toml", "kind")
        assert (info.value.expected, info.value.got) == ("a catalogue document", "scheme")

    def test_the_uk_catalogue_is_the_default(self):
        """Documents name things from the UK catalogue unless told otherwise."""
        assert default_catalogue() is uk.catalogue()
        assert set(default_catalogue().schemes) == set(uk.schemes())

    def test_a_portfolio_names_schemes_of_the_catalogue_given(self):
        """catalogue= says where a portfolio's scheme keys are looked up."""
        mine = _scheme()
        catalogue = Catalogue("mine", uk.vocabulary(), {"my-mdo": mine})
        text = _portfolio_text(
            '[[portfolio.memberships]]\nscheme = "my-mdo"\nperiod = { start = 2020-01-01 }\n'
        )
        portfolio = loads(text, "toml", catalogue=catalogue)
        assert [m.scheme for m in portfolio] == [mine]
        with pytest.raises(FileFormatError) as info:
            loads(text, "toml")
        assert info.value.field == "portfolio.memberships[0].scheme"

    def test_the_catalogue_s_vocabulary_checks_the_names(self):
        """A document read on a catalogue of other words cannot use the UK's."""
        words = Vocabulary("tiny")
        with pytest.raises(FileFormatError) as info:
            loads(dumps(_scheme()), catalogue=Catalogue("tiny", words))
        assert info.value.field == "scheme.covers[0].matters[0]"

    def test_a_scheme_is_found_by_a_loose_key(self):
        """Catalogue.scheme forgives case and spacing, and suggests the nearest key."""
        catalogue = uk.catalogue()
        assert catalogue.scheme(" CNST ") is catalogue.scheme("cnst")
        with pytest.raises(UnknownNameError, match="did you mean 'cnst'") as info:
            catalogue.scheme("cnts")
        assert info.value.field == "scheme"

    def test_a_catalogue_is_read_only(self):
        """A catalogue's schemes and exclusions cannot be changed in place."""
        catalogue = Catalogue("mine", uk.vocabulary(), {"my-mdo": _scheme()})
        with pytest.raises(TypeError):
            catalogue.schemes["other"] = _scheme("other")  # type: ignore[index]


class TestCatalogueFields:
    """A catalogue refuses maps of the wrong shape, naming the entry at fault."""

    @pytest.mark.parametrize(
        ("given", "field", "expected"),
        [
            ({"schemes": ["my-mdo"]}, "Catalogue.schemes", "a mapping of keys to schemes"),
            ({"schemes": {"other": "s"}}, "Catalogue.schemes['other']", "the scheme whose key"),
            ({"exclusions": 1}, "Catalogue.exclusions", "a mapping of names to exclusions"),
            ({"exclusions": {1: "e"}}, "Catalogue.exclusions[1]", "an exclusion named by"),
            ({"parameters": ()}, "Catalogue.parameters", "a mapping of names to parameters"),
            ({"parameters": {"p": 1}}, "Catalogue.parameters['p']", "the parameter whose name"),
        ],
    )
    def test_a_bad_map_is_refused(self, given, field, expected):
        """Not a map, or an entry that is not what it is filed as: the field says which."""
        if given.get("schemes") == {"other": "s"}:
            given = {"schemes": {"other": _scheme()}}  # a scheme filed under another key
        with pytest.raises(InvalidFieldError) as info:
            Catalogue("mine", uk.vocabulary(), **given)
        assert info.value.field == field
        assert info.value.expected.startswith(expected)

    def test_the_maps_are_read_only_copies(self):
        """What a catalogue holds is its own: changing the dict given changes nothing."""
        given = {"my-mdo": _scheme()}
        catalogue = Catalogue("mine", uk.vocabulary(), given)
        given.clear()
        assert list(catalogue.schemes) == ["my-mdo"]
        with pytest.raises(TypeError):
            catalogue.schemes["x"] = _scheme()  # type: ignore[index]


class TestBuiltInFiles:
    """The files shipped with the package load, as `indemnity validate` loads them."""

    def test_there_are_data_files(self):
        """The data files are found, so the tests below cannot pass on none."""
        names = {p.name for p in DATA_FILES}
        assert {f"{n}.toml" for n in ("vocabulary", "sources", "nhs", "mdo")} <= names
        assert len(PEOPLE_FILES) >= 4

    @pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(DATA)))
    def test_every_data_file_loads_on_the_uk_catalogue(self, path):
        """Each file under indemnity/uk/data/ is a valid document read on the UK catalogue."""
        loaded = load(path, catalogue=uk.catalogue())
        assert isinstance(loaded, Catalogue | Portfolio)

    def test_the_scheme_files_hold_the_catalogue_s_schemes(self):
        """Read one by one, the scheme files give every built-in scheme, as the catalogue has it."""
        found: dict[str, Scheme] = {}
        for path in DATA_FILES:
            loaded = load(path, catalogue=uk.catalogue())
            if isinstance(loaded, Catalogue):
                found.update(loaded.schemes)
        assert found == dict(uk.schemes())

    @pytest.mark.parametrize("path", PEOPLE_FILES, ids=lambda p: p.name)
    def test_every_built_in_person_file_loads(self, path):
        """Each built-in person's file is a valid portfolio naming catalogue schemes."""
        portfolio = load_portfolio(path)
        assert portfolio.holder
        assert len(portfolio) >= 1


class TestDocument:
    """A file is a document: a kind, a format version, and the object under its kind."""

    @pytest.mark.parametrize(
        ("text", "field", "expected"),
        [
            ("[]", "", "a table at the top, with keys kind, version and the object"),
            (
                "{}",
                "kind",
                "the document kind: 'scheme', 'portfolio', 'decision', 'catalogue'",
            ),
            (
                '{"kind": "policy"}',
                "kind",
                "one of 'scheme', 'portfolio', 'decision', 'catalogue'",
            ),
            ('{"kind": "portfolio"}', "version", "the format version, 1"),
            (
                '{"kind": "portfolio", "version": 2, "portfolio": {}}',
                "version",
                "the whole number 1 (the format version this library reads)",
            ),
            (
                '{"kind": "portfolio", "version": true, "portfolio": {}}',
                "version",
                "the whole number 1 (the format version this library reads)",
            ),
            ('{"kind": "portfolio", "version": 1}', "portfolio", "the portfolio itself"),
            ('{"kind": "scheme", "version": 1}', "scheme", "the scheme itself"),
            ('{"kind": "decision", "version": 1}', "decision", "the decision itself"),
            (
                '{"kind": "scheme", "version": 1, "portfolio": {}}',
                "portfolio",
                (
                    "one of the keys 'exclusions', 'kind', 'scheme', 'sources', 'version', "
                    "'vocabulary'"
                ),
            ),
            (
                '{"kind": "scheme", "version": 1, "schemes": []}',
                "schemes",
                (
                    "one of the keys 'exclusions', 'kind', 'scheme', 'sources', 'version', "
                    "'vocabulary'"
                ),
            ),
            (
                '{"kind": "decision", "version": 1, "sources": {}}',
                "sources",
                "one of the keys 'decision', 'kind', 'version'",
            ),
            (
                '{"kind": "catalogue", "version": 1, "portfolio": {}}',
                "portfolio",
                (
                    "one of the keys 'exclusions', 'kind', 'name', 'parameters', 'schemes', "
                    "'sources', 'version', 'vocabulary'"
                ),
            ),
            ('{"kind": "catalogue", "version": 1, "name": 3}', "name", "a string"),
        ],
    )
    def test_the_envelope_is_checked(self, text, field, expected):
        """Kind, version and the object's key are required; other keys are refused."""
        with pytest.raises(FileFormatError) as info:
            loads(text, name="doc.json")
        assert (info.value.file, info.value.field) == ("doc.json", field)
        assert info.value.expected == expected

    def test_an_empty_portfolio_is_a_valid_document(self):
        """A portfolio of no memberships loads: holding nothing is a real answer."""
        assert loads('{"kind": "portfolio", "version": 1, "portfolio": {}}') == Portfolio()

    def test_the_typed_loaders_refuse_another_kind(self, tmp_path):
        """load_scheme on a portfolio file says which kind it expected and found."""
        path = save(load_portfolio(PEOPLE_FILES[0]), tmp_path / "p.json")
        for loader, kind in ((load_scheme, "scheme"), (load_decision, "decision")):
            with pytest.raises(FileFormatError) as info:
                loader(path)
            assert (info.value.file, info.value.field) == (str(path), "kind")
            assert (info.value.expected, info.value.got) == (f"a {kind} document", "portfolio")

    def test_the_typed_loaders_load_their_kind(self, tmp_path):
        """load_scheme, load_portfolio and load_decision each give back what was saved."""
        portfolio = load_portfolio(PEOPLE_FILES[0])
        decision = portfolio.is_covered(Activity.of("good-samaritan"), D(2025, 1, 1), "england")
        assert load_scheme(save(_scheme(), tmp_path / "s.yaml")) == _scheme()
        assert load_portfolio(save(portfolio, tmp_path / "p.toml")) == portfolio
        assert load_decision(save(decision, tmp_path / "d.json")) == decision

    def test_the_format_version_is_written(self):
        """Every document says the format version it is written in."""
        assert to_document(_scheme())["version"] == FORMAT_VERSION == 1
        assert to_document(uk.catalogue())["version"] == FORMAT_VERSION

    def test_a_decision_whose_covered_flag_contradicts_its_outcome_is_refused(self):
        """`covered` must agree with `outcome`, so a hand-edited file cannot say both."""
        decision = load_portfolio(PEOPLE_FILES[0]).is_covered(
            Activity.of("good-samaritan"), D(2025, 1, 1), "england"
        )
        data = to_document(decision)
        data["decision"]["covered"] = not data["decision"]["covered"]
        with pytest.raises(FileFormatError) as info:
            loads(json.dumps(data))
        assert info.value.field == "decision.covered"
        assert info.value.expected == "True (the outcome is 'covered')"

    def test_only_documents_are_saved(self):
        """to_document refuses anything but a scheme, a portfolio, a decision or a catalogue."""
        with pytest.raises(InvalidFieldError) as info:
            to_document(Period(D(2020, 1, 1)))  # type: ignore[arg-type]
        assert info.value.field == "obj"
        assert info.value.expected == "a Scheme, a Portfolio, a Decision or a Catalogue"

    def test_from_document_builds_from_data(self):
        """Data already parsed (from a database, say) builds the object too."""
        data = json.loads(dumps(_scheme()))
        assert from_document(data) == _scheme()

    def test_from_document_names_the_source_of_the_data(self):
        """from_document's errors name what `name` says the data came from."""
        with pytest.raises(FileFormatError) as info:
            from_document({"kind": "scheme"}, name="row 7")
        assert (info.value.file, info.value.field) == ("row 7", "version")


class TestErrors:
    """Errors on bad files name the file, the path inside it, what was expected and found."""

    def test_the_error_names_the_file_and_the_path_inside_it(self, tmp_path):
        """A bad date deep in a file is reported at portfolio.memberships[2].period.end."""
        path = tmp_path / "people.toml"
        path.write_text(_portfolio_text(MEMBERSHIPS), encoding="utf-8")
        with pytest.raises(FileFormatError) as caught:
            load(path)
        err = caught.value
        assert err.file == str(path)
        assert err.field == "portfolio.memberships[2].period.end"
        assert (err.expected, err.got) == ("a date after 'start'", D(2019, 1, 1))
        assert str(err).startswith(f"{path}: 'portfolio.memberships[2].period.end' ")

    def test_an_unknown_scheme_key_suggests_the_nearest(self):
        """A typo in a scheme key names the key found and the closest known one."""
        text = _portfolio_text(
            '[[portfolio.memberships]]\nscheme = "cnts"\nperiod = { start = 2020-01-01 }\n'
        )
        with pytest.raises(FileFormatError, match="did you mean 'cnst'") as caught:
            loads(text, "toml", name="p.toml")
        assert caught.value.field == "portfolio.memberships[0].scheme"
        assert (caught.value.file, caught.value.got) == ("p.toml", "cnts")

    def test_a_typo_in_a_key_is_refused(self):
        """An unknown key is an error, so a misspelt field never silently drops a rule."""
        text = _portfolio_text(
            '[[portfolio.memberships]]\nschem = "cnst"\nperiod = { start = 2020-01-01 }\n'
        )
        with pytest.raises(FileFormatError, match="did you mean 'scheme'") as caught:
            loads(text, "toml")
        assert caught.value.field == "portfolio.memberships[0].schem"
        assert caught.value.expected.startswith("one of the keys 'label', 'options'")

    def test_a_parse_error_names_the_line(self):
        """Text that does not parse is reported with its line and column, naming the file."""
        with pytest.raises(FileFormatError) as caught:
            loads('{\n  "kind": }', name="bad.json")
        assert (caught.value.file, caught.value.field) == ("bad.json", "")
        assert caught.value.expected == "valid JSON"
        assert "(line 2, column" in caught.value.got

    def test_the_error_is_a_data_error_and_an_indemnity_error(self):
        """FileFormatError sits under DataError in the tree, so existing handlers catch it."""
        assert issubclass(FileFormatError, DataError)
        assert issubclass(FileFormatError, IndemnityError)
        assert issubclass(FileFormatError, ValueError)

    def test_the_error_pickles_with_its_file(self):
        """A FileFormatError survives pickling with its file, path and message."""
        err = FileFormatError("a.b", "a date", 3, file="x.toml")
        again = pickle.loads(pickle.dumps(err))  # noqa: S301 - our own bytes
        assert (again.file, again.field, str(again)) == (err.file, err.field, str(err))

    def test_a_missing_file_raises_os_error(self, tmp_path):
        """A file that cannot be opened is an OSError, as open() raises."""
        with pytest.raises(FileNotFoundError):
            load(tmp_path / "nope.toml")

    def test_a_suffix_that_names_no_format_is_refused_on_saving(self, tmp_path):
        """save refuses a file name whose suffix names no format, writing nothing."""
        with pytest.raises(FileFormatError) as info:
            save(_scheme(), tmp_path / "s.txt")
        assert info.value.expected == "a file name ending .json, .toml, .yaml, .yml"
        assert list(tmp_path.iterdir()) == []

    def test_missing_pyyaml_gives_a_clear_error(self, monkeypatch):
        """Without PyYAML, YAML raises IndemnityError saying how to install it."""
        monkeypatch.setitem(sys.modules, "yaml", None)
        with pytest.raises(IndemnityError, match=r"pip install 'indemnity\[yaml\]'"):
            loads("a: 1\n", "yaml")
        with pytest.raises(IndemnityError, match="PyYAML"):
            dumps(_scheme(), "yaml")


class TestWriteText:
    """Files are written atomically: all of the new text, or the old file whole."""

    def _leftovers(self, folder: Path) -> list[str]:
        return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))

    def test_save_replaces_a_file_whole(self, tmp_path):
        """Saving over a file leaves exactly the new document, and no temporary file."""
        path = tmp_path / "s.json"
        path.write_text("old text, longer than nothing " * 100, encoding="utf-8")
        assert save(_scheme(), path) == path
        assert path.read_text(encoding="utf-8") == dumps(_scheme())
        assert self._leftovers(tmp_path) == []

    def test_write_text_writes_utf8(self, tmp_path):
        """The text is written as UTF-8, whatever the platform's default."""
        path = write_text(tmp_path / "x.txt", "é £ \u2028")
        assert path.read_bytes() == "é £ \u2028".encode()

    @pytest.mark.parametrize("step", ["fsync", "replace"])
    def test_a_failed_write_leaves_the_old_file_whole(self, tmp_path, monkeypatch, step):
        """If writing or renaming fails, the old file is unchanged and no temporary file stays."""
        path = tmp_path / "p.toml"
        path.write_text("old", encoding="utf-8")

        def fail(*args: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, step, fail)
        with pytest.raises(OSError, match="No space left"):
            save(_scheme(), path)
        assert path.read_text(encoding="utf-8") == "old"
        assert self._leftovers(tmp_path) == []

    def test_an_interrupted_write_leaves_no_temporary_file(self, tmp_path, monkeypatch):
        """Even a KeyboardInterrupt mid-write removes the temporary file."""
        path = tmp_path / "p.json"
        path.write_text("old", encoding="utf-8")

        def interrupt(*args: object) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(os, "fsync", interrupt)
        with pytest.raises(KeyboardInterrupt):
            write_text(path, "new")
        assert path.read_text(encoding="utf-8") == "old"
        assert self._leftovers(tmp_path) == []

    def test_text_utf8_cannot_write_is_refused_before_writing(self, tmp_path):
        """A lone surrogate is refused with FileFormatError; the old file stays whole."""
        path = tmp_path / "p.json"
        path.write_text("old", encoding="utf-8")
        with pytest.raises(FileFormatError) as info:
            write_text(path, "bad \ud800 text")
        assert (info.value.file, info.value.expected) == (str(path), "text that UTF-8 can write")
        assert path.read_text(encoding="utf-8") == "old"
        assert self._leftovers(tmp_path) == []

    def test_a_folder_that_does_not_exist(self, tmp_path):
        """Writing into a missing folder raises OSError naming the file asked for."""
        target = tmp_path / "missing" / "p.json"
        with pytest.raises(FileNotFoundError) as info:
            save(_scheme(), target)
        assert info.value.filename == str(target)
        assert not target.parent.exists()

    def test_an_object_that_cannot_be_saved_leaves_the_file_alone(self, tmp_path):
        """A save refused before writing leaves the old file as it was."""
        path = tmp_path / "p.json"
        path.write_text("old", encoding="utf-8")
        with pytest.raises(InvalidFieldError):
            save(Period(D(2020, 1, 1)), path)  # type: ignore[arg-type]
        assert path.read_text(encoding="utf-8") == "old"
        assert self._leftovers(tmp_path) == []


class TestFuzz:
    """Random input to the loaders raises only the library's own error."""

    @given(data=st.binary(max_size=200), fmt=st.sampled_from(FORMATS))
    def test_random_bytes_raise_only_file_format_error(self, data, fmt):
        """Any bytes at all: FileFormatError naming the file, or nothing else."""
        with pytest.raises(FileFormatError) as info:
            loads(data, fmt, name="fuzz.file")
        assert info.value.file == "fuzz.file"

    @given(value=json_values, fmt=st.sampled_from(FORMATS))
    def test_random_json_raises_only_file_format_error(self, value, fmt):
        """Any JSON value, written in any format, is refused with FileFormatError."""
        text = _write(value, fmt)
        if text is None:
            return
        with pytest.raises(FileFormatError) as info:
            loads(text, fmt, name="fuzz")
        assert info.value.file == "fuzz"

    @given(
        kind=st.sampled_from(["scheme", "portfolio", "decision", "catalogue"]),
        value=json_values,
        fmt=st.sampled_from(FORMATS),
        data=st.data(),
    )
    def test_random_objects_in_a_document_raise_only_file_format_error(
        self, kind, value, fmt, data
    ):
        """A well-formed envelope around random data loads or raises FileFormatError."""
        key = data.draw(st.sampled_from(CATALOGUE_KEYS)) if kind == "catalogue" else kind
        text = _write({"kind": kind, "version": 1, key: value}, fmt)
        if text is None:
            return
        _load_or_refuse(text, fmt)

    @given(obj=document_kinds(), data=st.data())
    def test_mutated_documents_raise_only_file_format_error(self, obj, data):
        """A valid document with one value replaced by random JSON loads or is refused cleanly."""
        document = json.loads(json.dumps(to_document(obj)))
        paths = list(_paths(document))
        path = data.draw(st.sampled_from(paths))
        replacement = data.draw(json_values)
        _set(document, path, replacement)
        _load_or_refuse(json.dumps(document), "json")

    @given(obj=document_kinds(), data=st.data())
    def test_documents_with_a_key_removed_raise_only_file_format_error(self, obj, data):
        """Dropping any key of a valid document loads or is refused cleanly."""
        document = json.loads(json.dumps(to_document(obj)))
        paths = [p for p in _paths(document) if p and isinstance(p[-1], str)]
        path = data.draw(st.sampled_from(paths))
        parent = _get(document, path[:-1])
        del parent[path[-1]]
        _load_or_refuse(json.dumps(document), "json")

    @given(documents=st.lists(json_values, min_size=1, max_size=3))
    def test_random_catalogue_documents_raise_only_file_format_error(self, documents):
        """load_catalogue over random documents builds a catalogue or raises FileFormatError."""
        texts = [
            (f"fuzz-{i}.json", json.dumps({"kind": "catalogue", "version": 1} | _table(d)))
            for i, d in enumerate(documents)
        ]
        try:
            load_catalogue(texts, name="fuzz", format="json", base=uk.catalogue())
        except FileFormatError as err:
            file = err.file
        else:
            file = "fuzz-read"
        assert file.startswith("fuzz-")


def _table(value: object) -> dict[str, object]:
    """Random JSON as the tables of a catalogue document: a table's keys, else under a key."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k in CATALOGUE_KEYS}
    return {"schemes": value}


def _write(value: object, fmt: str) -> str | None:
    if fmt == "json":
        return json.dumps(value)
    if fmt == "yaml":
        return yaml.safe_dump(value)
    if not isinstance(value, dict):
        return None
    try:
        return toml_writer.dumps(_without_nulls(value))  # type: ignore[arg-type]
    except IndemnityError:
        return None


def _load_or_refuse(text: str, fmt: str) -> None:
    try:
        loads(text, fmt, name="fuzz")
    except FileFormatError as err:
        found = (err.file, str(err)[:6])
    else:
        found = ("fuzz", "fuzz: ")
    assert found == ("fuzz", "fuzz: ")


def _paths(data: object, prefix: tuple = ()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*prefix, i))


def _get(data, path):
    for step in path:
        data = data[step]
    return data


def _set(document, path, value):
    if not path:
        document.clear()
        if isinstance(value, dict):
            document.update(value)
        return
    _get(document, path[:-1])[path[-1]] = copy.deepcopy(value)


DATED = """kind = "scheme"
version = 1

[vocabulary.facts.signed_on]
type = "date"

[sources.terms]
title = "Terms"
published = {published}

[scheme]
key = "dated"
name = "Dated scheme"
operator = "Someone"
kind = "contractual-insurance"
basis = "occurrence"
source = {{ source = "terms" }}
in_force = {{ start = {start} }}

[[scheme.covers]]
name = "signed work"
matters = ["clinical-negligence"]
activities = ["private-practice"]
territory = ["uk"]
source = {{ source = "terms" }}

[[scheme.covers.requires]]
condition = {{ at_least = {{ fact = "signed_on", bound = {bound} }} }}
reason = "signed"
source = {{ source = "terms" }}
"""


GOOD_DATES = {"published": '"2024-01-01"', "start": '"2020-01-01"', "bound": '"2024-02-29"'}


class TestStrictValues:
    """Dates are written YYYY-MM-DD and the version is the whole number 1, in every place."""

    def test_the_dated_document_loads(self):
        """Written YYYY-MM-DD, every date of the document is read."""
        scheme = loads(DATED.format(**GOOD_DATES), "toml")
        assert scheme.in_force.start == D(2020, 1, 1)

    @pytest.mark.parametrize(
        "written", ['"20250101"', '"2025-W01-1"', '"2025-01-01 "', '"\uff12025-01-01"', "20250101"]
    )
    @pytest.mark.parametrize(
        ("where", "path"),
        [
            ("published", "sources.terms.published"),
            ("start", "scheme.in_force.start"),
            ("bound", "scheme.covers[0].requires[0].condition.at_least.bound"),
        ],
    )
    def test_other_date_forms_are_refused_everywhere(self, written, where, path):
        """Basic and week dates, which Python would read, are refused with their path."""
        text = DATED.format(**(GOOD_DATES | {where: written}))
        with pytest.raises(FileFormatError) as info:
            loads(text, "toml", name="dated.toml")
        assert (info.value.file, info.value.field) == ("dated.toml", path)

    @pytest.mark.parametrize("version", ["1.0", '"1"', "true", "1e0"])
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_the_version_is_the_whole_number_1(self, version, fmt):
        """1.0, "1" and true are not the format version."""
        value = json.loads(version)
        text = _write({"kind": "portfolio", "version": value, "portfolio": {}}, fmt)
        assert text is not None
        with pytest.raises(FileFormatError) as info:
            loads(text, fmt)
        assert info.value.field == "version"

    @pytest.mark.parametrize("text", [None, 3, object()])
    def test_loads_refuses_what_is_not_text(self, text):
        """loads(None) is the library's error, not an AttributeError."""
        with pytest.raises(FileFormatError):
            loads(text)  # type: ignore[arg-type]

    def test_loads_reads_a_bytearray(self):
        """A bytearray holds bytes like any other."""
        text = bytearray(dumps(_scheme()).encode())
        assert loads(text) == _scheme()


class TestNamesAreForgiving:
    """Names are matched with case and spacing forgiven, everywhere a file or call names one."""

    def test_a_scheme_key_in_a_file(self):
        """A membership may name its scheme "CNST" or "Mps Hee Block"."""
        text = _portfolio_text(
            '[[portfolio.memberships]]\nscheme = "CNST"\nperiod = { start = 2020-01-01 }\n'
            '[[portfolio.memberships]]\nscheme = "Mps Hee Block"\nperiod = { start = 2020-01-01 }\n'
        )
        held = loads(text, "toml")
        assert [m.scheme.key for m in held] == ["cnst", "mps-hee-block"]

    @pytest.mark.parametrize("kind", ["Portfolio", " PORTFOLIO "])
    def test_the_kind_of_a_document(self, kind):
        """The document's kind is a name like any other."""
        assert loads(json.dumps({"kind": kind, "version": 1, "portfolio": {}})) == Portfolio()

    @pytest.mark.parametrize("fmt", ["YAML", "Toml", " json "])
    def test_a_format(self, fmt, tmp_path):
        """loads, dumps and save take a format named loosely."""
        text = dumps(_scheme(), fmt)  # type: ignore[arg-type]
        assert loads(text, fmt) == _scheme()  # type: ignore[arg-type]
        path = save(_scheme(), tmp_path / "scheme.txt", format=fmt)  # type: ignore[arg-type]
        assert load(path, format=fmt) == _scheme()  # type: ignore[arg-type]

    def test_a_shared_exclusion_and_a_source_id(self):
        """An exclusion named by a cover, and a source id, are found whatever their case."""
        scheme = loads(DATED.format(**GOOD_DATES).replace('"terms" }', '"Terms" }'), "toml")
        assert scheme.source.source.name == "terms"


class TestSafeWrites:
    """Only regular files are written; a failed save leaves the old file whole, and no other."""

    def _leftovers(self, folder: Path) -> list[str]:
        return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))

    def test_a_named_pipe_is_not_written_over(self, tmp_path):
        """A FIFO in the way is refused: nothing replaces it, nothing waits on it."""
        fifo = tmp_path / "p.json"
        os.mkfifo(fifo)
        with pytest.raises(FileFormatError) as info:
            save(_scheme(), fifo)
        assert (info.value.expected, info.value.got) == ("a regular file to write", "a named pipe")
        assert fifo.is_fifo()
        assert self._leftovers(tmp_path) == []

    def test_a_folder_is_not_written_over(self, tmp_path):
        """A folder in the way is refused."""
        folder = tmp_path / "p.json"
        folder.mkdir()
        with pytest.raises(FileFormatError) as info:
            save(_scheme(), folder)
        assert info.value.got == "a folder"
        assert folder.is_dir()

    @pytest.mark.parametrize("path", ["", None, "a\0b.json"])
    def test_a_path_must_name_a_file(self, path):
        """No file name is the library's error, not an OSError about a temporary file."""
        with pytest.raises(FileFormatError) as info:
            save(_scheme(), path)  # type: ignore[arg-type]
        assert info.value.expected.startswith("a file name")

    def test_a_link_is_followed_and_kept(self, tmp_path):
        """Saving through a symbolic link replaces the file it points to; the link stays."""
        target = tmp_path / "real.json"
        target.write_text("old", encoding="utf-8")
        link = tmp_path / "link.json"
        link.symlink_to(target)
        save(_scheme(), link)
        assert link.is_symlink()
        assert loads(target.read_text(encoding="utf-8")) == _scheme()

    def test_a_file_keeps_its_permissions(self, tmp_path):
        """A file saved over keeps its mode; a new one is readable by all."""
        path = tmp_path / "p.json"
        path.write_text("old", encoding="utf-8")
        path.chmod(0o600)
        save(_scheme(), path)
        assert path.stat().st_mode & 0o777 == 0o600
        assert save(_scheme(), tmp_path / "new.json").stat().st_mode & 0o777 == 0o644

    def test_a_failed_write_names_the_file_asked_for(self, tmp_path, monkeypatch):
        """A full disk is reported against the file asked for, not a temporary one."""
        path = tmp_path / "p.json"

        def full(*args: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", full)
        with pytest.raises(OSError, match="No space left") as info:
            save(_scheme(), path)
        assert info.value.filename == str(path)
        assert list(tmp_path.iterdir()) == []

    @pytest.mark.parametrize(
        ("holder", "expected"),
        [
            ("Dr \ud800X", "text without control characters, lone surrogates or noncharacters"),
            ("Dr \x1b[31mX", "text without control characters, lone surrogates or noncharacters"),
            ("Dr \ufffeX", "text without control characters, lone surrogates or noncharacters"),
        ],
    )
    def test_a_portfolio_that_no_loader_would_read_is_not_saved(self, tmp_path, holder, expected):
        """A lone surrogate (or a control character) in a holder: refused, the old file whole."""
        path = tmp_path / "p.json"
        save(uk.person("locum"), path)
        before = path.read_bytes()
        bad = Portfolio(uk.person("locum").memberships, holder)
        for fmt in FORMATS:
            with pytest.raises(FileFormatError) as info:
                save(bad, path, format=fmt)  # type: ignore[arg-type]
            assert (info.value.field, info.value.expected) == ("portfolio.holder", expected)
            assert info.value.file == str(path)
        assert path.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json"]


SAVER = """
import sys, time
from indemnity import Portfolio, save, uk
path, seconds = sys.argv[1], float(sys.argv[2])
people = [uk.person(name) for name in ("locum", "consultant")]
versions = [Portfolio(p.memberships, p.holder * 40) for p in people]
saves, end = 0, time.monotonic() + seconds
while time.monotonic() < end:
    save(versions[saves % 2], path)
    saves += 1
print(saves)
"""

LOADER = """
import sys, time
from indemnity import load, uk
path, seconds = sys.argv[1], float(sys.argv[2])
people = [uk.person(name) for name in ("locum", "consultant")]
holders = {p.holder * 40 for p in people} | {people[0].holder}  # the first version too
seen, loads_, bad, end = set(), 0, [], time.monotonic() + seconds
while time.monotonic() < end:
    try:
        held = load(path)
    except Exception as err:
        bad.append(repr(err)[:200])
        continue
    loads_ += 1
    if held.holder not in holders:
        bad.append("holder " + held.holder[:40])
    seen.add(held.holder)
print(loads_, len(seen), len(bad), bad[:3])
"""


class TestConcurrentSavesAndLoads:
    """A process saving while others load: every load reads a whole document, old or new."""

    def test_loaders_never_see_a_partial_file(self, tmp_path):
        """Two loaders read the file over and over while a saver replaces it, for 3 seconds."""
        path = tmp_path / "shared.json"
        save(uk.person("locum"), path)
        run = [sys.executable, "-c"]
        saver = subprocess.Popen([*run, SAVER, str(path), "3"], stdout=subprocess.PIPE, text=True)
        loaders = [
            subprocess.Popen([*run, LOADER, str(path), "3"], stdout=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        saves = int(saver.communicate(timeout=120)[0])
        for loader in loaders:
            out = loader.communicate(timeout=120)[0].split(maxsplit=3)
            loaded, versions, bad = int(out[0]), int(out[1]), int(out[2])
            assert bad == 0, out[3]
            assert loaded > 10
            assert versions >= 1
        assert saves > 10
        assert sorted(p.name for p in tmp_path.iterdir()) == ["shared.json"]
