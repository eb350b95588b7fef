"""Safe parsing: JSON, TOML and YAML bytes into plain data, bounded, with nothing evaluated."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from indemnity import FileFormatError, IndemnityError
from indemnity._validate import SAFE_TEXT
from indemnity.io import parse, toml_writer
from indemnity.io.parse import (
    MAX_BYTES,
    MAX_CONTAINERS,
    MAX_DEPTH,
    MAX_ITEMS,
    MAX_KEY_LENGTH,
    MAX_STRING_LENGTH,
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


def _run_bounded(code: str, *, memory: int = 1_500_000_000, seconds: int = 60) -> str:
    """What `code` prints, run by a fresh interpreter under a memory and a CPU time limit."""
    limits = (
        "import resource\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))\n"
        f"resource.setrlimit(resource.RLIMIT_CPU, ({seconds}, {seconds}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", limits + code],
        capture_output=True,
        text=True,
        timeout=seconds * 2,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


HOSTILE = """
import time
from indemnity import FileFormatError
from indemnity.io.parse import parse_document
text = {text}  # an expression, so that megabytes need not pass through the command line
start = time.process_time()
try:
    parse_document(text, {fmt!r}, name="hostile")
except FileFormatError as err:
    print("refused", err.expected)
else:
    print("accepted", "")
print(round(time.process_time() - start, 3))
"""


def _hostile(text: str, fmt: str) -> tuple[str, str, float]:
    """Parse `text` in a fresh interpreter under a 1.5 GB memory limit: outcome, expected, time."""
    out = _run_bounded(HOSTILE.format(text=text, fmt=fmt)).splitlines()
    outcome, _, expected = out[0].partition(" ")
    return outcome, expected, float(out[1])


class TestIssueCases:
    """The hostile inputs issue 12 reported are refused quickly, in bounded memory."""

    @pytest.mark.parametrize(
        ("fmt", "text"),
        [
            ("toml", "'a' + '.a' * 100_000 + ' = 1\\n'"),
            ("toml", "'[a' + '.a' * 100_000 + ']\\n'"),
            ("toml", "'[[a' + '.a' * 100_000 + ']]\\n'"),
            ("toml", "'x = {' + 'a.' * 100_000 + 'a = 1}\\n'"),
        ],
        ids=["dotted-key", "header", "array-header", "inline-dotted-key"],
    )
    def test_a_dotted_key_of_200_kb_is_refused_before_tomllib_builds_it(self, fmt, text):
        """100,000 parts grew to 23 GB; now the scan refuses the part past the limit, at once."""
        outcome, expected, seconds = _hostile(text, fmt)
        assert (outcome, expected) == ("refused", TOO_DEEP)
        assert seconds < 2

    @pytest.mark.parametrize(
        ("fmt", "large"), [("json", 2_490_000), ("toml", 2_490_000), ("yaml", 400_000)]
    )
    def test_a_quote_then_escaped_quotes_is_scanned_in_linear_time(self, fmt, large):
        """`"` then `\\"` 32,000 times took 30 s (quadratic); 2,490,000 times now takes a second.

        PyYAML reads every character in Python, so YAML is tried on less: linearly still.
        """
        head = {"json": '"', "toml": 'a = "', "yaml": 'a: "'}[fmt]
        small = _hostile(f"{head!r} + '\\\\\"' * 32_000", fmt)
        big = _hostile(f"{head!r} + '\\\\\"' * {large}", fmt)
        assert small[0] == big[0] == "refused"
        assert small[2] < 2
        assert big[2] < 10

    @pytest.mark.parametrize("fmt", ["json", "toml"])
    def test_a_long_string_costs_a_small_multiple_of_the_file(self, fmt):
        """A 5 MB file of one string used 620 MB to scan; now it fits a 300 MB address space.

        The string is longer than MAX_STRING_LENGTH, so it is refused too.
        """
        body = {
            "json": "'\"' + 'x' * 4_999_000 + '\"'",
            "toml": "'a = \"' + 'x' * 4_999_000 + '\"'",
        }
        # The peak resident memory of this interpreter alone: Linux keeps a
        # process's peak across exec, so the peak is first reset to what the
        # interpreter holds now (clear_refs 5) rather than read from getrusage,
        # which would report the test process the interpreter was started from.
        reset = "open('/proc/self/clear_refs', 'w').write('5')\n"
        peak = (
            "print(next(line.split()[1] for line in open('/proc/self/status')"
            " if line.startswith('VmHWM:')))\n"
        )
        code = reset + HOSTILE.format(text=body[fmt], fmt=fmt)
        out = _run_bounded(code + peak).splitlines()
        assert out[0].startswith("refused")
        assert int(out[2]) < 200_000  # KB: the interpreter, the text and its copies


def _depth(data: object) -> int:
    """How many tables and lists deep `data` nests, itself included."""
    if isinstance(data, dict):
        return 1 + max(map(_depth, data.values()), default=0)
    if isinstance(data, list):
        return 1 + max(map(_depth, data), default=0)
    return 0


def _document(data: dict[str, object], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False)
    if fmt == "yaml":
        return yaml.safe_dump(data, allow_unicode=True, width=10**9)
    return toml_writer.dumps(data)


def _ints(count: int, fmt: str) -> str:
    if fmt == "json":
        return '{"a": [' + ",".join(["0"] * count) + "]}"
    if fmt == "toml":
        return "a = [" + ",".join(["0"] * count) + "]\n"
    return "a: [" + ",".join(["0"] * count) + "]\n"


def _tables(count: int, fmt: str) -> str:
    if fmt == "json":
        return '{"a": [' + ",".join(["{}"] * count) + "]}"
    if fmt == "toml":
        return "a = [" + ",".join(["{}"] * count) + "]\n"
    return "a: [" + ",".join(["{}"] * count) + "]\n"


class TestLimits:
    """Each limit holds in every format: refused beyond it, read up to it."""

    # Each at the limit: the top table, then one table per part of a header, one per part of a
    # dotted key but its last (which holds the value), one per list or inline table.
    AT_THE_LIMIT = (
        "[" + ".".join(["a"] * 63) + "]\nb = 1\n",
        "[[" + ".".join(["a"] * 62) + "]]\nb = 1\n",
        ".".join(["a"] * 64) + " = 1\n",
        "[a]\n" + ".".join(["b"] * 63) + " = 1\n",
        "[[a]]\n" + ".".join(["b"] * 62) + " = 1\n",
        "[a]\nx = " + "[" * 62 + "]" * 62 + "\n",
        "x = { " + ".".join(["a"] * 63) + " = 1 }\n",
        "a . \"b\" . 'c' . " + ".".join(["d"] * 61) + " = 1\n",
    )

    @pytest.mark.parametrize("text", AT_THE_LIMIT)
    def test_dotted_keys_and_headers_count_a_level_per_part(self, text):
        """Up to the limit is read, and nested as deep as MAX_DEPTH allows."""
        assert _depth(parse_document(text, "toml")) == MAX_DEPTH

    @pytest.mark.parametrize("text", AT_THE_LIMIT)
    def test_one_level_more_is_refused_before_parsing(self, text):
        """One part or bracket more is refused by the scan, naming where."""
        if "x = [" in text:
            deeper = text.replace("x = [", "x = [[").removesuffix("\n") + "]\n"
        else:
            deeper = text.replace("a", "a.a", 1)
        if " = 1" in text:  # a list for a value is a level more too
            assert _refused(text.replace(" = 1", " = []"), "toml").expected == TOO_DEEP
        err = _refused(deeper, "toml")
        assert err.expected == TOO_DEEP
        assert "line " in err.got

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_keys_are_at_most_max_key_length(self, fmt):
        """A key of MAX_KEY_LENGTH characters is read; one more is refused with its path."""
        fine = "k" * MAX_KEY_LENGTH
        assert fine in parse_document(_document({fine: 1}, fmt), fmt)
        err = _refused(_document({"a": {fine + "k": 1}}, fmt), fmt)
        assert err.expected == f"keys of at most {MAX_KEY_LENGTH} characters"

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_strings_are_at_most_max_string_length(self, fmt):
        """A string of MAX_STRING_LENGTH characters is read; one more is refused."""
        fine = "é" * MAX_STRING_LENGTH
        assert parse_document(_document({"a": fine}, fmt), fmt)["a"] == fine
        err = _refused(_document({"a": [fine + "é"]}, fmt), fmt)
        assert err.expected == f"strings of at most {MAX_STRING_LENGTH:,} characters"

    @pytest.mark.parametrize("fmt", ["json", "toml"])
    def test_items_are_at_most_max_items(self, fmt):
        """A document of MAX_ITEMS items is read; more are refused before they are built."""
        items = MAX_ITEMS - 1  # the top table's one entry is an item too
        assert len(parse_document(_ints(items, fmt), fmt)["a"]) == items
        err = _refused(_ints(items + 1, fmt), fmt)
        assert err.expected.startswith(f"at most {MAX_ITEMS:,} items")

    @pytest.mark.parametrize("fmt", ["json", "toml"])
    def test_tables_and_lists_are_at_most_max_containers(self, fmt):
        """MAX_CONTAINERS tables and lists, the top table among them, are read; more are not."""
        many = MAX_CONTAINERS - 2  # the top table and the list
        assert len(parse_document(_tables(many, fmt), fmt)["a"]) == many
        err = _refused(_tables(many + 1, fmt), fmt)
        assert err.expected == f"at most {MAX_CONTAINERS:,} tables and lists"

    @pytest.mark.parametrize(
        ("limit", "make", "most"), [("MAX_ITEMS", _ints, 999), ("MAX_CONTAINERS", _tables, 998)]
    )
    def test_yaml_is_counted_as_it_is_composed(self, monkeypatch, limit, make, most):
        """YAML's nodes are counted as PyYAML composes them (with a lower limit: it is slow)."""
        monkeypatch.setattr(parse, limit, 1000)
        assert parse_document(make(most, "yaml"), "yaml")
        err = _refused(make(most + 1, "yaml"), "yaml")
        assert err.expected.startswith("at most")
        assert err.got.startswith("more by line 1, column ")

    def test_a_toml_header_counts_only_the_tables_it_adds(self):
        """Headers sharing their first parts add a table each; a deep new one adds every part."""
        shared = "".join(f"[a.b.c{n}]\nx = 1\n" for n in range(MAX_CONTAINERS // 2))
        assert len(parse_document(shared, "toml")["a"]["b"]) == MAX_CONTAINERS // 2
        fresh = "".join(f"[a{n}.b.c]\n" for n in range(MAX_CONTAINERS // 3 + 1))
        assert _refused(fresh, "toml").expected == f"at most {MAX_CONTAINERS:,} tables and lists"

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_a_document_under_every_limit_is_read_whole(self, fmt):
        """The built-in people, in every format, are far from every limit."""
        for path in PEOPLE_FILES:
            document = read_document(path)
            assert parse_document(_document(document, fmt), fmt) == document


class TestCharacters:
    """Control characters, lone surrogates and noncharacters are refused, written or escaped."""

    @pytest.mark.parametrize("char", ["\x07", "\x1b", "\x7f", "\x85", "\r", "\ufffe", "\U0010ffff"])
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_a_character_written_in_the_text_is_refused_with_its_line(self, fmt, char):
        """Written as it is, the character is refused with its code point, line and column."""
        text = (
            _document({"a": 1}, fmt) + f"# {char}x\n" if fmt != "json" else f'{{\n "a": "{char}"}}'
        )
        err = _refused(text, fmt)
        assert err.expected == SAFE_TEXT
        assert err.got.startswith(f"the character U+{ord(char):04X} (line 2, column ")

    @pytest.mark.parametrize(
        ("fmt", "text"),
        [
            ("json", '{"holder": "Dr \\ud800X"}'),
            ("json", '{"holder": "\\u001b[31mred"}'),
            ("json", '{"holder": "\\uffff"}'),
            ("json", '{"a": ["\\udbff\\udfff"]}'),
            ("yaml", 'holder: "Dr \\ud800X"\n'),
            ("yaml", 'holder: "\\e[31m"\n'),
            ("yaml", 'a: ["\\N"]\n'),
            ("toml", 'holder = "\\u0007"\n'),
            ("toml", 'holder = "a\\rb"\n'),
        ],
    )
    def test_a_character_escaped_in_a_string_is_refused_with_its_path(self, fmt, text):
        """Escaped, the character is refused with the path of the string that holds it."""
        err = _refused(text, fmt)
        assert err.expected == SAFE_TEXT
        assert err.field in {"holder", "a[0]"}

    @pytest.mark.parametrize(
        ("fmt", "text"),
        [("json", '{"\\u0007": 1}'), ("toml", '"\\b" = 1\n'), ("yaml", '"\\e": 1\n')],
    )
    def test_a_key_with_such_a_character_is_refused(self, fmt, text):
        """A key is text too: refused, its path escaped so the message stays one safe line."""
        err = _refused(text, fmt)
        assert err.expected == SAFE_TEXT
        assert err.field.startswith("['\\x")

    def test_windows_line_ends_are_text(self):
        """A carriage return before a line feed ends a line; it is not refused."""
        assert parse_document('a = "x"\r\nb = """1\r\n2"""\r\n', "toml") == {"a": "x", "b": "1\n2"}
        assert parse_document("a: x\r\nb: y\r\n", "yaml") == {"a": "x", "b": "y"}

    def test_tabs_line_feeds_and_every_other_character_are_text(self):
        """Tab, line feed, and the rest of Unicode, astral planes included, are read."""
        text = "tab\t, line\n, é £ \u2028 \U0001f600 \ufdcf \ufdf0 \U0001fffd"
        assert parse_document(json.dumps({"a": text}))["a"] == text


class TestDates:
    """Dates in files are written YYYY-MM-DD; YAML's looser timestamps are refused with a line."""

    @pytest.mark.parametrize(
        ("text", "problem"),
        [
            ("a:\n  b: 2025-02-30\n", "2025-02-30 is not a date written YYYY-MM-DD"),
            ("a:\n  b: 2025-01-05 10:00:00\n", "(a date and time is not a date)"),
            ("a:\n  b: 2025-01-05t10:00:00Z\n", "(a date and time is not a date)"),
        ],
    )
    def test_a_yaml_timestamp_that_is_not_a_date_names_its_line(self, text, problem):
        """A YAML timestamp is read only as a date, YYYY-MM-DD; else the error names the line."""
        err = _refused(text, "yaml")
        assert err.expected == "valid YAML"
        assert problem in err.got
        assert err.got.endswith("(line 2, column 6)")

    def test_a_yaml_date_reads_as_the_iso_text(self):
        """A bare YAML date reads as the same text JSON holds."""
        assert parse_document("a: 2024-02-29\n", "yaml") == {"a": "2024-02-29"}


class TestInput:
    """What the parser takes: text or bytes, a format named loosely, regular files only."""

    @pytest.mark.parametrize("given", ["YAML", " yaml ", ".yml", "Yml"])
    def test_a_format_is_named_loosely(self, given):
        """Case, spacing and a leading dot are forgiven, and yml is YAML."""
        assert format_of("x", given) == "yaml"

    @pytest.mark.parametrize("wrap", [bytes, bytearray, memoryview])
    def test_bytes_of_any_kind_are_read(self, wrap):
        """bytes, bytearray and memoryview are read as UTF-8."""
        assert parse_document(wrap(b'{"a": 1}')) == {"a": 1}

    @pytest.mark.parametrize("text", [None, 3, ["{}"], object()])
    def test_anything_else_is_refused(self, text):
        """Anything but text or bytes is refused with the library's error."""
        assert _refused(text).expected == "the text of a document, or its bytes"

    @pytest.mark.parametrize("path", [None, 3, "", b"", "a\0b.json"])
    def test_a_path_must_name_a_file(self, path):
        """read_document refuses what names no file, with the library's error."""
        with pytest.raises(FileFormatError) as info:
            read_document(path)  # type: ignore[arg-type]
        assert info.value.expected.startswith("a file name")

    def test_a_named_pipe_is_refused_not_waited_on(self, tmp_path):
        """A FIFO is refused at once, even with nobody writing to it."""
        fifo = tmp_path / "pipe.json"
        os.mkfifo(fifo)
        with pytest.raises(FileFormatError) as info:
            read_document(fifo)
        assert (info.value.expected, info.value.got) == ("a regular file", "a named pipe")

    def test_a_folder_is_refused(self, tmp_path):
        """A folder named like a document is not a file to read."""
        folder = tmp_path / "folder.json"
        folder.mkdir()
        with pytest.raises(FileFormatError) as info:
            read_document(folder)
        assert (info.value.expected, info.value.got) == ("a regular file", "a folder")

    def test_a_link_to_a_file_is_read(self, tmp_path):
        """A symbolic link to a regular file reads the file."""
        target = tmp_path / "t.json"
        target.write_text('{"a": 1}', encoding="utf-8")
        link = tmp_path / "l.json"
        link.symlink_to(target)
        assert read_document(link) == {"a": 1}
