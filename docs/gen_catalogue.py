"""Write docs/catalogue.md from the UK catalogue's data files.

Usage: ``python docs/gen_catalogue.py`` rewrites the page; ``--check`` exits
non-zero if the committed page differs from what the data gives.
"""

from __future__ import annotations

import sys
from pathlib import Path

from indemnity.uk import catalogue_markdown

PAGE = Path(__file__).resolve().parent / "catalogue.md"


def main(argv: list[str]) -> int:
    """Write (or with --check, compare) the catalogue page; return the exit status."""
    text = catalogue_markdown()
    if "--check" in argv:
        current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
        if current != text:
            print(f"{PAGE} is out of date: run python docs/gen_catalogue.py")
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
