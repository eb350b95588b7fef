"""A cover: for which matters, which activities, where, on what conditions, excluding what."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

import attrs

from indemnity._lazy import lazy_module
from indemnity._records import fields_repr
from indemnity._validate import article, check_str, pattern
from indemnity.errors import InvalidFieldError
from indemnity.model.activity import Activity
from indemnity.model.decision import (
    Answer,
    Answerer,
    Decision,
    Ground,
    Outcome,
    Reason,
    ReasonCode,
    claims_text,
    listed,
)
from indemnity.model.period import Period
from indemnity.model.terms import CLAIM_DATE, ActivityKind, Fact, Jurisdiction, Matter
from indemnity.rules.exclusion import Exclusion, weigh
from indemnity.rules.requirement import Requirement, check_citation

if TYPE_CHECKING:
    # Loaded on first use: the vocabulary when a cover is first made, and the settling sets
    # when an answer is first open.
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

__all__ = ["Cover", "Holder", "check_option", "tuple_of"]

_OPTION = r"^[a-z0-9][a-z0-9-]*$"


def tuple_of(field: str, value: object, kind: type) -> tuple[object, ...]:
    """`value` as a tuple whose items are all `kind`, or raise naming the first that is not."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidFieldError(field, f"a sequence of {kind.__name__}", value)
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            raise InvalidFieldError(f"{field}[{i}]", article(kind.__name__), item)
    return items


def _names(field: str, value: object) -> list[object]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidFieldError(field, "a collection", value)
    items = list(value)
    if not items:
        raise InvalidFieldError(field, "at least one item", value)
    return items


def check_option(field: str, value: object) -> str:
    """Return `value` if it is an option name: lower-case words joined by hyphens."""
    if not isinstance(value, str) or not pattern(_OPTION).match(value):
        raise InvalidFieldError(field, "an option name such as 'public-liability'", value)
    return value


class Holder(NamedTuple):
    """Who holds a cover, as grounds and reasons name them: the scheme, and its promise."""

    scheme: str | None = None
    scheme_name: str | None = None
    kind: _basis.SchemeKind | None = None
    basis: _basis.Basis | None = None
    promise: _citation.Citation | None = None


_ALONE = Holder()
_ALWAYS = Period.always()


def shown_window(claims: Period, on: _dt.date) -> Period:
    """A claim window as a reason shows it for an incident `on`.

    A claim is never made before its incident, so a window already open by
    then reads "before its end", whatever the incident date within it.
    """
    return claims if on < claims.start else Period(_dt.date.min, claims.end)


@attrs.frozen(cache_hash=True)
class Cover(Answerer):
    """One head of cover of a scheme.

    Attributes:
        name: Its name, unique within its scheme.
        matters: The kinds of matter it answers for (at least one): `Matter`
            terms or their names.
        activities: The kinds of activity in its scope (at least one).
        territory: Where the activity must take place: jurisdictions or
            territory names (``"uk"``), as a set of `Jurisdiction`.
        source: Where the cover comes from.
        requires: What it requires of the activity, each cited.
        exclusions: What it excludes, each cited, with exceptions inside.
        limit: The limit of indemnity in whole units of money, or None where
            none is set (discretionary schemes state no cap).
        option: The name of an option that must be bought for this cover to
            apply (a corporate policy's public liability "at additional premium").
        in_force: The incident dates this head applies to, within its
            scheme's: a head that began or ended apart from the scheme (cover
            for independent providers of NHS care from 1 April 2013).
        claims: The claim dates this head answers, whatever the basis: a
            scheme that took over liabilities answers only claims made after
            it did (the Existing Liabilities Scheme for General Practice, for
            claims from 6 April 2020).
        vocabulary: The vocabulary its names come from (the active one unless
            given); not part of equality.

    Raises:
        InvalidFieldError: a field is empty or of the wrong type.
        UnknownNameError: a name is unknown to the vocabulary.
    """

    __repr__ = fields_repr

    name: str
    matters: frozenset[Matter]
    activities: frozenset[ActivityKind]
    territory: frozenset[Jurisdiction]
    source: _citation.Citation
    requires: tuple[Requirement, ...] = ()
    exclusions: tuple[Exclusion, ...] = ()
    limit: int | None = None
    option: str | None = None
    in_force: Period = attrs.field(factory=Period.always)
    claims: Period = attrs.field(factory=Period.always)
    vocabulary: _vocabulary.Vocabulary = attrs.field(
        default=None, eq=False, repr=False, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        put = object.__setattr__
        words = self.vocabulary or _vocabulary.active_vocabulary()
        if not isinstance(words, _vocabulary.Vocabulary):
            raise InvalidFieldError("Cover.vocabulary", "a Vocabulary", words)
        put(self, "vocabulary", words)
        check_str("Cover.name", self.name)
        put(
            self,
            "matters",
            frozenset(
                words.matter(m, f"Cover.matters[{i}]")
                for i, m in enumerate(_names("Cover.matters", self.matters))
            ),
        )
        put(
            self,
            "activities",
            frozenset(
                words.kind(k, f"Cover.activities[{i}]")
                for i, k in enumerate(_names("Cover.activities", self.activities))
            ),
        )
        put(
            self,
            "territory",
            words.territory(*_names("Cover.territory", self.territory), field="Cover.territory"),
        )
        check_citation("Cover.source", self.source)
        put(self, "requires", tuple_of("Cover.requires", self.requires, Requirement))
        put(self, "exclusions", tuple_of("Cover.exclusions", self.exclusions, Exclusion))
        limit: object = self.limit
        if limit is not None and (
            isinstance(limit, bool) or not isinstance(limit, int) or limit <= 0
        ):
            raise InvalidFieldError("Cover.limit", "a positive whole amount or None", limit)
        if self.option is not None:
            check_option("Cover.option", self.option)
        for field in ("in_force", "claims"):
            if not isinstance(getattr(self, field), Period):
                raise InvalidFieldError(f"Cover.{field}", "a Period", getattr(self, field))

    @property
    def dated(self) -> bool:
        """Whether this head has dates of its own (incident or claim dates)."""
        return self.in_force != _ALWAYS or self.claims != _ALWAYS

    def facts(self) -> frozenset[Fact]:
        """Every fact the cover's rules read."""
        found: set[Fact] = set()
        for req in self.requires:
            found |= req.condition.facts()
        for exc in self.exclusions:
            found |= exc.when.facts()
            if exc.unless is not None:
                found |= exc.unless.facts()
        return frozenset(found)

    def decide(self, question: _question.Question) -> Decision:
        """Whether this cover, on its own terms, answers `question`.

        A bare cover has no scheme or membership around it: only its own
        dates are checked. An optional cover is judged as if its option were bought.
        """
        if question.on not in self.in_force:
            return Decision.of(Answer.no(self.out_of_force()), question)
        options = frozenset({self.option}) if self.option else frozenset()
        answer = self.answer(question.situation, options=options)
        claim = question.claimed_on
        if answer.outcome is not Outcome.COVERED or self.claims == _ALWAYS:
            return Decision.of(answer, question)
        if claim is not None:
            if claim in self.claims:
                return Decision.of(answer, question)
            return Decision.of(Answer.no(self.claim_outside()), question)
        return Decision(
            Outcome.UNDETERMINED,
            question,
            (),
            (self.claim_unknown(question.on),),
            frozenset({CLAIM_DATE}),
            (Period(max(self.claims.start, question.on), self.claims.end),),
        )

    def out_of_force(self, holder: Holder = _ALONE) -> Reason:
        """Why this head does not answer for an incident outside its own dates."""
        return Reason(
            ReasonCode.OUTSIDE_PERIOD,
            f"applies to incidents {self.in_force}",
            self.source,
            holder.scheme,
            holder.scheme_name,
            self.name,
        )

    def claim_outside(self, holder: Holder = _ALONE) -> Reason:
        """Why this head does not answer a claim made outside its claim dates."""
        return Reason(
            ReasonCode.CLAIM_OUTSIDE_WINDOW,
            f"answers only claims made {claims_text((self.claims,))}",
            self.source,
            holder.scheme,
            holder.scheme_name,
            self.name,
        )

    def claim_unknown(self, on: _dt.date, holder: Holder = _ALONE) -> Reason:
        """The open reason of this head when the claim date is not known."""
        return Reason(
            ReasonCode.CLAIM_DATE_UNKNOWN,
            f"covered only if the claim is made {claims_text((shown_window(self.claims, on),))}",
            self.source,
            holder.scheme,
            holder.scheme_name,
            self.name,
            missing=frozenset({CLAIM_DATE}),
        )

    def answer(
        self,
        situation: _question.Situation,
        *,
        options: frozenset[str] = frozenset(),
        holder: Holder = _ALONE,
    ) -> Answer:
        """Answer a situation: scope, territory, option, requirements, exclusions.

        Args:
            situation: What was done, where, and the kind of matter.
            options: The options bought.
            holder: The scheme holding this cover, as grounds and reasons name it.
        """

        def reason(
            code: ReasonCode,
            message: str,
            source: _citation.Citation,
            missing: frozenset[Fact] = frozenset(),
        ) -> Reason:
            return Reason(
                code, message, source, holder.scheme, holder.scheme_name, self.name, None, missing
            )

        def no(code: ReasonCode, message: str) -> Answer:
            return Answer.no(reason(code, message, self.source))

        activity = situation.activity
        if situation.matter not in self.matters:
            return no(ReasonCode.MATTER_NOT_COVERED, f"does not cover {situation.matter.phrase}")
        if activity.kind not in self.activities:
            return no(
                ReasonCode.ACTIVITY_OUT_OF_SCOPE, f"{activity.kind.name} is outside its scope"
            )
        if situation.jurisdiction not in self.territory:
            return no(
                ReasonCode.OUTSIDE_TERRITORY,
                f"{situation.jurisdiction.label} is outside its territory",
            )
        if self.option is not None and self.option not in options:
            return no(
                ReasonCode.OPTION_NOT_BOUGHT,
                f"applies only with the option {self.option!r}, which was not bought",
            )
        failed: list[Reason] = []
        open_: list[Reason] = []
        for req in self.requires:
            value, missing = req.evaluate(activity)
            if value is False:
                failed.append(
                    reason(ReasonCode.CONDITION_FAILED, f"requires that {req.reason}", req.source)
                )
            elif value is None:
                open_.append(
                    reason(
                        ReasonCode.CONDITION_UNKNOWN,
                        f"requires that {req.reason}; depends on: {listed(missing)}",
                        req.source,
                        missing,
                    )
                )
        fired, maybe = weigh(self.exclusions, activity)
        failed.extend(
            reason(ReasonCode.EXCLUDED, f"excludes {exc.reason}", exc.source) for exc in fired
        )
        open_.extend(
            reason(
                ReasonCode.EXCLUSION_UNKNOWN,
                f"may exclude {exc.reason}; depends on: {listed(missing)}",
                exc.source,
                missing,
            )
            for exc, missing in maybe
        )
        if failed:
            return Answer(Outcome.NOT_COVERED, (), tuple(failed))
        if open_:
            missing_all = frozenset().union(*(r.missing for r in open_))
            return Answer(
                Outcome.UNDETERMINED,
                (),
                tuple(open_),
                missing_all,
                _settling.work_out(lambda: self.split(activity)),
            )
        ground = Ground(
            holder.scheme,
            holder.scheme_name,
            self.name,
            None,
            holder.kind,
            holder.basis,
            self.limit,
            self.source,
            holder.promise,
        )
        return Answer(Outcome.COVERED, (ground,))

    def split(self, activity: Activity) -> _settling.Split:
        """What would make the cover's requirements and exclusions let it answer, and what not.

        Only the rules that read facts count: scope, territory and options
        are the situation's, and are checked before (see `Cover.answer`).
        """
        return _settling.both(
            (
                *(req.condition.split(activity) for req in self.requires),
                *(_settling.negate(exc.split(activity)) for exc in self.exclusions),
            )
        )

    def describe(self) -> str:
        """The cover's rules in readable lines, each with its source."""
        words = self.vocabulary
        limit = "none stated" if self.limit is None else f"{self.limit:,}"
        lines = [
            f"Cover {self.name!r}" + (f" (option {self.option!r})" if self.option else ""),
            f"  matters: {', '.join(sorted(m.name for m in self.matters))}",
            f"  activities: {', '.join(sorted(k.name for k in self.activities))}",
            f"  territory: {words.territory_name(self.territory)}",
            f"  limit of indemnity: {limit}",
            f"  source: {self.source}",
        ]
        for req in self.requires:
            lines.append(f"  requires: {req.reason} [{req.condition.describe()}]")
            lines.append(f"    source: {req.source}")
        for exc in self.exclusions:
            lines.append(f"  excludes: {exc.reason} [{exc.describe()}]")
            lines.append(f"    source: {exc.source}")
        return "\n".join(lines)
