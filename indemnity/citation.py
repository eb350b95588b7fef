"""Where a rule comes from."""

from __future__ import annotations

import attrs

from indemnity._validate import check_str
from indemnity.errors import InvalidFieldError

__all__ = ["Citation"]


def _source(value: object) -> str:
    return check_str("Citation.source", value).strip()


def _quote(value: object) -> str:
    return check_str("Citation.quote", value, allow_empty=True).strip()


def _note(value: object) -> str:
    return check_str("Citation.note", value, allow_empty=True).strip()


def _verified(value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidFieldError("Citation.verified", "true or false", value)
    return value


@attrs.frozen
class Citation:
    """The source a rule comes from, with a short quote or reference.

    Attributes:
        source: The document: a seed file name (``"003_050a7f98c6f2333b.txt"``),
            a statute (``"SI 2019/334"``) or an operator's page.
        quote: A short quote from the source that states the rule.
        note: A reference or comment (a section number, why a default was chosen).
        verified: False when the fact is not settled by the sources; the
            library then treats it as a parameter with a default.
    """

    source: str = attrs.field(converter=_source)
    quote: str = attrs.field(default="", converter=_quote)
    note: str = attrs.field(default="", converter=_note)
    verified: bool = attrs.field(default=True, converter=_verified)

    def __str__(self) -> str:
        parts = [self.source]
        if self.quote:
            parts.append(f'"{self.quote}"')
        if self.note:
            parts.append(f"({self.note})")
        if not self.verified:
            parts.append("[unverified]")
        return ": ".join(parts[:2]) + "".join(" " + p for p in parts[2:])

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict of the citation."""
        return {
            "source": self.source,
            "quote": self.quote,
            "note": self.note,
            "verified": self.verified,
        }
