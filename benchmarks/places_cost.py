"""What the place gazetteer costs: start-up time and per-article time, with and without it.

    .venv/bin/python benchmarks/places_cost.py [ARTICLES.jsonl]

Articles default to ../shared/dev/meantime.jsonl. Targets (issue 6): at most +0.5 s at start-up
and +15% per article over spaCy's own processing.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from extract import gazetteer, places
from extract.pipeline import load_model

DEFAULT_ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "dev" / "meantime.jsonl"
ROUNDS = 5


def seconds(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_ARTICLES
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]

    model_load = seconds(load_model)
    nlp = load_model()
    # The first build reads and parses the pattern file too, as a fresh process does.
    gazetteer_build = seconds(lambda: nlp.add_pipe(gazetteer.GAZETTEER_COMPONENT, after="ner"))

    # Read on the first town the gazetteer lacks: paid once, by the first such article.
    town_table = seconds(lambda: gazetteer.town_readings("Crewe"))
    component = nlp.get_pipe(gazetteer.GAZETTEER_COMPONENT)
    with nlp.select_pipes(disable=[gazetteer.GAZETTEER_COMPONENT]):
        docs = list(nlp.pipe(texts))  # also warms up

        def spacy_only():
            for _ in nlp.pipe(texts):
                pass

        def places_only():
            for doc in docs:
                places.find_places(component(doc))

        # The two are timed apart, the fastest of several rounds each: other load on the machine
        # swamps a difference taken between two whole runs.
        base = min(seconds(spacy_only) for _ in range(ROUNDS))
    added = min(seconds(places_only) for _ in range(ROUNDS))

    count = len(texts)
    print(
        f"start-up: model {model_load:.3f} s, + gazetteer {gazetteer_build:.3f} s "
        f"(+ town table on first use {town_table:.3f} s)"
    )
    print(
        f"per article ({count} articles): spaCy {1000 * base / count:.2f} ms, "
        f"gazetteer and find_places {1000 * added / count:.2f} ms (+{100 * added / base:.1f}%)"
    )


if __name__ == "__main__":
    main()
