"""A cover: for which matters, which activities, where, on what conditions, excluding what."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from indemnity._validate import article, check_str
from indemnity.activity import ActivityKind
from indemnity.citation import Citation
from indemnity.decision import Decision, Ground, Outcome, Reason, ReasonCode, _listed
from indemnity.errors import InvalidFieldError
from indemnity.jurisdiction import Jurisdiction, Territory, territory
from indemnity.matter import Matter
from indemnity.question import Question
from indemnity.rules import Exclusion, Requirement

if TYPE_CHECKING:
    from indemnity.activity import Activity
    from indemnity.membership import MembershipPeriod
    from indemnity.scheme import Scheme

__all__ = ["Cover"]

_OPTION = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _set_of(field: str, value: object, parse: object) -> frozenset[object]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidFieldError(field, "a collection", value)
    items = list(value)
    if not items:
        raise InvalidFieldError(field, "at least one item", value)
    return frozenset(parse(v, f"{field}[{i}]") for i, v in enumerate(items))  # type: ignore[operator]


def _tuple_of(field: str, value: object, kind: type) -> tuple[object, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidFieldError(field, f"a sequence of {kind.__name__}", value)
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            raise InvalidFieldError(f"{field}[{i}]", article(kind.__name__), item)
    return items


def check_option(field: str, value: object) -> str:
    """Return `value` if it is an option name: lower-case words joined by hyphens."""
    if not isinstance(value, str) or not _OPTION.match(value):
        raise InvalidFieldError(field, "an option name such as 'public-liability'", value)
    return value


@attrs.frozen
class Cover:
    """One head of cover of a scheme.

    Attributes:
        name: Its name, unique within its scheme.
        matters: The kinds of matter it answers for (at least one).
        activities: The kinds of activity in its scope (at least one).
        territory: Where the activity must take place.
        source: Where the cover comes from.
        conditions: What it requires of the activity, each cited.
        exclusions: What it excludes, each cited, with exceptions inside.
        limit: The limit of indemnity in pounds, or None where none is set
            (discretionary schemes state no cap).
        option: The name of an option that must be bought for this cover to
            apply (seed 004: public liability "at additional premium").

    Raises:
        InvalidFieldError: a field is empty or of the wrong type.
    """

    name: str
    matters: frozenset[Matter]
    activities: frozenset[ActivityKind]
    territory: Territory
    source: Citation
    conditions: tuple[Requirement, ...] = ()
    exclusions: tuple[Exclusion, ...] = ()
    limit: int | None = None
    option: str | None = None

    def __attrs_post_init__(self) -> None:
        put = object.__setattr__
        check_str("Cover.name", self.name)
        put(self, "matters", _set_of("Cover.matters", self.matters, Matter.parse))
        put(self, "activities", _set_of("Cover.activities", self.activities, ActivityKind.parse))
        given: object = self.territory
        if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
            raise InvalidFieldError("Cover.territory", "a collection", given)
        place = territory(*given, field="Cover.territory")
        if not place:
            raise InvalidFieldError("Cover.territory", "at least one item", given)
        put(self, "territory", place)
        if not isinstance(self.source, Citation):
            raise InvalidFieldError("Cover.source", "a Citation", self.source)
        put(self, "conditions", _tuple_of("Cover.conditions", self.conditions, Requirement))
        put(self, "exclusions", _tuple_of("Cover.exclusions", self.exclusions, Exclusion))
        limit: object = self.limit
        if limit is not None and (
            isinstance(limit, bool) or not isinstance(limit, int) or limit <= 0
        ):
            raise InvalidFieldError(
                "Cover.limit", "a positive whole number of pounds or None", limit
            )
        if self.option is not None:
            check_option("Cover.option", self.option)

    def is_covered(
        self,
        activity: Activity,
        on: _dt.date,
        jurisdiction: Jurisdiction | str,
        *,
        matter: Matter | str = Matter.CLINICAL_NEGLIGENCE,
        claimed_on: _dt.date | None = None,
    ) -> Decision:
        """Whether this cover, on its own terms, answers the question.

        A bare cover has no period: the date is only recorded. An optional
        cover is judged as if its option were bought.

        Raises:
            IndemnityError: a part of the question is invalid.
        """
        question = Question.ask(activity, on, jurisdiction, matter=matter, claimed_on=claimed_on)
        options = frozenset({self.option}) if self.option else frozenset()
        return self.decide(question, options=options)

    def decide(
        self,
        question: Question,
        *,
        scheme: Scheme | None = None,
        membership: MembershipPeriod | None = None,
        options: frozenset[str] = frozenset(),
    ) -> Decision:
        """Answer an already validated `question` in the context of a scheme and membership.

        Args:
            question: The question.
            scheme: The scheme holding this cover, for the grounds and reasons.
            membership: The membership holding the scheme, likewise.
            options: The options bought.
        """

        def reason(
            code: ReasonCode, message: str, source: Citation, missing: frozenset[str] = frozenset()
        ) -> Reason:
            return Reason(code, message, source, self, scheme, membership, missing)

        def no(code: ReasonCode, message: str) -> Decision:
            found = reason(code, message, self.source)
            return Decision(Outcome.NOT_COVERED, question, (), (found,))

        activity = question.activity
        if question.matter not in self.matters:
            return no(ReasonCode.MATTER_NOT_COVERED, f"does not cover {question.matter.phrase}")
        if activity.kind not in self.activities:
            return no(
                ReasonCode.ACTIVITY_OUT_OF_SCOPE, f"{activity.kind.value} is outside its scope"
            )
        if question.jurisdiction not in self.territory:
            return no(
                ReasonCode.OUTSIDE_TERRITORY,
                f"{question.jurisdiction.label} is outside its territory",
            )
        if self.option is not None and self.option not in options:
            return no(
                ReasonCode.OPTION_NOT_BOUGHT,
                f"applies only with the option {self.option!r}, which was not bought",
            )

        failed: list[Reason] = []
        open_: list[Reason] = []
        for req in self.conditions:
            value, missing = req.evaluate(activity)
            if value is False:
                failed.append(
                    reason(ReasonCode.CONDITION_FAILED, f"requires that {req.reason}", req.source)
                )
            elif value is None:
                names = frozenset(f.value for f in missing)
                open_.append(
                    reason(
                        ReasonCode.CONDITION_UNKNOWN,
                        f"requires that {req.reason}; depends on: {_listed(names)}",
                        req.source,
                        names,
                    )
                )
        for exc in self.exclusions:
            value, missing = exc.evaluate(activity)
            if value is True:
                failed.append(reason(ReasonCode.EXCLUDED, f"excludes {exc.reason}", exc.source))
            elif value is None:
                names = frozenset(f.value for f in missing)
                open_.append(
                    reason(
                        ReasonCode.EXCLUSION_UNKNOWN,
                        f"may exclude {exc.reason}; depends on: {_listed(names)}",
                        exc.source,
                        names,
                    )
                )
        if failed:
            return Decision(Outcome.NOT_COVERED, question, (), tuple(failed))
        if open_:
            missing_all = frozenset().union(*(r.missing for r in open_))
            return Decision(Outcome.UNDETERMINED, question, (), tuple(open_), missing_all)
        return Decision(Outcome.COVERED, question, (Ground(self, scheme, membership),))

    def describe(self) -> str:
        """The cover's rules in readable lines, each with its source."""
        lines = [
            f"Cover {self.name!r}" + (f" (option {self.option!r})" if self.option else ""),
            f"  matters: {', '.join(sorted(m.value for m in self.matters))}",
            f"  activities: {', '.join(sorted(k.value for k in self.activities))}",
            f"  territory: {', '.join(sorted(j.value for j in self.territory))}",
            f"  limit of indemnity: {'none stated' if self.limit is None else f'£{self.limit:,}'}",
            f"  source: {self.source}",
        ]
        for req in self.conditions:
            lines.append(f"  requires: {req.reason} [{req.condition.describe()}]")
            lines.append(f"    source: {req.source}")
        for exc in self.exclusions:
            lines.append(f"  excludes: {exc.reason} [{exc.describe()}]")
            lines.append(f"    source: {exc.source}")
        return "\n".join(lines)
