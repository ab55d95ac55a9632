"""Reading inputs: files, folders, `.jsonl` batches and standard input, turned into articles.

The seams other input kinds plug into: `walk` (the one folder walker) and `articles_from_bytes`
(the one place where the bytes of a named input become articles or errors).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from .extractor import ArticleInput

STDIN = "-"


@dataclass(frozen=True)
class InputError:
    """An input that could not be processed; reported on stderr, never in the output."""

    source: str
    message: str


def walk(folder: Path) -> Iterator[Path]:
    """The files below `folder`, recursively, sorted, dot-files and dot-folders skipped."""
    for entry in sorted(folder.iterdir(), key=lambda path: path.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from walk(entry)
        elif entry.is_file():
            yield entry


def iter_inputs(paths: Sequence[str], stdin: BinaryIO) -> Iterator[ArticleInput | InputError]:
    """Every article named by `paths` (files, folders, `.jsonl` files, `-` for stdin), in order."""
    for name in paths or [STDIN]:
        if name == STDIN:
            yield from articles_from_bytes(stdin.read(), "<stdin>")
            continue
        path = Path(name)
        files = walk(path) if path.is_dir() else [path]
        for file in files:
            try:
                data = file.read_bytes()
            except OSError as error:
                yield InputError(str(file), f"cannot read: {error.strerror or error}")
                continue
            yield from articles_from_bytes(data, str(file))


def articles_from_bytes(data: bytes, source: str) -> Iterator[ArticleInput | InputError]:
    decoded = decode(data, source)
    if isinstance(decoded, InputError):
        yield decoded
    elif source.endswith(".jsonl"):
        yield from _jsonl_articles(decoded, source)
    else:
        yield decoded


def decode(data: bytes, source: str) -> ArticleInput | InputError:
    """The text of a file: UTF-8 (BOM removed), else the encoding charset-normalizer detects."""
    if b"\x00" in data:
        return InputError(source, "binary file (contains NUL bytes), skipped")
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            return InputError(source, "cannot decode: not text in any known encoding")
        text, encoding = str(best), best.encoding
    warnings = ()
    if not text.strip():
        warnings = ("empty file",)
    elif encoding != "utf-8":
        warnings = (f"not UTF-8; decoded as {encoding}",)
    return ArticleInput(text=text, source=source, encoding=encoding, warnings=warnings)


def _jsonl_articles(read: ArticleInput, source: str) -> Iterator[ArticleInput | InputError]:
    for number, line in enumerate(read.text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(where, f"not a JSON object: {error.msg}")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield InputError(where, 'needs a JSON object with a "text" string')
            continue
        published = record.get("published")
        if published is not None and not _is_iso_date(published):
            yield InputError(where, f'"published" is not a YYYY-MM-DD date: {published!r}')
            continue
        text = record["text"]
        yield ArticleInput(
            text=text,
            source=where,
            id=None if record.get("id") is None else str(record["id"]),
            published=published,
            encoding=read.encoding,
            warnings=() if text.strip() else ("empty text",),
        )


def _is_iso_date(value: object) -> bool:
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True
