"""The optional packages a sweep reads tables with, imported only when a sweep needs them.

`indemnity` depends on attrs and python-dateutil alone. Tables are read and
written with pyarrow (and numpy, which it works with); data frames come and go
through Arrow, as pandas or polars frames. Each is imported on first use, and
its absence raises `MissingPackageError`, naming the extra that installs it
(``pip install 'indemnity[tables]'``).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from indemnity.errors import IndemnityError

__all__ = ["MissingPackageError", "atomic_path", "module", "numpy", "pyarrow"]


class MissingPackageError(IndemnityError, ImportError):
    """An optional package a feature needs is not installed: names the extra that installs it.

    It is both an `IndemnityError` (the command line reports it in one line)
    and an `ImportError` (code that already guards optional imports catches it).
    """


_EXTRA = {
    "pyarrow": "tables",
    "numpy": "tables",
    "pandas": "tables",
    "polars": "tables",
    "dask": "dask",
    "dask.dataframe": "dask",
    "distributed": "dask",
}


def module(name: str) -> Any:
    """The module `name`, imported, or `MissingPackageError` naming the extra to install.

    Raises:
        MissingPackageError: the package is not installed.
    """
    try:
        return importlib.import_module(name)
    except ImportError as err:
        extra = _EXTRA.get(name, _EXTRA.get(name.partition(".")[0], "tables"))
        message = (
            f"a sweep needs the package {name.partition('.')[0]!r}, which is not installed"
            f" ({err}): install it with pip install 'indemnity[{extra}]'"
        )
        raise MissingPackageError(message) from None


def pyarrow() -> Any:
    """The `pyarrow` module (with `pyarrow.compute`, `pyarrow.csv` and `pyarrow.parquet`)."""
    pa = module("pyarrow")
    for part in ("compute", "csv", "parquet"):
        module(f"pyarrow.{part}")
    return pa


def numpy() -> Any:
    """The `numpy` module."""
    return module("numpy")


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary file beside `path` to write, renamed over `path` when the block succeeds.

    The reader of `path` sees the old file or the whole new one, never half a
    table: on any failure the temporary file is removed and `path` is left as
    it was.

    Raises:
        OSError: the folder cannot be written.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path()
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise OSError(err.errno, err.strerror, os.fspath(target)) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with open(temporary, "rb+") as stream:
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
