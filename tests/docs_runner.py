"""Run the Python examples of a Markdown page, and check or update their printed output.

Convention: every ```python block of a page runs, top to bottom, in one namespace
per page, in a fresh temporary folder. A block with a title
(```toml title="my-scheme.toml"```) is a file the page shows: it is written to
that folder first, so the examples can load it by name. A ```python block
followed (blank lines aside) by a ```text block must print exactly that text.
To refresh the expected output after changing an example, run
``python tests/docs_runner.py --update docs/page.md``.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
import tempfile
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FENCE = re.compile(r"^```(?P<lang>[\w-]*)(?P<info>[^\n]*)\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)
TITLE = re.compile(r'title="(?P<name>[^"]+)"')


@dataclass
class Block:
    """One fenced code block of a page."""

    lang: str
    body: str
    start: int
    end: int
    line: int
    title: str | None = None


@dataclass
class Example:
    """A Python block with the text block that holds its expected output, if any."""

    code: Block
    expected: Block | None


def blocks(text: str) -> list[Block]:
    """The fenced blocks of a page in order."""
    found = []
    for m in FENCE.finditer(text):
        title = TITLE.search(m["info"])
        line = text.count("\n", 0, m.start()) + 1
        found.append(
            Block(m["lang"], m["body"], m.start(), m.end(), line, title["name"] if title else None)
        )
    return found


@contextlib.contextmanager
def in_folder_with_files(text: str) -> Iterator[Path]:
    """Work in a fresh temporary folder holding the page's titled file blocks."""
    here = Path.cwd()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for block in blocks(text):
            if block.title is not None and block.lang not in ("python", "bash"):
                (folder / block.title).write_text(block.body, encoding="utf-8")
        os.chdir(folder)
        try:
            yield folder
        finally:
            os.chdir(here)


def examples(text: str) -> list[Example]:
    """The Python examples of a page, each with its expected output block if one follows."""
    found = blocks(text)
    out: list[Example] = []
    for i, block in enumerate(found):
        if block.lang != "python":
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        follows = nxt is not None and nxt.lang == "text" and not text[block.end : nxt.start].strip()
        out.append(Example(block, nxt if follows else None))
    return out


def run(path: Path) -> list[tuple[Example, str]]:
    """Run every example of the page at `path`; return each with what it printed."""
    text = path.read_text(encoding="utf-8")
    namespace: dict[str, object] = {"__name__": f"docs:{path.name}"}
    results: list[tuple[Example, str]] = []
    with in_folder_with_files(text):
        for example in examples(text):
            buffer = io.StringIO()
            code = compile(example.code.body, f"{path}:{example.code.line}", "exec")
            with contextlib.redirect_stdout(buffer):
                exec(code, namespace)  # noqa: S102 - running our own documentation is the point
            results.append((example, buffer.getvalue()))
    return results


def update(path: Path) -> None:
    """Rewrite the expected-output blocks of the page at `path` with what the examples print."""
    text = path.read_text(encoding="utf-8")
    edits = [(ex.expected, printed) for ex, printed in run(path) if ex.expected is not None]
    for block, printed in sorted(edits, key=lambda e: e[0].start, reverse=True):
        body = printed if printed.endswith("\n") or not printed else printed + "\n"
        new = f"```text\n{body}```"
        text = text[: block.start] + new + text[block.end :]
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--update"]:
        for name in args[1:]:
            try:
                update(Path(name))
            except Exception:  # noqa: BLE001 - show the failing example, then fail
                traceback.print_exc()
                raise SystemExit(1) from None
            print(f"updated {name}")
    else:
        raise SystemExit("usage: python tests/docs_runner.py --update docs/page.md ...")
