"""The column layout of a sweep's tables, the error naming a row and a column, and cell readers.

Nothing here needs an optional package: cells arrive as Python values (a
string from a CSV file; a string, bool, whole number, float, date or None from
a typed column), and each reader turns one into what the library asks with,
or raises `TableError` naming the table, the row and the column.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Mapping
from types import MappingProxyType

from indemnity.errors import DataError, IndemnityError, InvalidFieldError
from indemnity.model.terms import Fact, FactType, FactValue

__all__ = [
    "ANSWER_COLUMNS",
    "CAREER_COLUMNS",
    "QUESTION_COLUMNS",
    "TableError",
    "is_blank",
    "library_error",
    "read_date",
    "read_fact",
    "read_name",
    "where",
]

QUESTION_COLUMNS: Mapping[str, str] = MappingProxyType(
    {
        "id": "optional: any value identifying the question, copied to the answer",
        "person": "whose question: a person of the careers table (or give 'portfolio')",
        "portfolio": "instead of 'person': a portfolio file, or a built-in person's name",
        "kind": "required: the kind of activity, such as private-practice",
        "on": "required: the incident date, YYYY-MM-DD",
        "jurisdiction": "required: where, such as england",
        "matter": "optional: the kind of matter (default: a clinical negligence claim)",
        "claimed_on": "optional: when the claim was first made, YYYY-MM-DD",
        "notified_on": "optional: when the circumstance was notified, YYYY-MM-DD",
    }
)
"""The columns of a questions table other than facts: every other column names a fact.

A fact column holds the fact's value, written as the command line writes it
(yes/no, a whole number, a date, a name); an empty cell is an unknown fact.
"""

CAREER_COLUMNS: Mapping[str, str] = MappingProxyType(
    {
        "person": "required: the person's id, as the questions table names them",
        "scheme": "the key of a catalogue scheme held; empty for a person who holds nothing",
        "start": "the first day held, YYYY-MM-DD (required with a scheme)",
        "end": "optional: the first day no longer held (excluded), YYYY-MM-DD",
        "options": "optional: options bought, separated by ';'",
        "label": "optional: the membership's name for people",
        "retroactive_date": "optional, claims-made only: the earliest incident date covered",
        "run_off_end": "optional, claims-made only: the end of the extended reporting period",
    }
)
"""The columns of a careers table: one row per membership a person holds (or held)."""

ANSWER_COLUMNS: Mapping[str, str] = MappingProxyType(
    {
        "row": "files only: the question's row in the questions table, from 1",
        "id": "the question's id, when the questions table has one",
        "person": "whose question (or 'portfolio', as the questions table names them)",
        "outcome": "covered, not-covered or undetermined",
        "schemes": "when covered: the keys of the schemes that cover, separated by ';'",
        "ask_next": "when undetermined: the fact to ask about first",
        "missing": "when undetermined: the facts that would settle it, separated by ';'",
        "reason": (
            "when not covered: the code of the first reason of an arrangement held on the day "
            "(else the first reason); when undetermined: of the first reason leaving it open"
        ),
    }
)
"""The columns of an answers table, in order; columns asked to be kept follow ``person``."""

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YES = frozenset({"yes", "y", "true", "t", "1"})
_NO = frozenset({"no", "n", "false", "f", "0"})


class TableError(DataError):
    """A cell of a table that says nothing the library can read: names the table, row and column.

    The message reads ``questions.csv: row 3 (line 4), column 'on' expected a
    date written YYYY-MM-DD, got '2025-13-01' (str)``. Rows count from 1 after
    the header in a file; in a data frame they are its index labels (pandas)
    or positions (polars, Arrow).

    Attributes:
        table: The table's name: its file name, or ``"questions"``, ``"careers"``.
        row: The row, as the message names it.
        column: The column's name (empty when the table as a whole is at fault).
    """

    def __init__(  # noqa: PLR0917 - pickling rebuilds it from its fields, in order
        self, table: str, row: object, column: str, expected: str, got: object, message: str
    ) -> None:
        super().__init__(column, expected, got)
        self.table = table
        self.row = row
        self.column = column
        self.args = (message,)

    @classmethod
    def in_cell(cls, table: str, row: object, column: str, error: InvalidFieldError) -> TableError:
        """The error `error`, found in a cell, said of the table, row and column it was found in.

        `error` names the column as its field (the readers here ask that of
        the library), so its words follow "column".
        """
        return cls(
            table, row, column, error.expected, error.got, f"{where(table, row)}, column {error}"
        )

    @classmethod
    def of_table(cls, table: str, column: str, expected: str, got: object) -> TableError:
        """The error for a table whose columns are wrong, as a whole (a column missing, say)."""
        message = f"{table}: {expected}, got {got}"
        return cls(table, None, column, expected, got, message)

    def __reduce__(self) -> tuple[object, ...]:
        return (
            TableError,
            (self.table, self.row, self.column, self.expected, self.got, str(self)),
        )


def where(table: str, row: object) -> str:
    """How a message names a row: ``"questions.csv: row 3 (line 4)"`` for a CSV file."""
    if table.lower().endswith((".csv", ".csv.gz")) and isinstance(row, int):
        return f"{table}: row {row} (line {row + 1})"
    return f"{table}: row {row}"


def is_blank(value: object) -> bool:
    """Whether a cell is empty: None, an empty or blank string, or a float NaN."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and math.isnan(value)


def read_date(value: object, column: str) -> _dt.date:
    """A date from a cell: a ``YYYY-MM-DD`` string or a date (a midnight timestamp too).

    Raises:
        InvalidFieldError: the cell holds no date; the error names `column`.
    """
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time() and value.tzinfo is None:
            return value.date()
        raise InvalidFieldError(column, "a date (not a date and time)", value)
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if _ISO_DATE.match(text):
            try:
                return _dt.date.fromisoformat(text)
            except ValueError:
                pass
    raise InvalidFieldError(column, "a date written YYYY-MM-DD, such as '2024-11-05'", value)


def read_name(value: object, column: str) -> str:
    """A name from a cell: a non-empty string, stripped.

    Raises:
        InvalidFieldError: the cell holds no text; the error names `column`.
    """
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise InvalidFieldError(column, "a name", value)


def read_fact(fact: Fact, value: object, column: str) -> FactValue:
    """The value a cell gives `fact`, read as the command line reads it.

    Text is read by the fact's type: ``yes``/``no`` (``true``/``false``,
    ``1``/``0``), a whole number (commas, ``_`` and a leading ``£`` allowed),
    a date ``YYYY-MM-DD``, or a name of the fact's values. A typed column's
    value is checked as the library checks it (an integral float counts as a
    whole number: data frames store whole numbers with gaps as floats).

    Raises:
        InvalidFieldError: the value is no value of the fact; names `column`.
    """
    kind = fact.type
    if isinstance(value, str):
        text = value.strip()
        if kind is FactType.YES_NO:
            folded = text.lower()
            if folded in _YES:
                return True
            if folded in _NO:
                return False
            raise InvalidFieldError(column, "yes or no", value)
        if kind in (FactType.WHOLE_NUMBER, FactType.AMOUNT):
            try:
                number = int(text.replace(",", "").replace("_", "").lstrip("£"))
            except ValueError:
                raise InvalidFieldError(column, "a whole number", value) from None
            return fact.check(number, column)
        if kind is FactType.DATE:
            return read_date(text, column)
        return fact.check(text, column)
    if isinstance(value, float) and fact.is_numeric and value.is_integer():
        return fact.check(int(value), column)
    if kind is FactType.DATE:
        return read_date(value, column)
    return fact.check(value, column)


def library_error(err: IndemnityError, column: str) -> InvalidFieldError:
    """`err` as an error about `column`: the library's own error when it names a field."""
    if isinstance(err, InvalidFieldError):
        return err
    return InvalidFieldError(column, "a valid value", None, detail=str(err))
