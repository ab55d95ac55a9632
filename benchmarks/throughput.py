"""Throughput, start-up and memory of `extract` against the bare spaCy pipeline it builds on.

    python benchmarks/throughput.py [CORPUS_FOLDER] [--words 200000] [--memory-articles 5000]
                                    [--long-articles 300] [--no-dask] [--rounds 2]

Without a folder the corpus is `samples/` repeated to at least `--words` words. Reports, in one
run: words per second of the bare model (`nlp.pipe`, nothing added), of `extract --jsonl` end to
end (reading, cleaning, extraction, JSON writing) with one and with two jobs, and of
`extract --engine dask -j 2 -o FOLDER` (a local Dask cluster of two workers, its start included),
each the best of `--rounds` rounds; their ratios; the start-up time of `extract` on one small
article against `spacy.load` plus parsing it; and the peak memory (RSS) of each `extract` run.

Wall-clock figures suffer when other programs share the CPU; the ratio of CPU seconds (bare
`nlp.pipe` against `extract --jobs 1`, start-up included) suffers less, and is printed beside
them. The project's modules are compiled to bytecode first, as an installed copy's are.
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
EXTRACT = shutil.which("extract", path=str(BIN)) or "extract"


def build_corpus(folder: Path, words: int, articles: int = 0) -> None:
    """Copies of the samples in `folder` until it holds `words` words (or `articles` files)."""
    samples = sorted((ROOT / "samples").glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in samples]
    total = count = 0
    while total < words or count < articles:
        text = texts[count % len(texts)]
        (folder / f"{count:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text.split())
        count += 1


def corpus_texts(folder: Path) -> list[str]:
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    return [path.read_text(encoding="utf-8", errors="replace") for path in files]


def build_long_corpus(folder: Path, articles: int) -> None:
    """`articles` long articles: one sample each, and every 50th eight samples joined and cut at
    33,000 characters (about 4,800 characters on average): the shape of a political corpus,
    where the long pieces set the peak memory."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "samples").glob("*.txt"))]
    for number in range(articles):
        if number % 50 == 49:
            text = "\n\n".join(texts[(number + k) % len(texts)] for k in range(8))[:33_000]
        else:
            text = texts[number % len(texts)]
        (folder / f"{number:06d}.txt").write_text(text, encoding="utf-8")


def timed_run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of `command` (its worker processes included)."""
    return measured_run(command)[:2]


# On Linux a child inherits its parent's peak RSS (the kernel keeps the old address space's
# high-water mark across exec), so a command started from this process, which has parsed the
# whole corpus, would report this process's peak. A small launcher in between keeps it out.
LAUNCHER = """
import os, subprocess, sys
process = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
with open(sys.argv[1], "w") as report:
    code = os.waitstatus_to_exitcode(status)
    report.write(f"{code} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
"""


def measured_run(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak RSS in MB and CPU seconds of `command` (RSS: the largest of its
    processes; CPU: its own, and only partly its workers', so compare single processes)."""
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as report:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", LAUNCHER, report.name, *command], check=True)
        elapsed = time.perf_counter() - started
        code, peak_kb, cpu = report.read().split()
    if int(code) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, int(peak_kb) / 1024, float(cpu)


def bare_seconds(texts: list[str], model: str) -> tuple[float, float]:
    """Wall and CPU seconds of the bare model's `nlp.pipe` over `texts`."""
    import spacy

    nlp = spacy.load(model)
    started, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - started, time.process_time() - cpu


def compile_bytecode() -> None:
    """Compile the project's modules to bytecode, as installing a package does.

    pip compiles spaCy's modules when it installs them; an editable install of this project is
    compiled on first import, and not at all where PYTHONDONTWRITEBYTECODE is set: every start
    would then compile about 80 ms of source that no installed copy compiles again.
    """
    compileall.compile_dir(ROOT / "extract", quiet=1)
    compileall.compile_file(ROOT / "cli.py", quiet=1)


def startup_seconds(article: Path, model: str, runs: int = 5) -> tuple[float, float]:
    """Seconds of `extract` on one article, and of a plain spaCy load + parse of it: the best
    of `runs` runs each, taken in turns so that both see the same machine."""
    plain = (
        "import sys, spacy; nlp = spacy.load(sys.argv[1]); "
        "nlp(open(sys.argv[2], encoding='utf-8').read())"
    )
    ours, base = [], []
    for _ in range(runs):
        ours.append(timed_run([EXTRACT, "--jsonl", str(article)])[0])
        base.append(timed_run([sys.executable, "-c", plain, model, str(article)])[0])
    return min(ours), min(base)


def report_throughput(
    texts: list[str], model: str, commands: dict[str, list[str]], rounds: int
) -> None:
    """Words per second of the bare model and of each command, the best of `rounds` rounds.

    The runs of a round follow each other, so that a machine whose speed drifts (a shared
    virtual machine can differ by a quarter from one minute to the next) slows all of them alike;
    the best of several rounds is each one's speed on the machine at its quietest."""
    words = sum(len(text.split()) for text in texts)
    bare_wall = bare_cpu = float("inf")
    runs: dict[str, tuple[float, float, float]] = {}
    for _ in range(rounds):
        wall, cpu = bare_seconds(texts, model)
        bare_wall, bare_cpu = min(bare_wall, wall), min(bare_cpu, cpu)
        for label, command in commands.items():
            run = measured_run(command)
            best = runs.get(label)
            runs[label] = (
                run
                if best is None
                else (min(best[0], run[0]), max(best[1], run[1]), min(best[2], run[2]))
            )
    print(f"bare spaCy nlp.pipe:         {words / bare_wall:8.0f} words/s")
    one_seconds, _, one_cpu = runs["extract --jobs 1"]
    for label, (seconds, peak, _) in runs.items():
        print(
            f"{label + ':':28} {words / seconds:8.0f} words/s  ({bare_wall / seconds:.2f} of "
            f"bare, {one_seconds / seconds:.2f} of --jobs 1; peak RSS {peak:.0f} MB)"
        )
    # CPU seconds change less than wall seconds when other programs share the machine.
    print(f"--jobs 1 in CPU seconds:     {bare_cpu / one_cpu:8.2f} of bare (start-up included)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, help="folder of articles")
    parser.add_argument("--words", type=int, default=200_000, help="size of the samples corpus")
    parser.add_argument(
        "--memory-articles",
        type=int,
        default=0,
        help="also measure peak memory of --jobs 1 on a folder of this many articles",
    )
    parser.add_argument(
        "--long-articles",
        type=int,
        default=0,
        help="also measure peak memory of --jobs 1 on this many long articles",
    )
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask engine")
    parser.add_argument(
        "--rounds", type=int, default=2, help="rounds of the throughput runs; the best counts"
    )
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: as extract)")
    args = parser.parse_args()

    import spacy

    from extract.pipeline import DEFAULT_MODELS

    compile_bytecode()
    model = args.model or next(name for name in DEFAULT_MODELS if spacy.util.is_package(name))
    model_option = ["--model", args.model] if args.model else []
    with tempfile.TemporaryDirectory() as scratch:
        corpus = args.corpus
        if corpus is None:
            corpus = Path(scratch) / "corpus"
            corpus.mkdir()
            build_corpus(corpus, args.words)
        texts = corpus_texts(corpus)
        words = sum(len(text.split()) for text in texts)
        print(f"corpus: {len(texts)} articles, {words} words; model {model}")

        commands = {
            "extract --jobs 1": [EXTRACT, "--jsonl", "-j", "1", *model_option, str(corpus)],
            "extract --jobs 2": [EXTRACT, "--jsonl", "-j", "2", *model_option, str(corpus)],
        }
        if not args.no_dask:
            # Parts are what the workers share out: a few per worker keep both busy to the end.
            per_part = str(max(1, len(texts) // 32))
            output = str(Path(scratch) / "dask-out")
            commands["extract --engine dask -j 2"] = [
                *(EXTRACT, "--engine", "dask", "-j", "2", "--files-per-task", per_part),
                *(*model_option, "-o", output, str(corpus)),
            ]
        report_throughput(texts, model, commands, args.rounds)

        smallest = min(corpus.rglob("*.txt"), key=lambda path: path.stat().st_size)
        ours, base = startup_seconds(smallest, model, runs=8)
        print(
            f"start-up on one article:     {ours:8.2f} s  (spaCy load + parse {base:.2f} s; "
            f"ratio {ours / base:.2f})"
        )

        if args.memory_articles:
            folder = Path(scratch) / "many"
            folder.mkdir()
            build_corpus(folder, 0, args.memory_articles)
            seconds, peak = timed_run([EXTRACT, "--jsonl", *model_option, str(folder)])
            print(
                f"{args.memory_articles} articles, --jobs 1:   peak RSS {peak:.0f} MB "
                f"in {seconds:.0f} s"
            )

        if args.long_articles:
            folder = Path(scratch) / "long"
            folder.mkdir()
            build_long_corpus(folder, args.long_articles)
            texts = corpus_texts(folder)
            seconds, peak = timed_run([EXTRACT, "--jsonl", *model_option, str(folder)])
            print(
                f"{len(texts)} long articles ({sum(map(len, texts)) // len(texts)} characters on "
                f"average, at most {max(map(len, texts))}), --jobs 1: peak RSS {peak:.0f} MB "
                f"in {seconds:.0f} s"
            )


if __name__ == "__main__":
    main()
