"""The gazetteer index is compiled once into the user's cache folder and read from there."""

from __future__ import annotations

import pytest

from extract import gazetteer


@pytest.fixture
def fresh_index(monkeypatch, tmp_path):
    """The index with a cache folder of the test's own; the process's index again afterwards."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    gazetteer.gazetteer_index.cache_clear()
    yield tmp_path
    gazetteer.gazetteer_index.cache_clear()


def test_index_is_written_then_read_from_the_cache(fresh_index, monkeypatch):
    built = gazetteer.gazetteer_index()
    written = list((fresh_index / "extract").glob("gazetteer-*.marshal"))
    assert len(written) == 1
    gazetteer.gazetteer_index.cache_clear()

    def no_second_build():
        raise AssertionError("the index was compiled again")

    monkeypatch.setattr(gazetteer, "_compiled_index", no_second_build)
    assert gazetteer.gazetteer_index() == built
    assert "Kyiv" in built["names"]


def test_an_unwritable_cache_folder_is_no_error(fresh_index, monkeypatch):
    blocker = fresh_index / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    index = gazetteer.gazetteer_index()
    assert "Kyiv" in index["names"]
    assert not list(fresh_index.rglob("gazetteer-*"))
