"""One shape per object: how rules, questions and answers are written as plain data.

Every class the library writes has one *shape* in `SHAPES`: its keys, in
order, and what each holds. The writer (`to_data`), the reader (`from_data`)
and the JSON Schemas (`json_schema_of`) all come from that one table, so they
cannot disagree. Plain data is what JSON, TOML and YAML hold: tables with
string keys, lists, strings, whole numbers, booleans and null; dates are
``YYYY-MM-DD`` strings; sets are written as sorted lists, so the same object
always gives the same data.

The codec is written for this data rather than with cattrs: every error names
the path inside the data (``portfolio.memberships[2].period.end``), what was
expected and what was found; conditions are a tagged union; and names are
checked against a vocabulary, with "did you mean".

A condition is a table with exactly one key, its tag::

    {"is": {"fact": "supervised", "value": true}}
    {"one_of": {"fact": "field", "values": ["obstetrics", "neurosurgery"]}}
    {"at_least": {"fact": "private_earnings", "bound": 10001}}
    {"at_most": {"fact": "private_earnings", "bound": 10000}}
    {"kind_in": ["private-practice", "category-2-work"]}
    {"all": [<condition>, ...]}        ({"all": []} is ALWAYS)
    {"any": [<condition>, ...]}        ({"any": []} is NEVER)
    {"not": <condition>}

Data may refer to shared objects by name instead of repeating them: a
membership's ``scheme`` may be a scheme key looked up in the schemes given,
an item of an ``exclusions`` list may name a shared exclusion, and a
citation's ``source`` is the id of a source of the vocabulary (or of the
document's own ``sources`` table). Every problem raises `DataError`, whose
`field` is the path inside the data; a key that no field has is an error too,
so a typo never silently drops a rule.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import re
from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from typing import Any, TypeAlias, TypeVar, cast

import attrs

from indemnity._records import fields_repr
from indemnity._validate import find_name, parse_enum, parse_iso_date
from indemnity.errors import DataError, InvalidFieldError, UnknownNameError
from indemnity.holdings.membership import MembershipPeriod
from indemnity.holdings.portfolio import Portfolio
from indemnity.model.activity import Activity, Facts
from indemnity.model.basis import Basis, SchemeKind
from indemnity.model.citation import Citation
from indemnity.model.decision import Decision, Ground, Reason, ReasonCode
from indemnity.model.outcome import Outcome
from indemnity.model.parameter import DatedValue, Parameter
from indemnity.model.period import Period
from indemnity.model.question import Question, Situation
from indemnity.model.settling import Branch, FactValues, NextQuestion, Settling, ValueSpan
from indemnity.model.terms import (
    CLAIM_DATE,
    HELD_SINCE,
    ActivityKind,
    Fact,
    FactType,
    FactValue,
    Implication,
    Jurisdiction,
    Matter,
    MatterScope,
    Source,
    Term,
    ValueSet,
)
from indemnity.model.vocabulary import Vocabulary, active_vocabulary
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
from indemnity.rules.cover import Cover
from indemnity.rules.exclusion import Exclusion
from indemnity.rules.requirement import Requirement
from indemnity.rules.scheme import Scheme
from indemnity.timelines.switching import (
    Switch,
    SwitchPlan,
    SwitchRoute,
    SwitchStep,
    SwitchStepKind,
)
from indemnity.timelines.timeline import Stretch, Timeline

__all__ = [
    "SHAPES",
    "Context",
    "Data",
    "Shape",
    "from_data",
    "json_schema_of",
    "parameters_data",
    "read_parameters",
    "read_sources",
    "read_vocabulary",
    "to_data",
    "vocabulary_data",
]

Data: TypeAlias = dict[str, Any]
"""JSON-ready data: a dict whose values are dicts, lists, str, int, bool or None."""

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)

MAX_CONDITION_DEPTH = 64
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


# ---------------------------------------------------------------------------
# Context: what names are looked up in, and what the writer collects


@attrs.define
class Context:
    """What a reader looks names up in, and what a writer refers to by name.

    Attributes:
        vocabulary: The words names are checked against.
        schemes: Schemes a membership may name by key.
        exclusions: Shared exclusions an ``exclusions`` list may name.
        sources: Sources a citation may name by id, before the vocabulary's.
        cited: What the writer cited, by id (a decision lists its sources).
    """

    __repr__ = fields_repr

    vocabulary: Vocabulary = attrs.field(factory=active_vocabulary)
    schemes: Mapping[str, Scheme] = attrs.field(factory=dict)
    exclusions: Mapping[str, Exclusion] = attrs.field(factory=dict)
    sources: Mapping[str, Source] = attrs.field(factory=dict)
    cited: dict[str, Source] = attrs.field(factory=dict)

    def source(self, name: object, path: str) -> Source:
        """The source with id `name`: the document's own, else the vocabulary's."""
        found = find_name(self.sources, name)
        if found is not None:
            return found
        with at(path):
            return self.vocabulary.source(name, path)


# ---------------------------------------------------------------------------
# Paths and errors


def join(path: str, key: str | int) -> str:
    """The path of `key` inside the data at `path`: ``a.b``, ``a[2]``, ``a['odd key']``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    step = key if _PLAIN_KEY.match(key) else f"[{key!r}]"
    if not path or path.endswith(":"):
        return f"{path}{step}"
    return f"{path}{step}" if step.startswith("[") else f"{path}.{step}"


_KEYED_BY_NAME = frozenset({"Source", "Fact", "ValueSet", "ActivityKind", "Matter", "Jurisdiction"})


def _relocate(path: str, field: str) -> str:
    """The data path for a model error's field: ``Period.end`` found at ``p`` is ``p.end``."""
    if path and (field == path or field.startswith((path + ".", path + "["))):
        return field
    head, dot, rest = field.partition(".")
    if rest == "name" and head in _KEYED_BY_NAME:
        return path  # a term declared in a table is named by its key: the path itself
    if not head[:1].isupper():
        rest, dot = field, "."
    elif not dot:
        return path
    if rest.startswith("[") or not path or path.endswith(":"):
        return f"{path}{rest}"
    return f"{path}.{rest}"


@contextlib.contextmanager
def at(path: str) -> Iterator[None]:
    """Turn the model's own errors raised inside into `DataError`s at `path`."""
    try:
        yield
    except DataError:
        raise
    except InvalidFieldError as err:
        raise DataError.at(_relocate(path, err.field), err) from err


def _mapping(data: object, path: str, expected: str) -> dict[str, object]:
    if not isinstance(data, Mapping):
        raise DataError(path, expected, data)
    for key in data:
        if not isinstance(key, str):
            raise DataError(path, f"{expected} with string keys", key)
    return dict(data)


def _list(data: object, path: str, expected: str) -> list[tuple[str, object]]:
    if not isinstance(data, list | tuple):
        raise DataError(path, expected, data)
    return [(join(path, i), item) for i, item in enumerate(data)]


# ---------------------------------------------------------------------------
# Kinds of value: each reads, writes and describes itself


class Kind:
    """What one key of a shape holds: how it is read, written and described."""

    expected = "a value"

    def read(self, data: object, path: str, ctx: Context) -> Any:
        """The value `data` stands for at `path`."""
        raise NotImplementedError

    def write(self, value: Any, ctx: Context) -> Any:
        """`value` as plain data."""
        raise NotImplementedError

    def schema(self) -> Data:
        """The JSON Schema of the plain data."""
        raise NotImplementedError


class _Text(Kind):
    def __init__(self, *, empty: bool = True) -> None:
        self.empty = empty
        self.expected = "a string" if empty else "a non-empty string"

    def read(self, data: object, path: str, ctx: Context) -> str:
        if not isinstance(data, str) or (not self.empty and not data.strip()):
            raise DataError(path, self.expected, data)
        return data

    def write(self, value: Any, ctx: Context) -> Any:
        return value

    def schema(self) -> Data:
        return {"type": "string"} if self.empty else {"type": "string", "minLength": 1}


class _Bool(Kind):
    expected = "true or false"

    def read(self, data: object, path: str, ctx: Context) -> bool:
        if not isinstance(data, bool):
            raise DataError(path, self.expected, data)
        return data

    def write(self, value: Any, ctx: Context) -> Any:
        return value

    def schema(self) -> Data:
        return {"type": "boolean"}


class _Whole(Kind):
    def __init__(self, minimum: int | None = None) -> None:
        self.minimum = minimum
        self.expected = (
            "a whole number" if minimum is None else f"a whole number, {minimum} or more"
        )

    def read(self, data: object, path: str, ctx: Context) -> int:
        if (
            isinstance(data, bool)
            or not isinstance(data, int)
            or (self.minimum is not None and data < self.minimum)
        ):
            raise DataError(path, self.expected, data)
        return data

    def write(self, value: Any, ctx: Context) -> Any:
        return value

    def schema(self) -> Data:
        found: Data = {"type": "integer"}
        if self.minimum is not None:
            found["minimum"] = self.minimum
        return found


def read_date(data: object, path: str) -> _dt.date:
    """A date from a ``YYYY-MM-DD`` string (or a date a TOML parser made), strictly."""
    if isinstance(data, _dt.datetime):
        raise DataError(path, "a date such as '2024-11-05' (not a date and time)", data)
    if isinstance(data, _dt.date):
        return data
    found = parse_iso_date(data) if isinstance(data, str) else None
    if found is not None:
        return found
    raise DataError(path, "a date written YYYY-MM-DD, such as '2024-11-05'", data)


class _Day(Kind):
    expected = "a date written YYYY-MM-DD"

    def read(self, data: object, path: str, ctx: Context) -> _dt.date:
        return read_date(data, path)

    def write(self, value: Any, ctx: Context) -> Any:
        return value.isoformat()

    def schema(self) -> Data:
        return {"type": "string", "format": "date", "pattern": _ISO_DATE.pattern}


class _Choice(Kind):
    def __init__(self, enum: type[StrEnum], only: tuple[StrEnum, ...] = ()) -> None:
        self.enum = enum
        self.only = only or tuple(enum)
        self.expected = "one of " + ", ".join(repr(m.value) for m in self.only)

    def read(self, data: object, path: str, ctx: Context) -> StrEnum:
        with at(path):
            found = parse_enum(self.enum, path, data)
        if found not in self.only:
            raise DataError(path, self.expected, data)
        return found

    def write(self, value: Any, ctx: Context) -> Any:
        return value.value

    def schema(self) -> Data:
        return {"enum": [m.value for m in self.only]}


_ROLES: dict[str, tuple[str, Callable[[Vocabulary, object, str], Term]]] = {
    "kind": ("activity kind", Vocabulary.kind),
    "matter": ("matter", Vocabulary.matter),
    "jurisdiction": ("jurisdiction", Vocabulary.jurisdiction),
    "fact": ("fact", Vocabulary.fact),
}


_CORE_FACTS = {CLAIM_DATE.name: CLAIM_DATE, HELD_SINCE.name: HELD_SINCE}
"""The facts the core declares itself, which no vocabulary need declare."""


class _Term(Kind):
    """A name of the vocabulary: an activity kind, a matter, a jurisdiction or a fact."""

    def __init__(self, role: str) -> None:
        self.role = role
        self.expected = f"the name of {'an' if role[0] in 'aeiou' else 'a'} {_ROLES[role][0]}"

    def read(self, data: object, path: str, ctx: Context) -> Term:
        if not isinstance(data, str):
            raise DataError(path, self.expected, data)
        if self.role == "fact" and data in _CORE_FACTS:
            return _CORE_FACTS[data]
        with at(path):
            return _ROLES[self.role][1](ctx.vocabulary, data, path)

    def write(self, value: Any, ctx: Context) -> Any:
        return value.name

    def schema(self) -> Data:
        return {"type": "string", "minLength": 1}


class _Optional(Kind):
    """A value or null."""

    def __init__(self, kind: Kind) -> None:
        self.kind = kind

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"{self.kind.expected} or null"

    def read(self, data: object, path: str, ctx: Context) -> Any:
        return None if data is None else self.kind.read(data, path, ctx)

    def write(self, value: Any, ctx: Context) -> Any:
        return None if value is None else self.kind.write(value, ctx)

    def schema(self) -> Data:
        return {"anyOf": [self.kind.schema(), {"type": "null"}]}


class _List(Kind):
    """A list of values, written in order (or sorted, for sets)."""

    def __init__(self, kind: Kind, *, least: int = 0, as_set: bool = False) -> None:
        self.kind = kind
        self.least = least
        self.as_set = as_set
        self.expected = "a list" + (f" of at least {least}" if least else "")

    def read(self, data: object, path: str, ctx: Context) -> Any:
        items = [
            self.kind.read(item, where, ctx) for where, item in _list(data, path, self.expected)
        ]
        if len(items) < self.least:
            raise DataError(path, f"a list of at least {self.least}", data)
        return frozenset(items) if self.as_set else tuple(items)

    def write(self, value: Any, ctx: Context) -> Any:
        out = [self.kind.write(v, ctx) for v in value]
        return sorted(out, key=_sort_key) if self.as_set else out

    def schema(self) -> Data:
        found: Data = {"type": "array", "items": self.kind.schema()}
        if self.least:
            found["minItems"] = self.least
        if self.as_set:
            found["uniqueItems"] = True
        return found


def _sort_key(value: object) -> tuple[int, object, str]:
    # numbers (and booleans) in numeric order, then names in alphabetical order
    if isinstance(value, int):
        return (0, value, "")
    return (1, 0, str(value))


class _Nested(Kind):
    """An object of another shape, inline."""

    def __init__(self, name: str) -> None:
        self.name = name

    @property
    def expected(self) -> str:  # type: ignore[override]
        return SHAPES[self.name].expected

    def read(self, data: object, path: str, ctx: Context) -> Any:
        return read_shape(SHAPES[self.name], data, path, ctx)

    def write(self, value: Any, ctx: Context) -> Any:
        return write_shape(SHAPES[self.name], value, ctx)

    def schema(self) -> Data:
        return {"$ref": f"#/$defs/{self.name}"}


class _Named(Kind):
    """An object of another shape, inline, or the name of a shared one."""

    def __init__(
        self, name: str, lookup: Callable[[Context], Mapping[str, Any]], what: str
    ) -> None:
        self.nested = _Nested(name)
        self.lookup = lookup
        self.what = what
        self.expected = f"{SHAPES_EXPECTED.get(name, 'an object')} or the name of a shared one"

    def read(self, data: object, path: str, ctx: Context) -> Any:
        if isinstance(data, str):
            table = self.lookup(ctx)
            found = find_name(table, data)
            if found is None:
                if not table:
                    raise DataError(path, f"{self.what} (none is defined to name)", data)
                raise DataError.at(path, UnknownNameError.for_choices(path, data, table))
            return found
        return self.nested.read(data, path, ctx)

    def write(self, value: Any, ctx: Context) -> Any:
        return self.nested.write(value, ctx)

    def schema(self) -> Data:
        return {"anyOf": [self.nested.schema(), {"type": "string", "minLength": 1}]}


class _SchemeRef(Kind):
    """A membership's scheme: a key of the schemes given, or a scheme inline."""

    expected = "a scheme or a scheme key"

    def read(self, data: object, path: str, ctx: Context) -> Scheme:
        if isinstance(data, str):
            found = find_name(ctx.schemes, data)
            if found is None:
                if not ctx.schemes:
                    raise DataError(
                        path, "a scheme (no schemes were given to look keys up in)", data
                    )
                raise DataError.at(path, UnknownNameError.for_choices(path, data, ctx.schemes))
            return found
        return cast("Scheme", read_shape(SHAPES["scheme"], data, path, ctx))

    def write(self, value: Any, ctx: Context) -> Any:
        known = ctx.schemes.get(value.key)
        if known == value:
            return value.key
        return write_shape(SHAPES["scheme"], value, ctx)

    def schema(self) -> Data:
        return {"anyOf": [{"type": "string", "minLength": 1}, {"$ref": "#/$defs/scheme"}]}


class _Source(Kind):
    """A citation's source, by id (the writer collects what it cites)."""

    expected = "the id of a source"

    def read(self, data: object, path: str, ctx: Context) -> Source:
        if not isinstance(data, str):
            raise DataError(path, self.expected, data)
        return ctx.source(data, path)

    def write(self, value: Any, ctx: Context) -> Any:
        ctx.cited[value.name] = value
        return value.name

    def schema(self) -> Data:
        return {"type": "string", "minLength": 1}


class _Territory(Kind):
    """Jurisdictions and territory names, written as a territory's name where one fits."""

    expected = "a list of jurisdictions or territory names"

    def read(self, data: object, path: str, ctx: Context) -> frozenset[Jurisdiction]:
        names = [item for _, item in _list(data, path, self.expected)]
        if not names:
            raise DataError(path, "a list of at least one jurisdiction", data)
        for where, item in _list(data, path, self.expected):
            if not isinstance(item, str):
                raise DataError(where, "a jurisdiction or territory name", item)
        with at(path):
            return ctx.vocabulary.territory(*names, field=path)

    def write(self, value: Any, ctx: Context) -> Any:
        named = ctx.vocabulary.territory_name(value)
        if "," not in named and named in ctx.vocabulary.territories:
            return [named]
        return sorted(j.name for j in value)

    def schema(self) -> Data:
        return {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}


def _fact_value(fact: Fact, data: object, path: str) -> FactValue:
    if fact.type is FactType.DATE and isinstance(data, str):
        data = read_date(data, path)
    with at(path):
        return fact.check(data, path)


def _value_out(value: object) -> object:
    return value.isoformat() if isinstance(value, _dt.date) else value


class _Facts(Kind):
    """An activity's facts: a table of fact names to values of each fact's type."""

    expected = "a table of facts"

    def read(self, data: object, path: str, ctx: Context) -> Facts:
        known: dict[Fact | str, object] = {}
        for name, value in _mapping(data, path, self.expected).items():
            where = join(path, name)
            with at(where):
                fact = ctx.vocabulary.fact(name, where)
            known[fact] = _fact_value(fact, value, where)
        with at(path):
            return Facts(known, vocabulary=ctx.vocabulary)

    def write(self, value: Any, ctx: Context) -> Any:
        return {k.name: _value_out(v) for k, v in value.items()}

    def schema(self) -> Data:
        return {
            "type": "object",
            "additionalProperties": {"type": ["boolean", "integer", "string"]},
        }


class _ConditionKind(Kind):
    """The tagged union of conditions."""

    expected = "a condition: a table with exactly one key, its tag"
    tags = ("all", "any", "at_least", "at_most", "is", "kind_in", "not", "one_of")

    def read(self, data: object, path: str, ctx: Context) -> Condition:
        return self._read(data, path, ctx, 0)

    def _read(self, data: object, path: str, ctx: Context, depth: int) -> Condition:
        if depth > MAX_CONDITION_DEPTH:
            raise DataError(
                path, f"conditions nested at most {MAX_CONDITION_DEPTH} deep", "a deeper nesting"
            )
        expected = self.expected + " (" + ", ".join(self.tags) + ")"
        found = _mapping(data, path, expected)
        if len(found) != 1:
            raise DataError(path, expected, data)
        ((tag, body),) = found.items()
        where = join(path, tag)
        if tag not in self.tags:
            raise DataError.unknown_key(where, tag, self.tags)
        if tag in ("is", "one_of", "at_least", "at_most"):
            return self._leaf(tag, body, where, ctx)
        if tag == "kind_in":
            kinds = _List(_Term("kind"), least=1, as_set=True).read(body, where, ctx)
            with at(where):
                return KindIn(kinds)
        if tag == "not":
            return Not(self._read(body, where, ctx, depth + 1))
        parts = tuple(
            self._read(item, at_, ctx, depth + 1)
            for at_, item in _list(body, where, "a list of conditions")
        )
        return AllOf(parts) if tag == "all" else AnyOf(parts)

    def _leaf(self, tag: str, body: object, path: str, ctx: Context) -> Condition:
        second = {"is": "value", "one_of": "values", "at_least": "bound", "at_most": "bound"}[tag]
        fields = _keys(body, path, f"the body of {tag!r}", (("fact", True), (second, True)))
        where = join(path, "fact")
        fact = cast("Fact", _Term("fact").read(fields["fact"], where, ctx))
        value_at = join(path, second)
        if tag == "is":
            return Is(fact, _fact_value(fact, fields["value"], value_at))
        if tag == "one_of":
            values = [
                _fact_value(fact, item, item_at)
                for item_at, item in _list(fields["values"], value_at, "a list of fact values")
            ]
            if not values:
                raise DataError(value_at, "a list of at least one value", fields["values"])
            return OneOf(fact, frozenset(values))
        if not fact.ordered:
            raise DataError(where, "a number, amount or date fact", fact.name)
        bound = _fact_value(fact, fields["bound"], value_at)
        with at(path):
            return AtLeast(fact, bound) if tag == "at_least" else AtMost(fact, bound)  # type: ignore[arg-type]

    def write(self, value: Any, ctx: Context) -> Any:
        c = value
        if isinstance(c, Is):
            return {"is": {"fact": c.fact.name, "value": _value_out(c.value)}}
        if isinstance(c, OneOf):
            values = sorted((_value_out(v) for v in c.values), key=_sort_key)
            return {"one_of": {"fact": c.fact.name, "values": values}}
        if isinstance(c, AtLeast):
            return {"at_least": {"fact": c.fact.name, "bound": _value_out(c.bound)}}
        if isinstance(c, AtMost):
            return {"at_most": {"fact": c.fact.name, "bound": _value_out(c.bound)}}
        if isinstance(c, KindIn):
            return {"kind_in": sorted(k.name for k in c.kinds)}
        if isinstance(c, AllOf):
            return {"all": [self.write(p, ctx) for p in c.conditions]}
        if isinstance(c, AnyOf):
            return {"any": [self.write(p, ctx) for p in c.conditions]}
        if isinstance(c, Not):
            return {"not": self.write(c.condition, ctx)}
        raise InvalidFieldError("condition", "one of the eight condition classes", c)

    def schema(self) -> Data:
        def tagged(tag: str, body: Data) -> Data:
            return {
                "type": "object",
                "properties": {tag: body},
                "required": [tag],
                "additionalProperties": False,
            }

        ref: Data = {"$ref": "#/$defs/condition"}
        fact: Data = {"type": "string", "minLength": 1}
        value: Data = {"type": ["boolean", "integer", "string"]}

        def leaf(second: str, body: Data) -> Data:
            return {
                "type": "object",
                "properties": {"fact": fact, second: body},
                "required": ["fact", second],
                "additionalProperties": False,
            }

        return {
            "oneOf": [
                tagged("is", leaf("value", value)),
                tagged("one_of", leaf("values", {"type": "array", "items": value, "minItems": 1})),
                tagged("at_least", leaf("bound", {"type": ["integer", "string"]})),
                tagged("at_most", leaf("bound", {"type": ["integer", "string"]})),
                tagged(
                    "kind_in",
                    {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
                ),
                tagged("all", {"type": "array", "items": ref}),
                tagged("any", {"type": "array", "items": ref}),
                tagged("not", ref),
            ]
        }


def _keys(
    data: object, path: str, expected: str, keys: tuple[tuple[str, bool], ...]
) -> dict[str, object]:
    allowed = [k for k, _ in keys]
    found = _mapping(data, path, f"{expected}: a table with keys {', '.join(allowed)}")
    for key in found:
        if key not in allowed:
            raise DataError.unknown_key(join(path, key), key, allowed)
    for key, required in keys:
        if required and found.get(key) is None:
            raise DataError.missing(join(path, key), "a value")
    return found


# ---------------------------------------------------------------------------
# Shapes


@attrs.frozen
class Key:
    """One key of a shape.

    Attributes:
        name: The key in the data.
        kind: What it holds.
        required: Whether data must give it (null counts as absent).
        default: The value when absent.
        attr: The attribute (or constructor argument) it maps to; the key by default.
        written: Whether the writer writes it (False: read only, such as a
            file name kept for maintainers).
        read: Whether the reader takes it (False: derived, written for
            readers, checked on reading where the shape says so).
        doc: What it means, for the JSON Schemas.
        get: Works the written value out from the object, where no attribute holds it.
        omit_default: Whether the writer leaves the key out when it holds its
            default (keys most rules never set, such as a cover's own dates).
    """

    __repr__ = fields_repr

    name: str
    kind: Kind
    required: bool = False
    default: object = None
    attr: str = ""
    written: bool = True
    read: bool = True
    doc: str = ""
    get: Callable[[Any], Any] | None = None
    omit_default: bool = False

    @property
    def target(self) -> str:
        """The attribute it maps to."""
        return self.attr or self.name


@attrs.frozen
class Shape:
    """The shape of one class as data: its keys in order, and how to build it.

    Attributes:
        name: The shape's name (``"cover"``), as schemas refer to it.
        cls: The class written.
        expected: The class in words (``"a cover"``).
        keys: Its keys, in the order they are written.
        build: Makes the object from the values read, by attribute name
            (None: the class itself, called with them as keywords).
        doc: What it is, for the JSON Schemas.
        worded: Whether the class takes the vocabulary its names come from.
    """

    __repr__ = fields_repr

    name: str
    cls: type
    expected: str
    keys: tuple[Key, ...]
    build: Callable[[dict[str, Any], Context, str], Any] | None = None
    doc: str = ""
    worded: bool = False


def read_shape(shape: Shape, data: object, path: str, ctx: Context) -> Any:
    """Build an object of `shape` from `data`, naming `path` in every error."""
    allowed = [k.name for k in shape.keys]
    found = _mapping(data, path, f"{shape.expected}: a table with keys {', '.join(allowed)}")
    for name in found:
        if name not in allowed:
            raise DataError.unknown_key(join(path, name), name, allowed)
    values: dict[str, Any] = {}
    for key in shape.keys:
        if isinstance(key.kind, _Sources) and found.get(key.name) is not None:
            # A record's own sources come first: its citations name them.
            own = key.kind.read(found[key.name], join(path, key.name), ctx)
            ctx = attrs.evolve(ctx, sources={**ctx.sources, **own})
    for key in shape.keys:
        if isinstance(key.kind, _Sources):
            continue
        given = found.get(key.name)
        where = join(path, key.name)
        if given is None:
            if key.required:
                raise DataError.missing(where, key.kind.expected)
            if key.read:
                values[key.target] = key.default
            continue
        value = key.kind.read(given, where, ctx)
        values[key.target] = value
    with at(path):
        if shape.build is not None:
            return shape.build(values, ctx, path)
        made = {k.target: values[k.target] for k in shape.keys if k.read}
        if shape.worded:
            made["vocabulary"] = ctx.vocabulary
        return shape.cls(**made)


def write_shape(shape: Shape, obj: object, ctx: Context) -> Data:
    """`obj` as the plain data of `shape`."""
    out: Data = {}
    for key in shape.keys:
        if not key.written:
            continue
        value = key.get(obj) if key.get is not None else getattr(obj, key.target)
        if key.omit_default and value == key.default:
            continue
        out[key.name] = key.kind.write(value, ctx)
    return out


TEXT = _Text()
NAME = _Text(empty=False)
BOOL = _Bool()
DAY = _Day()


def _period(values: dict[str, Any], ctx: Context, path: str) -> Period:
    return Period(values["start"] or _dt.date.min, values["end"])


class _PeriodStart(Kind):
    """A period's start: a date, or null for "since ever"."""

    expected = "a date written YYYY-MM-DD, or null"

    def read(self, data: object, path: str, ctx: Context) -> _dt.date:
        return read_date(data, path)

    def write(self, value: Any, ctx: Context) -> Any:
        return None if value == _dt.date.min else value.isoformat()

    def schema(self) -> Data:
        return _Optional(DAY).schema()


def _activity(values: dict[str, Any], ctx: Context, path: str) -> Activity:
    facts = values["facts"] or Facts(vocabulary=ctx.vocabulary)
    return Activity(values["kind"], facts, values["description"] or "", vocabulary=ctx.vocabulary)


def _question(values: dict[str, Any], ctx: Context, path: str) -> Question:
    return Question.ask(
        values["activity"],
        values["on"],
        values["jurisdiction"],
        matter=values["matter"],
        claimed_on=values["claimed_on"],
        notified_on=values["notified_on"],
        vocabulary=ctx.vocabulary,
    )


def _decision(values: dict[str, Any], ctx: Context, path: str) -> Decision:
    outcome = values["outcome"]
    covered = values.get("covered")
    if covered is not None and covered is not (outcome is Outcome.COVERED):
        raise DataError(
            join(path, "covered"),
            f"{outcome is Outcome.COVERED} (the outcome is {outcome.value!r})",
            covered,
        )
    settling = tuple(sorted(values["settling"] or (), key=Settling.sort_key))
    if settling and outcome is not Outcome.UNDETERMINED:
        raise DataError(
            join(path, "settling"),
            f"no settling sets (the outcome is {outcome.value!r})",
            "a list of them",
        )
    return Decision(
        outcome,
        values["question"],
        values["grounds"] or (),
        values["reasons"] or (),
        values["missing"] or frozenset(),
        values["claim_windows"] or (),
        settling,
    )


class _Bound(Kind):
    """A bound of a span of values: a whole number, or a date written YYYY-MM-DD."""

    expected = "a whole number or a date written YYYY-MM-DD"

    def read(self, data: object, path: str, ctx: Context) -> int | _dt.date:
        if isinstance(data, int) and not isinstance(data, bool):
            return data
        if isinstance(data, str):
            return read_date(data, path)
        raise DataError(path, self.expected, data)

    def write(self, value: Any, ctx: Context) -> Any:
        return _value_out(value)

    def schema(self) -> Data:
        return {"type": ["integer", "string"]}


class _Value(Kind):
    """A value of a yes/no or choice fact (checked against the fact by the record holding it)."""

    expected = "true, false or a name"

    def read(self, data: object, path: str, ctx: Context) -> FactValue:
        if isinstance(data, bool | str):
            return data
        raise DataError(path, self.expected, data)

    def write(self, value: Any, ctx: Context) -> Any:
        return value

    def schema(self) -> Data:
        return {"type": ["boolean", "string"]}


def _value_span(values: dict[str, Any], ctx: Context, path: str) -> ValueSpan:
    start, end = values["start"], values["end"]
    if start is not None and end is not None:
        if type(start) is not type(end):
            raise DataError(join(path, "end"), f"a bound of the same type as {start!r}", end)
        if end <= start:
            raise DataError(join(path, "end"), f"a bound after the start {start!r}", end)
    return ValueSpan(start, end)


def _fact_values(values: dict[str, Any], ctx: Context, path: str) -> FactValues:
    fact: Fact = values["fact"]
    among = values["among"] or frozenset()
    spans = values["spans"] or ()
    if fact.ordered:
        if among:
            raise DataError(join(path, "values"), f"no values (spans, for {fact.name})", among)
        kind = _dt.date if fact.type is FactType.DATE else int
        for i, span in enumerate(spans):
            for end, bound in zip(("start", "end"), span, strict=True):
                if bound is not None and (not isinstance(bound, kind) or isinstance(bound, bool)):
                    where = join(join(join(path, "spans"), i), end)
                    raise DataError(where, f"a bound of {fact.name}: {kind.__name__}", bound)
        found = FactValues.of(fact, spans=spans)
    else:
        if spans:
            raise DataError(join(path, "spans"), f"no spans (values, for {fact.name})", spans)
        checked = []
        for i, value in enumerate(sorted(among, key=_sort_key)):
            with at(join(join(path, "values"), i)):
                checked.append(fact.check(value, join(join(path, "values"), i)))
        found = FactValues.of(fact, among=checked)
    if found.empty:
        raise DataError(path, "at least one value", values)
    return found


def _settling(values: dict[str, Any], ctx: Context, path: str) -> Settling:
    outcome = values["outcome"]
    given = values["given"]
    names = [v.fact.name for v in given]
    if len(set(names)) != len(names):
        raise DataError(join(path, "given"), "each fact once", names)
    return Settling(outcome, tuple(sorted(given, key=lambda v: v.fact.name)))


class _Derived(Kind):
    """What a record works out for readers: written, and on reading, ignored."""

    def __init__(self, kind: Kind) -> None:
        self.kind = kind
        self.expected = kind.expected

    def read(self, data: object, path: str, ctx: Context) -> Any:
        return None

    def write(self, value: Any, ctx: Context) -> Any:
        return self.kind.write(value, ctx)

    def schema(self) -> Data:
        return self.kind.schema()


class _Sources(Kind):
    """The sources a record cites, by id: written so that a reader can show their titles."""

    expected = "a table of sources by id"

    def read(self, data: object, path: str, ctx: Context) -> dict[str, Source]:
        return read_sources(data, path)

    def write(self, value: Any, ctx: Context) -> Any:
        return {
            name: write_shape(SHAPES["source"], s, ctx) for name, s in sorted(ctx.cited.items())
        }

    def schema(self) -> Data:
        return {"type": "object", "additionalProperties": {"$ref": "#/$defs/source"}}


def _fact_names(facts: frozenset[Fact]) -> list[str]:
    return sorted(f.name for f in facts)


class _FactSet(Kind):
    """A set of facts, by name (the claim date among them, as ``claimed_on``; ``held_since``)."""

    expected = "a list of fact names"

    def read(self, data: object, path: str, ctx: Context) -> frozenset[Fact]:
        kind = _Term("fact")
        return frozenset(
            cast("Fact", kind.read(item, where, ctx))
            for where, item in _list(data, path, self.expected)
        )

    def write(self, value: Any, ctx: Context) -> Any:
        return _fact_names(value)

    def schema(self) -> Data:
        return {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True}


class _Labels(Kind):
    """Memberships as their holders name them (write only)."""

    expected = "a list of names"

    def read(self, data: object, path: str, ctx: Context) -> Any:
        raise DataError(path, "nothing: this is written, not read", data)

    def write(self, value: Any, ctx: Context) -> Any:
        return [m.describe() for m in value]

    def schema(self) -> Data:
        return {"type": "array", "items": {"type": "string"}}


def _shape(
    name: str,
    cls: type,
    expected: str,
    *keys: Key,
    build: Callable[[dict[str, Any], Context, str], Any] | None = None,
    doc: str = "",
    worded: bool = False,
) -> Shape:
    return Shape(name, cls, expected, keys, build, doc, worded)


def _terms(role: str) -> _List:
    return _List(_Term(role), least=1, as_set=True)


SHAPES: dict[str, Shape] = {}
SHAPES_EXPECTED: dict[str, str] = {}


def _register(*shapes: Shape) -> None:
    for shape in shapes:
        SHAPES[shape.name] = shape
        SHAPES_EXPECTED[shape.name] = shape.expected


def _write_only(values: dict[str, Any], ctx: Context, path: str) -> Any:
    raise DataError(path, "nothing: this kind of object is written, not read", values)


# What a decision works out for readers: written, never read.
_register(
    _shape(
        "branch",
        Branch,
        "a branch",
        Key("values", _Nested("fact_values"), doc="The values of the fact that lead here."),
        Key("outcome", _Choice(Outcome), doc="'undetermined' when it stays open."),
        Key("open", _FactSet(), doc="When it stays open: the facts it still turns on."),
        build=_write_only,
        doc="Where one answer to a question leads.",
    ),
    _shape(
        "next_question",
        NextQuestion,
        "a next question",
        Key("fact", _Term("fact")),
        Key("question", TEXT, get=lambda q: q.question, doc="The fact as a question to a person."),
        Key("branches", _List(_Nested("branch"))),
        build=_write_only,
        doc="A fact worth asking about, with where each answer leads.",
    ),
)

_register(
    _shape(
        "period",
        Period,
        "a period",
        Key("start", _PeriodStart(), doc="The first day; null for since ever."),
        Key("end", _Optional(DAY), doc="The first day after the period (excluded); null for open."),
        build=_period,
        doc="The days from start (included) to end (excluded).",
    ),
    _shape(
        "source",
        Source,
        "a source",
        Key("title", NAME, required=True, doc="The document's title."),
        Key("publisher", TEXT, default="", doc="Who published it."),
        Key("published", _Optional(DAY), doc="When it was published."),
        Key("reference", TEXT, default="", doc="A formal reference, such as 'SI 2019/334'."),
        Key("url", TEXT, default="", doc="Where it is public."),
        Key(
            "retrieved_as",
            TEXT,
            default="",
            written=False,
            doc="For maintainers: the file it was retrieved as.",
        ),
        build=lambda values, ctx, path: values,
        doc="A document rules cite (in a table of sources, by id).",
    ),
    _shape(
        "citation",
        Citation,
        "a citation",
        Key("source", _Source(), required=True, doc="The id of the source."),
        Key("quote", TEXT, default="", doc="A short verbatim quote stating the rule."),
        Key("note", TEXT, default="", doc="A reference or comment."),
        Key("verified", BOOL, default=True, doc="False when the sources do not settle it."),
        doc="Where a rule comes from.",
    ),
    _shape(
        "requirement",
        Requirement,
        "a requirement",
        Key("condition", _ConditionKind(), required=True),
        Key("reason", NAME, required=True, doc="What is required, in words."),
        Key("source", _Nested("citation"), required=True),
        doc="A condition a cover requires.",
    ),
    _shape(
        "exclusion",
        Exclusion,
        "an exclusion",
        Key("when", _ConditionKind(), required=True, doc="What is excluded."),
        Key("unless", _Optional(_ConditionKind()), doc="The exception inside the exclusion."),
        Key("reason", NAME, required=True, doc="Why, in words."),
        Key("source", _Nested("citation"), required=True),
        Key(
            "stated_only",
            BOOL,
            default=False,
            omit_default=True,
            doc="True when it excludes only where its facts are stated: an unknown fact is"
            " presumed not to exclude, and is not asked.",
        ),
        doc="Work a cover or scheme excludes.",
    ),
    _shape(
        "cover",
        Cover,
        "a cover",
        Key("name", NAME, required=True),
        Key("matters", _terms("matter"), required=True),
        Key("activities", _terms("kind"), required=True),
        Key("territory", _Territory(), required=True),
        Key("source", _Nested("citation"), required=True),
        Key("requires", _List(_Nested("requirement")), default=()),
        Key(
            "exclusions",
            _List(_Named("exclusion", lambda ctx: ctx.exclusions, "an exclusion")),
            default=(),
        ),
        Key("limit", _Optional(_Whole(1)), doc="The limit of indemnity; null for none stated."),
        Key("option", _Optional(NAME), doc="An option that must be bought for it to apply."),
        Key(
            "in_force",
            _Nested("period"),
            default=Period.always(),
            omit_default=True,
            doc="The incident dates this head applies to, within its scheme's.",
        ),
        Key(
            "claims",
            _Nested("period"),
            default=Period.always(),
            omit_default=True,
            doc="The claim dates this head answers.",
        ),
        doc="One head of cover of a scheme.",
        worded=True,
    ),
    _shape(
        "scheme",
        Scheme,
        "a scheme",
        Key("key", NAME, required=True),
        Key("name", NAME, required=True),
        Key("operator", NAME, required=True),
        Key("kind", _Choice(SchemeKind), required=True),
        Key("basis", _Choice(Basis), required=True),
        Key("covers", _List(_Nested("cover"), least=1), required=True),
        Key("source", _Nested("citation"), required=True),
        Key(
            "exclusions",
            _List(_Named("exclusion", lambda ctx: ctx.exclusions, "an exclusion")),
            default=(),
        ),
        Key(
            "in_force",
            _Nested("period"),
            default=Period.always(),
            doc="The incident dates the scheme exists for.",
        ),
        Key(
            "serves",
            _Choice(MatterScope),
            default=MatterScope.ANY,
            omit_default=True,
            doc="Who holds it: a person, an organisation, or either.",
        ),
        Key(
            "promise",
            _Optional(_Nested("citation")),
            omit_default=True,
            doc="Where the kind of promise (discretionary, insurance) is stated.",
        ),
        doc="A scheme, membership or policy, with its covers.",
        worded=True,
    ),
    _shape(
        "activity",
        Activity,
        "an activity",
        Key("kind", _Term("kind"), required=True),
        Key("facts", _Facts()),
        Key("description", TEXT, default=""),
        build=_activity,
        doc="What was done, with the facts known about it.",
    ),
    _shape(
        "membership",
        MembershipPeriod,
        "a membership period",
        Key("scheme", _SchemeRef(), required=True),
        Key("period", _Nested("period"), required=True),
        Key("options", _List(NAME, as_set=True), default=frozenset()),
        Key("retroactive_date", _Optional(DAY)),
        Key("run_off_end", _Optional(DAY)),
        Key("label", TEXT, default=""),
        Key(
            "start_known",
            BOOL,
            default=True,
            omit_default=True,
            doc=(
                "False when the period's start is only a date the membership is known to be"
                " held on, and it may have begun earlier."
            ),
        ),
        doc="A scheme held over a period.",
    ),
    _shape(
        "portfolio",
        Portfolio,
        "a portfolio",
        Key("holder", TEXT, default=""),
        Key("memberships", _List(_Nested("membership")), default=()),
        doc="Everything one person or body holds.",
    ),
    _shape(
        "question",
        Question,
        "a question",
        Key("activity", _Nested("activity"), required=True),
        Key("on", DAY, required=True, doc="The incident date."),
        Key("jurisdiction", _Term("jurisdiction"), required=True),
        Key("matter", _Term("matter")),
        Key("claimed_on", _Optional(DAY)),
        Key("notified_on", _Optional(DAY), doc="When the circumstance was notified, if it was."),
        build=_question,
        doc="One coverage question.",
    ),
    _shape(
        "ground",
        Ground,
        "a ground",
        Key("scheme", _Optional(NAME)),
        Key("scheme_name", _Optional(NAME)),
        Key("cover", NAME, required=True),
        Key("membership", _Optional(TEXT)),
        Key("kind", _Optional(_Choice(SchemeKind))),
        Key("basis", _Optional(_Choice(Basis))),
        Key("limit", _Optional(_Whole(1))),
        Key("source", _Nested("citation"), required=True),
        Key("promise", _Optional(_Nested("citation"))),
        doc="An arrangement that covers.",
    ),
    _shape(
        "reason",
        Reason,
        "a reason",
        Key("code", _Choice(ReasonCode), required=True),
        Key("message", NAME, required=True),
        Key("scheme", _Optional(NAME)),
        Key("scheme_name", _Optional(NAME)),
        Key("cover", _Optional(NAME)),
        Key("membership", _Optional(TEXT)),
        Key("missing", _FactSet(), default=frozenset()),
        Key("source", _Nested("citation"), required=True),
        doc="Why one candidate does not cover, or may not.",
    ),
    _shape(
        "value_span",
        ValueSpan,
        "a span of values",
        Key("start", _Optional(_Bound()), doc="The first value (included); null for no bound."),
        Key("end", _Optional(_Bound()), doc="The first value after (excluded); null for no bound."),
        build=_value_span,
        doc="The values of a number, amount or date fact from start up to end.",
    ),
    _shape(
        "fact_values",
        FactValues,
        "the values of a fact",
        Key("fact", _Term("fact"), required=True),
        Key(
            "values",
            _List(_Value(), as_set=True),
            default=frozenset(),
            attr="among",
            doc="For a yes/no or choice fact: the values.",
        ),
        Key(
            "spans",
            _List(_Nested("value_span")),
            default=(),
            doc="For a number, amount or date fact: the spans of values.",
        ),
        build=_fact_values,
        doc="Some of the values a fact may take.",
    ),
    _shape(
        "settling",
        Settling,
        "a settling set",
        Key(
            "outcome",
            _Choice(Outcome, (Outcome.COVERED, Outcome.NOT_COVERED)),
            required=True,
            doc="What giving the facts settles the decision to.",
        ),
        Key(
            "given",
            _List(_Nested("fact_values"), least=1),
            required=True,
            doc="The facts to give, each with the values that settle it.",
        ),
        build=_settling,
        doc="A smallest set of facts whose values settle an undetermined decision.",
    ),
    _shape(
        "decision",
        Decision,
        "a decision",
        Key("outcome", _Choice(Outcome), required=True),
        Key("covered", BOOL, get=lambda d: d.covered, doc="True only when the outcome is covered."),
        Key("question", _Nested("question"), required=True),
        Key("grounds", _List(_Nested("ground"))),
        Key("reasons", _List(_Nested("reason"))),
        Key("missing", _FactSet()),
        Key("claim_windows", _List(_Nested("period"))),
        Key(
            "caveats",
            _List(_Nested("citation")),
            read=False,
            get=lambda d: d.caveats,
            doc="The unverified rules a firm answer rests on.",
        ),
        Key(
            "settling",
            _List(_Nested("settling")),
            doc=(
                "When undetermined: the smallest sets of facts whose values settle it, "
                "fewest facts first."
            ),
        ),
        Key(
            "next_question",
            _Derived(_Optional(_Nested("next_question"))),
            read=False,
            get=lambda d: d.next_question,
            doc="When undetermined: the fact to ask about next, and where each answer leads.",
        ),
        Key(
            "ask_order",
            _Derived(_List(_Term("fact"))),
            read=False,
            get=lambda d: [q.fact for q in d.to_ask],
            doc="When undetermined: the facts worth asking about, the most settling first.",
        ),
        Key(
            "sources", _Sources(), get=lambda d: None, doc="Every source the decision cites, by id."
        ),
        build=_decision,
        doc="The answer to a question, with its grounds, reasons and sources.",
    ),
)


# Write-only shapes: what the library works out over time, for tools to read.


_register(
    _shape(
        "stretch",
        Stretch,
        "a stretch",
        Key("outcome", _Choice(Outcome)),
        Key("incidents", _Nested("period")),
        Key("claims", _Optional(_Nested("period"))),
        Key("memberships", _Labels()),
        Key("missing", _FactSet()),
        Key("claim_windows", _List(_Nested("period"))),
        build=_write_only,
        doc="Incident (and claim) dates with one answer.",
    ),
    _shape(
        "timeline",
        Timeline,
        "a timeline",
        Key("holder", TEXT, get=lambda t: t.portfolio.holder),
        Key("activity", _Nested("activity")),
        Key("jurisdiction", _Term("jurisdiction")),
        Key("matter", _Term("matter")),
        Key("span", _Nested("period")),
        Key("claim_horizon", _Optional(DAY)),
        Key("stretches", _List(_Nested("stretch"))),
        build=_write_only,
        doc="A portfolio's answers over a span of dates.",
    ),
    _shape(
        "switch_step",
        SwitchStep,
        "a switch step",
        Key("kind", _Choice(SwitchStepKind)),
        Key("date", DAY),
        Key("met", BOOL),
        Key("text", TEXT),
        build=_write_only,
        doc="One thing a gap-free switch needs.",
    ),
    _shape(
        "switch_route",
        SwitchRoute,
        "a switch route",
        Key("name", TEXT),
        Key("met", BOOL, get=lambda r: r.met),
        Key("steps", _List(_Nested("switch_step"))),
        build=_write_only,
        doc="One way to a gap-free switch.",
    ),
    _shape(
        "switch_membership",
        MembershipPeriod,
        "a membership switched",
        Key("membership", TEXT, get=lambda m: m.describe()),
        Key("scheme", TEXT, get=lambda m: m.scheme.key),
        Key("basis", _Choice(Basis)),
        Key("period", _Nested("period")),
        Key("retroactive_date", _Optional(DAY)),
        Key("run_off_end", _Optional(DAY)),
        build=_write_only,
        doc="A membership as a switch plan shows it.",
    ),
    _shape(
        "switch",
        Switch,
        "a switch",
        Key("leaving", _Nested("switch_membership")),
        Key("joining", _Nested("switch_membership")),
        build=_write_only,
        doc="Leaving one arrangement for another.",
    ),
    _shape(
        "switch_plan",
        SwitchPlan,
        "a switch plan",
        Key("switch", _Nested("switch")),
        Key("claim_horizon", DAY),
        Key("gap_free", BOOL, get=lambda p: p.gap_free),
        Key("overlap_days", _Whole(0), get=lambda p: p.overlap_days),
        Key("gaps", _List(_Nested("stretch"))),
        Key("routes", _List(_Nested("switch_route"))),
        build=_write_only,
        doc="What a switch leaves uncovered, and the routes to none.",
    ),
)

_BY_CLASS: dict[type, Shape] = {}
for _s in SHAPES.values():
    _BY_CLASS.setdefault(_s.cls, _s)
_BY_CLASS[MembershipPeriod] = SHAPES["membership"]

_CONDITION = _ConditionKind()


# ---------------------------------------------------------------------------
# Vocabularies and sources: tables keyed by name


_NO_WORDS = Context(vocabulary=Vocabulary("none"))
"""A context for reading what needs no vocabulary (declarations, sources)."""


def read_sources(data: object, path: str = "sources") -> dict[str, Source]:
    """The sources of a ``sources`` table: ids to sources.

    Raises:
        DataError: an entry is malformed.
    """
    out: dict[str, Source] = {}
    ctx = _NO_WORDS
    for name, item in _mapping(data, path, "a table of sources by id").items():
        where = join(path, name)
        values = read_shape(SHAPES["source"], item, where, ctx)
        with at(where):
            out[name] = Source(name, **values)
    return out


_FACT_KEYS = (
    ("type", True),
    ("values", False),
    ("label", False),
    ("question", False),
    ("description", False),
    ("unit", False),
)
_VOCABULARY_KEYS = (
    ("name", False),
    ("facts", False),
    ("value_sets", False),
    ("kinds", False),
    ("matters", False),
    ("jurisdictions", False),
    ("territories", False),
    ("default_matter", False),
    ("implications", False),
)


def read_vocabulary(
    data: object,
    path: str = "vocabulary",
    *,
    base: Vocabulary | None = None,
    sources: Mapping[str, Source] | None = None,
    name: str = "",
) -> Vocabulary:
    """The vocabulary a ``vocabulary`` table declares, added to `base`.

    A value set declared here under a name `base` has joins its values to
    the base's; a fact may take its values from a value set of either.

    Args:
        data: The table (None for nothing declared).
        path: Where it sits, for errors.
        base: The vocabulary it extends; None for none.
        sources: Sources to add (a document's ``sources`` table).
        name: The vocabulary's name, if the table gives none.

    Returns:
        `base` with the declarations.

    Raises:
        DataError: a declaration is malformed, or conflicts with `base`.
    """
    fields = {} if data is None else _keys(data, path, "a vocabulary", _VOCABULARY_KEYS)
    own_name = fields.get("name") or name or (base.name if base is not None else "vocabulary")
    if not isinstance(own_name, str):
        raise DataError(join(path, "name"), "a string", own_name)
    sets = _read_value_sets(fields.get("value_sets"), join(path, "value_sets"))
    known_sets = dict(sets)
    if base is not None:
        for vs in base.value_sets:
            known_sets[vs.name] = vs.union(sets[vs.name]) if vs.name in sets else vs
    facts, used = _read_facts(fields.get("facts"), join(path, "facts"), known_sets)
    kinds = _read_table(fields.get("kinds"), join(path, "kinds"), "an activity kind", _kind)
    matters = _read_table(fields.get("matters"), join(path, "matters"), "a matter", _matter)
    places = _read_table(
        fields.get("jurisdictions"), join(path, "jurisdictions"), "a jurisdiction", _place
    )
    # A declaration that conflicts with the base's is reported at the table's path.
    with at(path):
        own = Vocabulary(
            own_name,
            tuple(facts),
            tuple({**sets, **used}.values()),
            tuple(kinds),
            tuple(matters),
            tuple(places),
            {},
            tuple((sources or {}).values()),
        )
        merged = own if base is None else base.merge(own, name=own_name)
    merged = _with_territories(merged, fields, path)
    return _with_implications(merged, fields.get("implications"), join(path, "implications"))


_IMPLICATION_KEYS = (
    ("fact", True),
    ("values", True),
    ("then", True),
    ("source", False),
    ("quote", False),
)


def _with_implications(merged: Vocabulary, data: object, path: str) -> Vocabulary:
    """`merged` with the implications a ``vocabulary.implications`` list declares.

    Each is ``{fact, values, then = {fact, values}, source, quote}``: values of
    one fact that occur only where another takes one of some values.
    """
    if data is None:
        return merged
    found: list[Implication] = []
    for where, item in _list(data, path, "a list of implications"):
        body = _keys(item, where, "an implication", _IMPLICATION_KEYS)
        then_at = join(where, "then")
        then = _keys(body["then"], then_at, "what follows", (("fact", True), ("values", True)))
        sides = []
        for at_, side in ((where, body), (then_at, then)):
            fact_at = join(at_, "fact")
            with at(fact_at):
                fact = merged.fact(side["fact"], fact_at)
            values_at = join(at_, "values")
            listed = _list(side["values"], values_at, "a list of fact values")
            if not listed:
                raise DataError(values_at, "a list of at least one value", side["values"])
            sides.append((fact.name, [_fact_value(fact, v, w) for w, v in listed]))
        texts = _texts(
            {k: v for k, v in body.items() if k in ("source", "quote")}, where, ("source", "quote")
        )
        with at(where):
            found.append(Implication(sides[0][0], sides[0][1], sides[1][0], sides[1][1], **texts))
    with at(path):
        return attrs.evolve(merged, implications=(*merged.implications, *found))


TermT = TypeVar("TermT", bound=Term)


def _read_table(
    data: object, path: str, what: str, make: Callable[[str, dict[str, object], str], TermT]
) -> list[TermT]:
    """Terms from a table of declarations keyed by name."""
    out: list[TermT] = []
    for key, item in _mapping(data or {}, path, f"a table of declarations of {what}").items():
        where = join(path, key)
        with at(where):
            out.append(make(key, _mapping(item, where, f"{what}: a table"), where))
    return out


def _kind(key: str, body: dict[str, object], path: str) -> ActivityKind:
    texts = _texts({k: v for k, v in body.items() if k != "places"}, path, ("label", "description"))
    places = _List(NAME).read(body.get("places") or [], join(path, "places"), _NO_WORDS)
    return ActivityKind(key, places=places, **texts)


def _matter(key: str, body: dict[str, object], path: str) -> Matter:
    texts = _texts(
        {k: v for k, v in body.items() if k not in ("scope", "aliases", "places")},
        path,
        ("label", "phrase", "description", "counterpart", "source"),
    )
    _keys(body, path, "a matter", tuple((k, False) for k in _MATTER_KEYS))
    places = _List(NAME).read(body.get("places") or [], join(path, "places"), _NO_WORDS)
    scope = cast(
        "MatterScope",
        _Choice(MatterScope).read(body.get("scope") or "personal", join(path, "scope"), _NO_WORDS),
    )
    aliases = _List(NAME).read(body.get("aliases") or [], join(path, "aliases"), _NO_WORDS)
    return Matter(key, scope=scope, aliases=aliases, places=places, **texts)


_MATTER_KEYS = (
    "label",
    "phrase",
    "scope",
    "aliases",
    "description",
    "counterpart",
    "places",
    "source",
)


def _place(key: str, body: dict[str, object], path: str) -> Jurisdiction:
    _keys(body, path, "a jurisdiction", (("label", False), ("aliases", False)))
    label = TEXT.read(body.get("label") or "", join(path, "label"), _NO_WORDS)
    aliases = _List(NAME).read(body.get("aliases") or [], join(path, "aliases"), _NO_WORDS)
    return Jurisdiction(key, label, aliases)


def _read_value_sets(data: object, path: str) -> dict[str, ValueSet]:
    sets: dict[str, ValueSet] = {}
    for key, item in _mapping(data or {}, path, "a table of value sets").items():
        where = join(path, key)
        body = _keys(
            item,
            where,
            "a value set",
            (("values", True), ("labels", False), ("description", False)),
        )
        with at(where):
            sets[key] = ValueSet(
                key,
                _List(NAME).read(body["values"], join(where, "values"), _NO_WORDS),
                {
                    k: TEXT.read(v, join(join(where, "labels"), k), _NO_WORDS)
                    for k, v in _mapping(
                        body.get("labels") or {}, join(where, "labels"), "a table of labels"
                    ).items()
                },
                TEXT.read(body.get("description") or "", join(where, "description"), _NO_WORDS),
            )
    return sets


def _read_facts(
    data: object, path: str, known_sets: Mapping[str, ValueSet]
) -> tuple[list[Fact], dict[str, ValueSet]]:
    """The facts a table declares, and the value sets they take their values from."""
    facts: list[Fact] = []
    used: dict[str, ValueSet] = {}
    for key, item in _mapping(data or {}, path, "a table of facts").items():
        where = join(path, key)
        body = _keys(item, where, "a fact", _FACT_KEYS)
        values = None
        if body.get("values") is not None:
            set_name = body["values"]
            if not isinstance(set_name, str) or set_name not in known_sets:
                raise DataError.at(
                    join(where, "values"),
                    UnknownNameError.for_choices(join(where, "values"), set_name, known_sets),
                )
            values = used[set_name] = known_sets[set_name]
        texts = _texts(
            {k: v for k, v in body.items() if k not in ("type", "values")},
            where,
            ("label", "question", "description", "unit"),
        )
        with at(where):
            facts.append(Fact(key, cast("FactType", body["type"]), values, **texts))
    return facts, used


def _with_territories(merged: Vocabulary, fields: Mapping[str, object], path: str) -> Vocabulary:
    """`merged` with the territories and default matter the table declares."""
    where = join(path, "territories")
    territories: dict[str, frozenset[Jurisdiction]] = {}
    for key, item in _mapping(
        fields.get("territories") or {}, where, "a table of territories"
    ).items():
        at_ = join(where, key)
        names = [n for _, n in _list(item, at_, "a list of jurisdiction names")]
        with at(at_):
            territories[key] = frozenset(merged.jurisdiction(n, at_) for n in names)
    default = fields.get("default_matter")
    if not territories and default is None:
        return merged
    with at(path):
        return attrs.evolve(
            merged,
            territories={**merged.territories, **territories},
            default_matter=merged.matter(default, join(path, "default_matter"))
            if default is not None
            else merged.default_matter,
        )


def _texts(data: object, path: str, keys: tuple[str, ...]) -> dict[str, str]:
    """The text fields of a declaration (each optional), refusing any other key."""
    body = _keys(data, path, "a declaration", tuple((k, False) for k in keys))
    out = {}
    for key in keys:
        value = body.get(key)
        if value is not None:
            out[key] = TEXT.read(value, join(path, key), _NO_WORDS)
    return out


def read_parameters(data: object, path: str, ctx: Context) -> dict[str, Parameter]:
    """The parameters of a ``parameters`` table: names to dated values, each cited.

    Each is ``{label, unit, values: [{from, value, source}]}``; a value without
    ``from`` holds as far back as its source reaches.

    Raises:
        DataError: an entry is malformed.
    """
    out: dict[str, Parameter] = {}
    for name, item in _mapping(data, path, "a table of parameters by name").items():
        where = join(path, name)
        body = _keys(
            item, where, "a parameter", (("label", True), ("unit", False), ("values", True))
        )
        values = []
        for at_, entry in _list(body["values"], join(where, "values"), "a list of dated values"):
            fields = _keys(
                entry, at_, "a dated value", (("from", False), ("value", True), ("source", True))
            )
            start = (
                _dt.date.min
                if fields.get("from") is None
                else read_date(fields["from"], join(at_, "from"))
            )
            value = _Whole().read(fields["value"], join(at_, "value"), ctx)
            source = read_shape(SHAPES["citation"], fields["source"], join(at_, "source"), ctx)
            with at(at_):
                values.append(DatedValue(start, value, source))
        with at(where):
            out[name] = Parameter(
                name,
                NAME.read(body["label"], join(where, "label"), ctx),
                tuple(values),
                TEXT.read(body.get("unit") or "", join(where, "unit"), ctx),
            )
    return out


def parameters_data(parameters: Mapping[str, Parameter], ctx: Context) -> Data:
    """The ``parameters`` table that declares `parameters`."""
    out: Data = {}
    for name, parameter in parameters.items():
        entry: Data = {"label": parameter.label}
        if parameter.unit:
            entry["unit"] = parameter.unit
        entry["values"] = [
            {
                **({} if v.start == _dt.date.min else {"from": v.start.isoformat()}),
                "value": v.value,
                "source": write_shape(SHAPES["citation"], v.source, ctx),
            }
            for v in parameter.values
        ]
        out[name] = entry
    return out


def vocabulary_data(vocabulary: Vocabulary, *, beyond: Vocabulary | None = None) -> Data:
    """The ``vocabulary`` table that declares `vocabulary`, or what it adds to `beyond`.

    Args:
        vocabulary: The vocabulary to write.
        beyond: A vocabulary a reader knows already: only what `vocabulary`
            declares beyond it is written (new terms, and new values of a
            value set).

    Returns:
        The table; empty when there is nothing to declare.
    """
    known = beyond or Vocabulary("nothing")
    tables: Data = {
        "facts": {f.name: _fact_data(f) for f in _new(vocabulary.facts, known.facts)},
        "value_sets": _value_sets_data(vocabulary, known),
        "kinds": {k.name: _kind_data(k) for k in _new(vocabulary.kinds, known.kinds)},
        "matters": {m.name: _matter_data(m) for m in _new(vocabulary.matters, known.matters)},
        "jurisdictions": {
            j.name: {"label": j.label, **({"aliases": list(j.aliases)} if j.aliases else {})}
            for j in _new(vocabulary.jurisdictions, known.jurisdictions)
        },
        "territories": {
            key: sorted(j.name for j in members)
            for key, members in vocabulary.territories.items()
            if known.territories.get(key) != members
        },
    }
    out: Data = {key: table for key, table in tables.items() if table}
    default = vocabulary.default_matter
    if default is not None and default != known.default_matter:
        out["default_matter"] = default.name
    implications = [
        _implication_data(i) for i in vocabulary.implications if i not in known.implications
    ]
    if implications:
        out["implications"] = implications
    return out


def _kind_data(kind: ActivityKind) -> Data:
    entry = _texts_of(kind, ("label", "description"))
    if kind.places:
        entry["places"] = list(kind.places)
    return entry


def _implication_data(item: Implication) -> Data:
    def values(given: frozenset[FactValue]) -> list[object]:
        return sorted(given, key=_sort_key)

    entry: Data = {
        "fact": item.fact,
        "values": values(item.values),
        "then": {"fact": item.then_fact, "values": values(item.then_values)},
    }
    return {**entry, **{k: getattr(item, k) for k in ("source", "quote") if getattr(item, k)}}


def _new(terms: tuple[Any, ...], known: tuple[Term, ...]) -> list[Any]:
    names = {t.name for t in known}
    return [t for t in terms if t.name not in names]


def _texts_of(term: Term, keys: tuple[str, ...]) -> Data:
    return {key: getattr(term, key) for key in keys if getattr(term, key)}


def _fact_data(fact: Fact) -> Data:
    entry: Data = {"type": fact.type.value}
    if fact.values is not None:
        entry["values"] = fact.values.name
    return {**entry, **_texts_of(fact, ("label", "question", "description", "unit"))}


def _matter_data(matter: Matter) -> Data:
    entry = _texts_of(matter, ("label", "phrase", "description", "counterpart", "source"))
    entry["scope"] = matter.scope.value
    if matter.aliases:
        entry["aliases"] = list(matter.aliases)
    if matter.places:
        entry["places"] = list(matter.places)
    return entry


def _value_sets_data(vocabulary: Vocabulary, known: Vocabulary) -> Data:
    sets: Data = {}
    for vs in vocabulary.value_sets:
        theirs = next((k for k in known.value_sets if k.name == vs.name), None)
        extra = [v for v in vs.values if theirs is None or v not in theirs.values]
        if not extra:
            continue
        entry: Data = {"values": extra}
        labels = {v: vs.labels[v] for v in extra if v in vs.labels}
        if labels:
            entry["labels"] = labels
        if vs.description and theirs is None:
            entry["description"] = vs.description
        sets[vs.name] = entry
    return sets


# ---------------------------------------------------------------------------
# The public functions


def to_data(obj: object, *, context: Context | None = None) -> Data:
    """Write an object as plain data, in its one shape.

    Args:
        obj: A `Citation`, any `Condition`, `Requirement`, `Exclusion`,
            `Cover`, `Scheme`, `Period`, `Activity`, `MembershipPeriod`,
            `Portfolio`, `Question`, `Ground`, `Reason`, `Decision`,
            `Source`, `Stretch`, `Timeline`, `Switch` or `SwitchPlan`.
        context: What the writer may refer to by name (memberships' schemes
            by key); by default nothing, with the active vocabulary.

    Returns:
        A dict of dicts, lists, strings, whole numbers, booleans and None,
        with sets as sorted lists and dates as ``YYYY-MM-DD`` strings.

    Raises:
        InvalidFieldError: `obj` is none of the classes above.
    """
    ctx = context if context is not None else Context()
    if isinstance(obj, Condition):
        return cast("Data", _CONDITION.write(obj, ctx))
    if isinstance(obj, Situation):
        raise InvalidFieldError("obj", "a Question (a situation is written inside one)", obj)
    shape = _BY_CLASS.get(type(obj))
    if shape is None:
        raise InvalidFieldError("obj", "an object the codec writes", obj)
    return write_shape(shape, obj, ctx)


def from_data(kind: type[T], data: object, *, path: str = "", context: Context | None = None) -> T:
    """Build an object of class `kind` from data shaped as `to_data` writes it.

    Args:
        kind: The class to build: any class `to_data` reads, or `Condition`
            for a condition of any tag.
        data: The data, as read from JSON, TOML or YAML.
        path: Where `data` sits in a larger document, to prefix error paths.
        context: The vocabulary, schemes, shared exclusions and sources names
            are looked up in; by default the active vocabulary alone.

    Returns:
        The object, equal to the one the data was written from.

    Raises:
        DataError: the data is not of the right shape or a value is invalid;
            its `field` is the path inside the data.
        InvalidFieldError: `kind` is not a class the codec reads.
    """
    ctx = context if context is not None else Context()
    shape = _BY_CLASS.get(kind) if isinstance(kind, type) else None
    is_condition = isinstance(kind, type) and issubclass(kind, Condition)
    if not is_condition and (shape is None or shape.build is _write_only or kind is Source):
        raise InvalidFieldError("kind", "a class the codec reads", kind)
    try:
        if shape is None:
            return cast("T", _read_condition(kind, data, path, ctx))
        return cast("T", read_shape(shape, data, path, ctx))
    except DataError as err:
        if err.field:
            raise
        # An error at the root of the data has no path: name the class asked for.
        raise DataError.at(kind.__name__, err) from err


def _read_condition(kind: type, data: object, path: str, ctx: Context) -> Condition:
    found = _CONDITION.read(data, path, ctx)
    if not isinstance(found, kind):
        raise DataError(path, f"a condition of class {kind.__name__}", data)
    return found


def json_schema_of(name: str) -> Data:
    """The JSON Schema (draft 2020-12) fragment of the shape called `name`, refs unresolved.

    Raises:
        UnknownNameError: no shape has that name.
    """
    if name == "condition":
        return _CONDITION.schema()
    shape = SHAPES.get(name) if isinstance(name, str) else None
    if shape is None:
        raise UnknownNameError.for_choices("shape", name, [*SHAPES, "condition"])
    properties = {}
    for key in shape.keys:
        if not key.written and not key.read:
            continue
        schema = dict(key.kind.schema())
        if key.doc:
            schema["description"] = key.doc
        properties[key.name] = schema
    out: Data = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    required = [k.name for k in shape.keys if k.required]
    if required:
        out["required"] = required
    if shape.doc:
        out["description"] = shape.doc
    return out
