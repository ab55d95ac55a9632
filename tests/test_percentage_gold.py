"""Floors on the percentages dev gold (`benchmarks/gold/`), scored with the team's scorer.

The written articles carry their own text; the aeb labels are joined to ../shared at run time.
Both need the scorer in ../shared and skip where it is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from scorer import scores_of

from extract.extractor import ArticleInput
from extract.facts import article_json

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold"

# (label file, score path, lowest accepted value): a little under today's figures
FLOORS = [
    ("invented_percentages.jsonl", ("f1",), 0.95),
    ("invented_percentages.jsonl", ("kind", "accuracy"), 0.95),
    ("invented_percentages.jsonl", ("place", "accuracy"), 0.80),
    ("aeb_percentages.jsonl", ("f1",), 0.95),
    ("aeb_percentages.jsonl", ("kind", "accuracy"), 0.90),
    ("aeb_percentages.jsonl", ("place", "accuracy"), 0.80),
]


def _gold_records(label_file: str, shared_dir: Path) -> list[dict]:
    if label_file.startswith("aeb"):
        joined = subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "dev_gold.py"), str(GOLD / label_file)],
            capture_output=True,
            text=True,
            check=True,
        )
        return [json.loads(line) for line in joined.stdout.splitlines()]
    lines = (GOLD / label_file).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def scores(extractor, shared_dir: Path, tmp_path_factory) -> dict[str, dict]:
    results = {}
    for label_file in sorted({name for name, *_ in FLOORS}):
        records = _gold_records(label_file, shared_dir)
        folder = tmp_path_factory.mktemp("percentages")
        gold, out = folder / "gold.jsonl", folder / "out.jsonl"
        gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        inputs = [
            ArticleInput(text=r["text"], id=r["id"], published=r.get("published")) for r in records
        ]
        articles = [article_json(a) for a in extractor.pipe(inputs)]
        out.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
        results[label_file] = scores_of(shared_dir, gold, out)["percentages"]
    return results


@pytest.mark.parametrize(("label_file", "path", "floor"), FLOORS)
def test_percentages_dev_gold_reaches_its_floor(scores, label_file, path, floor):
    value = scores[label_file]
    for key in path:
        value = value[key]
    assert value >= floor, f"{label_file} {'.'.join(path)} = {value:.3f} < {floor}"
