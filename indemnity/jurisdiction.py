"""Where an activity happens: jurisdictions and territories.

A territory is a plain `frozenset` of `Jurisdiction` members; the named ones
below cover the common cases. The Crown Dependencies (Isle of Man, Jersey,
Guernsey) are not part of the UK: NHS schemes do not reach them.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from indemnity._validate import normalise_name, parse_enum
from indemnity.errors import InvalidFieldError, UnknownNameError

__all__ = [
    "BRITISH_ISLES",
    "CROWN_DEPENDENCIES",
    "GREAT_BRITAIN",
    "TERRITORIES",
    "UK",
    "WORLDWIDE",
    "Jurisdiction",
    "Territory",
    "territory",
]


class Jurisdiction(StrEnum):
    """A legal jurisdiction in which an activity takes place.

    `Jurisdiction.parse` accepts the member, its value or a loose spelling
    (``"Northern Ireland"``, ``"northern_ireland"``), and the abbreviations
    ``"NI"`` and ``"IoM"``.
    """

    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"
    ISLE_OF_MAN = "isle-of-man"
    JERSEY = "jersey"
    GUERNSEY = "guernsey"
    OVERSEAS = "overseas"

    @classmethod
    def parse(cls, value: object, field: str = "jurisdiction") -> Jurisdiction:
        """Return the jurisdiction `value` names.

        Raises:
            UnknownNameError: `value` names no jurisdiction.
            InvalidFieldError: `value` is not a string or a `Jurisdiction`.
        """
        if isinstance(value, str) and normalise_name(value) in _ABBREVIATIONS:
            return _ABBREVIATIONS[normalise_name(value)]
        return parse_enum(cls, field, value)

    @property
    def label(self) -> str:
        """The name as written in prose ("Northern Ireland")."""
        return _LABELS[self]


_ABBREVIATIONS = {"ni": Jurisdiction.NORTHERN_IRELAND, "iom": Jurisdiction.ISLE_OF_MAN}
_LABELS = {
    Jurisdiction.ENGLAND: "England",
    Jurisdiction.WALES: "Wales",
    Jurisdiction.SCOTLAND: "Scotland",
    Jurisdiction.NORTHERN_IRELAND: "Northern Ireland",
    Jurisdiction.ISLE_OF_MAN: "Isle of Man",
    Jurisdiction.JERSEY: "Jersey",
    Jurisdiction.GUERNSEY: "Guernsey",
    Jurisdiction.OVERSEAS: "overseas",
}

Territory = frozenset[Jurisdiction]
"""A set of jurisdictions where a cover applies."""

GREAT_BRITAIN: Territory = frozenset(
    {Jurisdiction.ENGLAND, Jurisdiction.WALES, Jurisdiction.SCOTLAND}
)
"""England, Wales and Scotland."""

UK: Territory = GREAT_BRITAIN | {Jurisdiction.NORTHERN_IRELAND}
"""The United Kingdom: Great Britain and Northern Ireland."""

CROWN_DEPENDENCIES: Territory = frozenset(
    {Jurisdiction.ISLE_OF_MAN, Jurisdiction.JERSEY, Jurisdiction.GUERNSEY}
)
"""The Isle of Man, Jersey and Guernsey: outside the UK."""

BRITISH_ISLES: Territory = UK | CROWN_DEPENDENCIES
"""The UK and the Crown Dependencies."""

WORLDWIDE: Territory = frozenset(Jurisdiction)
"""Everywhere, overseas included."""

TERRITORIES: dict[str, Territory] = {
    "great-britain": GREAT_BRITAIN,
    "uk": UK,
    "crown-dependencies": CROWN_DEPENDENCIES,
    "british-isles": BRITISH_ISLES,
    "worldwide": WORLDWIDE,
}
"""The named territories, by the names files and the command line use."""


def territory(*names: object, field: str = "territory") -> Territory:
    """Build a territory from jurisdictions, their names, or territory names.

    >>> territory("uk", "isle of man") == UK | {Jurisdiction.ISLE_OF_MAN}
    True

    Raises:
        UnknownNameError: a name is neither a jurisdiction nor a territory.
    """
    out: set[Jurisdiction] = set()
    for i, name in enumerate(_flatten(names, field)):
        if isinstance(name, str) and normalise_name(name) in TERRITORIES:
            out |= TERRITORIES[normalise_name(name)]
            continue
        try:
            out.add(Jurisdiction.parse(name, f"{field}[{i}]"))
        except UnknownNameError:
            choices = [j.value for j in Jurisdiction] + list(TERRITORIES)
            raise UnknownNameError.for_choices(f"{field}[{i}]", name, choices) from None
    return frozenset(out)


def _flatten(names: Iterable[object], field: str) -> list[object]:
    flat: list[object] = []
    for name in names:
        if isinstance(name, (set, frozenset, list, tuple)):
            flat.extend(name)
        elif isinstance(name, (str, Jurisdiction)):
            flat.append(name)
        else:
            raise InvalidFieldError(field, "jurisdictions or territory names", name)
    return flat
