"""The shell examples of the command-line and file-format pages run and print what they show.

Convention, for ``docs/cli.md``, ``docs/files.md``, the how-to guides with shell
examples (``howto-own-scheme.md``, ``howto-own-facts.md``, ``howto-lint.md``) and the tutorials
with shell examples (``switching.md``, ``integrating.md``):
the blocks of a page run top to bottom in one temporary folder. A block
with a title (```toml title="my-scheme.toml"```) is written to that file.
A ```bash block runs in bash, ``indemnity`` standing for ``python -m indemnity``;
if a ```text block follows it, what it prints (stdout and stderr together)
must be exactly that text, otherwise it must succeed. A ```sh block (an
install command, say) is shown and not run. To refresh the
expected output after changing an example::

    python -m tests.test_cli_docs --update docs/cli.md
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    ROOT / "docs" / name
    for name in (
        "cli.md",
        "files.md",
        "howto-own-scheme.md",
        "howto-own-facts.md",
        "howto-lint.md",
        "switching.md",
        "integrating.md",
    )
]
FENCE = re.compile(r"^```(?P<lang>[\w-]*)(?P<info>[^\n]*)\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)
TITLE = re.compile(r'title="(?P<name>[^"]+)"')
PRELUDE = 'indemnity() { "$INDEMNITY_PYTHON" -m indemnity "$@"; }\n'


@dataclass
class Step:
    """A block to run or write, with the expected-output block after it, if any."""

    lang: str
    body: str
    line: int
    file: str | None
    expected: tuple[int, int, str] | None  # start, end, body of the ```text block


def steps(text: str) -> list[Step]:
    """The bash blocks and titled file blocks of a page, in order."""
    found = list(FENCE.finditer(text))
    out = []
    for i, match in enumerate(found):
        title = TITLE.search(match["info"])
        if match["lang"] != "bash" and title is None:
            continue
        expected = None
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (
            match["lang"] == "bash"
            and nxt is not None
            and nxt["lang"] == "text"
            and not text[match.end() : nxt.start()].strip()
        ):
            expected = (nxt.start(), nxt.end(), nxt["body"])
        out.append(
            Step(
                match["lang"],
                match["body"],
                text.count("\n", 0, match.start()) + 1,
                title["name"] if title else None,
                expected,
            )
        )
    return out


def run_step(step: Step, folder: Path) -> subprocess.CompletedProcess[str]:
    """Write a file block, or run a bash block in `folder`, its two streams merged in order."""
    if step.file is not None and step.lang != "bash":
        (folder / step.file).write_text(step.body, encoding="utf-8")
        return subprocess.CompletedProcess([], 0, "", "")
    env = {**os.environ, "INDEMNITY_PYTHON": sys.executable, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        ["bash", "-c", PRELUDE + step.body],  # noqa: S607 - bash from PATH, as a reader has it
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_shell_examples_print_what_the_page_shows(page, tmp_path):
    """Each bash block runs; one followed by a ```text block prints exactly that."""
    found = steps(page.read_text(encoding="utf-8"))
    assert found, f"{page.name} has no shell examples"
    for step in found:
        done = run_step(step, tmp_path)
        where = f"{page.name}:{step.line}"
        assert "Traceback" not in done.stdout, where
        if step.expected is None:
            assert done.returncode == 0, f"{where}: {done.stdout}"
        else:
            assert done.stdout == step.expected[2], f"output differs at {where}"


def update(page: Path) -> None:
    """Rewrite the expected-output blocks of `page` with what its shell examples print."""
    text = page.read_text(encoding="utf-8")
    edits = []
    with tempfile.TemporaryDirectory() as folder:
        for step in steps(text):
            done = run_step(step, Path(folder))
            if step.expected is not None:
                edits.append((step.expected, done.stdout))
    for (start, end, _), printed in sorted(edits, reverse=True):
        text = text[:start] + f"```text\n{printed}```" + text[end:]
    page.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] != ["--update"] or len(args) < 2:
        raise SystemExit("usage: python -m tests.test_cli_docs --update docs/page.md ...")
    for name in args[1:]:
        update(Path(name))
        print(f"updated {name}")
