"""Files: schemes, portfolios and decisions saved and loaded as JSON, TOML and YAML."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indemnity import (
    Activity,
    Citation,
    Cover,
    DataError,
    Decision,
    FileFormatError,
    IndemnityError,
    Matter,
    MembershipPeriod,
    Period,
    Portfolio,
    Scheme,
    load,
    save,
)
from indemnity import _toml_writer as toml_writer
from indemnity.files import (
    FORMAT_VERSION,
    MAX_BYTES,
    MAX_DEPTH,
    dumps,
    format_of,
    from_document,
    load_decision,
    load_portfolio,
    load_scheme,
    loads,
    parse_document,
    read_document,
    to_document,
)
from indemnity.uk import scheme as builtin
from tests.strategies import document_objects, json_values, toml_documents

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ["json", "toml", "yaml"]
PEOPLE_FILES = sorted((ROOT / "indemnity" / "examples" / "people").glob("*.toml"))
CITE = Citation("000_d40f28ef5600d884.txt", "a quote")


def _expected(obj: object) -> object:
    """What loading gives back for a saved object: decisions come back as their data."""
    return obj.to_dict() if isinstance(obj, Decision) else obj


def _scheme(key: str = "my-mdo") -> Scheme:
    cover = Cover(
        name="private practice",
        matters=frozenset({Matter.CLINICAL_NEGLIGENCE}),
        activities=frozenset({"private-practice"}),
        territory=frozenset({"england"}),
        source=CITE,
    )
    return Scheme(
        key, "My MDO", "Someone", "discretionary-membership", "occurrence", (cover,), CITE
    )


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


class TestRoundTrip:
    """Saving then loading gives back an equal object, in every format."""

    @given(obj=document_objects(), fmt=st.sampled_from(FORMATS))
    def test_saving_then_loading_gives_back_an_equal_object(self, obj, fmt):
        """loads(dumps(x)) == x for schemes and portfolios; a decision gives its data."""
        assert loads(dumps(obj, fmt), fmt) == _expected(obj)

    @given(obj=document_objects())
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

    def test_catalogue_schemes_are_named_by_key(self):
        """A membership of a built-in scheme is written as its key, with no copy of the scheme."""
        portfolio = Portfolio((MembershipPeriod(builtin("cnst"), Period(dt.date(2020, 1, 1))),))
        document = to_document(portfolio)
        assert document["portfolio"]["memberships"][0]["scheme"] == "cnst"
        assert "schemes" not in document

    def test_own_schemes_are_written_once_in_the_schemes_list(self):
        """A scheme not in the catalogue goes once into `schemes`; memberships name its key."""
        mine = _scheme()
        portfolio = Portfolio(
            (
                MembershipPeriod(mine, Period(dt.date(2020, 1, 1), dt.date(2021, 1, 1))),
                MembershipPeriod(mine, Period(dt.date(2022, 1, 1))),
            )
        )
        document = to_document(portfolio)
        assert [m["scheme"] for m in document["portfolio"]["memberships"]] == ["my-mdo"] * 2
        assert [s["key"] for s in document["schemes"]] == ["my-mdo"]
        assert loads(dumps(portfolio, "toml"), "toml") == portfolio

    def test_a_changed_catalogue_scheme_is_not_mistaken_for_the_original(self):
        """A scheme with a catalogue key but other rules keeps its own rules through a file."""
        changed = _scheme("cnst")
        portfolio = Portfolio(
            (
                MembershipPeriod(builtin("cnst"), Period(dt.date(2020, 1, 1))),
                MembershipPeriod(changed, Period(dt.date(2020, 1, 1))),
            )
        )
        back = loads(dumps(portfolio))
        assert back == portfolio
        assert {m.scheme for m in back} == {builtin("cnst"), changed}

    def test_an_empty_catalogue_writes_every_scheme(self):
        """With schemes={} nothing is assumed known: the file carries every scheme."""
        portfolio = load_portfolio(PEOPLE_FILES[0])
        document = to_document(portfolio, schemes={})
        assert {s["key"] for s in document["schemes"]} == {m.scheme.key for m in portfolio}
        assert loads(json.dumps(document), schemes={}) == portfolio

    def test_a_scheme_file_may_name_shared_exclusions(self):
        """A scheme document's `exclusions` table is looked up by name from its covers."""
        data = to_document(_scheme())
        exclusion = {"when": {"is": {"fact": "declared", "value": False}}, "reason": "undeclared"}
        data["exclusions"] = {"undeclared": {**exclusion, "source": {"source": "x"}}}
        data["scheme"]["covers"][0]["exclusions"] = ["undeclared"]
        scheme = loads(json.dumps(data))
        assert scheme.covers[0].exclusions[0].reason == "undeclared"

    def test_a_decision_loads_as_its_data_with_every_key(self, tmp_path):
        """A decision file gives back exactly `to_dict()`, nulls restored even from TOML."""
        portfolio = load_portfolio(ROOT / "indemnity/examples/people/provider.toml")
        decision = portfolio.is_covered(
            Activity.of("healthcare-services", by_employee=True, malicious=False),
            dt.date(2022, 6, 15),
            "england",
            matter="defamation",
        )
        path = save(decision, tmp_path / "decision.toml")
        assert "null" not in path.read_text()
        assert load_decision(path) == decision.to_dict()

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
        ("document", "match"),
        [
            ({"a": [1, None]}, r"'a\[1\]' expected a value \(TOML has no null\)"),
            ({"a": 2**64}, "'a' expected a whole number TOML can hold"),
            ({"a": {1: 2}}, "expected a string key"),
            ({"a": object()}, "'a' expected a string, number, boolean, list or table"),
        ],
    )
    def test_values_toml_cannot_hold_are_refused(self, document, match):
        """What TOML cannot hold raises InvalidFieldError naming where it is."""
        with pytest.raises(IndemnityError, match=match):
            toml_writer.dumps(document)

    def test_long_tables_get_sections_and_short_ones_stay_inline(self):
        """A short table stays on its key's line; a long list of tables gets [[sections]]."""
        text = dumps(load_portfolio(PEOPLE_FILES[0]), "toml")
        assert "[[portfolio.memberships]]" in text
        assert 'period = { start = "' in text


class TestDocument:
    """A file is a document: a kind, a format version, and the object under its kind."""

    @pytest.mark.parametrize(
        ("text", "match"),
        [
            ("[]", "expected a table at the top"),
            (
                "{}",
                "'kind' expected the document kind: 'scheme', 'portfolio', 'decision', got nothing",
            ),
            (
                '{"kind": "policy"}',
                "'kind' expected one of 'scheme', 'portfolio', 'decision', got 'policy'",
            ),
            ('{"kind": "portfolio"}', "'version' expected the format version, 1, got nothing"),
            (
                '{"kind": "portfolio", "version": 2, "portfolio": {}}',
                "'version' expected format version 1",
            ),
            (
                '{"kind": "portfolio", "version": true, "portfolio": {}}',
                "'version' expected format version 1",
            ),
            (
                '{"kind": "portfolio", "version": 1}',
                "'portfolio' expected the portfolio itself, got nothing",
            ),
            ('{"kind": "scheme", "version": 1, "portfolio": {}}', "'portfolio' is not a known key"),
            ('{"kind": "scheme", "version": 1, "schemes": []}', "'schemes' is not a known key"),
        ],
    )
    def test_the_envelope_is_checked(self, text, match):
        """Kind, version and the object's key are required; other keys are refused."""
        with pytest.raises(FileFormatError, match=match):
            loads(text, name="doc.json")

    def test_an_empty_portfolio_is_a_valid_document(self):
        """A portfolio of no memberships loads: holding nothing is a real answer."""
        assert loads('{"kind": "portfolio", "version": 1, "portfolio": {}}') == Portfolio()

    def test_the_typed_loaders_refuse_another_kind(self, tmp_path):
        """load_scheme on a portfolio file says which kind it expected and found."""
        path = save(load_portfolio(PEOPLE_FILES[0]), tmp_path / "p.json")
        with pytest.raises(
            FileFormatError, match="'kind' expected a scheme document, got 'portfolio'"
        ):
            load_scheme(path)
        with pytest.raises(FileFormatError, match="expected a decision document"):
            load_decision(path)

    def test_the_format_version_is_written(self):
        """Every document says the format version it is written in."""
        assert to_document(_scheme())["version"] == FORMAT_VERSION == 1

    def test_a_decision_whose_covered_flag_contradicts_its_outcome_is_refused(self):
        """`covered` must agree with `outcome`, so a hand-edited file cannot say both."""
        decision = load_portfolio(PEOPLE_FILES[0]).is_covered(
            Activity.of("good-samaritan"), dt.date(2025, 1, 1), "england"
        )
        data = to_document(decision)
        data["decision"]["covered"] = not data["decision"]["covered"]
        with pytest.raises(FileFormatError, match=r"'decision\.covered' expected"):
            loads(json.dumps(data))

    def test_only_plain_objects_are_saved(self):
        """to_document refuses anything but a scheme, a portfolio or a decision."""
        with pytest.raises(IndemnityError, match="a Scheme, a Portfolio or a Decision"):
            to_document(Period(dt.date(2020, 1, 1)))  # type: ignore[arg-type]

    def test_from_document_builds_from_data(self):
        """Data already parsed (from a database, say) builds the object too."""
        data = json.loads(dumps(_scheme()))
        assert from_document(data) == _scheme()


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
        assert str(err) == (
            f"{path}: 'portfolio.memberships[2].period.end' must be after 'start' "
            "(got start=2020-01-01, end=2019-01-01)"
        )

    def test_an_unknown_scheme_key_suggests_the_nearest(self):
        """A typo in a scheme key names the key found and the closest known one."""
        text = _portfolio_text(
            '[[portfolio.memberships]]\nscheme = "cnts"\nperiod = { start = 2020-01-01 }\n'
        )
        with pytest.raises(FileFormatError, match="did you mean 'cnst'") as caught:
            loads(text, "toml", name="p.toml")
        assert caught.value.field == "portfolio.memberships[0].scheme"
        assert str(caught.value).startswith("p.toml: ")

    def test_a_typo_in_a_key_is_refused(self):
        """An unknown key is an error, so a misspelt field never silently drops a rule."""
        text = _portfolio_text(
            '[[portfolio.memberships]]\nschem = "cnst"\nperiod = { start = 2020-01-01 }\n'
        )
        with pytest.raises(
            FileFormatError,
            match=r"'portfolio\.memberships\[0\]\.schem' is not a known key.*did you mean 'scheme'",
        ):
            loads(text, "toml")

    def test_a_parse_error_names_the_line(self):
        """Text that does not parse is reported with its line and column."""
        with pytest.raises(
            FileFormatError, match=r"^bad\.json: not valid JSON: .*\(line 2, column"
        ):
            loads('{\n  "kind": }', name="bad.json")

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

    @pytest.mark.parametrize(
        ("name", "given", "match"),
        [
            ("p.txt", None, "expected a file name ending .json, .toml, .yaml, .yml, got '.txt'"),
            ("p", None, "expected a file name ending"),
            ("p.json", "xml", "expected a format: json, toml, yaml, got 'xml'"),
        ],
    )
    def test_the_format_must_be_known(self, name, given, match):
        """A file whose suffix names no format, or an unknown format, is refused."""
        with pytest.raises(FileFormatError, match=match):
            format_of(name, given)

    def test_the_suffix_is_read_case_blind(self):
        """PORTFOLIO.TOML is TOML."""
        assert format_of("PORTFOLIO.TOML") == "toml"

    def test_a_missing_file_raises_os_error(self, tmp_path):
        """A file that cannot be opened is an OSError, as open() raises."""
        with pytest.raises(FileNotFoundError):
            load(tmp_path / "nope.toml")


class TestSafety:
    """Untrusted files are refused cleanly: too large, too deep, or unsafe YAML."""

    def test_a_file_over_the_byte_limit_is_refused_unread(self, tmp_path):
        """A file bigger than MAX_BYTES is refused with the limit named."""
        path = tmp_path / "big.json"
        path.write_bytes(b" " * (MAX_BYTES + 1))
        with pytest.raises(FileFormatError, match="at most 5,000,000 bytes"):
            load(path)

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_text_over_the_byte_limit_is_refused(self, fmt):
        """Text bigger than MAX_BYTES is refused before it is parsed."""
        with pytest.raises(FileFormatError, match="at most 5,000,000 bytes"):
            loads("#" * (MAX_BYTES + 1), fmt)

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
        with pytest.raises(FileFormatError, match=f"nested at most {MAX_DEPTH} deep"):
            loads(text, fmt)

    def test_nesting_the_scan_misses_is_refused_after_parsing(self):
        """A TOML table nested by dotted keys past MAX_DEPTH is refused with its path."""
        text = "[" + ".".join(["a"] * (MAX_DEPTH + 2)) + "]\nb = 1\n"
        with pytest.raises(FileFormatError, match="nested at most 64 deep"):
            loads(text, "toml")

    def test_nesting_up_to_the_limit_is_read(self):
        """MAX_DEPTH levels, the top table included, are fine; one more is refused."""
        text = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
        assert parse_document('{"a": ' + text + "}")["a"]
        with pytest.raises(FileFormatError, match="nested at most 64 deep"):
            parse_document('{"a": [' + text + "]}")

    def test_brackets_inside_strings_do_not_count(self):
        """A quote full of brackets is text, not nesting."""
        text = json.dumps({"kind": "portfolio", "version": 1, "portfolio": {"holder": "[" * 500}})
        assert loads(text).holder == "[" * 500

    def test_yaml_aliases_are_refused(self):
        """Aliases could blow a small file up into a huge document: they are refused."""
        text = "a: &x [1, 2]\nb: *x\n"
        with pytest.raises(FileFormatError, match=r"aliases \(\*name\) are not accepted"):
            loads(text, "yaml")

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
        with pytest.raises(FileFormatError, match="not valid YAML"):
            loads(text, "yaml")

    @pytest.mark.parametrize(
        ("fmt", "text"),
        [("json", '{"a": 1, "a": 2}'), ("yaml", "a: 1\na: 2\n"), ("toml", "a = 1\na = 2\n")],
    )
    def test_duplicate_keys_are_refused(self, fmt, text):
        """A key given twice is an error in every format, not a silent last-one-wins."""
        with pytest.raises(FileFormatError, match="not valid"):
            loads(text, fmt)

    @pytest.mark.parametrize("word", ["NaN", "Infinity", "-Infinity"])
    def test_json_constants_outside_the_standard_are_refused(self, word):
        """NaN and Infinity are not JSON numbers."""
        with pytest.raises(FileFormatError, match="not a JSON number"):
            loads('{"a": ' + word + "}")

    def test_yaml_special_floats_are_refused(self):
        """YAML's .nan has no JSON form: it is refused with its path."""
        with pytest.raises(FileFormatError, match="'a' expected a finite number"):
            loads("a: .nan\n", "yaml")

    def test_bytes_that_are_not_utf8_are_refused(self):
        """Files are UTF-8; other bytes are reported, not decoded wrongly."""
        with pytest.raises(FileFormatError, match="not UTF-8 text: invalid byte at byte 1"):
            loads(b'{\xff"a": 1}')

    def test_a_byte_order_mark_is_accepted(self):
        """A UTF-8 BOM, as some editors write, is skipped."""
        assert parse_document("\ufeff" + '{"a": 1}') == {"a": 1}

    def test_yaml_keys_must_be_strings_with_a_hint(self):
        """YAML 1.1 reads an unquoted `on:` as true; the error says to quote it."""
        with pytest.raises(FileFormatError, match="quote keys such as 'on'"):
            loads("question:\n  on: 2025-01-01\n", "yaml")

    def test_a_time_is_not_a_date(self):
        """A TOML date-time where a date is meant is refused, not truncated."""
        with pytest.raises(FileFormatError, match="'a' expected a date such as 2024-11-05"):
            loads("a = 2024-11-05T10:00:00\n", "toml")

    def test_dates_become_iso_strings(self):
        """TOML and YAML dates read as the ISO strings JSON files hold."""
        assert parse_document("a = 2024-11-05\n", "toml") == {"a": "2024-11-05"}
        assert parse_document("a: 2024-11-05\n", "yaml") == {"a": "2024-11-05"}

    def test_missing_pyyaml_gives_a_clear_error(self, monkeypatch):
        """Without PyYAML, YAML raises IndemnityError saying how to install it."""
        monkeypatch.setitem(sys.modules, "yaml", None)
        with pytest.raises(IndemnityError, match=r"pip install 'indemnity\[yaml\]'"):
            loads("a: 1\n", "yaml")
        with pytest.raises(IndemnityError, match="PyYAML"):
            dumps(_scheme(), "yaml")


class TestFuzz:
    """Random input to the loaders raises only the library's own error."""

    @given(data=st.binary(max_size=200), fmt=st.sampled_from(FORMATS))
    def test_random_bytes_raise_only_file_format_error(self, data, fmt):
        """Any bytes at all: FileFormatError naming the file, or nothing else."""
        with pytest.raises(FileFormatError, match=r"^fuzz\.file: "):
            loads(data, fmt, name="fuzz.file")

    @given(value=json_values, fmt=st.sampled_from(FORMATS))
    def test_random_json_raises_only_file_format_error(self, value, fmt):
        """Any JSON value, written in any format, is refused with FileFormatError."""
        text = _write(value, fmt)
        if text is None:
            return
        with pytest.raises(FileFormatError, match=r"^fuzz: "):
            loads(text, fmt, name="fuzz")

    @given(
        kind=st.sampled_from(["scheme", "portfolio", "decision"]),
        value=json_values,
        fmt=st.sampled_from(FORMATS),
    )
    def test_random_objects_in_a_document_raise_only_file_format_error(self, kind, value, fmt):
        """A well-formed envelope around random data loads or raises FileFormatError."""
        text = _write({"kind": kind, "version": 1, kind: value}, fmt)
        if text is None:
            return
        _load_or_refuse(text, fmt)

    @given(obj=document_objects(), data=st.data())
    def test_mutated_documents_raise_only_file_format_error(self, obj, data):
        """A valid document with one value replaced by random JSON loads or is refused cleanly."""
        document = json.loads(json.dumps(to_document(obj)))
        paths = list(_paths(document))
        path = data.draw(st.sampled_from(paths))
        replacement = data.draw(json_values)
        _set(document, path, replacement)
        _load_or_refuse(json.dumps(document), "json")

    @given(obj=document_objects(), data=st.data())
    def test_documents_with_a_key_removed_raise_only_file_format_error(self, obj, data):
        """Dropping any key of a valid document loads or is refused cleanly."""
        document = json.loads(json.dumps(to_document(obj)))
        paths = [p for p in _paths(document) if p and isinstance(p[-1], str)]
        path = data.draw(st.sampled_from(paths))
        parent = _get(document, path[:-1])
        del parent[path[-1]]
        _load_or_refuse(json.dumps(document), "json")


def _write(value: object, fmt: str) -> str | None:
    if fmt == "json":
        return json.dumps(value)
    if fmt == "yaml":
        import yaml

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
        message = str(err)
    else:
        return
    assert message.startswith("fuzz: ")


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


class TestExamples:
    """The files shipped with the package load."""

    @pytest.mark.parametrize("path", PEOPLE_FILES, ids=lambda p: p.name)
    def test_every_built_in_person_file_loads(self, path):
        """Each built-in person's file is a valid portfolio naming catalogue schemes."""
        portfolio = load_portfolio(path)
        assert portfolio.holder
        assert len(portfolio) >= 1

    def test_read_document_gives_the_plain_data(self):
        """read_document parses a file without building it."""
        document = read_document(PEOPLE_FILES[0])
        assert document["kind"] == "portfolio"
        assert all(isinstance(m["scheme"], str) for m in document["portfolio"]["memberships"])
