"""Checks shared by the constructors: one place decides what a date or a name is."""

from __future__ import annotations

import datetime as _dt
import functools
from enum import StrEnum
from typing import TypeVar

from indemnity.errors import InvalidFieldError, UnknownNameError

E = TypeVar("E", bound=StrEnum)


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
