"""A scheme: an arrangement a person or body can hold, made of covers."""

from __future__ import annotations

import datetime as _dt
import re
from enum import StrEnum
from typing import TYPE_CHECKING

import attrs

from indemnity._validate import check_str, parse_enum
from indemnity.citation import Citation
from indemnity.cover import Cover, _tuple_of
from indemnity.decision import Decision, Outcome, Reason, ReasonCode, _listed
from indemnity.errors import InvalidFieldError, UnknownNameError
from indemnity.matter import Matter
from indemnity.period import Period
from indemnity.question import Question
from indemnity.rules import Exclusion

if TYPE_CHECKING:
    from indemnity.activity import Activity
    from indemnity.jurisdiction import Jurisdiction
    from indemnity.membership import MembershipPeriod

__all__ = ["Basis", "Scheme", "SchemeKind"]

_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class SchemeKind(StrEnum):
    """What kind of promise a scheme makes."""

    STATE_BACKED = "state-backed"
    """A state indemnity scheme for NHS bodies or NHS services."""
    DISCRETIONARY = "discretionary-membership"
    """MDO membership: the member has the right to request assistance."""
    CONTRACTUAL_INSURANCE = "contractual-insurance"
    """An insurance policy: a contract with terms."""


class Basis(StrEnum):
    """Which date decides cover."""

    OCCURRENCE = "occurrence"
    """The incident must happen while the arrangement is in force."""
    CLAIMS_MADE = "claims-made"
    """The claim must be made while the policy (or its run-off) is in force,
    for an incident on or after the retroactive date."""


@attrs.frozen(cache_hash=True)  # schemes key the compiled path's shared answers
class Scheme:
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

    def __attrs_post_init__(self) -> None:
        put = object.__setattr__
        if not isinstance(self.key, str) or not _KEY.match(self.key):
            raise InvalidFieldError(
                "Scheme.key", "lower-case letters, digits and hyphens", self.key
            )
        check_str("Scheme.name", self.name)
        check_str("Scheme.operator", self.operator)
        put(self, "kind", parse_enum(SchemeKind, "Scheme.kind", self.kind))
        put(self, "basis", parse_enum(Basis, "Scheme.basis", self.basis))
        covers = _tuple_of("Scheme.covers", self.covers, Cover)
        if not covers:
            raise InvalidFieldError("Scheme.covers", "at least one Cover", self.covers)
        names = [c.name for c in covers]  # type: ignore[attr-defined]
        if len(set(names)) != len(names):
            raise InvalidFieldError("Scheme.covers", "covers with distinct names", names)
        put(self, "covers", covers)
        if not isinstance(self.source, Citation):
            raise InvalidFieldError("Scheme.source", "a Citation", self.source)
        put(self, "exclusions", _tuple_of("Scheme.exclusions", self.exclusions, Exclusion))
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

    def is_covered(
        self,
        activity: Activity,
        on: _dt.date,
        jurisdiction: Jurisdiction | str,
        *,
        matter: Matter | str = Matter.CLINICAL_NEGLIGENCE,
        claimed_on: _dt.date | None = None,
    ) -> Decision:
        """Whether the scheme answers, for a member holding no options, on its own terms.

        The scheme's `in_force` period is checked against the incident date;
        the claims-made window belongs to a membership (see `MembershipPeriod`).

        Raises:
            IndemnityError: a part of the question is invalid.
        """
        question = Question.ask(activity, on, jurisdiction, matter=matter, claimed_on=claimed_on)
        return self.decide(question)

    def decide(
        self,
        question: Question,
        *,
        membership: MembershipPeriod | None = None,
        options: frozenset[str] = frozenset(),
    ) -> Decision:
        """Answer an already validated `question`; see `is_covered`."""
        if question.on not in self.in_force:
            found = Reason(
                ReasonCode.OUTSIDE_PERIOD,
                f"in force for incidents {self.in_force}, not on {question.on}",
                self.source,
                None,
                self,
                membership,
            )
            return Decision(Outcome.NOT_COVERED, question, (), (found,))
        relevant = [c for c in self.covers if question.matter in c.matters]
        if not relevant:
            found = Reason(
                ReasonCode.MATTER_NOT_COVERED,
                f"does not cover {question.matter.phrase}",
                self.source,
                None,
                self,
                membership,
            )
            return Decision(Outcome.NOT_COVERED, question, (), (found,))
        fired: list[Reason] = []
        open_: list[Reason] = []
        for exc in self.exclusions:
            value, missing = exc.evaluate(question.activity)
            if value is True:
                fired.append(
                    Reason(
                        ReasonCode.EXCLUDED,
                        f"excludes {exc.reason}",
                        exc.source,
                        None,
                        self,
                        membership,
                    )
                )
            elif value is None:
                open_.append(
                    Reason(
                        ReasonCode.EXCLUSION_UNKNOWN,
                        f"may exclude {exc.reason}; depends on: {_listed(missing)}",
                        exc.source,
                        None,
                        self,
                        membership,
                        frozenset(f.value for f in missing),
                    )
                )
        if fired:
            return Decision(Outcome.NOT_COVERED, question, (), tuple(fired))
        parts = [
            c.decide(question, scheme=self, membership=membership, options=options)
            for c in relevant
        ]
        decision = Decision.combine(question, parts)
        if not open_ or decision.outcome is Outcome.NOT_COVERED:
            return decision
        missing_all = decision.missing.union(*(r.missing for r in open_))
        return Decision(
            Outcome.UNDETERMINED, question, (), (*open_, *decision.reasons), missing_all
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
