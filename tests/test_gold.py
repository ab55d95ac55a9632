"""The acceptance figures on the team's gold sets (skipped where ../shared is absent)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from scorer import scores_of
from spans import assert_offsets

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "extract" / "article.schema.json").read_text()
)

# (gold file, field, score path, lowest accepted value)
FLOORS = [
    ("gold/seeds.jsonl", "quotes", ("f1",), 0.90),
    ("gold/seeds.jsonl", "quotes", ("speaker", "accuracy"), 0.90),
    ("gold/seeds.jsonl", "dates", ("f1",), 0.90),
    ("gold/seeds.jsonl", "dates", ("value", "accuracy"), 0.90),
    ("gold/seeds.jsonl", "percentages", ("f1",), 1.0),
    ("gold/seeds.jsonl", "percentages", ("place", "accuracy"), 1.0),
    ("gold/seeds.jsonl", "percentages", ("kind", "accuracy"), 1.0),
    ("gold/seeds.jsonl", "places", ("f1",), 0.90),
    ("gold/seeds.jsonl", "places", ("country_code", "accuracy"), 1.0),
    ("dev/meantime.jsonl", "dates", ("f1",), 0.85),
    ("dev/meantime.jsonl", "dates", ("value", "accuracy"), 0.85),
    ("dev/meantime.jsonl", "places", ("f1",), 0.85),
]


@pytest.fixture(scope="module")
def scores(shared_dir: Path, tmp_path_factory) -> dict[str, dict]:
    """The scorer's figures for each gold file, from `extract --jsonl GOLD` as acceptance runs."""
    command = shutil.which("extract", path=str(Path(sys.executable).parent))
    results = {}
    for gold in sorted({name for name, *_ in FLOORS}):
        gold_path = shared_dir / gold
        output = tmp_path_factory.mktemp("gold") / "out.jsonl"
        with output.open("w", encoding="utf-8") as out:
            subprocess.run([command, "--jsonl", str(gold_path)], stdout=out, check=True)
        texts = {
            record["id"]: record["text"]
            for record in map(json.loads, gold_path.read_text(encoding="utf-8").splitlines())
        }
        for article in map(json.loads, output.read_text(encoding="utf-8").splitlines()):
            jsonschema.validate(article, SCHEMA)
            assert_offsets(article, texts[article["id"]])
        results[gold] = scores_of(shared_dir, gold_path, output)
    return results


@pytest.mark.parametrize(("gold", "field", "path", "floor"), FLOORS)
def test_score_reaches_its_floor(scores, gold: str, field: str, path: tuple, floor: float):
    value = scores[gold][field]
    for key in path:
        value = value[key]
    assert value >= floor, f"{gold} {field} {'.'.join(path)} = {value:.3f} < {floor}"
