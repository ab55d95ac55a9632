"""Reading inputs: files, folders, `.jsonl` batches and standard input, turned into articles.

The seams other input kinds plug into: `walk` (the one folder walker), `read_named` (one named
input to articles) and `articles_from_bytes` (the one place where the bytes of an input become
articles or errors). A fault in one input is reported and the rest goes on.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from . import web
from .extractor import ArticleInput

STDIN = "-"
# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Encodings in which ordinary text holds NUL bytes.
WIDE_ENCODINGS = ("utf_16", "utf_32")
# A lone surrogate (from a JSON escape) cannot be written as UTF-8; each becomes U+FFFD, one code
# point for one, so offsets hold.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# The keys of a `.jsonl` line that hold its article: plain text, or a web page's markup.
BODY_KEYS = ("text", "html")


@dataclass(frozen=True)
class InputError:
    """An input that could not be processed; reported on stderr, never in the output."""

    source: str
    message: str


@dataclass(frozen=True)
class InputWarning:
    """Something skipped on purpose while reading inputs (a folder already walked); reported on
    stderr, the run goes on and still succeeds."""

    source: str
    message: str


Read = ArticleInput | InputError | InputWarning


def source_name(path: str | Path) -> str:
    """`path` as a `source`: any bytes a file name holds that are not text come out as `\\xNN`."""
    return os.fsencode(path).decode(sys.getfilesystemencoding(), "backslashreplace")


def reason(error: OSError) -> str:
    return error.strerror or str(error)


def walk(folder: Path, seen: set[tuple[int, int]] | None = None) -> Iterator[Path | Read]:
    """The files below `folder`, recursively, sorted, dot-files and dot-folders skipped; each
    real folder and file once (symbolic links may lead back), problems as errors and warnings."""
    seen = set() if seen is None else seen
    try:
        identity = _identity(folder.stat())
        entries = sorted(folder.iterdir(), key=lambda path: path.name)
    except OSError as error:
        yield InputError(source_name(folder), f"cannot read folder: {reason(error)}")
        return
    if identity in seen:
        yield InputWarning(source_name(folder), "folder already walked (a symbolic link loop?)")
        return
    seen.add(identity)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            info = entry.stat()
        except OSError as error:
            yield _unreachable(entry, error)
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from walk(entry, seen)
        elif not stat.S_ISREG(info.st_mode):
            yield InputWarning(source_name(entry), "not a regular file, skipped")
        elif _identity(info) in seen:
            yield InputWarning(source_name(entry), "same file as one already read, skipped")
        else:
            seen.add(_identity(info))
            yield entry


def _unreachable(entry: Path, error: OSError) -> Read:
    """A broken or looping link is skipped with a warning; a file that cannot be looked at is
    an error."""
    try:
        is_link = entry.is_symlink()
    except OSError:
        is_link = False
    if is_link:
        return InputWarning(source_name(entry), f"cannot follow: {reason(error)}, skipped")
    return InputError(source_name(entry), f"cannot read: {reason(error)}")


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def is_missing(name: str) -> bool:
    """Whether nothing is at `name`; a path that cannot be looked at is not missing (reading it
    reports why, and the rest of the batch goes on)."""
    try:
        os.stat(name)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


def iter_inputs(
    paths: Sequence[str], stdin: BinaryIO, timeout: float = web.DEFAULT_TIMEOUT, jobs: int = 1
) -> Iterator[Read]:
    """Every article named by `paths` (files, folders, `.jsonl` files, URLs, `-` for stdin), in
    order; `jobs` URLs are fetched at once, each within `timeout` seconds."""
    pages = web.fetch_all([name for name in paths if web.is_url(name)], timeout, jobs)
    for name in paths or [STDIN]:
        if web.is_url(name):
            yield next(pages)
        else:
            yield from read_named(name, stdin)


def read_named(name: str, stdin: BinaryIO) -> Iterator[Read]:
    """The articles of one input named on the command line."""
    if name == STDIN:
        yield from articles_from_bytes(stdin.read(), "<stdin>")
        return
    path = Path(name)
    for file in _files(path):
        if not isinstance(file, Path):
            yield file
            continue
        if _is_warc_file(file):  # streamed: a crawl archive may not fit in memory
            yield from _warc_file_articles(file)
            continue
        try:
            data = file.read_bytes()
        except OSError as error:
            yield InputError(source_name(file), f"cannot read: {reason(error)}")
            continue
        articles = articles_from_bytes(data, source_name(file))
        del data  # a huge file's bytes go once decoded, not after its last article
        yield from articles


def _files(path: Path) -> Iterator[Path | Read]:
    """The files a named path stands for: itself, or the files below it if it is a folder."""
    try:
        is_folder = path.is_dir()
    except OSError:  # cannot be looked at: reading it says why
        is_folder = False
    return walk(path) if is_folder else iter([path])


def count_inputs(paths: Sequence[str]) -> int | None:
    """How many results `paths` will give (files, and lines of `.jsonl` files), read cheaply;
    None when standard input is among them."""
    total = 0
    for name in paths or [STDIN]:
        if name == STDIN:
            return None
        if web.is_url(name):
            total += 1
            continue
        path = Path(name)
        for file in _files(path):
            if isinstance(file, Path):
                if _is_warc_file(file):
                    return None  # as many results as HTML responses: known once read
                total += _count_lines(file) if file.name.endswith(".jsonl") else 1
    return total


def _count_lines(file: Path) -> int:
    try:
        with file.open("rb") as lines:
            return sum(1 for line in lines if line.strip())
    except OSError:
        return 1


def _is_warc_file(file: Path) -> bool:
    try:
        with file.open("rb") as stream:
            return web.is_warc(stream.read(web.WARC_HEAD_BYTES))
    except OSError:
        return False  # reported when the file is read


def _warc_file_articles(file: Path) -> Iterator[ArticleInput | InputError]:
    try:
        with file.open("rb") as stream:
            yield from web.warc_articles(stream, source_name(file))
    except OSError as error:
        yield InputError(source_name(file), f"cannot read: {reason(error)}")


def articles_from_bytes(data: bytes, source: str) -> Iterator[ArticleInput | InputError]:
    """The articles (or the error) that the bytes of one input hold, by what they are: a WARC
    archive, gzip-compressed input, an HTML page, `.jsonl` lines, or one text."""
    if web.is_warc(data[: web.WARC_HEAD_BYTES]):
        yield from web.warc_articles(io.BytesIO(data), source)
        return
    unpacked = web.gunzipped(data, source)
    del data
    if isinstance(unpacked, InputError):
        yield unpacked
        return
    name = source.removesuffix(".gz")
    if web.is_html(unpacked, name):
        yield web.html_article(unpacked, source)
        return
    decoded = decode(unpacked, source)
    del unpacked
    if isinstance(decoded, InputError):
        yield decoded
    elif name.endswith(".jsonl") or _looks_like_jsonl(decoded.text):
        yield from _jsonl_articles(decoded, source)
    else:
        yield decoded


def _looks_like_jsonl(text: str) -> bool:
    """Whether `text` opens with a line that is a JSON article: {"text": ...} or {"html": ...}."""
    # Found in place: no copy of a huge text is made to read its first line.
    start = next((index for index, char in enumerate(text) if not char.isspace()), len(text))
    end = text.find("\n", start)
    first_line = text[start : end if end >= 0 else len(text)]
    if not first_line.startswith("{"):
        return False
    try:
        return _has_body(json.loads(first_line))
    except json.JSONDecodeError:
        return False


def _has_body(record: object) -> bool:
    return isinstance(record, dict) and any(isinstance(record.get(k), str) for k in BODY_KEYS)


def decode(data: bytes, source: str) -> ArticleInput | InputError:
    """The text of a file: by its byte-order mark, else UTF-8, else the encoding
    charset-normalizer detects; NUL bytes make a file binary unless they are UTF-16 or UTF-32."""
    decoded = _decoded(data)
    if decoded is None:
        if b"\x00" in data:
            return InputError(source, "binary file (contains NUL bytes), skipped")
        return InputError(source, "cannot decode: not text in any known encoding")
    text, encoding = decoded
    warnings: tuple[str, ...] = ()
    if not text.strip():
        warnings = ("empty file",)
    elif encoding != "utf-8":
        warnings = (f"not UTF-8; decoded as {encoding}",)
    return ArticleInput(text=text, source=source, encoding=encoding, warnings=warnings)


def _decoded(data: bytes) -> tuple[str, str] | None:
    """(text, encoding name) of `data`, or None when it is not text."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data.decode(encoding), encoding.removesuffix("-sig")
            except UnicodeDecodeError:
                break
    if b"\x00" not in data:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    best = from_bytes(data).best()
    if best is None or (b"\x00" in data and not best.encoding.startswith(WIDE_ENCODINGS)):
        return None
    return str(best), best.encoding


def _jsonl_articles(
    read: ArticleInput, source: str, first_line: int = 1
) -> Iterator[ArticleInput | InputError]:
    """The articles of `.jsonl` text whose first line is line `first_line` of `source`."""
    # Split at line feeds only: JSON strings may hold other line separators (U+2028) raw.
    for number, line in enumerate(read.text.split("\n"), start=first_line):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(where, f"not a JSON object: {error.msg}: column {error.colno}")
            continue
        if not _has_body(record):
            yield InputError(where, 'needs a JSON object with a "text" or "html" string')
            continue
        published = record.get("published")
        if published is not None and not _is_iso_date(published):
            yield InputError(where, f'"published" is not a YYYY-MM-DD date: {published!r}')
            continue
        record_id = record.get("id")
        article_id = None if record_id is None else LONE_SURROGATE.sub("\ufffd", str(record_id))
        if not isinstance(record.get("text"), str):
            url = record.get("url") if isinstance(record.get("url"), str) else None
            markup = LONE_SURROGATE.sub("\ufffd", record["html"])
            yield web.html_article(markup, where, url, id=article_id, published=published)
            continue
        text, replaced = LONE_SURROGATE.subn("\ufffd", record["text"])
        warnings: tuple[str, ...] = () if text.strip() else ("empty text",)
        if replaced:
            warnings += (f"{replaced} lone surrogate escapes replaced by U+FFFD",)
        yield ArticleInput(
            text=text,
            source=where,
            id=article_id,
            published=published,
            encoding=read.encoding,
            warnings=warnings,
        )


def _is_iso_date(value: object) -> bool:
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True
