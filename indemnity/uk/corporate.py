"""MDUConnect, the MDU's claims-made corporate policy, with its limit of indemnity.

The catalogue's ``"mduconnect"`` scheme leaves the limit unset: "Various
limits of indemnity are available". A policy is bought with one;
`mduconnect` builds the scheme with that limit on every head of cover, or a
limit per head.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from indemnity.errors import InvalidFieldError, UnknownNameError
from indemnity.model.terms import Matter
from indemnity.rules.scheme import Scheme
from indemnity.uk.registry import scheme, vocabulary

__all__ = ["MDUCONNECT", "mduconnect"]

MDUCONNECT = "mduconnect"
"""The key of the MDUConnect policy in the catalogue."""


def _pounds(field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidFieldError(field, "a positive whole number of pounds", value)
    return value


def mduconnect(
    limit: int | None = None, *, limits: Mapping[Matter | str, int] | None = None
) -> Scheme:
    """The MDUConnect policy with a limit of indemnity.

    >>> from indemnity import uk
    >>> policy = uk.mduconnect(5_000_000, limits={"loss-of-documents": 250_000})
    >>> policy.cover("defamation").limit, policy.cover("loss of documents").limit
    (5000000, 250000)

    Args:
        limit: The limit in pounds for every head of cover, or None to leave it unset.
        limits: Limits in pounds for some heads, by matter (``"defamation"``);
            these win over `limit`.

    Returns:
        The ``"mduconnect"`` scheme with the limits set.

    Raises:
        InvalidFieldError: a limit is not a positive whole number of pounds.
        UnknownNameError: a matter in `limits` is not a head of the policy.
    """
    policy = scheme(MDUCONNECT)
    default = None if limit is None else _pounds("limit", limit)
    by_matter: dict[Matter, int] = {}
    heads = policy.matters
    for key, value in (limits or {}).items():
        matter = vocabulary().matter(key, "limits")
        if matter not in heads:
            raise UnknownNameError.for_choices("limits", key, (m.name for m in heads))
        by_matter[matter] = _pounds(f"limits[{matter.name!r}]", value)
    covers = []
    for cover in policy.covers:
        chosen = [by_matter[m] for m in sorted(cover.matters) if m in by_matter]
        covers.append(attrs.evolve(cover, limit=chosen[0] if chosen else default))
    return attrs.evolve(policy, covers=tuple(covers))
