"""A small predicate algebra over an activity, in three-valued logic.

A condition evaluates to true, false or unknown (None). Unknown arises when a
fact the condition reads is not known, and propagates by Kleene's rules:
``false & unknown`` is false, ``true | unknown`` is true, anything else with
an unknown is unknown. The evaluation names the facts that would settle it.

Conditions are data: frozen, comparable, hashable, serialisable, and they
explain themselves in words (`Condition.describe`). Each also says what
would make it true and what false (`Condition.split`), from which an
undetermined answer works out the smallest sets of facts that settle it
(`indemnity.model.settling`).

Names of facts and kinds are looked up in the active vocabulary (see
`indemnity.model.vocabulary`), or a `Fact` term may be given directly.

>>> private = KindIn({"private-practice"})
>>> cosmetic = Is("field", "cosmetic-aesthetic-medicine")
>>> (private & ~cosmetic).describe()
'kind is private-practice and not (field is cosmetic-aesthetic-medicine)'
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

import attrs

from indemnity._records import fields_repr
from indemnity.errors import InvalidFieldError
from indemnity.model.activity import Activity
from indemnity.model.settling import (
    FALSE,
    TRUE,
    FactValues,
    Split,
    ValueSpan,
    atom,
    both,
    either,
    negate,
    term_of,
    value_after,
)
from indemnity.model.terms import ActivityKind, Fact, FactValue
from indemnity.model.vocabulary import active_vocabulary
from indemnity.rules._condition import Condition, Evaluation

__all__ = [
    "ALWAYS",
    "NEVER",
    "AllOf",
    "AnyOf",
    "AtLeast",
    "AtMost",
    "Condition",
    "Evaluation",
    "Is",
    "KindIn",
    "Not",
    "OneOf",
]

_NO_FACTS: frozenset[Fact] = frozenset()
_TRUE = Evaluation(True, _NO_FACTS)
_FALSE = Evaluation(False, _NO_FACTS)


def flat(kind: type[AllOf] | type[AnyOf], parts: Iterable[Condition]) -> tuple[Condition, ...]:
    """The parts of a junction of `kind` over `parts`, each junction of that kind opened up."""
    out: list[Condition] = []
    for part in parts:
        out.extend(part.conditions if isinstance(part, kind) else (part,))
    return tuple(out)


def _set(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)


def _check_fact(obj: object) -> Fact:
    owner = type(obj).__name__
    given = getattr(obj, "fact")  # noqa: B009 - any fact-holding node
    fact = given if isinstance(given, Fact) else active_vocabulary().fact(given, f"{owner}.fact")
    _set(obj, "fact", fact)
    return fact


@attrs.frozen
class Is(Condition):
    """True when the activity's `fact` equals `value`."""

    __repr__ = fields_repr

    fact: Fact
    value: FactValue

    def __attrs_post_init__(self) -> None:
        fact = _check_fact(self)
        _set(self, "value", fact.check(self.value, "Is.value"))

    def evaluate(self, activity: Activity) -> Evaluation:
        """See `Condition.evaluate`."""
        got = activity.facts.get(self.fact)
        if got is None:
            return Evaluation(None, frozenset((self.fact,)))
        return _TRUE if got == self.value else _FALSE

    def describe(self) -> str:
        """See `Condition.describe`."""
        fact = self.fact
        if isinstance(self.value, bool):
            return fact.label if self.value else f"not {fact.label}"
        return f"{fact.label} is {fact.show(self.value)}"

    def facts(self) -> frozenset[Fact]:
        """See `Condition.facts`."""
        return frozenset((self.fact,))

    def split(self, activity: Activity) -> Split:
        """See `Condition.split`."""
        return _leaf(self, activity, (self.value,))


@attrs.frozen
class OneOf(Condition):
    """True when the activity's `fact` is one of `values`."""

    __repr__ = fields_repr

    fact: Fact
    values: frozenset[FactValue]

    def __attrs_post_init__(self) -> None:
        fact = _check_fact(self)
        given: object = self.values
        if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
            raise InvalidFieldError("OneOf.values", "a collection of values", given)
        checked = frozenset(fact.check(v, f"OneOf.values[{i}]") for i, v in enumerate(list(given)))
        if not checked:
            raise InvalidFieldError("OneOf.values", "at least one value", given)
        _set(self, "values", checked)

    def evaluate(self, activity: Activity) -> Evaluation:
        """See `Condition.evaluate`."""
        got = activity.facts.get(self.fact)
        if got is None:
            return Evaluation(None, frozenset((self.fact,)))
        return _TRUE if got in self.values else _FALSE

    def describe(self) -> str:
        """See `Condition.describe`."""
        fact = self.fact
        shown = ", ".join(sorted(fact.show(v) for v in self.values))
        return f"{fact.label} is one of: {shown}"

    def facts(self) -> frozenset[Fact]:
        """See `Condition.facts`."""
        return frozenset((self.fact,))

    def split(self, activity: Activity) -> Split:
        """See `Condition.split`."""
        return _leaf(self, activity, tuple(self.values))


class _Threshold(Condition):
    """Shared body of `AtLeast` and `AtMost`: a number, amount or date fact against a bound."""

    __slots__ = ()
    fact: Fact
    bound: int | _dt.date
    _words: str  # how the comparison reads: "at least", "at most"

    def __attrs_post_init__(self) -> None:
        owner = type(self).__name__
        fact = _check_fact(self)
        if not fact.ordered:
            raise InvalidFieldError(f"{owner}.fact", "a number, amount or date fact", fact.name)
        _set(self, "bound", fact.check(self.bound, f"{owner}.bound"))

    def _holds(self, got: Any) -> bool:
        raise NotImplementedError

    def evaluate(self, activity: Activity) -> Evaluation:
        """See `Condition.evaluate`."""
        got = activity.facts.get(self.fact)
        if got is None:
            return Evaluation(None, frozenset((self.fact,)))
        return _TRUE if self._holds(got) else _FALSE

    def describe(self) -> str:
        """See `Condition.describe`."""
        return f"{self.fact.label} is {self._words} {self.fact.show(self.bound)}"

    def facts(self) -> frozenset[Fact]:
        """See `Condition.facts`."""
        return frozenset((self.fact,))

    def _span(self) -> ValueSpan:
        raise NotImplementedError

    def split(self, activity: Activity) -> Split:
        """See `Condition.split`."""
        if self.fact in activity.facts:
            return TRUE if self.evaluate(activity).value else FALSE
        term = term_of(self.fact, activity.vocabulary)
        return atom(FactValues.of(term, spans=(self._span(),)))


@attrs.frozen
class AtLeast(_Threshold):
    """True when the number, amount or date `fact` is at least `bound`."""

    __repr__ = fields_repr

    fact: Fact
    bound: int | _dt.date
    _words = "at least"

    def _holds(self, got: Any) -> bool:
        return bool(got >= self.bound)

    def _span(self) -> ValueSpan:
        return ValueSpan(self.bound, None)


@attrs.frozen
class AtMost(_Threshold):
    """True when the number, amount or date `fact` is at most `bound`."""

    __repr__ = fields_repr

    fact: Fact
    bound: int | _dt.date
    _words = "at most"

    def _holds(self, got: Any) -> bool:
        return bool(got <= self.bound)

    def _span(self) -> ValueSpan:
        return ValueSpan(None, value_after(self.bound))


def _kinds(value: Iterable[ActivityKind | str]) -> frozenset[ActivityKind]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidFieldError("KindIn.kinds", "a collection of activity kinds", value)
    kinds = frozenset(
        k if isinstance(k, ActivityKind) else active_vocabulary().kind(k, f"KindIn.kinds[{i}]")
        for i, k in enumerate(value)
    )
    if not kinds:
        raise InvalidFieldError("KindIn.kinds", "at least one activity kind", value)
    return kinds


@attrs.frozen
class KindIn(Condition):
    """True when the activity's kind is one of `kinds` (never unknown)."""

    __repr__ = fields_repr

    kinds: frozenset[ActivityKind] = attrs.field(converter=_kinds)

    def evaluate(self, activity: Activity) -> Evaluation:
        """See `Condition.evaluate`."""
        return _TRUE if activity.kind in self.kinds else _FALSE

    def describe(self) -> str:
        """See `Condition.describe`."""
        names = sorted(k.name for k in self.kinds)
        return f"kind is {names[0]}" if len(names) == 1 else f"kind is one of: {', '.join(names)}"

    def facts(self) -> frozenset[Fact]:
        """See `Condition.facts`."""
        return _NO_FACTS

    def split(self, activity: Activity) -> Split:
        """See `Condition.split`."""
        return TRUE if activity.kind in self.kinds else FALSE


def _check_conditions(obj: _Junction) -> None:
    owner = type(obj).__name__
    given: object = obj.conditions
    if isinstance(given, (Condition, str)) or not isinstance(given, Iterable):
        raise InvalidFieldError(f"{owner}.conditions", "a sequence of conditions", given)
    items = tuple(given)
    for i, item in enumerate(items):
        if not isinstance(item, Condition):
            raise InvalidFieldError(f"{owner}.conditions[{i}]", "a Condition", item)
    _set(obj, "conditions", items)


class _Junction(Condition):
    """Shared body of `AllOf` and `AnyOf`: Kleene's "and" and "or" over conditions.

    A junction stops at the first part whose value is `_stop` (false for
    "and", true for "or"); otherwise it is unknown if a part is, naming what
    each unknown part needs, and else the opposite of `_stop`.
    """

    __slots__ = ()
    conditions: tuple[Condition, ...]
    _stop: bool
    _word: str  # how the parts are joined in words: "and", "or"
    _empty: str  # how the junction of no parts reads: "always", "never"

    def __attrs_post_init__(self) -> None:
        _check_conditions(self)

    def evaluate(self, activity: Activity) -> Evaluation:
        """See `Condition.evaluate`."""
        stop = self._stop
        missing: frozenset[Fact] = _NO_FACTS
        unknown = False
        for condition in self.conditions:
            value, more = condition.evaluate(activity)
            if value is stop:
                return _TRUE if stop else _FALSE
            if value is None:
                unknown = True
                missing |= more
        if unknown:
            return Evaluation(None, missing)
        return _FALSE if stop else _TRUE

    def describe(self) -> str:
        """See `Condition.describe`."""
        if not self.conditions:
            return self._empty
        return f" {self._word} ".join(_nested(c) for c in self.conditions)

    def facts(self) -> frozenset[Fact]:
        """See `Condition.facts`."""
        return frozenset().union(*(c.facts() for c in self.conditions))

    def split(self, activity: Activity) -> Split:
        """See `Condition.split`."""
        parts = (c.split(activity) for c in self.conditions)
        return either(parts) if self._stop else both(parts)


@attrs.frozen
class AllOf(_Junction):
    """True when every condition is true; the empty `AllOf` is `ALWAYS`."""

    __repr__ = fields_repr

    conditions: tuple[Condition, ...]
    _stop = False
    _word = "and"
    _empty = "always"


@attrs.frozen
class AnyOf(_Junction):
    """True when at least one condition is true; the empty `AnyOf` is `NEVER`."""

    __repr__ = fields_repr

    conditions: tuple[Condition, ...]
    _stop = True
    _word = "or"
    _empty = "never"


@attrs.frozen
class Not(Condition):
    """True when `condition` is false; unknown stays unknown."""

    __repr__ = fields_repr

    condition: Condition

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.condition, Condition):
            raise InvalidFieldError("Not.condition", "a Condition", self.condition)

    def evaluate(self, activity: Activity) -> Evaluation:
        """See `Condition.evaluate`."""
        value, missing = self.condition.evaluate(activity)
        if value is None:
            return Evaluation(None, missing)
        return _FALSE if value else _TRUE

    def describe(self) -> str:
        """See `Condition.describe`."""
        return f"not ({self.condition.describe()})"

    def facts(self) -> frozenset[Fact]:
        """See `Condition.facts`."""
        return self.condition.facts()

    def split(self, activity: Activity) -> Split:
        """See `Condition.split`."""
        return negate(self.condition.split(activity))


def _leaf(node: Is | OneOf, activity: Activity, values: tuple[FactValue, ...]) -> Split:
    """The split of a fact equal to one of `values`."""
    if node.fact in activity.facts:
        return TRUE if node.evaluate(activity).value else FALSE
    fact = term_of(node.fact, activity.vocabulary)
    if fact.ordered:
        spans = [ValueSpan(v, value_after(v)) for v in values]  # type: ignore[arg-type]
        return atom(FactValues.of(fact, spans=spans))
    return atom(FactValues.of(fact, among=values))


def _nested(condition: Condition) -> str:
    text = condition.describe()
    return f"({text})" if isinstance(condition, (AllOf, AnyOf)) and condition.conditions else text


ALWAYS: Condition = AllOf(())
"""The condition that is always true."""

NEVER: Condition = AnyOf(())
"""The condition that is always false."""
