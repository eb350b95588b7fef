"""``indemnity lint``: check rule files before anyone relies on them.

Exit 0 when nothing is found (or only what the allow-list keeps), 1 with
findings, 2 on bad input (a file that is not a valid document, an allow-list
that is not one).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from indemnity.cli._common import PROG, emit
from indemnity.io.codec import to_data
from indemnity.lint.files import lint_file
from indemnity.lint.findings import AllowList, Finding

__all__ = ["EXIT_FINDINGS", "add", "lint"]

EXIT_FINDINGS = 1
"""The exit status when the linter finds something the allow-list does not keep."""


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
            " Exit 0 clean, 1 with findings, 2 on bad input."
        ),
    )
    parser.add_argument(
        "files", metavar="FILE", nargs="+", help="a .toml, .json, .yaml or .yml file"
    )
    parser.add_argument(
        "--allow",
        metavar="FILE",
        help="an allow-list of findings kept on purpose, each with its reason (TOML)",
    )
    parser.add_argument(
        "--show-allowed", action="store_true", help="print the findings the allow-list keeps too"
    )
    parser.set_defaults(handler=lint)


def lint(args: argparse.Namespace, out: TextIO) -> int:
    """Lint the files; print the findings; 1 if any is not allowed."""
    allowed = AllowList.load(args.allow) if args.allow else AllowList()
    found: list[Finding] = []
    for file in args.files:
        found.extend(lint_file(file))
    marked = allowed.apply(found)
    unused = allowed.unused(found, args.files)
    kept = [f for f in marked if not f.allowed]
    status = EXIT_FINDINGS if kept else 0
    if args.json:
        emit(
            out,
            {
                "files": list(args.files),
                "findings": [_data(f) for f in marked],
                "counts": {"found": len(kept), "allowed": len(marked) - len(kept)},
                "unused_allowances": [
                    {"kind": a.kind.value, "path": a.path, "file": a.file} for a in unused
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
    for allowance in unused:
        sys.stderr.write(
            f"{PROG}: warning: the allow-list keeps {allowance.kind.value} at"
            f" {allowance.path!r}, which was not found\n"
        )
    files = f"{len(args.files)} file{'s' if len(args.files) != 1 else ''}"
    extra = f" ({len(marked) - len(kept)} allowed)" if len(marked) > len(kept) else ""
    found_text = f"{len(kept)} finding{'s' if len(kept) != 1 else ''}" if kept else "no findings"
    out.write(f"{found_text}{extra} in {files}\n")
    return status


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
