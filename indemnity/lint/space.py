"""The questions a rule set can be asked, split by the values its rules tell apart.

A vocabulary is finite where rules can see it: a choice or yes/no fact
splits into the values conditions name and "any other value"; a number,
amount or date into the spans between the bounds conditions name; the kind
of work into the kinds a cover lists. A `Space` holds those splits for some
rules, each split with a sample value to try, and answers two things
exactly:

- `Space.find`: a situation where some conditions hold and others fail, or
  None when there is none. It tries facts one at a time, and three-valued
  evaluation prunes: a condition already false on the facts given is false
  whatever the others are (Kleene's logic is sound), so no completion is tried.
- `Space.points`: every situation over some facts, one per combination of
  their splits, for the checks that compare a rule's answers.

The vocabulary's implications (`indemnity.model.terms.Implication`) are
conditions every situation meets: a procedure of refractive laser surgery
with a field of dermatology is no situation at all.
"""

from __future__ import annotations

import datetime as _dt
import functools
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TypeAlias, cast

import attrs

from indemnity._records import fields_repr
from indemnity.model.activity import Activity
from indemnity.model.settling import FactValues, ValueSpan, term_of, value_after, value_classes
from indemnity.model.terms import ActivityKind, Fact, FactType, FactValue, Implication
from indemnity.model.vocabulary import Vocabulary
from indemnity.rules.conditions import (
    AllOf,
    AnyOf,
    AtLeast,
    AtMost,
    Condition,
    Is,
    KindIn,
    Not,
    OneOf,
)

__all__ = ["Goal", "Piece", "Point", "Space", "facts_of", "kinds_of", "law"]

Goal: TypeAlias = tuple[Condition, bool]
"""A condition and the value it must take."""


@attrs.frozen
class Piece:
    """Values of one fact that every rule of a space treats alike.

    Attributes:
        values: The values.
        sample: One of them, to try.
    """

    __repr__ = fields_repr

    values: FactValues
    sample: FactValue

    @property
    def fact(self) -> Fact:
        """The fact."""
        return self.values.fact

    def shown(self) -> list[str]:
        """The values in words, each on its own (a span as a span)."""
        fact = self.fact
        if fact.ordered:
            return [FactValues.of(fact, spans=(s,)).describe() for s in self.values.spans]
        order = _order(fact)
        return [fact.show(v) for v in sorted(self.values.among, key=lambda v: order.get(v, 0))]


class Point:
    """A situation: a kind of work and facts, evaluated by conditions as an activity is.

    Conditions read ``activity.kind`` and ``activity.facts.get(fact)``; this
    is that much of an `Activity`, and cheap to change while searching.
    """

    __slots__ = ("facts", "kind")

    def __init__(self, kind: ActivityKind, facts: Mapping[Fact, FactValue] | None = None) -> None:
        self.kind = kind
        self.facts: dict[Fact, FactValue] = dict(facts or {})

    def evaluate(self, condition: Condition) -> bool | None:
        """The condition's value here in three-valued logic (None: unknown)."""
        return condition.evaluate(cast("Activity", self)).value

    def missing(self, condition: Condition) -> frozenset[Fact]:
        """When the condition is unknown here, the facts it waits on."""
        return condition.evaluate(cast("Activity", self)).missing

    def copy(self) -> Point:
        """A copy to change."""
        return Point(self.kind, self.facts)

    def describe(self) -> str:
        """The situation in a few words: ``private-practice; field=dermatology, declared=yes``."""
        shown = ", ".join(f"{f.name}={f.show(v)}" for f, v in sorted(self.facts.items()))
        return f"{self.kind.name}; {shown}" if shown else self.kind.name


def law(implication: Implication, vocabulary: Vocabulary) -> Condition:
    """An implication as a condition every situation meets: not the values, or the values then."""
    given = vocabulary.fact(implication.fact)
    then = vocabulary.fact(implication.then_fact)
    return AnyOf((Not(OneOf(given, implication.values)), OneOf(then, implication.then_values)))


def facts_of(conditions: Iterable[Condition]) -> frozenset[str]:
    """The names of the facts some of `conditions` read."""
    return frozenset(f.name for c in conditions for f in c.facts())


def kinds_of(condition: Condition) -> frozenset[ActivityKind] | None:
    """The kinds a condition names, or None when it reads no kind."""
    found: set[ActivityKind] = set()
    reads = False
    for node in _nodes(condition):
        if isinstance(node, KindIn):
            reads = True
            found |= node.kinds
    return frozenset(found) if reads else None


def _nodes(condition: Condition) -> Iterator[Condition]:
    yield condition
    if isinstance(condition, AllOf | AnyOf):
        for part in condition.conditions:
            yield from _nodes(part)
    elif isinstance(condition, Not):
        yield from _nodes(condition.condition)


def _named(condition: Condition, into: dict[str, list[FactValues]], words: Vocabulary) -> None:
    """Add the values of each fact `condition` tells apart from the others to `into`."""
    for node in _nodes(condition):
        if isinstance(node, Is | OneOf | AtLeast | AtMost):
            fact = term_of(node.fact, words)
            into.setdefault(fact.name, []).append(_values_of(node, fact))


def _values_of(node: Is | OneOf | AtLeast | AtMost, fact: Fact) -> FactValues:
    if isinstance(node, AtLeast):
        return FactValues.of(fact, spans=(ValueSpan(node.bound, None),))
    if isinstance(node, AtMost):
        return FactValues.of(fact, spans=(ValueSpan(None, value_after(node.bound)),))
    values = (node.value,) if isinstance(node, Is) else tuple(node.values)
    if fact.ordered:
        spans = [ValueSpan(v, value_after(v)) for v in values]  # type: ignore[arg-type]
        return FactValues.of(fact, spans=spans)
    return FactValues.of(fact, among=values)


def _order(fact: Fact) -> dict[FactValue, int]:
    if fact.type is FactType.YES_NO:
        return {True: 0, False: 1}
    return {v: i for i, v in enumerate(fact.values.values)} if fact.values is not None else {}


def _pieces(fact: Fact, named: tuple[FactValues, ...]) -> tuple[Piece, ...]:
    """The values of `fact` that `named` tell apart, in the vocabulary's order."""
    # facts compare by name: the declaration tells two vocabularies' value sets apart
    return _cut(fact.declaration(), fact, named)


@functools.lru_cache(maxsize=4096)
def _cut(
    declared: tuple[object, ...], fact: Fact, named: tuple[FactValues, ...]
) -> tuple[Piece, ...]:
    return tuple(Piece(values, _first(first)) for values, first in value_classes(fact, named))


def _first(piece: FactValues) -> FactValue:
    """A value of the first piece of a class: its one value, or its span's sample."""
    if piece.among:
        return next(iter(piece.among))
    return _sample(piece.spans[0].start, piece.spans[0].end)


def _sample(start: int | _dt.date | None, end: int | _dt.date | None) -> FactValue:
    if start is not None:
        return start
    if isinstance(end, _dt.date):
        return end - _dt.timedelta(days=1)
    return _dt.date(2000, 1, 1) if end is None else end - 1


class Space:
    """The situations some rules can meet: kinds of work, and facts split by the values named.

    Args:
        vocabulary: The vocabulary the rules speak (its facts' values, its implications).
        kinds: The kinds of work in scope.
        conditions: The rules' conditions, whose named values split the facts.
    """

    def __init__(
        self,
        vocabulary: Vocabulary,
        kinds: Iterable[ActivityKind],
        conditions: Iterable[Condition],
    ) -> None:
        self.vocabulary = vocabulary
        self.kinds: tuple[ActivityKind, ...] = tuple(sorted(set(kinds)))
        given = tuple(conditions)
        facts = facts_of(given)
        implied = vocabulary.implied(*facts) if vocabulary.implications else ()
        self.implications: tuple[Implication, ...] = implied
        self.laws: tuple[Condition, ...] = tuple(_law(i, vocabulary) for i in implied)
        named: dict[str, list[FactValues]] = {}
        for condition in (*given, *self.laws):
            _named(condition, named, vocabulary)
        self.pieces: dict[str, tuple[Piece, ...]] = {
            name: _pieces(term_of(values[0].fact, vocabulary), tuple(values))
            for name, values in named.items()
        }

    def fact(self, name: str) -> Fact:
        """The fact called `name`, as the vocabulary declares it."""
        return self.pieces[name][0].fact

    def find(
        self, goals: Sequence[Goal], kinds: Iterable[ActivityKind] | None = None
    ) -> Point | None:
        """A situation where each goal's condition takes its value, or None when there is none.

        Args:
            goals: Conditions, each with the value it must take.
            kinds: The kinds of work to try; None for the space's.

        Returns:
            A situation (facts no goal needs are left out), or None.
        """
        wanted = [*goals, *((c, True) for c in self.laws)]
        tried = self.kinds if kinds is None else tuple(sorted(set(kinds)))
        reads_kind = any(kinds_of(c) is not None for c, _ in goals)
        for kind in tried if reads_kind else tried[:1]:
            found = self._search(Point(kind), wanted)
            if found is not None:
                return found
        return None

    def _search(self, point: Point, goals: Sequence[Goal]) -> Point | None:
        waiting: set[Fact] = set()
        for condition, value in goals:
            evaluation = condition.evaluate(cast("Activity", point))
            if evaluation.value is None:
                waiting |= evaluation.missing
            elif evaluation.value is not value:
                return None
        if not waiting:
            return point
        fact = min(waiting, key=lambda f: (len(self.pieces.get(f.name, ())), f.name))
        for piece in self.pieces.get(fact.name, ()):
            point.facts[piece.fact] = piece.sample
            found = self._search(point, goals)
            if found is not None:
                return found
            del point.facts[piece.fact]
        return None

    def possible(self, point: Point, laws: Sequence[Condition] | None = None) -> bool:
        """Whether the facts `point` gives can be so together: the others can meet the laws.

        Args:
            point: The situation.
            laws: The laws to meet; None for all the space's.
        """
        checked = self.laws if laws is None else laws
        if not checked:
            return True
        return self._search(point.copy(), [(c, True) for c in checked]) is not None

    def laws_from(self, name: str) -> tuple[Condition, ...]:
        """The laws of the implications that start from the fact called `name`."""
        return tuple(c for i, c in zip(self.implications, self.laws, strict=True) if i.fact == name)

    def points(self, facts: Iterable[str], kinds: Sequence[ActivityKind]) -> Iterator[Point]:
        """Every possible situation of one of `kinds` giving `facts` a value of each piece."""
        names = sorted(facts)
        for kind in kinds:
            for values in itertools.product(*(self.pieces[n] for n in names)):
                point = Point(kind, {p.fact: p.sample for p in values})
                if self.possible(point):
                    yield point


@functools.lru_cache(maxsize=256)
def _law(implication: Implication, vocabulary: Vocabulary) -> Condition:
    return law(implication, vocabulary)
