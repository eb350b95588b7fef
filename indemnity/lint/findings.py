"""What the linter reports: findings, their kinds, and the findings a project allows.

A `Finding` names the problem (its `FindingKind`, a stable code for tools),
where it is (the file, and the rule's path in it, such as
``schemes.mps.covers[2].exclusions[0]``), what is wrong in words, and the
citation of the rule it is about. An `AllowList` holds the findings a
project has looked at and keeps, each with its reason: the built-in
catalogue's lives beside its data (``indemnity/uk/lint-allowed.toml``).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path

import attrs

from indemnity._records import fields_repr
from indemnity.errors import DataError, FileFormatError, InvalidFieldError, UnknownNameError
from indemnity.io.parse import file_name, read_document
from indemnity.model.citation import Citation

__all__ = ["AllowList", "Allowance", "Finding", "FindingKind"]


class FindingKind(StrEnum):
    """What is wrong with a rule: a stable code for tools."""

    UNREACHABLE_COVER = "unreachable-cover"
    """A cover, or a kind of work or matter it lists, that no question can reach."""
    EXCLUSION_NEVER_FIRES = "exclusion-never-fires"
    """An exclusion that fires in no situation the cover answers."""
    EXCLUSION_ALWAYS_FIRES = "exclusion-always-fires"
    """An exclusion that fires wherever the cover would answer: the cover is dead."""
    UNLESS_NEVER_HOLDS = "unless-never-holds"
    """An exception (``unless``) that holds in no situation its exclusion catches."""
    FACT_NEVER_MATTERS = "fact-never-matters"
    """A fact a rule reads whose value never changes the rule's answer."""
    WAITS_FOR_NOTHING = "waits-for-nothing"
    """A rule that waits on a fact where no value it can take changes the answer."""
    COVERS_DISAGREE = "covers-disagree"
    """Two covers of one scheme answering one question with different limits."""
    MISSING_CITATION = "missing-citation"
    """A rule with no citation, or one citing a source without quote or note."""
    UNKNOWN_SOURCE = "unknown-source"
    """A citation of a source the sources registry does not list."""
    UNVERIFIED_DECIDES = "unverified-decides"
    """A rule marked unverified that alone decides a firm answer."""
    UNKNOWN_NAME = "unknown-name"
    """A matter, kind of work, place, fact or value the vocabulary does not declare."""


@attrs.frozen
class Finding:
    """One problem the linter found in a rule set.

    Attributes:
        kind: What is wrong.
        path: Where, inside the document: ``schemes.mps.covers[2].exclusions[0]``.
        message: What is wrong, in words.
        citation: The citation of the rule it is about, where the rule has one.
        file: The file it was found in ("" for objects linted in memory).
        allowed: The allow-list's reason, when the project keeps it on purpose.
    """

    __repr__ = fields_repr

    kind: FindingKind
    path: str
    message: str
    citation: Citation | None = None
    file: str = ""
    allowed: str = ""

    def describe(self) -> str:
        """The finding in one line: ``file: path: kind: message``."""
        where = f"{self.file}: {self.path}" if self.file else self.path
        return f"{where}: {self.kind.value}: {self.message}"

    def sort_key(self) -> tuple[str, str, str, str]:
        """Files, then paths as they read, then kinds."""
        return (self.file, _natural(self.path), self.kind.value, self.message)


def _natural(path: str) -> str:
    """`path` with its numbers padded, so ``covers[10]`` sorts after ``covers[9]``."""
    return re.sub(r"\d+", lambda m: m.group().zfill(6), path)


@functools.lru_cache(maxsize=256)
def _pattern(text: str) -> re.Pattern[str]:
    """``**`` matches any run of characters, ``*`` any without a dot; the rest itself."""
    parts = (
        "[^.]*".join(re.escape(piece) for piece in part.split("*")) for part in text.split("**")
    )
    return re.compile(".*".join(parts) + r"\Z")


@attrs.frozen
class Allowance:
    """A finding a project keeps on purpose, with its reason.

    Attributes:
        kind: The kind of finding.
        path: The path it is at; ``*`` matches any run of characters but a
            dot (``schemes.*.covers[*]``), ``**`` any run at all.
        reason: Why the finding is right to keep: what the rule means to say.
        file: The name of the file it is in (``*`` as in `path`); empty for any.
    """

    __repr__ = fields_repr

    kind: FindingKind
    path: str
    reason: str
    file: str = ""

    def __attrs_post_init__(self) -> None:
        try:
            object.__setattr__(self, "kind", FindingKind(self.kind))
        except ValueError:
            raise UnknownNameError.for_choices(
                "Allowance.kind", self.kind, [k.value for k in FindingKind]
            ) from None
        for field in ("path", "reason"):
            value = getattr(self, field)
            if not isinstance(value, str) or not value.strip():
                raise InvalidFieldError(f"Allowance.{field}", "a non-empty string", value)
        if not isinstance(self.file, str):
            raise InvalidFieldError("Allowance.file", "a file name or pattern", self.file)

    def allows(self, finding: Finding) -> bool:
        """Whether this allowance covers `finding`."""
        if finding.kind is not self.kind or not _pattern(self.path).match(finding.path):
            return False
        return self.concerns(finding.file)

    def concerns(self, file: str) -> bool:
        """Whether this allowance may keep findings of `file` (by its name)."""
        return not self.file or bool(_pattern(self.file).match(Path(file).name))


def _allowances(value: object) -> tuple[Allowance, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidFieldError("AllowList.allowances", "a sequence of allowances", value)
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, Allowance):
            raise InvalidFieldError(f"AllowList.allowances[{i}]", "an Allowance", item)
    return items


@attrs.frozen
class AllowList:
    """The findings a project keeps, each with its reason.

    A TOML file of ``[[allow]]`` tables, each with ``kind``, ``path``,
    ``reason`` and, optionally, ``file``::

        [[allow]]
        kind = "unverified-decides"
        file = "trainee.toml"
        path = "schemes.mddus-hee-block.covers[*]"
        reason = "MDDUS's block terms are modelled on Medical Protection's ..."

    Attributes:
        allowances: The allowances, in the file's order.
    """

    __repr__ = fields_repr

    allowances: tuple[Allowance, ...] = attrs.field(default=(), converter=_allowances)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> AllowList:
        """Read an allow-list file.

        Raises:
            FileFormatError: the file is not TOML (or past the limits every file
                is read within), or an entry is malformed.
            OSError: the file cannot be read.
        """
        name = file_name(path)
        data = read_document(name, format="toml")  # bounded and safe, as every file is read
        keys = ("kind", "path", "reason", "file")
        found: list[Allowance] = []
        for key in data:
            if key != "allow":
                raise FileFormatError.in_file(name, DataError.unknown_key(key, key, ["allow"]))
        entries = data.get("allow", [])
        if not isinstance(entries, list):
            raise FileFormatError.in_file(name, DataError("allow", "a list of tables", entries))
        for i, entry in enumerate(entries):
            where = f"allow[{i}]"
            if not isinstance(entry, dict):
                raise FileFormatError.in_file(name, DataError(where, "a table", entry))
            for key in entry:
                if key not in keys:
                    error = DataError.unknown_key(f"{where}.{key}", key, keys)
                    raise FileFormatError.in_file(name, error)
            for key in ("kind", "path", "reason"):
                if key not in entry:
                    raise FileFormatError.in_file(name, DataError.missing(f"{where}.{key}", key))
            try:
                found.append(Allowance(**entry))
            except InvalidFieldError as err:
                field = err.field.replace("Allowance.", f"{where}.")
                raise FileFormatError.in_file(
                    name, DataError(field, err.expected, err.got)
                ) from None
        return cls(tuple(found))

    def apply(self, findings: Iterable[Finding]) -> tuple[Finding, ...]:
        """`findings`, each one an allowance covers marked `Finding.allowed` with its reason."""
        out = []
        for finding in findings:
            allowance = next((a for a in self.allowances if a.allows(finding)), None)
            out.append(
                finding if allowance is None else attrs.evolve(finding, allowed=allowance.reason)
            )
        return tuple(out)

    def unused(
        self, findings: Iterable[Finding], files: Iterable[str] | None = None
    ) -> tuple[Allowance, ...]:
        """The allowances none of `findings` matches: stale, once the rule is fixed.

        Args:
            findings: What the linter found.
            files: The files linted: only the allowances that concern one of
                them count; None for every allowance.
        """
        items = list(findings)
        linted = None if files is None else list(files)
        return tuple(
            a
            for a in self.allowances
            if (linted is None or any(a.concerns(f) for f in linted))
            and not any(a.allows(f) for f in items)
        )
