"""A scheme: an arrangement a person or body can hold, made of covers."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

import attrs

from indemnity._lazy import lazy_module
from indemnity._records import fields_repr
from indemnity._validate import check_str, parse_enum, pattern
from indemnity.errors import InvalidFieldError, UnknownNameError
from indemnity.model.activity import Activity
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
from indemnity.model.terms import Fact, Matter, MatterScope
from indemnity.rules.cover import Cover, Holder, tuple_of
from indemnity.rules.exclusion import Exclusion, weigh
from indemnity.rules.requirement import check_citation

if TYPE_CHECKING:
    # Loaded on first use: the vocabulary and the bases when a scheme is first made, the
    # settling sets when an answer is first open, citations when a matter first does not arise.
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

__all__ = ["Scheme"]

_KEY = r"^[a-z0-9][a-z0-9-]*$"
_CACHE_LIMIT = 65_536
# A scheme's answer to a situation depends on neither the date nor who holds it, and
# schemes compare by their rules: the answers are shared by every holder in the process.
# The key holds the asking vocabulary too: two vocabularies may word one name differently.
_ANSWERS: dict[
    tuple[Scheme, frozenset[str], _question.Situation, _vocabulary.Vocabulary, int, int], Answer
] = {}


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
        serves: Who holds it: a person (an MDO membership), a body (a
            provider's policy), or either; a matter only the other can face is
            answered as such (a doctor's MDO asked about a provider's head of cover).
        promise: Where the kind of promise is stated (an MDO's help is
            discretionary; a policy is insurance), shown with every answer it gives.
        vocabulary: The vocabulary its rules speak (the active one unless
            given); not part of equality.

    Raises:
        InvalidFieldError: a field is empty, of the wrong type, or covers share a name.
    """

    __repr__ = fields_repr

    key: str
    name: str
    operator: str
    kind: _basis.SchemeKind
    basis: _basis.Basis
    covers: tuple[Cover, ...]
    source: _citation.Citation
    exclusions: tuple[Exclusion, ...] = ()
    in_force: Period = attrs.field(factory=Period.always)
    serves: MatterScope = MatterScope.ANY
    promise: _citation.Citation | None = None
    vocabulary: _vocabulary.Vocabulary = attrs.field(
        default=None, eq=False, repr=False, kw_only=True
    )
    _by_name: dict[str, Cover] = attrs.field(init=False, repr=False, eq=False)
    _all: int = attrs.field(init=False, repr=False, eq=False)
    _claim_dated: bool = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        put = object.__setattr__
        words = self.vocabulary or _vocabulary.active_vocabulary()
        if not isinstance(words, _vocabulary.Vocabulary):
            raise InvalidFieldError("Scheme.vocabulary", "a Vocabulary", words)
        put(self, "vocabulary", words)
        if not isinstance(self.key, str) or not pattern(_KEY).match(self.key):
            raise InvalidFieldError(
                "Scheme.key", "lower-case letters, digits and hyphens", self.key
            )
        check_str("Scheme.name", self.name)
        check_str("Scheme.operator", self.operator)
        put(self, "kind", parse_enum(_basis.SchemeKind, "Scheme.kind", self.kind))
        put(self, "basis", parse_enum(_basis.Basis, "Scheme.basis", self.basis))
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
        put(self, "serves", parse_enum(MatterScope, "Scheme.serves", self.serves))
        if self.promise is not None:
            check_citation("Scheme.promise", self.promise)
        put(self, "_by_name", {c.name: c for c in self.covers})
        put(self, "_all", (1 << len(self.covers)) - 1)
        always = Period.always()
        put(self, "_claim_dated", any(c.claims != always for c in self.covers))

    @property
    def claim_dated(self) -> bool:
        """Whether some head of cover answers only claims made within dates of its own."""
        return self._claim_dated

    @property
    def dated_covers(self) -> tuple[Cover, ...]:
        """The heads of cover with dates of their own."""
        return tuple(c for c in self.covers if c.dated)

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
        return Holder(self.key, self.name, self.kind, self.basis, self.promise)

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

    def decide(self, question: _question.Question) -> Decision:
        """Whether the scheme answers, for a member holding no options, on its own terms.

        The scheme's `in_force` period is checked against the incident date,
        and each head's own dates against the incident and claim dates; the
        claims-made window belongs to a membership (see `MembershipPeriod`).
        """
        return Decision.of(self.answer_on(question, claim=question.claimed_on), question)

    def answer_on(
        self,
        question: _question.Question,
        options: frozenset[str] = frozenset(),
        *,
        claim: _dt.date | None = None,
    ) -> Answer:
        """The scheme's answer to `question`: its period in force, then `answer`.

        The answer depends on the dates only through the heads of cover in
        force on the incident date, and, when the claim date is known, those
        that answer claims made on it; a head's claim dates with the claim
        date unknown are left to whoever holds the scheme (see
        `MembershipPeriod`).

        Args:
            question: The question, whose incident date is checked here.
            options: The options the member bought.
            claim: The claim date the holder answers as (the notification's,
                for a notified claims-made claim); None when not known.
        """
        on = question.on
        if on not in self.in_force:
            return Answer.no(
                Reason(
                    ReasonCode.OUTSIDE_PERIOD,
                    f"in force for incidents {self.in_force}",
                    self.source,
                    self.key,
                    self.name,
                )
            )
        return self.answer(question.situation, options, on=on, claim=claim)

    def era(self, on: _dt.date | None, claim: _dt.date | None = None) -> int:
        """Which heads of cover answer an incident `on` claimed on `claim`: a bit per cover.

        None for either date asks every head whatever its dates of that kind.
        """
        if on is None and claim is None:
            return self._all
        return sum(
            1 << i
            for i, c in enumerate(self.covers)
            if (on is None or on in c.in_force) and (claim is None or claim in c.claims)
        )

    def answer(
        self,
        situation: _question.Situation,
        options: frozenset[str] = frozenset(),
        *,
        on: _dt.date | None = None,
        claim: _dt.date | None = None,
    ) -> Answer:
        """The scheme's answer to a situation, worked out once per set of heads that answer.

        Args:
            situation: What was done, where, and the kind of matter.
            options: The options the member bought.
            on: The incident date, for heads of cover with dates of their own;
                None to ask every head whatever its dates.
            claim: The claim date, for heads that answer claims made within
                dates of their own; None when not known.
        """
        era = self.era(on, claim)
        incident = self.era(on)
        key = (self, options, situation, situation.activity.vocabulary, era, incident)
        found = _ANSWERS.get(key)
        if found is None:
            found = self._answer(situation, options, era, incident)
            if len(_ANSWERS) >= _CACHE_LIMIT:
                _ANSWERS.clear()
            _ANSWERS[key] = found
        return found

    def cover_claims(self, name: str) -> Period:
        """The claim dates the head of cover called `name` answers."""
        return self._by_name[name].claims

    def _answer(
        self, situation: _question.Situation, options: frozenset[str], era: int, incident: int
    ) -> Answer:
        elsewhere = self._matter_elsewhere(situation)
        if elsewhere is not None:
            return Answer.no(elsewhere)
        relevant = [(i, c) for i, c in enumerate(self.covers) if situation.matter in c.matters]
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
            c.answer(situation, options=options, holder=holder)
            if era >> i & 1
            else Answer.no(c.claim_outside(holder) if incident >> i & 1 else c.out_of_force(holder))
            for i, c in relevant
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

    def _matter_elsewhere(self, situation: _question.Situation) -> Reason | None:
        """Why the matter cannot arise here at all: for the other kind of holder, or place."""
        matter, place = situation.matter, situation.jurisdiction
        if not matter.scope.meets(self.serves):
            holder = "a person" if self.serves is MatterScope.PERSONAL else "an organisation"
            message = f"is held by {holder}; {matter.phrase} is not a matter {holder} faces"
            if matter.counterpart:
                other = self.vocabulary.matter(matter.counterpart)
                message += f" (ask about {other.phrase})"
            return Reason(
                ReasonCode.MATTER_FOR_OTHER_HOLDER, message, self.source, self.key, self.name
            )
        if matter.places and place not in matter.places:
            source = self.source
            if matter.source:
                source = _citation.Citation(self.vocabulary.source(matter.source))
            return Reason(
                ReasonCode.MATTER_NOT_HERE,
                f"{matter.phrase} does not arise in {place.label}",
                source,
                self.key,
                self.name,
            )
        return None

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
) -> tuple[_settling.Settling, ...]:
    """The settling sets of the covers' `answer` once open scheme-wide `exclusions` count too."""
    if answer.outcome is Outcome.COVERED:
        covers = _settling.TRUE
    elif answer.settling:
        covers = _settling.split_of(answer.settling)
    else:
        return ()  # the covers' own were not worked out: nor are these
    return _settling.work_out(
        lambda: _settling.both((*(_settling.negate(e.split(activity)) for e in exclusions), covers))
    )
