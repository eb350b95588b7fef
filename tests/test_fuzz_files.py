"""The fuzzing harness for untrusted files and the command line (issue 12).

Hypothesis builds hostile documents, in every format: real documents (the
built-in people, a scheme) with fragments spliced in that nest deep, spread
wide, run long, dot keys into many parts, escape quotes and characters,
break dates and numbers, tag and alias YAML; then written in UTF-8, with a
byte-order mark, in UTF-16 or UTF-32, in Latin-1, or half in one encoding
and half in another. They are thrown:

- at every loader in this process: each reads within the documented limits
  or refuses with `FileFormatError`, in one line naming the file;
- at the loaders in a fresh process under a memory limit
  (``resource.setrlimit``): nothing else escapes, and the process stays
  under the limit;
- at the command line in a fresh process under the same limit, writing a
  picture over a file that is there: exit 0, or one line on stderr and exit
  2; on failure the picture's old file is untouched and nothing is left.

Saving anything a user may build, and drawing any span of the calendar, are
fuzzed too. The tests that start processes run a few examples each (their
own ``@settings``), so that the suite stays quick with the ``ci`` profile;
the coverage-guided target in ``fuzz/fuzz_loaders.py`` searches for hours.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import math
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indemnity import (
    Activity,
    FileFormatError,
    IndemnityError,
    Period,
    Portfolio,
    Timeline,
    uk,
)
from indemnity._validate import find_unsafe
from indemnity.io.documents import dumps, load, loads, save
from indemnity.io.parse import (
    MAX_DEPTH,
    MAX_ITEMS,
    MAX_KEY_LENGTH,
    MAX_STRING_LENGTH,
    parse_document,
    read_document,
)
from indemnity.svg import timeline_svg
from tests.strategies import memberships

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("json", "toml", "yaml")
MEMORY = 700_000_000
"""The address space a fresh process may use: the interpreter and its libraries take about
a third of it, so a document has room for a small multiple of the 5 MB limit, no more."""

# Seeds: documents every loader reads, in every format.
_SEED_OBJECTS = [*(uk.person(name) for name in uk.PEOPLE), uk.scheme("cnst")]
SEEDS = {fmt: [dumps(obj, fmt) for obj in _SEED_OBJECTS] for fmt in FORMATS}

# Counts at and around the limits, and a few beyond.
_COUNTS = st.sampled_from(
    [
        0,
        1,
        2,
        3,
        MAX_DEPTH - 2,
        MAX_DEPTH - 1,
        MAX_DEPTH,
        MAX_DEPTH + 1,
        MAX_KEY_LENGTH,
        MAX_KEY_LENGTH + 1,
        1000,
        30_000,
    ]
)
_ODD_CHARACTERS = st.sampled_from(
    [
        "\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\ud800", "\udfff", "\ufffe", "\uffff",
        "\U0010ffff", "\ufdd0", "\ufeff", "\u2028", "\u202e", "\u200d", "\r", "\r\n", "\t",
        "\u00e9", "\U0001f600",
    ]
)  # fmt: skip
_WORDS = st.sampled_from(
    [
        '"', "'", '"""', "'''", "\\", '\\"', "\\u0000", "\\ud800", "\\uffff", "\\x1b",
        "\\U0010ffff", "[", "]", "{", "}", ",", ":", "=", ".", "#", "- ", "? ", "&a ", "*a",
        "<<: ", "!!python/object:os.system ",
        "!!binary ", "!!timestamp ", "1e999", "NaN", "-inf", "9" * 5000, "0x10", "1_000",
        "2025-02-30", "20250101", "2025-W01-1", "2025-01-01T10:00:00", "10:00:00",
        "true", "null", "~", "yes", "on", "kind", "version", "1.0", '"1"', "portfolio",
        "scheme", "memberships", "period", "start", "end", "holder", "cnst", "CNST",
    ]
)  # fmt: skip


@st.composite
def _fragments(draw: st.DrawFn, fmt: str) -> str:
    """A hostile piece of text: deep, wide, long, dotted or escaped, or an odd word."""
    n = draw(_COUNTS)
    kind = draw(st.integers(0, 13))
    pieces = [
        lambda: "[" * n + "]" * draw(st.sampled_from([0, n])),
        lambda: '{"a":' * n + "1" + "}" * n,
        lambda: "a = " + "{a = " * n + "1" + "}" * n + "\n",
        lambda: "\n" + ".".join(["a"] * max(1, n)) + " = 1\n",
        lambda: "\n[" + ".".join(["a"] * max(1, n)) + "]\n",
        lambda: "\n[[" + ".".join(["a"] * max(1, n)) + "]]\n",
        lambda: "".join(f"\n{'  ' * i}- " for i in range(min(n, 200))) + "x\n",
        lambda: '"' + '\\"' * n + '"',
        lambda: '"' + "x" * draw(st.sampled_from([n, MAX_STRING_LENGTH + 1])) + '"',
        lambda: "[" + ",".join(["0"] * n) + "]",
        lambda: "[" + ",".join(["{}"] * n) + "]",
        lambda: draw(_ODD_CHARACTERS) * max(1, min(n, 3)),
        lambda: draw(_WORDS),
        lambda: '"' + "k" * draw(st.sampled_from([MAX_KEY_LENGTH, MAX_KEY_LENGTH + 1])) + '": 1',
    ]
    return pieces[kind]()


def _encode(text: str, how: str) -> bytes:
    if how == "utf-8":
        return text.encode("utf-8", "surrogatepass")
    if how == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    if how == "mixed":
        half = len(text) // 2
        return text[:half].encode("utf-8", "surrogatepass") + text[half:].encode(
            "utf-16-le", "surrogatepass"
        )
    return text.encode(how, "replace")


_ENCODINGS = st.sampled_from(
    ["utf-8"] * 6 + ["utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252", "mixed"]
)


@st.composite
def hostile_documents(draw: st.DrawFn, formats: tuple[str, ...] = FORMATS) -> tuple[str, bytes]:
    """A format, and the bytes of a real document of it with hostile fragments spliced in."""
    fmt = draw(st.sampled_from(formats))
    text = draw(st.sampled_from(SEEDS[fmt]))
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.sampled_from([start, min(len(text), start + draw(st.integers(0, 40)))]))
        action = draw(st.sampled_from(["insert", "replace", "delete", "repeat"]))
        if action == "delete":
            text = text[:start] + text[end:]
        elif action == "repeat":
            text = text[:start] + text[start:end] * draw(_COUNTS) + text[end:]
        else:
            piece = draw(_fragments(fmt))
            text = text[:start] + piece + text[end if action == "replace" else start :]
    return fmt, _encode(text[:700_000], draw(_ENCODINGS))


def _assert_clean(err: FileFormatError, name: str) -> None:
    """One line, naming the file, in the user's words: no Python internals."""
    message = str(err)
    assert message.startswith(f"{name}: "), message
    assert "\n" not in message
    for internal in ("datetime.", "(str)", "(int)", "(float)", "(dict)", "(list)", "Traceback"):
        assert internal not in message, message


def _assert_within_limits(data: object) -> None:
    """What a loader gave back is plain data inside every documented limit."""
    items = 0

    def walk(value: object, depth: int) -> None:
        nonlocal items
        if isinstance(value, dict | list):
            assert depth <= MAX_DEPTH
            entries = value.items() if isinstance(value, dict) else enumerate(value)
            for key, inner in entries:
                items += 1
                if isinstance(key, str):
                    assert len(key) <= MAX_KEY_LENGTH
                    assert find_unsafe(key) < 0
                walk(inner, depth + 1)
        elif isinstance(value, str):
            assert len(value) <= MAX_STRING_LENGTH
            assert find_unsafe(value) < 0
        elif isinstance(value, float):
            assert math.isfinite(value)
        else:
            assert value is None or isinstance(value, bool | int)

    walk(data, 1)
    assert items <= MAX_ITEMS


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for the files the examples write, shared by a test's examples."""
    return tmp_path_factory.mktemp("fuzz")


class TestLoadersInProcess:
    """Every loader reads a hostile document within the limits, or refuses it cleanly."""

    @settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(document=hostile_documents())
    def test_parse_document_reads_within_the_limits_or_refuses(self, document):
        """parse_document: plain data inside every limit, or FileFormatError in one clean line."""
        fmt, data = document
        try:
            parsed = parse_document(data, fmt, name=f"hostile.{fmt}")  # type: ignore[arg-type]
        except FileFormatError as err:
            _assert_clean(err, f"hostile.{fmt}")
        else:
            _assert_within_limits(parsed)

    @settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(document=hostile_documents())
    def test_every_loader_of_a_file_agrees_or_refuses(self, document, folder):
        """load, read_document and loads give the same answer, or the same clean error."""
        fmt, data = document
        path = folder / f"hostile.{fmt}"
        path.write_bytes(data)
        outcomes = []
        for attempt in (
            lambda: load(path),
            lambda: read_document(path),
            lambda: loads(data, fmt, name=str(path)),  # type: ignore[arg-type]
        ):
            try:
                attempt()
            except FileFormatError as err:
                _assert_clean(err, str(path))
                outcomes.append(str(err))
            else:
                outcomes.append("read")
        assert outcomes[0] == outcomes[2]
        if outcomes[1] != "read":  # what cannot be parsed cannot be loaded, for the same reason
            assert outcomes[0] == outcomes[1]


_LOADING = """
import resource, sys, traceback
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from indemnity.errors import IndemnityError
from indemnity.io.documents import load, loads
from indemnity.io.parse import read_document
every = sys.argv[2] == "every"  # every loader, or load() alone
bad = 0
for path in sys.argv[3:]:
    data = open(path, "rb").read()
    for attempt in (
        lambda: load(path),
        lambda: every and read_document(path),
        lambda: every and loads(data, path.rpartition(".")[2], name=path),
    ):
        try:
            attempt()
        except IndemnityError:
            pass
        except BaseException:
            traceback.print_exc()
            bad += 1
print("bad", bad)
"""

_COMMAND_LINE = """
import resource, sys
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from indemnity.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _bounded(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `script` in a fresh interpreter limited to `MEMORY` bytes of address space."""
    return subprocess.run(
        [sys.executable, "-c", script, str(MEMORY), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        cwd=cwd,
        timeout=300,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


class TestUnderAMemoryLimit:
    """In a fresh process with a bounded address space, only the library's error escapes."""

    @settings(max_examples=4, suppress_health_check=list(HealthCheck))
    @given(documents=st.lists(hostile_documents(), min_size=4, max_size=12))
    def test_the_loaders(self, documents):
        """Every loader, on a batch of hostile files: refused or read, within the limit."""
        with tempfile.TemporaryDirectory() as where:
            paths = []
            for i, (fmt, data) in enumerate(documents):
                path = Path(where) / f"hostile-{i}.{fmt}"
                path.write_bytes(data)
                paths.append(str(path))
            done = _bounded(_LOADING, "every", *paths, cwd=Path(where))
        assert done.returncode == 0, done.stderr[-3000:]
        assert done.stdout.split() == ["bad", "0"], done.stderr[-3000:]

    @pytest.mark.parametrize(
        ("fmt", "size"), [("json", 5_000_000), ("toml", 5_000_000), ("yaml", 100_000)]
    )
    def test_the_largest_hostile_files(self, fmt, size, tmp_path):
        """Files at the 5 MB limit (YAML, read in Python, at 100 KB), built to cost the most."""
        head = {"json": '{"a": [', "toml": "a = [", "yaml": "a: ["}[fmt]
        tail = {"json": "0]}", "toml": "0]\n", "yaml": "0]\n"}[fmt]
        deep = "[" * (MAX_DEPTH - 2) + "0" + "]" * (MAX_DEPTH - 2) + ","
        paths = []
        for name, body in (
            ("escapes", '"\\"",' * (size // 5)),
            ("items", "0," * min(MAX_ITEMS - 10, size // 2)),
            ("deep", deep * min(95_000 // (MAX_DEPTH - 2), size // len(deep))),
            ("over", "0," * 2_600_000),
        ):
            path = tmp_path / f"{name}.{fmt}"
            path.write_text(head + body + tail, encoding="utf-8")
            paths.append(str(path))
        done = _bounded(_LOADING, "load", *paths, cwd=tmp_path)
        assert done.returncode == 0, done.stderr[-3000:]
        assert done.stdout.split() == ["bad", "0"], done.stderr[-3000:]


_OLD_PICTURE = "<svg>the old picture</svg>\n"
_SPAN = ["--in", "england", "--from", "2020-01-01", "--to", "2022-01-01"]
_COMMANDS = st.sampled_from(
    [
        ["validate", "{file}"],
        ["check", "private-practice", "--portfolio", "{file}", "--in", "wales",
         "--on", "2021-03-01"],
        ["timeline", "private-practice", "--portfolio", "{file}", *_SPAN, "--svg", "out.svg"],
        ["timeline", "nhs-contracted-care", "--portfolio", "{file}", *_SPAN, "--svg", "out.svg"],
        ["gaps", "private-practice", "--portfolio", "{file}", *_SPAN, "--json"],
    ]
)  # fmt: skip


class TestTheCommandLine:
    """The command line, in a fresh process under a memory limit, on hostile files."""

    @settings(max_examples=6, suppress_health_check=list(HealthCheck))
    @given(document=hostile_documents(), command=_COMMANDS)
    def test_exit_0_or_one_line_and_exit_2_and_nothing_changed(self, document, command):
        """Exit 0, or one line on stderr and exit 2; on failure, out.svg is as it was."""
        fmt, data = document
        with tempfile.TemporaryDirectory() as where:
            folder = Path(where)
            (folder / f"mine.{fmt}").write_bytes(data)
            (folder / "out.svg").write_text(_OLD_PICTURE, encoding="utf-8")
            before = sorted(p.name for p in folder.iterdir())
            args = [arg.replace("{file}", f"mine.{fmt}") for arg in command]
            done = _bounded(_COMMAND_LINE, *args, cwd=folder)
            assert "Traceback" not in done.stderr
            assert done.returncode in {0, 2}, done.stderr[-3000:]
            assert find_unsafe(done.stdout) < 0
            assert sorted(p.name for p in folder.iterdir()) == before
            picture = (folder / "out.svg").read_text(encoding="utf-8")
            if done.returncode == 2:
                assert done.stderr.count("\n") == 1, done.stderr
                assert done.stderr.startswith("indemnity: error: ")
                assert find_unsafe(done.stderr) < 0
                assert picture == _OLD_PICTURE
            elif "--svg" in args:
                ET.fromstring(picture)  # noqa: S314 - our own picture: whole, valid XML

    def test_a_picture_cut_short_by_a_file_size_limit_leaves_the_old_file(self, tmp_path):
        """Past RLIMIT_FSIZE the write fails: one line naming the file, the old one whole."""
        target = tmp_path / "out.svg"
        target.write_text(_OLD_PICTURE, encoding="utf-8")
        script = _COMMAND_LINE.replace(
            "from indemnity.cli",
            "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\nfrom indemnity.cli",
        )
        args = ["timeline", "private-practice", "--person", "locum", *_SPAN, "--svg", "out.svg"]
        done = _bounded(script, *args, cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith("indemnity: error: out.svg: ")
        assert done.stderr.count("\n") == 1
        assert target.read_text(encoding="utf-8") == _OLD_PICTURE
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out.svg"]


class TestSavingAnything:
    """Saving what a user may build: written whole and read back, or refused, nothing changed."""

    @given(
        holder=st.text(max_size=12),
        label=st.text(max_size=12),
        fmt=st.sampled_from(FORMATS),
    )
    def test_save_writes_a_file_every_loader_reads_or_changes_nothing(
        self, holder, label, fmt, folder
    ):
        """A holder or label with any characters at all: saved and read back, or refused."""
        membership = uk.person("locum").memberships[0]
        portfolio = Portfolio((attrs.evolve(membership, label=label),), holder)
        target = folder / f"saved.{fmt}"
        target.write_text("old", encoding="utf-8")
        before = sorted(p.name for p in folder.iterdir())
        try:
            save(portfolio, target)
        except FileFormatError as err:
            _assert_clean(err, str(target))
            assert target.read_text(encoding="utf-8") == "old"
        else:
            assert load(target) == portfolio
        assert sorted(p.name for p in folder.iterdir()) == before

    def test_a_save_cut_short_by_a_file_size_limit_leaves_the_old_file(self, tmp_path):
        """Past RLIMIT_FSIZE, save raises OSError naming the file; the old file is whole."""
        target = tmp_path / "p.json"
        target.write_text('{"old": true}', encoding="utf-8")
        script = (
            "import resource, sys\n"
            "resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))\n"
            "from indemnity import uk\n"
            "from indemnity.io.documents import save\n"
            "try:\n"
            "    save(uk.scheme('cnst'), sys.argv[1])\n"
            "except OSError as err:\n"
            "    print(err.filename)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script, str(target)],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=120,
        )
        assert done.stdout.strip() == str(target), done.stderr
        assert target.read_text(encoding="utf-8") == '{"old": true}'
        assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json"]


_EDGES = st.sampled_from(
    [dt.date.min, dt.date(1, 1, 2), dt.date(9999, 12, 1), dt.date(9999, 12, 30), dt.date.max]
)
_ANY_DAY = st.dates() | _EDGES


class TestPicturesOfAnySpan:
    """timeline_svg draws any span of the calendar as valid XML, or raises the library's error."""

    @given(held=memberships(), start=_ANY_DAY, end=_ANY_DAY, horizon=st.none() | _ANY_DAY)
    def test_any_span_is_drawn(self, held, start, end, horizon):
        """From 0001-01-01 to 9999-12-31, with or without claims: valid XML, or IndemnityError."""
        try:
            line = Timeline.of(
                Portfolio((held,), "Dr \x1b[31m\ud800\ufffe"),
                Activity.of("private-practice"),
                "england",
                Period(start, end),
                claim_horizon=horizon,
            )
        except IndemnityError:
            return
        try:
            picture = timeline_svg(line)
        except IndemnityError:
            return
        ET.fromstring(picture)  # noqa: S314 - our own output, which must be valid XML
        assert find_unsafe(picture) < 0
        assert "\ufffd" in picture  # the holder's unsafe characters, replaced


def test_the_seeds_are_read_by_every_loader():
    """The harness starts from documents every loader reads, so its mutations reach deep."""
    for fmt, texts in SEEDS.items():
        for text in texts:
            _assert_within_limits(parse_document(text, fmt))  # type: ignore[arg-type]
            loads(text, fmt)  # type: ignore[arg-type]
    assert json.loads(SEEDS["json"][0])["kind"] == "portfolio"


def _script(path: Path) -> object:
    """A script of the checkout (not a package), imported by its path."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_coverage_guided_target_runs_its_seeds():
    """fuzz/fuzz_loaders.py (atheris aside) loads its seeds, and refuses their mutations cleanly."""
    target = _script(ROOT / "fuzz" / "fuzz_loaders.py")
    seeds = target.seeds()  # type: ignore[attr-defined]
    assert len(seeds) == 15
    for data in seeds.values():
        target.one_input(data)  # type: ignore[attr-defined]
        target.one_input(data[: len(data) // 2] + b"\xff[[[" + data[len(data) // 2 :])  # type: ignore[attr-defined]


def test_the_benchmarks_documents_are_at_the_limits_and_read():
    """benchmarks/bench_parse.py builds documents the parser reads, as big as the limits allow."""
    bench = _script(ROOT / "benchmarks" / "bench_parse.py")
    for fmt in ("json", "toml"):
        texts = {"normal": bench.normal(fmt, 20_000), **bench.documents(fmt, 20_000)}  # type: ignore[attr-defined]
        for name, text in texts.items():
            assert 15_000 < len(text.encode()) <= 20_000, name
            assert bench._parse(text, fmt) == "read", name  # type: ignore[attr-defined]
