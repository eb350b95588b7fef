"""Invariants of the model, checked on random rules, portfolios, questions and vocabularies."""

from __future__ import annotations

import datetime as dt
import json

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from indemnity import (
    Activity,
    Citation,
    CompiledPortfolio,
    Cover,
    Decision,
    Exclusion,
    Is,
    MembershipPeriod,
    Outcome,
    Period,
    Portfolio,
    Question,
    Scheme,
    Vocabulary,
    uk,
)
from indemnity.io.codec import Context, from_data, to_data
from indemnity.model.terms import CLAIM_DATE, HELD_SINCE
from tests.strategies import (
    EPOCH,
    HORIZON,
    activities_in,
    conditions,
    covers,
    dates,
    decisions,
    exclusions,
    fact_values,
    file_portfolios,
    file_schemes,
    memberships,
    nearby_questions,
    portfolio_questions,
    questions,
    small_activities,
    small_questions,
    vocabularies,
)

RANK = {Outcome.NOT_COVERED: 0, Outcome.UNDETERMINED: 1, Outcome.COVERED: 2}
WORDS = uk.vocabulary()


def settle(question: Question, decision: Decision, data: st.DataObject) -> Question:
    """The question with every missing fact (and a missing claim date) given a value."""
    filled: dict[str, object] = {}
    claim = question.claimed_on
    for fact in decision.missing:
        if fact == CLAIM_DATE:
            claim = question.on + dt.timedelta(days=data.draw(st.integers(0, 8000)))
        elif fact == HELD_SINCE:
            continue  # a membership's start, given by `began`
        else:
            filled[fact.name] = data.draw(fact_values(fact))
    return Question.ask(
        question.activity.with_facts(**filled),
        question.on,
        question.jurisdiction,
        matter=question.matter,
        claimed_on=claim,
    )


def began(portfolio: Portfolio, question: Question, data: st.DataObject) -> Portfolio:
    """The portfolio with a start given to each membership whose answer waits on when it began."""
    given = {}
    for m in portfolio.waiting_on_start(question):
        day = question.on + dt.timedelta(days=data.draw(st.integers(-3, 3)))
        given[id(m)] = m.began(min(day, m.period.start))
    return Portfolio(tuple(given.get(id(m), m) for m in portfolio), portfolio.holder)


def same(plain: Decision, fast: Decision) -> None:
    """Assert two decisions are equal field by field, their data and explanation included."""
    assert fast.outcome is plain.outcome
    assert fast.question == plain.question
    assert fast.grounds == plain.grounds
    assert fast.reasons == plain.reasons
    assert fast.missing == plain.missing
    assert fast.claim_windows == plain.claim_windows
    assert fast == plain
    assert to_data(fast) == to_data(plain)
    assert fast.explain() == plain.explain()


def declared(vocabulary: Vocabulary) -> tuple[object, ...]:
    """Everything a vocabulary declares, as a value two vocabularies can be compared by."""
    return (
        vocabulary.name,
        *(
            tuple(t.declaration() for t in getattr(vocabulary, field))
            for field in ("facts", "value_sets", "kinds", "matters", "jurisdictions", "sources")
        ),
        sorted((k, sorted(map(str, m))) for k, m in vocabulary.territories.items()),
        vocabulary.default_matter,
    )


def rebuilt(vocabulary: Vocabulary) -> Vocabulary:
    """An equal vocabulary that is not the same object."""
    return Vocabulary(
        vocabulary.name,
        vocabulary.facts,
        vocabulary.value_sets,
        vocabulary.kinds,
        vocabulary.matters,
        vocabulary.jurisdictions,
        vocabulary.territories,
        vocabulary.sources,
        vocabulary.default_matter,
    )


class TestMonotonicity:
    """More arrangements never mean less cover; more exclusions never mean more."""

    @given(portfolio_questions(), memberships())
    def test_adding_a_membership_never_removes_cover(self, asked, extra):
        """Adding a membership never lowers the outcome (not covered < undetermined < covered)."""
        portfolio, question = asked
        before = portfolio.decide(question)
        after = portfolio.add(extra).decide(question)
        assert RANK[after.outcome] >= RANK[before.outcome]
        if before.covered:
            assert set(before.grounds) <= set(after.grounds)

    @given(covers(), exclusions, small_questions())
    def test_an_exclusion_never_adds_cover(self, cover, extra, question):
        """A cover with one more exclusion never answers higher than without it."""
        before = cover.answer(question.situation, options=frozenset())
        stricter = attrs.evolve(cover, exclusions=(*cover.exclusions, extra))
        after = stricter.answer(question.situation, options=frozenset())
        assert RANK[after.outcome] <= RANK[before.outcome]
        if before.outcome is Outcome.NOT_COVERED:
            assert after.outcome is Outcome.NOT_COVERED

    @given(file_schemes(), exclusions, small_questions())
    def test_a_scheme_wide_exclusion_never_adds_cover(self, scheme, extra, question):
        """A scheme with one more scheme-wide exclusion never answers higher than without it."""
        before = scheme.decide(question)
        after = attrs.evolve(scheme, exclusions=(*scheme.exclusions, extra)).decide(question)
        assert RANK[after.outcome] <= RANK[before.outcome]


class TestOrderIndependence:
    """The order memberships are given in changes nothing."""

    @given(portfolio_questions(), st.randoms(use_true_random=False))
    def test_the_order_of_memberships_never_changes_a_decision_or_its_data(self, asked, rnd):
        """A shuffled portfolio gives an equal decision, with the same data."""
        portfolio, question = asked
        items = list(portfolio.memberships)
        shuffled = list(items)
        rnd.shuffle(shuffled)
        one = Portfolio(tuple(items)).decide(question)
        two = Portfolio(tuple(shuffled)).decide(question)
        assert one == two
        assert to_data(one) == to_data(two)


class TestUndetermined:
    """UNDETERMINED is honest: it names exactly the facts that settle it."""

    @given(portfolio_questions(), st.data())
    def test_undetermined_always_settles_once_its_missing_facts_are_given(self, asked, data):
        """Filling in every missing fact (any values) always yields a definite answer."""
        portfolio, question = asked
        decision = portfolio.decide(question)
        if decision.outcome is not Outcome.UNDETERMINED:
            assert decision.missing == frozenset()
            return
        assert decision.missing, "an undetermined answer must name what is missing"
        settled = began(portfolio, question, data).decide(settle(question, decision, data))
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
        known = {f.name: data.draw(fact_values(f)) for f in missing}
        assert condition.evaluate(activity.with_facts(**known)).value is not None

    def test_an_undetermined_answer_can_settle_either_way(self):
        """The same open question settles COVERED with one fact and NOT_COVERED with another."""
        source = Citation("mps-hee-block", "appropriately supervised")
        cover = Cover(
            name="training",
            matters=frozenset({"clinical-negligence"}),
            activities=frozenset({"training-placement"}),
            territory=frozenset({"england"}),
            source=source,
            exclusions=(
                Exclusion(Is("supervised", False), reason="unsupervised work", source=source),
            ),
        )
        activity = Activity.of("training-placement")
        on = dt.date(2025, 3, 10)
        assert cover.is_covered(activity, on, "england").outcome is Outcome.UNDETERMINED
        yes = cover.is_covered(activity.with_facts(supervised=True), on, "england")
        no = cover.is_covered(activity.with_facts(supervised=False), on, "england")
        assert (yes.outcome, no.outcome) == (Outcome.COVERED, Outcome.NOT_COVERED)

    def test_a_claims_made_answer_without_a_claim_date_can_settle_either_way(self):
        """A claims-made policy asked without a claim date settles by the claim date."""
        source = Citation("mduconnect-brochure", "Policy cover is provided on a claims-made basis")
        cover = Cover(
            "malpractice",
            frozenset({"medical-malpractice"}),
            frozenset({"healthcare-services"}),
            frozenset({"england"}),
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
        activity = Activity.of("healthcare-services")
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
    """A decision is consistent, explains itself, and its data is JSON and deterministic."""

    @given(portfolio_questions())
    def test_to_data_is_json_and_deterministic(self, asked):
        """to_data() survives json.dumps/loads unchanged and is the same on every call."""
        portfolio, question = asked
        decision = portfolio.decide(question)
        data = to_data(decision)
        text = json.dumps(data)
        assert json.loads(text) == data
        assert json.dumps(to_data(portfolio.decide(question))) == text

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
            assert membership.describe() in covering | explained
        for reason in decision.reasons:
            assert isinstance(reason.source, Citation)
            assert reason.source.source in WORDS


class TestCompiledPath:
    """The compiled path answers every question exactly as the plain path does."""

    @given(portfolio_questions(), st.data())
    def test_the_compiled_path_gives_the_plain_paths_decision(self, asked, data):
        """On random portfolios, and on many dates of a segment, every field is equal."""
        portfolio, question = asked
        compiled = CompiledPortfolio(portfolio)
        for each in data.draw(nearby_questions(portfolio, question)):
            plain = portfolio.decide(each)
            same(plain, compiled.decide(each))
            assert compiled.outcome(each) is plain.outcome

    @given(portfolio_questions(), portfolio_questions())
    def test_a_compiled_portfolio_never_mixes_up_two_situations(self, first, second):
        """Answers kept for one question never leak into another's."""
        portfolio, one = first
        _, two = second
        compiled = CompiledPortfolio(portfolio)
        for question in (one, two, one.at(two.on, two.claimed_on), two, one):
            same(portfolio.decide(question), compiled.decide(question))

    @given(portfolio_questions(), st.data())
    def test_is_covered_on_a_compiled_portfolio_gives_the_plain_answer(self, asked, data):
        """The compiled `is_covered` (situations remembered) answers as the portfolio's does."""
        portfolio, question = asked
        compiled = CompiledPortfolio(portfolio)
        situation = question.situation
        place, matter = situation.jurisdiction.name, situation.matter.name
        for each in data.draw(nearby_questions(portfolio, question)):
            activity = situation.activity
            if data.draw(st.booleans()):  # an equal activity, not the same object
                activity = Activity(activity.kind, activity.facts.names())
            plain = portfolio.is_covered(
                activity, each.on, place, matter=matter, claimed_on=each.claimed_on
            )
            same(plain, compiled.is_covered(
                activity, each.on, place, matter=matter, claimed_on=each.claimed_on
            ))  # fmt: skip

    @given(portfolio_questions(), st.data())
    def test_a_prepared_question_gives_the_plain_answer(self, asked, data):
        """An asker gives the outcome, grounds, missing facts and reasons of the plain path."""
        portfolio, question = asked
        compiled = CompiledPortfolio(portfolio)
        situation = question.situation
        layout = tuple(sorted(situation.activity.facts, key=lambda f: f.name))
        ask = compiled.asker(
            situation.activity.kind,
            facts=layout,
            jurisdiction=situation.jurisdiction,
            matter=situation.matter,
        )
        values = tuple(situation.activity.facts[f] for f in layout)
        for each in data.draw(nearby_questions(portfolio, question)):
            plain = portfolio.decide(Question(situation, each.on))
            answer = ask(values, each.on)
            assert answer.outcome is plain.outcome
            assert answer.grounds == plain.grounds
            assert answer.missing == plain.missing
            assert answer.reasons == plain.reasons
            if HELD_SINCE not in plain.missing:  # else its settling sets name the date first asked
                assert answer.settling == plain.settling
            same(plain, answer.decide(each.on))

    @given(portfolio_questions(), st.data())
    def test_decide_many_and_outcomes_stream_what_decide_gives(self, asked, data):
        """decide_many and outcomes give, in order, what the plain path gives one by one."""
        portfolio, question = asked
        asked_ = data.draw(nearby_questions(portfolio, question))
        compiled = CompiledPortfolio(portfolio)
        plain = [portfolio.decide(q) for q in asked_]
        assert list(compiled.decide_many(iter(asked_))) == plain
        assert list(CompiledPortfolio(portfolio).outcomes(asked_)) == [d.outcome for d in plain]


class TestVocabularies:
    """Merging vocabularies keeps every word's meaning."""

    @given(vocabularies())
    def test_a_vocabulary_merged_with_itself_is_itself(self, words):
        """v | v is v, and v merged with an equal copy declares exactly what v declares."""
        assert words | words is words
        assert declared(words | rebuilt(words)) == declared(words)
        assert declared(rebuilt(words) | words) == declared(words)

    @given(vocabularies(), vocabularies(), st.data())
    def test_an_activity_checked_against_a_merged_vocabulary_equals_the_original(
        self, words, other, data
    ):
        """An activity read again in v | w, or w | v, is equal to itself, fact by fact."""
        activity = data.draw(activities_in(words))
        for merged in (words | other, other | words):
            again = activity.in_vocabulary(merged)
            assert again == activity
            assert again.kind.name == activity.kind.name
            assert again.facts.names() == activity.facts.names()
            assert again.vocabulary is merged

    @given(vocabularies(), vocabularies())
    def test_a_merge_declares_every_word_of_both(self, words, other):
        """Every fact, kind, matter, place and source of v and of w is in v | w."""
        merged = words | other
        for field in ("facts", "kinds", "matters", "jurisdictions", "sources"):
            names = {t.name for t in getattr(merged, field)}
            assert {t.name for t in getattr(words, field)} <= names
            assert {t.name for t in getattr(other, field)} <= names


class TestRoundTrip:
    """Data read back is the object it was written from."""

    @staticmethod
    def back(obj: object, *, by_key: bool = False) -> object:
        """The object written to data, through JSON, and read back.

        With `by_key`, a membership of a catalogue scheme is written as the
        scheme's key and read back from the catalogue.
        """
        known = uk.schemes() if by_key else {}
        data = to_data(obj, context=Context(vocabulary=WORDS, schemes=known))
        text = json.dumps(data)
        return from_data(
            type(obj), json.loads(text), context=Context(vocabulary=WORDS, schemes=known)
        )

    @given(file_schemes())
    def test_a_scheme_reads_back_as_itself(self, scheme):
        """from_data(to_data(scheme)) == scheme."""
        assert self.back(scheme) == scheme

    @given(file_portfolios())
    def test_a_portfolio_reads_back_as_itself(self, portfolio):
        """from_data(to_data(portfolio)) == portfolio, its schemes inline or named by key."""
        assert self.back(portfolio) == portfolio
        assert self.back(portfolio, by_key=True) == portfolio

    @given(questions())
    def test_a_question_reads_back_as_itself(self, question):
        """from_data(to_data(question)) == question."""
        assert self.back(question) == question

    @given(vocabularies(), st.data())
    def test_a_question_in_any_vocabulary_reads_back_as_itself(self, words, data):
        """Facts of every type (dates, numbers, amounts, choices) read back in their vocabulary."""
        activity = data.draw(activities_in(words))
        on = data.draw(dates)
        question = Question.ask(
            activity,
            on,
            data.draw(st.sampled_from(words.jurisdictions)),
            matter=data.draw(st.sampled_from(words.matters)),
            claimed_on=data.draw(st.none() | st.just(on)),
            vocabulary=words,
        )
        written = json.loads(json.dumps(to_data(question, context=Context(vocabulary=words))))
        back = from_data(Question, written, context=Context(vocabulary=words))
        assert back == question
        assert back.activity.facts.names() == question.activity.facts.names()

    @given(decisions())
    def test_a_decision_reads_back_as_itself(self, decision):
        """from_data(to_data(decision)) == decision, reasons and claim windows included."""
        assert self.back(decision) == decision


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


@given(dates)
def test_epoch_is_before_every_generated_date(day):
    """The strategies' dates start at the documented epoch (and end at the horizon)."""
    assert EPOCH <= day <= HORIZON
