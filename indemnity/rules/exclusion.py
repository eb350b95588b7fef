"""What a cover or scheme excludes, with the exceptions inside each exclusion."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from indemnity._validate import check_str
from indemnity.model.activity import Activity
from indemnity.model.citation import Citation
from indemnity.model.settling import Split, both, negate
from indemnity.model.terms import Fact
from indemnity.rules.conditions import Condition, Evaluation
from indemnity.rules.requirement import check_citation, check_condition

__all__ = ["Exclusion", "weigh"]


@attrs.frozen
class Exclusion:
    """Work a cover or scheme excludes, with exceptions inside the exclusion.

    The exclusion fires when `when` is true and `unless` is not: the trainee
    block excludes "cosmetic/aesthetic medicine (other than Botox, or other
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
        check_condition("Exclusion.when", self.when)
        if self.unless is not None:
            check_condition("Exclusion.unless", self.unless)
        check_str("Exclusion.reason", self.reason)
        check_citation("Exclusion.source", self.source)

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

    def split(self, activity: Activity) -> Split:
        """What would make the exclusion fire, and what not (see `Condition.split`)."""
        fires = self.when.split(activity)
        if self.unless is None:
            return fires
        return both((fires, negate(self.unless.split(activity))))

    def describe(self) -> str:
        """The exclusion in words: what it catches and what it spares."""
        text = self.when.describe()
        return text if self.unless is None else f"{text}, unless {self.unless.describe()}"


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
