"""The compiled portfolio answers exactly as the plain one, and its pieces behave."""

from __future__ import annotations

import datetime as dt
import json
import pickle

import pytest
from hypothesis import given

from indemnity import (
    CompiledPortfolio,
    Decision,
    InvalidFieldError,
    LazyReasons,
    Outcome,
    Portfolio,
)
from tests.test_properties import portfolio_questions


def same(plain: Decision, fast: Decision) -> None:
    """Assert two decisions are equal field by field, reasons included."""
    assert fast.outcome is plain.outcome
    assert fast.grounds == plain.grounds
    assert fast.missing == plain.missing
    assert fast.claim_windows == plain.claim_windows
    assert tuple(fast.reasons) == tuple(plain.reasons)
    assert fast == plain
    assert fast.to_dict() == plain.to_dict()
    assert fast.explain() == plain.explain()


class TestAgreement:
    """Compiled and plain paths give equal decisions."""

    @given(portfolio_questions())
    def test_the_compiled_path_agrees_with_the_plain_path(self, asked):
        """On random portfolios and questions, every field of the decision is equal."""
        portfolio, question = asked
        plain = portfolio.decide(question)
        compiled = portfolio.compile()
        same(plain, compiled.decide(question))
        assert compiled.outcome(question) is plain.outcome

    @given(portfolio_questions(), portfolio_questions())
    def test_a_compiled_portfolio_keeps_agreeing_across_questions(self, first, second):
        """Answers remembered for one question never leak into another."""
        portfolio, q1 = first
        _, q2 = second
        compiled = portfolio.compile()
        for question in (q1, q2, q1):
            same(portfolio.decide(question), compiled.decide(question))

    @given(portfolio_questions())
    def test_decide_many_streams_the_same_decisions(self, asked):
        """decide_many and outcomes give, in order, what decide gives one by one."""
        portfolio, question = asked
        questions = [question, question]
        decisions = list(portfolio.decide_many(iter(questions)))
        assert decisions == [portfolio.decide(q) for q in questions]
        assert list(portfolio.compile().outcomes(questions)) == [d.outcome for d in decisions]


class TestLazyReasons:
    """The lazy reasons behave like the tuple they stand for."""

    @given(portfolio_questions())
    def test_lazy_reasons_compare_hash_and_pickle_like_a_tuple(self, asked):
        """Equality both ways, hash, len, indexing, slicing, repr and pickling match the tuple."""
        portfolio, question = asked
        plain = tuple(portfolio.decide(question).reasons)
        lazy = LazyReasons(portfolio, question)
        assert plain == lazy
        assert lazy == plain
        assert hash(lazy) == hash(plain)
        assert len(lazy) == len(plain)
        assert lazy[:2] == plain[:2]
        assert repr(lazy) == repr(plain)
        assert pickle.loads(pickle.dumps(lazy)) == plain  # noqa: S301 - our own bytes
        if plain:
            assert lazy[0] == plain[0]

    def test_lazy_reasons_are_not_equal_to_other_things(self):
        """Comparing with a list or None is not equality."""
        lazy = LazyReasons(Portfolio(), _question())
        assert lazy != [1]
        assert lazy is not None
        assert lazy == ()


class TestCompiledPortfolio:
    """Construction, validation and pickling."""

    def test_refuses_a_non_portfolio(self):
        """Only a Portfolio compiles."""
        with pytest.raises(InvalidFieldError, match=r"^'portfolio' expected a Portfolio, got 3"):
            CompiledPortfolio(3)  # type: ignore[arg-type]

    @given(portfolio_questions())
    def test_a_compiled_portfolio_pickles(self, asked):
        """A compiled portfolio survives pickling and still answers the same."""
        portfolio, question = asked
        compiled = portfolio.compile()
        back = pickle.loads(pickle.dumps(compiled))  # noqa: S301 - our own bytes
        assert back.portfolio == portfolio
        same(portfolio.decide(question), back.decide(question))

    def test_decisions_from_the_compiled_path_serialise(self):
        """to_dict() of a compiled decision is JSON, like the plain one."""
        decision = Portfolio().compile().decide(_question())
        assert decision.outcome is Outcome.NOT_COVERED
        assert json.loads(json.dumps(decision.to_dict()))["outcome"] == "not-covered"


def _question():
    from indemnity import Activity, Question

    return Question.ask(Activity.of("good-samaritan"), dt.date(2025, 3, 10), "england")
