"""Tables in Arrow: checking a questions table's columns, answering a chunk, files in and out.

A questions file is read in chunks of a fixed number of rows (CSV with every
column read as text, Parquet as it is typed), and answers are written a
chunk at a time to a temporary file that replaces the answers file only when
the whole sweep has succeeded.
"""

from __future__ import annotations

import contextlib
import csv
import difflib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from indemnity.errors import FileFormatError
from indemnity.model.vocabulary import Vocabulary
from indemnity.sweep._arrow import atomic_path, pyarrow
from indemnity.sweep._columns import ANSWER_COLUMNS, QUESTION_COLUMNS, TableError
from indemnity.sweep._engine import OUTPUT, Sweeper
from indemnity.sweep._summary import Summary

__all__ = [
    "Layout",
    "Source",
    "Writer",
    "answer_columns",
    "batches",
    "format_of",
    "layout_of",
]

_FORMATS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


def format_of(path: str | os.PathLike[str]) -> str:
    """``"csv"`` or ``"parquet"``, from the file's extension.

    Raises:
        FileFormatError: the extension is neither.
    """
    suffix = Path(path).suffix.lower()
    found = _FORMATS.get(suffix)
    if found is None:
        raise FileFormatError.unreadable(
            Path(path).name, "a table", "expected a .csv, .parquet or .pq file"
        )
    return found


class Layout:
    """Which columns of a questions table are what: the question, facts, and columns kept.

    Args:
        columns: The table's column names.
        table: What error messages call the table.
        keep: Columns to copy to the answers (besides ``id`` and whose question it is).
        vocabulary: The words facts are checked against (None: checked as rows are read).

    Raises:
        TableError: a column is missing, repeated, or names no fact.
    """

    def __init__(
        self,
        columns: Sequence[str],
        table: str,
        keep: Sequence[str] = (),
        vocabulary: Vocabulary | None = None,
    ) -> None:
        names = list(columns)
        seen: set[str] = set()
        for name in names:
            if name in seen:
                raise TableError.of_table(table, name, "each column once", f"{name!r} twice")
            seen.add(name)
        for needed in ("kind", "on", "jurisdiction"):
            if needed not in seen:
                raise TableError.of_table(
                    table, needed, f"a column {needed!r}", "the columns " + ", ".join(names)
                )
        whose = [n for n in ("person", "portfolio") if n in seen]
        if len(whose) != 1:
            raise TableError.of_table(
                table, "person", "one column 'person' or 'portfolio'", " and ".join(whose) or "none"
            )
        for name in keep:
            if name in ANSWER_COLUMNS and name not in ("id", "person"):
                raise TableError.of_table(
                    table, name, "columns to keep named unlike the answers' own", repr(name)
                )
            if name not in seen:
                raise TableError.of_table(
                    table, name, f"a column {name!r} to keep", "the columns " + ", ".join(names)
                )
        self.table = table
        self.whose = whose[0]
        self.keep = tuple(n for n in keep if n not in ("id", self.whose))
        self.facts = tuple(n for n in names if n not in QUESTION_COLUMNS and n not in keep)
        self.asked = tuple(n for n in names if n in QUESTION_COLUMNS and n != "id") + self.facts
        self.copied = tuple(n for n in ("id", self.whose) if n in seen) + self.keep
        if vocabulary is not None:
            for name in self.facts:
                if name not in {f.name for f in vocabulary.facts}:
                    choices = [f.name for f in vocabulary.facts] + list(QUESTION_COLUMNS)
                    close = difflib.get_close_matches(name, choices, n=1)
                    hint = f"; did you mean {close[0]!r}?" if close else ""
                    raise TableError.of_table(
                        table,
                        name,
                        "question columns and facts (see 'indemnity words')",
                        f"a column {name!r}, which names no fact{hint}",
                    )


def layout_of(
    columns: Sequence[str], table: str, keep: Sequence[str], vocabulary: Vocabulary | None
) -> Layout:
    """The layout of a questions table (see `Layout`)."""
    return Layout(columns, table, keep, vocabulary)


def answer_columns(
    chunk: Any, layout: Layout, sweeper: Sweeper, names: Sequence[object]
) -> tuple[dict[str, Any], Summary]:
    """Answer a chunk (an Arrow table or record batch): the answer columns as Arrow arrays.

    Raises:
        TableError: a cell is wrong.
    """
    pa = pyarrow()
    columns = {name: chunk.column(name).to_pylist() for name in layout.asked}
    text = (pa.string(), pa.large_string(), pa.null())
    typed = any(
        chunk.schema.field(name).type not in text
        for name in ("kind", "jurisdiction", "matter", *layout.facts)
        if name in columns
    )
    answers, summary = sweeper.answer(columns, names, chunk.num_rows, typed=typed)
    by_column = list(zip(*answers, strict=True)) if answers else [() for _ in OUTPUT]
    arrays = {
        name: pa.array(values, pa.string()) for name, values in zip(OUTPUT, by_column, strict=True)
    }
    return arrays, summary


def output_schema(schema: Any, layout: Layout, *, numbered: bool) -> Any:
    """The schema of the answers to a questions table of `schema`."""
    pa = pyarrow()
    fields = [pa.field("row", pa.int64())] if numbered else []
    fields += [schema.field(name) for name in layout.copied]
    fields += [pa.field(name, pa.string()) for name in OUTPUT]
    return pa.schema(fields)


# ---------------------------------------------------------------------------
# files


class Source:
    """A questions (or careers) file, read in chunks of `rows` rows, with how far it has got.

    Raises:
        FileFormatError: the file is not a table of its format.
        OSError: it cannot be read.
    """

    def __init__(self, path: str | os.PathLike[str], rows: int) -> None:
        self.path = Path(path)
        self.name = self.path.name
        self.format = format_of(self.path)
        self.rows = rows
        pa = pyarrow()
        if self.format == "parquet":
            try:
                self._parquet = pa.parquet.ParquetFile(self.path)
            except pa.ArrowException as err:
                raise _unreadable(self.name, "a Parquet file", err) from None
            self.schema = self._parquet.schema_arrow
            self.total: int | None = self._parquet.metadata.num_rows
        else:
            self.columns = _csv_header(self.path)
            self.schema = pa.schema([pa.field(n, pa.string()) for n in self.columns])
            self.total = None

    @property
    def column_names(self) -> list[str]:
        """The table's columns."""
        return list(self.schema.names)

    def count(self) -> int:
        """How many rows the file holds (for a CSV file, counted by its lines: an estimate)."""
        if self.total is None:
            lines = 0
            last = b"\n"
            with self.path.open("rb") as stream:
                while block := stream.read(1 << 20):
                    lines += block.count(b"\n")
                    last = block[-1:]
            self.total = max(0, lines - 1 + (last != b"\n"))
        return self.total

    def __iter__(self) -> Iterator[Any]:
        yield from _rechunk(self._batches(), self.rows)

    def _batches(self) -> Iterator[Any]:
        pa = pyarrow()
        if self.format == "parquet":
            try:
                yield from self._parquet.iter_batches(batch_size=self.rows)
            except pa.ArrowException as err:
                raise _unreadable(self.name, "a Parquet file", err) from None
            return
        with pa.OSFile(str(self.path)) as stream:
            try:
                reader = pa.csv.open_csv(
                    stream, read_options=_csv_blocks(), convert_options=self._as_text()
                )
                yield from reader
            except pa.ArrowException as err:
                raise _unreadable(self.name, "a CSV table", err) from None

    def _as_text(self) -> Any:
        pa = pyarrow()
        return pa.csv.ConvertOptions(
            column_types={name: pa.string() for name in self.columns},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        )

    def read_all(self) -> Any:
        """The whole table, as one Arrow table (for a careers table, which is kept whole)."""
        pa = pyarrow()
        try:
            if self.format == "parquet":
                return self._parquet.read()
            return pa.csv.read_csv(
                str(self.path), read_options=_csv_blocks(), convert_options=self._as_text()
            )
        except pa.ArrowException as err:
            what = "a Parquet file" if self.format == "parquet" else "a CSV table"
            raise _unreadable(self.name, what, err) from None


def _csv_blocks() -> Any:
    """How a CSV file is read: in blocks of 4 MiB."""
    return pyarrow().csv.ReadOptions(block_size=1 << 22)


def batches(path: str | os.PathLike[str], rows: int) -> Iterator[Any]:
    """The record batches of a table file, `rows` rows each (the last fewer)."""
    yield from Source(path, rows)


def _rechunk(batches: Iterator[Any], rows: int) -> Iterator[Any]:
    """Record batches of exactly `rows` rows (the last fewer), from batches of any size."""
    pa = pyarrow()
    held: list[Any] = []
    count = 0
    for batch in batches:
        if batch.num_rows == 0:
            continue
        held.append(batch)
        count += batch.num_rows
        while count >= rows:
            table = pa.Table.from_batches(held)
            yield table.slice(0, rows).combine_chunks().to_batches()[0]
            rest = table.slice(rows)
            held = rest.combine_chunks().to_batches() if rest.num_rows else []
            count = rest.num_rows
    if count:
        yield pa.Table.from_batches(held).combine_chunks().to_batches()[0]


def _csv_header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        try:
            header = next(csv.reader(stream), None)
        except (csv.Error, UnicodeDecodeError) as err:
            raise FileFormatError.unreadable(path.name, "a CSV table", str(err)) from None
    if not header:
        raise FileFormatError.unreadable(path.name, "a CSV table", "it has no header row")
    return [name.strip() for name in header]


def _unreadable(name: str, what: str, err: BaseException) -> FileFormatError:
    text = " ".join(str(err).split())
    return FileFormatError.unreadable(name, what, text)


class Writer:
    """Writes answers a chunk at a time to a temporary file, renamed over `path` at the end.

    Use it as a context manager: leaving the block by an error removes the
    temporary file and leaves `path` as it was.
    """

    def __init__(self, path: str | os.PathLike[str], schema: Any) -> None:
        self.path = Path(path)
        self.format = format_of(self.path)
        self.schema = schema
        self._atomic = atomic_path(self.path)
        self._writer: Any = None

    def __enter__(self) -> Writer:
        pa = pyarrow()
        temporary = self._atomic.__enter__()
        try:
            if self.format == "parquet":
                self._writer = pa.parquet.ParquetWriter(str(temporary), self.schema)
            else:
                self._writer = pa.csv.CSVWriter(str(temporary), self.schema)
        except BaseException as err:
            self._atomic.__exit__(type(err), err, err.__traceback__)
            raise
        return self

    def write(self, columns: dict[str, Any]) -> None:
        """Write one chunk of answers, given as Arrow arrays by column name."""
        pa = pyarrow()
        batch = pa.RecordBatch.from_arrays(
            [columns[name] for name in self.schema.names], schema=self.schema
        )
        self._writer.write_batch(batch)

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        with contextlib.suppress(Exception):
            self._writer.close()
        self._atomic.__exit__(kind, error, trace)
