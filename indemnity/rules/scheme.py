"""A scheme: an arrangement a person or body can hold, made of covers."""

from __future__ import annotations

import re

import attrs

from indemnity._validate import check_str, parse_enum
from indemnity.errors import InvalidFieldError, UnknownNameError
from indemnity.model.activity import Activity
from indemnity.model.basis import Basis, SchemeKind
from indemnity.model.citation import Citation
from indemnity.model.decision import (
    Answer,
    Answerer,
    Decision,
    Outcome,
    Reason,
    ReasonCode,
    listed,
)
from indemnity.model.period import Period
from indemnity.model.question import Question, Situation
from indemnity.model.settling import TRUE, Settling, both, negate, split_of, work_out
from indemnity.model.terms import Fact, Matter
from indemnity.model.vocabulary import Vocabulary, active_vocabulary
from indemnity.rules.cover import Cover, Holder, tuple_of
from indemnity.rules.exclusion import Exclusion, weigh
from indemnity.rules.requirement import check_citation

__all__ = ["Scheme"]

_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_CACHE_LIMIT = 65_536
# A scheme's answer to a situation depends on neither the date nor who holds it, and
# schemes compare by their rules: the answers are shared by every holder in the process.
# The key holds the asking vocabulary too: two vocabularies may word one name differently.
_ANSWERS: dict[tuple[Scheme, frozenset[str], Situation, Vocabulary], Answer] = {}


@attrs.frozen(cache_hash=True)  # schemes key the shared answers
class Scheme(Answerer):
    """A scheme, membership or policy, with its covers and scheme-wide exclusions.

    Attributes:
        key: A short stable identifier (``"cnst"``), lower-case with hyphens.
        name: Its full name.
        operator: Who runs it.
        kind: State-backed, discretionary membership or contractual insurance.
        basis: Occurrence or claims-made.
        covers: Its heads of cover (at least one), with unique names.
        source: Where the scheme comes from.
        exclusions: Exclusions that apply to every cover.
        in_force: The incident dates for which the scheme exists at all.
        vocabulary: The vocabulary its rules speak (the active one unless
            given); not part of equality.

    Raises:
        InvalidFieldError: a field is empty, of the wrong type, or covers share a name.
    """

    key: str
    name: str
    operator: str
    kind: SchemeKind
    basis: Basis
    covers: tuple[Cover, ...]
    source: Citation
    exclusions: tuple[Exclusion, ...] = ()
    in_force: Period = attrs.field(factory=Period.always)
    vocabulary: Vocabulary = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        put = object.__setattr__
        words = self.vocabulary or active_vocabulary()
        if not isinstance(words, Vocabulary):
            raise InvalidFieldError("Scheme.vocabulary", "a Vocabulary", words)
        put(self, "vocabulary", words)
        if not isinstance(self.key, str) or not _KEY.match(self.key):
            raise InvalidFieldError(
                "Scheme.key", "lower-case letters, digits and hyphens", self.key
            )
        check_str("Scheme.name", self.name)
        check_str("Scheme.operator", self.operator)
        put(self, "kind", parse_enum(SchemeKind, "Scheme.kind", self.kind))
        put(self, "basis", parse_enum(Basis, "Scheme.basis", self.basis))
        covers = tuple_of("Scheme.covers", self.covers, Cover)
        if not covers:
            raise InvalidFieldError("Scheme.covers", "at least one Cover", self.covers)
        names = [c.name for c in covers]  # type: ignore[attr-defined]
        if len(set(names)) != len(names):
            raise InvalidFieldError("Scheme.covers", "covers with distinct names", names)
        put(self, "covers", covers)
        check_citation("Scheme.source", self.source)
        put(self, "exclusions", tuple_of("Scheme.exclusions", self.exclusions, Exclusion))
        if not isinstance(self.in_force, Period):
            raise InvalidFieldError("Scheme.in_force", "a Period", self.in_force)

    @property
    def options(self) -> frozenset[str]:
        """The options a member may buy (the `Cover.option` of its covers)."""
        return frozenset(c.option for c in self.covers if c.option is not None)

    @property
    def matters(self) -> frozenset[Matter]:
        """Every matter some cover answers for."""
        return frozenset().union(*(c.matters for c in self.covers))

    @property
    def holder(self) -> Holder:
        """How grounds and reasons name this scheme."""
        return Holder(self.key, self.name, self.kind, self.basis)

    def facts(self) -> frozenset[Fact]:
        """Every fact the scheme's rules read."""
        found: set[Fact] = set()
        for exc in self.exclusions:
            found |= exc.when.facts()
            if exc.unless is not None:
                found |= exc.unless.facts()
        return frozenset(found).union(*(c.facts() for c in self.covers))

    def cover(self, name: str) -> Cover:
        """The cover called `name`.

        Raises:
            UnknownNameError: no cover has that name.
        """
        check_str("cover", name)
        for cover in self.covers:
            if cover.name == name:
                return cover
        raise UnknownNameError.for_choices("cover", name, (c.name for c in self.covers))

    def decide(self, question: Question) -> Decision:
        """Whether the scheme answers, for a member holding no options, on its own terms.

        The scheme's `in_force` period is checked against the incident date;
        the claims-made window belongs to a membership (see `MembershipPeriod`).
        """
        return Decision.of(self.answer_on(question), question)

    def answer_on(self, question: Question, options: frozenset[str] = frozenset()) -> Answer:
        """The scheme's answer to `question`: its period in force, then `answer`."""
        if question.on not in self.in_force:
            return Answer.no(
                Reason(
                    ReasonCode.OUTSIDE_PERIOD,
                    f"in force for incidents {self.in_force}",
                    self.source,
                    self.key,
                    self.name,
                )
            )
        return self.answer(question.situation, options)

    def answer(self, situation: Situation, options: frozenset[str] = frozenset()) -> Answer:
        """The scheme's answer to a situation, whatever the dates (worked out once, then kept).

        Args:
            situation: What was done, where, and the kind of matter.
            options: The options the member bought.
        """
        key = (self, options, situation, situation.activity.vocabulary)
        found = _ANSWERS.get(key)
        if found is None:
            found = self._answer(situation, options)
            if len(_ANSWERS) >= _CACHE_LIMIT:
                _ANSWERS.clear()
            _ANSWERS[key] = found
        return found

    def _answer(self, situation: Situation, options: frozenset[str]) -> Answer:
        relevant = [c for c in self.covers if situation.matter in c.matters]
        if not relevant:
            return Answer.no(
                Reason(
                    ReasonCode.MATTER_NOT_COVERED,
                    f"does not cover {situation.matter.phrase}",
                    self.source,
                    self.key,
                    self.name,
                )
            )
        fired, maybe = weigh(self.exclusions, situation.activity)
        if fired:
            return Answer(
                Outcome.NOT_COVERED,
                (),
                tuple(
                    Reason(
                        ReasonCode.EXCLUDED,
                        f"excludes {exc.reason}",
                        exc.source,
                        self.key,
                        self.name,
                    )
                    for exc in fired
                ),
            )
        holder = self.holder
        answer = Answer.combine(
            c.answer(situation, options=options, holder=holder) for c in relevant
        )
        if not maybe or answer.outcome is Outcome.NOT_COVERED:
            return answer
        open_ = tuple(
            Reason(
                ReasonCode.EXCLUSION_UNKNOWN,
                f"may exclude {exc.reason}; depends on: {listed(missing)}",
                exc.source,
                self.key,
                self.name,
                missing=missing,
            )
            for exc, missing in maybe
        )
        return Answer(
            Outcome.UNDETERMINED,
            (),
            (*open_, *answer.reasons),
            answer.missing.union(*(r.missing for r in open_)),
            _weighed(answer, [exc for exc, _ in maybe], situation.activity),
        )

    def describe(self) -> str:
        """The scheme's rules in readable lines, each with its source."""
        lines = [
            f"{self.name} [{self.key}]",
            f"  operator: {self.operator}",
            f"  kind: {self.kind.value}; basis: {self.basis.value}",
            f"  in force for incidents: {self.in_force}",
            f"  source: {self.source}",
        ]
        for exc in self.exclusions:
            lines.append(f"  excludes (every cover): {exc.reason} [{exc.describe()}]")
            lines.append(f"    source: {exc.source}")
        for cover in self.covers:
            lines.extend("  " + line for line in cover.describe().splitlines())
        return "\n".join(lines)


def _weighed(
    answer: Answer, exclusions: list[Exclusion], activity: Activity
) -> tuple[Settling, ...]:
    """The settling sets of the covers' `answer` once open scheme-wide `exclusions` count too."""
    if answer.outcome is Outcome.COVERED:
        covers = TRUE
    elif answer.settling:
        covers = split_of(answer.settling)
    else:
        return ()  # the covers' own were not worked out: nor are these
    return work_out(lambda: both((*(negate(e.split(activity)) for e in exclusions), covers)))
