"""Lazy namespaces (PEP 562): a package's public names loaded on first use.

`indemnity` and `indemnity.uk` each name where every public name lives, and
load that module only when the name is first read, so a process pays only for
what it uses. Both take their module ``__getattr__`` and ``__dir__`` from
`lazy_names`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection, Mapping

__all__ = ["lazy_names"]


def lazy_names(
    package: str,
    where: Mapping[str, str],
    namespace: dict[str, object],
    modules: Collection[str] = (),
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a package whose names load on first use.

    Args:
        package: The package's name, for the error a name it lacks raises.
        where: Each public name and the module that defines it.
        namespace: The package's ``globals()``: each name is kept there once
            loaded, so the module is looked up once.
        modules: The names that are modules themselves (the value is the
            module, not an attribute of it).

    Returns:
        The two functions, to be bound as the package's ``__getattr__`` and
        ``__dir__``.
    """

    def __getattr__(name: str) -> object:  # noqa: N807 - the name PEP 562 looks up
        try:
            module = where[name]
        except KeyError:
            msg = f"module {package!r} has no attribute {name!r}"
            raise AttributeError(msg) from None
        loaded = importlib.import_module(module)
        value = loaded if name in modules else getattr(loaded, name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:  # noqa: N807 - the name dir() looks up
        return sorted({*namespace, *where})

    return __getattr__, __dir__
