"""Tests for the repr every attrs class of the library shares (`indemnity._records`)."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil

import attrs
import pytest

import indemnity
from indemnity._records import fields_repr


@attrs.frozen
class _ByAttrs:
    """A class whose repr attrs writes."""

    name: str
    when: dt.date
    hidden: int = attrs.field(default=0, repr=False)
    shown: tuple[int, ...] = attrs.field(default=(), repr=lambda v: f"<{len(v)} items>")
    _private: str = "p"
    nothing: object = None


@attrs.frozen
class _Shared:
    """The same fields, with the shared repr."""

    __repr__ = fields_repr

    name: str
    when: dt.date
    hidden: int = attrs.field(default=0, repr=False)
    shown: tuple[int, ...] = attrs.field(default=(), repr=lambda v: f"<{len(v)} items>")
    _private: str = "p"
    nothing: object = None


@pytest.mark.parametrize(
    "args",
    [
        ("a", dt.date(2019, 4, 1)),
        ('it\'s "quoted"\n', dt.date(1, 1, 1), 5, (1, 2, 3), "x", {"k": [1, None]}),
        ("", dt.date(9999, 12, 31), -1, (), "", _ByAttrs("inner", dt.date(2020, 1, 1))),
    ],
)
def test_the_shared_repr_is_the_text_attrs_writes(args):
    """Fields hidden from the repr, a field's own repr function, private names, nesting."""
    expected = repr(_ByAttrs(*args)).replace("_ByAttrs(", "_Shared(", 1)
    assert repr(_Shared(*args)) == expected


def _library_classes():
    for found in pkgutil.walk_packages(indemnity.__path__, "indemnity."):
        if found.name == "indemnity.__main__":
            continue
        module = importlib.import_module(found.name)
        for name, value in vars(module).items():
            if isinstance(value, type) and value.__module__ == found.name and attrs.has(value):
                yield f"{found.name}.{name}", value


def test_no_class_of_the_library_has_attrs_write_its_repr():
    """Each attrs class has its own __repr__ or the shared one, none compiled by attrs."""
    generated = [
        name
        for name, cls in _library_classes()
        if cls.__repr__.__code__.co_filename.startswith("<attrs generated")
    ]
    assert generated == []
    assert sum(cls.__repr__ is fields_repr for _, cls in _library_classes()) > 50
