"""Data frames in and out through Arrow: pandas, polars, or Arrow itself.

A frame is recognised by its class's module, so neither pandas nor polars is
imported unless a frame of it is given.
"""

from __future__ import annotations

from typing import Any

from indemnity.errors import InvalidFieldError
from indemnity.sweep._arrow import module, pyarrow

__all__ = ["kind_of", "like", "row_names", "to_arrow"]


def kind_of(frame: object) -> str:
    """Which kind of table `frame` is: ``"pandas"``, ``"polars"`` or ``"arrow"``.

    Raises:
        InvalidFieldError: it is none of them.
    """
    root = type(frame).__module__.partition(".")[0]
    if root in ("pandas", "polars"):
        return root
    if root == "pyarrow":
        return "arrow"
    raise InvalidFieldError(
        "frame", "a pandas or polars DataFrame, or a pyarrow Table or RecordBatch", frame
    )


def to_arrow(frame: Any) -> Any:
    """`frame` as an Arrow table (a pandas frame's index is left out: see `row_names`)."""
    pa = pyarrow()
    kind = kind_of(frame)
    if kind == "pandas":
        return pa.Table.from_pandas(frame, preserve_index=False)
    if kind == "polars":
        return frame.to_arrow()
    if isinstance(frame, pa.RecordBatch):
        return pa.Table.from_batches([frame])
    if isinstance(frame, pa.Table):
        return frame
    raise InvalidFieldError("frame", "a pyarrow Table or RecordBatch", frame)


def row_names(frame: Any) -> list[object] | None:
    """How errors name the rows of `frame`: a pandas frame's index labels; None for positions."""
    if kind_of(frame) == "pandas":
        return list(frame.index)
    return None


def like(table: Any, frame: Any) -> Any:
    """`table` as the kind of frame `frame` is (Arrow: a table); pandas keeps `frame`'s index."""
    kind = kind_of(frame)
    if kind == "pandas":
        out = table.to_pandas()
        out.index = frame.index
        return out
    if kind == "polars":
        return module("polars").from_arrow(table)
    return table
