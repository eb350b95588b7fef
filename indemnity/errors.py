"""The errors the library raises.

Every error raised on bad input is an `IndemnityError`, itself a `ValueError`,
so code that already catches `ValueError` keeps working. Each one names the
field, what was expected and what was given::

    IndemnityError(ValueError)
    ├── InvalidFieldError           a field got a value of the wrong type or shape
    │   ├── UnknownNameError        a name (jurisdiction, matter, fact, ...) nobody defined
    │   ├── InvalidPeriodError      a period whose end is not after its start
    │   └── DataError               data (a dict, a file) that describes no valid object
    │       └── FileFormatError     a file that cannot be read: names the file and the path in it
    └── AmbiguousDecisionError      bool() of a Decision: ask .covered or match .outcome
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from enum import Enum

__all__ = [
    "AmbiguousDecisionError",
    "DataError",
    "FileFormatError",
    "IndemnityError",
    "InvalidFieldError",
    "InvalidPeriodError",
    "UnknownNameError",
]


class IndemnityError(ValueError):
    """Base class of every error the library raises on bad input."""


class InvalidFieldError(IndemnityError):
    """A field was given a value of the wrong type, range or shape.

    Attributes:
        field: Dotted name of the field, such as ``"Period.end"``.
        expected: What the field accepts, in words.
        got: The value that was given.
    """

    def __init__(self, field: str, expected: str, got: object, *, detail: str = "") -> None:
        self.field = field
        self.expected = expected
        self.got = got
        msg = f"{field!r} expected {expected}, got {_show(got)}"
        if detail:
            msg = f"{msg}: {detail}"
        super().__init__(msg)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), str(self), self.field, self.expected, self.got))


class UnknownNameError(InvalidFieldError):
    """A name that is not one of the known choices (with the closest suggestion)."""

    @classmethod
    def for_choices(cls, field: str, got: object, choices: Iterable[str]) -> UnknownNameError:
        """Build the error for `got` not being among `choices`, suggesting the nearest."""
        names = sorted(choices)
        close = _close(str(got), names)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        expected = "one of " + ", ".join(repr(n) for n in names)
        err = cls(field, expected, got)
        err.args = (str(err) + hint,)
        return err


class InvalidPeriodError(InvalidFieldError):
    """A period whose end is not after its start."""

    @classmethod
    def end_before_start(cls, field: str, start: object, end: object) -> InvalidPeriodError:
        """Build the error for a period ending on or before it starts."""
        err = cls(field, "a date after 'start'", end)
        err.args = (f"{field!r} must be after 'start' (got start={start}, end={end})",)
        return err


class DataError(InvalidFieldError):
    """Data that describes no valid object; `field` is the path inside the data.

    The path reads as in the data itself (``"memberships[2].period.end"``), so
    a mistake in a file can be found without knowing the model's classes.
    """

    @classmethod
    def missing(cls, path: str, expected: str) -> DataError:
        """Build the error for a required key that is absent."""
        err = cls(path, expected, None)
        err.args = (f"{path!r} expected {expected}, got nothing: the key is missing",)
        return err

    @classmethod
    def unknown_key(cls, path: str, key: str, allowed: Iterable[str]) -> DataError:
        """Build the error for a key no field has (a typo must not drop a rule silently)."""
        names = sorted(allowed)
        close = _close(key, names)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        expected = "one of the keys " + ", ".join(repr(n) for n in names)
        err = cls(path, expected, key)
        err.args = (f"{path!r} is not a known key: expected {expected}{hint}",)
        return err

    @classmethod
    def at(cls, path: str, error: InvalidFieldError) -> DataError:
        """Re-raise a model error found at `path`, keeping its words but naming the path."""
        err = cls(path, error.expected, error.got)
        text = str(error)
        head = repr(error.field)
        rest = text[len(head) :] if text.startswith(head) else f": {text}"
        err.args = (f"{path!r}{rest}",)
        return err


class FileFormatError(DataError):
    """A file that cannot be read as a document: not parsable, too large, or wrong in a field.

    The message starts with the file's name, then names the path inside it
    (``"people.toml: 'portfolio.memberships[2].period.end' expected ..."``);
    `field` is that path, empty when the whole file is at fault.

    Attributes:
        file: The file's name as it was given (``"<string>"`` for text).
    """

    def __init__(
        self, field: str, expected: str, got: object, *, file: str = "", detail: str = ""
    ) -> None:
        super().__init__(field, expected, got, detail=detail)
        self.file = file
        text = str(self)
        if not field:
            # the whole file is at fault: no path to quote
            text = text.removeprefix(f"{field!r} ")
        self.args = (f"{file}: {text}" if file else text,)

    @classmethod
    def in_file(cls, file: str, error: InvalidFieldError) -> FileFormatError:
        """Name `file` in an error found in the data read from it, keeping its words."""
        err = cls(error.field, error.expected, error.got, file=file)
        err.args = (f"{file}: {error}",)
        return err

    @classmethod
    def unreadable(cls, file: str, expected: str, problem: str) -> FileFormatError:
        """Build the error for a file that cannot be read at all (it does not parse)."""
        err = cls("", expected, problem, file=file)
        err.args = (f"{file}: not {expected}: {problem}",)
        return err

    @classmethod
    def beyond(cls, file: str, expected: str, found: str) -> FileFormatError:
        """Build the error for a file past one of the loaders' limits (`found` says where)."""
        err = cls("", expected, found, file=file)
        err.args = (f"{file}: expected {expected}, got {found}",)
        return err

    def __reduce__(self) -> tuple[object, ...]:
        state = {"file": self.file}
        return (_rebuild, (type(self), str(self), self.field, self.expected, self.got), state)


class AmbiguousDecisionError(IndemnityError):
    """`bool(decision)` was asked; a three-valued answer has no truth value.

    Use ``decision.covered`` (true only when COVERED) or match on
    ``decision.outcome`` so that UNDETERMINED is handled on purpose.
    """


_SHOWN = 80
_LISTED = 8


def _show(value: object) -> str:
    """`value` in the words a user wrote it in: no Python type names or constructors.

    Text is quoted (with control characters escaped), dates are ISO dates,
    booleans and nothing read as a file writes them, and other objects by
    what they say of themselves or by their kind; long values are cut short.
    """
    text = _words(value, 0)
    if len(text) > _SHOWN:
        text = text[: _SHOWN - 3] + "..."
    return text


def _words(value: object, depth: int) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return _words(value.value, depth)
    if isinstance(value, int | float | str):
        return repr(value)
    if isinstance(value, _dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray):
        return f"the bytes {bytes(value)!r}"
    if isinstance(value, type):
        return f"the class {value.__name__}"
    inner = depth < 2  # noqa: PLR2004 - two levels say enough in one line
    if isinstance(value, Mapping):
        pairs = [f"{_words(k, depth + 1)}: {_words(v, depth + 1)}" for k, v in value.items()]
        return "{" + _listed(pairs, inner) + "}"
    if isinstance(value, list | tuple):
        return "[" + _listed([_words(v, depth + 1) for v in value], inner) + "]"
    if isinstance(value, set | frozenset):
        return "{" + _listed(sorted(_words(v, depth + 1) for v in value), inner) + "}"
    if type(value).__str__ is not object.__str__:
        return str(value)
    name = type(value).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def _listed(parts: list[str], inner: bool) -> str:  # noqa: FBT001 - private helper
    if not inner:
        return "..." if parts else ""
    shown = parts[:_LISTED]
    if len(parts) > _LISTED:
        shown.append("...")
    return ", ".join(shown)


def _rebuild(
    cls: type[InvalidFieldError], message: str, field: str, expected: str, got: object
) -> InvalidFieldError:
    err = cls(field, expected, got)
    err.args = (message,)
    return err


def _close(text: str, names: list[str]) -> list[str]:
    """The name nearest `text`, if one is near (difflib, loaded on the first mistake)."""
    import difflib  # noqa: PLC0415 - a mistake is rare: no process pays for it at import

    return difflib.get_close_matches(text, names, n=1)
