"""Checks shared by the constructors: one place decides what a date or a name is."""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from indemnity.errors import InvalidFieldError, UnknownNameError

E = TypeVar("E", bound=StrEnum)
V = TypeVar("V")


@functools.cache
def pattern(regex: str) -> re.Pattern[str]:
    """`regex` compiled, the first time it is asked for (then remembered).

    Compiling a pattern costs a new process a fraction of a millisecond each,
    so the library's patterns are compiled when first used, not at import.
    """
    return re.compile(regex)


_ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

# Control characters (all but tab and line feed), lone surrogates and the noncharacters:
# text holding them can spoof a terminal, is not valid XML, or cannot be written as UTF-8.
_UNSAFE_CLASS = "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufdd0-\\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)


@functools.cache
def _unsafe_text() -> re.Pattern[str]:
    """The unsafe characters of `SAFE_TEXT`, compiled when text holding one is first rewritten."""
    return re.compile(f"[{_UNSAFE_CLASS}]")


SAFE_TEXT = "text without control characters, lone surrogates or noncharacters"
"""What text may hold, in the words of an error's `expected`: no control characters other than
tab and line feed, no lone surrogates and no Unicode noncharacters."""

# A character class of the Basic Multilingual Plane alone is a bitmap, checked in one step per
# character; the noncharacters beyond it are looked for only in text that goes beyond it.
_UNSAFE_BMP = "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
_ASTRAL = "[\U00010000-\U0010ffff]"


@functools.cache
def _astral_noncharacter() -> re.Pattern[str]:
    """The noncharacters beyond the Basic Multilingual Plane (compiled when first needed)."""
    ranges = (f"{chr(p * 0x10000 + 0xFFFE)}-{chr(p * 0x10000 + 0xFFFF)}" for p in range(1, 17))
    return re.compile("[" + "".join(ranges) + "]")


def find_unsafe(text: str) -> int:
    """Where the first unsafe character (see `SAFE_TEXT`) is in `text`, or -1: quickly, in C."""
    found = pattern(_UNSAFE_BMP).search(text)
    first = -1 if found is None else found.start()
    if not text.isascii() and pattern(_ASTRAL).search(text):
        beyond = _astral_noncharacter().search(text)
        if beyond is not None and (first < 0 or beyond.start() < first):
            first = beyond.start()
    return first


def replace_unsafe(text: str, by: str = "\ufffd") -> str:
    """`text` with each unsafe character replaced by `by` (U+FFFD by default)."""
    return text if find_unsafe(text) < 0 else _unsafe_text().sub(by, text)


def escape_unsafe(text: str) -> str:
    r"""`text` with each unsafe character written as its escape: ``\x1b``, ``\ud800``.

    What reaches a terminal then shows the characters instead of obeying them.
    """
    return text if find_unsafe(text) < 0 else _unsafe_text().sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 0x100:  # noqa: PLR2004 - the one-byte escapes
        return f"\\x{code:02x}"
    if code < 0x10000:  # noqa: PLR2004 - the Basic Multilingual Plane
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def character_name(char: str) -> str:
    """How an error names one character: its code point, ``U+001B``."""
    return f"U+{ord(char):04X}"


def parse_iso_date(text: str) -> _dt.date | None:
    """The date `text` writes as ``YYYY-MM-DD`` exactly, or None (no other ISO form is read)."""
    if not pattern(_ISO_DATE).fullmatch(text):
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        return None


def check_date(field: str, value: object) -> _dt.date:
    """Return `value` if it is a plain `date`.

    A `datetime` is refused rather than truncated: which calendar day an
    instant falls on depends on a time zone the library cannot know, and a
    day's difference can move an incident across a membership boundary.
    """
    if isinstance(value, _dt.datetime):
        raise InvalidFieldError(
            field, "a date (not a datetime)", value, detail="pass value.date() explicitly"
        )
    if not isinstance(value, _dt.date):
        raise InvalidFieldError(field, "a date", value)
    return value


def check_optional_date(field: str, value: object) -> _dt.date | None:
    """Like `check_date`, allowing None."""
    return None if value is None else check_date(field, value)


def normalise_name(text: str) -> str:
    """Fold a user-written name to the canonical spelling of enum values."""
    return "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())


def find_name(table: Mapping[str, V], name: object) -> V | None:
    """The entry of `table` that `name` names: exactly, else with case and spacing forgiven."""
    if not isinstance(name, str):
        return None
    found = table.get(name)
    if found is not None:
        return found
    folded = normalise_name(name)
    for key, value in table.items():
        if normalise_name(key) == folded:
            return value
    return None


@functools.cache
def _spellings(enum: type[E]) -> dict[str, E]:
    """Every accepted spelling of `enum`'s members: the exact values, then folded ones."""
    table: dict[str, E] = {}
    for member in enum:
        table[normalise_name(member.name)] = member
        table[normalise_name(member.value)] = member
    for member in enum:  # exact values win over folded names
        table[member.value] = member
    return table


def parse_enum(enum: type[E], field: str, value: object) -> E:
    """Return the member of `enum` that `value` names, accepting members and loose spellings."""
    if isinstance(value, enum):
        return value
    if not isinstance(value, str):
        raise InvalidFieldError(field, f"{article(enum.__name__)} or its name", value)
    table: dict[str, E] = _spellings(enum)
    found = table.get(value)
    if found is None:
        found = table.get(normalise_name(value))
        if found is None:
            raise UnknownNameError.for_choices(field, value, (m.value for m in enum))
    return found


def article(noun: str) -> str:
    """`noun` with "a" or "an" before it, as English spells it."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def check_str(field: str, value: object, *, allow_empty: bool = False) -> str:
    """Return `value` if it is a string (non-empty unless allowed)."""
    if not isinstance(value, str):
        raise InvalidFieldError(field, "a string", value)
    if not allow_empty and not value.strip():
        raise InvalidFieldError(field, "a non-empty string", value)
    return value


def check_bool(field: str, value: object) -> bool:
    """Return `value` if it is True or False (not a truthy stand-in)."""
    if not isinstance(value, bool):
        raise InvalidFieldError(field, "true or false", value)
    return value
