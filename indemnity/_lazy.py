"""Lazy namespaces (PEP 562) and modules: what a process does not use, it does not load.

`indemnity` and `indemnity.uk` each name where every public name lives, and
load that module only when the name is first read, so a process pays only for
what it uses. Both take their module ``__getattr__`` and ``__dir__`` from
`lazy_names`.

Inside the library, a module that needs another only in some of its functions
(the settling sets of an undetermined answer, the class of a question) names
it with `lazy_module`: the other module loads the first time one of its names
is read, and from then on the name is the module itself.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection, Mapping

__all__ = ["lazy_module", "lazy_names"]


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


class _LazyModule:
    """Stands for a module until one of its names is first read, then hands over to it."""

    __slots__ = ("_name", "_namespace")

    def __init__(self, name: str, namespace: dict[str, object]) -> None:
        self._name = name
        self._namespace = namespace

    def __getattr__(self, attribute: str) -> object:
        module = importlib.import_module(self._name)
        for key, value in list(self._namespace.items()):
            if value is self:
                self._namespace[key] = module
        return getattr(module, attribute)

    def __repr__(self) -> str:
        return f"<module {self._name!r}, loaded on first use>"


def lazy_module(name: str, namespace: dict[str, object]) -> object:
    """A stand-in for module `name`, for a module-level name in `namespace`, loaded on first use.

    The first name read through it loads the module, and every name of
    `namespace` bound to the stand-in is bound to the module instead, so
    later reads are plain module attribute reads. Type checkers see the real
    module: bind the stand-in where they do not look::

        if TYPE_CHECKING:
            from indemnity.model import settling as _settling
        else:
            _settling = lazy_module("indemnity.model.settling", globals())

    Args:
        name: The module's full name.
        namespace: The ``globals()`` of the module that binds the stand-in.

    Returns:
        The stand-in.
    """
    return _LazyModule(name, namespace)
