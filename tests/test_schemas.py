"""The JSON Schemas: generated from the codec's shapes, valid, and true of every file we write."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import get_args

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indemnity import ActivityKind, Jurisdiction, Matter, UnknownNameError, Vocabulary, uk
from indemnity.io.codec import json_schema_of
from indemnity.io.documents import (
    FORMAT_VERSION,
    Catalogue,
    DocumentKind,
    dumps,
    json_schema,
    to_document,
)
from indemnity.io.parse import parse_document, read_document
from tests.strategies import document_objects, exclusions, file_schemes, vocabularies

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "indemnity" / "uk" / "data"
KINDS: tuple[str, ...] = get_args(DocumentKind)
CATALOGUE_FILES = sorted(DATA.glob("*.toml"))
PEOPLE_FILES = sorted((DATA / "people").glob("*.toml"))
SCHEMA_FILES = ROOT / "docs" / "schemas"
FENCE = re.compile(r"^```(toml|json|yaml)[^\n]*\n(.*?)^```", re.M | re.S)
DOC_PAGES = sorted((ROOT / "docs").glob("*.md"))


def _validator(kind: str, catalogue: Catalogue | None = None) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        json_schema(kind, catalogue=catalogue),  # type: ignore[arg-type]
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


def _doc_blocks():
    """Every TOML, JSON and YAML block shown in the docs."""
    for page in DOC_PAGES:
        text = page.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            yield pytest.param(match[1], match[2], id=f"{page.name}:{line}")


@st.composite
def catalogues(draw: st.DrawFn) -> Catalogue:
    """A catalogue: the UK words and maybe more, a few schemes, and maybe shared exclusions."""
    words = uk.vocabulary()
    if draw(st.booleans()):
        words = words | draw(vocabularies(uk_words=False))
    held = draw(st.lists(file_schemes(), max_size=3, unique_by=lambda s: s.key))
    shared = draw(st.dictionaries(st.sampled_from(["gs", "undeclared"]), exclusions, max_size=2))
    return Catalogue("mine", words, {s.key: s for s in held}, shared)


class TestGeneratedSchemas:
    """Each kind's schema is a valid draft 2020-12 schema, made from the codec's shapes."""

    def test_every_kind_of_document_has_a_schema(self):
        """Scheme, portfolio, decision and catalogue documents each have one."""
        assert KINDS == ("scheme", "portfolio", "decision", "catalogue")

    @pytest.mark.parametrize("kind", KINDS)
    def test_each_schema_is_a_valid_draft_2020_12_schema(self, kind):
        """The metaschema accepts each schema."""
        schema = json_schema(kind)
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["title"] == f"indemnity {kind} document, format version {FORMAT_VERSION}"

    @pytest.mark.parametrize("kind", KINDS)
    def test_the_envelope_is_the_loader_s(self, kind):
        """kind and version are fixed; only the tables the loader reads are allowed."""
        schema = json_schema(kind)
        assert schema["properties"]["kind"] == {"const": kind}
        assert schema["properties"]["version"] == {"const": FORMAT_VERSION}
        assert schema["additionalProperties"] is False
        assert schema["required"][:2] == ["kind", "version"]

    @pytest.mark.parametrize("kind", KINDS)
    def test_the_definitions_are_the_codec_s_shapes(self, kind):
        """Each definition is the codec's shape: the same keys, the same required ones."""
        for name, definition in json_schema(kind)["$defs"].items():
            shape = json_schema_of(name)
            assert definition.get("properties", {}).keys() == shape.get("properties", {}).keys()
            assert definition.get("required") == shape.get("required")

    @pytest.mark.parametrize("kind", KINDS)
    def test_the_schema_is_json_and_the_same_every_time(self, kind):
        """The schema survives JSON unchanged, and generating it twice gives the same text."""
        schema = json_schema(kind)
        assert json.loads(json.dumps(schema)) == schema
        assert json.dumps(schema) == json.dumps(json_schema(kind))

    @pytest.mark.parametrize("kind", KINDS)
    def test_the_files_in_the_docs_are_what_the_library_generates(self, kind):
        """docs/schemas/KIND.schema.json is json_schema(KIND) (run docs/gen_schemas.py)."""
        shipped = (SCHEMA_FILES / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert shipped == json.dumps(json_schema(kind), indent=2) + "\n"

    def test_the_generator_check_passes(self):
        """docs/gen_schemas.py --check finds no stale, missing or extra schema file."""
        done = subprocess.run(
            [sys.executable, str(ROOT / "docs" / "gen_schemas.py"), "--check"],
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
        )
        assert done.returncode == 0, done.stdout + done.stderr

    def test_the_names_follow_the_vocabulary(self):
        """The schemas list the UK vocabulary's kinds, matters, places and facts as examples."""
        words = uk.vocabulary()
        defs = json_schema("portfolio")["$defs"] | json_schema("decision")["$defs"]
        activity = defs["activity"]["properties"]
        question = defs["question"]["properties"]
        assert activity["kind"]["examples"] == [k.name for k in words.kinds]
        assert question["matter"]["examples"] == [m.name for m in words.matters]
        assert question["jurisdiction"]["examples"] == [j.name for j in words.jurisdictions]
        assert list(activity["facts"]["properties"]) == [f.name for f in words.facts]

    def test_each_fact_is_described_by_its_type(self):
        """A yes-no fact is a boolean, an amount a whole number, a choice lists its values."""
        facts = json_schema("decision")["$defs"]["activity"]["properties"]["facts"]["properties"]
        assert facts["supervised"]["type"] == "boolean"
        assert (facts["private_earnings"]["type"], facts["private_earnings"]["minimum"]) == (
            "integer",
            0,
        )
        assert facts["field"]["type"] == "string"
        assert "obstetrics" in facts["field"]["examples"]

    def test_another_catalogue_s_words_are_listed(self):
        """catalogue= gives a schema that lists that catalogue's words."""
        words = Vocabulary(
            "tiny",
            kinds=(ActivityKind("telehealth"),),
            matters=(Matter("claim"),),
            jurisdictions=(Jurisdiction("north"),),
        )
        defs = json_schema("decision", catalogue=Catalogue("tiny", words))["$defs"]
        assert defs["activity"]["properties"]["kind"]["examples"] == ["telehealth"]
        assert defs["question"]["properties"]["jurisdiction"]["examples"] == ["north"]
        assert "'tiny'" in defs["question"]["properties"]["matter"]["description"]

    def test_an_unknown_kind_is_refused(self):
        """Asking for the schema of no document kind names the kinds there are."""
        with pytest.raises(UnknownNameError, match="did you mean 'scheme'") as info:
            json_schema("schema")  # type: ignore[arg-type]
        assert info.value.field == "kind"
        assert info.value.expected == "one of 'catalogue', 'decision', 'portfolio', 'scheme'"


class TestShippedFilesValidate:
    """Every data file of the UK catalogue, and every document the docs show, is valid."""

    def test_there_are_files(self):
        """The files are found, so the tests below cannot pass on none."""
        assert len(CATALOGUE_FILES) >= 6
        assert len(PEOPLE_FILES) >= 4

    @pytest.mark.parametrize("path", CATALOGUE_FILES, ids=lambda p: p.name)
    def test_each_catalogue_data_file_is_a_valid_catalogue_document(self, path):
        """indemnity/uk/data/*.toml validate against the catalogue schema."""
        document = read_document(path)
        assert document["kind"] == "catalogue"
        _validator("catalogue").validate(document)

    @pytest.mark.parametrize("path", PEOPLE_FILES, ids=lambda p: p.name)
    def test_each_person_file_is_a_valid_portfolio_document(self, path):
        """indemnity/uk/data/people/*.toml validate against the portfolio schema."""
        document = read_document(path)
        assert document["kind"] == "portfolio"
        _validator("portfolio").validate(document)

    @pytest.mark.parametrize(("fmt", "text"), list(_doc_blocks()))
    def test_each_document_in_the_docs_matches_its_schema(self, fmt, text):
        """A document shown in the docs validates; a fragment (no kind) is skipped."""
        document = parse_document(text, fmt)
        if "kind" not in document:
            pytest.skip("a fragment, not a whole document")
        _validator(document["kind"]).validate(document)


class TestWhatSaveWrites:
    """Whatever `save` writes matches the schema of its kind, in every format."""

    @given(obj=document_objects() | catalogues(), fmt=st.sampled_from(["json", "toml", "yaml"]))
    def test_every_saved_document_matches_its_schema(self, obj, fmt):
        """A saved scheme, portfolio, decision or catalogue, read back as data, is schema-valid."""
        document = parse_document(dumps(obj, fmt), fmt)
        _validator(document["kind"]).validate(document)

    @given(obj=document_objects() | catalogues())
    def test_the_document_data_matches_its_schema(self, obj):
        """to_document's data itself, as JSON, is schema-valid."""
        document = json.loads(json.dumps(to_document(obj)))
        _validator(document["kind"]).validate(document)

    @given(obj=document_objects() | catalogues())
    def test_a_document_written_for_an_empty_catalogue_matches_its_schema(self, obj):
        """A document that declares all its words and sources is schema-valid too."""
        empty = Catalogue.empty()
        document = json.loads(json.dumps(to_document(obj, catalogue=empty)))
        _validator(document["kind"], catalogue=empty).validate(document)

    def test_the_uk_catalogue_written_whole_matches_its_schema(self):
        """The UK catalogue with its vocabulary and sources written out is a valid catalogue."""
        document = json.loads(json.dumps(to_document(uk.catalogue(), catalogue=Catalogue.empty())))
        assert {"vocabulary", "sources", "schemes"} <= set(document)
        _validator("catalogue").validate(document)

    @pytest.mark.parametrize(
        ("change", "where"),
        [
            (lambda d: d.pop("kind"), "kind"),
            (lambda d: d.update(version=2), "version"),
            (lambda d: d["portfolio"].update(extra=1), "extra"),
            (lambda d: d["portfolio"]["memberships"][0]["period"].update(start="5 May"), "start"),
        ],
    )
    def test_the_schema_refuses_what_the_loader_refuses(self, change, where):
        """A missing kind, another version, an unknown key or a bad date fail the schema too."""
        document = read_document(DATA / "people" / "consultant.toml")
        change(document)
        errors = list(_validator("portfolio").iter_errors(document))
        assert errors
        assert any(where in (str(e.path) + e.message) for e in errors)

    @pytest.mark.parametrize(
        ("change", "where"),
        [
            (lambda d: d.update(portfolio={}), "portfolio"),
            (lambda d: d["schemes"][0].update(covers=[]), "covers"),
            (lambda d: d["schemes"][0]["source"].pop("source"), "source"),
        ],
    )
    def test_the_catalogue_schema_refuses_what_the_loader_refuses(self, change, where):
        """An unknown table, a scheme of no covers or a citation of no source fail the schema."""
        document = read_document(DATA / "nhs.toml")
        change(document)
        errors = list(_validator("catalogue").iter_errors(document))
        assert errors
        assert any(where in (str(list(e.path)) + e.message) for e in errors)
