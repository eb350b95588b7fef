"""Built-in example people: portfolios of the UK catalogue's schemes, shipped as files.

Each person is a portfolio file in ``indemnity/uk/data/people/`` that names
catalogue schemes by key, so the people double as examples of the file
format (`indemnity.io.documents`). The command line asks about them with
``--person NAME``.

Examples:
    >>> from indemnity.uk.people import person
    >>> [m.scheme.key for m in person("consultant")]
    ['cnst', 'mdu']
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from indemnity._validate import find_name
from indemnity.errors import UnknownNameError

if TYPE_CHECKING:
    from indemnity.holdings.portfolio import Portfolio

# This module is light on purpose: `indemnity.uk` imports it when it is imported itself (its
# function `people` shares the module's name, and must be what `indemnity.uk.people` is), so
# the file formats and the catalogue load only when a person is asked for.

__all__ = ["DEMO", "PEOPLE", "WorkedExample", "people", "person", "person_file"]

PEOPLE: Mapping[str, str] = MappingProxyType(
    {
        "consultant": "an NHS consultant with private practice, in England",
        "gp-trainee": "a GP specialty trainee with Medical Protection's HEE block membership",
        "locum": "a locum GP in England and Wales who switched MDO with a month's gap",
        "provider": "a provider company with a claims-made corporate policy (MDUConnect)",
    }
)
"""The built-in people's names, each with what kind of person it is."""


def person_file(name: str) -> str:
    """Where the file of the person called `name` is, for people to read and copy.

    Args:
        name: One of `PEOPLE` (case and spacing forgiven).

    Returns:
        The file's path inside the installed package.

    Raises:
        UnknownNameError: no built-in person has that name (the nearest is suggested).
    """
    return os.path.join(os.path.dirname(__file__), "data", "people", f"{_key(name)}.toml")


def _key(name: object) -> str:
    """The key of the person `name` names, case and spacing forgiven as for every name."""
    found = find_name({key: key for key in PEOPLE}, name)
    if found is None:
        raise UnknownNameError.for_choices("person", name, PEOPLE)
    return found


def person(name: str) -> Portfolio:
    """The portfolio of the built-in person called `name`.

    Args:
        name: One of `PEOPLE`: ``"consultant"``, ``"gp-trainee"``, ``"locum"``
            or ``"provider"`` (case and spacing forgiven: ``"GP trainee"``).

    Returns:
        The person's portfolio, its memberships naming the catalogue's schemes.

    Raises:
        UnknownNameError: no built-in person has that name (the nearest is suggested).
    """
    return _person(_key(name))


@functools.cache
def _person(key: str) -> Portfolio:
    from indemnity.io.documents import load_portfolio  # noqa: PLC0415 - see the imports above
    from indemnity.uk.registry import catalogue  # noqa: PLC0415

    return load_portfolio(person_file(key), catalogue=catalogue())


def people() -> dict[str, Portfolio]:
    """Every built-in person's portfolio, by name, in the order of `PEOPLE`."""
    return {name: person(name) for name in PEOPLE}


class WorkedExample(NamedTuple):
    """A question about a built-in person, as the command line shows it with no arguments.

    Attributes:
        person: The person's name (one of `PEOPLE`).
        kind: The kind of activity.
        on: The incident date.
        jurisdiction: Where.
        facts: What is known, by fact name.
    """

    person: str
    kind: str
    on: _dt.date
    jurisdiction: str
    facts: Mapping[str, object]


DEMO = WorkedExample(
    "consultant", "private-practice", _dt.date(2025, 3, 10), "england", {"declared": True}
)
"""The worked example: a consultant's declared private practice, covered by the MDU."""
