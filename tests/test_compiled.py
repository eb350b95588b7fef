"""Tests for `indemnity.timelines.compiled`: the compiled path answers as the plain one does."""

from __future__ import annotations

import datetime as dt
import json
import pickle

import pytest
from hypothesis import given

from indemnity import (
    Activity,
    CompiledPortfolio,
    Decision,
    InvalidFieldError,
    Outcome,
    Portfolio,
    Question,
    to_data,
)
from indemnity.timelines import compiled as compiled_module
from tests.builders import ON, D, held, portfolio, scheme
from tests.strategies import portfolio_questions


def same(plain: Decision, fast: Decision) -> None:
    """Assert two decisions are equal field by field, reasons included."""
    assert fast.outcome is plain.outcome
    assert fast.question == plain.question
    assert fast.grounds == plain.grounds
    assert fast.missing == plain.missing
    assert fast.claim_windows == plain.claim_windows
    assert fast.reasons == plain.reasons
    assert fast == plain
    assert to_data(fast) == to_data(plain)
    assert fast.explain() == plain.explain()


def _question(on: dt.date = ON, claimed_on: dt.date | None = None) -> Question:
    return Question.ask(Activity.of("good-samaritan"), on, "england", claimed_on=claimed_on)


class TestAgreement:
    """Compiled and plain paths give equal decisions."""

    @given(portfolio_questions())
    def test_the_compiled_path_agrees_with_the_plain_path(self, asked):
        """On random portfolios and questions, every field of the decision is equal."""
        plain_portfolio, question = asked
        plain = plain_portfolio.decide(question)
        fast = CompiledPortfolio(plain_portfolio)
        same(plain, fast.decide(question))
        assert fast.outcome(question) is plain.outcome

    @given(portfolio_questions(), portfolio_questions())
    def test_a_compiled_portfolio_keeps_agreeing_across_questions(self, first, second):
        """Answers remembered for one question never leak into another."""
        plain_portfolio, q1 = first
        _, q2 = second
        fast = CompiledPortfolio(plain_portfolio)
        for question in (q1, q2, q1):
            same(plain_portfolio.decide(question), fast.decide(question))

    @given(portfolio_questions())
    def test_decide_many_streams_the_same_decisions(self, asked):
        """decide_many and outcomes give, in order, what decide gives one by one."""
        plain_portfolio, question = asked
        questions = [question, question]
        fast = CompiledPortfolio(plain_portfolio)
        decisions = list(fast.decide_many(iter(questions)))
        assert decisions == [plain_portfolio.decide(q) for q in questions]
        assert list(fast.outcomes(iter(questions))) == [d.outcome for d in decisions]

    def test_every_day_of_a_career(self):
        """Day by day across a career's boundaries, with and without a claim date, both agree."""
        mdo = scheme("mdo")
        policy = scheme("policy", basis="claims-made", kind="contractual-insurance")
        career = portfolio(
            held(mdo, D(2020, 1, 1), D(2020, 3, 1), label="MDO"),
            held(
                policy,
                D(2020, 4, 1),
                D(2020, 6, 1),
                retroactive_date=D(2020, 2, 1),
                run_off_end=D(2020, 8, 1),
                label="Policy",
            ),
        )
        fast = CompiledPortfolio(career)
        activity = Activity.of("private-practice")
        day = D(2019, 12, 25)
        while day < D(2020, 9, 1):
            for claim in (None, day, D(2020, 5, 1), D(2020, 7, 31), D(2020, 8, 1)):
                if claim is not None and claim < day:
                    continue
                question = Question.ask(activity, day, "england", claimed_on=claim)
                same(career.decide(question), fast.decide(question))
            day += dt.timedelta(days=1)

    def test_a_full_cache_starts_again(self, monkeypatch):
        """When the answers kept reach the limit they are dropped, and answers stay right."""
        monkeypatch.setattr(compiled_module, "_CACHE_LIMIT", 2)
        career = portfolio(held(scheme("mdo"), D(2020, 1, 1), D(2021, 1, 1)))
        fast = CompiledPortfolio(career)
        for on in (D(2019, 6, 1), D(2020, 6, 1), D(2021, 6, 1), D(2020, 7, 1), D(2019, 7, 1)):
            question = _question(on)
            same(career.decide(question), fast.decide(question))
        assert len(fast._known) <= 2


class TestReasons:
    """A compiled decision's reasons are the plain path's tuple, worked out once per segment."""

    @given(portfolio_questions())
    def test_reasons_are_a_tuple_that_compares_hashes_and_pickles_like_the_plain_one(self, asked):
        """Equality, hash and pickling of the compiled reasons match the plain path's."""
        plain_portfolio, question = asked
        plain = plain_portfolio.decide(question).reasons
        fast = CompiledPortfolio(plain_portfolio).decide(question).reasons
        assert type(fast) is tuple
        assert fast == plain
        assert hash(fast) == hash(plain)
        assert pickle.loads(pickle.dumps(fast)) == plain  # noqa: S301 - our own bytes

    def test_no_reasons_is_the_empty_tuple(self):
        """Nothing held: the reasons are (), not something that merely looks like it."""
        reasons = CompiledPortfolio(Portfolio()).decide(_question()).reasons
        assert reasons == ()
        assert reasons != [1]
        assert reasons is not None

    def test_reasons_never_name_the_date_asked(self):
        """Two days of one segment share their reasons, so keeping them per segment is right."""
        career = portfolio(held(scheme("mdo"), D(2020, 1, 1), D(2021, 1, 1), label="MDO"))
        fast = CompiledPortfolio(career)
        first = fast.decide(_question(D(2022, 1, 1)))
        later = fast.decide(_question(D(2023, 6, 1)))
        assert first.reasons == later.reasons == career.decide(_question(D(2023, 6, 1))).reasons
        assert later.question.on == D(2023, 6, 1)


class TestCompiledPortfolio:
    """Construction, validation and pickling."""

    def test_refuses_a_non_portfolio(self):
        """Only a Portfolio compiles."""
        with pytest.raises(InvalidFieldError) as info:
            CompiledPortfolio(3)  # type: ignore[arg-type]
        assert type(info.value) is InvalidFieldError
        assert (info.value.field, info.value.expected, info.value.got) == (
            "portfolio",
            "a Portfolio",
            3,
        )

    def test_keeps_the_portfolio_and_its_vocabulary(self):
        """A compiled portfolio holds the portfolio it compiled and reads questions in its words."""
        plain = portfolio(held(scheme("mdo"), D(2020, 1, 1)))
        fast = CompiledPortfolio(plain)
        assert fast.portfolio is plain
        assert fast.vocabulary is plain.vocabulary
        assert repr(fast) == f"CompiledPortfolio({plain!r})"

    def test_is_covered_validates_like_the_portfolio(self):
        """is_covered() on a compiled portfolio checks the question as the portfolio does."""
        fast = CompiledPortfolio(Portfolio())
        with pytest.raises(InvalidFieldError) as info:
            fast.is_covered(Activity.of("good-samaritan"), dt.datetime(2025, 1, 1), "england")
        assert (info.value.field, info.value.expected) == ("on", "a date (not a datetime)")

    @given(portfolio_questions())
    def test_a_compiled_portfolio_pickles(self, asked):
        """A compiled portfolio survives pickling and still answers the same."""
        plain_portfolio, question = asked
        fast = CompiledPortfolio(plain_portfolio)
        back = pickle.loads(pickle.dumps(fast))  # noqa: S301 - our own bytes
        assert back.portfolio == plain_portfolio
        same(plain_portfolio.decide(question), back.decide(question))

    def test_decisions_from_the_compiled_path_serialise(self):
        """The data of a compiled decision is JSON, like the plain one's."""
        decision = CompiledPortfolio(Portfolio()).decide(_question())
        assert decision.outcome is Outcome.NOT_COVERED
        assert json.loads(json.dumps(to_data(decision)))["outcome"] == "not-covered"
