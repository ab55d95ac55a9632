"""The work behind the command line: checking the model, running batches in this process or in
worker processes (a huge text's pieces spread over them), reporting results and progress."""

from __future__ import annotations

import json
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import spacy

from .extractor import (
    BATCH_CHARS,
    PIECE_CHARS,
    ArticleInput,
    Extractor,
    PendingArticle,
    article_layout,
    given_date,
    masked_pieces,
)
from .facts import Article, Published
from .inputs import InputError, InputWarning, Read
from .outputs import GuardedWriter
from .pipeline import ModelNotFound, find_model
from .spill import SpilledArticle, SpillingArticle

BATCH_SIZE = 8
# How many batches may be out at the workers at once: enough to keep them busy, few enough that
# memory does not grow with the size of the corpus.
BATCHES_IN_FLIGHT_PER_JOB = 2
# A text longer than this is cut into pieces here and the pieces spread over the workers, in
# batches of at most BATCH_CHARS characters, so that no worker holds more than that at once.
HUGE_CHARS = 4 * PIECE_CHARS
# Components every extraction step relies on.
NEEDED_COMPONENTS = ("parser", "ner")


@dataclass(frozen=True)
class PiecesDone:
    """Progress through one huge text: `done` of its `total` pieces read."""

    source: str
    done: int
    total: int


Result = Article | SpilledArticle | InputError | InputWarning | PiecesDone


class RunFailed(Exception):
    """The run cannot go on (the worker processes died); the message is one line."""


@dataclass(frozen=True)
class ExtractorSettings:
    """What a worker process needs to build its own `Extractor`."""

    model: str | None = None
    published: date | None = None
    keep_boilerplate: bool = False
    with_text: bool = False  # the renderings that show the text itself need it

    def build(self) -> Extractor:
        return Extractor(
            self.model,
            published=self.published,
            keep_boilerplate=self.keep_boilerplate,
            with_text=self.with_text,
        )


def check_model(name: str | None) -> str:
    """The pipeline to load, checked from its meta.json without loading it: an installed spaCy
    pipeline with a parser and an entity recogniser; ModelNotFound (one line) otherwise."""
    model = find_model(name)
    folder = Path(model) if Path(model).is_dir() else spacy.util.get_package_path(model)
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        components = meta["pipeline"]
    except (OSError, ValueError, KeyError, TypeError):
        raise ModelNotFound(f"{model} is not a spaCy pipeline (no readable meta.json)") from None
    missing = [name for name in NEEDED_COMPONENTS if name not in components]
    if missing:
        raise ModelNotFound(f"spaCy pipeline {model} has no {' and no '.join(missing)}")
    return model


def available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def process_batch(extractor: Extractor, batch: list[Read]) -> list[Result]:
    """Results for one batch, in order; an article that makes extraction fail becomes an error."""
    articles = [item for item in batch if isinstance(item, ArticleInput)]
    try:
        done: Iterator[Result] = iter(list(extractor.pipe(articles)))
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


def _work_in_worker(batch: list[Read]) -> list[Result]:
    assert _worker_extractor is not None
    return process_batch(_worker_extractor, batch)


def _read_in_worker(pieces: list[str], given: Published | None) -> list[Article]:
    assert _worker_extractor is not None
    return _worker_extractor.read_pieces(pieces, given)


class _ThisProcess:
    """The worker pool's interface, doing the work at once in this process (`--jobs 1`)."""

    def __init__(self, settings: ExtractorSettings):
        _start_worker(settings)

    def submit(self, work: Callable, *args) -> Future:
        future: Future = Future()
        future.set_result(work(*args))
        return future


@contextmanager
def _workers(settings: ExtractorSettings, jobs: int):
    if jobs <= 1:
        try:
            workers = _ThisProcess(settings)
        except Exception as error:  # a pipeline that passed check_model and still fails
            raise RunFailed(f"cannot load the model: {error}") from None
        yield workers
        return
    try:
        with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(settings,)) as pool:
            yield pool
    except BrokenProcessPool:
        raise RunFailed(
            "a worker process stopped (out of memory, or the model failed to load)"
        ) from None


def batches(items: Iterable[Read], size: int) -> Iterator[list[Read]]:
    """`items` in batches of `size`; a huge text comes alone."""
    batch: list[Read] = []
    for item in items:
        if isinstance(item, ArticleInput) and _is_huge(item):
            if batch:
                yield batch
            yield [item]
            batch = []
            continue
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(items: Iterable[Read], settings: ExtractorSettings, jobs: int = 1) -> Iterator[Result]:
    """Results for `items` in input order, from this process or from `jobs` worker processes."""
    limit = jobs * BATCHES_IN_FLIGHT_PER_JOB if jobs > 1 else 1
    with _workers(settings, jobs) as workers:
        in_flight: deque[Future] = deque()
        for batch in batches(items, BATCH_SIZE):
            if len(batch) == 1 and isinstance(batch[0], ArticleInput) and _is_huge(batch[0]):
                while in_flight:
                    yield from in_flight.popleft().result()
                yield from _huge_article(batch[0], settings, workers, limit)
                continue
            in_flight.append(workers.submit(_work_in_worker, batch))
            if len(in_flight) >= limit:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()


def _is_huge(item: ArticleInput) -> bool:
    return len(item.text) > HUGE_CHARS


def _huge_article(
    item: ArticleInput, settings: ExtractorSettings, workers, limit: int
) -> Iterator[Result]:
    """One huge text: its pieces read in batches of BATCH_CHARS characters, at most `limit`
    batches out at once, progress reported a batch at a time, the facts spilled to disk as
    they come (see `spill`)."""
    source = item.source or "<text>"
    article: SpillingArticle | None = None
    try:
        ranges, starts = article_layout(item, settings.keep_boilerplate)
        article = SpillingArticle(item, ranges, starts)
        pieces = masked_pieces(item.text, ranges, starts)
        # The first piece goes alone: later ones resolve their dates against the date it finds.
        given = given_date(item, settings.published)
        first = workers.submit(_read_in_worker, [next(pieces)], given).result()
        article.add(first[0])
        yield PiecesDone(source, 1, len(starts))
        given = first[0].published
        in_flight: deque[Future] = deque()
        for batch in _batches_of_chars(pieces):
            in_flight.append(workers.submit(_read_in_worker, batch, given))
            while len(in_flight) >= limit or (in_flight and in_flight[0].done()):
                yield _collected(in_flight.popleft(), article, source)
        while in_flight:
            yield _collected(in_flight.popleft(), article, source)
        del pieces
        yield article.spilled(settings.with_text)
    except BrokenProcessPool:
        raise
    except Exception as error:
        if article is not None:
            article.store.close()
        yield InputError(source, f"extraction failed: {error!r}")


def _collected(future: Future, article: PendingArticle, source: str) -> PiecesDone:
    for part in future.result():
        article.add(part)
    return PiecesDone(source, len(article.parts), len(article.piece_starts))


def _batches_of_chars(pieces: Iterable[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    chars = 0
    for piece in pieces:
        if batch and chars + len(piece) > BATCH_CHARS:
            yield batch
            batch, chars = [], 0
        batch.append(piece)
        chars += len(piece)
    if batch:
        yield batch


def deliver(results: Iterable[Result], writer: GuardedWriter) -> bool:
    """Each result written or reported on stderr; True when any input failed."""
    failed = False
    for result in results:
        if isinstance(result, InputError):
            report("error", result.source, result.message)
            failed = True
        elif isinstance(result, InputWarning):
            report("warning", result.source, result.message)
        elif isinstance(result, Article | SpilledArticle):
            for warning in result.warnings:
                report("warning", result.source or "<text>", warning)
            writer.write(result)
    return failed


def report(kind: str, source: str | None, message: str) -> None:
    where = f"{source}: " if source else ""
    print(f"extract: {kind}: {where}{message}", file=sys.stderr, flush=True)


def with_progress(results: Iterable[Result], total: int | None) -> Iterator[Result]:
    """`results`, counted on a progress line on stderr against `total` (None: unknown), with a
    rate; a huge text's pieces get a line of their own while it is read."""
    from rich.console import Console
    from rich.progress import (
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        TimeElapsedColumn,
    )

    class RateColumn(ProgressColumn):
        def render(self, task):
            return f"{task.speed:.1f}/s" if task.speed else ""

    columns = (SpinnerColumn(), "{task.description}", MofNCompleteColumn(), RateColumn())
    console = Console(stderr=True)
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task("articles", total=total)
        pieces = None
        for result in results:
            if isinstance(result, PiecesDone):
                if pieces is None:
                    pieces = bar.add_task(f"pieces of {result.source}", total=result.total)
                bar.update(pieces, completed=result.done)
            elif not isinstance(result, InputWarning):
                if pieces is not None:
                    bar.remove_task(pieces)
                    pieces = None
                bar.advance(task)
            yield result
