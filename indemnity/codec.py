"""Rules and questions as plain data: dicts of strings, numbers, booleans and lists.

`to_data` turns a rule or question object into JSON-ready data and
`from_data` builds the object back, so rules can live in data files (the
built-in UK catalogue is TOML read through this module). The codec is written
by hand rather than with cattrs for two reasons: every error names the path
inside the data (``memberships[2].period.end``), what was expected and what
was found, and conditions are a tagged union that a generic structurer would
have to be taught anyway.

The shapes, one per class (optional keys may be left out or set to null)::

    Citation          {"source": str, "quote": str, "note": str, "verified": bool}
    Period            {"start": "2024-01-01", "end": "2025-01-01" | null}
    Requirement       {"condition": <condition>, "reason": str, "source": <citation>}
    Exclusion         {"when": <condition>, "unless": <condition> | null,
                       "reason": str, "source": <citation>}
    Cover             {"name": str, "matters": [str], "activities": [str],
                       "territory": [str], "source": <citation>,
                       "conditions": [<requirement>], "exclusions": [<exclusion>],
                       "limit": int | null, "option": str | null}
    Scheme            {"key": str, "name": str, "operator": str, "kind": str,
                       "basis": str, "covers": [<cover>], "source": <citation>,
                       "exclusions": [<exclusion>], "in_force": <period>}
    Activity          {"kind": str, "facts": {fact: value}, "description": str}
    MembershipPeriod  {"scheme": <scheme> | key, "period": <period>,
                       "options": [str], "retroactive_date": date | null,
                       "run_off_end": date | null, "label": str}
    Portfolio         {"holder": str, "memberships": [<membership>]}
    Question          {"activity": <activity>, "on": date, "jurisdiction": str,
                       "matter": str, "claimed_on": date | null}

A condition is a mapping with exactly one key, its tag::

    {"is": {"fact": "supervised", "value": true}}
    {"one_of": {"fact": "field", "values": ["obstetrics", "neurosurgery"]}}
    {"at_least": {"fact": "private_earnings", "bound": 10001}}
    {"at_most": {"fact": "private_earnings", "bound": 10000}}
    {"kind_in": ["private-practice", "category-2-work"]}
    {"all": [<condition>, ...]}        ({"all": []} is ALWAYS)
    {"any": [<condition>, ...]}        ({"any": []} is NEVER)
    {"not": <condition>}

Names are written as the enums' values (``"private-practice"``); on reading,
loose spellings are accepted as the model accepts them, and a territory may be
given by name (``"uk"``, ``"worldwide"``). Dates are ISO strings; a `date`
object (as TOML gives) is accepted too, a `datetime` is not. Sets are written
as sorted lists, so the same object always gives the same data.

Two lookups let data refer to shared objects by name instead of repeating
them: a membership's ``scheme`` may be a scheme key looked up in `schemes`,
and an item of an ``exclusions`` list may be a name looked up in
`exclusions`. `schemes_from_data` reads a whole catalogue file of that kind.

Every problem raises `DataError`, whose `field` is the path inside the data.
A key that no field has is an error too: a typo must not silently drop a rule.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import re
from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from typing import Any, TypeAlias, TypeVar, cast

from indemnity._validate import normalise_name, parse_enum
from indemnity.activity import Activity, ActivityKind, Fact, FactValue
from indemnity.citation import Citation
from indemnity.conditions import AllOf, AnyOf, AtLeast, AtMost, Condition, Is, KindIn, Not, OneOf
from indemnity.cover import Cover
from indemnity.errors import DataError, InvalidFieldError, UnknownNameError
from indemnity.jurisdiction import TERRITORIES, Jurisdiction
from indemnity.matter import Matter
from indemnity.membership import MembershipPeriod
from indemnity.period import Period
from indemnity.portfolio import Portfolio
from indemnity.question import Question
from indemnity.rules import Exclusion, Requirement
from indemnity.scheme import Basis, Scheme, SchemeKind

__all__ = ["Data", "from_data", "schemes_from_data", "to_data"]

Data: TypeAlias = dict[str, Any]
"""JSON-ready data: a dict whose values are dicts, lists, str, int, bool or None."""

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)

_MAX_DEPTH = 64
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")

# ---------------------------------------------------------------------------
# Writing


def to_data(obj: object, *, schemes: Mapping[str, Scheme] | None = None) -> Data:
    """Turn a rule or question object into JSON-ready data.

    Args:
        obj: A `Citation`, any `Condition`, `Requirement`, `Exclusion`,
            `Cover`, `Scheme`, `Period`, `Activity`, `MembershipPeriod`,
            `Portfolio` or `Question`.
        schemes: Schemes that memberships may refer to by key: a membership
            whose scheme equals ``schemes[key]`` is written as that key.

    Returns:
        A dict of dicts, lists, strings, whole numbers, booleans and None,
        with sets as sorted lists and dates as ISO strings.

    Raises:
        InvalidFieldError: `obj` is none of the classes above.
    """
    writer = _WRITERS.get(type(obj))
    if writer is None:
        if isinstance(obj, Condition):
            raise InvalidFieldError("obj", "one of the eight condition classes", obj)
        raise InvalidFieldError("obj", "a rule or question object", obj)
    return writer(obj, schemes or {})


def _citation_out(c: Citation, _: Mapping[str, Scheme]) -> Data:
    return {"source": c.source, "quote": c.quote, "note": c.note, "verified": c.verified}


def _value_out(value: FactValue) -> bool | int | str:
    return value.value if isinstance(value, StrEnum) else value


def _condition_out(c: Condition, schemes: Mapping[str, Scheme]) -> Data:
    if isinstance(c, Is):
        return {"is": {"fact": c.fact.value, "value": _value_out(c.value)}}
    if isinstance(c, OneOf):
        values = sorted((_value_out(v) for v in c.values), key=_sort_key)
        return {"one_of": {"fact": c.fact.value, "values": values}}
    if isinstance(c, AtLeast):
        return {"at_least": {"fact": c.fact.value, "bound": c.bound}}
    if isinstance(c, AtMost):
        return {"at_most": {"fact": c.fact.value, "bound": c.bound}}
    if isinstance(c, KindIn):
        return {"kind_in": sorted(k.value for k in c.kinds)}
    if isinstance(c, AllOf):
        return {"all": [_condition_out(p, schemes) for p in c.conditions]}
    if isinstance(c, AnyOf):
        return {"any": [_condition_out(p, schemes) for p in c.conditions]}
    if isinstance(c, Not):
        return {"not": _condition_out(c.condition, schemes)}
    raise InvalidFieldError("condition", "one of the eight condition classes", c)


def _sort_key(value: object) -> tuple[int, int, str]:
    # numbers (and booleans) in numeric order, then names in alphabetical order
    return (0, value, "") if isinstance(value, int) else (1, 0, str(value))


def _requirement_out(r: Requirement, schemes: Mapping[str, Scheme]) -> Data:
    return {
        "condition": _condition_out(r.condition, schemes),
        "reason": r.reason,
        "source": _citation_out(r.source, schemes),
    }


def _exclusion_out(e: Exclusion, schemes: Mapping[str, Scheme]) -> Data:
    return {
        "when": _condition_out(e.when, schemes),
        "unless": None if e.unless is None else _condition_out(e.unless, schemes),
        "reason": e.reason,
        "source": _citation_out(e.source, schemes),
    }


def _names(values: frozenset[E]) -> list[str]:
    return sorted(v.value for v in values)


def _cover_out(c: Cover, schemes: Mapping[str, Scheme]) -> Data:
    return {
        "name": c.name,
        "matters": _names(c.matters),
        "activities": _names(c.activities),
        "territory": _names(c.territory),
        "source": _citation_out(c.source, schemes),
        "conditions": [_requirement_out(r, schemes) for r in c.conditions],
        "exclusions": [_exclusion_out(e, schemes) for e in c.exclusions],
        "limit": c.limit,
        "option": c.option,
    }


def _scheme_out(s: Scheme, schemes: Mapping[str, Scheme]) -> Data:
    return {
        "key": s.key,
        "name": s.name,
        "operator": s.operator,
        "kind": s.kind.value,
        "basis": s.basis.value,
        "covers": [_cover_out(c, schemes) for c in s.covers],
        "source": _citation_out(s.source, schemes),
        "exclusions": [_exclusion_out(e, schemes) for e in s.exclusions],
        "in_force": _period_out(s.in_force, schemes),
    }


def _date_out(day: _dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _period_out(p: Period, _: Mapping[str, Scheme]) -> Data:
    return {"start": p.start.isoformat(), "end": _date_out(p.end)}


def _activity_out(a: Activity, _: Mapping[str, Scheme]) -> Data:
    return {"kind": a.kind.value, "facts": a.facts.to_dict(), "description": a.description}


def _membership_out(m: MembershipPeriod, schemes: Mapping[str, Scheme]) -> Data:
    known = schemes.get(m.scheme.key)
    scheme: str | Data = m.scheme.key if known == m.scheme else _scheme_out(m.scheme, schemes)
    return {
        "scheme": scheme,
        "period": _period_out(m.period, schemes),
        "options": sorted(m.options),
        "retroactive_date": _date_out(m.retroactive_date),
        "run_off_end": _date_out(m.run_off_end),
        "label": m.label,
    }


def _portfolio_out(p: Portfolio, schemes: Mapping[str, Scheme]) -> Data:
    return {"holder": p.holder, "memberships": [_membership_out(m, schemes) for m in p]}


def _question_out(q: Question, schemes: Mapping[str, Scheme]) -> Data:
    return {
        "activity": _activity_out(q.activity, schemes),
        "on": q.on.isoformat(),
        "jurisdiction": q.jurisdiction.value,
        "matter": q.matter.value,
        "claimed_on": _date_out(q.claimed_on),
    }


_Writer: TypeAlias = Callable[[Any, Mapping[str, Scheme]], Data]
_WRITERS: dict[type, _Writer] = {
    Citation: _citation_out,
    Requirement: _requirement_out,
    Exclusion: _exclusion_out,
    Cover: _cover_out,
    Scheme: _scheme_out,
    Period: _period_out,
    Activity: _activity_out,
    MembershipPeriod: _membership_out,
    Portfolio: _portfolio_out,
    Question: _question_out,
    **dict.fromkeys((Is, OneOf, AtLeast, AtMost, KindIn, AllOf, AnyOf, Not), _condition_out),
}

# ---------------------------------------------------------------------------
# Reading


def from_data(
    kind: type[T],
    data: object,
    *,
    path: str = "",
    schemes: Mapping[str, Scheme] | None = None,
    exclusions: Mapping[str, Exclusion] | None = None,
) -> T:
    """Build an object of class `kind` from data shaped as `to_data` writes it.

    Args:
        kind: The class to build: any class `to_data` accepts, or `Condition`
            for a condition of any tag.
        data: The data, as read from JSON, TOML or YAML.
        path: Where `data` sits in a larger document, to prefix error paths
            (``"schemes[3]"``).
        schemes: Schemes a membership may name by key instead of inlining.
        exclusions: Exclusions an ``exclusions`` list may name instead of inlining.

    Returns:
        The object, equal to the one the data was written from.

    Raises:
        DataError: the data is not of the right shape or a value is invalid;
            its `field` is the path inside the data.
        InvalidFieldError: `kind` is not a class the codec reads.
    """
    ctx = _Context(schemes or {}, exclusions or {})
    try:
        return _from_data(kind, data, path, ctx)
    except DataError as err:
        if err.field:
            raise
        raise DataError.at(getattr(kind, "__name__", "data"), err) from err


def _from_data(kind: type[T], data: object, path: str, ctx: _Context) -> T:
    if isinstance(kind, type) and issubclass(kind, Condition):
        found = _read_condition(data, path, ctx, 0)
        if not isinstance(found, kind):
            msg = f"a condition of class {kind.__name__}, not {_TAG_OF[type(found)]!r}"
            raise DataError(path, msg, data)
        return found
    reader = _READERS.get(kind)
    if reader is None:
        raise InvalidFieldError("kind", "a class the codec reads", kind)
    return cast("T", reader(data, path, ctx))


def schemes_from_data(data: object, *, path: str = "") -> dict[str, Scheme]:
    """Read a catalogue document: shared exclusions and the schemes that use them.

    The document is ``{"exclusions": {name: <exclusion>}, "schemes": [<scheme>]}``;
    a scheme or cover may list a shared exclusion by its name.

    Args:
        data: The document, as read from a file.
        path: Where the document sits, to prefix error paths (a file name).

    Returns:
        The schemes by key, in the order of the document.

    Raises:
        DataError: the document is malformed, or two schemes share a key.
    """
    try:
        return _read_catalogue(data, path)
    except DataError as err:
        if err.field:
            raise
        raise DataError.at("catalogue", err) from err


def _read_catalogue(data: object, path: str) -> dict[str, Scheme]:
    fields = _fields(data, path, "a catalogue", required=("schemes",), optional=("exclusions",))
    shared: dict[str, Exclusion] = {}
    table = fields.get("exclusions")
    if table is not None:
        where = _join(path, "exclusions")
        for name, item in _mapping(table, where, "a table of named exclusions").items():
            shared[name] = from_data(Exclusion, item, path=_join(where, name))
    out: dict[str, Scheme] = {}
    ctx = _Context({}, shared)
    for _, item, where in _items(fields["schemes"], _join(path, "schemes"), "a list of schemes"):
        scheme = _read_scheme(item, where, ctx)
        if scheme.key in out:
            raise DataError(_join(where, "key"), "a key no other scheme has", scheme.key)
        out[scheme.key] = scheme
    return out


class _Context:
    __slots__ = ("exclusions", "schemes")

    def __init__(self, schemes: Mapping[str, Scheme], exclusions: Mapping[str, Exclusion]) -> None:
        self.schemes = schemes
        self.exclusions = exclusions


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    step = key if _PLAIN_KEY.match(key) else f"[{key!r}]"
    if not path or path.endswith(":"):
        # a prefix such as "nhs.toml:" names a file, not an object: no dot after it
        return f"{path}{step}"
    return f"{path}{step}" if step.startswith("[") else f"{path}.{step}"


def _relocate(path: str, field: str) -> str:
    """The data path for a model error's field: ``Period.end`` found at ``p`` is ``p.end``."""
    if path and (field == path or field.startswith((path + ".", path + "["))):
        return field
    head, dot, rest = field.partition(".")
    if not head[:1].isupper():
        # a bare field name ("claimed_on") is a key of the object at `path`
        rest, dot = field, "."
    elif not dot:
        # a class name alone ("Period") is the object itself
        return path
    if rest.startswith("[") or not path or path.endswith(":"):
        return f"{path}{rest}"
    return f"{path}.{rest}"


@contextlib.contextmanager
def _at(path: str) -> Iterator[None]:
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


def _fields(
    data: object,
    path: str,
    expected: str,
    *,
    required: tuple[str, ...] = (),
    optional: tuple[str, ...] = (),
) -> dict[str, object]:
    """The fields of a mapping: required ones present, unknown ones refused, nulls dropped."""
    allowed = (*required, *optional)
    shape = f"{expected}: a mapping with keys {', '.join(allowed)}"
    found = _mapping(data, path, shape)
    for key in found:
        if key not in allowed:
            raise DataError.unknown_key(_join(path, key), key, allowed)
    for key in required:
        if found.get(key) is None:
            raise DataError.missing(_join(path, key), _WHAT.get(key, "a value"))
    return {k: v for k, v in found.items() if v is not None}


_WHAT = {
    "source": "a citation",
    "reason": "a string",
    "name": "a string",
    "key": "a string",
    "start": "an ISO date",
    "period": "a period",
    "scheme": "a scheme or a scheme key",
    "condition": "a condition",
    "when": "a condition",
    "kind": "an activity kind",
    "activity": "an activity",
    "on": "an ISO date",
    "jurisdiction": "a jurisdiction",
    "fact": "a fact name",
    "value": "a fact value",
    "values": "a list of fact values",
    "bound": "a whole number",
    "covers": "a list of covers",
    "schemes": "a list of schemes",
}


def _items(data: object, path: str, expected: str) -> Iterator[tuple[int, object, str]]:
    if not isinstance(data, list | tuple):
        raise DataError(path, expected, data)
    for i, item in enumerate(data):
        yield i, item, _join(path, i)


def _str(data: object, path: str, *, empty: bool = False) -> str:
    if not isinstance(data, str):
        raise DataError(path, "a string", data)
    if not empty and not data.strip():
        raise DataError(path, "a non-empty string", data)
    return data


def _bool(data: object, path: str) -> bool:
    if not isinstance(data, bool):
        raise DataError(path, "true or false", data)
    return data


def _int(data: object, path: str) -> int:
    if isinstance(data, bool) or not isinstance(data, int):
        raise DataError(path, "a whole number", data)
    return data


def _date(data: object, path: str) -> _dt.date:
    if isinstance(data, _dt.datetime):
        raise DataError(path, "a date (not a date and time)", data)
    if isinstance(data, _dt.date):
        return data
    if not isinstance(data, str):
        raise DataError(path, "an ISO date such as '2024-11-05'", data)
    try:
        return _dt.date.fromisoformat(data)
    except ValueError:
        raise DataError(path, "an ISO date such as '2024-11-05'", data) from None


def _optional_date(fields: Mapping[str, object], key: str, path: str) -> _dt.date | None:
    value = fields.get(key)
    return None if value is None else _date(value, _join(path, key))


def _names_in(data: object, path: str, parse: Callable[[object, str], E]) -> frozenset[E]:
    out = []
    for _, item, where in _items(data, path, "a list of names"):
        with _at(where):
            out.append(parse(item, where))
    if not out:
        raise DataError(path, "a list of at least one name", data)
    return frozenset(out)


def _fact(data: object, path: str) -> Fact:
    with _at(path):
        return Fact.parse(data, path)


def _fact_value(fact: Fact, data: object, path: str) -> FactValue:
    with _at(path):
        return fact.spec.check(data, path)


_TAGS = ("all", "any", "at_least", "at_most", "is", "kind_in", "not", "one_of")
_TAG_OF: dict[type, str] = {
    Is: "is",
    OneOf: "one_of",
    AtLeast: "at_least",
    AtMost: "at_most",
    KindIn: "kind_in",
    AllOf: "all",
    AnyOf: "any",
    Not: "not",
}


def _read_condition(data: object, path: str, ctx: _Context, depth: int) -> Condition:
    if depth > _MAX_DEPTH:
        raise DataError(path, f"conditions nested at most {_MAX_DEPTH} deep", "a deeper nesting")
    expected = "a condition: a mapping with exactly one key, " + ", ".join(_TAGS)
    found = _mapping(data, path, expected)
    if len(found) != 1:
        raise DataError(path, expected, data)
    ((tag, body),) = found.items()
    where = _join(path, tag)
    if tag not in _TAGS:
        raise DataError.unknown_key(where, tag, _TAGS)
    if tag in ("is", "one_of", "at_least", "at_most"):
        return _read_leaf(tag, body, where)
    if tag == "kind_in":
        kinds = _names_in(body, where, ActivityKind.parse)
        with _at(where):
            return KindIn(kinds)
    if tag == "not":
        return Not(_read_condition(body, where, ctx, depth + 1))
    parts = tuple(
        _read_condition(item, at, ctx, depth + 1)
        for _, item, at in _items(body, where, "a list of conditions")
    )
    return AllOf(parts) if tag == "all" else AnyOf(parts)


def _read_leaf(tag: str, body: object, path: str) -> Condition:
    second = {"is": "value", "one_of": "values", "at_least": "bound", "at_most": "bound"}[tag]
    fields = _fields(body, path, f"the body of {tag!r}", required=("fact", second))
    fact = _fact(fields["fact"], _join(path, "fact"))
    where = _join(path, second)
    if tag == "is":
        return Is(fact, _fact_value(fact, fields["value"], where))
    if tag == "one_of":
        values = [
            _fact_value(fact, item, at)
            for _, item, at in _items(fields["values"], where, "a list of fact values")
        ]
        if not values:
            raise DataError(where, "a list of at least one value", fields["values"])
        return OneOf(fact, frozenset(values))
    if fact.spec.type is not int:
        raise DataError(_join(path, "fact"), "a numeric fact", fact.value)
    bound = _int(fields["bound"], where)
    return AtLeast(fact, bound) if tag == "at_least" else AtMost(fact, bound)


def _read_citation(data: object, path: str, ctx: _Context) -> Citation:
    fields = _fields(
        data, path, "a citation", required=("source",), optional=("quote", "note", "verified")
    )
    source = _str(fields["source"], _join(path, "source"))
    quote = _str(fields.get("quote", ""), _join(path, "quote"), empty=True)
    note = _str(fields.get("note", ""), _join(path, "note"), empty=True)
    verified = _bool(fields.get("verified", True), _join(path, "verified"))
    with _at(path):
        return Citation(source, quote, note, verified)


def _read_requirement(data: object, path: str, ctx: _Context) -> Requirement:
    fields = _fields(data, path, "a requirement", required=("condition", "reason", "source"))
    condition = _read_condition(fields["condition"], _join(path, "condition"), ctx, 0)
    reason = _str(fields["reason"], _join(path, "reason"))
    source = _read_citation(fields["source"], _join(path, "source"), ctx)
    with _at(path):
        return Requirement(condition, reason, source)


def _read_exclusion(data: object, path: str, ctx: _Context) -> Exclusion:
    if isinstance(data, str):
        found = ctx.exclusions.get(data)
        if found is None:
            if not ctx.exclusions:
                raise DataError(path, "an exclusion (no shared exclusions are defined)", data)
            raise DataError.at(path, _unknown(path, data, ctx.exclusions))
        return found
    fields = _fields(
        data,
        path,
        "an exclusion or the name of a shared one",
        required=("when", "reason", "source"),
        optional=("unless",),
    )
    when = _read_condition(fields["when"], _join(path, "when"), ctx, 0)
    unless = fields.get("unless")
    spared = None if unless is None else _read_condition(unless, _join(path, "unless"), ctx, 0)
    reason = _str(fields["reason"], _join(path, "reason"))
    source = _read_citation(fields["source"], _join(path, "source"), ctx)
    with _at(path):
        return Exclusion(when, unless=spared, reason=reason, source=source)


def _unknown(path: str, name: str, known: Mapping[str, object]) -> InvalidFieldError:
    return UnknownNameError.for_choices(path, name, known)


def _territory(data: object, path: str) -> frozenset[Jurisdiction]:
    out: set[Jurisdiction] = set()
    for _, item, where in _items(data, path, "a list of jurisdictions or territory names"):
        if not isinstance(item, str):
            raise DataError(where, "a jurisdiction or territory name", item)
        named = TERRITORIES.get(normalise_name(item))
        if named is not None:
            out |= named
            continue
        try:
            out.add(Jurisdiction.parse(item, where))
        except UnknownNameError:
            choices = [*(j.value for j in Jurisdiction), *TERRITORIES]
            err = UnknownNameError.for_choices(where, item, choices)
            raise DataError.at(where, err) from None
    if not out:
        raise DataError(path, "a list of at least one jurisdiction", data)
    return frozenset(out)


def _read_cover(data: object, path: str, ctx: _Context) -> Cover:
    fields = _fields(
        data,
        path,
        "a cover",
        required=("name", "matters", "activities", "territory", "source"),
        optional=("conditions", "exclusions", "limit", "option"),
    )
    name = _str(fields["name"], _join(path, "name"))
    matters = _names_in(fields["matters"], _join(path, "matters"), Matter.parse)
    activities = _names_in(fields["activities"], _join(path, "activities"), ActivityKind.parse)
    where = _territory(fields["territory"], _join(path, "territory"))
    source = _read_citation(fields["source"], _join(path, "source"), ctx)
    conditions = tuple(
        _read_requirement(item, at, ctx)
        for _, item, at in _items(
            fields.get("conditions", []), _join(path, "conditions"), "a list of requirements"
        )
    )
    exclusions = _read_exclusions(fields.get("exclusions", []), _join(path, "exclusions"), ctx)
    limit = fields.get("limit")
    option = fields.get("option")
    amount = None if limit is None else _int(limit, _join(path, "limit"))
    bought = None if option is None else _str(option, _join(path, "option"))
    with _at(path):
        return Cover(
            name=name,
            matters=matters,
            activities=activities,
            territory=where,
            source=source,
            conditions=conditions,
            exclusions=exclusions,
            limit=amount,
            option=bought,
        )


def _read_exclusions(data: object, path: str, ctx: _Context) -> tuple[Exclusion, ...]:
    return tuple(
        _read_exclusion(item, at, ctx) for _, item, at in _items(data, path, "a list of exclusions")
    )


def _enum(kind: type[E], data: object, path: str) -> E:
    with _at(path):
        return parse_enum(kind, path, data)


def _read_scheme(data: object, path: str, ctx: _Context) -> Scheme:
    fields = _fields(
        data,
        path,
        "a scheme",
        required=("key", "name", "operator", "kind", "basis", "covers", "source"),
        optional=("exclusions", "in_force"),
    )
    key = _str(fields["key"], _join(path, "key"))
    name = _str(fields["name"], _join(path, "name"))
    operator = _str(fields["operator"], _join(path, "operator"))
    kind = _enum(SchemeKind, fields["kind"], _join(path, "kind"))
    basis = _enum(Basis, fields["basis"], _join(path, "basis"))
    covers = tuple(
        _read_cover(item, at, ctx)
        for _, item, at in _items(fields["covers"], _join(path, "covers"), "a list of covers")
    )
    source = _read_citation(fields["source"], _join(path, "source"), ctx)
    exclusions = _read_exclusions(fields.get("exclusions", []), _join(path, "exclusions"), ctx)
    in_force = fields.get("in_force")
    period = (
        Period.always()
        if in_force is None
        else _read_period(in_force, _join(path, "in_force"), ctx)
    )
    with _at(path):
        return Scheme(key, name, operator, kind, basis, covers, source, exclusions, period)


def _read_period(data: object, path: str, ctx: _Context) -> Period:
    fields = _fields(data, path, "a period", required=("start",), optional=("end",))
    start = _date(fields["start"], _join(path, "start"))
    end = _optional_date(fields, "end", path)
    with _at(path):
        return Period(start, end)


def _read_activity(data: object, path: str, ctx: _Context) -> Activity:
    fields = _fields(
        data, path, "an activity", required=("kind",), optional=("facts", "description")
    )
    kind = _enum(ActivityKind, fields["kind"], _join(path, "kind"))
    where = _join(path, "facts")
    known: dict[Fact | str, object] = {}
    for name, value in _mapping(fields.get("facts", {}), where, "a mapping of facts").items():
        fact = _fact(name, _join(where, name))
        known[fact] = _fact_value(fact, value, _join(where, name))
    description = _str(fields.get("description", ""), _join(path, "description"), empty=True)
    with _at(path):
        return Activity(kind, known, description)


def _read_membership(data: object, path: str, ctx: _Context) -> MembershipPeriod:
    fields = _fields(
        data,
        path,
        "a membership period",
        required=("scheme", "period"),
        optional=("options", "retroactive_date", "run_off_end", "label"),
    )
    where = _join(path, "scheme")
    given = fields["scheme"]
    if isinstance(given, str):
        scheme = ctx.schemes.get(given)
        if scheme is None:
            if not ctx.schemes:
                raise DataError(where, "a scheme (no schemes were given to look keys up in)", given)
            raise DataError.at(where, _unknown(where, given, ctx.schemes))
    else:
        scheme = _read_scheme(given, where, ctx)
    period = _read_period(fields["period"], _join(path, "period"), ctx)
    options = [
        _str(item, at)
        for _, item, at in _items(
            fields.get("options", []), _join(path, "options"), "a list of option names"
        )
    ]
    retro = _optional_date(fields, "retroactive_date", path)
    run_off = _optional_date(fields, "run_off_end", path)
    label = _str(fields.get("label", ""), _join(path, "label"), empty=True)
    with _at(path):
        return MembershipPeriod(scheme, period, frozenset(options), retro, run_off, label)


def _read_portfolio(data: object, path: str, ctx: _Context) -> Portfolio:
    fields = _fields(data, path, "a portfolio", optional=("holder", "memberships"))
    memberships = tuple(
        _read_membership(item, at, ctx)
        for _, item, at in _items(
            fields.get("memberships", []), _join(path, "memberships"), "a list of memberships"
        )
    )
    holder = _str(fields.get("holder", ""), _join(path, "holder"), empty=True)
    with _at(path):
        return Portfolio(memberships, holder)


def _read_question(data: object, path: str, ctx: _Context) -> Question:
    fields = _fields(
        data,
        path,
        "a question",
        required=("activity", "on", "jurisdiction"),
        optional=("matter", "claimed_on"),
    )
    activity = _read_activity(fields["activity"], _join(path, "activity"), ctx)
    on = _date(fields["on"], _join(path, "on"))
    jurisdiction = fields["jurisdiction"]
    if not isinstance(jurisdiction, str):
        raise DataError(_join(path, "jurisdiction"), "a jurisdiction name", jurisdiction)
    with _at(_join(path, "jurisdiction")):
        place = Jurisdiction.parse(jurisdiction, _join(path, "jurisdiction"))
    matter = _enum(Matter, fields.get("matter", Matter.CLINICAL_NEGLIGENCE), _join(path, "matter"))
    claimed_on = _optional_date(fields, "claimed_on", path)
    with _at(path):
        return Question.ask(activity, on, place, matter=matter, claimed_on=claimed_on)


_Reader: TypeAlias = Callable[[object, str, _Context], Any]
_READERS: dict[type, _Reader] = {
    Citation: _read_citation,
    Requirement: _read_requirement,
    Exclusion: _read_exclusion,
    Cover: _read_cover,
    Scheme: _read_scheme,
    Period: _read_period,
    Activity: _read_activity,
    MembershipPeriod: _read_membership,
    Portfolio: _read_portfolio,
    Question: _read_question,
}
