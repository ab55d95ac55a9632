"""Reading inputs: files, folders, `.jsonl` batches and standard input, turned into articles.

The seams other input kinds plug into: `walk` (the one folder walker) and `articles_from_bytes`
(the one place where the bytes of a named input become articles or errors).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from . import web
from .extractor import ArticleInput

STDIN = "-"
# The keys of a `.jsonl` line that hold its article: plain text, or a web page's markup.
_BODY_KEYS = ("text", "html")


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


def iter_inputs(
    paths: Sequence[str],
    stdin: BinaryIO,
    timeout: float = web.DEFAULT_TIMEOUT,
    jobs: int = 1,
) -> Iterator[ArticleInput | InputError]:
    """Every article named by `paths` (files, folders, `.jsonl` files, URLs, `-` for stdin), in
    order; `jobs` URLs are fetched at once, each within `timeout` seconds."""
    pages = web.fetch_all([name for name in paths if web.is_url(name)], timeout, jobs)
    for name in paths or [STDIN]:
        if name == STDIN:
            yield from articles_from_bytes(stdin.read(), "<stdin>")
            continue
        if web.is_url(name):
            yield next(pages)
            continue
        path = Path(name)
        files = walk(path) if path.is_dir() else [path]
        for file in files:
            if _is_warc_file(file):  # streamed: a crawl archive may not fit in memory
                with file.open("rb") as stream:
                    yield from web.warc_articles(stream, str(file))
                continue
            try:
                data = file.read_bytes()
            except OSError as error:
                yield InputError(str(file), f"cannot read: {error.strerror or error}")
                continue
            yield from articles_from_bytes(data, str(file))


def _is_warc_file(file: Path) -> bool:
    try:
        with file.open("rb") as stream:
            return web.is_warc(stream.read(web.WARC_HEAD_BYTES))
    except OSError:
        return False  # reported when the file is read


def articles_from_bytes(data: bytes, source: str) -> Iterator[ArticleInput | InputError]:
    """The articles in `data`, by what it holds: a WARC archive, gzip-compressed input, an HTML
    page, `.jsonl` lines, or one text."""
    if web.is_warc(data[: web.WARC_HEAD_BYTES]):
        yield from web.warc_articles(io.BytesIO(data), source)
        return
    data = web.gunzipped(data, source)
    if isinstance(data, InputError):
        yield data
        return
    name = source.removesuffix(".gz")
    if web.is_html(data, name):
        yield web.html_article(data, source)
        return
    decoded = decode(data, source)
    if isinstance(decoded, InputError):
        yield decoded
    elif name.endswith(".jsonl") or _looks_like_jsonl(decoded.text):
        yield from _jsonl_articles(decoded, source)
    else:
        yield decoded


def _looks_like_jsonl(text: str) -> bool:
    """Whether `text` opens with a line that is a JSON article: {"text": ...} or {"html": ...}."""
    first_line = text.lstrip().split("\n", 1)[0]
    if not first_line.startswith("{"):
        return False
    try:
        return _has_body(json.loads(first_line))
    except json.JSONDecodeError:
        return False


def _has_body(record: object) -> bool:
    return isinstance(record, dict) and any(isinstance(record.get(k), str) for k in _BODY_KEYS)


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
        if not _has_body(record):
            yield InputError(where, 'needs a JSON object with a "text" or "html" string')
            continue
        published = record.get("published")
        if published is not None and not _is_iso_date(published):
            yield InputError(where, f'"published" is not a YYYY-MM-DD date: {published!r}')
            continue
        article_id = None if record.get("id") is None else str(record["id"])
        if not isinstance(record.get("text"), str):
            url = record.get("url") if isinstance(record.get("url"), str) else None
            yield web.html_article(record["html"], where, url, id=article_id, published=published)
            continue
        text = record["text"]
        yield ArticleInput(
            text=text,
            source=where,
            id=article_id,
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
