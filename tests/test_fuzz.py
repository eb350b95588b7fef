"""Fuzzing: random input to any constructor, loader or question may only raise IndemnityError."""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import inspect
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import indemnity
from indemnity import (
    Activity,
    ActivityKind,
    AllOf,
    Allowance,
    AllowList,
    AnyOf,
    AtLeast,
    AtMost,
    Catalogue,
    Citation,
    CompiledPortfolio,
    Cover,
    DatedValue,
    Exclusion,
    Fact,
    Facts,
    FactValues,
    Implication,
    IndemnityError,
    Is,
    Jurisdiction,
    KindIn,
    Matter,
    MembershipPeriod,
    Not,
    OneOf,
    Outcome,
    Parameter,
    Period,
    Portfolio,
    Question,
    Requirement,
    Scheme,
    Settling,
    Situation,
    Source,
    Switch,
    Timeline,
    ValueSet,
    Vocabulary,
    gaps,
    overlaps,
    renewal_dates,
    renewals,
    uk,
)
from indemnity.io.codec import from_data, json_schema_of, read_sources, read_vocabulary
from indemnity.io.documents import from_document, json_schema, load_catalogue, loads
from indemnity.io.parse import format_of, parse_document
from tests.strategies import activities, memberships, schemes

WORDS = uk.vocabulary()
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(
        [
            "england",
            "uk",
            "supervised",
            "field",
            "claimed_on",
            "clinical-negligence",
            "private-practice",
            "botox",
            "public-liability",
            "mps-imgs-2023",
            "yes-no",
            "choice",
            "2025-01-01..2024-01-01",
            "2024-01-01..",
            "",
        ]
    ),
    st.binary(max_size=4),
    st.dates(),
    st.datetimes(),
    st.sampled_from([*WORDS.jurisdictions, *WORDS.matters, *WORDS.kinds, *WORDS.facts]),
    st.builds(object),
)
junk = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.text(max_size=8) | st.sampled_from(["supervised", "field", "kind", "version"]),
            inner,
            max_size=3,
        )
        | st.frozensets(scalars.filter(lambda x: isinstance(x, (int, str, bool))), max_size=3)
    ),
    max_leaves=6,
)
citation = Citation("mps-hee-block", "quote")
ON = dt.date(2025, 1, 1)
COMPILED = CompiledPortfolio(Portfolio())

CONSTRUCTORS = {
    "Period": lambda a, b, c: Period(a, b),
    "Period.parse": lambda a, b, c: Period.parse(a),
    "Activity": lambda a, b, c: Activity(a, b),
    "Activity.vocabulary": lambda a, b, c: Activity("private-practice", b, vocabulary=a),
    "Activity.of": lambda a, b, c: Activity.of(a, supervised=b, field=c),
    "Facts": lambda a, b, c: Facts(a),
    "Facts.vocabulary": lambda a, b, c: Facts(b, vocabulary=a),
    "Citation": lambda a, b, c: Citation(a, b, c),
    "Citation.verified": lambda a, b, c: Citation("mps-imgs-2023", verified=a),
    "Is": lambda a, b, c: Is(a, b),
    "OneOf": lambda a, b, c: OneOf(a, b),
    "AtLeast": lambda a, b, c: AtLeast(a, b),
    "AtMost": lambda a, b, c: AtMost(a, b),
    "KindIn": lambda a, b, c: KindIn(a),
    "AllOf": lambda a, b, c: AllOf(a),
    "AnyOf": lambda a, b, c: AnyOf(a),
    "Not": lambda a, b, c: Not(a),
    "Requirement": lambda a, b, c: Requirement(a, b, c),
    "Exclusion": lambda a, b, c: Exclusion(a, unless=b, reason=c, source=citation),
    "Cover": lambda a, b, c: Cover("n", a, b, c, citation),
    "Cover.limit": lambda a, b, c: Cover(
        "n", {"complaint"}, {"good-samaritan"}, {"england"}, citation, limit=a, option=b
    ),
    "Cover.vocabulary": lambda a, b, c: Cover(
        "n", {"complaint"}, {"good-samaritan"}, {"england"}, citation, vocabulary=a
    ),
    "Scheme": lambda a, b, c: Scheme("k", "n", "o", a, b, c, citation),
    "Scheme.in_force": lambda a, b, c: Scheme(
        a, b, "o", "state-backed", "occurrence", (), citation, in_force=c
    ),
    "Portfolio": lambda a, b, c: Portfolio(a, b),
    "Situation.ask": lambda a, b, c: Situation.ask(a, b, matter=c),
    "Question.ask": lambda a, b, c: Question.ask(a, b, c),
    "Fact": lambda a, b, c: Fact(a, b, c),
    "ValueSet": lambda a, b, c: ValueSet(a, b, c),
    "ActivityKind": lambda a, b, c: ActivityKind(a, b, c),
    "Matter": lambda a, b, c: Matter(a, b, c, scope=a),
    "Jurisdiction": lambda a, b, c: Jurisdiction(a, b, c),
    "Source": lambda a, b, c: Source(a, b, c, published=a),
    "Vocabulary": lambda a, b, c: Vocabulary("v", a, b, c),
    "Vocabulary.places": lambda a, b, c: Vocabulary("v", jurisdictions=a, territories=b),
    "Vocabulary.default_matter": lambda a, b, c: Vocabulary("v", matters=a, default_matter=b),
    "Vocabulary.merge": lambda a, b, c: WORDS | Vocabulary("v", a, b, c),
    "Vocabulary.implications": lambda a, b, c: Vocabulary("v", WORDS.facts, implications=a),
    "ActivityKind.places": lambda a, b, c: ActivityKind("k", places=a),
    "Implication": lambda a, b, c: Implication(a, b, c, b),
    "Implication.source": lambda a, b, c: Implication("field", {"x"}, "procedure", {"y"}, a, b),
    "Allowance": lambda a, b, c: Allowance(a, b, c, file=a),
    "AllowList": lambda a, b, c: AllowList(a),
    "Catalogue": lambda a, b, c: Catalogue(a, WORDS, b, c),
    "CompiledPortfolio": lambda a, b, c: CompiledPortfolio(a),
    "vocabulary.fact": lambda a, b, c: WORDS.fact(a),
    "vocabulary.kind": lambda a, b, c: WORDS.kind(a),
    "vocabulary.jurisdiction": lambda a, b, c: WORDS.jurisdiction(a),
    "vocabulary.matter": lambda a, b, c: WORDS.matter(a),
    "vocabulary.source": lambda a, b, c: WORDS.source(a),
    "vocabulary.territory": lambda a, b, c: WORDS.territory(a, b),
    "vocabulary.check": lambda a, b, c: WORDS.check(a, b, "f"),
    "renewal_dates": lambda a, b, c: renewal_dates(a, until=b, renews_on=c),
    "renewal_dates.count": lambda a, b, c: renewal_dates(ON, count=a, renews_on=b),
    "DatedValue": lambda a, b, c: DatedValue(a, b, citation if c is None else c),
    "Parameter": lambda a, b, c: Parameter(a, "label", b, unit=c),
    "Parameter.at": lambda a, b, c: Parameter("fee", "fee", (DatedValue(ON, 1, citation),)).at(a),
    "Question.notified_on": lambda a, b, c: Question.ask(
        Activity.of("private-practice"), ON, "england", claimed_on=a, notified_on=b
    ),
    "Asker": lambda a, b, c: COMPILED.asker(a, facts=b, jurisdiction=c),
    "Asker.call": lambda a, b, c: COMPILED.asker(
        "private-practice", facts=["declared"], jurisdiction="england"
    )(a, b),
    "MembershipPeriod.start_known": lambda a, b, c: MembershipPeriod(
        uk.scheme("mdu"), Period(ON), start_known=a
    ).began(b),
    "Portfolio.with_held_since": lambda a, b, c: Portfolio(
        (MembershipPeriod(uk.scheme("mdu"), Period(ON), start_known=False),)
    ).with_held_since(Question.ask(Activity.of("good-samaritan"), dt.date(2020, 1, 1), "wales"), a),
    "uk.nhs_employment": lambda a, b, c: uk.nhs_employment(a, b),
}

LOADERS = {
    "loads": lambda a, b: loads(a if isinstance(a, str | bytes) else json.dumps(a, default=str)),
    "loads.format": lambda a, b: loads("{}", b),
    "from_document": lambda a, b: from_document(a),
    "from_document.kind": lambda a, b: from_document({"kind": "catalogue", "version": 1} | _d(a)),
    "from_data": lambda a, b: from_data(Scheme, a),
    "from_data.kind": lambda a, b: from_data(b, a),
    "from_data.settling": lambda a, b: from_data(Settling, {"outcome": a, "given": b}),
    "from_data.fact_values": lambda a, b: from_data(FactValues, {"fact": a, "values": b}),
    "from_data.spans": lambda a, b: from_data(
        FactValues, {"fact": "private_earnings", "spans": [{"start": a, "end": b}]}
    ),
    "from_data.claim_spans": lambda a, b: from_data(
        FactValues, {"fact": "claimed_on", "spans": [a, {"start": b}]}
    ),
    "load_catalogue": lambda a, b: load_catalogue([("x.json", a)], name="x", format="json"),
    "load_catalogue.name": lambda a, b: load_catalogue([(str(b), "{}")], name=a, format="json"),
    "read_vocabulary": lambda a, b: read_vocabulary(a, base=WORDS),
    "read_sources": lambda a, b: read_sources(a),
    "parse_document": lambda a, b: parse_document(a, b),
    "format_of": lambda a, b: format_of(a if isinstance(a, str) else "x.json", b),
    "json_schema": lambda a, b: json_schema(a),
    "json_schema_of": lambda a, b: json_schema_of(a),
}


def _d(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else {"schemes": value}


# Public classes whose instances the library builds itself (records, answers), never from
# user input, and the closed sets of options: these are not fuzzed.
NOT_INPUT = {
    "Answer",
    "Prepared",
    "Branch",
    "FactValues",
    "NextQuestion",
    "Settling",
    "ValueSpan",
    "Condition",
    "Decision",
    "Finding",
    "Ground",
    "Reason",
    "Stretch",
    "SwitchPlan",
    "SwitchRoute",
    "SwitchStep",
}


@pytest.mark.parametrize("name", sorted(CONSTRUCTORS))
@given(a=junk, b=junk, c=junk)
def test_random_input_to_a_constructor_raises_only_indemnity_error(name, a, b, c):
    """Any value at all is either accepted or refused with IndemnityError, never another error."""
    with contextlib.suppress(IndemnityError):
        CONSTRUCTORS[name](a, b, c)


@pytest.mark.parametrize("name", sorted(LOADERS))
@given(a=junk, b=junk)
def test_random_input_to_a_loader_raises_only_indemnity_error(name, a, b):
    """Any value given to a loader is read or refused with IndemnityError, never another error."""
    with contextlib.suppress(IndemnityError):
        LOADERS[name](a, b)


@given(scheme=schemes(), a=junk, b=junk, c=junk)
def test_random_membership_fields_raise_only_indemnity_error(scheme, a, b, c):
    """MembershipPeriod refuses bad periods, options and claims-made fields with IndemnityError."""
    for build in (
        lambda: MembershipPeriod(scheme, a),
        lambda: MembershipPeriod(scheme, Period(dt.date(2024, 1, 1), dt.date(2025, 1, 1)), a),
        lambda: MembershipPeriod(
            scheme,
            Period(dt.date(2024, 1, 1), dt.date(2025, 1, 1)),
            retroactive_date=b,
            run_off_end=c,
        ),
        lambda: MembershipPeriod(scheme, Period(dt.date(2024, 1, 1)), label=a),
        lambda: renewals(scheme, dt.date(2024, 1, 1), until=a, renews_on=b, retroactive_date=c),
    ):
        with contextlib.suppress(IndemnityError):
            build()


@given(held=memberships(), activity=activities(), a=junk, b=junk, c=junk, d=junk)
def test_random_questions_raise_only_indemnity_error(held, activity, a, b, c, d):
    """is_covered with any arguments answers or raises IndemnityError, at every level."""
    portfolio = Portfolio((held,))
    for ask in (
        portfolio.is_covered,
        CompiledPortfolio(portfolio).is_covered,
        held.is_covered,
        held.scheme.is_covered,
        held.scheme.covers[0].is_covered,
    ):
        for args in ((a, b, c), (activity, a, b), (activity, dt.date(2025, 1, 1), a)):
            with contextlib.suppress(IndemnityError):
                ask(*args, matter=d if isinstance(d, str) else "complaint")
        with contextlib.suppress(IndemnityError):
            Question.ask(activity, dt.date(2025, 1, 1), "england", matter=a, claimed_on=b)


@given(held=memberships(), a=junk, b=junk, c=junk, d=junk)
def test_random_prepared_questions_raise_only_indemnity_error(held, a, b, c, d):
    """An asker refuses bad layouts, values and dates with IndemnityError, never another error."""
    compiled = CompiledPortfolio(Portfolio((held,)))
    for kind, facts, place in ((a, b, c), ("private-practice", a, "england"), (a, ("field",), b)):
        with contextlib.suppress(IndemnityError):
            compiled.asker(kind, facts=facts, jurisdiction=place, matter=d)
    ask = compiled.asker("private-practice", facts=("field", "declared"), jurisdiction="england")
    for values, on in ((a, b), ((a, b), dt.date(2025, 1, 1)), (("dermatology", True), c)):
        with contextlib.suppress(IndemnityError):
            answer = ask(values, on)
            assert answer.outcome in set(Outcome)


@given(held=memberships(), activity=activities(), a=junk, b=junk, c=junk)
def test_random_timeline_arguments_raise_only_indemnity_error(held, activity, a, b, c):
    """Timelines, gaps, overlaps and switches refuse bad arguments with IndemnityError."""
    portfolio = Portfolio((held,))
    span = Period(dt.date(2024, 1, 1), dt.date(2024, 3, 1))
    for build in (
        lambda: Timeline.of(portfolio, activity, a, b),
        lambda: Timeline.of(portfolio, activity, "england", span, matter=a, claim_horizon=b),
        lambda: gaps(portfolio, activity, "england", a, claim_horizon=b),
        lambda: overlaps(portfolio, a, b, span),
        lambda: Switch.between(held, a, left_on=b),
        lambda: Switch.between(held, held.scheme, left_on=dt.date(2024, 6, 1), joined_on=a),
        lambda: Switch.between(held, held.scheme, left_on=c, retroactive_date=a),
    ):
        with contextlib.suppress(IndemnityError):
            build()


def test_every_public_constructor_is_fuzzed():
    """The fuzz table names each public class whose constructor takes user input."""
    public = {
        name
        for name in indemnity.__all__
        if inspect.isclass(obj := getattr(indemnity, name))
        and not issubclass(obj, enum.Enum | BaseException)
    }
    fuzzed = {name.partition(".")[0] for name in CONSTRUCTORS} | {
        "Asker",
        "MembershipPeriod",
        "Switch",
        "Timeline",
    }
    assert public - NOT_INPUT <= fuzzed
    assert public >= NOT_INPUT


def test_every_public_loader_is_fuzzed():
    """The fuzz table names each loader of data, text or files."""
    loaders = {"loads", "from_document", "from_data", "load_catalogue", "parse_document"}
    assert loaders <= {name.partition(".")[0] for name in LOADERS}
