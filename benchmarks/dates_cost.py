"""Cost of the date step (`dates.find_dates`) per 1,000 words, and how often it calls dateparser.

    python benchmarks/dates_cost.py [FOLDER_OR_JSONL] [--repeat 3]

Without an argument the corpus is `samples/`. The texts are parsed once with the project's
pipeline; the date step is then timed alone over the parsed docs, first with dateparser's results
cached from nothing (each article parses its distinct mention texts) and then warm.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def read_texts(source: Path) -> list[str]:
    if source.suffix == ".jsonl":
        lines = source.read_text(encoding="utf-8").splitlines()
        return [json.loads(line)["text"] for line in lines if line.strip()]
    files = sorted(path for path in source.rglob("*.txt") if path.is_file())
    return [path.read_text(encoding="utf-8") for path in files]


def date_step_seconds(docs, find_dates) -> float:
    started = time.perf_counter()
    for doc in docs:
        find_dates(doc, None)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=ROOT / "samples")
    parser.add_argument("--repeat", type=int, default=3, help="warm runs to average")
    args = parser.parse_args()

    from extract import dates
    from extract.pipeline import build_pipeline

    texts = read_texts(args.source)
    words = sum(len(text.split()) for text in texts)
    nlp = build_pipeline()
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    spacy_seconds = time.perf_counter() - started

    dates.find_dates(docs[0], None)  # one-off start-up (patterns, dateparser) is not per article
    dates._parse.cache_clear()
    cold = date_step_seconds(docs, dates.find_dates)
    calls = dates._parse.cache_info().misses
    mentions = sum(len(dates.find_dates(doc, None)[1]) for doc in docs)
    warm = sum(date_step_seconds(docs, dates.find_dates) for _ in range(args.repeat)) / args.repeat

    per_thousand = 1000 / words * 1000  # milliseconds per 1,000 words from seconds
    print(f"corpus: {len(texts)} articles, {words} words, {mentions} date mentions")
    print(f"spaCy pipeline:           {spacy_seconds * per_thousand:7.2f} ms / 1,000 words")
    print(
        f"date step, cold cache:    {cold * per_thousand:7.2f} ms / 1,000 words"
        f"  ({cold / spacy_seconds:.1%} of spaCy)"
    )
    print(
        f"date step, warm cache:    {warm * per_thousand:7.2f} ms / 1,000 words"
        f"  ({warm / spacy_seconds:.1%} of spaCy)"
    )
    print(
        f"dateparser calls:         {calls} ({calls / len(texts):.1f} per article, "
        f"{calls / max(mentions, 1):.2f} per mention)"
    )


if __name__ == "__main__":
    main()
