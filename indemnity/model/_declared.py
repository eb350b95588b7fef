"""The terms only a vocabulary declares: value sets, sources and implications.

They are published, named, documented and pickled as `indemnity.model.terms`'
(their ``__module__`` says so), and `indemnity.model.terms` gives them on
first use: the core makes none of them (its own facts, `CLAIM_DATE` and
`HELD_SINCE`, are dates), so a process that reads only the core names does
not build their classes. A vocabulary, a citation, the files and the linter
load them.

Their field annotations are read in `indemnity.model.terms`' namespace (as
`typing.get_type_hints` reads any class's, by its ``__module__``), so every
name they use is a name of that module too.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import ClassVar

import attrs

from indemnity._records import fields_repr
from indemnity._validate import check_str
from indemnity.errors import InvalidFieldError, UnknownNameError
from indemnity.model.terms import FactValue, Names, Term, _clean, _names, check_name

__all__ = ["Implication", "Source", "ValueSet"]


def _labels(value: Mapping[str, str]) -> Mapping[str, str]:
    if not isinstance(value, Mapping):
        raise InvalidFieldError("ValueSet.labels", "a mapping of values to labels", value)
    return MappingProxyType({k: check_str(f"ValueSet.labels[{k!r}]", v) for k, v in value.items()})


@attrs.frozen(eq=False)
class ValueSet(Term):
    """A named, ordered set of values a choice fact takes (fields of medicine, engagers, ...).

    Attributes:
        name: Its name (``"fields"``).
        values: The values, each a name (``"dermatology"``), in the order people read them.
        labels: How some values read in prose, where not as their name.
        description: What the set holds.

    Raises:
        InvalidFieldError: a name is malformed, a value repeats, or there are none.
    """

    __repr__ = fields_repr

    kind_label: ClassVar[str] = "value set"
    name: str
    values: tuple[str, ...]
    labels: Mapping[str, str] = attrs.field(factory=dict)
    description: str = ""
    _lookup: Names[str] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        put = object.__setattr__
        check_name("ValueSet.name", self.name)
        put(self, "values", _names("ValueSet.values", self.values))
        put(self, "labels", _labels(self.labels))
        _clean(self, "description")
        for i, value in enumerate(self.values):
            check_name(f"ValueSet.values[{i}]", value)
        if not self.values:
            raise InvalidFieldError("ValueSet.values", "at least one value", self.values)
        if len(set(self.values)) != len(self.values):
            raise InvalidFieldError("ValueSet.values", "values that do not repeat", self.values)
        for key in self.labels:
            if key not in self.values:
                raise UnknownNameError.for_choices(f"ValueSet.labels[{key!r}]", key, self.values)
        object.__setattr__(self, "_lookup", Names(self.values, ()))

    def find(self, text: str) -> str | None:
        """The value `text` names (case and spacing forgiven), or None."""
        return self._lookup.find(text)

    def label(self, value: str) -> str:
        """How `value` reads in prose."""
        return self.labels.get(value, value)

    def union(self, other: ValueSet) -> ValueSet:
        """This set with the values of `other` it lacks added at the end."""
        extra = tuple(v for v in other.values if v not in self.values)
        if not extra and all(self.labels.get(k) == v for k, v in other.labels.items()):
            return self
        return ValueSet(
            self.name,
            (*self.values, *extra),
            {**dict(other.labels), **dict(self.labels)},
            self.description or other.description,
        )

    def declaration(self) -> tuple[object, ...]:
        """See `Term.declaration`."""
        return (self.name, self.values, tuple(sorted(self.labels.items())), self.description)

    def __reduce__(self) -> tuple[object, ...]:
        # the read-only view of the labels does not pickle; rebuild from a plain dict
        return (ValueSet, (self.name, self.values, dict(self.labels), self.description))


def _published(value: object) -> _dt.date | None:
    if value is None or (isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)):
        return value
    raise InvalidFieldError("Source.published", "a date or None", value)


@attrs.frozen(eq=False)
class Source(Term):
    """A document rules cite: a web page, a brochure, a statute.

    Users see its title and publisher, never the name of the file it was
    retrieved as.

    Attributes:
        name: Its id, used by citations (``"mps-imgs-2023"``).
        title: The document's title.
        publisher: Who published it.
        published: When, where known.
        reference: A formal reference, such as a statutory instrument's
            number (``"SI 2019/334"``).
        url: Where it is public.
        retrieved_as: The file it was retrieved as, for maintainers; never shown.
    """

    __repr__ = fields_repr

    kind_label: ClassVar[str] = "source"
    name: str
    title: str
    publisher: str = ""
    published: _dt.date | None = None
    reference: str = ""
    url: str = ""
    retrieved_as: str = attrs.field(default="", repr=False)

    def __attrs_post_init__(self) -> None:
        check_name("Source.name", self.name)
        object.__setattr__(self, "title", check_str("Source.title", self.title).strip())
        _clean(self, "publisher", "reference", "url", "retrieved_as")
        _published(self.published)

    def __str__(self) -> str:
        head = f'{self.publisher}: "{self.title}"' if self.publisher else f'"{self.title}"'
        when = [self.reference] if self.reference else []
        if self.published is not None:
            when.append(f"{self.published.day} {self.published:%b %Y}")
        return f"{head} ({', '.join(when)})" if when else head


def _values(field: str, value: object) -> frozenset[FactValue]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidFieldError(field, "a collection of values", value)
    try:
        found = frozenset(value)
    except TypeError:  # an unhashable item is no value
        raise InvalidFieldError(field, "a collection of values", value) from None
    if not found:
        raise InvalidFieldError(field, "at least one value", value)
    return found


def _given_values(value: object) -> frozenset[FactValue]:
    return _values("Implication.values", value)


def _then_values(value: object) -> frozenset[FactValue]:
    return _values("Implication.then_values", value)


@attrs.frozen
class Implication:
    """Values of one fact that occur only where another fact takes certain values.

    Refractive laser surgery is ophthalmology: an activity whose procedure is
    refractive laser surgery has ophthalmology for its field. A vocabulary
    declares such facts of the world, each with its source, so that a rule
    waiting on the procedure for a dermatology question can be seen to wait
    for nothing (`indemnity.lint`). Answers do not read implications: a rule
    still says what it says.

    >>> laser = Implication("procedure", {"refractive-laser-surgery"}, "field", {"ophthalmology"})
    >>> laser.describe()
    'procedure refractive-laser-surgery occurs only where field is ophthalmology'

    Attributes:
        fact: The name of the fact whose values imply (``"procedure"``).
        values: Those values (yes/no or choice values).
        then_fact: The name of the fact they imply a value of (``"field"``).
        then_values: The values `then_fact` then takes, one of them.
        source: The id of the source that says so.
        quote: A short verbatim quote from the source.

    Raises:
        InvalidFieldError: a name is malformed, or a set of values is empty;
            the vocabulary holding it checks the facts and values are its own.
    """

    __repr__ = fields_repr

    fact: str
    values: frozenset[FactValue] = attrs.field(converter=_given_values)
    then_fact: str
    then_values: frozenset[FactValue] = attrs.field(converter=_then_values)
    source: str = ""
    quote: str = ""

    def __attrs_post_init__(self) -> None:
        check_name("Implication.fact", self.fact, snake=True)
        check_name("Implication.then_fact", self.then_fact, snake=True)
        if self.then_fact == self.fact:
            raise InvalidFieldError(
                "Implication.then_fact", f"a fact other than {self.fact!r}", self.then_fact
            )
        _clean(self, "source", "quote")

    def describe(self) -> str:
        """The implication in words."""
        given = ", ".join(sorted(map(_shown, self.values)))
        then = " or ".join(sorted(map(_shown, self.then_values)))
        return f"{self.fact} {given} occurs only where {self.then_fact} is {then}"


def _shown(value: FactValue) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


ValueSet.__module__ = Source.__module__ = Implication.__module__ = "indemnity.model.terms"

# doctest looks for examples only in what a module defines by its __module__: name them
__test__ = {"Implication": Implication}
