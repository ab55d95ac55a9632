"""What the quote and speaker step costs per 1,000 words, next to spaCy's own time.

    .venv/bin/python benchmarks/quotes_cost.py [TEXT ...]

Each TEXT is a file to read or, if no such file exists, the text itself; without any, the
articles of samples/. Reports the time of `nlp.pipe` and of `quotes.find_quotes` on the parsed
docs, per 1,000 words (the fastest of a few rounds, to keep other load on the machine out).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from extract.pipeline import build_pipeline
from extract.readers.quotes import find_quotes

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
ROUNDS = 3


def fastest(action) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    texts = [Path(a).read_text(encoding="utf-8") if Path(a).is_file() else a for a in sys.argv[1:]]
    texts = texts or [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    words = sum(len(text.split()) for text in texts)
    nlp = build_pipeline()
    docs = list(nlp.pipe(texts))
    find_quotes(docs[0])  # compile the matchers and load the patterns before timing
    nlp_seconds = fastest(lambda: list(nlp.pipe(texts)))
    quote_seconds = fastest(lambda: [find_quotes(doc) for doc in docs])
    quotes = sum(len(find_quotes(doc)[0]) for doc in docs)
    per_thousand = 1000 / words
    print(f"{len(texts)} texts, {words} words, {quotes} quotes")
    print(f"nlp.pipe       {nlp_seconds * per_thousand * 1000:8.2f} ms per 1,000 words")
    print(f"find_quotes    {quote_seconds * per_thousand * 1000:8.2f} ms per 1,000 words")
    print(f"quotes / nlp   {quote_seconds / nlp_seconds:8.1%}")


if __name__ == "__main__":
    main()
