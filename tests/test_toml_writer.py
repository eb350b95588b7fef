"""The small TOML writer: what it writes, tomllib reads back equal and in the same order."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given

from indemnity import InvalidFieldError
from indemnity.io import toml_writer
from indemnity.io.documents import dumps, load_portfolio
from tests.strategies import toml_documents

PEOPLE_FILES = sorted(
    (Path(__file__).resolve().parent.parent / "indemnity" / "uk" / "data" / "people").glob("*.toml")
)


class TestTomlWriter:
    """The small TOML writer writes what tomllib reads back equal."""

    @given(document=toml_documents)
    def test_tomllib_reads_back_what_the_writer_writes(self, document):
        """tomllib.loads(dumps(d)) == d for any table of TOML-able values."""
        assert tomllib.loads(toml_writer.dumps(document)) == document

    def test_none_in_a_table_is_left_out(self):
        """TOML has no null: a None value is not written, so it reads back as absent."""
        assert tomllib.loads(toml_writer.dumps({"a": None, "b": 1})) == {"b": 1}

    @pytest.mark.parametrize(
        ("document", "field", "expected"),
        [
            ({"a": [1, None]}, "a[1]", "a value (TOML has no null)"),
            ({"a": 2**64}, "a", "a whole number TOML can hold (64 bits)"),
            ({"a": {1: 2}}, "a.1", "a string key"),
            ({"a": object()}, "a", "a string, number, boolean, list or table"),
        ],
    )
    def test_values_toml_cannot_hold_are_refused(self, document, field, expected):
        """What TOML cannot hold raises InvalidFieldError naming where it is."""
        with pytest.raises(InvalidFieldError) as info:
            toml_writer.dumps(document)
        assert (info.value.field, info.value.expected) == (field, expected)

    def test_long_tables_get_sections_and_short_ones_stay_inline(self):
        """A short table stays on its key's line; a long list of tables gets [[sections]]."""
        text = dumps(load_portfolio(PEOPLE_FILES[0]), "toml")
        assert "[[portfolio.memberships]]" in text
        assert 'period = { start = "' in text

    def test_a_table_of_tables_keeps_its_order(self):
        """Declarations by name read back in the order written, short ones after long ones too."""
        document = {"kinds": {"long": {"description": "x" * 100}, "short": {"label": "s"}}}
        text = toml_writer.dumps(document)
        assert list(tomllib.loads(text)["kinds"]) == ["long", "short"]
        assert "[kinds.short]" in text

    @given(document=toml_documents)
    def test_the_order_of_keys_is_kept_where_a_table_holds_only_tables(self, document):
        """A table whose every value is a table reads back with its keys in the same order."""

        def orders(data: object, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], list[str]]:
            if not isinstance(data, dict):
                return {}
            found = {}
            if data and all(isinstance(v, dict) for v in data.values()):
                found[path] = list(data)
            for key, value in data.items():
                found |= orders(value, (*path, key))
            return found

        assert orders(tomllib.loads(toml_writer.dumps(document))) == orders(document)
