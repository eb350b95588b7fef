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

import datetime as _dt
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from indemnity.errors import InvalidFieldError
from indemnity.holdings.portfolio import Portfolio
from indemnity.model.activity import Activity
from indemnity.model.decision import Answerer, Decision, Ground, Outcome, Reason, new_decision
from indemnity.model.question import Question, Situation, new_question
from indemnity.model.settling import Settling
from indemnity.model.terms import HELD_SINCE, ActivityKind, Fact, Jurisdiction, Matter
from indemnity.model.vocabulary import Vocabulary
from indemnity.timelines.asker import Asker
from indemnity.timelines.index import DateIndex, Solved

__all__ = ["CompiledPortfolio"]

_CACHE_LIMIT = 65_536
_UNDETERMINED = Outcome.UNDETERMINED  # read once: an enum member lookup is slow
_date = _dt.date  # read once: the hot path compares a type with it


class _Known:
    """What is kept of one segment: the answer, and its reasons and settling sets once read.

    A firm answer (not UNDETERMINED) whose reasons are known is also kept as
    `firm`, the three parts every decision on the segment holds beside its
    question: the hot path reads them at once.
    """

    __slots__ = ("firm", "reasons", "settling", "solved")

    def __init__(self, solved: Solved) -> None:
        self.solved = solved
        self.reasons: tuple[Reason, ...] | None = None
        self.settling: tuple[Settling, ...] = ()
        self.firm: tuple[Outcome, tuple[Ground, ...], tuple[Reason, ...]] | None = None

    def learn(self, reasons: tuple[Reason, ...], settling: tuple[Settling, ...]) -> None:
        """Keep the reasons and settling sets the plain path gave for the segment."""
        self.reasons = reasons
        self.settling = settling
        solved = self.solved
        if solved.outcome is not _UNDETERMINED:
            self.firm = (solved.outcome, solved.grounds, reasons)


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

    __slots__ = ("_days", "_index", "_known", "_situations", "_vocabulary", "portfolio")

    def __init__(self, portfolio: Portfolio) -> None:
        if not isinstance(portfolio, Portfolio):
            raise InvalidFieldError("portfolio", "a Portfolio", portfolio)
        self.portfolio = portfolio
        self._index = DateIndex(portfolio.memberships)
        self._known: dict[tuple[object, ...], _Known] = {}
        # The date-free part of a question as given, checked once, with the
        # answer on each segment of incident dates (no claim date given).
        self._situations: dict[
            tuple[object, ...], tuple[Activity, Situation, dict[int, _Known]]
        ] = {}
        self._vocabulary = portfolio.vocabulary
        # The segment of each incident date asked lately: there are few dates.
        self._days: dict[_dt.date, int] = {}

    def __reduce__(self) -> tuple[object, ...]:
        return (CompiledPortfolio, (self.portfolio,))

    def __repr__(self) -> str:
        return f"CompiledPortfolio({self.portfolio!r})"

    @property
    def vocabulary(self) -> Vocabulary:
        """The vocabulary of the portfolio compiled."""
        return self._vocabulary

    def is_covered(
        self,
        activity: Activity,
        on: _dt.date,
        jurisdiction: Jurisdiction | str,
        *,
        matter: Matter | str | None = None,
        claimed_on: _dt.date | None = None,
        notified_on: _dt.date | None = None,
    ) -> Decision:
        """Whether the portfolio answers for `activity` on a date in `jurisdiction`.

        The same as `Portfolio.is_covered` (see `Answerer.is_covered`), with
        the date-free part of the question checked once and remembered: a
        service asking about the same activity and place again (the same
        `Activity`, as `Activity.of` gives back for the same input) pays for
        one dictionary lookup and the date's segment.
        """
        if (
            type(on) is _date
            and type(activity) is Activity
            and claimed_on is None
            and notified_on is None
        ):
            # Keyed on the activity's identity (kept alive, and checked, in the
            # entry): `Activity.of` gives back the same object for the same input.
            key = (id(activity), jurisdiction, matter)
            try:
                entry = self._situations.get(key)
            except TypeError:  # an unhashable name: checked (and refused) the long way
                entry = None
            if entry is None or entry[0] is not activity:
                situation = Situation.ask(
                    activity, jurisdiction, matter=matter, vocabulary=self._vocabulary
                )
                if len(self._situations) >= _CACHE_LIMIT:
                    self._situations.clear()
                entry = self._situations[key] = (activity, situation, {})
            question = new_question(entry[1], on)
            segment = self._days.get(on)
            if segment is None:
                segment = bisect_right(self._index.bounds, on.toordinal())
                if len(self._days) >= _CACHE_LIMIT:
                    self._days.clear()
                self._days[on] = segment
            known = entry[2].get(segment)
            if known is None:
                known = entry[2][segment] = self._find(question)
            firm = known.firm
            if firm is not None:
                return new_decision(firm[0], question, firm[1], firm[2])
            return self._decision(known, question)
        return super().is_covered(
            activity,
            on,
            jurisdiction,
            matter=matter,
            claimed_on=claimed_on,
            notified_on=notified_on,
        )

    @property
    def segment_bounds(self) -> list[int]:
        """The day numbers where some membership's answer can change, sorted (do not modify)."""
        return self._index.bounds

    def solved(self, question: Question) -> Solved:
        """The answer on the segment of dates `question` falls in, all but the dates.

        Args:
            question: The question.

        Returns:
            Outcome, grounds, missing facts and the memberships that answer.
        """
        return self._find(question).solved

    def asker(
        self,
        kind: ActivityKind | str,
        *,
        facts: Iterable[Fact | str],
        jurisdiction: Jurisdiction | str,
        matter: Matter | str | None = None,
    ) -> Asker:
        """Prepare a question asked many times: a kind of work, facts in a fixed order, a place.

        Each call of the asker gives the facts' values, in the order of
        `facts`, and the incident date, and returns the answer on that date's
        segment (`Prepared`): outcome and grounds at once, reasons on demand,
        the same as `is_covered` gives.

        >>> from datetime import date
        >>> from indemnity import CompiledPortfolio, Portfolio, uk
        >>> trainee = CompiledPortfolio(Portfolio(
        ...     uk.trainee_memberships(date(2025, 8, 6), date(2028, 2, 2), private_practice=True)
        ... ))
        >>> ask = trainee.asker(
        ...     "private-practice",
        ...     facts=("field", "procedure", "overall_charge", "declared", "nhs_patient"),
        ...     jurisdiction="england",
        ... )
        >>> answer = ask(("dermatology", None, False, True, False), date(2026, 3, 1))
        >>> answer.outcome.value, answer.grounds[0].scheme
        ('covered', 'mps-hee-block')
        >>> eyes = ask(("ophthalmology", None, False, True, False), date(2026, 3, 1))
        >>> eyes.outcome.value, {r.cover: r.code.value for r in eyes.reasons}[
        ...     "private practice (additional membership)"
        ... ]
        ('not-covered', 'excluded')

        Args:
            kind: The kind of work: an `ActivityKind` or its name.
            facts: The facts each call gives values for, in order.
            jurisdiction: Where the work is done.
            matter: The kind of matter; None for the vocabulary's default.

        Returns:
            The asker.

        Raises:
            UnknownNameError: a name is unknown to the portfolio's vocabulary.
            InvalidFieldError: a fact is named twice.
        """
        return Asker(self, kind, facts, jurisdiction, matter)

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
        return self._decision(self._find(question), question)

    def _decision(self, known: _Known, question: Question) -> Decision:
        """The decision on `question` from what is known of its segment."""
        reasons = known.reasons
        plain: Decision | None = None
        if reasons is None:
            plain = self.portfolio.decide(question)
            reasons = plain.reasons
            known.learn(reasons, plain.settling)
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
        return new_decision(solved.outcome, question, solved.grounds, reasons)

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
