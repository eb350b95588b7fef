"""A small TOML writer for JSON-like documents, so that saving TOML needs no dependency.

The standard library reads TOML (`tomllib`) but does not write it. Our
documents are plain data: tables of strings, whole numbers, booleans, lists
and nested tables, with None for "absent". That shape needs a fraction of
what a general writer such as ``tomli-w`` handles (no dates, no multi-line
strings), so it is written here, and a property test checks that `tomllib`
reads back exactly what this wrote.

Layout, chosen for people who edit the files: short tables and lists are
written inline (``period = { start = "2024-08-07" }``), long tables as
``[table]`` sections and long lists of tables as ``[[array]]`` sections; a
None value is left out, since TOML has no null and the readers treat a
missing key as None.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import TypeGuard, cast

from indemnity.errors import InvalidFieldError

__all__ = ["dumps"]

_WIDTH = 88
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    ord('"'): '\\"',
    ord("\\"): "\\\\",
    ord("\b"): "\\b",
    ord("\t"): "\\t",
    ord("\n"): "\\n",
    ord("\f"): "\\f",
    ord("\r"): "\\r",
    **{c: f"\\u{c:04x}" for c in (*range(0x20), 0x7F) if chr(c) not in "\b\t\n\f\r"},
}
_INT_RANGE = range(-(2**63), 2**63)


def dumps(document: Mapping[str, object]) -> str:
    """Write `document` as TOML text that `tomllib.loads` reads back equal (None left out).

    Args:
        document: A mapping with string keys whose values are strings, whole
            numbers (64-bit), floats, booleans, None, lists and mappings of these.

    Returns:
        The TOML text, ending with a newline.

    Raises:
        InvalidFieldError: a value TOML cannot hold (None inside a list, a
            whole number beyond 64 bits, a key that is not a string, another type).
    """
    lines: list[str] = []
    _table(document, (), lines, header=None)
    return "\n".join(lines).strip("\n") + "\n"


def _table(
    table: Mapping[str, object], path: tuple[str, ...], lines: list[str], header: str | None
) -> None:
    if header is not None:
        if lines:
            lines.append("")
        lines.append(header)
    blocks: list[tuple[str, object]] = []
    # A table of tables (declarations by name) keeps its order: sections come after the
    # inline keys, so once one entry needs a section, the entries after it get one too.
    of_tables = all(isinstance(v, Mapping) for v in table.values() if v is not None)
    for key, value in table.items():
        where = _path(path, key)
        if value is None:
            continue
        if _is_block(key, value, where) or (of_tables and blocks):
            blocks.append((key, value))
        else:
            lines.append(f"{_key(key, where)} = {_value(value, where, top=True)}")
    for key, value in blocks:
        sub = (*path, _key(key, _path(path, key)))
        name = ".".join(sub)
        if isinstance(value, Mapping):
            _table(value, sub, lines, header=f"[{name}]")
        else:
            for item in cast("Sequence[Mapping[str, object]]", value):
                _table(item, sub, lines, header=f"[[{name}]]")


def _is_block(key: str, value: object, where: str) -> bool:
    """Whether `value` goes in its own section: a table or list of tables too long for a line."""
    if isinstance(value, Mapping):
        return len(key) + 3 + len(_value(value, where)) > _WIDTH
    if _is_list(value) and value and all(isinstance(v, Mapping) for v in value):
        return len(key) + 3 + len(_value(value, where)) > _WIDTH
    return False


def _is_list(value: object) -> TypeGuard[Sequence[object]]:
    return isinstance(value, Sequence) and not isinstance(value, str | bytes)


def _path(path: tuple[str, ...], key: object) -> str:
    return ".".join((*path, str(key)))


def _key(key: object, where: str) -> str:
    if not isinstance(key, str):
        raise InvalidFieldError(where, "a string key", key)
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _string(text: str) -> str:
    return '"' + text.translate(_ESCAPES) + '"'


def _value(value: object, where: str, *, top: bool = False) -> str:
    """`value` written on one line; a long list at the top of a key/value gets a line per item."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if value not in _INT_RANGE:
            raise InvalidFieldError(where, "a whole number TOML can hold (64 bits)", value)
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else _special(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, Mapping):
        inner = ", ".join(
            f"{_key(k, _path((where,), k))} = {_value(v, _path((where,), k))}"
            for k, v in value.items()
            if v is not None
        )
        return f"{{ {inner} }}" if inner else "{}"
    if _is_list(value):
        items = []
        for i, item in enumerate(value):
            if item is None:
                raise InvalidFieldError(f"{where}[{i}]", "a value (TOML has no null)", item)
            items.append(_value(item, f"{where}[{i}]"))
        line = "[" + ", ".join(items) + "]"
        if top and len(line) > _WIDTH:
            return "[\n" + "".join(f"  {item},\n" for item in items) + "]"
        return line
    raise InvalidFieldError(where, "a string, number, boolean, list or table", value)


def _special(value: float) -> str:
    if math.isnan(value):
        return "nan"
    return "inf" if value > 0 else "-inf"
