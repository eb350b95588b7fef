"""The question every user asks: this activity, on this date, here, for this matter."""

from __future__ import annotations

import datetime as _dt

import attrs

from indemnity._validate import check_date, check_optional_date
from indemnity.activity import Activity
from indemnity.errors import InvalidFieldError
from indemnity.jurisdiction import Jurisdiction
from indemnity.matter import Matter

__all__ = ["Question"]


@attrs.frozen
class Question:
    """One coverage question, validated once at the door.

    Attributes:
        activity: What was done.
        on: The incident date: when the act or omission happened.
        jurisdiction: Where it happened.
        matter: What kind of matter arises from it.
        claimed_on: When the claim or matter was first made, if known. Only
            claims-made cover depends on it.

    Raises:
        InvalidFieldError: a field has the wrong type, or the claim is dated
            before the incident.
        UnknownNameError: the jurisdiction or matter names nothing known.
    """

    activity: Activity
    on: _dt.date
    jurisdiction: Jurisdiction
    matter: Matter = Matter.CLINICAL_NEGLIGENCE
    claimed_on: _dt.date | None = None

    @classmethod
    def ask(
        cls,
        activity: Activity,
        on: _dt.date,
        jurisdiction: Jurisdiction | str,
        *,
        matter: Matter | str = Matter.CLINICAL_NEGLIGENCE,
        claimed_on: _dt.date | None = None,
    ) -> Question:
        """Validate the parts of a question and build it."""
        if not isinstance(activity, Activity):
            raise InvalidFieldError("activity", "an Activity", activity)
        day = check_date("on", on)
        claim = check_optional_date("claimed_on", claimed_on)
        if claim is not None and claim < day:
            msg = f"a date on or after the incident date {day}"
            raise InvalidFieldError("claimed_on", msg, claim)
        return cls(
            activity,
            day,
            Jurisdiction.parse(jurisdiction),
            Matter.parse(matter),
            claim,
        )

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict of the question."""
        return {
            "activity": {"kind": self.activity.kind.value, "facts": self.activity.facts.to_dict()},
            "on": self.on.isoformat(),
            "jurisdiction": self.jurisdiction.value,
            "matter": self.matter.value,
            "claimed_on": None if self.claimed_on is None else self.claimed_on.isoformat(),
        }

    def describe(self) -> str:
        """The question in one line of prose."""
        claim = f", claimed on {self.claimed_on}" if self.claimed_on else ""
        return (
            f"{self.matter.label} from {self.activity.kind.value} on {self.on}"
            f" in {self.jurisdiction.label}{claim}"
        )
