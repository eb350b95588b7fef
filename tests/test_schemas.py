"""The JSON Schemas shipped in the package: valid, current, and true of every file we write."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indemnity import ActivityKind, Fact, Jurisdiction, Matter
from indemnity.files import dumps, json_schema, parse_document, read_document, to_document
from indemnity.schemas import _generate
from tests.strategies import document_objects

ROOT = Path(__file__).resolve().parent.parent
KINDS = ["scheme", "portfolio", "decision"]
EXAMPLES = sorted(
    p
    for folder in (ROOT / "indemnity" / "examples", ROOT / "docs" / "examples")
    if folder.exists()
    for p in folder.rglob("*")
    if p.suffix in {".toml", ".json", ".yaml", ".yml"}
)
FENCE = re.compile(r"^```(toml|json|yaml)[^\n]*\n(.*?)^```", re.M | re.S)
DOC_PAGES = [ROOT / "docs" / "files.md", ROOT / "docs" / "howto-own-scheme.md"]


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        json_schema(kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _doc_blocks():
    """Every TOML, JSON and YAML document shown in the file-format docs."""
    for page in DOC_PAGES:
        if not page.exists():
            continue
        text = page.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            yield pytest.param(match[1], match[2], id=f"{page.name}:{line}")


class TestShippedSchemas:
    """The schema files are valid draft 2020-12 schemas, generated from the model."""

    @pytest.mark.parametrize("kind", KINDS)
    def test_each_schema_is_a_valid_draft_2020_12_schema(self, kind):
        """The metaschema accepts each shipped schema."""
        schema = json_schema(kind)
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    @pytest.mark.parametrize("kind", KINDS)
    def test_the_files_are_what_the_generator_writes(self, kind):
        """Run `python -m indemnity.schemas._generate` after changing the model."""
        assert json_schema(kind) == _generate.generate(kind)
        shipped = (ROOT / "indemnity" / "schemas" / f"{kind}.schema.json").read_text("utf-8")
        assert shipped == _generate.text(_generate.generate(kind))

    def test_the_names_follow_the_enums(self):
        """The schemas list exactly the model's kinds, matters, jurisdictions and facts."""
        defs = json_schema("portfolio")["$defs"] | json_schema("decision")["$defs"]
        assert defs["activityKind"]["enum"] == [k.value for k in ActivityKind]
        assert defs["matter"]["enum"] == [m.value for m in Matter]
        assert defs["jurisdiction"]["enum"] == [j.value for j in Jurisdiction]
        assert defs["fact"]["enum"] == [f.value for f in Fact]

    def test_an_unknown_kind_is_refused(self):
        """Asking for the schema of no document kind names the kinds there are."""
        with pytest.raises(ValueError, match="did you mean 'scheme'"):
            json_schema("schema")  # type: ignore[arg-type]

    def test_the_schemas_are_in_the_wheel(self):
        """The schema files sit inside the package folder, which the wheel ships whole."""
        for kind in KINDS:
            assert (ROOT / "indemnity" / "schemas" / f"{kind}.schema.json").is_file()


class TestExamplesValidate:
    """Every example file, and every document the docs show, is valid."""

    def test_there_are_examples(self):
        """The example files are found, so the tests below cannot pass on none."""
        assert len(EXAMPLES) >= 4

    @pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
    def test_each_example_file_matches_its_schema(self, path):
        """An example file validates against the schema of its kind."""
        document = read_document(path)
        _validator(document["kind"]).validate(document)

    @pytest.mark.parametrize(("fmt", "text"), list(_doc_blocks()))
    def test_each_document_in_the_docs_matches_its_schema(self, fmt, text):
        """A document shown in the docs validates; a fragment (no kind) is skipped."""
        document = parse_document(text, fmt)
        if "kind" not in document:
            pytest.skip("a fragment, not a whole document")
        _validator(document["kind"]).validate(document)


class TestWhatSaveWrites:
    """Whatever `save` writes matches the schema of its kind, in every format."""

    @given(obj=document_objects(), fmt=st.sampled_from(["json", "toml", "yaml"]))
    def test_every_saved_document_matches_its_schema(self, obj, fmt):
        """A saved scheme, portfolio or decision, read back as data, is schema-valid."""
        document = parse_document(dumps(obj, fmt), fmt)
        _validator(document["kind"]).validate(document)

    @given(obj=document_objects())
    def test_the_document_data_matches_its_schema(self, obj):
        """to_document's data itself, as JSON, is schema-valid."""
        document = json.loads(json.dumps(to_document(obj)))
        _validator(document["kind"]).validate(document)

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
        document = read_document(ROOT / "indemnity/examples/people/consultant.toml")
        change(document)
        errors = list(_validator("portfolio").iter_errors(document))
        assert errors
        assert any(where in (str(e.path) + e.message) for e in errors)
