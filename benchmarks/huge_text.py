"""One huge text against the same words as ordinary articles: speed and peak memory.

    python benchmarks/huge_text.py [--mb 50] [--jobs 1 2]

Builds one text of `--mb` megabytes from the samples (paragraphs as they come) and a folder of
the same samples as separate articles of the same total size, runs `extract --jsonl` on each,
and reports words per second, the ratio huge/ordinary, and the peak RSS of each run (worker
processes included). Targets (issue 11): a 50 MB text at 0.8 or more of the ordinary rate and
a peak RSS under 600 MB with `--jobs 1`; with `--jobs N` the huge text's pieces are spread over
the workers, so its rate grows with N as the ordinary one does.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import EXTRACT, ROOT, timed_run


def build(folder: Path, megabytes: float) -> tuple[Path, Path, int]:
    """The huge text, the folder of ordinary articles holding the same texts, and their words."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(ROOT.glob("samples/*.txt"))]
    articles = folder / "articles"
    articles.mkdir()
    chosen, size, words = [], 0, 0
    while size < megabytes * 1_000_000:
        text = texts[len(chosen) % len(texts)]
        (articles / f"{len(chosen):06d}.txt").write_text(text, encoding="utf-8")
        chosen.append(text)
        size += len(text.encode()) + 2
        words += len(text.split())
    huge = folder / "huge.txt"
    huge.write_text("\n\n".join(chosen), encoding="utf-8")
    return huge, articles, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50, help="size of the huge text")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--only",
        choices=("huge", "ordinary"),
        help="run one side only (the 50 MB runs take long on a shared machine)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        huge, articles, words = build(Path(scratch), args.mb)
        print(
            f"{args.mb:g} MB: {words} words, as one text and as {len(list(articles.iterdir()))}"
            " articles"
        )
        for jobs in args.jobs:
            rates = {}
            for name, path in (("ordinary", articles), ("huge", huge)):
                if args.only not in (None, name):
                    continue
                seconds, peak = timed_run([EXTRACT, "--jsonl", "-j", str(jobs), str(path)])
                rates[name] = words / seconds
                print(
                    f"--jobs {jobs} {name:8}: {rates[name]:7.0f} words/s, "
                    f"peak RSS {peak:5.0f} MB, {seconds:6.0f} s"
                )
            if len(rates) == 2:
                print(f"--jobs {jobs} huge/ordinary: {rates['huge'] / rates['ordinary']:.2f}")


if __name__ == "__main__":
    main()
