"""Tests for the catalogue cache (`indemnity.uk._cache`): used only when it is exactly ours."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from indemnity import uk
from indemnity.uk import _cache

FILES = (("a.toml", b"one"), ("b.toml", b"two"))


class Built:
    """Counts how often the value had to be built from the files."""

    def __init__(self) -> None:
        self.times = 0

    def __call__(self) -> dict[str, int]:
        self.times += 1
        return {"built": self.times}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("INDEMNITY_CACHE_DIR", str(where))
    monkeypatch.delenv("INDEMNITY_CACHE", raising=False)
    return where


def _files(folder: Path) -> list[Path]:
    return sorted(folder.iterdir()) if folder.exists() else []


class TestCached:
    def test_built_once_then_loaded(self, folder):
        build = Built()
        assert _cache.cached("t", FILES, build, dict) == {"built": 1}
        assert _cache.cached("t", FILES, build, dict) == {"built": 1}
        assert build.times == 1
        (written,) = _files(folder)
        assert written.stat().st_mode & 0o077 == 0
        assert folder.stat().st_mode & 0o077 == 0

    def test_other_bytes_never_meet_the_old_cache(self, folder):
        build = Built()
        _cache.cached("t", FILES, build, dict)
        changed = (("a.toml", b"one"), ("b.toml", b"TWO"))
        assert _cache.cached("t", changed, build, dict) == {"built": 2}
        assert len(_files(folder)) == 2

    def test_a_file_others_may_write_is_never_loaded(self, folder):
        build = Built()
        _cache.cached("t", FILES, build, dict)
        (written,) = _files(folder)
        written.write_bytes(pickle.dumps({"built": "by someone else"}))
        written.chmod(0o666)
        assert _cache.cached("t", FILES, build, dict) == {"built": 2}

    def test_a_symlink_is_never_loaded(self, folder, tmp_path):
        build = Built()
        _cache.cached("t", FILES, build, dict)
        (written,) = _files(folder)
        elsewhere = tmp_path / "elsewhere.pickle"
        elsewhere.write_bytes(pickle.dumps({"built": "elsewhere"}))
        written.unlink()
        written.symlink_to(elsewhere)
        assert _cache.cached("t", FILES, build, dict) == {"built": 2}

    def test_a_damaged_file_is_rebuilt_and_replaced(self, folder):
        build = Built()
        _cache.cached("t", FILES, build, dict)
        (written,) = _files(folder)
        written.write_bytes(b"\x80\x05 not a pickle")
        assert _cache.cached("t", FILES, build, dict) == {"built": 2}
        assert _cache.cached("t", FILES, build, dict) == {"built": 2}

    def test_a_value_of_another_type_is_not_used(self, folder):
        build = Built()
        _cache.cached("t", FILES, build, dict)
        (written,) = _files(folder)
        written.write_bytes(pickle.dumps(["a list"]))
        assert _cache.cached("t", FILES, build, dict) == {"built": 2}

    def test_turned_off_writes_nothing(self, folder, monkeypatch):
        monkeypatch.setenv("INDEMNITY_CACHE", "off")
        build = Built()
        _cache.cached("t", FILES, build, dict)
        _cache.cached("t", FILES, build, dict)
        assert build.times == 2
        assert _files(folder) == []

    def test_an_unwritable_folder_is_not_an_error(self, tmp_path, monkeypatch):
        blocker = tmp_path / "a-file"
        blocker.write_text("not a folder")
        monkeypatch.setenv("INDEMNITY_CACHE_DIR", str(blocker / "cache"))
        build = Built()
        assert _cache.cached("t", FILES, build, dict) == {"built": 1}
        assert _cache.cached("t", FILES, build, dict) == {"built": 2}

    def test_only_the_latest_caches_are_kept(self, folder):
        for n in range(_cache._KEPT + 3):
            _cache.cached("t", (("a.toml", str(n).encode()),), Built(), dict)
        assert len(_files(folder)) == _cache._KEPT

    def test_no_temporary_file_is_left_behind(self, folder):
        _cache.cached("t", FILES, Built(), dict)
        assert [p.name for p in _files(folder) if p.name.startswith(".tmp-")] == []


def _catalogue_summary(cache: Path) -> str:
    code = (
        "from indemnity import uk\n"
        "c = uk.catalogue()\n"
        "print(sorted(c.schemes), len(c.vocabulary.facts), c.parameter("
        "'trainee-private-practice-fee').at().value)\n"
        "print(uk.scheme('cnst') == c.schemes['cnst'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "INDEMNITY_CACHE_DIR": str(cache)},
    )
    return done.stdout


def test_the_cached_catalogue_is_the_catalogue_read_from_the_files(tmp_path):
    """A process that loads the cache sees the catalogue a process reading the files saw."""
    cache = tmp_path / "cache"
    first = _catalogue_summary(cache)
    assert len(list(cache.iterdir())) == 1
    second = _catalogue_summary(cache)
    assert first == second
    assert str(sorted(uk.catalogue().schemes)) in first


def test_a_cache_whose_name_collides_is_not_used(folder, monkeypatch):
    """The file name is only a short checksum: what a cache holds is checked byte for byte."""
    monkeypatch.setattr(_cache, "_checksum", lambda stamp, files: "same")
    build = Built()
    assert _cache.cached("t", FILES, build, dict) == {"built": 1}
    other = (("a.toml", b"one"), ("b.toml", b"two!"))
    assert _cache.cached("t", other, build, dict) == {"built": 2}
    assert _cache.cached("t", other, build, dict) == {"built": 2}
    assert _cache.cached("t", FILES, build, dict) == {"built": 3}


def test_a_cache_for_other_code_is_not_used(folder, monkeypatch):
    """A module of the library edited since the cache was written: the files are read again."""
    build = Built()
    _cache.cached("t", FILES, build, dict)
    monkeypatch.setattr(_cache, "_code", lambda: "indemnity/edited.py:1:1")
    monkeypatch.setattr(_cache, "_checksum", lambda stamp, files: "same")
    assert _cache.cached("t", FILES, build, dict) == {"built": 2}
