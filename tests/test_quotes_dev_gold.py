"""Quotes on our own dev gold of real prose (benchmarks/gold/aeb_quotes*.jsonl), joined to the
article texts in ../shared (skipped where it is absent): floors under the README's figures."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from scorer import scores_of

from extract.readers.quotes.speakers_words import title_words

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
LABEL_FILES = ("aeb_quotes.jsonl", "aeb_quotes_heldout.jsonl")

# (label file, score path, lowest accepted value); the figures today are in the README.
FLOORS = [
    ("aeb_quotes.jsonl", ("f1",), 0.93),
    ("aeb_quotes.jsonl", ("speaker", "accuracy"), 0.95),
    ("aeb_quotes.jsonl", ("recall_by_kind", "indirect", "recall"), 0.85),
    ("aeb_quotes_heldout.jsonl", ("f1",), 0.88),
    ("aeb_quotes_heldout.jsonl", ("speaker", "accuracy"), 0.93),
    ("aeb_quotes_heldout.jsonl", ("recall_by_kind", "indirect", "recall"), 0.75),
]


def _dev_gold():
    spec = importlib.util.spec_from_file_location("dev_gold", BENCHMARKS / "dev_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def runs(shared_dir: Path, tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Per label file: the joined gold and what `extract --jsonl` printed for it."""
    dev_gold = _dev_gold()
    texts = dev_gold.article_texts()
    command = shutil.which("extract", path=str(Path(sys.executable).parent))
    found = {}
    for name in LABEL_FILES:
        folder = tmp_path_factory.mktemp("dev_gold")
        gold, output = folder / "gold.jsonl", folder / "out.jsonl"
        records = dev_gold.joined(BENCHMARKS / "gold" / name, texts)
        gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        with output.open("w", encoding="utf-8") as out:
            subprocess.run([command, "--jsonl", str(gold)], stdout=out, check=True)
        found[name] = gold, output
    return found


@pytest.fixture(scope="module")
def scores(shared_dir: Path, runs) -> dict[str, dict]:
    return {
        name: scores_of(shared_dir, gold, output)["quotes"] for name, (gold, output) in runs.items()
    }


@pytest.mark.parametrize(("name", "path", "floor"), FLOORS)
def test_dev_gold_floor(scores, name, path, floor):
    value = scores[name]
    for key in path:
        value = value[key]
    assert value >= floor, f"{name} quotes {'.'.join(path)} = {value:.3f} < {floor}"


def test_no_speaker_is_a_figure_or_a_bare_title(runs):
    """No speaker is a number or a share, and no person is named by a title alone."""
    titles = title_words().titles
    speakers = [
        speaker
        for _, output in runs.values()
        for line in output.read_text(encoding="utf-8").splitlines()
        for speaker in json.loads(line)["speakers"]
    ]
    assert len(speakers) > 50
    for speaker in speakers:
        words = speaker["name"].lower().replace("-", " ").split()
        figure = words[0].isdigit() or any(w in ("percent", "%", "cent") for w in words)
        assert not figure, speaker
        assert speaker["kind"] != "person" or words[-1] not in titles, speaker
