"""A vocabulary: the facts, values, kinds of work, matters, places and sources rules speak of.

The core declares no word of any country: a vocabulary is data, given by a
catalogue package (the built-in UK one lives in ``indemnity/uk/data/``) or
declared by a user's own scheme file. Activities, questions and rules check
every name and value against a vocabulary, with "did you mean" for a near
miss.

Which vocabulary? The one given explicitly (``Activity.of(...,
vocabulary=v)``, a scheme's own), else the *active* one: set for a block of
code with ``with vocabulary.using(): ...``, and otherwise the default the
package names (the UK vocabulary, loaded on first use).

>>> from indemnity import uk
>>> v = uk.vocabulary()
>>> v.fact("engaged by").name, v.matter("GMC").name
('engaged_by', 'regulatory')
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from types import MappingProxyType
from typing import TypeVar, cast

import attrs

from indemnity import _defaults
from indemnity._validate import article, check_str
from indemnity.errors import InvalidFieldError, UnknownNameError
from indemnity.model.terms import (
    ActivityKind,
    Fact,
    FactType,
    FactValue,
    Implication,
    Jurisdiction,
    Matter,
    MatterScope,
    Names,
    Source,
    Term,
    ValueSet,
    check_name,
)

__all__ = ["Vocabulary", "active_vocabulary"]

ACTIVE: ContextVar[Vocabulary | None] = ContextVar("indemnity_vocabulary", default=None)
"""The innermost `Vocabulary.using` block's vocabulary, if any (read directly by `Activity.of`)."""


def _terms(field: str, value: object, kind: type[Term]) -> tuple[Term, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidFieldError(field, f"a list of {kind.__name__} terms", value)
    items = tuple(value)
    seen: set[str] = set()
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            raise InvalidFieldError(f"{field}[{i}]", article(kind.__name__), item)
        if item.name in seen:
            raise InvalidFieldError(
                f"{field}[{i}]", f"{article(kind.kind_label)} declared once", item.name
            )
        seen.add(item.name)
    return items


_TERMS: tuple[tuple[str, type[Term]], ...] = (
    ("facts", Fact),
    ("value_sets", ValueSet),
    ("kinds", ActivityKind),
    ("matters", Matter),
    ("jurisdictions", Jurisdiction),
    ("sources", Source),
)


def _territories(value: object) -> Mapping[str, frozenset[Jurisdiction]]:
    if not isinstance(value, Mapping):
        raise InvalidFieldError("Vocabulary.territories", "a mapping of names to places", value)
    out: dict[str, frozenset[Jurisdiction]] = {}
    for name, members in value.items():
        field = f"Vocabulary.territories[{name!r}]"
        check_name(field, name)
        if isinstance(members, str | bytes) or not isinstance(members, Iterable):
            raise InvalidFieldError(field, "a set of jurisdictions", members)
        try:
            out[name] = frozenset(members)
        except TypeError:  # an unhashable member is no jurisdiction
            raise InvalidFieldError(field, "a set of jurisdictions", members) from None
    return MappingProxyType(out)


@attrs.frozen(eq=False)
class Vocabulary:
    """The words rules and questions may use, and the documents rules may cite.

    Attributes:
        name: A short name for people (``"uk"``).
        facts: The facts activities may carry, in the order they are asked about.
        value_sets: The value sets choice facts take their values from.
        kinds: The kinds of activity.
        matters: The kinds of matter, personal and corporate.
        jurisdictions: The places an activity may take place.
        territories: Named sets of jurisdictions (``"uk"``, ``"worldwide"``).
        sources: The documents rules may cite, by id.
        default_matter: The matter a question asks about when it names none.
        implications: Facts of the world that rules cannot state otherwise
            (refractive laser surgery is ophthalmology), each with its source:
            what `indemnity.lint` knows beyond the rules. Answers do not read them.

    Raises:
        InvalidFieldError: a term is declared twice, a fact's value set or a
            territory's member is not declared here, an implication names a
            fact or value not declared here, or a name is malformed.
    """

    name: str
    facts: tuple[Fact, ...] = ()
    value_sets: tuple[ValueSet, ...] = ()
    kinds: tuple[ActivityKind, ...] = ()
    matters: tuple[Matter, ...] = ()
    jurisdictions: tuple[Jurisdiction, ...] = ()
    territories: Mapping[str, frozenset[Jurisdiction]] = attrs.field(factory=dict)
    sources: tuple[Source, ...] = ()
    default_matter: Matter | None = None
    implications: tuple[Implication, ...] = ()
    _facts: Names[Fact] = attrs.field(init=False, repr=False)
    _kinds: Names[ActivityKind] = attrs.field(init=False, repr=False)
    _matters: Names[Matter] = attrs.field(init=False, repr=False)
    _places: Names[Jurisdiction] = attrs.field(init=False, repr=False)
    _sources: Names[Source] = attrs.field(init=False, repr=False)
    _value_sets: Names[ValueSet] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        put = object.__setattr__
        check_str("Vocabulary.name", self.name)
        for field, kind in _TERMS:
            put(self, field, _terms(f"Vocabulary.{field}", getattr(self, field), kind))
        put(self, "territories", _territories(self.territories))
        sets = {s.name: s for s in self.value_sets}
        for i, fact in enumerate(self.facts):
            if fact.values is not None:
                declared = sets.get(fact.values.name)
                if declared is None or declared.declaration() != fact.values.declaration():
                    raise InvalidFieldError(
                        f"Vocabulary.facts[{i}].values",
                        "a value set declared in the vocabulary",
                        fact.values.name,
                    )
        places = {j.name: j for j in self.jurisdictions}
        for name, members in self.territories.items():
            for member in sorted(members, key=str):
                if member not in places.values():
                    raise UnknownNameError.for_choices(
                        f"Vocabulary.territories[{name!r}]", str(member), places
                    )
        # members given by name become the declared terms, as the vocabulary hands them out
        put(
            self,
            "territories",
            MappingProxyType(
                {k: frozenset(places[str(m)] for m in v) for k, v in self.territories.items()}
            ),
        )
        if self.default_matter is not None and self.default_matter not in self.matters:
            raise InvalidFieldError(
                "Vocabulary.default_matter", "a matter of the vocabulary", self.default_matter
            )
        self._check_matters()
        put(self, "implications", self._checked_implications())

        put(self, "_facts", Names(self.facts, ()))
        put(self, "_kinds", Names(self.kinds, ()))
        put(
            self,
            "_matters",
            Names(self.matters, [(a, m) for m in self.matters for a in m.aliases]),
        )
        put(
            self,
            "_places",
            Names(self.jurisdictions, [(a, j) for j in self.jurisdictions for a in j.aliases]),
        )
        put(self, "_sources", Names(self.sources, ()))
        put(self, "_value_sets", Names(self.value_sets, ()))

    def __reduce__(self) -> tuple[object, ...]:
        # the read-only view of the territories does not pickle; rebuild from plain data
        return (
            Vocabulary,
            (
                self.name,
                self.facts,
                self.value_sets,
                self.kinds,
                self.matters,
                self.jurisdictions,
                dict(self.territories),
                self.sources,
                self.default_matter,
                self.implications,
            ),
        )

    def _checked_implications(self) -> tuple[Implication, ...]:
        """The implications, their values canonical, each naming facts and a source declared here.

        Raises:
            InvalidFieldError: an item is no `Implication`, or names a fact that
                is not yes/no or a choice.
            UnknownNameError: it names a fact, value or source not declared here.
        """
        given: object = self.implications
        if isinstance(given, str | bytes) or not isinstance(given, Iterable):
            raise InvalidFieldError("Vocabulary.implications", "a list of implications", given)
        facts = {f.name: f for f in self.facts}
        source_names = {s.name for s in self.sources}
        out: list[Implication] = []
        for i, item in enumerate(given):
            where = f"Vocabulary.implications[{i}]"
            if not isinstance(item, Implication):
                raise InvalidFieldError(where, "an Implication", item)
            checked: dict[str, frozenset[FactValue]] = {}
            for field, name, values in (
                ("fact", item.fact, item.values),
                ("then_fact", item.then_fact, item.then_values),
            ):
                fact = facts.get(name)
                if fact is None:
                    raise UnknownNameError.for_choices(f"{where}.{field}", name, facts)
                if fact.type not in (FactType.YES_NO, FactType.CHOICE):
                    raise InvalidFieldError(
                        f"{where}.{field}", "a yes/no or choice fact", fact.name
                    )
                key = "values" if field == "fact" else "then_values"
                checked[key] = frozenset(
                    fact.check(v, f"{where}.{key}") for v in sorted(values, key=str)
                )
            if item.source and self.sources and item.source not in source_names:
                raise UnknownNameError.for_choices(f"{where}.source", item.source, source_names)
            found = attrs.evolve(item, values=checked["values"], then_values=checked["then_values"])
            if found not in out:
                out.append(found)
        return tuple(out)

    def implied(self, *facts: Fact | str) -> tuple[Implication, ...]:
        """The implications that name any of `facts`, and those that name what they name.

        What is linked to the facts a rule reads: the values they may take
        together. The implications of other facts say nothing about them.
        """
        names = {_name(f) for f in facts}
        found: list[Implication] = []
        grown = True
        while grown:
            grown = False
            for item in self.implications:
                if item not in found and (item.fact in names or item.then_fact in names):
                    found.append(item)
                    names |= {item.fact, item.then_fact}
                    grown = True
        return tuple(i for i in self.implications if i in found)

    def _check_matters(self) -> None:
        """Each matter's counterpart, places and source are declared here too."""
        names = {m.name for m in self.matters}
        place_names = {j.name for j in self.jurisdictions}
        source_names = {s.name for s in self.sources}
        for i, matter in enumerate(self.matters):
            where = f"Vocabulary.matters[{i}]"
            if matter.counterpart and matter.counterpart not in names:
                raise UnknownNameError.for_choices(
                    f"{where}.counterpart", matter.counterpart, names
                )
            for place in matter.places:
                if place not in place_names:
                    raise UnknownNameError.for_choices(f"{where}.places", place, place_names)
            if matter.source and self.sources and matter.source not in source_names:
                raise UnknownNameError.for_choices(f"{where}.source", matter.source, source_names)
        for i, kind in enumerate(self.kinds):
            for place in kind.places:
                if place not in place_names:
                    raise UnknownNameError.for_choices(
                        f"Vocabulary.kinds[{i}].places", place, place_names
                    )

    def __repr__(self) -> str:
        return (
            f"<Vocabulary {self.name!r}: {len(self.facts)} facts, {len(self.kinds)} kinds, "
            f"{len(self.matters)} matters, {len(self.jurisdictions)} jurisdictions, "
            f"{len(self.sources)} sources>"
        )

    # -- lookups ---------------------------------------------------------------

    def fact(self, name: object, field: str = "fact") -> Fact:
        """The fact `name` names (a `Fact`, or its name, case and spacing forgiven).

        Raises:
            UnknownNameError: the vocabulary declares no such fact.
        """
        return self._facts.get(field, _name(name), "fact")

    def kind(self, name: object, field: str = "kind") -> ActivityKind:
        """The activity kind `name` names.

        Raises:
            UnknownNameError: the vocabulary declares no such kind.
        """
        return self._kinds.get(field, _name(name), "activity kind")

    def matter(
        self, name: object, field: str = "matter", *, scope: MatterScope | None = None
    ) -> Matter:
        """The matter `name` names (its name or an alias such as ``"gmc"``).

        Args:
            name: A `Matter` or its name or alias (case and spacing forgiven).
            field: The field to name in an error.
            scope: Who asks (a person, a body): a misspelt name is then
                suggested only among the matters they can face.

        Raises:
            UnknownNameError: the vocabulary declares no such matter.
        """
        found = self._matters.find(_name(name))
        if found is not None or scope is None or not isinstance(name, str):
            return self._matters.get(field, _name(name), "matter")
        fitting = [m.name for m in self.matters if m.scope.meets(scope)]
        raise UnknownNameError.for_choices(field, name, fitting)

    def jurisdiction(self, name: object, field: str = "jurisdiction") -> Jurisdiction:
        """The jurisdiction `name` names (its name or an alias such as ``"NI"``).

        Raises:
            UnknownNameError: the vocabulary declares no such jurisdiction.
        """
        return self._places.get(field, _name(name), "jurisdiction")

    def source(self, name: object, field: str = "source") -> Source:
        """The source with id `name`.

        Raises:
            UnknownNameError: the vocabulary lists no such source.
        """
        return self._sources.get(field, _name(name), "source")

    def value_set(self, name: object, field: str = "value set") -> ValueSet:
        """The value set `name` names.

        Raises:
            UnknownNameError: the vocabulary declares no such value set.
        """
        return self._value_sets.get(field, _name(name), "value set")

    def territory(self, *names: object, field: str = "territory") -> frozenset[Jurisdiction]:
        """The jurisdictions that jurisdictions, territory names or sets of them name.

        Raises:
            UnknownNameError: a name is neither a jurisdiction nor a territory.
        """
        out: set[Jurisdiction] = set()
        flat: list[object] = []
        for item in names:
            if isinstance(item, set | frozenset | list | tuple):
                flat.extend(item)
            else:
                flat.append(item)
        folded = Names(list(self.territories), ())
        for i, item in enumerate(flat):
            where = f"{field}[{i}]"
            if isinstance(item, Jurisdiction) and item in self._places:
                out.add(self.jurisdiction(item, where))
                continue
            named = folded.find(item)
            if named is not None:
                out |= self.territories[named]
                continue
            if isinstance(item, str) and item in self._places:
                out.add(self.jurisdiction(item, where))
                continue
            if not isinstance(item, str):
                raise InvalidFieldError(where, "a jurisdiction or territory name", item)
            choices = [*self._places.names(), *self.territories]
            raise UnknownNameError.for_choices(where, item, choices)
        return frozenset(out)

    def territory_name(self, jurisdictions: Iterable[Jurisdiction]) -> str:
        """A set of jurisdictions in words: a territory's name if it is one, else the list."""
        given = frozenset(jurisdictions)
        for name, members in self.territories.items():
            if members == given:
                return name
        return ", ".join(sorted(str(j) for j in given))

    def check(self, fact: Fact | str, value: object, field: str) -> FactValue:
        """`value` in the canonical form of `fact` as this vocabulary declares it.

        Raises:
            UnknownNameError: no such fact, or a choice names no value.
            InvalidFieldError: the value has the wrong type or range.
        """
        return self.fact(fact, field).check(value, field)

    def __contains__(self, term: object) -> bool:
        if isinstance(term, Fact):
            return term in self._facts
        if isinstance(term, ActivityKind):
            return term in self._kinds
        if isinstance(term, Matter):
            return term in self._matters
        if isinstance(term, Jurisdiction):
            return term in self._places
        if isinstance(term, Source):
            return term in self._sources
        return False

    # -- combining ---------------------------------------------------------------

    def __or__(self, other: object) -> Vocabulary:
        if not isinstance(other, Vocabulary):
            return NotImplemented
        return self.merge(other)

    def merge(self, other: Vocabulary, *, name: str | None = None) -> Vocabulary:
        """This vocabulary with what `other` declares too.

        A term both declare must be declared alike, except that value sets of
        the same name join their values (a scheme file may add a field of
        medicine to the UK's). The default matter is this one's, else `other`'s.

        Raises:
            InvalidFieldError: the two declare one name differently.
        """
        if other is self:
            return self
        sets = _join(self.value_sets, other.value_sets, "value_sets", joinable=True)
        by_name = {s.name: s for s in sets}
        facts = [
            attrs.evolve(f, values=by_name[f.values.name]) if f.values is not None else f
            for f in _join(self.facts, other.facts, "facts", joinable=True)
        ]
        territories = dict(self.territories)
        for key, members in other.territories.items():
            if key in territories and territories[key] != members:
                raise InvalidFieldError(
                    f"Vocabulary.territories[{key!r}]",
                    "the same jurisdictions in both vocabularies",
                    sorted(map(str, members)),
                )
            territories[key] = members
        return Vocabulary(
            name or (self.name if other.name == self.name else f"{self.name}+{other.name}"),
            tuple(facts),
            sets,
            _join(self.kinds, other.kinds, "kinds"),
            _join(self.matters, other.matters, "matters"),
            _join(self.jurisdictions, other.jurisdictions, "jurisdictions"),
            territories,
            _join(self.sources, other.sources, "sources"),
            self.default_matter or other.default_matter,
            (*self.implications, *(i for i in other.implications if i not in self.implications)),
        )

    @contextlib.contextmanager
    def using(self) -> Iterator[Vocabulary]:
        """Make this the active vocabulary inside a ``with`` block.

        The choice is a context variable: a thread started inside the block
        starts afresh with the default.

        >>> from indemnity import Activity, Vocabulary
        >>> with Vocabulary("empty").using():
        ...     Activity.of("private-practice")
        Traceback (most recent call last):
        ...
        indemnity.errors.UnknownNameError: 'Activity.kind' expected an activity kind (the ...
        """
        token = ACTIVE.set(self)
        try:
            yield self
        finally:
            ACTIVE.reset(token)

    def describe_fact(self, fact: Fact | str) -> str:
        """One line on a fact: its name, its type and its values, for help texts."""
        found = self.fact(fact)
        if found.type is FactType.CHOICE and found.values is not None:
            return f"{found.name}: one of {', '.join(found.values.values)}"
        return f"{found.name}: {found.type.value}"


def _name(value: object) -> object:
    return value.name if isinstance(value, Term) else value


T = TypeVar("T", bound=Term)


def _join(
    left: tuple[T, ...], right: tuple[T, ...], field: str, *, joinable: bool = False
) -> tuple[T, ...]:
    out: dict[str, T] = {t.name: t for t in left}
    for term in right:
        mine = out.get(term.name)
        if mine is None:
            out[term.name] = term
        elif isinstance(mine, ValueSet) and isinstance(term, ValueSet):
            out[term.name] = cast("T", mine.union(term))
        elif joinable and isinstance(mine, Fact) and isinstance(term, Fact):
            if mine.type is not term.type:
                raise InvalidFieldError(
                    f"Vocabulary.{field}[{term.name!r}]",
                    f"the type {mine.type.value}, as declared already",
                    term.type.value,
                )
        elif mine.declaration() != term.declaration():
            raise InvalidFieldError(
                f"Vocabulary.{field}[{term.name!r}]",
                f"the same declaration in both vocabularies ({mine!r})",
                term,
            )
    return tuple(out.values())


def active_vocabulary() -> Vocabulary:
    """The active vocabulary: the innermost ``using`` block's, else the package default.

    Returns:
        The vocabulary names and values are checked against when none is given.
    """
    found = ACTIVE.get()
    if found is not None:
        return found
    made = _defaults.default("vocabulary")
    if made is None:
        return _EMPTY
    if not isinstance(made, Vocabulary):  # pragma: no cover - the facade provides one
        raise InvalidFieldError("default vocabulary", "a Vocabulary", made)
    return made


_EMPTY = Vocabulary("empty")
