"""The base of every condition, and what evaluating one gives.

The rules that hold conditions (`indemnity.rules.exclusion`,
`indemnity.rules.requirement`) need only these two names, so they live apart
from the concrete conditions of `indemnity.rules.conditions`, which is
loaded the first time a condition is built or combined: a process that
reads the core names does not build their classes. Both names are
published there, as ever (their ``__module__`` says so, so they pickle and
read as before).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from indemnity._lazy import lazy_module

if TYPE_CHECKING:
    from indemnity.model import activity as _activity
    from indemnity.model import settling as _settling
    from indemnity.model import terms as _terms
    from indemnity.model.terms import Fact
else:  # named for tools that resolve annotations, and loaded when one does
    _activity = lazy_module("indemnity.model.activity", globals())
    _settling = lazy_module("indemnity.model.settling", globals())
    _terms = lazy_module("indemnity.model.terms", globals())

__all__ = ["Condition", "Evaluation"]


class Evaluation(NamedTuple):
    """The result of evaluating a condition.

    Attributes:
        value: True, False, or None when unknown.
        missing: When unknown, the facts that would settle it.
    """

    value: bool | None
    # Resolved where the class is published (`indemnity.rules.conditions`, which imports Fact).
    missing: frozenset[Fact]


class Condition:
    """Base of every condition; combine them with ``&``, ``|`` and ``~``."""

    __slots__ = ()

    def evaluate(self, activity: _activity.Activity) -> Evaluation:
        """Evaluate against `activity` in three-valued logic."""
        raise NotImplementedError

    def describe(self) -> str:
        """The condition in words."""
        raise NotImplementedError

    def facts(self) -> frozenset[_terms.Fact]:
        """The facts this condition reads."""
        raise NotImplementedError

    def split(self, activity: _activity.Activity) -> _settling.Split:
        """What would make the condition true, and what false, beyond what `activity` knows.

        Each is a set of terms: facts the activity does not know, each with
        the values that decide the condition (see `indemnity.model.settling`).
        """
        raise NotImplementedError

    def __and__(self, other: Condition) -> Condition:
        if not isinstance(other, Condition):
            return NotImplemented
        from indemnity.rules import conditions  # noqa: PLC0415 - the concrete ones, on first use

        return conditions.AllOf(conditions.flat(conditions.AllOf, (self, other)))

    def __or__(self, other: Condition) -> Condition:
        if not isinstance(other, Condition):
            return NotImplemented
        from indemnity.rules import conditions  # noqa: PLC0415 - the concrete ones, on first use

        return conditions.AnyOf(conditions.flat(conditions.AnyOf, (self, other)))

    def __invert__(self) -> Condition:
        from indemnity.rules import conditions  # noqa: PLC0415 - the concrete ones, on first use

        return self.condition if isinstance(self, conditions.Not) else conditions.Not(self)


# Published by `indemnity.rules.conditions`, where they have always lived: pickles and reprs
# name them there.
Evaluation.__module__ = Condition.__module__ = "indemnity.rules.conditions"
