r"""A cache of the built catalogue, so that a new process answers its first question fast.

Reading the catalogue's TOML files and building every scheme from them is most
of a cold start. The first process that reads them writes what it built,
pickled, to the user's cache folder; later processes load that instead. A
cached catalogue is used only when all of these hold, and the files are read
otherwise:

- it was written by this Python, for the library's code as it is now (each
  module's name, size and modification time, as Python's own bytecode cache
  checks its sources), and for exactly today's data files: the cache holds
  the bytes of the files it was built from, compared byte for byte with the
  files read now, so an edited data file or module, an upgrade or another
  Python never meets an old cache (the file name carries a short checksum of
  all of this only to keep one cache per state side by side);
- the file and its folder belong to the user running the process and nobody
  else may write to them (a pickle runs code when loaded: a file someone
  else could have written is never loaded);
- it loads cleanly and gives a catalogue.

The folder is ``$INDEMNITY_CACHE_DIR``, else ``$XDG_CACHE_HOME/indemnity``,
else ``~/.cache/indemnity`` (``%LOCALAPPDATA%\\indemnity`` on Windows).
``INDEMNITY_CACHE=off`` turns the cache off. Writes go to a temporary file in
the folder, renamed over the target, so a reader never sees half a file; any
failure to read or write the cache is silent (the files are read instead).
"""

from __future__ import annotations

import contextlib
import copyreg
import io
import os
import pickle
import stat
import sys
import zlib
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TypeVar

__all__ = ["cache_folder", "cached"]

T = TypeVar("T")

_PROTOCOL = 5


def cache_folder() -> str | None:
    """Where cached catalogues live; None when the cache is turned off."""
    if os.environ.get("INDEMNITY_CACHE", "").strip().lower() in {"off", "0", "no", "false"}:
        return None
    given = os.environ.get("INDEMNITY_CACHE_DIR")
    if given:
        return given
    if sys.platform == "win32":  # pragma: no cover - CI runs on Linux
        base = os.environ.get("LOCALAPPDATA")
        return os.path.join(base, "indemnity") if base else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "indemnity")


_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _code() -> str:
    """Each module of the library: its path, size and modification time, one a line."""
    found = []
    for folder, subfolders, names in os.walk(_PACKAGE):
        subfolders.sort()
        for name in sorted(names):
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                where = os.path.relpath(os.path.join(folder, name), _PACKAGE)
                found.append(f"{where}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(found)


def _stamp() -> str:
    """What the cache must have been written for, apart from the data files."""
    return f"{sys.version}\n{_PROTOCOL}\n{_code()}"


def _checksum(stamp: str, files: Sequence[tuple[str, bytes]]) -> str:
    """A short checksum of the stamp and the files, for the cache's file name only."""
    total = zlib.crc32(stamp.encode())
    for name, data in files:
        total = zlib.crc32(data, zlib.crc32(name.encode(), total))
    return f"{total:08x}"


def _private(path: str) -> bool:
    """Whether `path` belongs to this user and no one else may write to it."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _proxy(items: dict[object, object]) -> Mapping[object, object]:
    return MappingProxyType(items)


def _dumps(value: object) -> bytes:
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=_PROTOCOL)
    table = copyreg.dispatch_table.copy()
    table[MappingProxyType] = lambda m: (_proxy, (dict(m),))
    pickler.dispatch_table = table
    pickler.dump(value)
    return out.getvalue()


def cached(
    label: str,
    files: Sequence[tuple[str, bytes]],
    build: Callable[[], T],
    kind: type[T],
) -> T:
    """What `build` gives, loaded from the cache when a cache for exactly these files exists.

    Args:
        label: A short name for the cache file (``"uk"``).
        files: The data files' names and bytes, which the cache must match.
        build: Builds the value from the files (and is called when no cache serves).
        kind: The type the value must have.

    Returns:
        The value, built or loaded.
    """
    folder = cache_folder()
    if folder is None:
        return build()
    stamp = _stamp()
    files = tuple(files)
    path = os.path.join(folder, f"{label}-{_checksum(stamp, files)}.pickle")
    try:
        if _private(folder) and _private(path):
            with open(path, "rb") as stream:
                found = pickle.load(stream)  # noqa: S301 - our own file, checked private
            if (
                isinstance(found, tuple)
                and len(found) == 3  # noqa: PLR2004 - the stamp, the files, the value
                and found[0] == stamp
                and found[1] == files
                and isinstance(found[2], kind)
            ):
                return found[2]
    except Exception:  # noqa: BLE001, S110 - a missing or unreadable cache: build instead
        pass
    value = build()
    _write(folder, path, (stamp, files, value), label)
    return value


def _write(folder: str, path: str, value: object, label: str) -> None:
    """Write the cache atomically; give up silently on any failure."""
    import tempfile  # noqa: PLC0415 - only a process that writes the cache needs it

    temporary = None
    try:
        data = _dumps(value)
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if not _private(folder):
            return
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
        temporary = None
        _prune(folder, label)
    except Exception:  # noqa: BLE001, S110 - a cache is an optimisation: never fail for it
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


_KEPT = 8
"""The most caches of one label kept: one per install or code state in use."""


def _prune(folder: str, label: str) -> None:
    """Remove all but the most recently written caches of `label`."""
    with os.scandir(folder) as entries:
        found = [
            (entry.stat(follow_symlinks=False).st_mtime_ns, entry.path)
            for entry in entries
            if entry.name.startswith(f"{label}-") and entry.name.endswith(".pickle")
        ]
    found.sort(reverse=True)
    for _, old in found[_KEPT:]:
        with contextlib.suppress(OSError):
            os.unlink(old)
