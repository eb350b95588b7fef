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
from collections.abc import Iterable, Iterator, Mapping  # noqa: F401 - ValueSet.labels' type
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar, Generic, TypeAlias, TypeVar

import attrs

from indemnity._lazy import lazy_module, lazy_names
from indemnity._records import fields_repr
from indemnity._validate import article, check_str, normalise_name, pattern
from indemnity.errors import InvalidFieldError, UnknownNameError

if TYPE_CHECKING:
    from indemnity.model import _declared
    from indemnity.model._declared import Implication, Source, ValueSet
else:
    _declared = lazy_module("indemnity.model._declared", globals())

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

# Value sets, sources and implications are declared by vocabularies only (the core makes none):
# they are built on first use, in `indemnity.model._declared`, and published here.
__getattr__, __dir__ = lazy_names(
    __name__,
    dict.fromkeys(("Implication", "Source", "ValueSet"), "indemnity.model._declared"),
    globals(),
)

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
    values: _declared.ValueSet | None = None
    label: str = ""
    question: str = ""
    description: str = ""
    unit: str = ""

    def __attrs_post_init__(self) -> None:
        check_name("Fact.name", self.name, snake=True)
        object.__setattr__(self, "type", _fact_type(self.type))
        _clean(self, "label", "question", "description", "unit")
        is_choice = self.type is FactType.CHOICE
        if is_choice and not isinstance(self.values, _declared.ValueSet):
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
