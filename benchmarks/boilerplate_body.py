"""Body F1 of the boilerplate cleaner alone on the whole-page texts of ../shared/dev/aeb.

    python benchmarks/boilerplate_body.py [--half first|last] [--worst N]

Runs `find_boilerplate` on each page text (no spaCy) and scores what is left with the
benchmark's own scorer, `../shared/eval/body.py`. `--half` scores the first or last 45 pages: tune
on one half, check on the other. Also prints the cleaner's time per page.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

from extract.boilerplate import find_boilerplate

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PAGES = SHARED / "dev" / "aeb"


def _scorer():
    spec = importlib.util.spec_from_file_location("body", SHARED / "eval" / "body.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("first", "last"))
    parser.add_argument("--worst", type=int, default=0)
    args = parser.parse_args()
    body = _scorer()
    truth = {r["id"]: r["articleBody"] for r in body.read_jsonl(PAGES / "ground_truth.jsonl")}
    pages = body.read_jsonl(PAGES / "page_text.jsonl")
    if args.half:
        middle = len(pages) // 2
        pages = pages[:middle] if args.half == "first" else pages[middle:]
    counts = {}
    started = time.perf_counter()
    for page in pages:
        ranges = [vars(item) for item in find_boilerplate(page["text"])]
        kept = body.without_ranges(page["text"], ranges)
        counts[page["id"]] = body.page_counts(truth[page["id"]], kept)
    seconds = time.perf_counter() - started
    result = body.scores(list(counts.values()))
    print(
        f"pages {len(pages)}  F1 {result['f1']:.3f}  precision {result['precision']:.3f}  "
        f"recall {result['recall']:.3f}  cleaner {1000 * seconds / len(pages):.1f} ms/page"
    )
    worst = sorted(counts.items(), key=lambda item: body.scores([item[1]])["f1"])[: args.worst]
    for key, page_counts in worst:
        score = body.scores([page_counts])
        print(
            f"  {key[:12]}  F1 {score['f1']:.3f}  P {score['precision']:.3f}"
            f"  R {score['recall']:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
