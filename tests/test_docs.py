"""Every Python example in the docs runs and prints what the page says it prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indemnity import uk
from tests.docs_runner import run

ROOT = Path(__file__).resolve().parent.parent
PAGES = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]
SHOWN = [
    *PAGES,
    *sorted((ROOT / "docs").rglob("*.json")),
    *sorted((ROOT / "docs" / "img").glob("*.svg")),
]
SEED_FILE = re.compile(r"_[0-9a-f]{16}\.txt")
"""The name a source document was retrieved as (``003_050a7f98c6f2333b.txt``)."""


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


class TestSourcesByTitle:
    """Pages name a source by its title and publisher, never by the file it was retrieved as."""

    @pytest.mark.parametrize("path", SHOWN, ids=lambda p: str(p.relative_to(ROOT)))
    def test_no_page_names_a_seed_file(self, path: Path) -> None:
        """No page, picture or schema the site shows holds a name like ``_<16 hex>.txt``."""
        found = SEED_FILE.findall(path.read_text(encoding="utf-8"))
        assert not found, f"{path.name} names {found[0]}"

    def test_no_generated_page_names_a_seed_file(self) -> None:
        """The catalogue page the library generates names no seed file either."""
        assert not SEED_FILE.search(uk.catalogue_markdown())

    def test_the_pattern_finds_a_seed_file(self) -> None:
        """The pattern matches the names the source documents were retrieved as."""
        retrieved = [s.retrieved_as for s in uk.vocabulary().sources if s.retrieved_as]
        assert len(retrieved) == 5
        assert all(SEED_FILE.search(name) for name in retrieved)
