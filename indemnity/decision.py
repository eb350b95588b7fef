"""The answer: covered, not covered or undetermined, with grounds, reasons and sources."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, overload

import attrs

from indemnity.activity import Fact
from indemnity.citation import Citation
from indemnity.errors import AmbiguousDecisionError
from indemnity.period import Period, merge_periods
from indemnity.question import Question

if TYPE_CHECKING:
    from indemnity.cover import Cover
    from indemnity.membership import MembershipPeriod
    from indemnity.portfolio import Portfolio
    from indemnity.scheme import Scheme

__all__ = ["CLAIM_DATE", "Decision", "Ground", "LazyReasons", "Outcome", "Reason", "ReasonCode"]

CLAIM_DATE = "claimed_on"
"""The name `Decision.missing` uses for an unknown claim date."""


class Outcome(StrEnum):
    """The three answers to a coverage question."""

    COVERED = "covered"
    NOT_COVERED = "not-covered"
    UNDETERMINED = "undetermined"


class ReasonCode(StrEnum):
    """Why a candidate arrangement does not cover, as a stable code for tools."""

    OUTSIDE_PERIOD = "outside-period"
    BEFORE_RETROACTIVE_DATE = "before-retroactive-date"
    CLAIM_OUTSIDE_WINDOW = "claim-outside-window"
    CLAIM_DATE_UNKNOWN = "claim-date-unknown"
    OUTSIDE_TERRITORY = "outside-territory"
    MATTER_NOT_COVERED = "matter-not-covered"
    ACTIVITY_OUT_OF_SCOPE = "activity-out-of-scope"
    OPTION_NOT_BOUGHT = "option-not-bought"
    CONDITION_FAILED = "condition-failed"
    CONDITION_UNKNOWN = "condition-unknown"
    EXCLUDED = "excluded"
    EXCLUSION_UNKNOWN = "exclusion-unknown"

    @property
    def is_open(self) -> bool:
        """Whether this reason leaves the answer open rather than ruling cover out."""
        return self in _OPEN


_OPEN = frozenset(
    {ReasonCode.CLAIM_DATE_UNKNOWN, ReasonCode.CONDITION_UNKNOWN, ReasonCode.EXCLUSION_UNKNOWN}
)


@attrs.frozen
class Ground:
    """An arrangement that covers: the cover, and the scheme and membership holding it."""

    cover: Cover
    scheme: Scheme | None = None
    membership: MembershipPeriod | None = None

    @property
    def source(self) -> Citation:
        """The citation of the cover that answers."""
        return self.cover.source

    def describe(self) -> str:
        """Which membership, scheme and cover, in one line."""
        return _where(self.cover, self.scheme, self.membership)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            **_context(self.cover, self.scheme, self.membership),
            "source": self.source.to_dict(),
        }


@attrs.frozen
class Reason:
    """Why one candidate does not cover (or may not), with the source of the rule.

    Attributes:
        code: What kind of reason it is.
        message: The reason in words.
        source: The citation of the rule that gives the reason.
        cover: The cover concerned, when the reason is about one cover.
        scheme: The scheme concerned.
        membership: The membership concerned.
        missing: For open reasons, the facts that would settle them.
    """

    code: ReasonCode
    message: str
    source: Citation
    cover: Cover | None = None
    scheme: Scheme | None = None
    membership: MembershipPeriod | None = None
    missing: frozenset[str] = frozenset()

    def describe(self) -> str:
        """Where the reason applies and what it says, in one line."""
        return f"{_where(self.cover, self.scheme, self.membership)}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "code": self.code.value,
            "message": self.message,
            **_context(self.cover, self.scheme, self.membership),
            "missing": sorted(self.missing),
            "source": self.source.to_dict(),
        }


def _where(cover: Cover | None, scheme: Scheme | None, membership: MembershipPeriod | None) -> str:
    parts = []
    if membership is not None:
        parts.append(membership.describe())
    elif scheme is not None:
        parts.append(scheme.name)
    if cover is not None:
        parts.append(f"cover {cover.name!r}")
    return ", ".join(parts) or "arrangement"


def _context(
    cover: Cover | None, scheme: Scheme | None, membership: MembershipPeriod | None
) -> dict[str, object]:
    if scheme is None and membership is not None:
        scheme = membership.scheme
    return {
        "membership": None if membership is None else membership.describe(),
        "scheme": None if scheme is None else scheme.key,
        "cover": None if cover is None else cover.name,
    }


@attrs.frozen
class Decision:
    """The answer to a `Question`.

    `bool(decision)` raises `AmbiguousDecisionError`: an answer that may be
    UNDETERMINED has no truth value. Use `covered`, or match on `outcome`::

        match decision.outcome:
            case Outcome.COVERED: ...
            case Outcome.NOT_COVERED: ...
            case Outcome.UNDETERMINED: ask_for(decision.missing)

    Attributes:
        outcome: COVERED, NOT_COVERED or UNDETERMINED.
        question: What was asked.
        grounds: The arrangements that cover (several means double cover).
        reasons: Why each other candidate does not cover, or may not. A
            sequence of `Reason`: a tuple, or (from a compiled portfolio) a
            sequence that works the reasons out on first use and then behaves
            exactly like the tuple the plain path gives.
        missing: When UNDETERMINED, the facts that would settle the answer:
            `Fact` names, and `"claimed_on"` for an unknown claim date.
        claim_windows: When UNDETERMINED for want of a claim date: the claim
            dates for which claims-made cover would answer on the facts known,
            merged and sorted ("covered if the claim is made before
            2026-01-01"). Empty otherwise, and empty when the claims-made
            cover itself still waits on other facts.
    """

    outcome: Outcome
    question: Question
    grounds: tuple[Ground, ...] = ()
    reasons: Sequence[Reason] = ()
    missing: frozenset[str] = frozenset()
    claim_windows: tuple[Period, ...] = ()

    @property
    def covered(self) -> bool:
        """True only when the outcome is COVERED."""
        return self.outcome is Outcome.COVERED

    def __bool__(self) -> bool:
        msg = (
            f"a Decision has no truth value (outcome is {self.outcome.value}); "
            "use decision.covered or match on decision.outcome"
        )
        raise AmbiguousDecisionError(msg)

    @classmethod
    def combine(cls, question: Question, parts: Iterable[Decision]) -> Decision:
        """Join the answers of several candidates to one question.

        Covered if any candidate covers; else undetermined if any is; else not
        covered. Grounds come from the covering candidates, reasons from all
        the others, and `missing` from the undetermined ones.
        """
        grounds: list[Ground] = []
        reasons: list[Reason] = []
        missing: set[str] = set()
        windows: list[Period] = []
        open_ = False
        for part in parts:
            if part.outcome is Outcome.COVERED:
                grounds.extend(part.grounds)
                continue
            reasons.extend(part.reasons)
            if part.outcome is Outcome.UNDETERMINED:
                open_ = True
                missing |= part.missing
                windows.extend(part.claim_windows)
        if grounds:
            return cls(Outcome.COVERED, question, tuple(grounds), tuple(reasons))
        if open_:
            return cls(
                Outcome.UNDETERMINED,
                question,
                (),
                tuple(reasons),
                frozenset(missing),
                merge_periods(windows),
            )
        return cls(Outcome.NOT_COVERED, question, (), tuple(reasons))

    def to_dict(self) -> dict[str, object]:
        """A stable, JSON-ready dict: same decision, same dict, keys in a fixed order."""
        return {
            "outcome": self.outcome.value,
            "covered": self.covered,
            "question": self.question.to_dict(),
            "grounds": [g.to_dict() for g in self.grounds],
            "reasons": [r.to_dict() for r in self.reasons],
            "missing": sorted(self.missing),
            "claim_windows": [p.to_dict() for p in self.claim_windows],
        }

    def explain(self) -> str:
        """The decision in readable lines: the answer, who covers, why not the others."""
        lines = [f"{_HEADLINE[self.outcome]}: {self.question.describe()}."]
        facts = self.question.activity.facts
        if facts:
            shown = ", ".join(f"{k.value}={k.spec.show(v)}" for k, v in facts.items())
            lines.append(f"Known facts: {shown}.")
        if self.grounds:
            lines.append("Covered by:")
            for ground in self.grounds:
                lines.append(f"  + {ground.describe()}")
                lines.append(f"    source: {ground.source}")
        if self.reasons:
            lines.append("Not covered by:" if self.grounds else "Reasons:")
            for reason in self.reasons:
                mark = "?" if reason.code.is_open else "-"
                lines.append(f"  {mark} {reason.describe()}")
                lines.append(f"    source: {reason.source}")
        if not self.grounds and not self.reasons:
            lines.append("No arrangement was asked.")
        if self.claim_windows:
            lines.append(f"Covered if the claim is made {claims_text(self.claim_windows)}.")
        if self.missing:
            lines.append("To settle it, find out:")
            lines.extend(f"  * {_missing_text(name)}" for name in sorted(self.missing))
        return "\n".join(lines)


_HEADLINE = {
    Outcome.COVERED: "COVERED",
    Outcome.NOT_COVERED: "NOT COVERED",
    Outcome.UNDETERMINED: "UNDETERMINED",
}


def claims_text(windows: Iterable[Period]) -> str:
    """Claim windows in words: "from 2025-03-10 and before 2026-01-01", joined by "or"."""
    parts = []
    for window in windows:
        bounded = window.start != _dt.date.min
        if window.end is None:
            parts.append(f"on or after {window.start}" if bounded else "at any date")
        elif bounded:
            parts.append(f"from {window.start} and before {window.end}")
        else:
            parts.append(f"before {window.end}")
    return " or ".join(parts)


def _listed(names: Iterable[object]) -> str:
    """Fact names, sorted, for a reason's text: "official_rotation, supervised"."""
    return ", ".join(sorted(str(n) for n in names))


def _missing_text(name: str) -> str:
    if name == CLAIM_DATE:
        return f"{CLAIM_DATE}: the date the claim is (or will be) first made"
    try:
        spec = Fact(name).spec
    except ValueError:
        return name
    return f"{name}: {spec.description}"


class LazyReasons(Sequence[Reason]):
    """The reasons of a decision, worked out on first use by the plain path.

    A compiled portfolio answers the outcome, grounds and missing facts at
    once and leaves the reasons (most of the cost of an explained decision)
    to this sequence: it asks the portfolio's plain `decide` when a reason is
    first read, keeps the answer, and from then on compares, hashes, prints
    and pickles exactly like the tuple of reasons the plain path gives.
    """

    __slots__ = ("_reasons", "_source")

    def __init__(self, portfolio: Portfolio, question: Question) -> None:
        self._source: tuple[Portfolio, Question] | None = (portfolio, question)
        self._reasons: tuple[Reason, ...] = ()

    def _get(self) -> tuple[Reason, ...]:
        if self._source is not None:
            portfolio, question = self._source
            self._reasons = tuple(portfolio.decide(question).reasons)
            self._source = None
        return self._reasons

    @overload
    def __getitem__(self, index: int) -> Reason: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Reason, ...]: ...

    def __getitem__(self, index: int | slice) -> Reason | tuple[Reason, ...]:
        return self._get()[index]

    def __len__(self) -> int:
        return len(self._get())

    def __iter__(self) -> Iterator[Reason]:
        return iter(self._get())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (tuple, LazyReasons)):
            return self._get() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._get())

    def __repr__(self) -> str:
        return repr(self._get())

    def __reduce__(self) -> tuple[object, ...]:
        return (tuple, (self._get(),))
