"""Regenerate (or check) the golden outputs that pin `extract --jsonl` byte for byte.

    .venv/bin/python scripts/golden.py          # rewrite tests/golden/
    .venv/bin/python scripts/golden.py --check  # exit 1 when today's output differs

The samples are our own texts, so their output is stored whole (`tests/golden/samples.jsonl`).
Shared texts are never stored: for each shared file only a sha256 of every output line is
kept (`tests/golden/<name>.sha256`, one `line-number sha256` a line). The page texts of
../shared/dev/aeb are checked here only, not in the test suite, because they take ~30 s.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
SHARED = ROOT.parent / "shared"
SAMPLES = "samples"
# name in tests/golden -> shared input, relative to the repository root
SHARED_INPUTS = {
    "seeds": "../shared/gold/seeds.jsonl",
    "meantime": "../shared/dev/meantime.jsonl",
    "aeb_pages": "../shared/dev/aeb/page_text.jsonl",
}


def run_extract(path: str) -> str:
    """`extract --jsonl PATH` as a user runs it, from the repository root."""
    command = [sys.executable, "-c", "from cli import main; main()", "--jsonl", path]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"extract failed on {path}: {done.stderr.strip()}")
    return done.stdout


def line_hashes(output: str) -> str:
    """One `line-number sha256` row per output line."""
    return "".join(
        f"{number} {hashlib.sha256(line.encode('utf-8')).hexdigest()}\n"
        for number, line in enumerate(output.splitlines(), start=1)
    )


def expected_outputs() -> dict[str, str]:
    """Golden file name -> its content, for every input present on this machine."""
    outputs = {"samples.jsonl": run_extract(SAMPLES)}
    for name, path in SHARED_INPUTS.items():
        if (ROOT / path).is_file():
            outputs[f"{name}.sha256"] = line_hashes(run_extract(path))
    return outputs


def main(argv: list[str]) -> int:
    check = "--check" in argv
    differ = []
    for name, content in expected_outputs().items():
        target = GOLDEN / name
        if check:
            if not target.is_file() or target.read_text(encoding="utf-8") != content:
                differ.append(name)
        else:
            target.write_text(content, encoding="utf-8")
    for name in differ:
        print(f"golden: {name} differs from today's output", file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
