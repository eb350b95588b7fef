"""Hypothesis strategies for the library's objects: every property test draws from here."""

from __future__ import annotations

import datetime as dt

import attrs
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
    FactType,
    Is,
    Jurisdiction,
    KindIn,
    Matter,
    MembershipPeriod,
    Not,
    OneOf,
    Period,
    Portfolio,
    Question,
    Requirement,
    Scheme,
    SchemeKind,
    Source,
    Switch,
    ValueSet,
    Vocabulary,
    uk,
)

WORDS = uk.vocabulary()
"""The vocabulary every name below is drawn from: the UK's."""
ALL_FACTS: list[Fact] = list(WORDS.facts)

EPOCH = dt.date(2020, 1, 1)
HORIZON = dt.date(2027, 1, 1)

dates = st.dates(min_value=EPOCH, max_value=HORIZON)
# Rules and questions are drawn mostly from a small shared universe, so that covers and
# questions meet often enough for every outcome to be common; the rest of the space stays
# reachable.
_CORE_JURISDICTIONS = ["england", "scotland"]
_CORE_MATTERS = ["clinical-negligence", "complaint"]
_CORE_KINDS = ["private-practice", "nhs-contracted-care"]
jurisdictions = st.sampled_from(_CORE_JURISDICTIONS) | st.sampled_from(WORDS.jurisdictions)
matters = st.sampled_from(_CORE_MATTERS) | st.sampled_from(WORDS.matters)
kinds = st.sampled_from(_CORE_KINDS) | st.sampled_from(WORDS.kinds)
source_ids = st.sampled_from([s.name for s in WORDS.sources])
"""The id of any source the vocabulary lists."""
citations = st.builds(
    Citation,
    source=st.sampled_from(["mps-imgs-2023", "mps-hee-block", "si-2019-334"]),
    quote=st.sampled_from(["", "a short quote"]),
)


@st.composite
def periods(draw: st.DrawFn, *, open_end: bool = True, max_days: int = 1500) -> Period:
    """A period inside the test epoch, open-ended sometimes."""
    start = draw(dates)
    if open_end and draw(st.booleans()):
        return Period(start)
    return Period(start, start + dt.timedelta(days=draw(st.integers(1, max_days))))


def fact_values(fact: Fact | str) -> st.SearchStrategy[object]:
    """Values of the right type for `fact` (a term, or a name in the UK vocabulary)."""
    term = fact if isinstance(fact, Fact) else WORDS.fact(fact)
    match term.type:
        case FactType.YES_NO:
            return st.booleans()
        case FactType.WHOLE_NUMBER:
            return st.integers(0, 400)
        case FactType.AMOUNT:
            return st.integers(0, 30_000)
        case FactType.DATE:
            return dates
        case FactType.CHOICE:
            assert term.values is not None
            return st.sampled_from(term.values.values)


# A few facts with few values keep the space small enough for unknowns and hits to meet.
SMALL_FACTS = ["supervised", "overall_charge", "declared", "private_earnings"]


@st.composite
def facts(draw: st.DrawFn, fact_pool: list[Fact] | None = None) -> dict[Fact, object]:
    """A dict of known facts drawn from `fact_pool` (all facts by default)."""
    pool = fact_pool or ALL_FACTS
    chosen = draw(st.lists(st.sampled_from(pool), unique=True, max_size=len(pool)))
    return {f: draw(fact_values(f)) for f in chosen}


@st.composite
def activities(draw: st.DrawFn, fact_pool: list[Fact] | None = None) -> Activity:
    """An activity of any kind with some facts known."""
    return Activity(draw(kinds), draw(facts(fact_pool)))


_VALUES: dict[tuple[object, ...], st.SearchStrategy[object]] = {}


def _values_of(fact: Fact) -> st.SearchStrategy[object]:
    """`fact_values(fact)`, built once per declaration: building strategies costs each draw."""
    key = fact.declaration()
    found = _VALUES.get(key)
    if found is None:
        found = _VALUES[key] = fact_values(fact)
    return found


_LEAF, _ALL, _ANY, _NOT = 0, 1, 2, 3
_SHAPES = st.sampled_from([_LEAF, _LEAF, _LEAF, _ALL, _ANY, _NOT])
_kind_sets = st.lists(kinds, min_size=1, max_size=3).map(frozenset)


def _condition_tree(draw: st.DrawFn, terms: tuple[Fact, ...], leaves: int) -> Condition:
    """A condition of at most `leaves` leaves: few draws per node, so a thousand stay quick."""
    shape = draw(_SHAPES) if leaves > 1 else _LEAF
    if shape == _NOT:
        return Not(_condition_tree(draw, terms, leaves - 1))
    if shape != _LEAF:
        n = draw(st.integers(0, 2))
        parts = tuple(_condition_tree(draw, terms, max(1, (leaves - 1) // n)) for _ in range(n))
        return AllOf(parts) if shape == _ALL else AnyOf(parts)
    which = draw(st.integers(0, 4))
    if which == 4:
        return KindIn(draw(_kind_sets))
    fact = draw(st.sampled_from(terms))
    values = _values_of(fact)
    if which == 1:
        return OneOf(fact, frozenset(draw(st.lists(values, min_size=1, max_size=3))))
    if which in (2, 3) and fact.ordered:
        return (AtLeast if which == 2 else AtMost)(fact, draw(values))  # type: ignore[arg-type]
    return Is(fact, draw(values))  # type: ignore[arg-type]


@st.composite
def _conditions(draw: st.DrawFn, terms: tuple[Fact, ...]) -> Condition:
    return _condition_tree(draw, terms, 4)


def conditions(fact_pool: list[Fact | str] | None = None) -> st.SearchStrategy[Condition]:
    """Random condition trees of up to four leaves over `fact_pool` (a small pool by default).

    Leaves are Is, OneOf, AtLeast and AtMost (on facts with ordered values) and
    KindIn; nodes are AllOf and AnyOf of zero to two parts (so ALWAYS and
    NEVER too) and Not.
    """
    pool = fact_pool or SMALL_FACTS
    terms = tuple(f if isinstance(f, Fact) else WORDS.fact(f) for f in pool)
    return _conditions(terms)


# Settling sets (issue 13): conditions over a fact of every type, a date fact among them.
DATED = WORDS | Vocabulary("dated", facts=(Fact("done_on", FactType.DATE, label="done on"),))
"""The UK vocabulary with a date fact, `done_on`."""
SETTLING_FACTS: list[Fact] = [
    *(WORDS.fact(n) for n in ("supervised", "declared", "private_earnings", "engaged_by")),
    DATED.fact("done_on"),
]
settling_conditions = conditions(list(SETTLING_FACTS))
"""Random conditions over yes/no, amount, choice and date facts."""


@st.composite
def settling_activities(draw: st.DrawFn) -> Activity:
    """An activity of the `DATED` vocabulary knowing some of `SETTLING_FACTS`."""
    return Activity(draw(kinds), draw(facts(SETTLING_FACTS)), vocabulary=DATED)


requirements = st.builds(Requirement, conditions(), st.just("a requirement holds"), citations)
exclusions = st.builds(
    Exclusion,
    conditions(),
    unless=st.none() | conditions(),
    reason=st.just("some excluded work"),
    source=citations,
)


# Strategies are built once, here, rather than inside the composites: building one
# costs about as much as drawing from it, and the properties draw a great many.
_cover_names = st.sampled_from(["a", "b", "c"])
_matter_sets = st.lists(matters, min_size=1, max_size=3).map(frozenset)
_place_sets = st.lists(jurisdictions, min_size=1, max_size=3).map(frozenset)
_requirement_lists = st.lists(requirements, max_size=1).map(tuple)
_exclusion_lists = st.lists(exclusions, max_size=2).map(tuple)
_limits = st.none() | st.integers(1, 10_000_000)


def _cover(draw: st.DrawFn, name: str | None) -> Cover:
    return Cover(
        name=name or draw(_cover_names),
        matters=draw(_matter_sets),
        activities=draw(_kind_sets),
        territory=draw(_place_sets),
        source=draw(citations),
        requires=draw(_requirement_lists),
        exclusions=draw(_exclusion_lists),
        limit=draw(_limits),
    )


@st.composite
def covers(draw: st.DrawFn, name: str | None = None) -> Cover:
    """A cover with random scope, territory, requirements and exclusions."""
    return _cover(draw, name)


_scheme_keys = st.sampled_from(["s1", "s2", "s3", "mdo", "trust"])
_scheme_kinds = st.sampled_from(list(SchemeKind))
_bases = st.sampled_from(list(Basis))
_scheme_exclusions = st.lists(exclusions, max_size=1).map(tuple)
_in_force = st.sampled_from([Period.always()] * 3) | periods()


@st.composite
def schemes(draw: st.DrawFn, basis: Basis | None = None) -> Scheme:
    """A scheme of one or two covers, of either basis unless one is given."""
    n = draw(st.integers(1, 2))
    return Scheme(
        key=draw(_scheme_keys),
        name="Scheme",
        operator="Operator",
        kind=draw(_scheme_kinds),
        basis=basis or draw(_bases),
        covers=tuple(_cover(draw, f"cover-{i}") for i in range(n)),
        source=draw(citations),
        exclusions=draw(_scheme_exclusions),
        in_force=draw(_in_force),
    )


_any_schemes = schemes()
_any_periods = periods()
_retro_days = st.none() | st.integers(0, 1500)
_run_off_days = st.none() | st.integers(0, 3000)
_start_known = st.sampled_from([True, True, False])
"""Whether an occurrence membership's start is known: unknown ("held from then, or earlier")
now and then."""


@st.composite
def memberships(draw: st.DrawFn, scheme: Scheme | None = None) -> MembershipPeriod:
    """A membership of a random (or given) scheme, with claims-made fields when they apply."""
    held = scheme or draw(_any_schemes)
    period = draw(_any_periods)
    retro = run_off = None
    start_known = True
    if held.basis is Basis.CLAIMS_MADE:
        back = draw(_retro_days)
        if back is not None:
            retro = period.start - dt.timedelta(days=back)
        if period.end is not None:
            after = draw(_run_off_days)
            if after is not None:
                run_off = period.end + dt.timedelta(days=after)
    else:
        start_known = draw(_start_known)
    return MembershipPeriod(
        held, period, retroactive_date=retro, run_off_end=run_off, start_known=start_known
    )


portfolios = st.lists(memberships(), max_size=3).map(lambda ms: Portfolio(tuple(ms)))
claim_dates = st.none() | dates


# ---------------------------------------------------------------------------
# Questions for the properties (issue 10): mostly aimed inside a membership's scope, so
# that every outcome is common, and asked again on nearby dates, so that answers kept
# per segment of dates meet the questions that share them.

_any_portfolios = portfolios | st.deferred(lambda: file_portfolios())
small_activities = activities(SMALL_FACTS)
"""Activities knowing some of the few facts the random conditions read."""


@st.composite
def small_questions(draw: st.DrawFn) -> Question:
    """A valid question about a small activity, with a claim date not before the incident."""
    on = draw(dates)
    claim = draw(claim_dates)
    if claim is not None and claim < on:
        claim = on + (on - claim)
    return Question.ask(
        draw(small_activities), on, draw(jurisdictions), matter=draw(matters), claimed_on=claim
    )


@st.composite
def aimed_questions(draw: st.DrawFn, portfolio: Portfolio) -> Question:
    """Usually a question aimed inside one membership's scope, so that cover is common."""
    if not portfolio.memberships or draw(st.integers(0, 3)) == 0:
        return draw(small_questions())
    held = draw(st.sampled_from(portfolio.memberships))
    cover = draw(st.sampled_from(held.scheme.covers))
    incidents = held.incidents
    last = incidents.last_day or (incidents.start + dt.timedelta(days=900))
    first = incidents.start
    if not held.start_known:
        # Before the date it is known to be held on too, where the answer waits on HELD_SINCE.
        first = max(first - dt.timedelta(days=900), dt.date.min)
    on = draw(st.dates(min_value=max(first, EPOCH), max_value=max(last, EPOCH)))
    claim = draw(st.none() | st.dates(min_value=on, max_value=on + dt.timedelta(days=3000)))
    activity = Activity(draw(st.sampled_from(sorted(cover.activities))), draw(facts(SMALL_FACTS)))
    return Question.ask(
        activity,
        on,
        draw(st.sampled_from(sorted(cover.territory))),
        matter=draw(st.sampled_from(sorted(cover.matters))),
        claimed_on=claim,
    )


@st.composite
def portfolio_questions(draw: st.DrawFn) -> tuple[Portfolio, Question]:
    """A portfolio (with options, labels and catalogue schemes now and then) and a question.

    The question is usually aimed at the portfolio.
    """
    portfolio = draw(_any_portfolios)
    return portfolio, draw(aimed_questions(portfolio))


def _turning_dates(portfolio: Portfolio) -> list[dt.date]:
    """Every date of a portfolio where some membership's answer may turn."""
    found: set[dt.date] = set()
    for m in portfolio:
        found.update((m.period.start, m.scheme.in_force.start))
        found.update(
            d
            for d in (m.period.end, m.retroactive_date, m.run_off_end, m.scheme.in_force.end)
            if d is not None
        )
    return sorted(d for d in found if d != dt.date.min)


@st.composite
def nearby_questions(draw: st.DrawFn, portfolio: Portfolio, question: Question) -> list[Question]:
    """The same situation asked on several dates: near the first, and either side of a turn.

    Most land on the segment of dates of the first question, so an answer kept
    for a segment is read back for other dates; those near a turning date
    land on both sides of it.
    """
    turns = _turning_dates(portfolio)
    near = st.integers(-30, 30).map(lambda n: question.on + dt.timedelta(days=n))
    if turns:
        edge = st.tuples(st.sampled_from(turns), st.integers(-2, 1))
        near |= edge.map(lambda t: t[0] + dt.timedelta(days=t[1]))
    asked = [question]
    for on in draw(st.lists(near, min_size=1, max_size=8)):
        claim = draw(
            st.sampled_from([None, question.claimed_on])
            | st.integers(0, 60).map(lambda n, on=on: on + dt.timedelta(days=n))
            | (
                st.tuples(st.sampled_from(turns), st.integers(-2, 1)).map(
                    lambda t: t[0] + dt.timedelta(days=t[1])
                )
                if turns
                else st.nothing()
            )
        )
        if claim is not None and claim < on:
            claim = None
        asked.append(question.at(on, claim))
    return asked


# ---------------------------------------------------------------------------
# Vocabularies (issue 10): small ones declared from a shared universe of words, so
# that any two agree on every word they share and merge; with facts of every type.

_OWN_SOURCES = {
    name: Source(name, f"The {name} document", "A publisher")
    for name in ("doc-a", "doc-b", "doc-c")
}
_OWN_VALUES = {
    "grades": ("junior", "middle", "senior", "consultant"),
    "sites": ("ward", "clinic", "theatre"),
}
_OWN_FACTS = {
    "insured": (FactType.YES_NO, None),
    "visits": (FactType.WHOLE_NUMBER, None),
    "fee": (FactType.AMOUNT, None),
    "done_on": (FactType.DATE, None),
    "grade": (FactType.CHOICE, "grades"),
    "site": (FactType.CHOICE, "sites"),
}
_OWN_KINDS = ("home-visit", "surgery-work", "remote-advice")
_OWN_MATTERS = ("claim", "inquiry", "board-review")
_OWN_PLACES = ("north", "south", "east", "west")
_OWN_TERRITORIES = {"the-south": frozenset({"south"}), "mainland": frozenset({"north", "south"})}


def _subset(items: object, *, least: int = 0) -> st.SearchStrategy[list[object]]:
    pool = list(items)  # type: ignore[call-overload]
    if not pool:
        return st.just([])
    return st.lists(st.sampled_from(pool), unique=True, min_size=least, max_size=len(pool))


@st.composite
def vocabularies(draw: st.DrawFn, *, uk_words: bool = True) -> Vocabulary:
    """A vocabulary of a few words of a shared universe, and maybe a few of the UK's.

    Any two such vocabularies merge: where they share a word they declare it
    alike, except that a value set may hold different values (a merge joins
    them), as when a scheme file adds a field of medicine to the UK's.
    """
    sets = {
        name: ValueSet(name, tuple(v for v in values if v in chosen))
        for name, values in _OWN_VALUES.items()
        if (chosen := draw(_subset(values, least=1)))
    }
    facts_: list[Fact] = []
    for name in draw(_subset(_OWN_FACTS)):
        kind, values = _OWN_FACTS[name]
        facts_.append(Fact(name, kind, None if values is None else sets[values]))
    used = {f.values.name for f in facts_ if f.values is not None}
    places = [Jurisdiction(n) for n in draw(_subset(_OWN_PLACES, least=1))]
    kinds_ = [ActivityKind(n) for n in draw(_subset(_OWN_KINDS, least=1))]
    matters_ = [Matter(n) for n in draw(_subset(_OWN_MATTERS, least=1))]
    own = Vocabulary(
        draw(st.sampled_from(["ours", "theirs"])),
        tuple(facts_),
        tuple(s for n, s in sets.items() if n in used or draw(st.booleans())),
        tuple(kinds_),
        tuple(matters_),
        tuple(places),
        {k: m for k, m in _OWN_TERRITORIES.items() if m <= set(places) and draw(st.booleans())},
        tuple(_OWN_SOURCES[n] for n in draw(_subset(_OWN_SOURCES))),
        draw(st.none() | st.sampled_from(matters_)),
    )
    if not uk_words or not draw(st.booleans()):
        return own
    borrowed: list[Fact] = draw(_subset(WORDS.facts))  # type: ignore[assignment]
    grown: dict[str, ValueSet] = {}
    for fact in borrowed:
        if fact.values is not None and fact.values.name not in grown:
            base = fact.values
            more = draw(_subset(("extra-one", "extra-two")))
            grown[base.name] = ValueSet(base.name, (*base.values, *more), base.labels)  # type: ignore[arg-type]
    # a borrowed matter brings the words it names: its counterpart, places and source
    matters_b: list[Matter] = draw(_subset(WORDS.matters))  # type: ignore[assignment]
    named = {m.name for m in matters_b}
    matters_b += [
        WORDS.matter(m.counterpart) for m in matters_b if m.counterpart not in ("", *named)
    ]
    # and a borrowed kind of work the places where it is done
    kinds_b: list[ActivityKind] = draw(_subset(WORDS.kinds))  # type: ignore[assignment]
    places_b: list[Jurisdiction] = draw(_subset(WORDS.jurisdictions))  # type: ignore[assignment]
    places_b += [
        WORDS.jurisdiction(p)
        for p in (
            *(p for m in matters_b for p in m.places),
            *(p for k in kinds_b for p in k.places),
        )
        if p not in {j.name for j in places_b}
    ]
    sources_b: list[Source] = draw(_subset(WORDS.sources))  # type: ignore[assignment]
    sources_b += [WORDS.source(m.source) for m in matters_b if m.source]
    return own | Vocabulary(
        "uk-part",
        tuple(attrs.evolve(f, values=grown[f.values.name]) if f.values else f for f in borrowed),
        tuple(grown.values()),
        tuple(kinds_b),
        tuple(dict.fromkeys(matters_b)),
        tuple(dict.fromkeys(places_b)),
        sources=tuple(dict.fromkeys(sources_b)),
    )


def free_text(max_size: int) -> st.SearchStrategy[str]:
    """Text a document may hold: any characters but controls (tab and line feed aside),
    lone surrogates and noncharacters, which loading and saving refuse."""
    return st.text(
        st.characters(exclude_categories=("Cc", "Cs", "Cn"), include_characters="\t\n"),
        max_size=max_size,
    )


@st.composite
def activities_in(draw: st.DrawFn, vocabulary: Vocabulary) -> Activity:
    """An activity of a kind `vocabulary` declares, knowing some of its facts."""
    known = {f: draw(fact_values(f)) for f in draw(_subset(vocabulary.facts))}
    return Activity(
        draw(st.sampled_from(vocabulary.kinds)),
        known,
        draw(free_text(max_size=8)),
        vocabulary=vocabulary,
    )


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
    source=source_ids,
    quote=free_text(max_size=20).map(str.strip),
    note=free_text(max_size=20).map(str.strip),
    verified=st.booleans(),
)
every_fact_condition = conditions(list(ALL_FACTS))


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
        requires=base.requires,
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
        draw(free_text(max_size=10)),
        held.start_known,
    )


@st.composite
def described_activities(draw: st.DrawFn) -> Activity:
    """An activity with any facts and a description."""
    return Activity(draw(kinds), draw(facts()), draw(free_text(max_size=10)))


@st.composite
def questions(draw: st.DrawFn) -> Question:
    """A valid question about any activity, with a claim date on or after the incident sometimes."""
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


_POOL_SOURCE = Citation("mps-hee-block", "no gaps in your protection")


def _pool_cover(
    name: str = "all",
    *,
    kinds: frozenset[object] = frozenset(WORDS.kinds),
    matters: frozenset[object] = frozenset(WORDS.matters),
    needs: Condition | None = None,
    excludes: Condition | None = None,
) -> Cover:
    return Cover(
        name=name,
        matters=matters,
        activities=kinds,
        territory=frozenset(WORDS.jurisdictions),
        source=_POOL_SOURCE,
        requires=()
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
        else (
            Exclusion(
                excludes, reason="scheme-wide exclusion", source=_POOL_SOURCE, stated_only=True
            ),
        ),
        in_force=in_force or Period.always(),
    )


def _scheme_pool() -> list[Scheme]:
    day = lambda n: T0 + dt.timedelta(days=n)  # noqa: E731 - a local shorthand
    nhs = frozenset({"nhs-contracted-care"})
    private = frozenset({"private-practice"})
    pool = []
    for basis in Basis:
        b = "cm" if basis is Basis.CLAIMS_MADE else "occ"
        pool += [
            _pool_scheme(f"{b}-wide", basis),
            _pool_scheme(f"{b}-wide-2", basis),
            _pool_scheme(f"{b}-supervised", basis, (_pool_cover(needs=Is("supervised", True)),)),
            _pool_scheme(
                f"{b}-charge",
                basis,
                (_pool_cover(excludes=Is("overall_charge", True) & ~Is("declared", True)),),
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
                        matters=frozenset({"clinical-negligence", "complaint"}),
                        needs=AtMost("private_earnings", 10_000),
                    ),
                ),
            ),
            _pool_scheme(f"{b}-undeclared", basis, excludes=Is("declared", False)),
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
    start, length, retro, run_off, known = draw(
        st.tuples(
            st.integers(0, WINDOW - 20),
            st.integers(-10, 60),
            st.integers(-20, 40),
            st.integers(-45, 90),
            st.integers(0, 3),
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
        # Now and then its start is unknown: held from `begins`, or earlier.
        start_known=claims_made or known != 0,
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
    st.sampled_from(["private-practice", "nhs-contracted-care"]) | kinds,
    st.fixed_dictionaries(
        {},
        optional={
            "supervised": st.booleans(),
            "overall_charge": st.booleans(),
            "declared": st.booleans(),
            "private_earnings": st.integers(0, 30_000),
        },
    ),
)
"""Activities whose facts are the few the schemes' conditions read, any of them unknown."""


# ---------------------------------------------------------------------------
# Files (issue 5): documents to save and load, and data to fuzz the loaders with.


@st.composite
def catalogue_memberships(draw: st.DrawFn) -> MembershipPeriod:
    """A membership of a built-in catalogue scheme, which a file names by key."""
    known = uk.schemes()
    held = known[draw(st.sampled_from(sorted(known)))]
    return draw(memberships(held))


@st.composite
def file_portfolios(draw: st.DrawFn) -> Portfolio:
    """A portfolio mixing catalogue schemes, random schemes and options, with a holder."""
    items = draw(
        st.lists(catalogue_memberships() | memberships() | memberships_with_options(), max_size=4)
    )
    return Portfolio(tuple(items), draw(free_text(max_size=20)))


@st.composite
def decisions(draw: st.DrawFn) -> object:
    """A decision of a random portfolio about a question, often aimed at it: every outcome."""
    portfolio = draw(file_portfolios() | portfolios)
    return portfolio.decide(draw(st.one_of(aimed_questions(portfolio), questions())))


def file_schemes() -> st.SearchStrategy[Scheme]:
    """A random scheme, or one of the catalogue's."""
    return schemes() | st.sampled_from(sorted(uk.schemes().values(), key=lambda s: s.key))


def document_objects() -> st.SearchStrategy[object]:
    """Anything `indemnity.io.documents.save` writes: a scheme, a portfolio or a decision."""
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
