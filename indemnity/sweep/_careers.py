"""Careers: who held which catalogue scheme when, one row per membership, kept compact.

A careers table is read and checked once, whole, then kept as a few numpy
arrays: each membership as whole numbers (a scheme's code, its dates as day
numbers, codes of its options and label), sorted by person, and the people's
ids sorted, to find a person's memberships with a binary search. A million
people with two or three memberships each take tens of megabytes, pickle
quickly to worker processes or a cluster's workers, and are shared, not
copied, by workers forked from the process that read them.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import os
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from indemnity.errors import InvalidFieldError
from indemnity.holdings.catalogue import Catalogue
from indemnity.holdings.membership import MembershipPeriod
from indemnity.holdings.portfolio import Portfolio
from indemnity.model.period import Period
from indemnity.sweep._arrow import numpy, pyarrow
from indemnity.sweep._columns import CAREER_COLUMNS, TableError, is_blank, read_date, read_name
from indemnity.uk.registry import catalogue as uk_catalogue

__all__ = ["Careers", "read_table"]

Membership = tuple[int, int, int, int, int, int, int]
"""A membership as whole numbers: scheme code, start, end, options code, label code,
retroactive date, run-off end (dates as day numbers, 0 for none)."""

_DATES = ("start", "end", "retroactive_date", "run_off_end")
_NONE = 0  # the day number of "no date": date.min is day 1
_EPOCH = _dt.date(1970, 1, 1).toordinal()  # Arrow counts days from 1970-01-01


class Careers:
    """The careers of many people: each person's memberships of the catalogue's schemes.

    Build it from a table with the columns of `CAREER_COLUMNS`: `Careers.read`
    for a CSV or Parquet file, `Careers.from_frame` for a pandas or polars
    data frame or an Arrow table. Every row is checked when it is read, and
    a bad one raises `TableError` naming its row and column.

    >>> from indemnity.sweep import Careers
    >>> import pandas as pd
    >>> careers = Careers.from_frame(pd.DataFrame({
    ...     "person": ["p1", "p1", "p2"],
    ...     "scheme": ["cnst", "mdu", "cnsgp"],
    ...     "start": ["2020-08-05", "2020-08-05", "2019-04-01"],
    ... }))
    >>> len(careers), [m.scheme.key for m in careers.portfolio("p1")]
    (2, ['cnst', 'mdu'])

    Args:
        table: An Arrow table (or anything `pyarrow.table` takes) of careers.
        name: What error messages call the table (its file name, say).
        catalogue: Where scheme keys are looked up; the built-in UK catalogue by default.

    Raises:
        TableError: a cell is wrong, or a required column is missing.
        MissingPackageError: pyarrow or numpy is not installed.
    """

    __slots__ = (
        "_catalogue",
        "_cells",
        "_ids",
        "_labels",
        "_options",
        "_portfolios",
        "_schemes",
        "_starts",
        "name",
        "token",
    )

    def __init__(
        self, table: Any, *, name: str = "careers", catalogue: Catalogue | None = None
    ) -> None:
        pa = pyarrow()
        if not isinstance(table, pa.Table):
            table = pa.table(table)
        self.name = name
        self._catalogue = catalogue if catalogue is not None else uk_catalogue()
        self.token = uuid.uuid4().hex
        self._portfolios: dict[tuple[Membership, ...], Portfolio] = {}
        self._read(table)

    # -- building -------------------------------------------------------------

    @classmethod
    def read(cls, path: str | os.PathLike[str], *, catalogue: Catalogue | None = None) -> Careers:
        """The careers in a CSV (``.csv``) or Parquet (``.parquet``, ``.pq``) file.

        Raises:
            TableError: a cell is wrong, or a required column is missing.
            FileFormatError: the file is no table of that format.
            OSError: the file cannot be read.
        """
        return cls(read_table(path), name=Path(path).name, catalogue=catalogue)

    @classmethod
    def from_frame(
        cls, frame: Any, *, name: str = "careers", catalogue: Catalogue | None = None
    ) -> Careers:
        """The careers in a pandas or polars data frame, or an Arrow table.

        Raises:
            TableError: a cell is wrong, or a required column is missing.
        """
        from indemnity.sweep._frames import to_arrow  # noqa: PLC0415 - one module each way

        return cls(to_arrow(frame), name=name, catalogue=catalogue)

    def _read(self, table: Any) -> None:
        pa = pyarrow()
        pc = pa.compute
        np = numpy()
        columns = list(table.column_names)
        _check_columns(self.name, columns)
        rows = table.num_rows
        person = _text_column(table, "person")
        scheme = _text_column(table, "scheme")
        _no_gaps(self.name, person, "person", 0)
        keys, codes = self._scheme_codes(scheme)
        days = {name: self._days(table, name) for name in _DATES}
        held = codes >= 0
        self._check_dates(held, days)
        options, option_codes = _coded(_text_column(table, "options"))
        labels, label_codes = _coded(_text_column(table, "label"))
        self._schemes = keys
        self._options = tuple(_option_set(text) for text in options)
        self._labels = labels
        # 32 bytes a membership: day numbers and codes fit in 32 bits
        cells = np.empty((rows, 8), dtype=np.int32)
        parts = (
            codes,
            days.pop("start"),
            days.pop("end"),
            option_codes,
            label_codes,
            days.pop("retroactive_date"),
            days.pop("run_off_end"),
            np.arange(1, rows + 1, dtype=np.int64),
        )
        for i, part in enumerate(parts):
            cells[:, i] = part
        del parts, codes, option_codes, label_codes
        self._check_memberships(cells)
        order = pc.sort_indices(
            pa.table({"p": person, "r": pa.array(np.arange(rows))}),
            sort_keys=[("p", "ascending"), ("r", "ascending")],
        ).to_numpy()
        sorted_ids = _as_bytes(pc.take(person, pa.array(order)))
        self._cells = np.ascontiguousarray(cells[order])
        if rows:
            change = np.flatnonzero(sorted_ids[1:] != sorted_ids[:-1]) + 1
            first = np.concatenate([[0], change]).astype(np.int64)
        else:
            first = np.zeros(0, dtype=np.int64)
        self._ids = sorted_ids[first]
        self._starts = np.concatenate([first, [rows]]).astype(np.int64)

    def _scheme_codes(self, scheme: Any) -> tuple[tuple[str, ...], Any]:
        """The scheme keys used, checked against the catalogue, and each row's code (-1: none)."""
        pa = pyarrow()
        np = numpy()
        encoded = scheme.dictionary_encode()
        keys = tuple(str(k) for k in encoded.dictionary.to_pylist())
        for code, key in enumerate(keys):
            if key not in self._catalogue.schemes:
                first = int(
                    np.flatnonzero(encoded.indices.to_numpy(zero_copy_only=False) == code)[0]
                )
                known = sorted(self._catalogue.schemes)
                close = difflib.get_close_matches(key, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise TableError(
                    self.name,
                    first + 1,
                    "scheme",
                    "a scheme key of the catalogue",
                    key,
                    f"{_where(self.name, first + 1)}, column 'scheme': no scheme of the catalogue "
                    f"has the key {key!r}{hint} (see 'indemnity schemes')",
                )
        indices = encoded.indices.fill_null(-1) if encoded.null_count else encoded.indices
        return keys, indices.cast(pa.int64()).to_numpy(zero_copy_only=False)

    def _days(self, table: Any, column: str) -> Any:
        """A date column as day numbers (0 where empty), each cell checked."""
        pa = pyarrow()
        pc = pa.compute
        np = numpy()
        rows = table.num_rows
        if column not in table.column_names:
            return np.zeros(rows, dtype=np.int64)
        values = table.column(column).combine_chunks()
        if pa.types.is_dictionary(values.type):
            values = values.dictionary_decode()
        if pa.types.is_null(values.type):
            return np.zeros(rows, dtype=np.int64)
        if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
            values = _text_column(table, column)
            shaped = pc.match_substring_regex(values, r"^\d{4}-\d{2}-\d{2}$")
            try:
                if pc.any(pc.invert(shaped)).as_py():
                    raise ValueError(column)  # noqa: TRY301 - found below, with its row
                values = pc.cast(values, pa.date32())
            except (ValueError, pa.ArrowInvalid):
                self._find_bad_date(values.to_pylist(), column)
                raise
        elif pa.types.is_timestamp(values.type):
            self._find_bad_date(values.to_pylist(), column)
            values = pc.cast(values, pa.date32(), safe=True)
        elif not pa.types.is_date(values.type):
            cells = values.to_pylist()
            self._find_bad_date(cells, column)
            raise TableError.of_table(self.name, column, f"dates in column {column!r}", values.type)
        valid = pc.is_valid(values).to_numpy(zero_copy_only=False)
        days = pc.cast(pc.cast(values, pa.date32()), pa.int32()).fill_null(0)
        since_1970 = days.to_numpy(zero_copy_only=False).astype(np.int64)
        return np.where(valid, since_1970 + _EPOCH, _NONE)

    def _find_bad_date(self, cells: Sequence[object], column: str, offset: int = 0) -> None:
        for i, cell in enumerate(cells):
            if is_blank(cell):
                continue
            try:
                read_date(cell, column)
            except InvalidFieldError as err:
                raise TableError.in_cell(self.name, i + offset + 1, column, err) from None

    def _check_dates(self, held: Any, days: dict[str, Any]) -> None:
        """Every membership has a start; nothing is dated where no scheme is held."""
        np = numpy()
        start = days["start"]
        missing = np.flatnonzero(held & (start == _NONE))
        if missing.size:
            row = int(missing[0]) + 1
            raise TableError(
                self.name,
                row,
                "start",
                "a date written YYYY-MM-DD",
                None,
                f"{_where(self.name, row)}, column 'start' expected the first day the scheme "
                "is held, written YYYY-MM-DD, got nothing",
            )
        for column, values in days.items():
            stray = np.flatnonzero(~held & (values != _NONE))
            if stray.size:
                row = int(stray[0]) + 1
                raise TableError(
                    self.name,
                    row,
                    "scheme",
                    "a scheme key",
                    None,
                    f"{_where(self.name, row)}, column 'scheme' expected the key of the scheme "
                    f"held from the {column.replace('_', ' ')} given, got nothing",
                )

    def _check_memberships(self, cells: Any) -> None:
        """Each distinct kind of membership builds; an end after the start; claims-made dates."""
        np = numpy()
        held = cells[:, 0] >= 0
        bad = np.flatnonzero(held & (cells[:, 2] != _NONE) & (cells[:, 2] <= cells[:, 1]))
        if bad.size:
            self._membership(cells[int(bad[0])])  # raises, naming the row
        # each distinct scheme and options once: the first row of each
        kind = np.where(held, cells[:, 0].astype(np.int64) * (1 << 32) + cells[:, 3], -1)
        _, first = np.unique(kind, return_index=True)
        for row in first:
            if held[row]:
                self._membership(cells[int(row)])
        claims_made = np.flatnonzero(held & ((cells[:, 5] != _NONE) | (cells[:, 6] != _NONE)))
        for row in claims_made:
            self._membership(cells[int(row)])

    def _membership(self, cell: Any) -> MembershipPeriod:
        """The membership one row of cells describes; a wrong one raises naming its row."""
        scheme_code, start, end, option_code, label_code, retro, run_off, row = (
            int(v) for v in cell
        )
        try:
            return self._build((scheme_code, start, end, option_code, label_code, retro, run_off))
        except InvalidFieldError as err:
            column = _column_of(err.field)
            raise TableError(
                self.name,
                row,
                column,
                err.expected,
                err.got,
                f"{_where(self.name, row)}, column {column!r}: {err}",
            ) from None

    def _build(self, m: Membership) -> MembershipPeriod:
        scheme_code, start, end, option_code, label_code, retro, run_off = m
        return MembershipPeriod(
            self._catalogue.scheme(self._schemes[scheme_code]),
            Period(_day(start), _day(end) if end else None),
            options=self._options[option_code],
            retroactive_date=_day(retro) if retro else None,
            run_off_end=_day(run_off) if run_off else None,
            label=self._labels[label_code],
        )

    # -- reading --------------------------------------------------------------

    def __len__(self) -> int:
        """The number of people."""
        return len(self._ids)

    def __contains__(self, person: object) -> bool:
        return isinstance(person, str) and self._find(person) >= 0

    def __repr__(self) -> str:
        return f"<Careers {self.name!r}: {len(self)} people, {len(self._cells)} rows>"

    def __reduce__(self) -> tuple[object, ...]:
        state = {
            "name": self.name,
            "token": self.token,
            "_ids": self._ids,
            "_starts": self._starts,
            "_cells": self._cells,
            "_schemes": self._schemes,
            "_options": self._options,
            "_labels": self._labels,
            "_catalogue": None if self._catalogue is uk_catalogue() else self._catalogue,
        }
        return (_rebuild, (state,))

    def __dask_tokenize__(self) -> str:
        return self.token

    @property
    def people(self) -> list[str]:
        """The people's ids, sorted."""
        return [bytes(i).decode("utf-8") for i in self._ids]

    def _find(self, person: str) -> int:
        return self.find([person])[0]

    def find(self, people: Sequence[str]) -> list[int]:
        """Where each of `people` is among the people sorted (-1 for one with no career)."""
        np = numpy()
        ids = self._ids
        if not people or len(ids) == 0:
            return [-1] * len(people)
        encoded = [p.encode("utf-8") for p in people]
        width = ids.dtype.itemsize
        at = np.searchsorted(ids, np.array(encoded, dtype=ids.dtype))
        found = []
        for place, raw in zip(at.tolist(), encoded, strict=True):
            ok = len(raw) <= width and place < len(ids) and ids[place] == raw
            found.append(place if ok else -1)
        return found

    def key(self, place: int) -> tuple[Membership, ...]:
        """The memberships of the person at `place`, as whole numbers: the key portfolios share."""
        lo, hi = int(self._starts[place]), int(self._starts[place + 1])
        return tuple(
            tuple(int(v) for v in self._cells[i, :7])  # type: ignore[misc]
            for i in range(lo, hi)
            if self._cells[i, 0] >= 0
        )

    def portfolio_at(self, place: int) -> Portfolio:
        """The portfolio of the person at `place` (people with equal careers share one)."""
        key = self.key(place)
        found = self._portfolios.get(key)
        if found is None:
            if len(self._portfolios) >= _PORTFOLIOS:
                self._portfolios.clear()
            found = self._portfolios[key] = Portfolio(tuple(self._build(m) for m in key))
        return found

    def portfolio(self, person: str) -> Portfolio:
        """The portfolio of `person`.

        Raises:
            UnknownNameError: the careers table has no row for `person`.
        """
        place = self._find(person)
        if place < 0:
            raise _no_career(person, self.name, "person")
        return self.portfolio_at(place)


_PORTFOLIOS = 4_096  # portfolios kept per process; a sweep asks about one person at a time


def _rebuild(state: dict[str, Any]) -> Careers:
    careers = Careers.__new__(Careers)
    catalogue = state.pop("_catalogue")
    for name, value in state.items():
        object.__setattr__(careers, name, value)
    careers._catalogue = catalogue if catalogue is not None else uk_catalogue()
    careers._portfolios = {}
    return careers


def _no_career(person: str, table: str, column: str) -> InvalidFieldError:
    return InvalidFieldError(column, f"a person of {table}", person, detail="no row has that id")


def _day(number: int) -> _dt.date:
    return _dt.date.fromordinal(number)


def _where(table: str, row: int) -> str:
    from indemnity.sweep._columns import where  # noqa: PLC0415 - one name, kept local

    return where(table, row)


def _column_of(field: str) -> str:
    """The careers column a membership's field comes from."""
    last = field.rpartition(".")[2]
    return {
        "scheme": "scheme",
        "end": "end",
        "start": "start",
        "options": "options",
        "retroactive_date": "retroactive_date",
        "run_off_end": "run_off_end",
        "label": "label",
    }.get(last, "end" if "Period" in field else last)


def _check_columns(table: str, columns: Iterable[str]) -> None:
    given = list(columns)
    seen: set[str] = set()
    for column in given:
        if column in seen:
            raise TableError.of_table(table, column, "each column once", f"{column!r} twice")
        seen.add(column)
        if column not in CAREER_COLUMNS:
            close = difflib.get_close_matches(column, list(CAREER_COLUMNS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise TableError.of_table(
                table,
                column,
                "the columns " + ", ".join(CAREER_COLUMNS),
                f"a column {column!r}{hint}",
            )
    for needed in ("person", "scheme", "start"):
        if needed not in seen:
            raise TableError.of_table(
                table, needed, f"a column {needed!r}", "columns " + ", ".join(given)
            )


def _text_column(table: Any, column: str) -> Any:
    """A column as text, trimmed, with empty cells as nulls (all nulls when it is absent)."""
    pa = pyarrow()
    pc = pa.compute
    if column not in table.column_names:
        return pa.nulls(table.num_rows, pa.string())
    values = table.column(column).combine_chunks()
    if pa.types.is_dictionary(values.type):
        values = values.dictionary_decode()
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        if pa.types.is_null(values.type):
            return pa.nulls(table.num_rows, pa.string())
        values = pc.cast(values, pa.string())
    values = pc.cast(values, pa.string())
    trimmed = pc.utf8_trim_whitespace(values)
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)


def _no_gaps(table: str, values: Any, column: str, offset: int) -> None:
    pa = pyarrow()
    if values.null_count:
        row = int(pa.compute.index(pa.compute.is_null(values), True).as_py())
        try:
            read_name(None, column)
        except InvalidFieldError as err:
            raise TableError.in_cell(table, row + offset + 1, column, err) from None


def _coded(values: Any) -> tuple[tuple[str, ...], Any]:
    """The distinct texts of a column ("" first, for empty cells) and each row's code."""
    pa = pyarrow()
    encoded = values.dictionary_encode()
    texts = ("", *(str(t) for t in encoded.dictionary.to_pylist()))
    codes = encoded.indices.cast(pa.int64()).fill_null(-1).to_numpy(zero_copy_only=False) + 1
    return texts, codes


def _option_set(text: str) -> frozenset[str]:
    return frozenset(part.strip() for part in text.split(";") if part.strip())


def _as_bytes(values: Any) -> Any:
    """Text as a numpy array of fixed-width UTF-8 bytes, which sorts as Arrow sorts text.

    Built from the Arrow array's buffers, one byte column at a time, with no
    Python object per value: a million ids cost their bytes, padded.
    """
    pa = pyarrow()
    np = numpy()
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    binary = values.cast(pa.large_binary())
    count = len(binary)
    if count == 0:
        return np.zeros(0, dtype="S1")
    _, offsets_buffer, data_buffer = binary.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=np.int64)[
        binary.offset : binary.offset + count + 1
    ]
    data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer is not None else np.zeros(1)
    starts = offsets[:-1]
    lengths = np.diff(offsets)
    width = max(1, int(lengths.max()))
    padded = np.zeros((count, width), dtype=np.uint8)
    for j in range(width):
        reach = lengths > j
        padded[reach, j] = data[starts[reach] + j]
    return padded.view(f"S{width}").ravel()


def read_table(path: str | os.PathLike[str]) -> Any:
    """A whole CSV or Parquet table, as an Arrow table (a CSV file's columns read as text)."""
    from indemnity.sweep._tables import Source  # noqa: PLC0415 - the reader lives there

    return Source(path, 1).read_all()
