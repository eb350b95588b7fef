"""The pictures in the docs are what the pages' own examples draw."""

from __future__ import annotations

import importlib.util
import subprocess
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
        """Each picture drawn from its page's examples equals the file in docs/img/."""
        drawn = _generator().pictures()
        assert len(drawn) >= 3
        for path, text in drawn.items():
            assert path.read_text(encoding="utf-8") == text, (
                f"run python docs/gen_pictures.py ({path.name})"
            )

    def test_each_page_shows_its_pictures(self):
        """Every page embeds each picture the generator draws from its examples."""
        for page, drawn in _generator().pictures_by_page().items():
            text = (ROOT / "docs" / page).read_text(encoding="utf-8")
            for path in drawn:
                assert f"](img/{path.name})" in text, f"{page} does not show {path.name}"

    def test_every_committed_picture_is_drawn(self):
        """No picture in docs/img/ is left over from an example that no longer draws it."""
        drawn = {path.name for path in _generator().pictures()}
        kept = {path.name for path in (ROOT / "docs" / "img").glob("*.svg")}
        assert kept <= drawn, f"not drawn by docs/gen_pictures.py: {sorted(kept - drawn)}"

    def test_the_generator_checks(self):
        """python docs/gen_pictures.py --check passes on the committed pictures."""
        done = subprocess.run(
            [sys.executable, str(ROOT / "docs" / "gen_pictures.py"), "--check"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
