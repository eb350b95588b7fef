"""Date periods, the unit of time of every arrangement.

A period holds the days from `start` (included) to `end` (excluded), so two
periods meet without overlap or gap; it is written with both days counted in
("2020-01-01 to 2020-12-31"), as a certificate or a policy schedule writes it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import attrs

from indemnity._records import fields_repr
from indemnity._validate import check_date, check_optional_date, parse_iso_date, pattern
from indemnity.errors import InvalidFieldError, InvalidPeriodError

__all__ = ["Period"]


def _start(value: object) -> _dt.date:
    return check_date("Period.start", value)


def _end(value: object) -> _dt.date | None:
    return check_optional_date("Period.end", value)


@attrs.frozen(order=False)
class Period:
    """The days from `start` (included) to `end` (excluded); `end=None` is open.

    Half-open periods join without overlap or gap: a membership that ends on
    2025-08-01 and one that starts on 2025-08-01 meet exactly.

    >>> from datetime import date
    >>> from indemnity import Period
    >>> p = Period(date(2024, 8, 7), date(2025, 8, 6))
    >>> date(2025, 8, 5) in p, date(2025, 8, 6) in p
    (True, False)

    Raises:
        InvalidPeriodError: `end` is on or before `start`.
        InvalidFieldError: a bound is not a `date` (a `datetime` is refused).
    """

    __repr__ = fields_repr

    start: _dt.date = attrs.field(converter=_start)
    end: _dt.date | None = attrs.field(default=None, converter=_end)

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end <= self.start:
            raise InvalidPeriodError.end_before_start("Period.end", self.start, self.end)

    @classmethod
    def always(cls) -> Period:
        """The period with no bounds at all."""
        return _ALWAYS

    @classmethod
    def through(cls, start: _dt.date, last_day: _dt.date) -> Period:
        """The period from `start` to `last_day`, both included.

        Raises:
            InvalidPeriodError: `last_day` is before `start`.
            InvalidFieldError: a bound is not a `date`, or `last_day` is `date.max`
                (the day after it, the excluded end, does not exist).
        """
        field = "Period.through.last_day"
        first = _start(start)
        last = check_date(field, last_day)
        if last < first:
            raise InvalidPeriodError(
                field, "a date on or after 'start'", last, detail=f"start={first}"
            )
        if last == _dt.date.max:
            raise InvalidFieldError(field, f"a date before {_dt.date.max}", last)
        return cls(first, last + _dt.timedelta(days=1))

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period as people write one, or as `str` writes it.

        Dates as written on a certificate count both ends in:
        ``"2020-01-01 to 2020-12-31"``, ``"1 Jan 2020 to 31 Dec 2020"``,
        ``"01/01/2020 to 31/12/2020"`` (day first, as in the UK), also
        ``"2020-01-01 onwards"``, ``"up to 2019-03-31"`` and ``"at any
        date"``. The compact form ``"2020-01-01..2021-01-01"`` excludes its
        end (either side may be empty: ``"2024-08-07.."`` has no end).

        >>> from indemnity import Period
        >>> Period.parse("1 Jan 2020 to 31 Dec 2020")
        Period(start=datetime.date(2020, 1, 1), end=datetime.date(2021, 1, 1))
        >>> str(_)
        '2020-01-01 to 2020-12-31'

        Raises:
            InvalidFieldError: the text is none of these forms, or a date is not a date.
        """
        if not isinstance(text, str):
            raise InvalidFieldError("Period", _FORMS, text)
        given = " ".join(text.split())
        lower = given.lower()
        if ".." in given:
            left, _, right = given.partition("..")
            start = _read_iso(left, text) if left.strip() else _dt.date.min
            end = _read_iso(right, text) if right.strip() else None
            return cls(start, end)
        if lower in ("at any date", "always", "all dates"):
            return _ALWAYS
        if lower.endswith(" onwards"):
            return cls(_read_day(given[: -len(" onwards")], text))
        if lower.startswith("up to "):
            return cls.through(_dt.date.min, _read_day(given[len("up to ") :], text))
        left, sep, right = given.partition(" to ")
        if not sep:
            raise InvalidFieldError("Period", _FORMS, text)
        return cls.through(_read_day(left, text), _read_day(right, text))

    @property
    def is_open(self) -> bool:
        """Whether the period has no end."""
        return self.end is None

    @property
    def last_day(self) -> _dt.date | None:
        """The last day inside the period, or None if it is open."""
        return None if self.end is None else self.end - _dt.timedelta(days=1)

    @property
    def days(self) -> int | None:
        """The number of days in the period, or None if it is open."""
        return None if self.end is None else (self.end - self.start).days

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, _dt.date) or isinstance(day, _dt.datetime):
            return False
        return self.start <= day and (self.end is None or day < self.end)

    def contains(self, day: _dt.date) -> bool:
        """Whether `day` falls inside the period (a `datetime` is refused)."""
        return check_date("day", day) in self

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day."""
        return self.intersection(other) is not None

    def intersection(self, other: Period) -> Period | None:
        """The days both periods share, or None.

        Raises:
            InvalidFieldError: `other` is not a `Period`.
        """
        given: object = other
        if not isinstance(given, Period):
            raise InvalidFieldError("other", "a Period", given)
        start = max(self.start, other.start)
        ends = [e for e in (self.end, other.end) if e is not None]
        end = min(ends) if ends else None
        if end is not None and end <= start:
            return None
        return Period(start, end)

    def sort_key(self) -> tuple[_dt.date, _dt.date]:
        """A key that orders periods by start, then end (open ends last)."""
        return (self.start, self.end or _dt.date.max)

    def __str__(self) -> str:
        """The period with both ends counted in: "2020-01-01 to 2020-12-31".

        A period with no end reads "2020-01-01 onwards", one since ever
        "up to 2019-03-31", and `Period.always()` "at any date".
        """
        last = self.last_day
        if self.start == _dt.date.min:
            return "at any date" if last is None else f"up to {last}"
        if last is None:
            return f"{self.start} onwards"
        return f"{self.start} to {last}"


_ALWAYS = Period(_dt.date.min)
_FORMS = (
    "a period such as '2020-01-01 to 2020-12-31' (both days in), '1 Jan 2020 to 31 Dec 2020', "
    "'2020-01-01 onwards', 'up to 2019-03-31', or '2020-01-01..2021-01-01' (end excluded)"
)
_ISO = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _read_iso(text: str, whole: str) -> _dt.date:
    """A date written YYYY-MM-DD, strictly (no other ISO form, such as ``20240807``)."""
    found = parse_iso_date(text.strip())
    if found is None:
        raise InvalidFieldError("Period", _FORMS, whole)
    return found


def _read_day(text: str, whole: str) -> _dt.date:
    """A date written ISO (2020-01-01) or as people do (1 Jan 2020, 01/01/2020: day first).

    Every part must be written: a date missing its day, month or year is
    refused rather than completed with a guess.
    """
    given = text.strip()
    if pattern(_ISO).match(given):
        return _read_iso(given, whole)
    found = {_parsed(given, default) for default in _DEFAULTS}
    if len(found) != 1 or None in found:
        raise InvalidFieldError("Period", _FORMS, whole)
    (day,) = found
    assert day is not None  # noqa: S101 - checked just above
    return day


def _parsed(text: str, default: _dt.datetime) -> _dt.date | None:
    from dateutil import parser as dateutil_parser  # noqa: PLC0415 - heavy, rarely used

    try:
        when = dateutil_parser.parse(text, dayfirst=True, default=default)
    except (ValueError, OverflowError, dateutil_parser.ParserError):
        return None
    if when.time() != _dt.time():
        return None
    return when.date()


# Two defaults that differ in day, month and year: a part left out shows as a difference.
_DEFAULTS = (_dt.datetime(2000, 1, 1), _dt.datetime(2001, 2, 2))


def merge_periods(periods: Iterable[Period]) -> tuple[Period, ...]:
    """Sort `periods` and join those that overlap or meet, so equal unions compare equal."""
    out: list[Period] = []
    for period in sorted(periods, key=Period.sort_key):
        last = out[-1] if out else None
        if last is not None and (last.end is None or period.start <= last.end):
            if last.end is not None and (period.end is None or period.end > last.end):
                out[-1] = Period(last.start, period.end)
            continue
        out.append(period)
    return tuple(out)
