"""Amounts and thresholds that change over time: dated values, each with its source.

A fee or an earnings threshold is not a constant of the code: it holds from a
date, as a source states it, until another value replaces it (OpenFisca keeps
its parameters the same way).

>>> import datetime as dt
>>> from indemnity import Citation, DatedValue, Parameter, Source
>>> page = Citation(Source("fees", "Fees"), "£100 a year")
>>> fee = Parameter("fee", "annual fee", (DatedValue(dt.date(2024, 1, 1), 100, page),), unit="£")
>>> fee.at(dt.date(2025, 6, 1)).value, fee.show(fee.at().value)
(100, '£100')
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import attrs

from indemnity._records import fields_repr
from indemnity._validate import check_date, check_str
from indemnity.errors import InvalidFieldError
from indemnity.model.citation import Citation
from indemnity.model.terms import check_name

__all__ = ["DatedValue", "Parameter"]


@attrs.frozen
class DatedValue:
    """A value from a date until the next one, with the source that states it.

    Attributes:
        start: The first day it holds (`date.min` for as far back as the source reaches).
        value: The value, a whole number (of pounds, say).
        source: Where it is stated.
    """

    __repr__ = fields_repr

    start: _dt.date
    value: int
    source: Citation

    def __attrs_post_init__(self) -> None:
        check_date("DatedValue.start", self.start)
        value: object = self.value
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidFieldError("DatedValue.value", "a whole number", value)
        if not isinstance(self.source, Citation):
            raise InvalidFieldError("DatedValue.source", "a Citation", self.source)


def _values(value: object) -> tuple[DatedValue, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidFieldError("Parameter.values", "a list of DatedValue", value)
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, DatedValue):
            raise InvalidFieldError(f"Parameter.values[{i}]", "a DatedValue", item)
    if not items:
        raise InvalidFieldError("Parameter.values", "at least one dated value", value)
    ordered = tuple(sorted(items, key=lambda v: v.start))
    starts = [v.start for v in ordered]
    if len(set(starts)) != len(starts):
        raise InvalidFieldError("Parameter.values", "values with distinct start dates", starts)
    return ordered


@attrs.frozen
class Parameter:
    """A named amount or threshold, as dated values.

    Attributes:
        name: Its name, lower-case words joined by hyphens (``"trainee-private-fee"``).
        label: What it is, in words.
        values: Its values, each from a start date, sorted.
        unit: How its values are written (``"£"``).

    Raises:
        InvalidFieldError: a field is malformed, or two values start on one date.
    """

    __repr__ = fields_repr

    name: str
    label: str
    values: tuple[DatedValue, ...] = attrs.field(converter=_values)
    unit: str = ""

    def __attrs_post_init__(self) -> None:
        check_name("Parameter.name", self.name)
        check_str("Parameter.label", self.label)
        check_str("Parameter.unit", self.unit, allow_empty=True)

    def at(self, on: _dt.date | None = None) -> DatedValue:
        """The value that holds on `on`; None for the latest.

        Raises:
            InvalidFieldError: `on` is before the first value's start.
        """
        if on is None:
            return self.values[-1]
        day = check_date("on", on)
        found = None
        for value in self.values:
            if value.start <= day:
                found = value
        if found is None:
            first = self.values[0].start
            raise InvalidFieldError(
                "on", f"a date on or after {first}, when {self.label} is first stated", day
            )
        return found

    def show(self, value: int) -> str:
        """A value as it reads: "£1,100"."""
        return f"{self.unit}{value:,}"
