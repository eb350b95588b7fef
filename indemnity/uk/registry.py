"""The built-in UK catalogue: its vocabulary, sources and schemes, read from ``data/``, once.

The files are catalogue documents of the library's own format, read through
the same safe loader as any user's file (`indemnity.io.documents.load_catalogue`),
from the installed package through its loader (so they work from a wheel or a
zip); a mistake in one raises `FileFormatError` naming the file and the path
inside it. A process that finds the catalogue in its cache (`indemnity.uk._cache`)
never loads the file formats at all.
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
from collections.abc import Iterable, Mapping

from indemnity._validate import check_optional_date
from indemnity.holdings.catalogue import Catalogue
from indemnity.holdings.membership import MembershipPeriod
from indemnity.holdings.portfolio import Portfolio
from indemnity.model.basis import SchemeKind
from indemnity.model.citation import Citation
from indemnity.model.period import Period
from indemnity.model.terms import Jurisdiction
from indemnity.model.vocabulary import Vocabulary
from indemnity.rules.scheme import Scheme
from indemnity.uk._cache import cached

__all__ = [
    "DATA_FILES",
    "catalogue",
    "cite",
    "nhs_employment",
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

_DATA = os.path.join(os.path.dirname(__file__), "data")


def _read(name: str) -> bytes:
    """A data file's bytes, through the package's loader (a folder, a wheel or a zip)."""
    loader = __spec__.loader
    if loader is not None and hasattr(loader, "get_data"):
        return bytes(loader.get_data(os.path.join(_DATA, name)))
    with open(os.path.join(_DATA, name), "rb") as stream:  # pragma: no cover - no loader
        return stream.read()


def _build(files: tuple[tuple[str, bytes], ...]) -> Catalogue:
    """The catalogue read from its files (the file formats load here, and only here)."""
    from indemnity.io.documents import load_catalogue  # noqa: PLC0415 - not needed from the cache

    return load_catalogue(files, name="uk")


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
    return cached("uk-catalogue", files, lambda: _build(files), Catalogue)


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


def nhs_employment(
    since: _dt.date | None = None, until: _dt.date | None = None
) -> tuple[MembershipPeriod, ...]:
    """NHS employment: the one way to say a doctor works for the NHS, in any UK nation.

    NHS indemnity is the NHS body's, not the doctor's: the body the work is
    for answers through its own nation's scheme (CNST in England, the NHS
    Wales bodies' scheme, CNORIS in Scotland, the HSC trusts in Northern
    Ireland, and the general practice schemes). So NHS employment is every
    state-backed scheme, each answering by its own rules: where the work is
    done (the question's jurisdiction, read as the nation of the NHS body the
    work is for), who engaged the doctor, what kind of work. An English
    trust's doctor doing a shift for a Scottish board is covered by CNORIS,
    not CNST; work outside the UK by none of them.

    A membership of one state scheme alone (``uk.scheme("cnst")``) says
    less: that scheme and no other, so it answers NOT_COVERED for NHS work in
    another nation. Use it only to ask about that scheme.

    Examples:
        >>> from datetime import date
        >>> from indemnity import Activity, Portfolio, uk
        >>> shift = Activity.of("nhs-contracted-care", engaged_by="nhs-body")
        >>> nhs = Portfolio(uk.nhs_employment(since=date(2012, 8, 1)))
        >>> [g.scheme for g in nhs.is_covered(shift, date(2025, 3, 10), "scotland").grounds]
        ['cnoris']

    Args:
        since: The first day of the doctor's NHS work, for any NHS body in any
            nation; None (the default) when it is unknown or does not
            matter ("I work for the NHS now"): each scheme then answers for
            every date it is in force, and whether the work in question was
            for an NHS body (``engaged_by``) decides, never a guess about
            when the employment began.
        until: The first day without NHS work, or None while it goes on.

    Returns:
        One membership per state-backed scheme in force on some day from
        `since` to `until`, in catalogue order, each over those days within
        the scheme's period in force and labelled with the scheme's name. Add
        them to a portfolio (`Portfolio.add`) beside the doctor's own memberships.

    Raises:
        InvalidFieldError: a date is not a date, or `until` is not after `since`.
    """
    first = check_optional_date("nhs_employment.since", since)
    end = check_optional_date("nhs_employment.until", until)
    employed = Period(Period.always().start if first is None else first, end)
    out = []
    for s in state_schemes():
        held = employed.intersection(s.in_force)
        if held is not None:
            out.append(MembershipPeriod(s, held, label=s.name))
    return tuple(out)


def nhs_portfolio(holder: str = "") -> Portfolio:
    """A portfolio of NHS employment, with no dates: `nhs_employment` () held by `holder`.

    This is what stands behind NHS work whoever the employer is: each scheme's
    own rules decide whether it answers (its jurisdiction, who engaged the
    doctor, what kind of work). Add a doctor's own memberships to it with
    `Portfolio.add`.

    Args:
        holder: Whose portfolio it is, for people.

    Returns:
        A portfolio of one membership per state-backed scheme, each over the
        whole period it is in force.
    """
    return Portfolio(nhs_employment(), holder)


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
