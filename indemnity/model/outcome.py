"""The three answers to a coverage question: covered, not covered, undetermined."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Outcome"]


class Outcome(StrEnum):
    """The three answers to a coverage question."""

    COVERED = "covered"
    NOT_COVERED = "not-covered"
    UNDETERMINED = "undetermined"

    @property
    def words(self) -> str:
        """The outcome as it reads in a sentence: "covered", "not covered", "still open"."""
        return _WORDS[self]


_WORDS = {
    Outcome.COVERED: "covered",
    Outcome.NOT_COVERED: "not covered",
    Outcome.UNDETERMINED: "still open",
}
