"""The built-in schemes: loaded lazily from the TOML files in ``data/``, once.

The files are read with the standard library's `tomllib` through
`importlib.resources` (so they work from a wheel or a zip) and built with
`indemnity.codec.schemes_from_data`; a mistake in a file raises `DataError`
naming the file and the path inside it.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from types import MappingProxyType

import attrs

from indemnity.citation import Citation
from indemnity.codec import schemes_from_data
from indemnity.errors import DataError, UnknownNameError
from indemnity.jurisdiction import TERRITORIES, Jurisdiction
from indemnity.membership import MembershipPeriod
from indemnity.period import Period
from indemnity.portfolio import Portfolio
from indemnity.scheme import Basis, Scheme, SchemeKind

__all__ = [
    "DATA_FILES",
    "CatalogueEntry",
    "catalogue",
    "nhs_portfolio",
    "scheme",
    "schemes",
    "state_schemes",
    "territory_name",
]

DATA_FILES: tuple[str, ...] = ("nhs.toml", "mdo.toml", "trainee.toml", "corporate.toml")
"""The catalogue's data files, in the order the catalogue lists their schemes."""

_ANYWHERE = frozenset({"good-samaritan", "overseas-voluntary-work"})


@functools.cache
def _load() -> Mapping[str, Scheme]:
    found: dict[str, Scheme] = {}
    folder = resources.files("indemnity.uk").joinpath("data")
    for name in DATA_FILES:
        text = folder.joinpath(name).read_text(encoding="utf-8")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise DataError(name, "a valid TOML file", str(err)) from err
        for key, item in schemes_from_data(data, path=f"{name}:").items():
            if key in found:
                raise DataError(f"{name}:schemes", "keys unique across the catalogue", key)
            found[key] = item
    return MappingProxyType(found)


def schemes() -> Mapping[str, Scheme]:
    """Every built-in scheme, by key, in catalogue order (loaded on first use).

    Returns:
        A read-only mapping from scheme key (``"cnst"``) to `Scheme`.
    """
    return _load()


def scheme(key: str) -> Scheme:
    """The built-in scheme with `key`.

    >>> from indemnity import uk
    >>> uk.scheme("cnsgp").in_force
    Period(start=datetime.date(2019, 4, 1), end=None)

    Args:
        key: Its key, such as ``"cnst"``, ``"mdu"`` or ``"mduconnect"``.

    Returns:
        The scheme.

    Raises:
        UnknownNameError: no built-in scheme has that key (the nearest is suggested).
    """
    found = _load().get(key)
    if found is None:
        raise UnknownNameError.for_choices("scheme", key, _load())
    return found


def state_schemes() -> tuple[Scheme, ...]:
    """The state-backed NHS schemes of every UK jurisdiction.

    Returns:
        CNST, CNSGP, ELSGP, the NHS Wales bodies' scheme, GMPI, CNORIS and the
        HSC trusts' indemnity, in catalogue order.
    """
    return tuple(s for s in _load().values() if s.kind is SchemeKind.STATE_BACKED)


def nhs_portfolio(holder: str = "") -> Portfolio:
    """Every state-backed scheme, each held over the whole period it is in force.

    This is what stands behind NHS work whoever the employer is: each scheme's
    own rules decide whether it answers (its jurisdiction, who engaged the
    doctor, what kind of work). Add a doctor's own memberships to it with
    `Portfolio.add`.

    Args:
        holder: Whose portfolio it is, for people.

    Returns:
        A portfolio of one membership per state-backed scheme.
    """
    memberships = [MembershipPeriod(s, s.in_force, label=s.name) for s in state_schemes()]
    return Portfolio(tuple(memberships), holder)


def territory_name(jurisdictions: Iterable[Jurisdiction]) -> str:
    """A set of jurisdictions in words: a named territory if it is one, else the list.

    >>> from indemnity import UK, Jurisdiction, uk
    >>> uk.territory_name(UK)
    'uk'
    >>> uk.territory_name([Jurisdiction.ENGLAND, Jurisdiction.WALES])
    'england, wales'

    Args:
        jurisdictions: The jurisdictions.

    Returns:
        The name of the territory they make up (``"uk"``, ``"worldwide"``), or
        their values, sorted and joined by commas.
    """
    given = frozenset(jurisdictions)
    for name, members in TERRITORIES.items():
        if members == given:
            return name
    return ", ".join(sorted(j.value for j in given))


@attrs.frozen
class CatalogueEntry:
    """One line of the catalogue listing.

    Attributes:
        key: The scheme's key.
        name: Its full name.
        operator: Who runs it.
        kind: State-backed, discretionary membership or contractual insurance.
        basis: Occurrence or claims-made.
        jurisdictions: Where its covers apply, leaving out Good Samaritan and
            overseas voluntary work covers, which follow the doctor anywhere.
        in_force: The incident dates for which the scheme exists.
        source: Where the scheme comes from.
    """

    key: str
    name: str
    operator: str
    kind: SchemeKind
    basis: Basis
    jurisdictions: frozenset[Jurisdiction]
    in_force: Period
    source: Citation

    @classmethod
    def of(cls, scheme: Scheme) -> CatalogueEntry:
        """The entry for `scheme`."""
        home = [
            c.territory for c in scheme.covers if not {k.value for k in c.activities} <= _ANYWHERE
        ]
        return cls(
            scheme.key,
            scheme.name,
            scheme.operator,
            scheme.kind,
            scheme.basis,
            frozenset().union(*home),
            scheme.in_force,
            scheme.source,
        )

    @property
    def in_force_text(self) -> str:
        """The period in force in words ("from 2019-04-01", "before 2019-04-01", "always")."""
        return _period_text(self.in_force)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict of the entry."""
        return {
            "key": self.key,
            "name": self.name,
            "operator": self.operator,
            "kind": self.kind.value,
            "basis": self.basis.value,
            "jurisdictions": sorted(j.value for j in self.jurisdictions),
            "in_force": {
                "start": None
                if self.in_force.start == Period.always().start
                else str(self.in_force.start),
                "end": None if self.in_force.end is None else str(self.in_force.end),
            },
            "source": self.source.to_dict(),
        }


def _period_text(period: Period) -> str:
    bounded = period.start != Period.always().start
    if period.end is None:
        return f"from {period.start}" if bounded else "always"
    return f"from {period.start} to before {period.end}" if bounded else f"before {period.end}"


def catalogue() -> tuple[CatalogueEntry, ...]:
    """The catalogue listing: key, name, jurisdictions, basis, kind and period in force.

    Examples:
        >>> from indemnity import uk
        >>> [(e.key, e.basis.value) for e in uk.catalogue()][:2]
        [('cnst', 'occurrence'), ('cnsgp', 'occurrence')]

    Returns:
        One entry per built-in scheme, in catalogue order.
    """
    return tuple(CatalogueEntry.of(s) for s in _load().values())
