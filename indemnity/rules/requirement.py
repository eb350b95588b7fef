"""What a cover requires of an activity: a cited condition, with its meaning in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from indemnity._lazy import lazy_module
from indemnity._records import fields_repr
from indemnity._validate import check_str
from indemnity.errors import InvalidFieldError
from indemnity.model.activity import Activity

if TYPE_CHECKING:
    # Loaded on first use: whoever gives a citation or a condition has loaded it already.
    from indemnity.model import citation as _citation
    from indemnity.rules import _condition
else:
    _citation = lazy_module("indemnity.model.citation", globals())
    _condition = lazy_module("indemnity.rules._condition", globals())

__all__ = ["Requirement", "check_citation", "check_condition"]


def check_condition(field: str, value: object) -> _condition.Condition:
    """Return `value` if it is a `Condition`, or raise naming `field`."""
    if not isinstance(value, _condition.Condition):
        raise InvalidFieldError(field, "a Condition", value)
    return value


def check_citation(field: str, value: object) -> _citation.Citation:
    """Return `value` if it is a `Citation`, or raise naming `field`."""
    if not isinstance(value, _citation.Citation):
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

    __repr__ = fields_repr

    condition: _condition.Condition
    reason: str
    source: _citation.Citation

    def __attrs_post_init__(self) -> None:
        check_condition("Requirement.condition", self.condition)
        check_str("Requirement.reason", self.reason)
        check_citation("Requirement.source", self.source)

    def evaluate(self, activity: Activity) -> _condition.Evaluation:
        """Whether `activity` meets the requirement, in three-valued logic."""
        return self.condition.evaluate(activity)
