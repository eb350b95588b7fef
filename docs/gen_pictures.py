"""Draw the docs' pictures from the pages' own examples.

Usage: ``python docs/gen_pictures.py`` runs the Python blocks of each page
that has pictures, top to bottom in one namespace per page (as the docs test
runner does), and writes each picture into docs/img/; ``--check`` exits
non-zero if a committed picture differs from what the examples draw.

Each picture is drawn by the library (`indemnity.timeline_svg`) from names
the page's examples define, so a picture cannot drift from the code shown
above it: most pages assign the SVG text to a name, and the picture is that
text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import sys
from collections.abc import Callable
from pathlib import Path

from indemnity import Timeline, timeline_svg

DOCS = Path(__file__).resolve().parent
FENCE = re.compile(r"^```python[^\n]*\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)
HORIZON = dt.date(2033, 1, 1)

Draw = Callable[[dict[str, object]], str]


def drawn(name: str) -> Draw:
    """The picture a page's examples drew and kept under `name`."""

    def draw(names: dict[str, object]) -> str:
        text = names[name]
        if not isinstance(text, str) or not text.startswith("<svg"):
            msg = f"{name!r} is not an SVG document"
            raise TypeError(msg)
        return text

    return draw


# Each page with pictures: each picture's file under docs/img/, and how to draw it
# from the names the page's examples define.
PAGES: dict[str, dict[str, Draw]] = {
    "timelines.md": {
        "timeline-switch.svg": lambda ns: timeline_svg(
            Timeline.of(ns["shah"], ns["work"], "england", ns["span"], claim_horizon=HORIZON),  # type: ignore[arg-type]
            title="Dr Shah: claims-made to occurrence, without run-off",
        ),
        "timeline-switch-run-off.svg": lambda ns: timeline_svg(
            Timeline.of(ns["covered"], ns["work"], "england", ns["span"], claim_horizon=HORIZON),  # type: ignore[arg-type]
            title="Dr Shah: the same switch, with run-off to 2033",
        ),
    },
    "switching.md": {
        "switch-occurrence-gap.svg": drawn("gap_picture"),
        "switch-claims-made-gap.svg": drawn("exposed_picture"),
        "switch-prior-acts.svg": drawn("closed_picture"),
    },
    "occurrence-claims-made.md": {
        "basis-occurrence.svg": drawn("occurrence_picture"),
        "basis-claims-made.svg": drawn("claims_made_picture"),
        "basis-run-off.svg": drawn("run_off_picture"),
    },
    "provider-company.md": {
        "provider-run-off.svg": drawn("provider_picture"),
    },
}


def page_names(page: str = "timelines.md") -> dict[str, object]:
    """The names the examples of `page` (under docs/) define, once they have all run."""
    path = DOCS / page
    namespace: dict[str, object] = {"__name__": f"docs:{page}"}
    text = path.read_text(encoding="utf-8")
    for block in FENCE.finditer(text):
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(block["body"], str(path), "exec"), namespace)  # noqa: S102 - our own page
    return namespace


def pictures_by_page() -> dict[str, dict[Path, str]]:
    """Every picture, by the page that shows it, then by the path it is kept at."""
    out = {}
    for page, drawings in PAGES.items():
        names = page_names(page)
        out[page] = {DOCS / "img" / name: draw(names) for name, draw in drawings.items()}
    return out


def pictures() -> dict[Path, str]:
    """Every picture of every page, by the path it is kept at."""
    return {path: text for found in pictures_by_page().values() for path, text in found.items()}


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
