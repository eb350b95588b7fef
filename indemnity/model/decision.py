"""The answer: covered, not covered or undetermined, with grounds, reasons and sources.

A decision is a record of an answer: its grounds and reasons name the
schemes, covers and memberships they speak of and cite the rule's source;
they hold no rule objects, so a decision can be written to a file and read
back equal, and keeps nothing alive of whoever made it. An undetermined
decision also says what settles it (`indemnity.model.settling`): the
smallest sets of facts whose values decide it, and which fact to ask next.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

import attrs

from indemnity._lazy import lazy_module
from indemnity._records import fields_repr
from indemnity.errors import AmbiguousDecisionError
from indemnity.model.activity import Activity
from indemnity.model.outcome import Outcome
from indemnity.model.period import Period, merge_periods
from indemnity.model.terms import Fact, Jurisdiction, Matter

if TYPE_CHECKING:
    # Loaded on first use: questions when one is asked, settling sets when an answer is open.
    from indemnity.model import basis as _basis
    from indemnity.model import citation as _citation
    from indemnity.model import question as _question
    from indemnity.model import settling as _settling
    from indemnity.model import vocabulary as _vocabulary
else:
    _basis = lazy_module("indemnity.model.basis", globals())
    _citation = lazy_module("indemnity.model.citation", globals())
    _question = lazy_module("indemnity.model.question", globals())
    _settling = lazy_module("indemnity.model.settling", globals())
    _vocabulary = lazy_module("indemnity.model.vocabulary", globals())

__all__ = [
    "Answer",
    "Answerer",
    "Decision",
    "Ground",
    "Outcome",
    "Reason",
    "ReasonCode",
    "claims_text",
]


class ReasonCode(StrEnum):
    """Why a candidate arrangement does not cover, or may not: a stable code for tools."""

    OUTSIDE_PERIOD = "outside-period"
    BEFORE_RETROACTIVE_DATE = "before-retroactive-date"
    CLAIM_OUTSIDE_WINDOW = "claim-outside-window"
    CLAIM_DATE_UNKNOWN = "claim-date-unknown"
    HELD_SINCE_UNKNOWN = "held-since-unknown"
    OUTSIDE_TERRITORY = "outside-territory"
    MATTER_NOT_COVERED = "matter-not-covered"
    MATTER_FOR_OTHER_HOLDER = "matter-for-other-holder"
    MATTER_NOT_HERE = "matter-not-here"
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


_COVERED = Outcome.COVERED  # read once: an enum member lookup is slow

_OPEN = frozenset(
    {
        ReasonCode.CLAIM_DATE_UNKNOWN,
        ReasonCode.HELD_SINCE_UNKNOWN,
        ReasonCode.CONDITION_UNKNOWN,
        ReasonCode.EXCLUSION_UNKNOWN,
    }
)


def _where(scheme_name: str | None, cover: str | None, membership: str | None) -> str:
    parts = [membership or scheme_name or ""]
    if cover is not None:
        parts.append(f"cover {cover!r}")
    return ", ".join(p for p in parts if p) or "arrangement"


@attrs.frozen
class Ground:
    """An arrangement that covers: which scheme, cover and membership, and on what promise.

    Attributes:
        scheme: The scheme's key (None for a cover asked on its own).
        scheme_name: The scheme's full name.
        cover: The name of the cover that answers.
        membership: The membership holding the scheme, as its holder names it; None
            when a scheme or cover was asked on its own.
        kind: What kind of promise the scheme makes (discretionary, contractual, state).
        basis: Occurrence or claims-made (None for a cover asked on its own).
        limit: The cover's limit of indemnity, where one is set.
        source: The citation of the cover that answers.
        promise: Where the kind of promise is stated (that an MDO's help is
            discretionary; that a policy is insurance), if the scheme says.
    """

    __repr__ = fields_repr

    scheme: str | None
    scheme_name: str | None
    cover: str
    membership: str | None
    kind: _basis.SchemeKind | None
    basis: _basis.Basis | None
    limit: int | None
    source: _citation.Citation
    promise: _citation.Citation | None = None

    def describe(self) -> str:
        """Which membership, scheme and cover, in one line."""
        return _where(self.scheme_name, self.cover, self.membership)

    def within(self, membership: str | None) -> Ground:
        """The same ground, held through `membership`."""
        return self if membership == self.membership else attrs.evolve(self, membership=membership)


@attrs.frozen
class Reason:
    """Why one candidate does not cover (or may not), with the source of the rule.

    Attributes:
        code: What kind of reason it is.
        message: The reason in words.
        source: The citation of the rule that gives the reason.
        scheme: The key of the scheme concerned, if any.
        scheme_name: Its full name.
        cover: The cover concerned, when the reason is about one cover.
        membership: The membership concerned, as its holder names it.
        missing: For open reasons, the facts that would settle them.
    """

    __repr__ = fields_repr

    code: ReasonCode
    message: str
    source: _citation.Citation
    scheme: str | None = None
    scheme_name: str | None = None
    cover: str | None = None
    membership: str | None = None
    missing: frozenset[Fact] = frozenset()

    def describe(self) -> str:
        """Where the reason applies and what it says, in one line."""
        return f"{_where(self.scheme_name, self.cover, self.membership)}: {self.message}"

    def within(self, membership: str | None) -> Reason:
        """The same reason, said of `membership`."""
        return self if membership == self.membership else attrs.evolve(self, membership=membership)


class Answer(NamedTuple):
    """An answer worked out from a `Situation` alone: a decision without its question.

    Covers and schemes answer a situation once, whatever the dates; a
    membership or portfolio turns the answer into a `Decision` for a question.

    Attributes:
        outcome: COVERED, NOT_COVERED or UNDETERMINED.
        grounds: What covers.
        reasons: Why the rest does not, or may not.
        missing: When UNDETERMINED, the facts that would settle it.
        settling: When UNDETERMINED, the smallest sets of facts whose values
            settle it (see `Decision.settling`).
    """

    outcome: Outcome
    grounds: tuple[Ground, ...] = ()
    reasons: tuple[Reason, ...] = ()
    missing: frozenset[Fact] = frozenset()
    settling: tuple[_settling.Settling, ...] = ()

    @classmethod
    def no(cls, reason: Reason) -> Answer:
        """NOT_COVERED for one reason."""
        return cls(Outcome.NOT_COVERED, (), (reason,))

    @classmethod
    def combine(cls, parts: Iterable[Answer | Decision]) -> Answer:
        """Join several candidates' answers: covered if any covers, else open if any is."""
        grounds: list[Ground] = []
        reasons: list[Reason] = []
        missing: set[Fact] = set()
        settling: list[tuple[_settling.Settling, ...]] = []
        for part in parts:
            if part.outcome is Outcome.COVERED:
                grounds.extend(part.grounds)
                continue
            reasons.extend(part.reasons)
            if part.outcome is Outcome.UNDETERMINED:
                settling.append(part.settling)
                missing |= part.missing
        if grounds:
            return cls(Outcome.COVERED, tuple(grounds), tuple(reasons))
        if settling:
            return cls(
                Outcome.UNDETERMINED,
                (),
                tuple(reasons),
                frozenset(missing),
                _settling.join_settling(tuple(settling)),
            )
        return cls(Outcome.NOT_COVERED, (), tuple(reasons))

    def within(self, membership: str | None) -> Answer:
        """The same answer, said of `membership`."""
        return Answer(
            self.outcome,
            tuple(g.within(membership) for g in self.grounds),
            tuple(r.within(membership) for r in self.reasons),
            self.missing,
            self.settling,
        )


class _DecisionSlots:
    """Where a `Decision` keeps its fields: slots declared here, shared with `_NewDecision`."""

    __slots__ = (
        "__weakref__",
        "claim_windows",
        "grounds",
        "missing",
        "outcome",
        "question",
        "reasons",
        "settling",
    )

    outcome: Outcome
    question: _question.Question
    grounds: tuple[Ground, ...]
    reasons: tuple[Reason, ...]
    missing: frozenset[Fact]
    claim_windows: tuple[Period, ...]
    settling: tuple[_settling.Settling, ...]


@attrs.frozen(init=False)  # its own __init__: a decision is made per call of a hot path
class Decision(_DecisionSlots):
    """The answer to a `Question`.

    `bool(decision)` raises `AmbiguousDecisionError`: an answer that may be
    UNDETERMINED has no truth value. Use `covered`, or match on `outcome`::

        match decision.outcome:
            case Outcome.COVERED: ...
            case Outcome.NOT_COVERED: ...
            case Outcome.UNDETERMINED: ask(decision.next_question)

    Attributes:
        outcome: COVERED, NOT_COVERED or UNDETERMINED.
        question: What was asked.
        grounds: The arrangements that cover (several means double cover).
        reasons: Why each other candidate does not cover, or may not.
        missing: When UNDETERMINED, the facts that would settle the answer;
            `CLAIM_DATE` among them when it waits on the claim date, and
            `HELD_SINCE` when it waits on when a membership whose start is
            unknown began.
        claim_windows: When UNDETERMINED for want of a claim date: the claim
            dates for which claims-made cover would answer on the facts known,
            merged and sorted ("covered if the claim is made before
            2026-01-01"). Empty otherwise, and empty when the claims-made
            cover itself still waits on other facts.
        settling: When UNDETERMINED, the smallest sets of facts whose values
            settle it, each with the values that do and the outcome they
            give (``nhs_patient: no`` gives NOT_COVERED): giving one set's
            facts, with any of its values, settles the answer whatever stays
            unknown, and no set of fewer of its facts does. Fewest facts
            first. A claims-made membership's claim window settles the claim
            date (`CLAIM_DATE`); a membership whose start is unknown, the
            date it began (`HELD_SINCE`). Empty too when the rules are too
            entangled to work out quickly (more than
            `indemnity.model.settling.MOST` ways to settle them, as in a
            portfolio of many memberships each open on facts of its own), and
            when two memberships wait on when each began (one `HELD_SINCE`
            cannot stand for two dates): `missing` is then all there is.
    """

    __repr__ = fields_repr

    outcome: Outcome
    question: _question.Question
    grounds: tuple[Ground, ...] = ()
    reasons: tuple[Reason, ...] = ()
    missing: frozenset[Fact] = frozenset()
    claim_windows: tuple[Period, ...] = ()
    settling: tuple[_settling.Settling, ...] = ()

    def __init__(  # noqa: PLR0917 - one parameter per attribute, as attrs would write it
        self,
        outcome: Outcome,
        question: _question.Question,
        grounds: tuple[Ground, ...] = (),
        reasons: tuple[Reason, ...] = (),
        missing: frozenset[Fact] = frozenset(),
        claim_windows: tuple[Period, ...] = (),
        settling: tuple[_settling.Settling, ...] = (),
    ) -> None:
        # What attrs' own __init__ does for a frozen class, through the slots directly.
        _set_outcome(self, outcome)
        _set_question(self, question)
        _set_grounds(self, grounds)
        _set_reasons(self, reasons)
        _set_missing(self, missing)
        _set_claim_windows(self, claim_windows)
        _set_settling(self, settling)

    @property
    def covered(self) -> bool:
        """True only when the outcome is COVERED."""
        return self.outcome is _COVERED

    @property
    def caveats(self) -> tuple[_citation.Citation, ...]:
        """The rules a firm answer rests on that the sources do not settle (unverified).

        For COVERED, the citations of the grounds. For NOT_COVERED, those of
        the unverified rules (an exclusion, a requirement, a territory or
        claim dates) that alone rule out a head of cover: a head also ruled
        out by a verified rule, or by what it is for (its kinds of work and
        matters), is out whatever the unverified rule says. An UNDETERMINED
        answer is not firm, and has none.
        """
        cited: list[_citation.Citation | None] = []
        if self.outcome is Outcome.COVERED:
            for ground in self.grounds:
                cited.extend((ground.source, ground.promise))
        elif self.outcome is Outcome.NOT_COVERED:
            cited.extend(_unsettled(self.reasons))
        seen: dict[_citation.Citation, None] = {}
        for citation in cited:
            if citation is not None and not citation.verified:
                seen.setdefault(citation)
        return tuple(seen)

    @property
    def to_ask(self) -> tuple[_settling.NextQuestion, ...]:
        """When UNDETERMINED, the facts worth asking about as questions, the most settling first.

        Only facts some settling set names are asked about: the others cannot
        settle the answer. A fact ranks first when more of its values settle
        the answer outright, then when it leaves fewer facts to give, then by
        the vocabulary's order of facts. Each question says where each
        answer leads (`NextQuestion.branches`).
        """
        return self.questions()

    def questions(
        self, *, unknowable: Iterable[Fact | str] = ()
    ) -> tuple[_settling.NextQuestion, ...]:
        """`to_ask`, leaving out the ways of settling that need a fact nobody can give.

        An interview whose user answers "don't know" passes the facts so
        answered: the settling sets that need one of them cannot happen, so
        facts only they name are not worth asking about, and the ranking is
        of what remains.

        Args:
            unknowable: Facts (or their names) that will stay unknown.

        Returns:
            The questions, the most settling first; () when nothing left can settle it.
        """
        names = {str(f) for f in unknowable}
        settling = self.settling
        if names:
            settling = tuple(s for s in settling if not any(v.fact.name in names for v in s.given))
        if not settling:
            return ()
        return _settling.rank(settling, _settling.facts_in_order(self.question.activity.vocabulary))

    @property
    def next_question(self) -> _settling.NextQuestion | None:
        """When UNDETERMINED, the fact to ask about next (the first of `to_ask`); else None."""
        asks = self.to_ask
        return asks[0] if asks else None

    def __bool__(self) -> bool:
        msg = (
            f"a Decision has no truth value (outcome is {self.outcome.value}); "
            "use decision.covered or match on decision.outcome"
        )
        raise AmbiguousDecisionError(msg)

    @classmethod
    def combine(cls, question: _question.Question, parts: Iterable[Decision]) -> Decision:
        """Join the answers of several candidates to one question.

        Covered if any candidate covers; else undetermined if any is; else not
        covered. Grounds come from the covering candidates, reasons from all
        the others, `missing` and the claim windows from the undetermined ones.
        """
        items = list(parts)
        answer = Answer.combine(items)
        windows: tuple[Period, ...] = ()
        if answer.outcome is Outcome.UNDETERMINED:
            windows = merge_periods(
                w for p in items if p.outcome is Outcome.UNDETERMINED for w in p.claim_windows
            )
        return cls(
            answer.outcome,
            question,
            answer.grounds,
            answer.reasons,
            answer.missing,
            windows,
            answer.settling,
        )

    @classmethod
    def of(cls, answer: Answer, question: _question.Question) -> Decision:
        """The decision that `answer`, worked out without the dates, gives to `question`."""
        return cls(
            answer.outcome,
            question,
            answer.grounds,
            answer.reasons,
            answer.missing,
            (),
            answer.settling,
        )

    def explain(self) -> str:
        """The decision in readable lines: the answer, who covers, why not the others."""
        lines = [f"{_HEADLINE[self.outcome]}: {self.question.describe()}."]
        facts = self.question.activity.facts
        if facts:
            shown = ", ".join(f"{k.name}={k.show(v)}" for k, v in facts.items())
            lines.append(f"Known facts: {shown}.")
        if self.grounds:
            lines.append("Covered by:")
            for ground in self.grounds:
                lines.append(f"  + {ground.describe()}")
                lines.append(f"    source: {ground.source}")
                if ground.kind is not None:
                    lines.append(f"    {ground.kind.promise}")
                    if ground.promise is not None:
                        lines.append(f"    source: {ground.promise}")
        if self.reasons:
            lines.append("Not covered by:" if self.grounds else "Reasons:")
            for reason in self.reasons:
                mark = "?" if reason.code.is_open else "-"
                lines.append(f"  {mark} {reason.describe()}")
                lines.append(f"    source: {reason.source}")
        if not self.grounds and not self.reasons:
            lines.append("No arrangement was asked.")
        if self.caveats:
            lines.append(
                "Caveat: this answer rests on rules the sources do not settle"
                " (marked [unverified]); check them with the provider."
            )
        if self.claim_windows:
            lines.append(f"Covered if the claim is made {claims_text(self.claim_windows)}.")
        if self.missing:
            lines.append("To settle it, find out:")
            lines.extend(
                f"  * {fact.name}: {fact.description or fact.label}"
                for fact in sorted(self.missing, key=lambda f: f.name)
            )
        lines.extend(self._settling_lines())
        return "\n".join(lines)

    def _settling_lines(self) -> tuple[str, ...]:
        if not self.settling:
            return ()
        order = _settling.facts_in_order(self.question.activity.vocabulary)
        return _settling_text(self.settling, order)


(
    _set_outcome,
    _set_question,
    _set_grounds,
    _set_reasons,
    _set_missing,
    _set_claim_windows,
    _set_settling,
) = (Decision.__dict__[a.name].__set__ for a in attrs.fields(Decision))


_NO_FACTS: frozenset[Fact] = frozenset()


class _NewDecision(_DecisionSlots):
    """A firm `Decision` being built on a hot path (see `new_decision`)."""

    __slots__ = ()

    def __init__(
        self,
        outcome: Outcome,
        question: _question.Question,
        grounds: tuple[Ground, ...],
        reasons: tuple[Reason, ...],
    ) -> None:
        # Plain stores into the slots `Decision` shares (Python's fastest way
        # to fill them: a frozen class's own stores go through its
        # __setattr__), then the object becomes the `Decision` it is.
        self.outcome = outcome
        self.question = question
        self.grounds = grounds
        self.reasons = reasons
        self.missing = _NO_FACTS
        self.claim_windows = ()
        self.settling = ()
        self.__class__ = Decision  # type: ignore[assignment]  # the same slots (tested)


new_decision: Callable[
    [Outcome, _question.Question, tuple[Ground, ...], tuple[Reason, ...]], Decision
] = _NewDecision  # type: ignore[assignment]
"""`Decision(outcome, question, grounds, reasons)`, built in half the time, for hot paths.

For a firm answer (COVERED or NOT_COVERED: nothing missing, no claim windows,
no settling sets), from parts the library made itself.
"""


@functools.lru_cache(maxsize=4096)
def _settling_text(
    settling: tuple[_settling.Settling, ...], order: tuple[str, ...]
) -> tuple[str, ...]:
    """The lines explaining settling sets and the next question (kept: explaining is hot)."""
    lines = ["It settles as soon as one of these is known:"]
    shown = settling[:_SHOWN]
    lines.extend(f"  - {s.describe()} -> {s.outcome.words}" for s in shown)
    if len(settling) > len(shown):
        lines.append(f"  ... and {len(settling) - len(shown)} more (see .settling)")
    asked = _settling.rank(settling, order)
    if asked:
        lines.append(f"Ask next: {asked[0].question}")
        lines.extend(f"  - {b.describe()}" for b in asked[0].branches)
    return tuple(lines)


_SHOWN = 8  # settling sets an explanation lists; the rest are in the data

_RULES = frozenset(
    {
        ReasonCode.EXCLUDED,
        ReasonCode.CONDITION_FAILED,
        ReasonCode.OUTSIDE_TERRITORY,
        ReasonCode.CLAIM_OUTSIDE_WINDOW,
    }
)
"""Reasons that rest on a rule the data may mark unverified; the others rest on what
a scheme is for (its matters and kinds of work), or on the holder's own dates."""


def _unsettled(reasons: Iterable[Reason]) -> list[_citation.Citation]:
    """The unverified citations that alone rule out some head of cover."""
    by_head: dict[tuple[str | None, str | None, str | None], list[Reason]] = {}
    for reason in reasons:
        by_head.setdefault((reason.membership, reason.scheme, reason.cover), []).append(reason)
    found: list[_citation.Citation] = []
    for (membership, scheme, cover), group in by_head.items():
        whole = by_head.get((membership, scheme, None), []) if cover is not None else []
        firm = any(r.code not in _RULES or r.source.verified for r in (*group, *whole))
        if not firm:
            found.extend(r.source for r in group)
    return found


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


def listed(names: Iterable[object]) -> str:
    """Fact names, sorted, for a reason's text: "official_rotation, supervised"."""
    return ", ".join(sorted(str(n) for n in names))


class Answerer:
    """Whatever answers questions: a cover, a scheme, a membership, a portfolio.

    Each holder says how it decides a checked `Question` and which vocabulary
    its rules speak; `is_covered` is the same for all of them.
    """

    __slots__ = ()

    @property
    def vocabulary(self) -> _vocabulary.Vocabulary:
        """The vocabulary questions to this answerer are checked against."""
        raise NotImplementedError

    def decide(self, question: _question.Question) -> Decision:
        """Answer an already checked `question`."""
        raise NotImplementedError

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
        """Whether this answers for `activity`, done `on` a date in `jurisdiction`.

        Args:
            activity: What was done.
            on: The incident date.
            jurisdiction: Where: a `Jurisdiction` or its name.
            matter: What kind of matter; None for the vocabulary's default
                (a clinical negligence claim in the UK's).
            claimed_on: When the claim was first made, if known.
            notified_on: When the circumstance was notified to a claims-made
                insurer, if it was: a claim made later, even after the policy
                lapsed, is then answered as if made on that day.

        Returns:
            The decision, with its grounds, reasons and what is missing.

        Raises:
            IndemnityError: a part of the question is invalid.
        """
        question = _question.Question.ask(
            activity,
            on,
            jurisdiction,
            matter=matter,
            claimed_on=claimed_on,
            notified_on=notified_on,
            vocabulary=self.vocabulary,
        )
        return self.decide(question)
