"""What the library falls back on when a caller names no vocabulary or catalogue.

The core knows no vocabulary of its own: which words an activity may use and
which schemes a portfolio file may name by key are data, given by a catalogue
package. The package facade (``indemnity/__init__.py``) names the built-in UK
catalogue here once, as functions that load it on first use; the layers below
ask for it by role and never import the catalogue themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal

__all__ = ["MADE", "Role", "default", "provide"]

Role = Literal["vocabulary", "catalogue"]
"""What a default stands for: the words of activities, or the schemes files name by key."""

_PROVIDERS: dict[str, Callable[[], object]] = {}
_MADE: dict[str, object] = {}
MADE: Mapping[str, object] = _MADE
"""The defaults made so far, by role: read directly on hot paths (`default` makes them)."""
_MAKING: set[str] = set()


def provide(role: Role, provider: Callable[[], object]) -> None:
    """Name the function that gives the default for `role`, called once on first use.

    Args:
        role: ``"vocabulary"`` or ``"catalogue"``.
        provider: A function of no arguments returning the default.
    """
    _PROVIDERS[role] = provider
    _MADE.pop(role, None)


def default(role: Role) -> object | None:
    """The default for `role`, made on first use; None when nothing provides one.

    Args:
        role: ``"vocabulary"`` or ``"catalogue"``.

    Returns:
        What the provider gave (the same object on every call), or None.
    """
    try:
        return _MADE[role]
    except KeyError:
        provider = _PROVIDERS.get(role)
        if provider is None:
            return None
        if role in _MAKING:
            msg = f"the default {role} was asked for while it was being made"
            raise RuntimeError(msg) from None
        _MAKING.add(role)
        try:
            made = _MADE[role] = provider()
        finally:
            _MAKING.discard(role)
        return made
