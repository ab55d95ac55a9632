"""The work behind the command line: reading inputs, running batches, writing results."""

from __future__ import annotations

import json
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from .extractor import ArticleInput, Extractor
from .facts import Article

STDIN = "-"
BATCH_SIZE = 8
# How many batches may be out at the workers at once: enough to keep them busy, few enough that
# memory does not grow with the size of the corpus.
BATCHES_IN_FLIGHT_PER_JOB = 2


@dataclass(frozen=True)
class InputError:
    """An input that could not be processed; reported on stderr, never in the output."""

    source: str
    message: str


Result = Article | InputError


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
            yield from _articles_from_bytes(stdin.read(), "<stdin>")
            continue
        path = Path(name)
        files = walk(path) if path.is_dir() else [path]
        for file in files:
            try:
                data = file.read_bytes()
            except OSError as error:
                yield InputError(str(file), f"cannot read: {error.strerror or error}")
                continue
            yield from _articles_from_bytes(data, str(file))


def _articles_from_bytes(data: bytes, source: str) -> Iterator[ArticleInput | InputError]:
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


def _jsonl_articles(
    read: ArticleInput, source: str, first_line: int = 1
) -> Iterator[ArticleInput | InputError]:
    """The articles of `.jsonl` text whose first line is line `first_line` of `source`."""
    for number, line in enumerate(read.text.splitlines(), start=first_line):
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


@dataclass(frozen=True)
class ExtractorSettings:
    """What a worker process needs to build its own `Extractor`."""

    model: str | None = None
    published: date | None = None
    keep_boilerplate: bool = False

    def build(self) -> Extractor:
        return Extractor(
            self.model, published=self.published, keep_boilerplate=self.keep_boilerplate
        )


def process_batch(extractor: Extractor, batch: list[ArticleInput | InputError]) -> list[Result]:
    """Results for one batch, in order; an article that makes extraction fail becomes an error."""
    articles = [item for item in batch if isinstance(item, ArticleInput)]
    try:
        done = iter(list(extractor.pipe(articles)))
    except Exception:  # one bad article must not sink the batch: redo them one by one
        done = iter([_extract_alone(extractor, item) for item in articles])
    return [next(done) if isinstance(item, ArticleInput) else item for item in batch]


def _extract_alone(extractor: Extractor, item: ArticleInput) -> Result:
    try:
        return next(extractor.pipe([item]))
    except Exception as error:
        return InputError(item.source or "<text>", f"extraction failed: {error!r}")


_worker_extractor: Extractor | None = None


def _start_worker(settings: ExtractorSettings) -> None:
    global _worker_extractor
    _worker_extractor = settings.build()


def _work_in_worker(batch: list[ArticleInput | InputError]) -> list[Result]:
    assert _worker_extractor is not None
    return process_batch(_worker_extractor, batch)


def batches(items: Iterable[ArticleInput | InputError], size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def run(
    items: Iterable[ArticleInput | InputError], settings: ExtractorSettings, jobs: int = 1
) -> Iterator[Result]:
    """Results for `items` in input order, from this process or from `jobs` worker processes."""
    if jobs <= 1:
        extractor = settings.build()
        for batch in batches(items, BATCH_SIZE):
            yield from process_batch(extractor, batch)
        return
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(settings,)) as pool:
        in_flight: deque[Future] = deque()
        for batch in batches(items, BATCH_SIZE):
            in_flight.append(pool.submit(_work_in_worker, batch))
            if len(in_flight) >= jobs * BATCHES_IN_FLIGHT_PER_JOB:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()


def report_error(error: InputError) -> None:
    print(f"extract: error: {error.source}: {error.message}", file=sys.stderr, flush=True)


def report_warnings(article: Article) -> None:
    for warning in article.warnings:
        print(f"extract: warning: {article.source}: {warning}", file=sys.stderr, flush=True)


def with_progress(results: Iterable[Result]) -> Iterator[Result]:
    """`results`, counted on a progress line on stderr (only shown when stderr is a terminal)."""
    from rich.console import Console
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), "{task.description}", MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("articles", total=None)
        for result in results:
            yield result
            progress.advance(task)
