"""Renewals: one arrangement held year after year, as a run of membership periods.

Annual renewal dates come from python-dateutil: `relativedelta` for
anniversaries (29 February falls back to 28 February), `rrule` for a
renewal date fixed in one month of the year, as the trainee block
membership does (seed 003: "The annual renewal date is in the month of your
expected date of completion of training, so your first period of membership
may be shorter than 12 months").

Renewing claims-made cover with the same insurer keeps the first retroactive
date, so claims made in a later year about an earlier year's incidents stay
covered; only the last period carries the run-off.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from itertools import pairwise

from dateutil.relativedelta import relativedelta
from dateutil.rrule import YEARLY, rrule

from indemnity._validate import check_date, check_optional_date, check_str
from indemnity.errors import InvalidFieldError
from indemnity.membership import MembershipPeriod
from indemnity.period import Period
from indemnity.scheme import Basis, Scheme

__all__ = ["renewal_dates", "renewals"]

_MONTHS = 12


def renewal_dates(
    start: _dt.date,
    *,
    until: _dt.date | None = None,
    count: int | None = None,
    renewal_month: int | None = None,
) -> tuple[_dt.date, ...]:
    """The dates that start each period of an annually renewed arrangement.

    >>> renewal_dates(date(2024, 8, 7), count=3, renewal_month=2)
    (datetime.date(2024, 8, 7), datetime.date(2025, 2, 1), datetime.date(2026, 2, 1))

    Args:
        start: The first day of the first period.
        until: The day the last period ends (excluded); the last period may be short.
        count: How many periods; give `until` or `count`, not both.
        renewal_month: Renew on the first day of this month (1 to 12) each
            year, so the first period runs to the first such day after
            `start` and may be shorter than a year. None renews on the
            anniversary of `start`.

    Returns:
        The start of every period, the first being `start`.

    Raises:
        InvalidFieldError: a date is not a `date`, `until` is not after
            `start`, `count` is not a positive whole number, neither or both
            of `until` and `count` are given, or `renewal_month` is not 1 to 12.
    """
    return _schedule(*_checked(start, until, count, renewal_month))[:-1]


def _checked(
    start: object, until: object, count: object, month: object
) -> tuple[_dt.date, _dt.date | None, int | None, int | None]:
    first = check_date("start", start)
    end = check_optional_date("until", until)
    if (end is None) == (count is None):
        raise InvalidFieldError("until", "exactly one of 'until' and 'count'", (until, count))
    if end is not None and end <= first:
        raise InvalidFieldError("until", f"a date after the start {first}", end)
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 1):
        raise InvalidFieldError("count", "a whole number of periods, 1 or more", count)
    if month is not None and (
        isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= _MONTHS
    ):
        raise InvalidFieldError("renewal_month", "a month number from 1 to 12", month)
    return first, end, count, month


def _schedule(
    first: _dt.date, end: _dt.date | None, count: int | None, month: int | None
) -> tuple[_dt.date, ...]:
    """Every period's start, then the end of the last one."""
    starts = [first]
    for day in _later_renewals(first, month):
        if (end is not None and day >= end) or (count is not None and len(starts) > count):
            break
        starts.append(day)
    if end is not None:
        starts.append(end)
    return tuple(starts)


def _later_renewals(first: _dt.date, month: int | None) -> Iterable[_dt.date]:
    if month is None:
        years = 1
        while True:
            yield first + relativedelta(years=years)
            years += 1
    after = _dt.datetime.combine(first + _dt.timedelta(days=1), _dt.time())
    for moment in rrule(YEARLY, dtstart=after, bymonth=month, bymonthday=1):
        yield moment.date()


def renewals(
    scheme: Scheme,
    start: _dt.date,
    *,
    until: _dt.date | None = None,
    count: int | None = None,
    renewal_month: int | None = None,
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
        renewal_month: Renew on the first day of this month each year (the
            first period may be short); None renews on the anniversary.
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
    bounds = _schedule(*_checked(start, until, count, renewal_month))
    retro = check_optional_date("retroactive_date", retroactive_date)
    if scheme.basis is Basis.CLAIMS_MADE:
        retro = retro or start
    if isinstance(options, (str, bytes)) or not isinstance(options, Iterable):
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
