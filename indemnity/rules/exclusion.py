"""What a cover or scheme excludes, with the exceptions inside each exclusion."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from indemnity._lazy import lazy_module
from indemnity._records import fields_repr
from indemnity._validate import check_bool, check_str
from indemnity.model.activity import Activity
from indemnity.model.terms import Fact
from indemnity.rules.requirement import check_citation, check_condition

if TYPE_CHECKING:
    # Loaded on first use: conditions with the first exclusion made (whoever gives a condition
    # has loaded them already), settling sets with the first open answer.
    from indemnity.model import citation as _citation
    from indemnity.model import settling as _settling
    from indemnity.rules import _condition
else:
    _citation = lazy_module("indemnity.model.citation", globals())
    _condition = lazy_module("indemnity.rules._condition", globals())
    _settling = lazy_module("indemnity.model.settling", globals())

__all__ = ["Exclusion", "weigh"]


@attrs.frozen
class Exclusion:
    """Work a cover or scheme excludes, with exceptions inside the exclusion.

    The exclusion fires when `when` is true and `unless` is not: the trainee
    block excludes "cosmetic/aesthetic medicine (other than Botox, or other
    non-permanent fillers and superficial chemical peels)".

    An exclusion `stated_only` fires only where the facts say so, and is
    never asked: the work is presumed not excluded until someone states that
    it is ("the employer says NHS indemnity does not apply to this work").

    Attributes:
        when: What is excluded.
        unless: The exception inside the exclusion, if any.
        reason: Why, in words, as an explanation shows it.
        source: Where the exclusion comes from.
        stated_only: Whether an unknown fact is presumed not to exclude.
    """

    __repr__ = fields_repr

    when: _condition.Condition
    unless: _condition.Condition | None = attrs.field(default=None, kw_only=True)
    reason: str = attrs.field(kw_only=True)
    source: _citation.Citation = attrs.field(kw_only=True)
    stated_only: bool = attrs.field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        check_condition("Exclusion.when", self.when)
        if self.unless is not None:
            check_condition("Exclusion.unless", self.unless)
        check_str("Exclusion.reason", self.reason)
        check_citation("Exclusion.source", self.source)
        check_bool("Exclusion.stated_only", self.stated_only)

    def evaluate(self, activity: Activity) -> _condition.Evaluation:
        """Whether the exclusion fires for `activity`, in three-valued logic.

        A `stated_only` exclusion answers False where it would be unknown.
        """
        found = self._evaluate(activity)
        if found.value is None and self.stated_only:
            return _condition.Evaluation(False, frozenset())
        return found

    def _evaluate(self, activity: Activity) -> _condition.Evaluation:
        fires, missing = self.when.evaluate(activity)
        if fires is False or self.unless is None:
            return _condition.Evaluation(fires, missing)
        spared, more = self.unless.evaluate(activity)
        if spared is True:
            return _condition.Evaluation(False, frozenset())
        if spared is False:
            return _condition.Evaluation(fires, missing)
        return _condition.Evaluation(None, missing | more)

    def split(self, activity: Activity) -> _settling.Split:
        """What would make the exclusion fire, and what not (see `Condition.split`).

        A `stated_only` exclusion whose facts are not stated is presumed not to
        fire, and that presumption is what settling sets build on: stating its
        facts with values that fire it asks a new question.
        """
        if self.stated_only and self.evaluate(activity).value is False:
            return _settling.FALSE
        fires = self.when.split(activity)
        if self.unless is None:
            return fires
        return _settling.both((fires, _settling.negate(self.unless.split(activity))))

    def describe(self) -> str:
        """The exclusion in words: what it catches and what it spares."""
        text = self.when.describe()
        if self.unless is not None:
            text = f"{text}, unless {self.unless.describe()}"
        return f"{text} (only where stated)" if self.stated_only else text


def weigh(
    exclusions: Iterable[Exclusion], activity: Activity
) -> tuple[list[Exclusion], list[tuple[Exclusion, frozenset[Fact]]]]:
    """Which of `exclusions` fire for `activity`, and which may, with the facts they wait on.

    Returns:
        The exclusions that fire, and those whose answer is unknown with
        their missing facts, each in the order given.
    """
    fired: list[Exclusion] = []
    open_: list[tuple[Exclusion, frozenset[Fact]]] = []
    for exclusion in exclusions:
        value, missing = exclusion.evaluate(activity)
        if value is True:
            fired.append(exclusion)
        elif value is None:
            open_.append((exclusion, missing))
    return fired, open_
