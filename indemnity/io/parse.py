"""Safe parsing: the bytes of a JSON, TOML or YAML file into plain data, bounded.

Nothing in a file is evaluated; YAML is read with PyYAML's safe loader, with
aliases refused (they can blow a small file up into a huge document). A file
over `MAX_BYTES` is refused before it is read whole, and one nested more than
`MAX_DEPTH` deep before it is parsed (a scan of its brackets and indentation)
or structured; duplicate keys are refused in every format, as are JSON's
``NaN`` and ``Infinity``. Whatever the bytes, these functions raise
`FileFormatError` (an `IndemnityError`) and nothing else; only a file that
cannot be opened raises `OSError`.

The result is plain data: dicts with string keys, lists, strings, whole
numbers, finite floats, booleans and None, with dates as ISO strings; the
codec (`indemnity.io.codec`) builds objects from it.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import math
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, cast, get_args

from indemnity.errors import FileFormatError, IndemnityError

if TYPE_CHECKING:
    from types import ModuleType

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "SUFFIXES",
    "FileFormat",
    "format_of",
    "parse_document",
    "read_document",
    "yaml_dumper",
    "yaml_module",
]

MAX_BYTES = 5_000_000
"""The largest file the loaders read, in bytes: a bigger one is refused unread."""

MAX_DEPTH = 64
"""The deepest nesting of tables and lists a document may have."""

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
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def format_of(name: str | os.PathLike[str], given: str | None = None) -> FileFormat:
    """The format of a file: `given` if set, else the one its suffix names.

    Args:
        name: The file's name or path.
        given: A format to use whatever the suffix: ``"json"``, ``"toml"`` or ``"yaml"``.

    Returns:
        The format.

    Raises:
        FileFormatError: `given` is no format, or the suffix names none.
    """
    shown = os.fspath(name)
    if given is not None:
        if given not in _FORMATS:
            raise FileFormatError("", "a format: " + ", ".join(_FORMATS), given, file=shown)
        return given
    suffix = Path(shown).suffix.lower()
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
        path: The file.
        format: ``"json"``, ``"toml"`` or ``"yaml"``; None to follow the suffix.

    Returns:
        The document: a dict of JSON-like data, dates as ISO strings.

    Raises:
        FileFormatError: the file is too large, too deeply nested, or not
            valid in its format, or is not a table at the top.
        OSError: the file cannot be opened.
    """
    name = os.fspath(path)
    fmt = format_of(name, format)
    with open(name, "rb") as stream:
        raw = stream.read(MAX_BYTES + 1)
    return parse_document(raw, fmt, name=name)


def parse_document(
    text: str | bytes,
    format: FileFormat = "json",  # noqa: A002 - see dumps
    *,
    name: str = "<string>",
) -> dict[str, Any]:
    """Parse the text of a document file into plain data, safely.

    Args:
        text: The text, or its bytes in UTF-8.
        format: ``"json"``, ``"toml"`` or ``"yaml"``.
        name: The file name to put in errors.

    Returns:
        The document: a dict of JSON-like data, dates as ISO strings.

    Raises:
        FileFormatError: the text is too large, too deeply nested, not valid
            in its format, or not a table at the top.
        IndemnityError: the text is YAML and PyYAML is not installed.
    """
    fmt = format_of(name, format)
    if not isinstance(text, str | bytes):
        raise FileFormatError("", "the text of a document, or its bytes", text, file=name)
    size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise FileFormatError(
            "", f"a file of at most {MAX_BYTES:,} bytes", "a larger one", file=name
        )
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            where = f"byte {err.start}"
            raise FileFormatError.unreadable(
                name, "UTF-8 text", f"invalid byte at {where}"
            ) from None
    text = text.removeprefix("\ufeff")
    _check_depth(text, fmt, name)
    data = _PARSERS[fmt](text, name)
    document = _plain(data, "", 0, name)
    if not isinstance(document, dict):
        expected = "a table at the top, with keys kind, version and the object"
        raise FileFormatError("", expected, document, file=name)
    return document


def _check_depth(text: str, fmt: FileFormat, name: str) -> None:
    """Refuse text nested deeper than MAX_DEPTH before a recursive parser sees it."""
    depth = 0
    for match in _TOKENS.finditer(text):
        found = match.group()
        if found in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                _too_deep(name, f"line {line}")
        elif found in ("]", "}"):
            depth = max(depth - 1, 0)
    if fmt == "yaml":
        _check_indentation(text, name)


# Strings and comments are skipped, so that brackets inside them do not count.
_TOKENS = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'|#[^\n]*|[\[\]{}]")


def _check_indentation(text: str, name: str) -> None:
    """YAML's block style nests by indentation: count the open levels line by line."""
    indents: list[int] = []
    for number, line in enumerate(text.splitlines(), 1):
        body = line.lstrip(" ")
        if not body or body.startswith("#"):
            continue
        indent = len(line) - len(body)
        while indents and indents[-1] >= indent:
            indents.pop()
        indents.append(indent)
        dashes = len(body) - len(body.lstrip("- ")) if body.startswith("- ") else 0
        if len(indents) + dashes // 2 > MAX_DEPTH:
            _too_deep(name, f"line {number}")


def _too_deep(name: str, where: str) -> None:
    expected = f"tables and lists nested at most {MAX_DEPTH} deep"
    raise FileFormatError("", expected, f"a deeper nesting at {where}", file=name)


def _parse_json(text: str, name: str) -> object:
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as err:
        problem = f"{err.msg} (line {err.lineno}, column {err.colno})"
        raise FileFormatError.unreadable(name, "valid JSON", problem) from None
    except _DuplicateKeyError as err:
        raise FileFormatError.unreadable(name, "valid JSON", str(err)) from None
    except RecursionError:
        _too_deep(name, "some point")
    except ValueError as err:
        raise FileFormatError.unreadable(name, "valid JSON", _one_line(err)) from None
    raise AssertionError  # pragma: no cover - every branch above returns or raises


class _DuplicateKeyError(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            msg = f"the key {key!r} appears twice in one object"
            raise _DuplicateKeyError(msg)
        out[key] = value
    return out


def _no_constant(word: str) -> object:
    msg = f"{word} is not a JSON number"
    raise ValueError(msg)


def _parse_toml(text: str, name: str) -> object:
    try:
        return tomllib.loads(text)
    except RecursionError:
        _too_deep(name, "some point")
    except ValueError as err:  # TOMLDecodeError, and int() of a number too long to read
        raise FileFormatError.unreadable(name, "valid TOML", _one_line(err)) from None
    raise AssertionError  # pragma: no cover - every branch above returns or raises


def _parse_yaml(text: str, name: str) -> object:
    yaml = yaml_module()
    loader = None
    try:
        loader = _yaml_loader()(text)  # the reader already checks the characters
        return loader.get_single_data()
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
    raise AssertionError  # pragma: no cover - every branch above returns or raises


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
    """PyYAML's safe loader, refusing aliases and duplicate keys."""
    yaml = yaml_module()

    class Loader(yaml.SafeLoader):  # type: ignore[name-defined,misc]  # yaml is imported lazily
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                problem = "aliases (*name) are not accepted"
                raise yaml.composer.ComposerError(None, None, problem, event.start_mark)
            return super().compose_node(parent, index)

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:  # noqa: FBT001, FBT002 - PyYAML's signature
            seen: list[object] = []
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if key in seen:
                    problem = f"the key {key!r} appears twice in one mapping"
                    raise yaml.constructor.ConstructorError(
                        None, None, problem, key_node.start_mark
                    )
                seen.append(key)
            return super().construct_mapping(node, deep=deep)

    return cast("Callable[[str], Any]", Loader)


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


def _plain(data: object, path: str, depth: int, name: str) -> object:
    """The data as JSON-like values: dates as ISO strings, keys checked, depth bounded."""
    if data is None or isinstance(data, bool | int | str):
        return data
    if isinstance(data, float):
        if not math.isfinite(data):
            raise FileFormatError(path, "a finite number", data, file=name)
        return data
    if isinstance(data, _dt.datetime | _dt.time):
        raise FileFormatError(path, "a date such as 2024-11-05 (not a time)", data, file=name)
    if isinstance(data, _dt.date):
        return data.isoformat()
    if isinstance(data, list | dict) and depth >= MAX_DEPTH:
        _too_deep(name, repr(path))
    if isinstance(data, list):
        return [_plain(item, f"{path}[{i}]", depth + 1, name) for i, item in enumerate(data)]
    if isinstance(data, dict):
        out: dict[str, object] = {}
        for key, value in data.items():
            if not isinstance(key, str):
                hint = " (in YAML, quote keys such as 'on', 'yes' and 'no')"
                where = path or "the top"
                raise FileFormatError(path, f"string keys at {where}{hint}", key, file=name)
            out[key] = _plain(value, _join(path, key), depth + 1, name)
        return out
    raise FileFormatError(path, "a string, number, boolean, list or table", data, file=name)


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    if not _PLAIN_KEY.fullmatch(key):
        return f"{path}[{key!r}]"
    return f"{path}.{key}" if path else key
