"""``indemnity lint``: check rule files before anyone relies on them.

Exit 0 when nothing is found (or only what an allow-list keeps), 1 with
findings, 2 on bad input (a file that is not a valid document, an allow-list
that is not one).

The built-in catalogue's data files are linted with the catalogue's own
allow-list (`indemnity.uk.files`) unless ``--no-allow`` is given; an
allow-list named with ``--allow`` applies to every file, beside it. No other
file is linted with the built-in list unless it is named.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

import attrs

from indemnity.cli._common import PROG, emit
from indemnity.io.codec import to_data
from indemnity.lint.files import lint_file
from indemnity.lint.findings import Allowance, AllowList, Finding
from indemnity.uk.files import ALLOW_LIST_NAME, allow_list, is_data_file

__all__ = ["EXIT_FINDINGS", "add", "lint"]

EXIT_FINDINGS = 1
"""The exit status when the linter finds something no allow-list keeps."""


def add(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``lint`` command to `sub`."""
    parser = sub.add_parser(
        "lint",
        parents=[common],
        help="check scheme, portfolio or catalogue files for rules that cannot be right",
        description=(
            "Check the rules of scheme, portfolio or catalogue files: covers no question"
            " reaches, exclusions that never fire or always do, exceptions that never hold,"
            " facts read or waited on for nothing, covers that disagree on a limit, missing"
            " or unknown citations, unverified rules deciding firm answers, unknown names."
            " The built-in catalogue's own data files are linted with its allow-list"
            f" ({ALLOW_LIST_NAME}) unless --no-allow is given."
            " Exit 0 clean, 1 with findings, 2 on bad input."
        ),
    )
    parser.add_argument(
        "files", metavar="FILE", nargs="+", help="a .toml, .json, .yaml or .yml file"
    )
    lists = parser.add_mutually_exclusive_group()
    lists.add_argument(
        "--allow",
        metavar="FILE",
        help=(
            "an allow-list of findings kept on purpose, each with its reason (TOML), for every"
            " file; the built-in one still applies to the built-in data files"
        ),
    )
    lists.add_argument(
        "--no-allow",
        action="store_true",
        help=(
            "no allow-list, not even the built-in one for the built-in data files:"
            " show every finding"
        ),
    )
    parser.add_argument(
        "--show-allowed", action="store_true", help="print the findings an allow-list keeps too"
    )
    parser.set_defaults(handler=lint)


@attrs.frozen
class _Applied:
    """An allow-list as this run applies it: its name, and the files it is for."""

    name: str
    allowances: AllowList
    built_in: bool
    concerns: Callable[[str], bool]


def _allow_lists(given: str | None, *, no_allow: bool, files: Sequence[str]) -> list[_Applied]:
    """The built-in list for the built-in data files (unless it is given), then the given one."""
    if no_allow:
        return []
    applied = []
    built_in = allow_list()
    same = given is not None and _same_file(given, built_in)
    if given is not None:
        applied.append(
            _Applied(ALLOW_LIST_NAME if same else given, AllowList.load(given), same, _any)
        )
    if not same and any(is_data_file(f) for f in files):
        applied.insert(0, _Applied(ALLOW_LIST_NAME, AllowList.load(built_in), True, is_data_file))
    return applied


def _any(file: str) -> bool:
    """Every file: a list named with ``--allow`` is for every file linted."""
    return True


def _same_file(one: str | os.PathLike[str], other: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(one, other)
    except (OSError, ValueError):  # the given list is read (and its error reported) later
        return False


def lint(args: argparse.Namespace, out: TextIO) -> int:
    """Lint the files; print the findings; 1 if any is not allowed."""
    lists = _allow_lists(args.allow, no_allow=args.no_allow, files=args.files)
    found: list[Finding] = []
    for file in args.files:
        found.extend(lint_file(file))
    marked, kept_by = _mark(found, lists)
    unused = [
        (applied, allowance)
        for applied in lists
        for allowance in applied.allowances.unused(
            [f for f in found if applied.concerns(f.file)],
            [f for f in args.files if applied.concerns(f)],
        )
    ]
    kept = [f for f in marked if not f.allowed]
    status = EXIT_FINDINGS if kept else 0
    if args.json:
        emit(
            out,
            {
                "files": list(args.files),
                "findings": [_data(f) for f in marked],
                "counts": {"found": len(kept), "allowed": len(marked) - len(kept)},
                "allow_lists": [
                    {"file": applied.name, "built_in": applied.built_in, "allowed": count}
                    for applied, count in zip(lists, kept_by, strict=True)
                ],
                "unused_allowances": [
                    {
                        "kind": a.kind.value,
                        "path": a.path,
                        "file": a.file,
                        "allow_list": applied.name,
                    }
                    for applied, a in unused
                ],
            },
        )
        return status
    for finding in marked:
        if finding.allowed and not args.show_allowed:
            continue
        out.write(finding.describe() + "\n")
        if finding.citation is not None:
            out.write(f"    source: {finding.citation}\n")
        if finding.allowed:
            out.write(f"    allowed: {finding.allowed}\n")
    for applied, allowance in unused:
        sys.stderr.write(_stale(applied, allowance))
    for applied, count in zip(lists, kept_by, strict=True):
        if applied.built_in and count:
            out.write(_built_in_note(count, show_allowed=args.show_allowed))
    files = f"{len(args.files)} file{'s' if len(args.files) != 1 else ''}"
    extra = f" ({len(marked) - len(kept)} allowed)" if len(marked) > len(kept) else ""
    found_text = f"{len(kept)} finding{'s' if len(kept) != 1 else ''}" if kept else "no findings"
    out.write(f"{found_text}{extra} in {files}\n")
    return status


def _mark(found: Sequence[Finding], lists: Sequence[_Applied]) -> tuple[list[Finding], list[int]]:
    """Each finding marked by the first list for its file that keeps it; how many each kept."""
    marked: list[Finding] = []
    kept_by = [0] * len(lists)
    for finding in found:
        result = finding
        for i, applied in enumerate(lists):
            if applied.concerns(finding.file):
                (result,) = applied.allowances.apply([finding])
                if result.allowed:
                    kept_by[i] += 1
                    break
        marked.append(result)
    return marked, kept_by


def _stale(applied: _Applied, allowance: Allowance) -> str:
    which = f"the built-in allow-list ({applied.name})" if applied.built_in else "the allow-list"
    return (
        f"{PROG}: warning: {which} keeps {allowance.kind.value} at"
        f" {allowance.path!r}, which was not found\n"
    )


def _built_in_note(count: int, *, show_allowed: bool) -> str:
    """The line saying the built-in list kept findings without being named."""
    them = "them" if count != 1 else "it"
    shown = "" if show_allowed else f"--show-allowed prints {them} with the reasons, "
    return (
        f"{count} finding{'s' if count != 1 else ''} allowed by the built-in allow-list"
        f" ({ALLOW_LIST_NAME}): {shown}--no-allow counts {them}\n"
    )


def _data(finding: Finding) -> dict[str, object]:
    return {
        "kind": finding.kind.value,
        "file": finding.file,
        "path": finding.path,
        "message": finding.message,
        "citation": None if finding.citation is None else to_data(finding.citation),
        "cited": None if finding.citation is None else str(finding.citation),
        "allowed": finding.allowed or None,
    }
