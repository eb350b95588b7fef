"""Hypothesis strategies for the library's objects: every property test draws from here."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from hypothesis import strategies as st

from indemnity import (
    Activity,
    ActivityKind,
    AllOf,
    AnyOf,
    AtLeast,
    AtMost,
    Basis,
    Citation,
    Condition,
    Cover,
    Exclusion,
    Fact,
    Is,
    Jurisdiction,
    KindIn,
    Matter,
    MembershipPeriod,
    Not,
    OneOf,
    Period,
    Portfolio,
    Requirement,
    Scheme,
    SchemeKind,
)

EPOCH = dt.date(2015, 1, 1)
HORIZON = dt.date(2035, 1, 1)

dates = st.dates(min_value=EPOCH, max_value=HORIZON)
jurisdictions = st.sampled_from(list(Jurisdiction))
matters = st.sampled_from(list(Matter))
kinds = st.sampled_from(list(ActivityKind))
citations = st.builds(
    Citation,
    source=st.sampled_from(["000_d40f28ef5600d884.txt", "003_050a7f98c6f2333b.txt", "SI 2019/334"]),
    quote=st.sampled_from(["", "a short quote"]),
)


@st.composite
def periods(draw: st.DrawFn, *, open_end: bool = True, max_days: int = 2000) -> Period:
    """A period inside the test epoch, open-ended sometimes."""
    start = draw(dates)
    if open_end and draw(st.booleans()):
        return Period(start)
    return Period(start, start + dt.timedelta(days=draw(st.integers(1, max_days))))


def fact_values(fact: Fact) -> st.SearchStrategy[object]:
    """Values of the right type for `fact`."""
    kind = fact.spec.type
    if kind is bool:
        return st.booleans()
    if kind is int:
        return st.integers(0, 30_000)
    assert issubclass(kind, StrEnum)
    return st.sampled_from(list(kind))


# A few facts with few values keep the space small enough for unknowns and hits to meet.
SMALL_FACTS = [Fact.SUPERVISED, Fact.OVERALL_CHARGE, Fact.DECLARED, Fact.PRIVATE_EARNINGS]


@st.composite
def facts(draw: st.DrawFn, fact_pool: list[Fact] | None = None) -> dict[Fact, object]:
    """A dict of known facts drawn from `fact_pool` (all facts by default)."""
    pool = fact_pool or list(Fact)
    chosen = draw(st.lists(st.sampled_from(pool), unique=True, max_size=len(pool)))
    return {f: draw(fact_values(f)) for f in chosen}


@st.composite
def activities(draw: st.DrawFn, fact_pool: list[Fact] | None = None) -> Activity:
    """An activity of any kind with some facts known."""
    return Activity(draw(kinds), draw(facts(fact_pool)))


def _leaf(fact_pool: list[Fact]) -> st.SearchStrategy[Condition]:
    def is_(fact: Fact) -> st.SearchStrategy[Condition]:
        return fact_values(fact).map(lambda v: Is(fact, v))  # type: ignore[arg-type]

    def one_of(fact: Fact) -> st.SearchStrategy[Condition]:
        return st.lists(fact_values(fact), min_size=1, max_size=3).map(
            lambda vs: OneOf(fact, frozenset(vs))  # type: ignore[arg-type]
        )

    numeric = [f for f in fact_pool if f.spec.type is int]
    leaves = [st.sampled_from(fact_pool).flatmap(is_), st.sampled_from(fact_pool).flatmap(one_of)]
    leaves.append(st.lists(kinds, min_size=1, max_size=3).map(lambda ks: KindIn(frozenset(ks))))
    if numeric:
        bound = st.integers(0, 30_000)
        leaves.append(st.builds(AtLeast, st.sampled_from(numeric), bound))
        leaves.append(st.builds(AtMost, st.sampled_from(numeric), bound))
    return st.one_of(leaves)


def conditions(fact_pool: list[Fact] | None = None) -> st.SearchStrategy[Condition]:
    """Random condition trees over `fact_pool` (a small pool by default)."""
    pool = fact_pool or SMALL_FACTS
    return st.recursive(
        _leaf(pool),
        lambda inner: st.one_of(
            st.lists(inner, min_size=0, max_size=3).map(lambda cs: AllOf(tuple(cs))),
            st.lists(inner, min_size=0, max_size=3).map(lambda cs: AnyOf(tuple(cs))),
            inner.map(Not),
        ),
        max_leaves=6,
    )


requirements = st.builds(Requirement, conditions(), st.just("a requirement holds"), citations)
exclusions = st.builds(
    Exclusion,
    conditions(),
    unless=st.none() | conditions(),
    reason=st.just("some excluded work"),
    source=citations,
)


@st.composite
def covers(draw: st.DrawFn, name: str | None = None) -> Cover:
    """A cover with random scope, territory, requirements and exclusions."""
    return Cover(
        name=name or draw(st.sampled_from(["a", "b", "c"])),
        matters=frozenset(draw(st.lists(matters, min_size=1, max_size=4))),
        activities=frozenset(draw(st.lists(kinds, min_size=1, max_size=6))),
        territory=frozenset(draw(st.lists(jurisdictions, min_size=1, max_size=8))),
        source=draw(citations),
        conditions=tuple(draw(st.lists(requirements, max_size=2))),
        exclusions=tuple(draw(st.lists(exclusions, max_size=2))),
        limit=draw(st.none() | st.integers(1, 10_000_000)),
    )


@st.composite
def schemes(draw: st.DrawFn, basis: Basis | None = None) -> Scheme:
    """A scheme of one to three covers, of either basis unless one is given."""
    n = draw(st.integers(1, 3))
    return Scheme(
        key=draw(st.sampled_from(["s1", "s2", "s3", "mdo", "trust"])),
        name="Scheme",
        operator="Operator",
        kind=draw(st.sampled_from(list(SchemeKind))),
        basis=basis or draw(st.sampled_from(list(Basis))),
        covers=tuple(draw(covers(name=f"cover-{i}")) for i in range(n)),
        source=draw(citations),
        exclusions=tuple(draw(st.lists(exclusions, max_size=1))),
        in_force=draw(st.just(Period.always()) | periods()),
    )


@st.composite
def memberships(draw: st.DrawFn, scheme: Scheme | None = None) -> MembershipPeriod:
    """A membership of a random (or given) scheme, with claims-made fields when they apply."""
    held = scheme or draw(schemes())
    period = draw(periods())
    retro = run_off = None
    if held.basis is Basis.CLAIMS_MADE:
        if draw(st.booleans()):
            retro = period.start - dt.timedelta(days=draw(st.integers(0, 1500)))
        if period.end is not None and draw(st.booleans()):
            run_off = period.end + dt.timedelta(days=draw(st.integers(0, 3000)))
    return MembershipPeriod(held, period, retroactive_date=retro, run_off_end=run_off)


portfolios = st.lists(memberships(), max_size=4).map(lambda ms: Portfolio(tuple(ms)))
claim_dates = st.none() | dates
