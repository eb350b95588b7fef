"""A portfolio: everything one person or body holds, asked as one."""

from __future__ import annotations

import datetime as _dt
import itertools
from collections.abc import Iterable, Iterator

import attrs

from indemnity._validate import check_str
from indemnity.activity import Activity
from indemnity.compiled import CompiledPortfolio
from indemnity.decision import Decision
from indemnity.errors import InvalidFieldError
from indemnity.jurisdiction import Jurisdiction
from indemnity.matter import Matter
from indemnity.membership import MembershipPeriod
from indemnity.period import Period
from indemnity.question import Question
from indemnity.timeline import Stretch, Timeline, find_gaps

__all__ = ["Portfolio"]


def _order(m: MembershipPeriod) -> tuple[object, ...]:
    return (
        *m.period.sort_key(),
        m.scheme.key,
        m.label,
        sorted(m.options),
        m.retroactive_date or _dt.date.min,
        m.run_off_end or _dt.date.min,
    )


def _canonical(items: list[MembershipPeriod]) -> tuple[MembershipPeriod, ...]:
    """Sort memberships one way whatever the input order.

    The cheap key decides almost always; memberships that tie on it (the same
    dates, scheme key, label and options, but different rules) are ordered by
    a canonical text of their rules, worked out only for them.
    """
    ranked = sorted(items, key=_order)
    out: list[MembershipPeriod] = []
    for _, group in itertools.groupby(ranked, key=_order):
        tied = list(group)
        out.extend(sorted(tied, key=_canonical_text) if len(tied) > 1 else tied)
    return tuple(out)


def _canonical_text(value: object) -> str:
    """A text of `value` that equal values always share: unlike `repr`, sets are sorted."""
    kind = type(value)
    if attrs.has(kind):
        fields = ", ".join(
            f"{f.name}={_canonical_text(getattr(value, f.name))}"
            for f in attrs.fields(kind)
            if f.eq
        )
        return f"{kind.__name__}({fields})"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(_canonical_text(v) for v in value)) + "}"
    if isinstance(value, (tuple, list)):
        return "(" + ", ".join(_canonical_text(v) for v in value) + ")"
    return repr(value)


@attrs.frozen
class Portfolio:
    """All the arrangements one person or body holds.

    Memberships are kept in a canonical order (by start, end, scheme), so the
    order they are given in never changes an answer or its explanation.

    >>> Portfolio([]).is_covered(Activity.of("good-samaritan"), date(2025, 3, 10), "england")
    Decision(outcome=<Outcome.NOT_COVERED: 'not-covered'>, ...

    Attributes:
        memberships: The membership periods held.
        holder: Whose portfolio it is, for people.

    Raises:
        InvalidFieldError: an item is not a `MembershipPeriod`.
    """

    memberships: tuple[MembershipPeriod, ...] = ()
    holder: str = ""
    # What `timeline.find_gaps` extracts from the memberships on first use (their
    # incident dates, sorted), kept since a portfolio never changes.
    _incident_dates: object = attrs.field(
        default=None, init=False, repr=False, eq=False, alias="_incident_dates"
    )

    def __attrs_post_init__(self) -> None:
        given: object = self.memberships
        if isinstance(given, (str, bytes, MembershipPeriod)) or not isinstance(given, Iterable):
            raise InvalidFieldError(
                "Portfolio.memberships", "a sequence of MembershipPeriod", given
            )
        items = list(given)
        for i, item in enumerate(items):
            if not isinstance(item, MembershipPeriod):
                raise InvalidFieldError(f"Portfolio.memberships[{i}]", "a MembershipPeriod", item)
        object.__setattr__(self, "memberships", _canonical(items))
        check_str("Portfolio.holder", self.holder, allow_empty=True)

    def __iter__(self) -> Iterator[MembershipPeriod]:
        return iter(self.memberships)

    def __len__(self) -> int:
        return len(self.memberships)

    def add(self, *memberships: MembershipPeriod) -> Portfolio:
        """A copy holding `memberships` too."""
        return attrs.evolve(self, memberships=(*self.memberships, *memberships))

    def is_covered(
        self,
        activity: Activity,
        on: _dt.date,
        jurisdiction: Jurisdiction | str,
        *,
        matter: Matter | str = Matter.CLINICAL_NEGLIGENCE,
        claimed_on: _dt.date | None = None,
    ) -> Decision:
        """Whether anything in the portfolio answers the question.

        Covered if any membership covers (all that do are the grounds);
        otherwise undetermined if any membership might, with the facts that
        would settle it; otherwise not covered, with every membership's reason.

        Args:
            activity: What was done.
            on: The incident date.
            jurisdiction: Where: a `Jurisdiction` or its name.
            matter: What kind of matter; a clinical negligence claim by default.
            claimed_on: When the claim was first made, if known.

        Raises:
            IndemnityError: a part of the question is invalid.
        """
        question = Question.ask(activity, on, jurisdiction, matter=matter, claimed_on=claimed_on)
        return self.decide(question)

    def decide(self, question: Question) -> Decision:
        """Answer an already validated `question`; see `is_covered`."""
        return Decision.combine(question, (m.decide(question) for m in self.memberships))

    def compile(self) -> CompiledPortfolio:
        """This portfolio compiled into an index, for many fast questions.

        The compiled portfolio gives the same decisions (its reasons are worked
        out when first read); see `CompiledPortfolio`.
        """
        return CompiledPortfolio(self)

    def decide_many(self, questions: Iterable[Question]) -> Iterator[Decision]:
        """Answer a stream of validated questions through the compiled index, in order.

        Args:
            questions: Any iterable of `Question`s (a generator is fine).

        Yields:
            One decision per question, equal to what `decide` gives.
        """
        return self.compile().decide_many(questions)

    def timeline(
        self,
        activity: Activity,
        jurisdiction: Jurisdiction | str,
        span: Period | str,
        *,
        matter: Matter | str = Matter.CLINICAL_NEGLIGENCE,
        claim_horizon: _dt.date | None = None,
    ) -> Timeline:
        """The answers over a span of incident dates: covered, gaps and undetermined.

        Without `claim_horizon`, each incident date is judged as `is_covered`
        judges it without a claim date, so incidents only claims-made cover
        answers for are UNDETERMINED, with their claim windows. With it, the
        plane of incident and claim dates is mapped, claims up to the horizon.

        Args:
            activity: What was done.
            jurisdiction: Where: a `Jurisdiction` or its name.
            span: The incident dates: a `Period` with an end, or ``"START..END"``.
            matter: What kind of matter; a clinical negligence claim by default.
            claim_horizon: Consider claims made before this date (on or after
                the span's end); None for the line of incident dates alone.

        Returns:
            The `Timeline`; its stretches partition the span (or the plane).

        Raises:
            InvalidFieldError: the span has no end, the horizon is before its
                end, or a part of the question is invalid.
        """
        return Timeline.of(
            self, activity, jurisdiction, span, matter=matter, claim_horizon=claim_horizon
        )

    def gaps(
        self,
        activity: Activity,
        jurisdiction: Jurisdiction | str,
        span: Period | str,
        *,
        matter: Matter | str = Matter.CLINICAL_NEGLIGENCE,
        claim_horizon: _dt.date | None = None,
    ) -> tuple[Stretch, ...]:
        """The uncovered stretches of `timeline`, found by one sort and one sweep.

        UNDETERMINED stretches are not gaps; `timeline(...).undetermined` lists them.

        Args:
            activity: What was done.
            jurisdiction: Where: a `Jurisdiction` or its name.
            span: The incident dates: a `Period` with an end, or ``"START..END"``.
            matter: What kind of matter; a clinical negligence claim by default.
            claim_horizon: Find the uncovered regions of incident and claim
                dates, claims made before this date; None for incident dates alone.

        Returns:
            The gaps in date order, each a NOT_COVERED `Stretch`.

        Raises:
            InvalidFieldError: see `timeline`.
        """
        return find_gaps(
            self, activity, jurisdiction, span, matter=matter, claim_horizon=claim_horizon
        )

    def overlaps(
        self,
        activity: Activity,
        jurisdiction: Jurisdiction | str,
        span: Period | str,
        *,
        matter: Matter | str = Matter.CLINICAL_NEGLIGENCE,
        claim_horizon: _dt.date | None = None,
    ) -> tuple[Stretch, ...]:
        """The stretches where two or more memberships cover: double cover, paid twice.

        Without `claim_horizon` only cover that does not turn on the claim
        date counts; with it, claims-made cover counts where it answers.

        Args:
            activity: What was done.
            jurisdiction: Where: a `Jurisdiction` or its name.
            span: The incident dates: a `Period` with an end, or ``"START..END"``.
            matter: What kind of matter; a clinical negligence claim by default.
            claim_horizon: As for `timeline`.

        Returns:
            The covered stretches with more than one membership in `Stretch.by`.

        Raises:
            InvalidFieldError: see `timeline`.
        """
        return self.timeline(
            activity, jurisdiction, span, matter=matter, claim_horizon=claim_horizon
        ).overlaps
