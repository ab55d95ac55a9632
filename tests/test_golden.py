"""Golden output: `extract --jsonl` stays byte-identical through refactors.

The stored outputs in tests/golden/ were made by `scripts/golden.py`; after a change that is
MEANT to alter output, rerun `.venv/bin/python scripts/golden.py` and review the diff of
tests/golden/samples.jsonl (the shared texts are pinned by a sha256 per output line only).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"


def extract_jsonl(path: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)  # sources are printed as given: relative to the repository root
    result = CliRunner().invoke(main, ["--jsonl", path])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_samples_output_is_unchanged(monkeypatch: pytest.MonkeyPatch):
    expected = (GOLDEN / "samples.jsonl").read_text(encoding="utf-8")
    assert extract_jsonl("samples", monkeypatch) == expected


@pytest.mark.parametrize(
    ("name", "relative"),
    [("seeds", "gold/seeds.jsonl"), ("meantime", "dev/meantime.jsonl")],
)
def test_shared_output_hashes_are_unchanged(
    name: str, relative: str, shared_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    assert (shared_dir / relative).is_file()
    output = extract_jsonl(f"../shared/{relative}", monkeypatch)
    hashes = [hashlib.sha256(line.encode("utf-8")).hexdigest() for line in output.splitlines()]
    expected = (GOLDEN / f"{name}.sha256").read_text(encoding="utf-8").splitlines()
    assert [f"{number} {digest}" for number, digest in enumerate(hashes, start=1)] == expected
