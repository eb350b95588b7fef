"""Cited rules built from conditions: what a cover requires and what it excludes."""

from __future__ import annotations

import attrs

from indemnity._validate import check_str
from indemnity.activity import Activity
from indemnity.citation import Citation
from indemnity.conditions import Condition, Evaluation
from indemnity.errors import InvalidFieldError

__all__ = ["Exclusion", "Requirement"]


def _check_condition(field: str, value: object) -> Condition:
    if not isinstance(value, Condition):
        raise InvalidFieldError(field, "a Condition", value)
    return value


def _check_citation(field: str, value: object) -> Citation:
    if not isinstance(value, Citation):
        raise InvalidFieldError(field, "a Citation", value)
    return value


@attrs.frozen
class Requirement:
    """A condition a cover requires, with what it means in words and its source.

    Attributes:
        condition: Must be true for the cover to answer; unknown leaves it open.
        reason: What is required, in words ("the placement is part of the
            official training rotation").
        source: Where the requirement comes from.
    """

    condition: Condition
    reason: str
    source: Citation

    def __attrs_post_init__(self) -> None:
        _check_condition("Requirement.condition", self.condition)
        check_str("Requirement.reason", self.reason)
        _check_citation("Requirement.source", self.source)

    def evaluate(self, activity: Activity) -> Evaluation:
        """Whether `activity` meets the requirement, in three-valued logic."""
        return self.condition.evaluate(activity)


@attrs.frozen
class Exclusion:
    """Work a cover or scheme excludes, with exceptions inside the exclusion.

    The exclusion fires when `when` is true and `unless` is not: seed 003
    excludes "cosmetic/aesthetic medicine (other than Botox, or other
    non-permanent fillers and superficial chemical peels)".

    Attributes:
        when: What is excluded.
        unless: The exception inside the exclusion, if any.
        reason: Why, in words, as an explanation shows it.
        source: Where the exclusion comes from.
    """

    when: Condition
    unless: Condition | None = attrs.field(default=None, kw_only=True)
    reason: str = attrs.field(kw_only=True)
    source: Citation = attrs.field(kw_only=True)

    def __attrs_post_init__(self) -> None:
        _check_condition("Exclusion.when", self.when)
        if self.unless is not None:
            _check_condition("Exclusion.unless", self.unless)
        check_str("Exclusion.reason", self.reason)
        _check_citation("Exclusion.source", self.source)

    def evaluate(self, activity: Activity) -> Evaluation:
        """Whether the exclusion fires for `activity`, in three-valued logic."""
        fires, missing = self.when.evaluate(activity)
        if fires is False or self.unless is None:
            return Evaluation(fires, missing)
        spared, more = self.unless.evaluate(activity)
        if spared is True:
            return Evaluation(False, frozenset())
        if spared is False:
            return Evaluation(fires, missing)
        return Evaluation(None, missing | more)

    def describe(self) -> str:
        """The exclusion in words: what it catches and what it spares."""
        text = self.when.describe()
        return text if self.unless is None else f"{text}, unless {self.unless.describe()}"
