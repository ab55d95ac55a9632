"""Cost of the date step (`dates.find_dates`) per 1,000 words, and how often it calls dateparser.

    python benchmarks/dates_cost.py [FOLDER_OR_JSONL] [--repeat 3]

Without an argument the corpus is `samples/`. The texts are parsed once with the project's
pipeline; the date step is then timed alone over the parsed docs, first with mention readings
cached from nothing (each article reads its distinct mention texts, dateparser only those that are
not plain calendar words) and then warm; each figure is the best of `--repeat` runs. The one-off
start-up (compiling the patterns, importing dateparser and loading its English data) is reported
apart: a process pays it once.
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
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best is reported")
    args = parser.parse_args()

    from extract import date_reading, date_rules, dates
    from extract.pipeline import build_pipeline

    texts = read_texts(args.source)
    words = sum(len(text.split()) for text in texts)
    nlp = build_pipeline()
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    spacy_seconds = time.perf_counter() - started

    started = time.perf_counter()
    date_rules.date_rules(nlp.vocab)
    patterns_seconds = time.perf_counter() - started
    started = time.perf_counter()
    parser = date_reading.date_parser()
    parser.get_date_data("yesterday")
    dateparser_seconds = time.perf_counter() - started

    calls = 0
    read = parser.get_date_data

    def counted_read(text):
        nonlocal calls
        calls += 1
        return read(text)

    parser.get_date_data = counted_read  # counts what reaches dateparser
    cold_runs = []
    for _ in range(args.repeat):
        date_reading.parse.cache_clear()
        calls = 0
        cold_runs.append(date_step_seconds(docs, dates.find_dates))
    cold = min(cold_runs)
    texts_read = date_reading.parse.cache_info().misses
    mentions = sum(len(dates.find_dates(doc, None)[1]) for doc in docs)
    warm = min(date_step_seconds(docs, dates.find_dates) for _ in range(args.repeat))

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
        f"mention texts read:       {texts_read} ({texts_read / max(mentions, 1):.2f} per mention),"
        f" {calls} by dateparser ({calls / len(texts):.1f} per article)"
    )
    print(
        f"one-off start-up:         patterns {patterns_seconds * 1000:.0f} ms,"
        f" dateparser {dateparser_seconds * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
