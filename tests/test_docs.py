"""Every Python example in the docs runs and prints what the page says it prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.docs_runner import run

ROOT = Path(__file__).resolve().parent.parent
PAGES = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_examples_run_and_print_what_the_page_shows(page: Path) -> None:
    """Each ```python block runs; one followed by a ```text block prints exactly that."""
    for example, printed in run(page):
        if example.expected is not None:
            where = f"{page.name}:{example.code.line}"
            assert printed == example.expected.body, f"output differs at {where}"


def test_the_docs_have_examples() -> None:
    """The runner finds examples, so the test above cannot pass by finding none."""
    assert sum(len(run(p)) for p in PAGES if p.name in {"tutorial.md", "index.md"}) >= 5
