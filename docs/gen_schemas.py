"""Write the JSON Schemas the docs show, from the library's own generator.

Usage: ``python docs/gen_schemas.py`` writes ``docs/schemas/KIND.schema.json``
for each kind of document, from `indemnity.io.documents.json_schema`;
``--check`` exits non-zero if a committed file differs from what the library
generates (or one is missing or left over).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import get_args

from indemnity.io.documents import DocumentKind, json_schema

FOLDER = Path(__file__).resolve().parent / "schemas"
KINDS: tuple[DocumentKind, ...] = get_args(DocumentKind)


def schemas() -> dict[Path, str]:
    """Each kind's schema as the text of its file, by the path it is kept at."""
    return {
        FOLDER / f"{kind}.schema.json": json.dumps(json_schema(kind), indent=2) + "\n"
        for kind in KINDS
    }


def main(argv: list[str]) -> int:
    """Write (or with --check, compare) the schema files; return the exit status."""
    wanted = schemas()
    if "--check" in argv:
        kept = set(FOLDER.glob("*.schema.json"))
        stale = [
            path
            for path, text in wanted.items()
            if not path.exists() or path.read_text(encoding="utf-8") != text
        ]
        stale += sorted(kept - set(wanted))
        for path in stale:
            print(f"{path} is out of date: run python docs/gen_schemas.py")
        return 1 if stale else 0
    FOLDER.mkdir(exist_ok=True)
    for path, text in wanted.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(FOLDER.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
