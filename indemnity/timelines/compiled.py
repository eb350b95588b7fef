"""A portfolio compiled once, for many fast questions: the path services and sweeps use.

`Portfolio.decide` asks every membership and builds every reason. That is
right for one question and too slow for thousands a second. A
`CompiledPortfolio` gives the same decisions, field by field, faster:

- its `DateIndex` finds the memberships that can apply on the day with two
  binary searches, so the others are skipped;
- each scheme answers a situation once (`Scheme.answer`), shared by every
  holder in the process;
- the answer is the same on a whole segment of dates (between two dates where
  some membership's answer can change, see `indemnity.timelines.index`), so
  it is kept per segment of incident (and claim) dates and situation: a
  repeated kind of question costs two binary searches and a dictionary lookup;
- the reasons, which never mention the exact date, and the settling sets of
  an undetermined answer, which do not either, are worked out once per
  segment by the plain path and kept with the answer; but for settling sets
  that wait on when a membership began (`HELD_SINCE`: on or before the
  incident date), which the plain path works out for each date.

`outcome` and `outcomes` skip building decisions altogether, for sweeps that
only count. The test suite checks that both paths give equal decisions on
random portfolios and questions.

A compiled portfolio pickles as its portfolio, and rebuilds its index where it
is unpickled, so it can be sent to worker processes (multiprocessing, Dask).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from indemnity.errors import InvalidFieldError
from indemnity.holdings.portfolio import Portfolio
from indemnity.model.decision import Answerer, Decision, Outcome, Reason
from indemnity.model.question import Question
from indemnity.model.settling import Settling
from indemnity.model.terms import HELD_SINCE
from indemnity.model.vocabulary import Vocabulary
from indemnity.timelines.index import DateIndex, Solved

__all__ = ["CompiledPortfolio"]

_CACHE_LIMIT = 65_536


class _Known:
    """What is kept of one segment: the answer, and its reasons and settling sets once read."""

    __slots__ = ("reasons", "settling", "solved")

    def __init__(self, solved: Solved) -> None:
        self.solved = solved
        self.reasons: tuple[Reason, ...] | None = None
        self.settling: tuple[Settling, ...] = ()


class CompiledPortfolio(Answerer):
    """A `Portfolio` compiled into an index, answering exactly as the portfolio does.

    >>> from datetime import date
    >>> from indemnity import Activity, CompiledPortfolio, Portfolio
    >>> fast = CompiledPortfolio(Portfolio([]))
    >>> fast.is_covered(Activity.of("good-samaritan"), date(2025, 3, 10), "england").outcome
    <Outcome.NOT_COVERED: 'not-covered'>

    Args:
        portfolio: The portfolio to compile.

    Raises:
        InvalidFieldError: `portfolio` is not a `Portfolio`.
    """

    __slots__ = ("_index", "_known", "_vocabulary", "portfolio")

    def __init__(self, portfolio: Portfolio) -> None:
        if not isinstance(portfolio, Portfolio):
            raise InvalidFieldError("portfolio", "a Portfolio", portfolio)
        self.portfolio = portfolio
        self._index = DateIndex(portfolio.memberships)
        self._known: dict[tuple[object, ...], _Known] = {}
        self._vocabulary = portfolio.vocabulary

    def __reduce__(self) -> tuple[object, ...]:
        return (CompiledPortfolio, (self.portfolio,))

    def __repr__(self) -> str:
        return f"CompiledPortfolio({self.portfolio!r})"

    @property
    def vocabulary(self) -> Vocabulary:
        """The vocabulary of the portfolio compiled."""
        return self._vocabulary

    def _find(self, question: Question) -> _Known:
        """The answer on the segment of dates `question` falls in, worked out once."""
        index = self._index
        key = (
            question.situation,
            index.segment(question.on),
            index.claim_segment(question.claimed_on),
            index.claim_segment(question.notified_on),
        )
        known = self._known.get(key)
        if known is None:
            solved = DateIndex.solve(index.candidates(question.on.toordinal()), question)
            if len(self._known) >= _CACHE_LIMIT:
                self._known.clear()
            known = self._known[key] = _Known(solved)
        return known

    def decide(self, question: Question) -> Decision:
        """Answer an already checked `question`, exactly as `Portfolio.decide` does.

        Args:
            question: The question.

        Returns:
            The decision.
        """
        known = self._find(question)
        reasons = known.reasons
        plain: Decision | None = None
        if reasons is None:
            plain = self.portfolio.decide(question)
            reasons = known.reasons = plain.reasons
            known.settling = plain.settling
        solved = known.solved
        if solved.outcome is Outcome.UNDETERMINED:
            settling = known.settling
            if HELD_SINCE in solved.missing:
                # "began on or before the incident": the settling sets name the date asked
                if plain is None:
                    plain = self.portfolio.decide(question)
                settling = plain.settling
            return Decision(
                Outcome.UNDETERMINED,
                question,
                (),
                reasons,
                solved.missing,
                solved.claim_windows(question.on),
                settling,
            )
        return Decision(solved.outcome, question, solved.grounds, reasons)

    def outcome(self, question: Question) -> Outcome:
        """Only the outcome of `question`: no decision is built.

        Args:
            question: The question.

        Returns:
            COVERED, NOT_COVERED or UNDETERMINED, as `decide` would answer.
        """
        return self._find(question).solved.outcome

    def decide_many(self, questions: Iterable[Question]) -> Iterator[Decision]:
        """Answer a stream of checked questions, lazily, in order.

        Args:
            questions: Any iterable of `Question`s (a generator is fine).

        Yields:
            One decision per question.
        """
        decide = self.decide
        for question in questions:
            yield decide(question)

    def outcomes(self, questions: Iterable[Question]) -> Iterator[Outcome]:
        """Only the outcomes of a stream of checked questions, lazily, in order.

        Args:
            questions: Any iterable of `Question`s.

        Yields:
            One outcome per question.
        """
        find = self._find
        for question in questions:
            yield find(question).solved.outcome
