"""Half-open date periods ``[start, end)``, the unit of time of every arrangement."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import attrs

from indemnity._validate import check_date, check_optional_date, parse_iso_date
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
        """Parse what `str` writes: ``"2024-08-07..2025-08-06"`` (end excluded).

        Either side may be empty: ``"2024-08-07.."`` has no end, ``"..2025-01-01"``
        starts at the beginning of time, and ``".."`` is `Period.always()`.

        Raises:
            InvalidFieldError: the text is not dates written ``YYYY-MM-DD`` around ``..``
                (no other ISO form, such as ``20240807``, is read).
        """
        if not isinstance(text, str) or ".." not in text:
            raise InvalidFieldError(
                "Period", "'START..END' in ISO dates, either may be empty", text
            )
        left, _, right = (side.strip() for side in text.partition(".."))
        start = parse_iso_date(left) if left else _dt.date.min
        end = parse_iso_date(right) if right else None
        if start is None or (right and end is None):
            raise InvalidFieldError(
                "Period", "'START..END' in ISO dates, either may be empty", text
            )
        return cls(start, end)

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
        start = "" if self.start == _dt.date.min else self.start.isoformat()
        end = "" if self.end is None else self.end.isoformat()
        return f"{start}..{end}"


_ALWAYS = Period(_dt.date.min)


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
