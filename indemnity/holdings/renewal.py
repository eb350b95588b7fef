"""Renewals: one arrangement held year after year, as a run of membership periods.

One schedule serves every arrangement: a renewal date each year, either the
anniversary of the first day held or a fixed day of the year (the trainee
block renews "in the month of your expected date of completion of
training", on the day training is expected to end, so the first period may be
shorter than a year and the last ends when training does). Dates come from
python-dateutil's `relativedelta`, so a renewal day of 29 February falls on
28 February in other years.

Renewing claims-made cover with the same insurer keeps the first retroactive
date, so claims made in a later year about an earlier year's incidents stay
covered; only the last period carries the run-off.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections.abc import Iterable, Iterator
from itertools import pairwise
from typing import cast

from dateutil.relativedelta import relativedelta

from indemnity._validate import check_date, check_optional_date, check_str
from indemnity.errors import InvalidFieldError
from indemnity.holdings.membership import MembershipPeriod
from indemnity.model.basis import Basis
from indemnity.model.period import Period
from indemnity.rules.scheme import Scheme

__all__ = ["renewal_dates", "renewals"]

_MONTHS = 12


def renewal_dates(
    start: _dt.date,
    *,
    until: _dt.date | None = None,
    count: int | None = None,
    renews_on: tuple[int, int] | None = None,
) -> tuple[_dt.date, ...]:
    """The dates that start each period of an annually renewed arrangement.

    >>> from datetime import date
    >>> from indemnity import renewal_dates
    >>> renewal_dates(date(2024, 10, 2), until=date(2026, 8, 6), renews_on=(8, 6))
    (datetime.date(2024, 10, 2), datetime.date(2025, 8, 6))

    Args:
        start: The first day of the first period.
        until: The day the last period ends (excluded); the last period may be short.
        count: How many periods; give `until` or `count`, not both.
        renews_on: The (month, day) of the year the arrangement renews on, so
            the first period runs to the first such day after `start` and may
            be shorter than a year; None renews on the anniversary of `start`.

    Returns:
        The start of every period, the first being `start`.

    Raises:
        InvalidFieldError: a date is not a `date`, `until` is not after
            `start`, `count` is not a positive whole number, neither or both
            of `until` and `count` are given, or `renews_on` is no day of the year.
    """
    return _schedule(*_checked(start, until, count, renews_on))[:-1]


def _checked(
    start: object, until: object, count: object, renews_on: object
) -> tuple[_dt.date, _dt.date | None, int | None, tuple[int, int] | None]:
    first = check_date("start", start)
    end = check_optional_date("until", until)
    if (end is None) == (count is None):
        raise InvalidFieldError("until", "exactly one of 'until' and 'count'", (until, count))
    if end is not None and end <= first:
        raise InvalidFieldError("until", f"a date after the start {first}", end)
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 1):
        raise InvalidFieldError("count", "a whole number of periods, 1 or more", count)
    day: tuple[int, int] | None = None
    if renews_on is not None:
        ok = (
            isinstance(renews_on, tuple)
            and len(renews_on) == 2  # noqa: PLR2004 - a month and a day
            and all(isinstance(n, int) and not isinstance(n, bool) for n in renews_on)
            and 1 <= cast("tuple[int, int]", renews_on)[0] <= _MONTHS
        )
        if ok:
            try:
                month, day_of_month = cast("tuple[int, int]", renews_on)
                _dt.date(2000, month, day_of_month)  # a leap year: 29 February exists
            except ValueError:
                ok = False
        if not ok:
            raise InvalidFieldError(
                "renews_on", "a (month, day) of the year, such as (8, 6)", renews_on
            )
        day = cast("tuple[int, int]", renews_on)
    return first, end, count, day


def _schedule(
    first: _dt.date, end: _dt.date | None, count: int | None, day: tuple[int, int] | None
) -> tuple[_dt.date, ...]:
    """Every period's start, then the end of the last one."""
    starts = [first]
    for renewal in _later_renewals(first, day):
        if (end is not None and renewal >= end) or (count is not None and len(starts) > count):
            break
        starts.append(renewal)
    if end is not None:
        starts.append(end)
    elif len(starts) <= (count or 0):
        raise InvalidFieldError("count", f"periods that end before {_dt.date.max}", count)
    return tuple(starts)


def _later_renewals(first: _dt.date, day: tuple[int, int] | None) -> Iterator[_dt.date]:
    """The renewal dates after `first`, one a year."""
    if day is None:
        for years in range(1, _dt.MAXYEAR - first.year + 1):
            yield first + relativedelta(years=years)
        return
    month, dom = day
    for year in range(first.year, _dt.MAXYEAR + 1):
        renewal = _dt.date(year, month, min(dom, calendar.monthrange(year, month)[1]))
        if renewal > first:
            yield renewal


def renewals(
    scheme: Scheme,
    start: _dt.date,
    *,
    until: _dt.date | None = None,
    count: int | None = None,
    renews_on: tuple[int, int] | None = None,
    retroactive_date: _dt.date | None = None,
    run_off_end: _dt.date | None = None,
    options: Iterable[str] = frozenset(),
    label: str = "",
) -> tuple[MembershipPeriod, ...]:
    """An arrangement renewed every year without a break, as one membership period a year.

    Three years of a claims-made `policy` from 1 January 2023 are the periods
    2023-01-01..2024-01-01, 2024-01-01..2025-01-01 and 2025-01-01..2026-01-01,
    each with the retroactive date 2023-01-01::

        years = renewals(policy, date(2023, 1, 1), count=3)

    Args:
        scheme: The scheme renewed.
        start: The first day held.
        until: The day the last period ends (excluded).
        count: How many periods; give `until` or `count`, not both.
        renews_on: The (month, day) of the year it renews on (the first
            period may be short); None renews on the anniversary.
        retroactive_date: Claims-made only: the retroactive date every
            renewal keeps; by default the first day held.
        run_off_end: Claims-made only: the end (excluded) of the run-off
            bought when the last period ends.
        options: Options bought, for every period.
        label: A name for people; each period's label adds its dates.

    Returns:
        The periods, in order, each starting the day the previous one ends.

    Raises:
        InvalidFieldError: see `renewal_dates`; or a claims-made field is given
            for occurrence cover, or a membership field is invalid.
    """
    if not isinstance(scheme, Scheme):
        raise InvalidFieldError("scheme", "a Scheme", scheme)
    check_str("label", label, allow_empty=True)
    bounds = _schedule(*_checked(start, until, count, renews_on))
    retro = check_optional_date("retroactive_date", retroactive_date)
    if scheme.basis is Basis.CLAIMS_MADE:
        retro = retro or start
    if isinstance(options, str | bytes) or not isinstance(options, Iterable):
        raise InvalidFieldError("options", "a set of option names", options)
    held = frozenset(options)
    out = []
    last = len(bounds) - 2
    for i, (first, end) in enumerate(pairwise(bounds)):
        period = Period(first, end)
        out.append(
            MembershipPeriod(
                scheme,
                period,
                held,
                retroactive_date=retro,
                run_off_end=run_off_end if i == last else None,
                label=f"{label} {period}" if label else "",
            )
        )
    return tuple(out)
