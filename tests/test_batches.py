"""Texts go to spaCy in batches bounded by count and by characters (peak memory follows the
characters of a batch); the batching must never change what is extracted."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import extractor as extractor_module
from extract.extractor import batches_by_chars
from extract.facts import article_json

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.mark.parametrize(
    ("lengths", "most", "chars", "expected"),
    [
        ([5, 5, 5, 5], 16, 10, [[5, 5], [5, 5]]),
        ([5, 5, 5, 5], 3, 100, [[5, 5, 5], [5]]),
        ([30, 2, 2], 16, 10, [[30], [2, 2]]),  # a piece longer than the budget goes alone
        ([2, 30, 2], 16, 10, [[2], [30], [2]]),
        ([], 16, 10, []),
    ],
)
def test_batches_close_at_the_count_or_the_characters(lengths, most, chars, expected):
    pieces = [("x" * length, number) for number, length in enumerate(lengths)]
    batches = list(batches_by_chars(pieces, most, chars))
    assert [[len(text) for text, _ in batch] for batch in batches] == expected
    assert [piece for batch in batches for piece in batch] == pieces


def test_small_batches_extract_the_same_facts(extractor, monkeypatch):
    texts = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    whole = [article_json(article) for article in extractor.pipe(texts)]
    monkeypatch.setattr(extractor_module, "BATCH_CHARS", 1)
    one_by_one = [article_json(article) for article in extractor.pipe(texts)]
    assert one_by_one == whole
    assert len(whole) == 7 and sum(len(article["quotes"]) for article in whole) > 20
