"""Small rules for tests, built one way: every test file takes its schemes and citations here.

The rules speak the UK vocabulary (the library's default), so names are
plain strings: ``cover(activities=("private-practice",))``. Each builder
takes keyword arguments that change one thing from a plain default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from indemnity import (
    Citation,
    Cover,
    Exclusion,
    MembershipPeriod,
    Period,
    Portfolio,
    Requirement,
    Scheme,
    uk,
)
from indemnity.rules.conditions import Condition

D = dt.date
ON = D(2025, 3, 10)
"""A date for questions that do not turn on the date."""

ALL_KINDS: tuple[str, ...] = tuple(k.name for k in uk.vocabulary().kinds)
"""Every activity kind of the UK vocabulary."""


def cite(quote: str = "a short quote", source: str = "mps-imgs-2023", **more: object) -> Citation:
    """A citation of one of the UK catalogue's sources."""
    return uk.cite(source, quote, **more)  # type: ignore[arg-type]


SOURCE = cite("Medical defence organisations")
"""The citation of every rule that needs one and does not care which."""


def requirement(
    condition: Condition, reason: str = "it is so", source: Citation = SOURCE
) -> Requirement:
    """A cited requirement."""
    return Requirement(condition, reason, source)


def exclusion(
    when: Condition,
    *,
    unless: Condition | None = None,
    reason: str = "excluded work",
    source: Citation = SOURCE,
    stated_only: bool = False,
) -> Exclusion:
    """A cited exclusion."""
    return Exclusion(when, unless=unless, reason=reason, source=source, stated_only=stated_only)


def cover(
    name: str = "negligence",
    *,
    matters: Iterable[str] = ("clinical-negligence",),
    activities: Iterable[str] = ALL_KINDS,
    territory: Iterable[str] = ("uk",),
    source: Citation = SOURCE,
    requires: Iterable[Requirement] = (),
    exclusions: Iterable[Exclusion] = (),
    limit: int | None = None,
    option: str | None = None,
) -> Cover:
    """A cover: clinical negligence, any activity, in the UK, unless told otherwise."""
    return Cover(
        name,
        frozenset(matters),  # type: ignore[arg-type]
        frozenset(activities),  # type: ignore[arg-type]
        frozenset(territory),  # type: ignore[arg-type]
        source,
        tuple(requires),
        tuple(exclusions),
        limit,
        option,
    )


def scheme(
    key: str = "mdo",
    *,
    covers: Iterable[Cover] | None = None,
    basis: str = "occurrence",
    kind: str = "discretionary-membership",
    name: str | None = None,
    operator: str = "An MDO",
    source: Citation = SOURCE,
    exclusions: Iterable[Exclusion] = (),
    in_force: Period | None = None,
) -> Scheme:
    """A scheme of one negligence cover, occurrence and discretionary, unless told otherwise."""
    return Scheme(
        key,
        name or f"{key.upper()} membership",
        operator,
        kind,  # type: ignore[arg-type]
        basis,  # type: ignore[arg-type]
        tuple(covers) if covers is not None else (cover(),),
        source,
        tuple(exclusions),
        in_force or Period.always(),
    )


def held(
    held_scheme: Scheme,
    start: dt.date,
    end: dt.date | None = None,
    **more: object,
) -> MembershipPeriod:
    """A membership of `held_scheme` from `start` to `end` (excluded; None for open)."""
    return MembershipPeriod(held_scheme, Period(start, end), **more)  # type: ignore[arg-type]


def portfolio(*memberships: MembershipPeriod, holder: str = "") -> Portfolio:
    """A portfolio of `memberships`."""
    return Portfolio(memberships, holder)
