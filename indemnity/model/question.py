"""The question every user asks: this activity, on this date, here, for this matter."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

import attrs

from indemnity._records import fields_repr
from indemnity._validate import check_date, check_optional_date
from indemnity.errors import InvalidFieldError
from indemnity.model.activity import Activity
from indemnity.model.terms import Jurisdiction, Matter
from indemnity.model.vocabulary import Vocabulary, active_vocabulary

__all__ = ["Question", "Situation"]


@attrs.frozen(cache_hash=True)  # situations key every cache of answers
class Situation:
    """The part of a question no date enters: what was done, where, and what matter arises.

    A scheme's answer depends on the dates only through its period; everything
    else it decides from the situation, so it answers each situation once.

    Attributes:
        activity: What was done.
        jurisdiction: Where it happened.
        matter: What kind of matter arises from it.
    """

    __repr__ = fields_repr

    activity: Activity
    jurisdiction: Jurisdiction
    matter: Matter

    @classmethod
    def ask(
        cls,
        activity: Activity,
        jurisdiction: Jurisdiction | str,
        *,
        matter: Matter | str | None = None,
        vocabulary: Vocabulary | None = None,
    ) -> Situation:
        """Check the date-free parts of a question against a vocabulary and build them.

        Args:
            activity: What was done.
            jurisdiction: Where: a `Jurisdiction` or its name.
            matter: What kind of matter: a `Matter` or its name; None for the
                vocabulary's default.
            vocabulary: The vocabulary of whoever is asked; None for the active one.

        Raises:
            InvalidFieldError: `activity` is not an `Activity`, or no matter is
                given and the vocabulary names no default.
            UnknownNameError: a name is unknown to the vocabulary.
        """
        words = vocabulary or active_vocabulary()
        if not isinstance(activity, Activity):
            raise InvalidFieldError("activity", "an Activity", activity)
        if matter is None:
            if words.default_matter is None:
                raise InvalidFieldError(
                    "matter", f"a matter (the vocabulary {words.name!r} names no default)", None
                )
            kind = words.default_matter
        else:
            kind = words.matter(matter)
        return cls(activity.in_vocabulary(words), words.jurisdiction(jurisdiction), kind)

    def describe(self) -> str:
        """The situation in a few words: "clinical negligence claim from ... in England"."""
        return f"{self.matter.label} from {self.activity.kind.name} in {self.jurisdiction.label}"


class _QuestionSlots:
    """Where a `Question` keeps its fields: slots declared here, shared with `_NewQuestion`."""

    __slots__ = ("__weakref__", "claimed_on", "notified_on", "on", "situation")

    situation: Situation
    on: _dt.date
    claimed_on: _dt.date | None
    notified_on: _dt.date | None


@attrs.frozen(init=False)  # its own __init__: a question is made per call of a hot path
class Question(_QuestionSlots):
    """One coverage question, validated once at the door (see `Question.ask`).

    Attributes:
        situation: What was done, where, and the kind of matter.
        on: The incident date: when the act or omission happened.
        claimed_on: When the claim or matter was first made, if known. Only
            claims-made cover depends on it.
        notified_on: When the circumstance was notified to the insurer, if it
            was: a claims-made policy answers a later claim about a
            circumstance notified while it was in force, as policy wordings do.
    """

    __repr__ = fields_repr

    situation: Situation
    on: _dt.date
    claimed_on: _dt.date | None = None
    notified_on: _dt.date | None = None

    def __init__(
        self,
        situation: Situation,
        on: _dt.date,
        claimed_on: _dt.date | None = None,
        notified_on: _dt.date | None = None,
    ) -> None:
        # What attrs' own __init__ does for a frozen class, through the slots
        # directly: a third of the cost (no checks either way: see `ask`).
        _set_situation(self, situation)
        _set_on(self, on)
        _set_claimed_on(self, claimed_on)
        _set_notified_on(self, notified_on)

    @classmethod
    def ask(
        cls,
        activity: Activity,
        on: _dt.date,
        jurisdiction: Jurisdiction | str,
        *,
        matter: Matter | str | None = None,
        claimed_on: _dt.date | None = None,
        notified_on: _dt.date | None = None,
        vocabulary: Vocabulary | None = None,
    ) -> Question:
        """Check the parts of a question against a vocabulary and build it.

        Args:
            activity: What was done.
            on: The incident date.
            jurisdiction: Where: a `Jurisdiction` or its name.
            matter: What kind of matter: a `Matter` or its name; None for the
                vocabulary's default (a clinical negligence claim in the UK's).
            claimed_on: When the claim is first made, if known.
            notified_on: When the circumstance was notified to a claims-made
                insurer, if it was.
            vocabulary: The vocabulary of whoever is asked; None for the active one.

        Returns:
            The question.

        Raises:
            InvalidFieldError: a part has the wrong type, the claim is dated
                before the incident, or the notification before the incident or
                after the claim.
            UnknownNameError: a name is unknown to the vocabulary.
        """
        if not isinstance(activity, Activity):
            raise InvalidFieldError("activity", "an Activity", activity)
        day = check_date("on", on)
        claim = check_optional_date("claimed_on", claimed_on)
        if claim is not None and claim < day:
            raise InvalidFieldError(
                "claimed_on", f"a date on or after the incident date {day}", claim
            )
        notified = check_optional_date("notified_on", notified_on)
        if notified is not None:
            if notified < day:
                raise InvalidFieldError(
                    "notified_on", f"a date on or after the incident date {day}", notified
                )
            if claim is not None and notified > claim:
                raise InvalidFieldError(
                    "notified_on", f"a date on or before the claim date {claim}", notified
                )
        situation = Situation.ask(activity, jurisdiction, matter=matter, vocabulary=vocabulary)
        return cls(situation, day, claim, notified)

    @property
    def activity(self) -> Activity:
        """What was done."""
        return self.situation.activity

    @property
    def jurisdiction(self) -> Jurisdiction:
        """Where it happened."""
        return self.situation.jurisdiction

    @property
    def matter(self) -> Matter:
        """What kind of matter arises."""
        return self.situation.matter

    def at(self, on: _dt.date, claimed_on: _dt.date | None = None) -> Question:
        """The same situation on other dates (already checked by the caller)."""
        return Question(self.situation, on, claimed_on)

    def describe(self) -> str:
        """The question in one line of prose."""
        claim = f", claimed on {self.claimed_on}" if self.claimed_on else ""
        if self.notified_on:
            claim += f", notified on {self.notified_on}"
        return (
            f"{self.matter.label} from {self.activity.kind.name} on {self.on}"
            f" in {self.jurisdiction.label}{claim}"
        )


_set_situation, _set_on, _set_claimed_on, _set_notified_on = (
    Question.__dict__[a.name].__set__ for a in attrs.fields(Question)
)


class _NewQuestion(_QuestionSlots):
    """A `Question` being built on a hot path (see `new_question`)."""

    __slots__ = ()

    def __init__(self, situation: Situation, on: _dt.date) -> None:
        # Plain stores into the slots `Question` shares (Python's fastest
        # way to fill them: a frozen class's own stores go through its
        # __setattr__), then the object becomes the `Question` it is.
        self.situation = situation
        self.on = on
        self.claimed_on = None
        self.notified_on = None
        self.__class__ = Question  # type: ignore[assignment]  # the same slots (tested)


new_question: Callable[[Situation, _dt.date], Question] = _NewQuestion  # type: ignore[assignment]
"""`Question(situation, on)` built in half the time, for hot paths (the caller checked both)."""
