"""The work behind the command line: running batches in this or worker processes, reporting."""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from itertools import islice

from .extractor import ArticleInput, Extractor
from .facts import Article
from .inputs import InputError

BATCH_SIZE = 8
# How many batches may be out at the workers at once: enough to keep them busy, few enough that
# memory does not grow with the size of the corpus.
BATCHES_IN_FLIGHT_PER_JOB = 2

Result = Article | InputError


@dataclass(frozen=True)
class ExtractorSettings:
    """What a worker process needs to build its own `Extractor`."""

    model: str | None = None
    published: date | None = None
    keep_boilerplate: bool = False
    with_text: bool = False

    def build(self) -> Extractor:
        return Extractor(
            self.model,
            published=self.published,
            keep_boilerplate=self.keep_boilerplate,
            with_text=self.with_text,
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
