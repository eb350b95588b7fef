"""The built-in UK catalogue: its vocabulary, sources and schemes, read from ``data/``, once.

The files are catalogue documents of the library's own format, read through
the same safe loader as any user's file (`indemnity.io.documents.load_catalogue`),
from the installed package (so they work from a wheel or a zip); a mistake in
one raises `FileFormatError` naming the file and the path inside it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from importlib import resources

import attrs

from indemnity.holdings.membership import MembershipPeriod
from indemnity.holdings.portfolio import Portfolio
from indemnity.io.documents import Catalogue, load_catalogue
from indemnity.io.parse import MAX_BYTES
from indemnity.model.basis import Basis, SchemeKind
from indemnity.model.citation import Citation
from indemnity.model.period import Period
from indemnity.model.terms import Jurisdiction
from indemnity.model.vocabulary import Vocabulary
from indemnity.rules.scheme import Scheme
from indemnity.uk._cache import cached

__all__ = [
    "DATA_FILES",
    "CatalogueEntry",
    "catalogue",
    "cite",
    "listing",
    "nhs_portfolio",
    "scheme",
    "schemes",
    "state_schemes",
    "territory_name",
    "vocabulary",
]

DATA_FILES: tuple[str, ...] = (
    "vocabulary.toml",
    "sources.toml",
    "nhs.toml",
    "mdo.toml",
    "trainee.toml",
    "corporate.toml",
)
"""The catalogue's data files, in the order they are read: words, sources, then schemes."""

_ANYWHERE = frozenset({"good-samaritan", "overseas-voluntary-work"})


def _read(name: str) -> bytes:
    with resources.files("indemnity.uk").joinpath("data", name).open("rb") as stream:
        return stream.read(MAX_BYTES + 1)


@functools.cache
def catalogue() -> Catalogue:
    """The built-in UK catalogue: its vocabulary (with its sources) and its schemes by key.

    The first process to read the files caches what it built in the user's
    cache folder, and later processes load that while the files and the
    library are unchanged (see `indemnity.uk._cache`; ``INDEMNITY_CACHE=off``
    turns it off).

    Returns:
        The catalogue, read from the data files on first use.
    """
    files = tuple((name, _read(name)) for name in DATA_FILES)
    return cached("uk-catalogue", files, lambda: load_catalogue(files, name="uk"), Catalogue)


def vocabulary() -> Vocabulary:
    """The UK vocabulary: facts, values, kinds of work, matters, places and sources.

    >>> from indemnity import uk
    >>> uk.vocabulary().fact("nhs_patient").ask()
    'Is the patient an NHS patient?'
    """
    return catalogue().vocabulary


def cite(source: str, quote: str = "", note: str = "", *, verified: bool = True) -> Citation:
    """A citation of a source of the UK catalogue, by id.

    Raises:
        UnknownNameError: no source of the catalogue has that id.
    """
    return Citation(vocabulary().source(source, "source"), quote, note, verified)


def schemes() -> Mapping[str, Scheme]:
    """Every built-in scheme, by key, in catalogue order (loaded on first use).

    Returns:
        A read-only mapping from scheme key (``"cnst"``) to `Scheme`.
    """
    return catalogue().schemes


def scheme(key: str) -> Scheme:
    """The built-in scheme with `key`.

    >>> from indemnity import uk
    >>> uk.scheme("cnsgp").in_force
    Period(start=datetime.date(2019, 4, 1), end=None)

    Args:
        key: Its key, such as ``"cnst"``, ``"mdu"`` or ``"mduconnect"`` (case forgiven).

    Returns:
        The scheme.

    Raises:
        UnknownNameError: no built-in scheme has that key (the nearest is suggested).
    """
    return catalogue().scheme(key)


def state_schemes() -> tuple[Scheme, ...]:
    """The state-backed NHS schemes of every UK jurisdiction, in catalogue order."""
    return tuple(s for s in schemes().values() if s.kind is SchemeKind.STATE_BACKED)


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


def territory_name(jurisdictions: Iterable[Jurisdiction | str]) -> str:
    """A set of jurisdictions in words: a named territory if it is one, else the list.

    >>> from indemnity import uk
    >>> uk.territory_name(uk.UK)
    'uk'
    >>> uk.territory_name(["england", "wales"])
    'england, wales'
    """
    words = vocabulary()
    return words.territory_name(words.jurisdiction(j) for j in jurisdictions)


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
