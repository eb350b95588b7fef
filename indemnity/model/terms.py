"""The words a vocabulary declares: facts, value sets, activity kinds, matters, places, sources.

A term is a name with what people need to read it (a label, a question, a
description). Terms compare and hash by their kind and name alone, and a term
equals its name as a string, so code may write ``decision.question.matter ==
"inquest"`` and look a term up by name in a set of terms. Two vocabularies
that declare the same fact agree on what it is called; what each says about
it (its label, the values of its value set) is read from the vocabulary in use.

The core declares two terms of its own, which a decision may wait on like
facts: `CLAIM_DATE`, the date a claim is first made, and `HELD_SINCE`, the
date a membership held with an unknown start began.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import ClassVar, Generic, TypeAlias, TypeVar

import attrs

from indemnity._records import fields_repr
from indemnity._validate import article, check_str, normalise_name, pattern
from indemnity.errors import InvalidFieldError, UnknownNameError

__all__ = [
    "CLAIM_DATE",
    "HELD_SINCE",
    "ActivityKind",
    "Fact",
    "FactType",
    "FactValue",
    "Implication",
    "Jurisdiction",
    "Matter",
    "MatterScope",
    "Names",
    "Source",
    "Term",
    "ValueSet",
]

FactValue: TypeAlias = bool | int | _dt.date | str
"""A fact's value: yes/no, a whole number or an amount, a date, or a value of a value set."""

_KEBAB = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SNAKE = r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$"


def check_name(field: str, value: object, *, snake: bool = False) -> str:
    """Return `value` if it is a name: lower-case words joined by hyphens (by underscores)."""
    regex, example = (_SNAKE, "'night_shift'") if snake else (_KEBAB, "'home-visit'")
    if not isinstance(value, str) or not pattern(regex).match(value):
        how = "underscores" if snake else "hyphens"
        raise InvalidFieldError(
            field, f"a name of lower-case words joined by {how}, such as {example}", value
        )
    return value


class Term:
    """Base of every vocabulary term: equal, by name, to a term of its class or to a string."""

    __slots__ = ()
    name: str
    kind_label: ClassVar[str] = "term"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return self.name == other
        if type(other) is type(self):
            return self.name == other.name
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self.name)

    def __lt__(self, other: object) -> bool:
        if isinstance(other, Term | str):
            return self.name < str(other)
        return NotImplemented

    def __str__(self) -> str:
        return self.name

    def declaration(self) -> tuple[object, ...]:
        """Every field of the term, for telling two declarations of one name apart."""
        return attrs.astuple(self, recurse=False)  # type: ignore[arg-type]


def _clean(term: object, *fields: str) -> None:
    """Check the text fields of a term, each a string (maybe empty), and strip them."""
    owner = type(term).__name__
    for field in fields:
        value = getattr(term, field)
        object.__setattr__(
            term, field, check_str(f"{owner}.{field}", value, allow_empty=True).strip()
        )


def _names(field: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidFieldError(field, "a list of names", value)
    return tuple(check_str(f"{field}[{i}]", v) for i, v in enumerate(value))


def _labels(value: Mapping[str, str]) -> Mapping[str, str]:
    if not isinstance(value, Mapping):
        raise InvalidFieldError("ValueSet.labels", "a mapping of values to labels", value)
    return MappingProxyType({k: check_str(f"ValueSet.labels[{k!r}]", v) for k, v in value.items()})


class FactType(StrEnum):
    """What kind of value a fact takes."""

    YES_NO = "yes-no"
    """True or false."""
    WHOLE_NUMBER = "whole-number"
    """A whole number, zero or more."""
    AMOUNT = "amount"
    """An amount of money in whole units (pounds, say), zero or more."""
    DATE = "date"
    """A calendar date."""
    CHOICE = "choice"
    """One value of a named value set."""


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


def _fact_type(value: object) -> FactType:
    try:
        return FactType(value)  # type: ignore[arg-type]
    except ValueError:
        choices = [t.value for t in FactType]
        raise UnknownNameError.for_choices("Fact.type", value, choices) from None


@attrs.frozen(eq=False)
class Fact(Term):
    """A fact an activity may carry: its name, its type, and how to ask for it.

    Attributes:
        name: The name, lower-case words joined by underscores (``"engaged_by"``).
        type: What kind of value it takes.
        values: For a choice, the value set its values come from.
        label: How the fact reads as a subject or, for yes/no, when true
            (``"appropriately supervised"``).
        question: The fact as a question to ask a person (``"Is the patient
            an NHS patient?"``).
        description: What the fact means.
        unit: How amounts are written (``"£"``), for amounts.

    Raises:
        InvalidFieldError: a field is malformed, or `values` is given for a
            type other than a choice (or missing for a choice).
    """

    __repr__ = fields_repr

    kind_label: ClassVar[str] = "fact"
    name: str
    type: FactType
    values: ValueSet | None = None
    label: str = ""
    question: str = ""
    description: str = ""
    unit: str = ""

    def __attrs_post_init__(self) -> None:
        check_name("Fact.name", self.name, snake=True)
        object.__setattr__(self, "type", _fact_type(self.type))
        _clean(self, "label", "question", "description", "unit")
        is_choice = self.type is FactType.CHOICE
        if is_choice and not isinstance(self.values, ValueSet):
            raise InvalidFieldError("Fact.values", "a ValueSet for a choice", self.values)
        if not is_choice and self.values is not None:
            raise InvalidFieldError(
                "Fact.values", f"None for a {self.type.value} fact", self.values
            )
        if not self.label:
            object.__setattr__(self, "label", self.name.replace("_", " "))

    def check(self, value: object, field: str) -> FactValue:
        """Return `value` in this fact's canonical form, or raise naming `field`.

        Raises:
            InvalidFieldError: the value has the wrong type or range.
            UnknownNameError: a choice names no value of the value set.
        """
        kind = self.type
        if kind is FactType.YES_NO:
            if isinstance(value, bool):
                return value
            raise InvalidFieldError(field, "yes or no (true or false)", value)
        if kind is FactType.WHOLE_NUMBER or kind is FactType.AMOUNT:
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                return int(value)
            what = "an amount" if kind is FactType.AMOUNT else "a whole number"
            raise InvalidFieldError(field, f"{what}, zero or more", value)
        if kind is FactType.DATE:
            if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
                return value
            raise InvalidFieldError(field, "a date", value)
        assert self.values is not None  # noqa: S101 - a choice has its value set
        if isinstance(value, str):
            found = self.values.find(value)
            if found is not None:
                return found
            raise UnknownNameError.for_choices(field, value, self.values.values)
        raise InvalidFieldError(field, f"one of the {self.values.name}", value)

    def show(self, value: FactValue) -> str:
        """The value as it reads in an explanation."""
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, int):
            return f"{self.unit}{value:,}"
        if isinstance(value, _dt.date):
            return value.isoformat()
        return self.values.label(value) if self.values is not None else value

    @property
    def is_numeric(self) -> bool:
        """Whether the fact is a whole number or an amount."""
        return self.type in (FactType.WHOLE_NUMBER, FactType.AMOUNT)

    @property
    def ordered(self) -> bool:
        """Whether the fact's values can be compared with a bound (numbers, amounts, dates)."""
        return self.is_numeric or self.type is FactType.DATE

    def ask(self) -> str:
        """The fact as a question, made from its label when none is declared."""
        return self.question or f"What is the {self.label}?"

    def declaration(self) -> tuple[object, ...]:
        """See `Term.declaration`."""
        values = None if self.values is None else self.values.declaration()
        return (
            self.name,
            self.type,
            values,
            self.label,
            self.question,
            self.description,
            self.unit,
        )


CLAIM_DATE = Fact(
    "claimed_on",
    FactType.DATE,
    label="claim date",
    question="On what date is the claim first made?",
    description=(
        "The date the claim is (or will be) first made; only claims-made cover turns on it."
    ),
)
"""The date a claim is first made: what a decision waits on when claims-made cover would answer."""

HELD_SINCE = Fact(
    "held_since",
    FactType.DATE,
    label="date the membership began",
    question="On what date did you begin to hold the membership whose start is unknown?",
    description=(
        "The date a membership began that is known only to be held from a later date;"
        " cover for an incident before that date turns on it."
    ),
)
"""The date a membership whose start is unknown began: what an incident before its known date
waits on (``held_since: before 2015-06-02 -> covered``).

>>> from indemnity.model.terms import HELD_SINCE
>>> HELD_SINCE.name, HELD_SINCE.type.value
('held_since', 'date')
"""


@attrs.frozen(eq=False)
class ActivityKind(Term):
    """A kind of work an activity may be.

    Attributes:
        name: The name (``"private-practice"``).
        label: How it reads in prose.
        description: What it covers.
        places: The names of the jurisdictions where work of this kind is
            done (overseas voluntary work is done overseas); empty for
            anywhere. Answers do not read it: `indemnity.lint` checks that
            a cover listing the kind can meet it in its territory.
    """

    __repr__ = fields_repr

    kind_label: ClassVar[str] = "activity kind"
    name: str
    label: str = ""
    description: str = ""
    places: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        check_name("ActivityKind.name", self.name)
        _clean(self, "label", "description")
        object.__setattr__(self, "places", _names("ActivityKind.places", self.places))
        if not self.label:
            object.__setattr__(self, "label", self.name.replace("-", " "))


class MatterScope(StrEnum):
    """Who faces a matter, or holds a scheme: a person, a body, or either."""

    PERSONAL = "personal"
    """A person: a doctor facing a GMC investigation; an MDO member."""
    CORPORATE = "corporate"
    """A body: a provider company's head of cover; its policy."""
    ANY = "any"
    """Either: a clinical negligence claim, a complaint, media attention."""

    def meets(self, other: MatterScope) -> bool:
        """Whether a matter of this scope can arise for a holder of scope `other`."""
        return MatterScope.ANY in (self, other) or self is other


def _scope(value: object) -> MatterScope:
    try:
        return MatterScope(value)  # type: ignore[arg-type]
    except ValueError:
        raise UnknownNameError.for_choices(
            "Matter.scope", value, [s.value for s in MatterScope]
        ) from None


@attrs.frozen(eq=False)
class Matter(Term):
    """A kind of matter that may arise: a claim, a complaint, an inquest, a head of cover.

    Attributes:
        name: The name (``"clinical-negligence"``).
        label: How it reads as a noun (``"clinical negligence claim"``).
        phrase: How it reads after a verb ("covers *an inquest*", "covers
            *media attention*"); by default the label with "a" or "an".
        scope: Whether a person, a body, or either faces it.
        aliases: Other names users may give it (``"gmc"``).
        description: What it is.
        counterpart: The name of the matter of the other scope that answers
            to this one (a provider's "coroner's inquest costs" for a doctor's
            "inquest"); empty if none.
        places: The names of the jurisdictions where the matter arises (an
            inquest is not held in Scotland, a fatal accident inquiry is held
            nowhere else); empty for anywhere.
        source: The id of the source that says where the matter arises.
    """

    __repr__ = fields_repr

    kind_label: ClassVar[str] = "matter"
    name: str
    label: str = ""
    phrase: str = ""
    scope: MatterScope = MatterScope.PERSONAL
    aliases: tuple[str, ...] = ()
    description: str = ""
    counterpart: str = ""
    places: tuple[str, ...] = ()
    source: str = ""

    def __attrs_post_init__(self) -> None:
        check_name("Matter.name", self.name)
        _clean(self, "label", "phrase", "description", "counterpart", "source")
        object.__setattr__(self, "scope", _scope(self.scope))
        object.__setattr__(self, "aliases", _names("Matter.aliases", self.aliases))
        object.__setattr__(self, "places", _names("Matter.places", self.places))
        if not self.label:
            object.__setattr__(self, "label", self.name.replace("-", " "))
        if not self.phrase:
            object.__setattr__(self, "phrase", article(self.label))


@attrs.frozen(eq=False)
class Jurisdiction(Term):
    """A legal jurisdiction in which an activity takes place.

    Attributes:
        name: The name (``"northern-ireland"``).
        label: How it reads in prose (``"Northern Ireland"``).
        aliases: Other names users may give it (``"NI"``).
    """

    __repr__ = fields_repr

    kind_label: ClassVar[str] = "jurisdiction"
    name: str
    label: str = ""
    aliases: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        check_name("Jurisdiction.name", self.name)
        _clean(self, "label")
        object.__setattr__(self, "aliases", _names("Jurisdiction.aliases", self.aliases))
        if not self.label:
            object.__setattr__(self, "label", self.name.replace("-", " "))


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


T = TypeVar("T", bound=Term | str)


class Names(Generic[T]):
    """A lookup of terms by name, forgiving case and spacing, with aliases.

    Exact names are found first, then aliases, then the folded spelling
    (``"Private Practice"`` finds ``"private-practice"``).
    """

    __slots__ = ("_exact", "_folded", "order")

    def __init__(self, terms: Iterable[T], aliases: Iterable[tuple[str, T]]) -> None:
        self.order: tuple[T, ...] = tuple(terms)
        exact: dict[str, T] = {}
        folded: dict[str, T] = {}
        for term in self.order:
            name = term.name if isinstance(term, Term) else str(term)
            exact[name] = term
            folded.setdefault(normalise_name(name), term)
        for alias, term in aliases:
            folded.setdefault(normalise_name(alias), term)
        self._exact = exact
        self._folded = folded

    def find(self, text: object) -> T | None:
        """The term `text` (a name, or a term) names, or None."""
        if isinstance(text, Term):
            text = text.name
        if not isinstance(text, str):
            return None
        found = self._exact.get(text)
        if found is None:
            found = self._folded.get(normalise_name(text))
        return found

    def get(self, field: str, text: object, what: str) -> T:
        """The term `text` names, or raise naming `field` with the nearest name.

        Raises:
            InvalidFieldError: `text` is not a string.
            UnknownNameError: it names no term.
        """
        found = self.find(text)
        if found is not None:
            return found
        if not isinstance(text, str):
            raise InvalidFieldError(field, f"{article(what)} name", text)
        if not self._exact:
            raise UnknownNameError(field, f"{article(what)} (the vocabulary declares none)", text)
        raise UnknownNameError.for_choices(field, text, self._exact)

    def __contains__(self, text: object) -> bool:
        return self.find(text) is not None

    def __iter__(self) -> Iterator[T]:
        return iter(self.order)

    def __len__(self) -> int:
        return len(self.order)

    def names(self) -> list[str]:
        """Every name, in declaration order."""
        return list(self._exact)
