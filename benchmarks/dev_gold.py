"""Our own development gold on real prose, joined to the article texts in `../shared` at run time.

    python benchmarks/dev_gold.py benchmarks/gold/aeb_quotes.jsonl > /tmp/gold.jsonl
    extract --jsonl /tmp/gold.jsonl > /tmp/out.jsonl
    python ../shared/eval/score.py /tmp/gold.jsonl /tmp/out.jsonl

A label file holds one article a line: its `id` in `../shared/dev/aeb/ground_truth.jsonl`, an
optional `published` date, and the labelled fields in the scorer's gold format (offsets into
`articleBody`). The project keeps ids, offsets and labels only; the text stays in `../shared`.
`--check` prints each labelled span's text instead, to read the labels against the prose.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ARTICLES = SHARED / "dev" / "aeb" / "ground_truth.jsonl"
FIELDS = ("quotes", "dates", "percentages", "places")


def article_texts() -> dict[str, str]:
    with ARTICLES.open(encoding="utf-8") as lines:
        return {record["id"]: record["articleBody"] for record in map(json.loads, lines)}


def joined(label_file: Path, texts: dict[str, str]) -> list[dict]:
    """Each labelled article with its text, ready for `extract` and the scorer."""
    records = []
    with label_file.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                labels = json.loads(line)
                records.append({**labels, "text": texts[labels["id"]]})
    return records


def span_texts(record: dict) -> list[str]:
    text, short_id = record["text"], record["id"][:12]
    return [
        f"{short_id} {field} {item['start']}-{item['end']}: {text[item['start'] : item['end']]!r}"
        for field in FIELDS
        for item in record.get(field, [])
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path, nargs="+")
    parser.add_argument("--check", action="store_true", help="print each labelled span's text")
    arguments = parser.parse_args()
    if not ARTICLES.is_file():
        sys.exit(f"dev_gold: {ARTICLES} not found (../shared is needed)")
    texts = article_texts()
    for label_file in arguments.labels:
        for record in joined(label_file, texts):
            lines = span_texts(record) if arguments.check else [json.dumps(record)]
            print("\n".join(lines))


if __name__ == "__main__":
    main()
