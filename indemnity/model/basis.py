"""What kind of promise an arrangement makes, and which date decides whether it answers."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Basis", "SchemeKind"]


class SchemeKind(StrEnum):
    """What kind of promise a scheme makes."""

    STATE_BACKED = "state-backed"
    """A state indemnity scheme for public bodies or public services."""
    DISCRETIONARY = "discretionary-membership"
    """Membership of a mutual (an MDO): the member may ask for help; the mutual decides."""
    CONTRACTUAL_INSURANCE = "contractual-insurance"
    """An insurance policy: a contract, answering on its terms."""

    @property
    def promise(self) -> str:
        """What the promise is, in words, as an answer states it."""
        return _PROMISES[self]


_PROMISES = {
    SchemeKind.STATE_BACKED: (
        "state-backed indemnity: the body's scheme answers for its liabilities"
    ),
    SchemeKind.DISCRETIONARY: (
        "discretionary: membership gives the right to request assistance, which the "
        "organisation decides at its discretion"
    ),
    SchemeKind.CONTRACTUAL_INSURANCE: "contractual insurance: the policy answers on its terms",
}


class Basis(StrEnum):
    """Which date decides cover."""

    OCCURRENCE = "occurrence"
    """The incident must happen while the arrangement is in force."""
    CLAIMS_MADE = "claims-made"
    """The claim must be made while the policy (or its run-off) is in force,
    for an incident on or after the retroactive date."""
