"""The pictures in docs/timelines.md are what the page's examples draw."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("gen_pictures", ROOT / "docs" / "gen_pictures.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_pictures", module)
    spec.loader.exec_module(module)
    return module


class TestPictures:
    """docs/gen_pictures.py and the committed pictures agree."""

    def test_regenerating_the_pictures_gives_the_committed_files(self):
        """Each picture drawn from the page's examples equals the file in docs/img/."""
        drawn = _generator().pictures()
        assert drawn
        for path, text in drawn.items():
            assert path.read_text(encoding="utf-8") == text, (
                f"run python docs/gen_pictures.py ({path.name})"
            )

    def test_the_page_shows_every_picture(self):
        """docs/timelines.md embeds each picture the generator draws."""
        page = (ROOT / "docs" / "timelines.md").read_text(encoding="utf-8")
        for path in _generator().pictures():
            assert f"](img/{path.name})" in page
