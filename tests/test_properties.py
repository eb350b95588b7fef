"""Invariants of the core model, checked on random rules, portfolios and questions."""

from __future__ import annotations

import datetime as dt
import json

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from indemnity import (
    CLAIM_DATE,
    Activity,
    ActivityKind,
    Citation,
    Cover,
    Decision,
    Exclusion,
    Fact,
    Is,
    Jurisdiction,
    Matter,
    MembershipPeriod,
    Outcome,
    Period,
    Portfolio,
    Question,
    Scheme,
)
from tests.strategies import (
    EPOCH,
    SMALL_FACTS,
    activities,
    claim_dates,
    conditions,
    covers,
    dates,
    exclusions,
    fact_values,
    jurisdictions,
    matters,
    memberships,
    portfolios,
    schemes,
)

RANK = {Outcome.NOT_COVERED: 0, Outcome.UNDETERMINED: 1, Outcome.COVERED: 2}

small_activities = activities(SMALL_FACTS)


@st.composite
def questions(draw: st.DrawFn) -> Question:
    """A valid question whose claim date, when given, is not before the incident."""
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
        return draw(questions())
    held = draw(st.sampled_from(portfolio.memberships))
    cover = draw(st.sampled_from(held.scheme.covers))
    incidents = held.incidents
    last = incidents.last_day or (incidents.start + dt.timedelta(days=900))
    on = draw(st.dates(min_value=max(incidents.start, EPOCH), max_value=max(last, EPOCH)))
    claim = draw(st.none() | st.dates(min_value=on, max_value=on + dt.timedelta(days=3000)))
    kind = draw(st.sampled_from(sorted(cover.activities)))
    activity = Activity(kind, draw(small_activities).facts)
    return Question.ask(
        activity,
        on,
        draw(st.sampled_from(sorted(cover.territory))),
        matter=draw(st.sampled_from(sorted(cover.matters))),
        claimed_on=claim,
    )


@st.composite
def portfolio_questions(draw: st.DrawFn) -> tuple[Portfolio, Question]:
    """A portfolio and a question that is usually aimed at it."""
    portfolio = draw(portfolios)
    return portfolio, draw(aimed_questions(portfolio))


def settle(question: Question, decision: Decision, data: st.DataObject) -> Question:
    """The question with every missing fact (and a missing claim date) filled in."""
    filled: dict[Fact | str, object] = {}
    claim = question.claimed_on
    for name in decision.missing:
        if name == CLAIM_DATE:
            claim = question.on + dt.timedelta(days=data.draw(st.integers(0, 8000)))
        else:
            fact = Fact(name)
            filled[fact] = data.draw(fact_values(fact))
    activity = question.activity.with_facts(**{str(k): v for k, v in filled.items()})
    return attrs.evolve(question, activity=activity, claimed_on=claim)


class TestMonotonicity:
    """More arrangements never mean less cover; more exclusions never mean more."""

    @given(portfolio_questions(), memberships())
    def test_adding_a_membership_never_takes_cover_away(self, asked, extra):
        """Adding a membership never lowers the outcome (not covered < undetermined < covered)."""
        portfolio, question = asked
        before = portfolio.decide(question)
        after = portfolio.add(extra).decide(question)
        assert RANK[after.outcome] >= RANK[before.outcome]
        if before.covered:
            assert set(before.grounds) <= set(after.grounds)

    @given(covers(), exclusions, questions())
    def test_adding_an_exclusion_never_turns_not_covered_into_covered(self, cover, extra, question):
        """A cover with one more exclusion never answers higher than without it."""
        before = cover.decide(question, options=frozenset())
        stricter = attrs.evolve(cover, exclusions=(*cover.exclusions, extra))
        after = stricter.decide(question, options=frozenset())
        assert RANK[after.outcome] <= RANK[before.outcome]
        if before.outcome is Outcome.NOT_COVERED:
            assert after.outcome is Outcome.NOT_COVERED

    @given(schemes(), exclusions, questions())
    def test_a_scheme_wide_exclusion_never_adds_cover(self, scheme, extra, question):
        """A scheme with one more scheme-wide exclusion never answers higher than without it."""
        before = scheme.decide(question)
        after = attrs.evolve(scheme, exclusions=(*scheme.exclusions, extra)).decide(question)
        assert RANK[after.outcome] <= RANK[before.outcome]


class TestOrderIndependence:
    """The order memberships are given in changes nothing."""

    @given(portfolio_questions(), st.randoms(use_true_random=False))
    def test_the_order_of_memberships_never_changes_a_decision(self, asked, rnd):
        """A shuffled portfolio gives an equal decision, and the same dict."""
        portfolio, question = asked
        items = list(portfolio.memberships)
        shuffled = list(items)
        rnd.shuffle(shuffled)
        one = Portfolio(tuple(items)).decide(question)
        two = Portfolio(tuple(shuffled)).decide(question)
        assert one == two
        assert one.to_dict() == two.to_dict()


class TestUndetermined:
    """UNDETERMINED is honest: it names exactly the facts that settle it."""

    @given(portfolio_questions(), st.data())
    def test_an_undetermined_answer_settles_once_its_missing_facts_are_given(self, asked, data):
        """Filling in every missing fact (any values) always yields a definite answer."""
        portfolio, question = asked
        decision = portfolio.decide(question)
        if decision.outcome is not Outcome.UNDETERMINED:
            assert decision.missing == frozenset()
            return
        assert decision.missing, "an undetermined answer must name what is missing"
        settled = portfolio.decide(settle(question, decision, data))
        assert settled.outcome is not Outcome.UNDETERMINED

    @given(conditions(), small_activities, st.data())
    def test_a_condition_is_decided_once_its_missing_facts_are_known(
        self, condition, activity, data
    ):
        """A condition's unknown becomes true or false when its missing facts are given."""
        value, missing = condition.evaluate(activity)
        if value is not None:
            return
        assert missing <= condition.facts()
        known = {f.value: data.draw(fact_values(f)) for f in missing}
        assert condition.evaluate(activity.with_facts(**known)).value is not None

    def test_an_undetermined_answer_can_settle_either_way(self):
        """The same open question settles COVERED with one fact and NOT_COVERED with another."""
        source = Citation("003_050a7f98c6f2333b.txt", "appropriately supervised")
        cover = Cover(
            name="training",
            matters=frozenset({Matter.CLINICAL_NEGLIGENCE}),
            activities=frozenset({ActivityKind.TRAINING_PLACEMENT}),
            territory=frozenset({Jurisdiction.ENGLAND}),
            source=source,
            exclusions=(
                Exclusion(Is(Fact.SUPERVISED, False), reason="unsupervised work", source=source),
            ),
        )
        activity = Activity.of(ActivityKind.TRAINING_PLACEMENT)
        on = dt.date(2025, 3, 10)
        assert cover.is_covered(activity, on, "england").outcome is Outcome.UNDETERMINED
        yes = cover.is_covered(activity.with_facts(supervised=True), on, "england")
        no = cover.is_covered(activity.with_facts(supervised=False), on, "england")
        assert (yes.outcome, no.outcome) == (Outcome.COVERED, Outcome.NOT_COVERED)

    def test_a_claims_made_answer_without_a_claim_date_can_settle_either_way(self):
        """A claims-made policy asked without a claim date settles by the claim date."""
        source = Citation(
            "004_a2c7f57648949e1d.txt", "Policy cover is provided on a claims-made basis"
        )
        cover = Cover(
            "malpractice",
            frozenset({Matter.MEDICAL_MALPRACTICE}),
            frozenset({ActivityKind.HEALTHCARE_SERVICES}),
            frozenset({Jurisdiction.ENGLAND}),
            source,
        )
        scheme = Scheme(
            "corp",
            "Corporate policy",
            "Lloyd's",
            "contractual-insurance",
            "claims-made",
            (cover,),
            source,
        )
        held = MembershipPeriod(scheme, Period(dt.date(2024, 1, 1), dt.date(2025, 1, 1)))
        activity = Activity.of(ActivityKind.HEALTHCARE_SERVICES)
        on = dt.date(2024, 6, 1)
        open_ = held.is_covered(activity, on, "england", matter="medical-malpractice")
        assert open_.missing == {CLAIM_DATE}
        inside = held.is_covered(
            activity, on, "england", matter="medical-malpractice", claimed_on=dt.date(2024, 12, 31)
        )
        outside = held.is_covered(
            activity, on, "england", matter="medical-malpractice", claimed_on=dt.date(2025, 1, 1)
        )
        assert (inside.outcome, outside.outcome) == (Outcome.COVERED, Outcome.NOT_COVERED)


class TestDecisionData:
    """`to_dict()` is JSON-ready and deterministic."""

    @given(portfolio_questions())
    def test_to_dict_is_json_serialisable_and_deterministic(self, asked):
        """to_dict() survives json.dumps/loads unchanged and is the same on every call."""
        portfolio, question = asked
        decision = portfolio.decide(question)
        data = decision.to_dict()
        text = json.dumps(data)
        assert json.loads(text) == data
        assert json.dumps(portfolio.decide(question).to_dict()) == text

    @given(portfolio_questions())
    def test_covered_is_true_exactly_when_the_outcome_is_covered(self, asked):
        """`covered` agrees with the outcome; grounds exist exactly when covered."""
        portfolio, question = asked
        decision = portfolio.decide(question)
        assert decision.covered == (decision.outcome is Outcome.COVERED)
        assert bool(decision.grounds) == decision.covered

    @given(portfolio_questions())
    def test_every_reason_cites_a_source_and_every_candidate_is_explained(self, asked):
        """Each membership that does not cover contributes at least one cited reason."""
        portfolio, question = asked
        decision = portfolio.decide(question)
        covering = {g.membership for g in decision.grounds}
        explained = {r.membership for r in decision.reasons}
        for membership in portfolio:
            assert membership in covering or membership in explained
        for reason in decision.reasons:
            assert isinstance(reason.source, Citation)
            assert reason.source.source


def test_strategies_reach_every_outcome():
    """The generated questions produce all three outcomes, so the properties bite."""
    seen: set[Outcome] = set()

    @settings(derandomize=True, max_examples=300)
    @given(portfolio_questions())
    def collect(asked):
        portfolio, question = asked
        seen.add(portfolio.decide(question).outcome)

    collect()
    assert seen == set(Outcome)


def test_epoch_is_before_every_generated_date():
    """The strategies' dates start at the documented epoch."""
    assert Period(EPOCH).start == EPOCH
