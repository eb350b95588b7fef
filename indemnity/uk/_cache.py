r"""A cache of the built catalogue, so that a new process answers its first question fast.

Reading the catalogue's TOML files and building every scheme from them is most
of a cold start. The first process that reads them writes what it built,
pickled, to the user's cache folder; later processes load that instead. A
cached catalogue is used only when all of these hold, and the files are read
otherwise:

- its file name carries a SHA-256 of this Python's version, the library's
  code (each module's name, size and modification time) and the exact bytes
  of today's data files, so an edited data file or module, an upgrade or
  another Python never meets an old cache;
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
import hashlib
import io
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

__all__ = ["cache_folder", "cached"]

T = TypeVar("T")

_PROTOCOL = 5


def cache_folder() -> Path | None:
    """Where cached catalogues live; None when the cache is turned off."""
    if os.environ.get("INDEMNITY_CACHE", "").strip().lower() in {"off", "0", "no", "false"}:
        return None
    given = os.environ.get("INDEMNITY_CACHE_DIR")
    if given:
        return Path(given)
    if sys.platform == "win32":  # pragma: no cover - CI runs on Linux
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "indemnity" if base else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "indemnity"


_PACKAGE = Path(__file__).resolve().parents[1]


def _code() -> list[str]:
    """Each module of the library: its path, size and modification time."""
    found = []
    for path in sorted(_PACKAGE.rglob("*.py")):
        info = path.stat()
        found.append(f"{path.relative_to(_PACKAGE)}:{info.st_size}:{info.st_mtime_ns}")
    return found


def _key(files: Iterable[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for part in (sys.version, str(_PROTOCOL), *_code()):
        digest.update(part.encode())
        digest.update(b"\0")
    for name, data in files:
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()[:32]


def _private(path: Path) -> bool:
    """Whether `path` belongs to this user and no one else may write to it."""
    info = path.lstat()
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
    files: Iterable[tuple[str, bytes]],
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
    path = folder / f"{label}-{_key(files)}.pickle"
    try:
        if _private(folder) and _private(path):
            found = pickle.loads(path.read_bytes())  # noqa: S301 - our own file, checked private
            if isinstance(found, kind):
                return found
    except Exception:  # noqa: BLE001, S110 - a missing or unreadable cache: build instead
        pass
    value = build()
    _write(folder, path, value, label)
    return value


def _write(folder: Path, path: Path, value: object, label: str) -> None:
    """Write the cache atomically; give up silently on any failure."""
    temporary = None
    try:
        data = _dumps(value)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
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


def _prune(folder: Path, label: str) -> None:
    """Remove all but the most recently written caches of `label`."""
    found = sorted(
        folder.glob(f"{label}-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True
    )
    for old in found[_KEPT:]:
        with contextlib.suppress(OSError):
            old.unlink()
