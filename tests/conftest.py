"""Shared fixtures: the pipeline is built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from extract import Extractor

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# In CI hypothesis tries the same examples on every run, so a red build is reproducible and never
# chance; exploring new examples is for the developers' runs.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def nlp(extractor: Extractor):
    return extractor.nlp


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The team's shared data folder, which a user's clone does not have."""
    if not (SHARED / "gold" / "seeds.jsonl").is_file():
        pytest.skip("../shared is not present")
    return SHARED
