"""What the library's attrs classes share: one ``__repr__``, written once.

attrs writes a ``__repr__`` for each class it builds, compiling it when the
class is created, so every class adds to what a new process pays before its
first answer. The classes of this library take this one instead: the same
text as attrs' (``Period(start=datetime.date(2019, 4, 1), end=None)``),
honouring each field's ``repr`` option, compiled once with this module.

>>> import attrs
>>> @attrs.frozen
... class Point:
...     x: int
...     y: int = attrs.field(repr=False)
...     __repr__ = fields_repr
>>> Point(1, 2)
Point(x=1)
"""

from __future__ import annotations

__all__ = ["fields_repr"]


def fields_repr(self: object) -> str:
    """``Name(field=value, ...)``, as attrs writes it, over the fields shown in reprs."""
    parts = []
    for field in type(self).__attrs_attrs__:  # type: ignore[attr-defined]
        shown = field.repr
        if shown is False:
            continue
        value = getattr(self, field.name)
        parts.append(f"{field.name}={repr(value) if shown is True else shown(value)}")
    return f"{type(self).__qualname__}({', '.join(parts)})"
