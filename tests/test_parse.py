"""Safe parsing: JSON, TOML and YAML bytes into plain data, bounded, with nothing evaluated."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indemnity import FileFormatError, IndemnityError
from indemnity.io.parse import (
    MAX_BYTES,
    MAX_DEPTH,
    SUFFIXES,
    format_of,
    parse_document,
    read_document,
)

ROOT = Path(__file__).resolve().parent.parent
PEOPLE_FILES = sorted((ROOT / "indemnity" / "uk" / "data" / "people").glob("*.toml"))
FORMATS = ["json", "toml", "yaml"]
TOO_DEEP = f"tables and lists nested at most {MAX_DEPTH} deep"


def _refused(text: str | bytes, fmt: str = "json", name: str = "<string>") -> FileFormatError:
    with pytest.raises(FileFormatError) as info:
        parse_document(text, fmt, name=name)  # type: ignore[arg-type]
    return info.value


class TestFormats:
    """The format of a file is the one given, else the one its suffix names."""

    @pytest.mark.parametrize(("suffix", "fmt"), sorted(SUFFIXES.items()))
    def test_each_suffix_names_its_format(self, suffix, fmt):
        """.json, .toml, .yaml and .yml name their formats."""
        assert format_of(f"p{suffix}") == fmt

    def test_the_suffix_is_read_case_blind(self):
        """PORTFOLIO.TOML is TOML."""
        assert format_of("PORTFOLIO.TOML") == "toml"

    def test_a_given_format_wins(self):
        """A format given overrides the suffix."""
        assert format_of("p.txt", "yaml") == "yaml"

    @pytest.mark.parametrize(
        ("name", "given", "expected", "got"),
        [
            ("p.txt", None, "a file name ending .json, .toml, .yaml, .yml", ".txt"),
            ("p", None, "a file name ending .json, .toml, .yaml, .yml", "p"),
            ("p.json", "xml", "a format: json, toml, yaml", "xml"),
        ],
    )
    def test_the_format_must_be_known(self, name, given, expected, got):
        """A file whose suffix names no format, or an unknown format, is refused."""
        with pytest.raises(FileFormatError) as info:
            format_of(name, given)
        assert (info.value.file, info.value.field) == (name, "")
        assert (info.value.expected, info.value.got) == (expected, got)


class TestPlainData:
    """The result is plain JSON-like data, whatever the format."""

    def test_dates_become_iso_strings(self):
        """TOML and YAML dates read as the ISO strings JSON files hold."""
        assert parse_document("a = 2024-11-05\n", "toml") == {"a": "2024-11-05"}
        assert parse_document("a: 2024-11-05\n", "yaml") == {"a": "2024-11-05"}

    def test_the_three_formats_give_the_same_data(self):
        """One document written in each format parses to the same data."""
        data = {"kind": "scheme", "n": [1, 2.5, True], "t": {"x": "y"}}
        texts = {
            "json": json.dumps(data),
            "toml": 'kind = "scheme"\nn = [1, 2.5, true]\nt = { x = "y" }\n',
            "yaml": "kind: scheme\nn: [1, 2.5, true]\nt: {x: y}\n",
        }
        assert all(parse_document(texts[f], f) == data for f in FORMATS)  # type: ignore[arg-type]

    def test_a_document_must_be_a_table(self):
        """A list or a scalar at the top is not a document."""
        err = _refused("[1, 2]", name="x.json")
        assert (err.file, err.field, err.got) == ("x.json", "", [1, 2])
        assert err.expected == "a table at the top, with keys kind, version and the object"

    def test_a_byte_order_mark_is_accepted(self):
        """A UTF-8 BOM, as some editors write, is skipped, in text and in bytes."""
        assert parse_document("\ufeff" + '{"a": 1}') == {"a": 1}
        assert parse_document(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}
        assert parse_document("\ufeffa = 1\n", "toml") == {"a": 1}

    def test_bytes_that_are_not_utf8_are_refused(self):
        """Files are UTF-8; other bytes are reported, not decoded wrongly."""
        err = _refused(b'{\xff"a": 1}')
        assert (err.field, err.expected, err.got) == ("", "UTF-8 text", "invalid byte at byte 1")

    def test_yaml_keys_must_be_strings_with_a_hint(self):
        """YAML 1.1 reads an unquoted `on:` as true; the error says to quote it."""
        err = _refused("question:\n  on: 2025-01-01\n", "yaml")
        assert (err.field, err.got) == ("question", True)
        assert "quote keys such as 'on'" in err.expected

    def test_a_time_is_not_a_date(self):
        """A TOML date-time where a date is meant is refused, not truncated."""
        err = _refused("a = 2024-11-05T10:00:00\n", "toml")
        assert (err.field, err.expected) == ("a", "a date such as 2024-11-05 (not a time)")

    def test_read_document_gives_the_plain_data(self):
        """read_document parses a file without building it."""
        document = read_document(PEOPLE_FILES[0])
        assert document["kind"] == "portfolio"
        assert all(isinstance(m["scheme"], str) for m in document["portfolio"]["memberships"])

    def test_read_document_names_the_file(self, tmp_path):
        """An error in a file read names the file."""
        path = tmp_path / "bad.toml"
        path.write_text("a = \n", encoding="utf-8")
        with pytest.raises(FileFormatError) as info:
            read_document(path)
        assert (info.value.file, info.value.expected) == (str(path), "valid TOML")

    def test_a_missing_file_raises_os_error(self, tmp_path):
        """A file that cannot be opened is an OSError, as open() raises."""
        with pytest.raises(FileNotFoundError):
            read_document(tmp_path / "nope.toml")


class TestSafety:
    """Untrusted files are refused cleanly: too large, too deep, or unsafe YAML."""

    def test_a_file_over_the_byte_limit_is_refused_unread(self, tmp_path):
        """A file bigger than MAX_BYTES is refused with the limit named."""
        path = tmp_path / "big.json"
        path.write_bytes(b" " * (MAX_BYTES + 1))
        with pytest.raises(FileFormatError) as info:
            read_document(path)
        assert info.value.expected == "a file of at most 5,000,000 bytes"

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_text_over_the_byte_limit_is_refused(self, fmt):
        """Text bigger than MAX_BYTES is refused before it is parsed."""
        assert _refused("#" * (MAX_BYTES + 1), fmt).expected == "a file of at most 5,000,000 bytes"

    def test_the_limit_counts_bytes_not_characters(self):
        """Text of few characters but many UTF-8 bytes is measured in bytes."""
        text = '{"a": "' + "é" * (MAX_BYTES // 2) + '"}'
        assert _refused(text).expected == "a file of at most 5,000,000 bytes"

    @pytest.mark.parametrize(
        ("fmt", "text"),
        [
            ("json", "[" * 100_000),
            ("json", '{"a": ' * 65 + "1" + "}" * 65),
            ("toml", "a = " + "[" * 100_000),
            ("toml", "a = " + "{ b = " * 65 + "1" + " }" * 65),
            ("yaml", "[" * 100_000),
            ("yaml", "".join(" " * i + "a:\n" for i in range(2000)) + " " * 2000 + "b: 1\n"),
            ("yaml", "- " * 5000 + "1\n"),
        ],
    )
    def test_deep_nesting_is_refused_before_parsing(self, fmt, text):
        """Nesting beyond MAX_DEPTH raises FileFormatError, never RecursionError."""
        assert _refused(text, fmt).expected == TOO_DEEP

    def test_nesting_the_scan_misses_is_refused_after_parsing(self):
        """A TOML table nested by dotted keys past MAX_DEPTH is refused with its path."""
        text = "[" + ".".join(["a"] * (MAX_DEPTH + 2)) + "]\nb = 1\n"
        err = _refused(text, "toml")
        assert err.expected == TOO_DEEP
        assert err.got.startswith("a deeper nesting at 'a.a.a")

    def test_nesting_up_to_the_limit_is_read(self):
        """MAX_DEPTH levels, the top table included, are fine; one more is refused."""
        text = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
        assert parse_document('{"a": ' + text + "}")["a"]
        assert _refused('{"a": [' + text + "]}").expected == TOO_DEEP

    def test_brackets_inside_strings_do_not_count(self):
        """A quote full of brackets is text, not nesting."""
        text = json.dumps({"kind": "portfolio", "version": 1, "portfolio": {"holder": "[" * 500}})
        assert parse_document(text)["portfolio"]["holder"] == "[" * 500
        toml = 'a = "' + "{" * 500 + "\"\nb = '" + "[" * 500 + "' # ]]]]\n"
        assert parse_document(toml, "toml")["b"] == "[" * 500

    def test_yaml_aliases_are_refused(self):
        """Aliases could blow a small file up into a huge document: they are refused."""
        err = _refused("a: &x [1, 2]\nb: *x\n", "yaml")
        assert err.expected == "valid YAML"
        assert err.got.startswith("aliases (*name) are not accepted")

    @pytest.mark.parametrize(
        "text",
        [
            "!!python/object/apply:os.system ['echo hacked']",
            "a: !!python/name:os.system\n",
            "a: !custom 1\n",
        ],
    )
    def test_yaml_tags_are_not_evaluated(self, text):
        """Only YAML's safe types are built: a Python tag is an error, never a call."""
        assert _refused(text, "yaml").expected == "valid YAML"

    @pytest.mark.parametrize(
        ("fmt", "text"),
        [("json", '{"a": 1, "a": 2}'), ("yaml", "a: 1\na: 2\n"), ("toml", "a = 1\na = 2\n")],
    )
    def test_duplicate_keys_are_refused(self, fmt, text):
        """A key given twice is an error in every format, not a silent last-one-wins."""
        assert _refused(text, fmt).expected == f"valid {fmt.upper()}"

    def test_duplicate_keys_are_refused_at_any_depth(self):
        """A key given twice inside a nested table is refused too."""
        assert (
            _refused('{"a": [{"b": 1, "b": 1}]}').got == "the key 'b' appears twice in one object"
        )

    @pytest.mark.parametrize("word", ["NaN", "Infinity", "-Infinity"])
    def test_json_constants_outside_the_standard_are_refused(self, word):
        """NaN and Infinity are not JSON numbers."""
        err = _refused('{"a": ' + word + "}")
        assert (err.expected, err.got) == ("valid JSON", f"{word} is not a JSON number")

    @pytest.mark.parametrize(("fmt", "text"), [("yaml", "a: .nan\n"), ("toml", "a = inf\n")])
    def test_special_floats_are_refused(self, fmt, text):
        """YAML's .nan and TOML's inf have no JSON form: they are refused with their path."""
        err = _refused(text, fmt)
        assert (err.field, err.expected) == ("a", "a finite number")

    def test_missing_pyyaml_gives_a_clear_error(self, monkeypatch):
        """Without PyYAML, parsing YAML raises IndemnityError saying how to install it."""
        monkeypatch.setitem(sys.modules, "yaml", None)
        with pytest.raises(IndemnityError, match=r"pip install 'indemnity\[yaml\]'"):
            parse_document("a: 1\n", "yaml")
        assert parse_document('{"a": 1}') == {"a": 1}


class TestFuzz:
    """Random input to the parser raises only FileFormatError."""

    @given(data=st.binary(max_size=200), fmt=st.sampled_from(FORMATS))
    def test_random_bytes_raise_only_file_format_error(self, data, fmt):
        """Any bytes at all: plain data, or FileFormatError naming the file."""
        try:
            document, file = parse_document(data, fmt, name="fuzz.file"), "fuzz.file"
        except FileFormatError as err:
            document, file = {}, err.file
        assert file == "fuzz.file"
        assert json.loads(json.dumps(document)) == document

    @given(text=st.text(max_size=200), fmt=st.sampled_from(FORMATS))
    def test_random_text_raises_only_file_format_error(self, text, fmt):
        """Any text at all, lone surrogates included: plain data, or FileFormatError."""
        try:
            document, file = parse_document(text, fmt, name="fuzz.file"), "fuzz.file"
        except FileFormatError as err:
            document, file = {}, err.file
        assert file == "fuzz.file"
        assert isinstance(document, dict)

    @given(
        text=st.text(alphabet="[]{}\"'#:-, \na=1\\", max_size=300),
        fmt=st.sampled_from(FORMATS),
    )
    def test_random_brackets_raise_only_file_format_error(self, text, fmt):
        """Text of brackets, quotes and indentation never escapes the depth checks."""
        try:
            parse_document(text, fmt, name="fuzz.file")
        except FileFormatError as err:
            file = err.file
        else:
            file = "fuzz.file"
        assert file == "fuzz.file"
