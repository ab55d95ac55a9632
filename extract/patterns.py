"""Rule patterns are data: JSONL files in `patterns/`, installed as `extract.pattern_files`."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_patterns(name: str) -> tuple[dict[str, Any], ...]:
    """The objects of `patterns/<name>.jsonl`, one per non-blank line, read once per process."""
    source = resources.files("extract.pattern_files").joinpath(f"{name}.jsonl")
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    # One decoder call for the whole file: the gazetteer has tens of thousands of lines.
    return tuple(json.loads("[" + ",".join(lines) + "]"))
