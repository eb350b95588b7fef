"""The catalogue's own files: its data files, and the lint allow-list beside them.

The catalogue ships the findings of `indemnity lint` it keeps on purpose,
each with its reason, in ``lint-allowed.toml`` beside ``data/``. The command
line applies that list to these files, and to no other, when it lints them
(see ``indemnity lint --help``): a copy of a data file elsewhere is a
project's own file, linted in full.

Examples:
    >>> from indemnity.uk.files import ALLOW_LIST_NAME, allow_list, is_data_file
    >>> allow_list().name, ALLOW_LIST_NAME
    ('lint-allowed.toml', 'indemnity/uk/lint-allowed.toml')
    >>> is_data_file(allow_list().parent / "data" / "nhs.toml")
    True
    >>> is_data_file("nhs.toml")
    False
"""

from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path

__all__ = ["ALLOW_LIST_NAME", "allow_list", "data_files", "is_data_file"]

ALLOW_LIST_NAME = "indemnity/uk/lint-allowed.toml"
"""The allow-list's name inside the package, as messages show it wherever it is installed."""


def _package() -> Path:
    return Path(str(resources.files("indemnity.uk")))


def allow_list() -> Path:
    """The built-in allow-list: the lint findings the catalogue's data keeps, with reasons."""
    return _package() / "lint-allowed.toml"


@functools.cache
def data_files() -> frozenset[Path]:
    """The catalogue's data files (schemes, words, sources, people), resolved."""
    return frozenset(p.resolve() for p in (_package() / "data").rglob("*.toml"))


def is_data_file(path: str | os.PathLike[str]) -> bool:
    """Whether `path` is one of the catalogue's own data files (through any link to it)."""
    try:
        return Path(path).resolve() in data_files()
    except (OSError, RuntimeError, ValueError):  # a loop of links, a NUL byte: not ours
        return False
