"""Where results go: the one place the `-o` file (or standard output) is opened."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, nullcontext
from typing import TextIO

import click


def open_output(path: str | None) -> AbstractContextManager[TextIO]:
    """The output stream: the file at `path`, or standard output."""
    return click.open_file(path, "w", encoding="utf-8") if path else nullcontext(sys.stdout)
