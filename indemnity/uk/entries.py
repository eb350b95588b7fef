"""The catalogue listing: one line per built-in scheme, for the docs and the command line."""

from __future__ import annotations

import attrs

from indemnity.model.basis import Basis, SchemeKind
from indemnity.model.citation import Citation
from indemnity.model.period import Period
from indemnity.model.terms import Jurisdiction
from indemnity.rules.scheme import Scheme
from indemnity.uk.registry import schemes

__all__ = ["CatalogueEntry", "listing"]

_ANYWHERE = frozenset({"good-samaritan", "overseas-voluntary-work"})


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
            c.territory for c in scheme.covers if not {k.name for k in c.activities} <= _ANYWHERE
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
        period = self.in_force
        bounded = period.start != Period.always().start
        if period.end is None:
            return f"from {period.start}" if bounded else "always"
        return f"from {period.start} to before {period.end}" if bounded else f"before {period.end}"


def listing() -> tuple[CatalogueEntry, ...]:
    """The catalogue listing: key, name, jurisdictions, basis, kind and period in force.

    Examples:
        >>> from indemnity import uk
        >>> [(e.key, e.basis.value) for e in uk.listing()][:2]
        [('cnst', 'occurrence'), ('els', 'occurrence')]

    Returns:
        One entry per built-in scheme, in catalogue order.
    """
    return tuple(CatalogueEntry.of(s) for s in schemes().values())
