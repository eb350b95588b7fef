"""Safe parsing: the bytes of a JSON, TOML or YAML file into plain data, bounded.

Nothing in a file is evaluated; YAML is read with PyYAML's safe loader, with
aliases refused (they can blow a small file up into a huge document). Every
document is held to limits before anything large is built from it, in time
linear in its size and memory a small multiple of it:

- `MAX_BYTES`: a bigger file is refused unread;
- `MAX_DEPTH`: tables and lists nested deeper (a TOML dotted key or table
  header counts a level per part);
- `MAX_ITEMS` entries of tables and items of lists, `MAX_CONTAINERS` tables
  and lists;
- `MAX_KEY_LENGTH` characters in a key, `MAX_STRING_LENGTH` in a string.

Each format is scanned once before (JSON, TOML) or while (YAML) it is parsed:
JSON's separators and brackets are counted, which bounds what the standard
library's parser in C may build; TOML is walked by a small state machine
that counts every part of a dotted key or table header before `tomllib`
sees them (it builds every prefix of a dotted key, so a long one costs the
square of its length); YAML's nodes are counted as PyYAML composes them,
before any is built into data. The data is then checked exactly: its depth,
the lengths of its keys and strings, and its characters: control
characters (other than tab and line feed), lone surrogates and
noncharacters are refused wherever they are, written or escaped. Dates must
be written ``YYYY-MM-DD``; duplicate keys are refused in every format, as
are JSON's ``NaN`` and ``Infinity``, and only regular files are read (a
named pipe or a device is refused, never waited on).

Whatever the bytes, these functions raise `FileFormatError` (an
`IndemnityError`) and nothing else; only a file that cannot be opened raises
`OSError`. The result is plain data: dicts with string keys, lists, strings,
whole numbers, finite floats, booleans and None, with dates as ISO strings;
the codec (`indemnity.io.codec`) builds objects from it.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import math
import os
import re
import stat
import tomllib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, NoReturn, TypeAlias, cast, get_args

from indemnity._validate import (
    SAFE_TEXT,
    character_name,
    find_unsafe,
    parse_iso_date,
)
from indemnity.errors import FileFormatError, IndemnityError

if TYPE_CHECKING:
    from types import ModuleType

__all__ = [
    "MAX_BYTES",
    "MAX_CONTAINERS",
    "MAX_DEPTH",
    "MAX_ITEMS",
    "MAX_KEY_LENGTH",
    "MAX_STRING_LENGTH",
    "SUFFIXES",
    "FileFormat",
    "check_data",
    "file_name",
    "format_of",
    "kind_of_file",
    "parse_document",
    "read_document",
    "read_text",
    "yaml_dumper",
    "yaml_module",
]

MAX_BYTES = 5_000_000
"""The largest file the loaders read, in bytes: a bigger one is refused unread."""

MAX_DEPTH = 64
"""The deepest nesting of tables and lists a document may have, the top table included."""

MAX_ITEMS = 300_000
"""The most entries of tables and items of lists a document may hold, all told."""

MAX_CONTAINERS = 100_000
"""The most tables and lists a document may hold."""

MAX_KEY_LENGTH = 256
"""The longest key of a table, in characters."""

MAX_STRING_LENGTH = 100_000
"""The longest string, in characters."""

FileFormat: TypeAlias = Literal["json", "toml", "yaml"]
"""The formats documents are written in."""

SUFFIXES: Mapping[str, FileFormat] = {
    ".json": "json",
    ".toml": "toml",
    ".yaml": "yaml",
    ".yml": "yaml",
}
"""The file name suffixes the format is told by."""

_FORMATS: tuple[FileFormat, ...] = get_args(FileFormat)
_FORMAT_NAMES: Mapping[str, FileFormat] = {**{f: f for f in _FORMATS}, "yml": "yaml"}
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_TOO_DEEP = f"tables and lists nested at most {MAX_DEPTH} deep"
_TOO_MANY_ITEMS = f"at most {MAX_ITEMS:,} items (entries of tables and items of lists)"
_TOO_MANY_CONTAINERS = f"at most {MAX_CONTAINERS:,} tables and lists"


def file_name(path: object) -> str:
    """The name of the file `path` names, as errors show it.

    Args:
        path: A file name or path.

    Returns:
        The name, as a string.

    Raises:
        FileFormatError: `path` is no file name (not a string or path, empty,
            or holding a NUL character).
    """
    try:
        name = os.fspath(path)  # type: ignore[call-overload]
    except TypeError:
        raise FileFormatError("", "a file name or path", path) from None
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    if not name:
        raise FileFormatError("", "a file name", name)
    if "\0" in name:
        raise FileFormatError("", "a file name without NUL characters", name)
    return cast("str", name)


def format_of(name: str | os.PathLike[str], given: str | None = None) -> FileFormat:
    """The format of a file: `given` if set, else the one its suffix names.

    Args:
        name: The file's name or path.
        given: A format to use whatever the suffix: ``"json"``, ``"toml"`` or
            ``"yaml"`` (case and a leading dot forgiven, ``"yml"`` for ``"yaml"``).

    Returns:
        The format.

    Raises:
        FileFormatError: `given` is no format, or the suffix names none.
    """
    shown = name if isinstance(name, str) else file_name(name)
    if given is not None:
        found = (
            _FORMAT_NAMES.get(given.strip().lower().removeprefix("."))
            if isinstance(given, str)
            else None
        )
        if found is None:
            raise FileFormatError("", "a format: " + ", ".join(_FORMATS), given, file=shown)
        return found
    suffix = os.path.splitext(shown)[1].lower()
    found = SUFFIXES.get(suffix)
    if found is None:
        expected = "a file name ending " + ", ".join(SUFFIXES)
        raise FileFormatError("", expected, suffix or shown, file=shown)
    return found


def read_document(
    path: str | os.PathLike[str],
    *,
    format: FileFormat | None = None,  # noqa: A002 - see dumps
) -> dict[str, Any]:
    """Read a file as plain data, safely, without building any object.

    Args:
        path: The file: a regular file (a named pipe or a device is refused).
        format: ``"json"``, ``"toml"`` or ``"yaml"``; None to follow the suffix.

    Returns:
        The document: a dict of JSON-like data, dates as ISO strings.

    Raises:
        FileFormatError: the file is not a regular file, is past one of the
            limits, is not valid in its format, or is not a table at the top.
        OSError: the file cannot be opened.
    """
    name = file_name(path)
    fmt = format_of(name, format)
    return parse_document(_read_regular(name), fmt, name=name)


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a small text file (such as answers for the command line) as safely as a document.

    Args:
        path: The file: a regular file of at most `MAX_BYTES` bytes of UTF-8.

    Returns:
        Its text, a byte-order mark dropped.

    Raises:
        FileFormatError: the file is not a regular file, is too large, is not
            UTF-8, or holds control characters (tab, line feed and a carriage
            return before a line feed aside), lone surrogates or noncharacters.
        OSError: the file cannot be opened.
    """
    name = file_name(path)
    data = _read_regular(name)
    if len(data) > MAX_BYTES:
        raise FileFormatError.beyond(name, f"a file of at most {MAX_BYTES:,} bytes", "a larger one")
    text = _decode(data, name).removeprefix("\ufeff")
    _check_characters(text, name)
    return text


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise FileFormatError.unreadable(
            name, "UTF-8 text", f"invalid byte at byte {err.start}"
        ) from None


_KINDS_OF_FILE = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of_file(mode: int) -> str:
    """What a file that is not a regular file is, in words, from its `os.stat` mode."""
    return next((what for test, what in _KINDS_OF_FILE if test(mode)), "not a regular file")


def _read_regular(name: str) -> bytes:
    """The first MAX_BYTES + 1 bytes of a regular file, opened without waiting on a pipe."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(name, flags)
    try:
        mode = os.fstat(descriptor).st_mode
    except BaseException:
        os.close(descriptor)
        raise
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        raise FileFormatError.beyond(name, "a regular file", kind_of_file(mode))
    with os.fdopen(descriptor, "rb") as stream:
        return stream.read(MAX_BYTES + 1)


def parse_document(
    text: str | bytes | bytearray | memoryview,
    format: FileFormat = "json",  # noqa: A002 - see dumps
    *,
    name: str = "<string>",
) -> dict[str, Any]:
    """Parse the text of a document file into plain data, safely.

    Args:
        text: The text, or its bytes in UTF-8 (a `bytearray` or `memoryview` too).
        format: ``"json"``, ``"toml"`` or ``"yaml"``.
        name: The file name to put in errors.

    Returns:
        The document: a dict of JSON-like data, dates as ISO strings.

    Raises:
        FileFormatError: the text is past one of the limits, not valid in its
            format, or not a table at the top.
        IndemnityError: the text is YAML and PyYAML is not installed.
    """
    name = name if isinstance(name, str) else file_name(name)
    fmt = format_of(name, format)
    if isinstance(text, bytearray | memoryview):
        text = bytes(text)
    if not isinstance(cast("object", text), str | bytes):
        raise FileFormatError("", "the text of a document, or its bytes", text, file=name)
    if _size(text) > MAX_BYTES:
        raise FileFormatError.beyond(name, f"a file of at most {MAX_BYTES:,} bytes", "a larger one")
    if isinstance(text, bytes):
        text = _decode(text, name)
    text = text.removeprefix("\ufeff")
    _check_characters(text, name)
    _SCANS[fmt](text, name)
    data = _PARSERS[fmt](text, name)
    if not isinstance(data, dict):
        expected = "a table at the top, with keys kind, version and the object"
        raise FileFormatError("", expected, data, file=name)
    _Walk(name, escapes="\\" in text).table(data, 1)
    return data


def check_data(document: dict[str, Any], *, name: str = "<data>") -> None:
    """Hold plain data to the limits the loaders hold a document to, as `save` does.

    Args:
        document: The data of a document, as `parse_document` gives it.
        name: The file name to put in errors.

    Raises:
        FileFormatError: the data is nested deeper than `MAX_DEPTH`, holds more
            than `MAX_ITEMS` items or `MAX_CONTAINERS` tables and lists, a key
            or string longer than its limit, text with control characters,
            lone surrogates or noncharacters, or values that are not plain data.
    """
    if not isinstance(document, dict):
        raise FileFormatError("", "a table of plain data", document, file=name)
    _Walk(name, escapes=True).table(document, 1)


def _size(text: str | bytes) -> int:
    if isinstance(text, bytes) or len(text) > MAX_BYTES:
        return len(text)  # a character is a byte at least
    return len(text.encode("utf-8", "surrogatepass"))


def _position(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"line {line}, column {column}"


def _check_characters(text: str, name: str) -> None:
    """Refuse control characters, lone surrogates and noncharacters written in the text."""
    found = find_unsafe(text)
    if found >= 0 and "\r" in text:
        # a carriage return may end a line, before a line feed, as Windows writes them
        found = find_unsafe(text.replace("\r\n", " \n"))
    if found >= 0:
        where = _position(text, found)
        problem = f"the character {character_name(text[found])} ({where})"
        raise FileFormatError.unreadable(name, SAFE_TEXT, problem)


def _too_deep(name: str, where: str) -> NoReturn:
    raise FileFormatError.beyond(name, _TOO_DEEP, f"a deeper nesting at {where}")


# ---------------------------------------------------------------------------
# The scans before parsing


def _scan_json(text: str, name: str) -> None:
    """Bound what the parser may build: every value but the first follows a comma or a bracket.

    The commas and brackets are counted first in the whole text, in one pass
    in C; only if that count is past a limit are they counted again outside
    the strings (a string of commas or brackets builds nothing). The walk
    after parsing checks the depth exactly (the parser itself refuses nesting
    past the interpreter's recursion limit).
    """
    containers = text.count("[") + text.count("{")
    items = text.count(",") + containers
    if (containers > MAX_CONTAINERS or items > MAX_ITEMS) and '"' in text:
        bare = _JSON_STRING.sub("", text)
        containers = bare.count("[") + bare.count("{")
        items = bare.count(",") + containers
    if containers > MAX_CONTAINERS:
        raise FileFormatError.beyond(name, _TOO_MANY_CONTAINERS, "more")
    if items > MAX_ITEMS:
        raise FileFormatError.beyond(name, _TOO_MANY_ITEMS, "more")


# A JSON string, matched once per character (possessive, so linear); one left open is not
# matched, and its brackets count: the parser fails on it before building what follows.
_JSON_STRING = re.compile(r'"(?:[^"\\\n]++|\\.)*+"')


def _scan_yaml(text: str, name: str) -> None:
    """YAML is scanned as it is composed (see `_yaml_loader`), node by node."""


# TOML's tokens: every pattern is possessive and meets each character once, so the scan is
# linear; each string form matches to its closing quotes or, unclosed, as far as it goes.
_T_SKIP = re.compile(r"(?:[ \t\r\n]++|#[^\n]*+)*+")
_T_SPACE = re.compile(r"[ \t]*+")
_T_BARE_KEY = re.compile(r"[A-Za-z0-9_-]++")
_T_BASIC = re.compile(r'"(?:[^"\\\n]++|\\.)*+(?P<closed>")?')
_T_LITERAL = re.compile(r"'[^'\n]*+(?P<closed>')?")
_T_STRING = re.compile(
    r'"""(?:[^"\\]++|\\.|"{1,2}+(?!"))*+(?P<closed>"{3,5}+)?'
    r"|'''(?:[^']++|'{1,2}+(?!'))*+(?P<closed_literal>'{3,5}+)?"
    r'|"(?:[^"\\\n]++|\\.)*+(?P<closed_basic>")?'
    r"|'[^'\n]*+(?P<closed_line>')?",
    re.DOTALL,
)
_CLOSING = ("closed", "closed_literal", "closed_basic", "closed_line")
# Numbers, booleans, dates and times (a date and a time may be parted by a space).
_T_SCALAR = re.compile(r"[0-9A-Za-z_+.:-]++(?: [0-9][0-9A-Za-z_+.:-]*+)?")
# Runs of the commonest statements are passed over at once: a bare key, then text without
# escapes, a number, a date, or a flat list or table of those (tables two deep at most).
_T_TEXT = r"""(?:"[^"\\\n]*+"|'[^'\n]*+'|[0-9A-Za-z_+.:-]++(?: [0-9][0-9A-Za-z_+.:-]*+)?)"""
_T_FLAT_ARRAY = rf"\[(?:[ \t\r\n,]++|#[^\n]*+|{_T_TEXT})*+\]"
_T_ENTRY = r"[A-Za-z0-9_-]++[ \t]*+=[ \t]*+"
_T_FLAT_TABLE = rf"\{{[ \t]*+(?:{_T_ENTRY}(?:{_T_TEXT}|{_T_FLAT_ARRAY})[ \t]*+,?[ \t]*+)*+\}}"
_T_VALUES = f"{_T_TEXT}|{_T_FLAT_ARRAY}|{_T_FLAT_TABLE}"
_T_TABLE = rf"\{{[ \t]*+(?:{_T_ENTRY}(?:{_T_VALUES})[ \t]*+,?[ \t]*+)*+\}}"
_T_SIMPLE = re.compile(
    rf"(?:[ \t]*+[A-Za-z0-9_-]++[ \t]*+=[ \t]*+(?:{_T_TEXT}|{_T_FLAT_ARRAY}|{_T_TABLE})"
    r"[ \t]*+(?:#[^\n]*+)?\r?\n)++"
)
_SIMPLE_DEPTH = 3  # how deep below its table a run's values may nest
# The strings and comments of a simple run, the only places its punctuation is not structure.
_T_WORDS = re.compile(r""""[^"\\\n]*+"|'[^'\n]*+'|#[^\n]*+""")
# A dotted key of bare parts, up to one part more than any key may have.
_T_DOTTED = re.compile(rf"[A-Za-z0-9_-]++(?:[ \t]*+\.[ \t]*+[A-Za-z0-9_-]++){{0,{MAX_DEPTH}}}+")


class _TomlScan:
    """A state machine over TOML's statements and values, bounding what `tomllib` will build.

    It follows TOML's grammar wherever the text is valid TOML; where it is
    not, it stops, as `tomllib` fails there or before.
    """

    __slots__ = ("containers", "items", "name", "text")

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self.items = 0
        self.containers = 0

    def run(self) -> None:
        text = self.text
        end = len(text)
        pos = 0
        table = 1  # the depth of the table statements go into: the top table is 1 deep
        # The parts of the last header, and of the last dotted key's tables: a part already
        # named by the one before names a table that is there already, and is not counted again.
        header: list[str] = []
        dotted: list[str] = []
        while True:
            pos = _T_SKIP.match(text, pos).end()  # type: ignore[union-attr]
            simple = _T_SIMPLE.match(text, pos) if table + _SIMPLE_DEPTH <= MAX_DEPTH else None
            if simple is not None:
                after = simple.end()
                self.count_run(pos, after)
                pos = after
                dotted = []
                continue
            if pos >= end:
                return
            if text[pos] == "[":
                array = text.startswith("[[", pos)
                pos += 2 if array else 1
                found = self.key(pos, 1 + array)
                if found is None:
                    return
                pos, parts = found
                table = 1 + array + len(parts)
                new = len(parts) - _shared(parts, header) + array
                # tomllib's work on a header grows with its parts, new or not: every second
                # part counts as an item more
                self.count(1 + array + len(parts) // 2, new, pos)
                header, dotted = parts, []
                pos = _T_SPACE.match(text, pos).end()  # type: ignore[union-attr]
                close = "]]" if array else "]"
                if not text.startswith(close, pos):
                    return
                pos += len(close)
                continue
            found = self.key(pos, table - 1)
            if found is None:
                return
            pos, parts = found
            new = len(parts) - 1 - _shared(parts[:-1], dotted)
            self.count(_key_cost(len(parts)), new, pos)
            dotted = parts[:-1]
            pos = _T_SPACE.match(text, pos).end()  # type: ignore[union-attr]
            if not text.startswith("=", pos):
                return
            valued = self.value(pos + 1, table + len(parts) - 1)
            if valued is None:
                return
            pos = valued

    def key(self, pos: int, base: int) -> tuple[int, list[str]] | None:
        """A dotted key at `pos`: where it ends and its parts as written; None if there is none.

        The table its last part names is `base` plus its parts deep.
        """
        text = self.text
        start = pos
        bare = _T_DOTTED.match(text, pos)
        if bare is not None:
            after = _T_SPACE.match(text, bare.end()).end()  # type: ignore[union-attr]
            if not text.startswith((".", '"', "'"), after):
                parts = [part.strip(" \t") for part in bare.group().split(".")]
                if base + len(parts) > MAX_DEPTH:
                    self.deeper(start, bare.end())
                return after, parts
        parts = []
        while True:
            pos = _T_SPACE.match(text, pos).end()  # type: ignore[union-attr]
            first = text[pos : pos + 1]
            pattern = _T_BASIC if first == '"' else _T_LITERAL if first == "'" else _T_BARE_KEY
            found = pattern.match(text, pos)
            if found is None:
                return None
            if first in ('"', "'") and found.group("closed") is None:
                self.open_string(pos)
            parts.append(found.group())
            if base + len(parts) > MAX_DEPTH:
                self.deeper(start, found.end())
            pos = _T_SPACE.match(text, found.end()).end()  # type: ignore[union-attr]
            if not text.startswith(".", pos):
                return pos, parts
            pos += 1

    def value(self, pos: int, holder: int) -> int | None:  # noqa: PLR0912, PLR0915 - one machine
        """Pass over the value at `pos`, in a table `holder` deep; None where it is not TOML."""
        text = self.text
        open_: list[tuple[bool, int]] = []  # the arrays (True) and inline tables open, and depths
        want = "value"
        while True:
            if want == "value":
                in_array = bool(open_) and open_[-1][0]
                skip = _T_SKIP if in_array else _T_SPACE
                pos = skip.match(text, pos).end()  # type: ignore[union-attr]
                if in_array:
                    self.count(1, 0, pos)
                first = text[pos : pos + 1]
                if first in ('"', "'"):
                    string = _T_STRING.match(text, pos)
                    assert string is not None  # noqa: S101 - every string form matches a quote
                    if not any(string.group(name) for name in _CLOSING):
                        self.open_string(pos)
                    pos = string.end()
                    want = "after"
                elif first in ("[", "{"):
                    depth = holder + 1
                    if depth > MAX_DEPTH:
                        _too_deep(self.name, _position(text, pos))
                    self.count(0, 1, pos)
                    open_.append((first == "[", depth))
                    holder = depth
                    pos += 1
                    if first == "[":
                        pos = _T_SKIP.match(text, pos).end()  # type: ignore[union-attr]
                        if text.startswith("]", pos):
                            open_.pop()
                            pos += 1
                            want = "after"
                    else:
                        pos = _T_SPACE.match(text, pos).end()  # type: ignore[union-attr]
                        if text.startswith("}", pos):
                            open_.pop()
                            pos += 1
                            want = "after"
                        else:
                            want = "key"
                else:
                    found = _T_SCALAR.match(text, pos)
                    if found is None:
                        return None
                    pos = found.end()
                    want = "after"
            elif want == "key":
                table_depth = open_[-1][1]
                key = self.key(pos, table_depth - 1)
                if key is None:
                    return None
                pos, parts = key
                self.count(_key_cost(len(parts)), len(parts) - 1, pos)
                pos = _T_SPACE.match(text, pos).end()  # type: ignore[union-attr]
                if not text.startswith("=", pos):
                    return None
                pos += 1
                holder = table_depth + len(parts) - 1
                want = "value"
            else:
                if not open_:
                    return pos
                in_array, depth = open_[-1]
                skip = _T_SKIP if in_array else _T_SPACE
                pos = skip.match(text, pos).end()  # type: ignore[union-attr]
                first = text[pos : pos + 1]
                if first == ",":
                    pos += 1
                    if in_array:
                        pos = _T_SKIP.match(text, pos).end()  # type: ignore[union-attr]
                        if text.startswith("]", pos):
                            open_.pop()
                            pos += 1
                        else:
                            holder = depth
                            want = "value"
                    else:
                        want = "key"
                elif first == ("]" if in_array else "}"):
                    open_.pop()
                    pos += 1
                else:
                    return None

    def count_run(self, start: int, end: int) -> None:
        """Count the entries, items, lists and tables of a run of simple statements.

        Each entry follows an "=", each item of a list a comma or its opening
        bracket; those written inside strings or comments are not counted.
        """
        run = self.text[start:end]
        if "'" in run or '"' in run or "#" in run:
            run = _T_WORDS.sub("", run)
        lists = run.count("[")
        tables = run.count("{")
        self.count(run.count("=") + run.count(",") + lists, lists + tables, start)

    def open_string(self, start: int) -> NoReturn:
        """Refuse a string never closed: tomllib would read it through to fail at its end."""
        where = _position(self.text, start)
        raise FileFormatError.unreadable(self.name, "valid TOML", f"a string left open ({where})")

    def deeper(self, start: int, end: int) -> NoReturn:
        """Refuse the dotted key written from `start` to `end`: its tables nest too deep."""
        shown = " ".join(self.text[start:end].split())
        shown = shown if len(shown) <= 40 else shown[:39] + "\u2026"  # noqa: PLR2004
        _too_deep(self.name, f"'{shown}' ({_position(self.text, start)})")

    def count(self, items: int, containers: int, pos: int) -> None:
        self.items += items
        self.containers += containers
        if self.items > MAX_ITEMS:
            where = _position(self.text, pos).partition(",")[0]
            raise FileFormatError.beyond(self.name, _TOO_MANY_ITEMS, f"more by {where}")
        if self.containers > MAX_CONTAINERS:
            where = _position(self.text, pos).partition(",")[0]
            raise FileFormatError.beyond(self.name, _TOO_MANY_CONTAINERS, f"more by {where}")


def _key_cost(parts: int) -> int:
    """The items a dotted key of `parts` parts counts: one a part, or its square over 16.

    `tomllib` keeps, for each dotted key, every prefix of it as a tuple until
    the next table header: work and memory that grow with the square of its
    parts. Up to 15 parts a key counts one item a part; beyond, the square
    over 16, so the keys of one document cost at most a few times the
    budget of items.
    """
    return max(parts, parts * (parts + 1) // 16)


def _shared(parts: list[str], before: list[str]) -> int:
    """How many parts `parts` begins with that `before` begins with too."""
    shared = 0
    for mine, theirs in zip(parts, before, strict=False):
        if mine != theirs:
            break
        shared += 1
    return shared


def _scan_toml(text: str, name: str) -> None:
    _TomlScan(text, name).run()


_SCANS: dict[FileFormat, Callable[[str, str], None]] = {
    "json": _scan_json,
    "toml": _scan_toml,
    "yaml": _scan_yaml,
}


# ---------------------------------------------------------------------------
# Parsing


def _parse_json(text: str, name: str) -> object:
    try:
        return json.loads(
            text,
            object_pairs_hook=_unique_keys,
            parse_constant=_no_constant,
            parse_float=_finite,
        )
    except json.JSONDecodeError as err:
        problem = f"{err.msg} (line {err.lineno}, column {err.colno})"
        raise FileFormatError.unreadable(name, "valid JSON", problem) from None
    except _DuplicateKeyError as err:
        raise FileFormatError.unreadable(name, "valid JSON", str(err)) from None
    except RecursionError:
        _too_deep(name, "some point")
    except ValueError as err:
        raise FileFormatError.unreadable(name, "valid JSON", _one_line(err)) from None


class _DuplicateKeyError(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out = dict(pairs)
    if len(out) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                msg = f"the key {key!r} appears twice in one object"
                raise _DuplicateKeyError(msg)
            seen.add(key)
    return out


def _no_constant(word: str) -> object:
    msg = f"{word} is not a JSON number"
    raise ValueError(msg)


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        msg = f"{text} is too large a number"
        raise ValueError(msg)
    return number


def _parse_toml(text: str, name: str) -> object:
    try:
        return tomllib.loads(text)
    except RecursionError:
        _too_deep(name, "some point")
    except ValueError as err:  # TOMLDecodeError, and int() of a number too long to read
        raise FileFormatError.unreadable(name, "valid TOML", _one_line(err)) from None


def _parse_yaml(text: str, name: str) -> object:
    yaml = yaml_module()
    loader = None
    try:
        loader = _yaml_loader()(text)  # the reader already checks the characters
        loader.file = name
        return loader.get_single_data()
    except FileFormatError:
        raise
    except yaml.MarkedYAMLError as err:
        problem = err.problem or err.context or "malformed"
        mark = err.problem_mark or err.context_mark
        where = "" if mark is None else f" (line {mark.line + 1}, column {mark.column + 1})"
        raise FileFormatError.unreadable(name, "valid YAML", f"{problem}{where}") from None
    except RecursionError:
        _too_deep(name, "some point")
    except (yaml.YAMLError, ValueError, TypeError) as err:
        raise FileFormatError.unreadable(name, "valid YAML", _one_line(err)) from None
    finally:
        if loader is not None:
            loader.dispose()


_PARSERS: dict[FileFormat, Callable[[str, str], object]] = {
    "json": _parse_json,
    "toml": _parse_toml,
    "yaml": _parse_yaml,
}


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__


def yaml_module() -> ModuleType:
    """PyYAML, imported when a YAML file is first read or written (an optional extra).

    Raises:
        IndemnityError: PyYAML is not installed.
    """
    try:
        import yaml  # noqa: PLC0415 - an optional extra, imported when YAML is used
    except ImportError:
        msg = "YAML files need PyYAML: pip install 'indemnity[yaml]'"
        raise IndemnityError(msg) from None
    return yaml


@functools.cache
def _yaml_loader() -> Callable[[str], Any]:
    """PyYAML's safe loader, bounded node by node, refusing aliases, duplicate keys, loose dates."""
    yaml = yaml_module()

    class Loader(yaml.SafeLoader):  # type: ignore[name-defined,misc]  # yaml is imported lazily
        file = "<string>"
        depth = 0
        items = 0
        containers = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.peek_event()
            if isinstance(event, yaml.AliasEvent):
                problem = "aliases (*name) are not accepted"
                raise yaml.composer.ComposerError(None, None, problem, event.start_mark)
            if parent is not None and index is not None:  # a value: keys are composed with None
                self.count(1, 0, event)
            if isinstance(event, yaml.ScalarEvent):
                key = index is None and isinstance(parent, yaml.MappingNode)
                limit = MAX_KEY_LENGTH if key else MAX_STRING_LENGTH
                if len(event.value) > limit:
                    what = f"{'keys' if key else 'strings'} of at most {limit:,} characters"
                    found = f"a longer one at {self.where(event)}"
                    raise FileFormatError.beyond(self.file, what, found)
                return super().compose_node(parent, index)
            self.count(0, 1, event)
            self.depth += 1
            if self.depth > MAX_DEPTH:
                _too_deep(self.file, self.where(event))
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def count(self, items: int, containers: int, event: Any) -> None:
            self.items += items
            self.containers += containers
            if self.items > MAX_ITEMS:
                raise FileFormatError.beyond(
                    self.file, _TOO_MANY_ITEMS, f"more by {self.where(event)}"
                )
            if self.containers > MAX_CONTAINERS:
                found = f"more by {self.where(event)}"
                raise FileFormatError.beyond(self.file, _TOO_MANY_CONTAINERS, found)

        @staticmethod
        def where(event: Any) -> str:
            mark = event.start_mark
            return f"line {mark.line + 1}, column {mark.column + 1}"

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:  # noqa: FBT001, FBT002 - PyYAML's signature
            seen: set[object] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    twice = key in seen
                    seen.add(key)
                except TypeError:  # an unhashable key: PyYAML refuses it below
                    continue
                if twice:
                    problem = f"the key {key!r} appears twice in one mapping"
                    raise yaml.constructor.ConstructorError(
                        None, None, problem, key_node.start_mark
                    )
            return super().construct_mapping(node, deep=deep)

        def construct_yaml_timestamp(self, node: Any) -> str:
            written = str(self.construct_scalar(node))
            if parse_iso_date(written) is not None:
                return written
            problem = f"{written} is not a date written YYYY-MM-DD, such as 2024-11-05"
            if _ISO_PREFIX.match(written) and len(written) > len("YYYY-MM-DD"):
                problem += " (a date and time is not a date)"
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark)

    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_timestamp)
    return cast("Callable[[str], Any]", Loader)


_ISO_PREFIX = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# Characters YAML reads as line breaks or drops unless escaped in a double-quoted string.
_YAML_SPECIAL = re.compile("[\x85\u2028\u2029\ufeff]")


@functools.cache
def yaml_dumper() -> type[Any]:
    """PyYAML's safe dumper, quoting strings whose characters a plain scalar would lose."""
    yaml = yaml_module()

    class Dumper(yaml.SafeDumper):  # type: ignore[name-defined,misc]  # yaml is imported lazily
        pass

    def text(dumper: Any, data: str) -> Any:
        risky = _YAML_SPECIAL.search(data) or not data.replace("\n", "").isprintable()
        style = '"' if risky else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    Dumper.add_representer(str, text)
    return Dumper


# ---------------------------------------------------------------------------
# The walk after parsing


class _Walk:
    """Checks parsed data exactly, in place: depth, keys, strings, characters, numbers, dates.

    Paths are worked out only for an error, from the keys of the tables and
    lists being walked.
    """

    __slots__ = ("containers", "escapes", "items", "name", "trail")

    def __init__(self, name: str, *, escapes: bool) -> None:
        self.name = name
        self.escapes = escapes  # only escapes can put an unsafe character in a parsed string
        self.trail: list[str | int] = []
        self.items = 0
        self.containers = 0

    def count(self, items: int) -> None:
        self.items += items
        self.containers += 1
        if self.items > MAX_ITEMS:
            raise FileFormatError.beyond(self.name, _TOO_MANY_ITEMS, "more")
        if self.containers > MAX_CONTAINERS:
            raise FileFormatError.beyond(self.name, _TOO_MANY_CONTAINERS, "more")

    def table(self, data: dict[Any, Any], depth: int) -> None:
        self.count(len(data))
        for key, value in data.items():
            if type(key) is not str:
                hint = " (in YAML, quote keys such as 'on', 'yes' and 'no')"
                where = self.path() or "the top"
                raise FileFormatError(
                    self.path(), f"string keys at {where}{hint}", key, file=self.name
                )
            if len(key) > MAX_KEY_LENGTH or (self.escapes and find_unsafe(key) >= 0):
                self.trail.append(key)
                self.text(key, MAX_KEY_LENGTH, "keys")
            kind = type(value)
            if kind is str:
                if len(value) > MAX_STRING_LENGTH or (self.escapes and find_unsafe(value) >= 0):
                    self.trail.append(key)
                    self.text(value, MAX_STRING_LENGTH, "strings")
            elif kind is dict or kind is list:
                self.trail.append(key)
                self.nest(value, depth + 1)
                self.trail.pop()
            elif kind is not int and kind is not bool and value is not None:
                self.trail.append(key)
                data[key] = self.other(value)
                self.trail.pop()

    def array(self, data: list[Any], depth: int) -> None:
        self.count(len(data))
        for index, value in enumerate(data):
            kind = type(value)
            if kind is str:
                if len(value) > MAX_STRING_LENGTH or (self.escapes and find_unsafe(value) >= 0):
                    self.trail.append(index)
                    self.text(value, MAX_STRING_LENGTH, "strings")
            elif kind is dict or kind is list:
                self.trail.append(index)
                self.nest(value, depth + 1)
                self.trail.pop()
            elif kind is not int and kind is not bool and value is not None:
                self.trail.append(index)
                data[index] = self.other(value)
                self.trail.pop()

    def nest(self, value: dict[Any, Any] | list[Any], depth: int) -> None:
        if depth > MAX_DEPTH:
            _too_deep(self.name, repr(self.path()))
        if type(value) is dict:
            self.table(value, depth)
        else:
            self.array(cast("list[Any]", value), depth)

    def text(self, value: str, limit: int, what: str) -> NoReturn:
        if len(value) > limit:
            expected = f"{what} of at most {limit:,} characters"
            raise FileFormatError(self.path(), expected, value, file=self.name)
        raise FileFormatError(self.path(), SAFE_TEXT, value, file=self.name)

    def other(self, value: object) -> object:
        """A value that is not plain data yet: a number to check, a date to write as text."""
        if isinstance(value, float):
            if not math.isfinite(value):
                raise FileFormatError(self.path(), "a finite number", value, file=self.name)
            return value
        if isinstance(value, int):  # a subclass, which JSON-like data does not hold
            return int(value)
        if isinstance(value, _dt.datetime | _dt.time):
            expected = "a date such as 2024-11-05 (not a time)"
            raise FileFormatError(self.path(), expected, value, file=self.name)
        if isinstance(value, _dt.date):
            return value.isoformat()
        expected = "a string, number, boolean, list or table"
        raise FileFormatError(self.path(), expected, value, file=self.name)

    def path(self) -> str:
        out = ""
        for key in self.trail:
            out = _join(out, key)
        return out


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    if not _PLAIN_KEY.fullmatch(key):
        return f"{path}[{key!r}]"
    return f"{path}.{key}" if path else key
