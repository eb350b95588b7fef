"""Draw the pictures of docs/timelines.md from the page's own examples.

Usage: ``python docs/gen_pictures.py`` runs the page's Python blocks, top to
bottom in one namespace (as the docs test runner does), and writes each
picture into docs/img/; ``--check`` exits non-zero if a committed picture
differs from what the examples draw.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import sys
from collections.abc import Callable
from pathlib import Path

from indemnity import timeline_svg

DOCS = Path(__file__).resolve().parent
PAGE = DOCS / "timelines.md"
FENCE = re.compile(r"^```python[^\n]*\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)
HORIZON = dt.date(2033, 1, 1)

# Each picture: its file under docs/img/, and how to draw it from the page's names.
PICTURES: dict[str, Callable[[dict[str, object]], str]] = {
    "timeline-switch.svg": lambda ns: timeline_svg(
        ns["shah"].timeline(ns["work"], "england", ns["span"], claim_horizon=HORIZON),  # type: ignore[attr-defined]
        title="Dr Shah: claims-made to occurrence, without run-off",
    ),
    "timeline-switch-run-off.svg": lambda ns: timeline_svg(
        ns["covered"].timeline(ns["work"], "england", ns["span"], claim_horizon=HORIZON),  # type: ignore[attr-defined]
        title="Dr Shah: the same switch, with run-off to 2033",
    ),
}


def page_names() -> dict[str, object]:
    """The names the page's examples define, once they have all run."""
    namespace: dict[str, object] = {"__name__": "docs:timelines.md"}
    text = PAGE.read_text(encoding="utf-8")
    for block in FENCE.finditer(text):
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(block["body"], str(PAGE), "exec"), namespace)  # noqa: S102 - our own page
    return namespace


def pictures() -> dict[Path, str]:
    """Every picture of the page, by the path it is kept at."""
    names = page_names()
    return {DOCS / "img" / name: draw(names) for name, draw in PICTURES.items()}


def main(argv: list[str]) -> int:
    """Write (or with --check, compare) the pictures; return the exit status."""
    stale = []
    for path, text in pictures().items():
        if "--check" in argv:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
            continue
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(DOCS.parent)}")
    for path in stale:
        print(f"{path} is out of date: run python docs/gen_pictures.py")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
