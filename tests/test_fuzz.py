"""Fuzzing: random input to any constructor or question may only raise IndemnityError."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import indemnity
from indemnity import (
    Activity,
    AllOf,
    AnyOf,
    AtLeast,
    AtMost,
    Citation,
    Cover,
    Exclusion,
    Facts,
    IndemnityError,
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
    territory,
)
from tests.strategies import activities, memberships, schemes

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(
        [
            "england",
            "supervised",
            "field",
            "clinical-negligence",
            "private-practice",
            "botox",
            "public-liability",
            "2025-01-01..2024-01-01",
            "",
        ]
    ),
    st.binary(max_size=4),
    st.dates(),
    st.datetimes(),
    st.sampled_from(list(Jurisdiction) + list(Matter)),
    st.builds(object),
)
junk = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.text(max_size=8) | st.sampled_from(["supervised", "field"]), inner, max_size=3
        )
        | st.frozensets(scalars.filter(lambda x: isinstance(x, (int, str, bool))), max_size=3)
    ),
    max_leaves=6,
)
citation = Citation("003_050a7f98c6f2333b.txt", "quote")

CONSTRUCTORS = {
    "Period": lambda a, b, c: Period(a, b),
    "Period.parse": lambda a, b, c: Period.parse(a),
    "Activity": lambda a, b, c: Activity(a, b),
    "Activity.of": lambda a, b, c: Activity.of(a, supervised=b, field=c),
    "Facts": lambda a, b, c: Facts(a),
    "Citation": lambda a, b, c: Citation(a, b, c),
    "Citation.verified": lambda a, b, c: Citation("x", verified=a),
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
    "Scheme": lambda a, b, c: Scheme("k", "n", "o", a, b, c, citation),
    "Portfolio": lambda a, b, c: Portfolio(a, b),
    "Jurisdiction.parse": lambda a, b, c: Jurisdiction.parse(a),
    "Matter.parse": lambda a, b, c: Matter.parse(a),
    "territory": lambda a, b, c: territory(a, b),
}


@pytest.mark.parametrize("name", sorted(CONSTRUCTORS))
@given(a=junk, b=junk, c=junk)
def test_random_input_to_a_constructor_raises_only_indemnity_error(name, a, b, c):
    """Any value at all is either accepted or refused with IndemnityError, never another error."""
    with contextlib.suppress(IndemnityError):
        CONSTRUCTORS[name](a, b, c)


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
    ):
        with contextlib.suppress(IndemnityError):
            build()


@given(held=memberships(), activity=activities(), a=junk, b=junk, c=junk, d=junk)
def test_random_questions_raise_only_indemnity_error(held, activity, a, b, c, d):
    """is_covered with any arguments answers or raises IndemnityError, at every level."""
    portfolio = Portfolio((held,))
    for ask in (
        portfolio.is_covered,
        held.is_covered,
        held.scheme.is_covered,
        held.scheme.covers[0].is_covered,
    ):
        for args in ((a, b, c), (activity, a, b), (activity, dt.date(2025, 1, 1), a)):
            with contextlib.suppress(IndemnityError):
                ask(*args, matter=d if isinstance(d, str) else "complaint")
        with contextlib.suppress(IndemnityError):
            Question.ask(activity, dt.date(2025, 1, 1), "england", matter=a, claimed_on=b)


def test_every_public_constructor_is_fuzzed():
    """The fuzz table names each public class whose constructor takes user input."""
    classes = {
        "Period",
        "Activity",
        "Facts",
        "Citation",
        "Is",
        "OneOf",
        "AtLeast",
        "AtMost",
        "KindIn",
        "AllOf",
        "AnyOf",
        "Not",
        "Requirement",
        "Exclusion",
        "Cover",
        "Scheme",
        "Portfolio",
    }
    assert classes <= set(CONSTRUCTORS)
    assert all(hasattr(indemnity, c) for c in classes)
