"""The team's scorer (`../shared/eval/score.py`), run the way the acceptance checks run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def scores_of(shared_dir: Path, gold: Path, output: Path) -> dict:
    """The scorer's figures (`--json`) for `output` against `gold`, by field."""
    scored = subprocess.run(
        [sys.executable, str(shared_dir / "eval" / "score.py"), str(gold), str(output), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(scored.stdout)
