"""What the doctor did: an activity's kind and the facts known about it.

Facts come from a vocabulary, each with a declared type, so a typo or a value
of the wrong type is refused at the door instead of silently matching no
rule. A fact that is absent is *unknown*; rules that need it then answer
UNDETERMINED and name it.

>>> a = Activity.of("private-practice", field="Dermatology", declared=True)
>>> a.kind.name, a.get("field"), a.get("overall_charge")
('private-practice', 'dermatology', None)
>>> a
Activity(kind='private-practice', facts=Facts({'declared': True, 'field': 'dermatology'}))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, TypeAlias, cast

import attrs

from indemnity._defaults import MADE
from indemnity._lazy import lazy_module
from indemnity._validate import check_str
from indemnity.errors import InvalidFieldError
from indemnity.model.terms import ActivityKind, Fact, FactValue

if TYPE_CHECKING:
    # Loaded on first use: the first activity checked against the active vocabulary.
    from indemnity.model import vocabulary as _vocabulary
else:
    _vocabulary = lazy_module("indemnity.model.vocabulary", globals())

__all__ = ["Activity", "Facts", "FactsGiven"]

FactsGiven: TypeAlias = Mapping[Fact | str, object] | Mapping[str, object] | Mapping[Fact, object]
"""Facts as a caller gives them: a mapping of facts, or their names, to values."""


def _by_name(item: tuple[Fact, FactValue]) -> str:
    return item[0].name


class Facts(Mapping[Fact, FactValue]):
    """An immutable, hashable, validated mapping of facts to values.

    Keys may be given as `Fact` terms or their names, choice values as their
    names (case and spacing forgiven); a value of None means unknown and is
    dropped, so two mappings that know the same things are equal. A key may be
    looked up by the fact or its name.

    Args:
        values: The facts and their values.
        vocabulary: The vocabulary to check them against; None for the active one.

    Raises:
        UnknownNameError: a key names no fact, or a choice names no value.
        InvalidFieldError: a value has the wrong type for its fact.
    """

    __slots__ = ("_hash", "_items", "_map", "vocabulary")

    def __init__(
        self,
        values: FactsGiven | None = None,
        /,
        *,
        vocabulary: _vocabulary.Vocabulary | None = None,
    ) -> None:
        if vocabulary is not None and not isinstance(vocabulary, _vocabulary.Vocabulary):
            raise InvalidFieldError("Facts.vocabulary", "a Vocabulary", vocabulary)
        words = vocabulary or _vocabulary.active_vocabulary()
        if values is not None and not isinstance(values, Mapping):
            raise InvalidFieldError("Activity.facts", "a mapping of fact names to values", values)
        checked: dict[Fact, FactValue] = {}
        for key, value in (values or {}).items():
            fact = words.fact(key, "Activity.facts")
            if value is None:
                continue
            checked[fact] = fact.check(value, f"Activity.facts.{fact.name}")
        self._items = tuple(sorted(checked.items(), key=_by_name))
        self._map = dict(self._items)
        self._hash = hash(self._items)
        self.vocabulary = words

    @classmethod
    def of(cls, values: Facts | FactsGiven | None, vocabulary: _vocabulary.Vocabulary) -> Facts:
        """`values` as `Facts` of `vocabulary` (unchanged if already checked by it)."""
        if isinstance(values, Facts):
            if values.vocabulary is vocabulary:
                return values
            return cls(values.names(), vocabulary=vocabulary)
        return cls(values, vocabulary=vocabulary)

    def __getitem__(self, key: Fact | str) -> FactValue:
        return self._map[key]  # type: ignore[index]  # a Fact equals and hashes as its name

    def get(  # type: ignore[override]  # narrower than Mapping.get: a default of the value type
        self, key: Fact | str, default: FactValue | None = None
    ) -> FactValue | None:
        """The value of fact `key` (a `Fact` or its name), or `default` (None: unknown)."""
        return self._map.get(key, default)  # type: ignore[arg-type]  # a Fact equals its name

    def __contains__(self, key: object) -> bool:
        return key in self._map

    def __iter__(self) -> Iterator[Fact]:
        return iter(self._map)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Facts):
            return self._items == other._items
        return NotImplemented

    def __repr__(self) -> str:
        inner = ", ".join(f"{k.name!r}: {v!r}" for k, v in self._items)
        return f"Facts({{{inner}}})"

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_facts, ({k.name: v for k, v in self._items}, self.vocabulary))

    def names(self) -> dict[Fact | str, FactValue]:
        """The facts as a plain dict of names to values, in name order."""
        return {k.name: v for k, v in self._items}


def _rebuild_facts(
    values: dict[Fact | str, FactValue], vocabulary: _vocabulary.Vocabulary
) -> Facts:
    return Facts(values, vocabulary=vocabulary)


_MADE_VOCABULARY = cast("Mapping[str, _vocabulary.Vocabulary]", MADE)
"""The package's defaults made so far: the default vocabulary, once made, read directly.

(`active_vocabulary` gives the same when no `using` block is open, in two calls more.)
"""

_PLAIN = frozenset({str, bool, type(None)})
"""Types whose values equal only values of their own type (bool cannot be subclassed)."""

_INTERN_LIMIT = 4096
_INTERNED: dict[tuple[object, ...], Activity] = {}
"""The activities `Activity.of` built lately, by their input: a service repeats itself."""


class Activity:
    """Something a doctor or provider does, with what is known about it.

    Immutable and hashable; two activities are equal when they are of the
    same kind and know the same facts.

    Args:
        kind: What kind of work it is: an `ActivityKind` or its name.
        facts: What is known about it: a mapping of facts (or their names) to values.
        description: Free text for people.
        vocabulary: The vocabulary to check names and values against; None
            for the active one.

    Attributes:
        kind: What kind of work it is.
        facts: What is known about it; absent facts are unknown.
        description: Free text for people; never read by a rule, not part of equality.
        vocabulary: The vocabulary its names and values were checked against;
            not part of equality.

    Raises:
        UnknownNameError: the kind or a fact names nothing in the vocabulary.
        InvalidFieldError: a value has the wrong type.
    """

    __slots__ = ("_hash", "description", "facts", "kind", "vocabulary")
    kind: ActivityKind
    facts: Facts
    description: str
    vocabulary: _vocabulary.Vocabulary
    _hash: int

    def __init__(
        self,
        kind: ActivityKind | str,
        facts: Facts | FactsGiven | None = None,
        description: str = "",
        *,
        vocabulary: _vocabulary.Vocabulary | None = None,
    ) -> None:
        if vocabulary is not None and not isinstance(vocabulary, _vocabulary.Vocabulary):
            raise InvalidFieldError("Activity.vocabulary", "a Vocabulary", vocabulary)
        words = vocabulary or _vocabulary.active_vocabulary()
        put = object.__setattr__
        put(self, "kind", words.kind(kind, "Activity.kind"))
        put(self, "facts", Facts.of(facts, words))
        put(self, "description", check_str("Activity.description", description, allow_empty=True))
        put(self, "vocabulary", words)
        put(self, "_hash", hash((self.kind, self.facts)))

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __eq__(self, other: object) -> bool:
        if type(other) is not Activity:
            return NotImplemented
        return self.kind == other.kind and self.facts == other.facts

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        return f"Activity(kind={self.kind.name!r}, facts={self.facts!r})"

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_activity, (self.kind.name, self.facts, self.description, self.vocabulary))

    @classmethod
    def of(
        cls,
        kind: ActivityKind | str,
        /,
        description: str = "",
        *,
        vocabulary: _vocabulary.Vocabulary | None = None,
        **facts: object,
    ) -> Activity:
        """Build an activity from a kind and facts given as keyword arguments.

        Args:
            kind: What kind of work: an `ActivityKind` or its name.
            description: Free text for people.
            vocabulary: The vocabulary to check names against; None for the active one.
            **facts: The known facts, by name.

        Returns:
            The activity.
        """
        # The active vocabulary, read directly when no `using` block is open.
        words = (
            vocabulary
            or _vocabulary.ACTIVE.get()
            or _MADE_VOCABULARY.get("vocabulary")
            or _vocabulary.active_vocabulary()
        )
        # The same input gives back the same (immutable) activity, checked once:
        # keyed on each value *and its exact type*, so True never matches 1.
        # (The names, then the values: flat, so cheap to hash. Text, True,
        # False and None are equal only to themselves; any other value brings
        # its type, so 1 never finds what True was checked as.)
        values = facts.values()
        key: tuple[object, ...] | None = (cls, kind, description, words, *facts, *values)
        try:
            for value in values:
                if type(value) not in _PLAIN:
                    key = (*key, *map(type, values))  # type: ignore[misc]
                    break
            found = _INTERNED.get(key)  # type: ignore[arg-type]
        except TypeError:  # an unhashable value (or type): checked (and refused) the long way
            found = key = None
        if found is not None:
            return found
        activity = cls(kind, Facts(facts, vocabulary=words), description, vocabulary=words)
        if key is not None:
            if len(_INTERNED) >= _INTERN_LIMIT:
                _INTERNED.clear()
            _INTERNED[key] = activity
        return activity

    def get(self, fact: Fact | str) -> FactValue | None:
        """The value of `fact` (a `Fact` or its name), or None when it is unknown."""
        return self.facts.get(fact)

    def with_facts(self, **facts: object) -> Activity:
        """A copy that knows `facts` too (a value of None forgets a fact)."""
        merged: dict[Fact | str, object] = dict(self.facts.items())
        for key, value in facts.items():
            merged[self.vocabulary.fact(key, "Activity.facts")] = value
        return Activity(
            self.kind,
            Facts(merged, vocabulary=self.vocabulary),
            self.description,
            vocabulary=self.vocabulary,
        )

    def unknown(self, facts: Iterable[Fact]) -> frozenset[Fact]:
        """Those of `facts` this activity does not know."""
        return frozenset(f for f in facts if f not in self.facts)

    def in_vocabulary(self, vocabulary: _vocabulary.Vocabulary) -> Activity:
        """This activity checked against `vocabulary` (itself when it was checked by it).

        A holder asks this of every activity it is given, so an activity built
        with one vocabulary is answered by a holder of another only when every
        name and value means the same in both.

        Raises:
            UnknownNameError: the kind or a fact is unknown to `vocabulary`.
            InvalidFieldError: a value has the wrong type there.
        """
        if vocabulary is self.vocabulary:
            return self
        return Activity(self.kind.name, self.facts.names(), self.description, vocabulary=vocabulary)


def _rebuild_activity(
    kind: str, facts: Facts, description: str, vocabulary: _vocabulary.Vocabulary
) -> Activity:
    return Activity(kind, facts, description, vocabulary=vocabulary)
