"""Where a rule comes from: a source document and a short quote from it."""

from __future__ import annotations

import attrs

from indemnity._records import fields_repr
from indemnity._validate import check_str
from indemnity.errors import InvalidFieldError
from indemnity.model.terms import Source
from indemnity.model.vocabulary import active_vocabulary

__all__ = ["Citation"]


def _source(value: object) -> Source:
    if isinstance(value, Source):
        return value
    if isinstance(value, str):
        return active_vocabulary().source(value.strip(), "Citation.source")
    raise InvalidFieldError("Citation.source", "a Source or a source id", value)


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
        source: The document: a `Source`, or its id in the active vocabulary's
            sources (``"si-2019-334"``).
        quote: A short verbatim quote from the source that states the rule.
        note: A reference or comment (a section number, why a default was chosen).
        verified: False when the sources do not settle the fact: the rule is
            then a parameter with a default, and an answer resting on it says so.

    Raises:
        UnknownNameError: `source` is an id no source has (the nearest is suggested).
    """

    __repr__ = fields_repr

    source: Source = attrs.field(converter=_source)
    quote: str = attrs.field(default="", converter=_quote)
    note: str = attrs.field(default="", converter=_note)
    verified: bool = attrs.field(default=True, converter=_verified)

    def __str__(self) -> str:
        text = str(self.source)
        if self.quote:
            text += f': "{self.quote}"'
        if self.note:
            text += f" ({self.note})"
        if not self.verified:
            text += " [unverified]"
        return text
