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
    Switch,
)

EPOCH = dt.date(2020, 1, 1)
HORIZON = dt.date(2027, 1, 1)

dates = st.dates(min_value=EPOCH, max_value=HORIZON)
# Rules and questions are drawn mostly from a small shared universe, so that covers and
# questions meet often enough for every outcome to be common; the rest of the space stays
# reachable.
_CORE_JURISDICTIONS = [Jurisdiction.ENGLAND, Jurisdiction.SCOTLAND]
_CORE_MATTERS = [Matter.CLINICAL_NEGLIGENCE, Matter.COMPLAINT]
_CORE_KINDS = [ActivityKind.PRIVATE_PRACTICE, ActivityKind.NHS_CONTRACTED_CARE]
jurisdictions = st.sampled_from(_CORE_JURISDICTIONS) | st.sampled_from(list(Jurisdiction))
matters = st.sampled_from(_CORE_MATTERS) | st.sampled_from(list(Matter))
kinds = st.sampled_from(_CORE_KINDS) | st.sampled_from(list(ActivityKind))
citations = st.builds(
    Citation,
    source=st.sampled_from(["000_d40f28ef5600d884.txt", "003_050a7f98c6f2333b.txt", "SI 2019/334"]),
    quote=st.sampled_from(["", "a short quote"]),
)


@st.composite
def periods(draw: st.DrawFn, *, open_end: bool = True, max_days: int = 1500) -> Period:
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
            st.lists(inner, min_size=0, max_size=2).map(lambda cs: AllOf(tuple(cs))),
            st.lists(inner, min_size=0, max_size=2).map(lambda cs: AnyOf(tuple(cs))),
            inner.map(Not),
        ),
        max_leaves=4,
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
        matters=frozenset(draw(st.lists(matters, min_size=1, max_size=3))),
        activities=frozenset(draw(st.lists(kinds, min_size=1, max_size=3))),
        territory=frozenset(draw(st.lists(jurisdictions, min_size=1, max_size=3))),
        source=draw(citations),
        conditions=tuple(draw(st.lists(requirements, max_size=1))),
        exclusions=tuple(draw(st.lists(exclusions, max_size=2))),
        limit=draw(st.none() | st.integers(1, 10_000_000)),
    )


@st.composite
def schemes(draw: st.DrawFn, basis: Basis | None = None) -> Scheme:
    """A scheme of one to three covers, of either basis unless one is given."""
    n = draw(st.integers(1, 2))
    return Scheme(
        key=draw(st.sampled_from(["s1", "s2", "s3", "mdo", "trust"])),
        name="Scheme",
        operator="Operator",
        kind=draw(st.sampled_from(list(SchemeKind))),
        basis=basis or draw(st.sampled_from(list(Basis))),
        covers=tuple(draw(covers(name=f"cover-{i}")) for i in range(n)),
        source=draw(citations),
        exclusions=tuple(draw(st.lists(exclusions, max_size=1))),
        in_force=draw(st.sampled_from([Period.always()] * 3) | periods()),
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


portfolios = st.lists(memberships(), max_size=3).map(lambda ms: Portfolio(tuple(ms)))
claim_dates = st.none() | dates


# ---------------------------------------------------------------------------
# Codec (issue 3): richer objects for the round-trip property, and random JSON for fuzzing.

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["2024-11-05", "england", "private-practice", "supervised", "is", "all"])
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(max_size=8)
            | st.sampled_from(["start", "end", "source", "kind", "facts", "is"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)
"""Any JSON value, with words the codec knows mixed in so that fuzzing gets past the door."""

rich_citations = st.builds(
    Citation,
    source=st.text(min_size=1, max_size=20).filter(str.strip).map(str.strip),
    quote=st.text(max_size=20).map(str.strip),
    note=st.text(max_size=20).map(str.strip),
    verified=st.booleans(),
)
every_fact_condition = conditions(list(Fact))


@st.composite
def optional_covers(draw: st.DrawFn, name: str = "option") -> Cover:
    """A cover that applies only with an option bought, with a limit."""
    base = draw(covers(name=name))
    option = draw(st.sampled_from(["public-liability", "private-practice", "run-off-7"]))
    return Cover(
        name=base.name,
        matters=base.matters,
        activities=base.activities,
        territory=base.territory,
        source=draw(rich_citations),
        conditions=base.conditions,
        exclusions=base.exclusions,
        limit=base.limit,
        option=option,
    )


@st.composite
def memberships_with_options(draw: st.DrawFn) -> MembershipPeriod:
    """A membership of a scheme that offers an option, bought or not, with a label."""
    base = draw(schemes())
    extra = draw(optional_covers())
    scheme = Scheme(
        key=base.key,
        name=base.name,
        operator=base.operator,
        kind=base.kind,
        basis=base.basis,
        covers=(*base.covers, extra),
        source=base.source,
        exclusions=base.exclusions,
        in_force=base.in_force,
    )
    held = draw(memberships(scheme))
    options = frozenset({extra.option}) if draw(st.booleans()) and extra.option else frozenset()
    return MembershipPeriod(
        held.scheme,
        held.period,
        options,
        held.retroactive_date,
        held.run_off_end,
        draw(st.text(max_size=10)),
    )


@st.composite
def described_activities(draw: st.DrawFn) -> Activity:
    """An activity with any facts and a description."""
    return Activity(draw(kinds), draw(facts()), draw(st.text(max_size=10)))


@st.composite
def questions(draw: st.DrawFn) -> object:
    """A valid question, with a claim date on or after the incident sometimes."""
    from indemnity import Question

    on = draw(dates)
    claimed = draw(st.none() | st.integers(0, 4000).map(lambda d: on + dt.timedelta(days=d)))
    return Question.ask(
        draw(described_activities()),
        on,
        draw(jurisdictions),
        matter=draw(matters),
        claimed_on=claimed,
    )


codec_objects = st.one_of(
    rich_citations,
    every_fact_condition,
    requirements,
    exclusions,
    covers(),
    optional_covers(),
    schemes(),
    periods(),
    st.just(Period.always()),
    described_activities(),
    memberships(),
    memberships_with_options(),
    portfolios,
    st.lists(memberships_with_options(), max_size=3).map(lambda ms: Portfolio(tuple(ms), "holder")),
    questions(),
)
"""Every kind of object the codec reads and writes."""


# ---------------------------------------------------------------------------
# Timelines (issue 4): careers in a short window of days, so that every answer a
# timeline gives can be checked against `is_covered` at every date that matters.

T0 = dt.date(2024, 1, 1)
"""The first day of the timeline window."""
WINDOW = 150
"""Days in the timeline window; spans, periods and run-off stay near it."""


def window_days(lo: int = 0, hi: int = WINDOW) -> st.SearchStrategy[dt.date]:
    """Days from T0 + lo to T0 + hi."""
    return st.integers(lo, hi).map(lambda n: T0 + dt.timedelta(days=n))


@st.composite
def window_periods(draw: st.DrawFn, *, open_end: bool = True) -> Period:
    """A period starting in the window, 1 to 60 days long or (sometimes) open."""
    start = draw(window_days(0, WINDOW - 20))
    if open_end and draw(st.integers(0, 4)) == 0:
        return Period(start)
    return Period(start, start + dt.timedelta(days=draw(st.integers(1, 60))))


_POOL_SOURCE = Citation("003_050a7f98c6f2333b.txt", "no gaps in your protection")


def _pool_cover(
    name: str = "all",
    *,
    kinds: frozenset[ActivityKind] = frozenset(ActivityKind),
    matters: frozenset[Matter] = frozenset(Matter),
    needs: Condition | None = None,
    excludes: Condition | None = None,
) -> Cover:
    return Cover(
        name=name,
        matters=matters,
        activities=kinds,
        territory=frozenset(Jurisdiction),
        source=_POOL_SOURCE,
        conditions=()
        if needs is None
        else (Requirement(needs, "a requirement holds", _POOL_SOURCE),),
        exclusions=()
        if excludes is None
        else (Exclusion(excludes, reason="some excluded work", source=_POOL_SOURCE),),
    )


def _pool_scheme(
    key: str,
    basis: Basis,
    covers: tuple[Cover, ...] = (),
    *,
    excludes: Condition | None = None,
    in_force: Period | None = None,
) -> Scheme:
    return Scheme(
        key=key,
        name=key.upper(),
        operator="Operator",
        kind=SchemeKind.DISCRETIONARY,
        basis=basis,
        covers=covers or (_pool_cover(),),
        source=_POOL_SOURCE,
        exclusions=()
        if excludes is None
        else (Exclusion(excludes, reason="scheme-wide exclusion", source=_POOL_SOURCE),),
        in_force=in_force or Period.always(),
    )


def _scheme_pool() -> list[Scheme]:
    day = lambda n: T0 + dt.timedelta(days=n)  # noqa: E731 - a local shorthand
    nhs = frozenset({ActivityKind.NHS_CONTRACTED_CARE})
    private = frozenset({ActivityKind.PRIVATE_PRACTICE})
    pool = []
    for basis in Basis:
        b = "cm" if basis is Basis.CLAIMS_MADE else "occ"
        pool += [
            _pool_scheme(f"{b}-wide", basis),
            _pool_scheme(f"{b}-wide-2", basis),
            _pool_scheme(f"{b}-supervised", basis, (_pool_cover(needs=Is(Fact.SUPERVISED, True)),)),
            _pool_scheme(
                f"{b}-charge",
                basis,
                (_pool_cover(excludes=Is(Fact.OVERALL_CHARGE, True) & ~Is(Fact.DECLARED, True)),),
            ),
            _pool_scheme(f"{b}-nhs", basis, (_pool_cover(kinds=nhs),)),
            _pool_scheme(
                f"{b}-two-covers",
                basis,
                (
                    _pool_cover("nhs", kinds=nhs),
                    _pool_cover(
                        "private",
                        kinds=private,
                        matters=frozenset({Matter.CLINICAL_NEGLIGENCE, Matter.COMPLAINT}),
                        needs=AtMost(Fact.PRIVATE_EARNINGS, 10_000),
                    ),
                ),
            ),
            _pool_scheme(f"{b}-undeclared", basis, excludes=Is(Fact.DECLARED, False)),
            _pool_scheme(f"{b}-window", basis, in_force=Period(day(30), day(100))),
            _pool_scheme(f"{b}-ends", basis, in_force=Period(day(-400), day(70))),
            _pool_scheme(f"{b}-starts", basis, in_force=Period(day(60))),
        ]
    return pool


SCHEME_POOL = _scheme_pool()
"""Ready-made schemes of both bases: wide, conditional, excluding, narrow, briefly in force."""

window_schemes = st.sampled_from(SCHEME_POOL)
"""A ready-made scheme: cheap to draw, so that a thousand examples stay quick."""


@st.composite
def window_memberships(draw: st.DrawFn, scheme: Scheme | None = None) -> MembershipPeriod:
    """A membership in the window, open now and then, with a retroactive date and run-off.

    Few draws per membership: each draw costs Hypothesis time, and the
    properties run a thousand examples each.
    """
    held = scheme or draw(window_schemes)
    start, length, retro, run_off = draw(
        st.tuples(
            st.integers(0, WINDOW - 20),
            st.integers(-10, 60),
            st.integers(-20, 40),
            st.integers(-45, 90),
        )
    )
    begins = T0 + dt.timedelta(days=start)
    period = Period(begins, None if length <= 0 else begins + dt.timedelta(days=length))
    claims_made = held.basis is Basis.CLAIMS_MADE
    return MembershipPeriod(
        held,
        period,
        retroactive_date=begins - dt.timedelta(days=retro) if claims_made and retro >= 0 else None,
        run_off_end=period.end + dt.timedelta(days=run_off)
        if claims_made and period.end is not None and run_off >= 0
        else None,
    )


window_portfolios = st.lists(window_memberships(), max_size=5).map(Portfolio)
"""Up to five memberships; drawn from a small pool, a scheme is often held more than once."""


@st.composite
def window_spans(draw: st.DrawFn) -> Period:
    """A span of incident dates around the window."""
    start = draw(window_days(-10, WINDOW - 10))
    return Period(start, start + dt.timedelta(days=draw(st.integers(1, 90))))


window_activities = st.builds(
    Activity,
    st.sampled_from([ActivityKind.PRIVATE_PRACTICE, ActivityKind.NHS_CONTRACTED_CARE]) | kinds,
    st.fixed_dictionaries(
        {},
        optional={
            Fact.SUPERVISED: st.booleans(),
            Fact.OVERALL_CHARGE: st.booleans(),
            Fact.DECLARED: st.booleans(),
            Fact.PRIVATE_EARNINGS: st.integers(0, 30_000),
        },
    ),
)
"""Activities whose facts are the few the schemes' conditions read, any of them unknown."""


# ---------------------------------------------------------------------------
# Files (issue 5): documents to save and load, and data to fuzz the loaders with.


@st.composite
def catalogue_memberships(draw: st.DrawFn) -> MembershipPeriod:
    """A membership of a built-in catalogue scheme, which a file names by key."""
    from indemnity.uk import schemes as catalogue

    known = catalogue()
    held = known[draw(st.sampled_from(sorted(known)))]
    return draw(memberships(held))


@st.composite
def file_portfolios(draw: st.DrawFn) -> Portfolio:
    """A portfolio mixing catalogue schemes, random schemes and options, with a holder."""
    items = draw(
        st.lists(catalogue_memberships() | memberships() | memberships_with_options(), max_size=4)
    )
    return Portfolio(tuple(items), draw(st.text(max_size=20)))


@st.composite
def decisions(draw: st.DrawFn) -> object:
    """A decision of a random portfolio about a random question, of every outcome."""
    return draw(file_portfolios()).decide(draw(questions()))


def file_schemes() -> st.SearchStrategy[Scheme]:
    """A random scheme, or one of the catalogue's."""
    from indemnity.uk import schemes as catalogue

    return schemes() | st.sampled_from(sorted(catalogue().values(), key=lambda s: s.key))


def document_objects() -> st.SearchStrategy[object]:
    """Anything `indemnity.files.save` writes: a scheme, a portfolio or a decision."""
    return st.one_of(file_schemes(), file_portfolios(), decisions())


toml_keys = st.text(max_size=6) | st.sampled_from(["kind", "a.b", "x y", "", "é", '"'])
toml_values = st.recursive(
    st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.just([])
    | st.just({}),
    lambda inner: (
        st.lists(inner, min_size=1, max_size=4)
        | st.dictionaries(toml_keys, inner, min_size=1, max_size=4)
    ),
    max_leaves=25,
)
toml_documents = st.dictionaries(toml_keys, toml_values, max_size=5)
"""Tables TOML can hold (no None): what the TOML writer must write and tomllib read back."""


# ---------------------------------------------------------------------------
# Timelines (issue 4), continued: switching provider.


def _pool(key: str) -> Scheme:
    return next(s for s in SCHEME_POOL if s.key == key)


OCCURRENCE_MDO = _pool("occ-wide")
"""An occurrence scheme that answers for everything, always."""
OTHER_MDO = _pool("occ-wide-2")
"""Another one, to switch to."""
CLAIMS_MADE_POLICY = _pool("cm-wide")
"""A claims-made scheme that answers for everything, always."""
OTHER_POLICY = _pool("cm-wide-2")
"""Another one, to switch to."""


@st.composite
def switches(draw: st.DrawFn, leaving: Basis | None = None, joining: Basis | None = None) -> Switch:
    """Leave one wide arrangement for another, the new one joined early, on time or late."""
    old_basis = leaving or draw(st.sampled_from(list(Basis)))
    new_basis = joining or draw(st.sampled_from(list(Basis)))
    start, held, retro, run_off, late, new_retro = draw(
        st.tuples(
            st.integers(0, 60),
            st.integers(1, 400),
            st.integers(-100, 200),
            st.integers(-700, 1500),
            st.integers(-100, 100),
            st.integers(-200, 500),
        )
    )
    begins = T0 + dt.timedelta(days=start)
    left = begins + dt.timedelta(days=held)
    old_claims_made = old_basis is Basis.CLAIMS_MADE
    old = MembershipPeriod(
        CLAIMS_MADE_POLICY if old_claims_made else OCCURRENCE_MDO,
        Period(begins, left),
        retroactive_date=begins - dt.timedelta(days=retro)
        if old_claims_made and retro >= 0
        else None,
        run_off_end=left + dt.timedelta(days=run_off) if old_claims_made and run_off >= 0 else None,
        label="old",
    )
    joined = left + dt.timedelta(days=late)
    new_claims_made = new_basis is Basis.CLAIMS_MADE
    new = MembershipPeriod(
        OTHER_POLICY if new_claims_made else OTHER_MDO,
        Period(joined),
        retroactive_date=joined - dt.timedelta(days=new_retro)
        if new_claims_made and new_retro >= 0
        else None,
        label="new",
    )
    return Switch(old, new)
