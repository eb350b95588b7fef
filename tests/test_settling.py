"""Tests for `indemnity.model.settling`: the smallest sets of facts that settle an answer.

The properties check the settling sets against an oracle that knows nothing
of how they are worked out: every way of giving the missing facts, one
value of each part the rules tell apart (or none), is asked of the library
itself, and the settling sets must match exactly what settles.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import time
from collections.abc import Iterable, Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indemnity import (
    Activity,
    ActivityKind,
    AllOf,
    AnyOf,
    AtLeast,
    AtMost,
    Citation,
    CompiledPortfolio,
    Condition,
    Cover,
    Decision,
    Exclusion,
    FactValues,
    Is,
    Jurisdiction,
    Matter,
    MembershipPeriod,
    Not,
    OneOf,
    Outcome,
    Period,
    Portfolio,
    Requirement,
    Scheme,
    Settling,
    Source,
    ValueSpan,
    Vocabulary,
    from_data,
    to_data,
    uk,
)
from indemnity.model.settling import FALSE, TRUE, settle
from indemnity.model.terms import CLAIM_DATE, HELD_SINCE, Fact, FactType
from tests import builders
from tests.strategies import (
    portfolio_questions,
    settling_activities,
    settling_conditions,
)

WORDS = uk.vocabulary()
ON = dt.date(2024, 6, 1)
LIMIT = 400  # ways of giving facts the decision-level oracle asks, at most


# ---------------------------------------------------------------------------
# The oracle: a value of each part of a fact's values the rules tell apart


def _leaves(condition: Condition) -> Iterator[Condition]:
    if isinstance(condition, AllOf | AnyOf):
        for part in condition.conditions:
            yield from _leaves(part)
    elif isinstance(condition, Not):
        yield from _leaves(condition.condition)
    else:
        yield condition


def _named(conditions: Iterable[Condition]) -> dict[str, set[object]]:
    """Every value or bound the conditions name, by fact."""
    found: dict[str, set[object]] = {}
    for condition in conditions:
        for leaf in _leaves(condition):
            if isinstance(leaf, Is):
                found.setdefault(leaf.fact.name, set()).add(leaf.value)
            elif isinstance(leaf, OneOf):
                found.setdefault(leaf.fact.name, set()).update(leaf.values)
            elif isinstance(leaf, AtLeast | AtMost):
                found.setdefault(leaf.fact.name, set()).add(leaf.bound)
    return found


def _step(value: object, days: int) -> object:
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=days)
    return value + days  # type: ignore[operator]


def _representatives(fact: Fact, named: set[object], floor: object = None) -> list[object]:
    """A value in every part of `fact`'s values that `named` tells apart."""
    if fact.type is FactType.YES_NO:
        return [True, False]
    if fact.type is FactType.CHOICE:
        others = [v for v in fact.values.values if v not in named]
        return sorted(str(v) for v in named) + others[:1]
    points: set[object] = {floor if floor is not None else _default_point(fact)}
    for value in named:
        points.update({_step(value, -1), value, _step(value, 1)})
    if fact.is_numeric:
        points = {p for p in points if p >= 0}  # type: ignore[operator]
    if floor is not None:
        points = {p for p in points if p >= floor}  # type: ignore[operator]
    return sorted(points)  # type: ignore[type-var]


def _default_point(fact: Fact) -> object:
    return 0 if fact.is_numeric else dt.date(2000, 1, 1)


def _exclusions(portfolio: Portfolio) -> Iterator[Exclusion]:
    for m in portfolio:
        yield from m.scheme.exclusions
        for cover in m.scheme.covers:
            yield from cover.exclusions


def _rules(portfolio: Portfolio) -> Iterator[Condition]:
    for m in portfolio:
        for exc in m.scheme.exclusions:
            yield exc.when
            if exc.unless is not None:
                yield exc.unless
        for cover in m.scheme.covers:
            yield from (req.condition for req in cover.requires)
            for exc in cover.exclusions:
                yield exc.when
                if exc.unless is not None:
                    yield exc.unless


def _claim_points(portfolio: Portfolio, on: dt.date) -> list[object]:
    points = {on}
    for m in portfolio:
        if m.claims_made:
            claims = m.claims
            for day in (claims.start, claims.end):
                if day is not None and day != dt.date.min:
                    points.update({day - dt.timedelta(days=1), day})
    return sorted(p for p in points if p >= on)


_CORE = {CLAIM_DATE.name, HELD_SINCE.name}
"""The facts a question does not carry in its activity."""


def _start_points(on: dt.date) -> list[object]:
    """Dates a membership whose start is unknown may have begun, either side of the incident."""
    return [on - dt.timedelta(days=1), on, on + dt.timedelta(days=1)]


def _matches(settling: Settling, given: dict[str, object]) -> bool:
    return all(v.fact.name in given and given[v.fact.name] in v for v in settling.given)


def _ways(choices: dict[str, list[object]], *, unknown: bool = True) -> Iterator[dict[str, object]]:
    """Every way of giving the facts one of their choices (or none, with `unknown`)."""
    names = sorted(choices)
    options = [([None] if unknown else []) + choices[n] for n in names]
    for picked in itertools.product(*options):
        yield {n: v for n, v in zip(names, picked, strict=True) if v is not None}


def _check_exact(
    settling: tuple[Settling, ...],
    choices: dict[str, list[object]],
    outcome_of,
    ways: Iterable[dict[str, object]],
    keep=lambda way: True,
) -> None:
    """The settling sets match exactly the ways of giving facts that settle.

    `keep` says which ways count: all of them, except where a stated-only
    exclusion is stated into firing (a new question, not a settling of this one).
    """
    for way in ways:
        outcome = outcome_of(way)
        matched = {s.outcome for s in settling if _matches(s, way)}
        if outcome is Outcome.UNDETERMINED:
            assert not matched, f"{way} leaves it open, yet a settling set matches"
        else:
            assert matched == {outcome}, f"{way} settles it {outcome}, sets say {matched}"
    for s in settling:
        box = {v.fact.name: [c for c in choices[v.fact.name] if c in v] for v in s.given}
        assert all(box.values()), f"{s.describe()} names values no part of the rules tells apart"
        for v in s.given:
            others = {n: c for n, c in box.items() if n != v.fact.name}
            left_out = [outcome_of(g) for g in _ways(others, unknown=False) if keep(g)]
            assert not left_out or Outcome.UNDETERMINED in left_out, (
                f"{s.describe()}: it settles without {v.fact.name}"
            )
            for extra in (c for c in choices[v.fact.name] if c not in v):
                given = ({**g, v.fact.name: extra} for g in _ways(others, unknown=False))
                wider = [outcome_of(g) for g in given if keep(g)]
                assert not wider or any(o is not s.outcome for o in wider), (
                    f"{s.describe()}: {v.fact.name}={extra!r} settles it as well"
                )


# ---------------------------------------------------------------------------
# Properties


class TestExactness:
    """Settling sets are exactly the smallest ways of giving facts that settle an answer."""

    @given(settling_conditions, settling_activities())
    def test_a_conditions_settling_sets_are_exactly_what_decides_it(self, condition, activity):
        """On random rules and activities: each set decides, none is smaller, none is missed."""
        value = condition.evaluate(activity).value
        split = condition.split(activity)
        if value is not None:
            assert split == (TRUE if value else FALSE)
            return
        settling = settle(split)
        unknown = {f for f in condition.facts() if f not in activity.facts}
        named = _named([condition])
        choices = {
            f.name: _representatives(activity.vocabulary.fact(f.name), named.get(f.name, set()))
            for f in unknown
        }

        def outcome_of(given: dict[str, object]) -> Outcome:
            found = condition.evaluate(activity.with_facts(**given)).value
            if found is None:
                return Outcome.UNDETERMINED
            return Outcome.COVERED if found else Outcome.NOT_COVERED

        assert {f.name for s in settling for f in s.facts} <= set(choices)
        _check_exact(settling, choices, outcome_of, _ways(choices))

    @given(portfolio_questions(), st.randoms(use_true_random=False))
    def test_giving_any_settling_sets_facts_always_settles_and_no_smaller_set_does(
        self, asked, rnd: random.Random
    ):
        """On random portfolios and questions, the decision's settling sets are exact."""
        portfolio, question = asked
        decision = portfolio.decide(question)
        if decision.outcome is not Outcome.UNDETERMINED:
            assert decision.settling == ()
            return
        if len(portfolio.waiting_on_start(question)) > 1:
            # One HELD_SINCE cannot stand for the dates two memberships began.
            assert decision.settling == ()
            assert HELD_SINCE in decision.missing
            return
        assert decision.settling, "an undetermined decision says what settles it"
        assert {f for s in decision.settling for f in s.facts} <= decision.missing
        named = _named(_rules(portfolio))
        choices: dict[str, list[object]] = {}
        for fact in decision.missing:
            if fact == CLAIM_DATE:
                choices[fact.name] = _claim_points(portfolio, question.on)
            elif fact == HELD_SINCE:
                choices[fact.name] = _start_points(question.on)
            else:
                term = question.activity.vocabulary.fact(fact.name)
                choices[fact.name] = _representatives(term, named.get(fact.name, set()))

        def outcome_of(given: dict[str, object]) -> Outcome:
            facts = {k: v for k, v in given.items() if k not in _CORE}
            claim = given.get(CLAIM_DATE.name, question.claimed_on)
            began = given.get(HELD_SINCE.name)
            held = portfolio if began is None else portfolio.with_held_since(question, began)
            return held.is_covered(
                question.activity.with_facts(**facts),
                question.on,
                question.jurisdiction,
                matter=question.matter,
                claimed_on=claim,
            ).outcome

        # A stated-only exclusion is presumed not to fire while its facts are unstated:
        # a way that states them so that it fires asks a new question.
        stated_only = [exc for exc in _exclusions(portfolio) if exc.stated_only]

        def presumed(way: dict[str, object]) -> bool:
            facts = {k: v for k, v in way.items() if k not in _CORE and v is not None}
            work = question.activity.with_facts(**facts)
            return not any(exc.evaluate(work).value for exc in stated_only)

        ways = [way for way in _ways(choices) if presumed(way)]
        if len(ways) > LIMIT:
            ways = rnd.sample(ways, LIMIT)
        _check_exact(decision.settling, choices, outcome_of, ways, presumed)

    @given(portfolio_questions())
    def test_the_next_question_is_a_fact_some_settling_set_names(self, asked):
        """Every fact asked about can settle the answer; branches split its values."""
        portfolio, question = asked
        decision = portfolio.decide(question)
        named = {f for s in decision.settling for f in s.facts}
        assert {q.fact for q in decision.to_ask} == named
        for asked_about in decision.to_ask:
            values = [b.values for b in asked_about.branches]
            for a, b in itertools.combinations(values, 2):
                assert a.meet(b).empty
            joined = values[0]
            for v in values[1:]:
                joined = joined.join(v)
            assert joined.is_every


# ---------------------------------------------------------------------------
# The examples


def _private_practice(**facts: object) -> Decision:
    return uk.nhs_portfolio().is_covered(Activity.of("private-practice", **facts), ON, "england")


class TestPrivatePractice:
    """Private practice against the NHS schemes asks one question, and says where it leads."""

    def test_nhs_patient_no_alone_settles_it(self):
        """`nhs_patient: no` is a settling set of one fact: not covered."""
        decision = _private_practice()
        assert decision.outcome is Outcome.UNDETERMINED
        smallest = [s for s in decision.settling if len(s.given) == 1]
        assert (
            Settling(
                Outcome.NOT_COVERED, (FactValues.of(WORDS.fact("nhs_patient"), among=[False]),)
            )
            in smallest
        )
        assert _private_practice(nhs_patient=False).outcome is Outcome.NOT_COVERED

    def test_asks_for_exactly_one_fact_next_and_says_which_value_leads_where(self):
        """Ask next: is the patient an NHS patient? no: not covered; yes: still open."""
        asked = _private_practice().next_question
        assert asked is not None
        assert asked.fact == "nhs_patient"
        assert asked.question == "Is the patient an NHS patient?"
        assert asked.branch(False).outcome is Outcome.NOT_COVERED
        yes = asked.branch(True)
        assert yes.outcome is Outcome.UNDETERMINED
        assert {f.name for f in yes.open} == {"engaged_by", "field", "nhs_indemnity_applies"}

    def test_explain_says_ask_next(self):
        """The explanation ends with the next question and its branches."""
        text = _private_practice().explain()
        assert "Ask next: Is the patient an NHS patient?\n  - no -> not covered\n" in text
        assert "  - nhs_patient: no -> not covered" in text

    def test_the_covering_sets_name_every_fact_the_covers_need(self):
        """Covered takes an NHS engager, an NHS patient and NHS indemnity said to apply; an
        agency or a commissioned provider also the field (hospital or general practice)."""
        covering = [s for s in _private_practice().settling if s.outcome is Outcome.COVERED]
        assert [sorted(f.name for f in s.facts) for s in covering] == [
            ["engaged_by", "nhs_indemnity_applies", "nhs_patient"],
            ["engaged_by", "field", "nhs_indemnity_applies", "nhs_patient"],
        ]
        direct = covering[0].values("engaged_by")
        assert direct is not None
        assert direct.among == {"nhs-body", "nhs-primary-care-provider"}

    def test_missing_stays_the_union(self):
        """`missing` still names every fact an open rule reads."""
        assert {f.name for f in _private_practice().missing} == {
            "engaged_by",
            "field",
            "nhs_indemnity_applies",
            "nhs_patient",
        }

    def test_the_claim_date_is_settled_by_the_claim_window(self):
        """A claims-made policy's claim window splits the claim date: inside covers."""
        provider = uk.person("provider")
        work = Activity.of("healthcare-services", malicious=False, by_employee=True)
        decision = provider.is_covered(work, dt.date(2022, 6, 15), "england", matter="defamation")
        inside = FactValues.of(CLAIM_DATE, spans=[ValueSpan(None, dt.date(2026, 4, 1))])
        assert decision.settling == (
            Settling(Outcome.NOT_COVERED, (inside.others(),)),
            Settling(Outcome.COVERED, (inside,)),
        )
        asked = decision.next_question
        assert asked is not None
        assert asked.fact == CLAIM_DATE
        assert asked.branch(dt.date(2026, 3, 31)).outcome is Outcome.COVERED
        assert asked.branch(dt.date(2026, 4, 1)).outcome is Outcome.NOT_COVERED


class TestUnknowable:
    """Facts nobody can give leave out the ways of settling that need them."""

    def test_dont_know_re_ranks_what_is_left(self):
        """Without the patient's status, only the sets that do not need it are left to ask about."""
        decision = _private_practice()
        left = decision.questions(unknowable={"nhs_patient"})
        assert [q.fact.name for q in left] == ["engaged_by", "field", "nhs_indemnity_applies"]
        assert decision.questions(unknowable=["nhs_patient", "engaged_by"]) == ()

    def test_nothing_unknowable_is_to_ask(self):
        """With nothing ruled out, the questions are `to_ask`."""
        decision = _private_practice()
        assert decision.questions() == decision.to_ask


class TestClaimDate:
    """The claim date is settled by the claim windows of claims-made cover."""

    def test_an_incident_before_the_policy_starts_needs_a_claim_inside_it(self):
        """Covered from the retroactive date, the claim must still fall in the policy's window."""
        policy = builders.scheme("policy", basis="claims-made", kind="contractual-insurance")
        start = dt.date(2024, 1, 1)
        membership = builders.held(policy, start, retroactive_date=dt.date(2023, 1, 1))
        work = Activity.of("private-practice")
        decision = membership.is_covered(work, dt.date(2023, 6, 1), "england")
        inside = FactValues.of(CLAIM_DATE, spans=[ValueSpan(start, None)])
        assert decision.settling == (
            Settling(Outcome.NOT_COVERED, (inside.others(),)),
            Settling(Outcome.COVERED, (inside,)),
        )
        early = membership.is_covered(
            work, dt.date(2023, 6, 1), "england", claimed_on=dt.date(2023, 12, 31)
        )
        assert early.outcome is Outcome.NOT_COVERED


class TestTooEntangled:
    """Rules with too many ways to settle them give no settling sets, quickly."""

    def test_a_portfolio_open_on_many_facts_of_its_own(self):
        """Twelve memberships, each open on two facts of its own: 4,096 ways to fail."""
        facts = tuple(Fact(f"fact_{i}", FactType.YES_NO) for i in range(24))
        words = Vocabulary(
            "many",
            facts=facts,
            kinds=(ActivityKind("work"),),
            matters=(Matter("claim"),),
            jurisdictions=(Jurisdiction("here"),),
            sources=(Source("doc", "A document"),),
            default_matter=Matter("claim"),
        )
        with words.using():
            source = Citation("doc", verified=False)
            held = []
            for i in range(12):
                needs = Is(facts[2 * i], True) & Is(facts[2 * i + 1], True)
                cover = Cover(
                    "c",
                    {"claim"},
                    {"work"},
                    {"here"},
                    source,
                    (Requirement(needs, "both", source),),
                )
                scheme = Scheme(
                    f"s{i}", "S", "O", "contractual-insurance", "occurrence", (cover,), source
                )
                held.append(MembershipPeriod(scheme, Period(dt.date(2020, 1, 1))))
            started = time.perf_counter()
            decision = Portfolio(held).is_covered(Activity.of("work"), ON, "here")
            took = time.perf_counter() - started
        assert decision.outcome is Outcome.UNDETERMINED
        assert len(decision.missing) == 24
        assert decision.settling == ()
        assert decision.next_question is None
        assert took < 3


class TestCompiledPath:
    """The compiled path carries the same settling sets as the plain one."""

    def test_equal_on_the_private_practice_example(self):
        """Settling sets and the next question agree field by field."""
        fast = CompiledPortfolio(uk.nhs_portfolio())
        work = Activity.of("private-practice")
        for day in (ON, ON + dt.timedelta(days=1)):
            plain = uk.nhs_portfolio().is_covered(work, day, "england")
            quick = fast.is_covered(work, day, "england")
            assert quick == plain
            assert quick.next_question == plain.next_question


# ---------------------------------------------------------------------------
# Values, spans and settling sets as records


class TestFactValues:
    """The values of a fact: canonical, and in words."""

    @pytest.mark.parametrize(
        ("fact", "among", "spans", "text"),
        [
            ("nhs_patient", [False], [], "no"),
            ("nhs_patient", [True, False], [], "yes or no"),
            ("engaged_by", ["self", "private-employer"], [], "private-employer or self"),
            (
                "engaged_by",
                ["nhs-body", "nhs-staffing-contractor", "nhs-primary-care-provider", "self"],
                [],
                "anything but nhs-commissioned-private-provider or private-employer",
            ),
            ("private_earnings", [], [ValueSpan(10_001, None)], "at least £10,001"),
            ("private_earnings", [], [ValueSpan(None, 10_001)], "at most £10,000"),
            ("private_earnings", [], [ValueSpan(5, 6)], "£5"),
            ("private_earnings", [], [ValueSpan(5, 10)], "from £5 to £9"),
            ("private_earnings", [], [ValueSpan(0, None)], "any value"),
        ],
    )
    def test_describe(self, fact, among, spans, text):
        """Values read as people say them."""
        assert FactValues.of(WORDS.fact(fact), among=among, spans=spans).describe() == text

    def test_dates(self):
        """Date spans read as claim windows do."""
        day = dt.date(2026, 4, 1)
        assert FactValues.of(CLAIM_DATE, spans=[ValueSpan(None, day)]).describe() == (
            "before 2026-04-01"
        )
        assert FactValues.of(CLAIM_DATE, spans=[ValueSpan(day, None)]).describe() == (
            "on or after 2026-04-01"
        )

    def test_spans_are_merged_and_clipped(self):
        """Overlapping and touching spans merge; numbers start at zero."""
        earnings = WORDS.fact("private_earnings")
        spans = [ValueSpan(5, 10), ValueSpan(None, 3), ValueSpan(3, 6)]
        values = FactValues.of(earnings, spans=spans)
        assert values.spans == (ValueSpan(0, 10),)

    def test_others_and_contains(self):
        """The other values of a span are the rest of the line; membership follows."""
        earnings = WORDS.fact("private_earnings")
        values = FactValues.of(earnings, spans=[ValueSpan(5, 10)])
        assert values.others().spans == (ValueSpan(0, 5), ValueSpan(10, None))
        assert 5 in values
        assert 10 not in values
        assert values.join(values.others()).is_every


class TestData:
    """Settling sets and the next question are in the decision's data, and read back."""

    def test_round_trip(self):
        """A decision with settling sets reads back equal."""
        decision = _private_practice()
        assert from_data(Decision, to_data(decision)) == decision

    def test_next_question_in_data(self):
        """The data names the next question, its branches and the order to ask in."""
        data = to_data(_private_practice())
        assert data["next_question"]["fact"] == "nhs_patient"
        assert data["next_question"]["question"] == "Is the patient an NHS patient?"
        assert data["next_question"]["branches"][0] == {
            "values": {"fact": "nhs_patient", "values": [False], "spans": []},
            "outcome": "not-covered",
            "open": [],
        }
        assert data["ask_order"] == ["nhs_patient", "engaged_by", "field", "nhs_indemnity_applies"]
        assert data["settling"][0] == {
            "outcome": "not-covered",
            "given": [{"fact": "engaged_by", "values": ["private-employer", "self"], "spans": []}],
        }

    def test_settled_decisions_have_none(self):
        """A covered decision has no settling sets and no next question."""
        data = to_data(_private_practice(nhs_patient=False))
        assert (data["settling"], data["next_question"], data["ask_order"]) == ([], None, [])

    def test_claim_spans_in_data(self):
        """A claim window is written as a span of dates."""
        provider = uk.person("provider")
        work = Activity.of("healthcare-services", malicious=False, by_employee=True)
        decision = provider.is_covered(work, dt.date(2022, 6, 15), "england", matter="defamation")
        data = to_data(decision)
        assert data["settling"][1]["given"] == [
            {"fact": "claimed_on", "values": [], "spans": [{"start": None, "end": "2026-04-01"}]}
        ]
        assert from_data(Decision, data) == decision


class TestMembership:
    """A membership with nothing open has no settling sets."""

    def test_covered_membership(self):
        """Covered: nothing to settle."""
        held = MembershipPeriod(uk.scheme("cnst"), uk.nhs_portfolio().memberships[0].period)
        work = Activity.of("nhs-contracted-care", engaged_by="nhs-body")
        assert held.is_covered(work, ON, "england").settling == ()
