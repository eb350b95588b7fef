"""Run the Python examples of a Markdown page, and check or update their printed output.

Convention: every ```python block of a page runs, top to bottom, in one namespace
per page. A ```python block followed (blank lines aside) by a ```text block must
print exactly that text. To refresh the expected output after changing an
example, run ``python tests/docs_runner.py --update docs/page.md``.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

FENCE = re.compile(r"^```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)


@dataclass
class Block:
    """One fenced code block of a page."""

    lang: str
    body: str
    start: int
    end: int
    line: int


@dataclass
class Example:
    """A Python block with the text block that holds its expected output, if any."""

    code: Block
    expected: Block | None


def blocks(text: str) -> list[Block]:
    """The fenced blocks of a page in order."""
    return [
        Block(m["lang"], m["body"], m.start(), m.end(), text.count("\n", 0, m.start()) + 1)
        for m in FENCE.finditer(text)
    ]


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
