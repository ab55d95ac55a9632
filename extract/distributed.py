"""Many articles in, a folder of parts out: on this machine's process pool or a Dask cluster.

    from extract.distributed import extract_many
    summary = extract_many("s3://bucket/articles/", "s3://bucket/facts/", jobs=8)

Both engines plan the same parts and run the same per-part function (`part_folder.extract_part`),
so switching engines changes nothing in the output folder.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import click

from .cli_utils import ExtractorSettings, report
from .extractor import Extractor
from .part_folder import MANIFEST, NOTES, PART_FORMATS, PartFolder, PartReport, extract_part
from .parts import Part, is_url, plan_parts
from .pipeline import find_model
from .web import DEFAULT_TIMEOUT

ENGINES = ("local", "dask")
INSTALL_HINT = "pip install 'extract-facts[dask]'"

Runner = Callable[[list[Part], PartFolder], Iterator[PartReport]]


@dataclass(frozen=True)
class Summary:
    """What a run in parts did: its folder, parts (those kept from a run before included),
    articles and errors, and how long it took."""

    output: str
    format: str
    parts: int
    resumed: int
    articles: int
    errors: int
    seconds: float

    def __str__(self) -> str:
        return (
            f"{_count(self.articles, 'article')} in {_count(self.parts, 'part')} "
            f"({self.resumed} already done), {_count(self.errors, 'error')}, "
            f"into {self.output} in {self.seconds:.1f} s"
        )


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def extract_many(
    inputs: Sequence[str] | str,
    output: str,
    *,
    client=None,
    jobs: int | None = None,
    format: str = "jsonl",
    files_per_task: int = 200,
    storage_options: dict | None = None,
    resume: bool = False,
    settings: ExtractorSettings | None = None,
    progress: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> Summary:
    """Extract every article of `inputs` (paths or fsspec URLs: files, folders, `.jsonl`) into
    the folder `output` as parts, on the Dask `client`, or on a local cluster of `jobs` workers
    started for the call. Parts already complete are kept when `resume` is true; `settings`
    picks the model and options; `progress` shows a bar over parts and each failed input on
    stderr; a web page is waited for at most `timeout` seconds. Returns a `Summary`;
    `_manifest.json` and `_errors.jsonl` in `output` hold the rest."""
    from .dask_engine import dask_client, run_parts

    plan = plan_run(
        inputs, output, format, files_per_task, storage_options, resume, settings, timeout
    )
    if plan.todo:
        with dask_client(client, jobs, plan.settings) as connected:
            _run_plan(plan, run_parts(connected, plan.todo, plan.folder), progress)
    return finish_run(plan)


def extract_many_locally(
    inputs: Sequence[str] | str,
    output: str,
    *,
    jobs: int = 1,
    format: str = "jsonl",
    files_per_task: int = 200,
    storage_options: dict | None = None,
    resume: bool = False,
    settings: ExtractorSettings | None = None,
    progress: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> Summary:
    """`extract_many` on this machine's process pool (`--engine local`), without Dask."""
    plan = plan_run(
        inputs, output, format, files_per_task, storage_options, resume, settings, timeout
    )
    if plan.todo:
        with _local_engine(jobs, plan.settings) as run:
            _run_plan(plan, run(plan.todo, plan.folder), progress)
    return finish_run(plan)


@dataclass
class RunPlan:
    """A run in parts once planned: its folder, all its parts, those left to do, and the
    reports of the parts done so far."""

    folder: PartFolder
    settings: ExtractorSettings
    parts: list[Part]
    todo: list[Part]
    reports: list[PartReport]
    started: float


def plan_run(
    inputs: Sequence[str] | str,
    output: str,
    output_format: str = "jsonl",
    files_per_task: int = 200,
    storage_options: dict | None = None,
    resume: bool = False,
    settings: ExtractorSettings | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> RunPlan:
    """Cut `inputs` into parts and prepare the folder `output` for them: the first step of a run
    on any engine (Dask, the local pool, or Spark, as the README shows)."""
    started = time.perf_counter()
    if output_format not in PART_FORMATS:
        raise ValueError(f"a folder of parts is written as {', '.join(PART_FORMATS)}")
    settings = settings or ExtractorSettings()
    parts = plan_parts(inputs, files_per_task, storage_options, timeout)
    folder = PartFolder(output, output_format, storage_options or {}, run_description(settings))
    kept = list(folder.finished(parts).values()) if resume else []
    folder.prepare(parts, resume)
    done = {report.number for report in kept}
    todo = [part for part in parts if part.number not in done]
    return RunPlan(folder, settings, parts, todo, kept, started)


def _run_plan(plan: RunPlan, reports: Iterable[PartReport], progress: bool) -> None:
    """Collect the reports of the parts run; with `progress`, a bar over parts and one line
    per failed input on stderr, as the command line shows them."""
    for done in _with_progress(reports, len(plan.todo), progress):
        plan.reports.append(done)
        for error in done.errors if progress else ():
            report("error", error["source"], error["message"])


def finish_run(plan: RunPlan, read_notes: bool = False) -> Summary:
    """Write the manifest and the error file; the last step of a run on any engine. With
    `read_notes`, the parts' reports are read from the folder (after a run elsewhere)."""
    reports = list(plan.folder.finished(plan.parts).values()) if read_notes else plan.reports
    plan.folder.finish(reports)
    return Summary(
        output=plan.folder.url,
        format=plan.folder.format,
        parts=len(plan.parts),
        resumed=len(plan.parts) - len(plan.todo),
        articles=sum(report.articles for report in reports),
        errors=sum(len(report.errors) for report in reports),
        seconds=time.perf_counter() - plan.started,
    )


def run_description(settings: ExtractorSettings) -> dict:
    """The tool, the model and the settings of a run, as the manifest records them."""
    import spacy

    model = find_model(settings.model)
    model_version = spacy.util.get_package_version(model) if not Path(model).is_dir() else None
    try:
        tool_version = version("extract-facts")
    except PackageNotFoundError:
        tool_version = None
    return {
        "tool": "extract-facts",
        "version": tool_version,
        "model": f"{model} {model_version}" if model_version else model,
        "published": settings.published.isoformat() if settings.published else None,
        "keep_boilerplate": settings.keep_boilerplate,
    }


@contextmanager
def _local_engine(jobs: int, settings: ExtractorSettings) -> Iterator[Runner]:
    if jobs <= 1:
        extractor = settings.build()
        yield lambda parts, folder: (extract_part(extractor, part, folder) for part in parts)
        return
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(settings,)) as pool:

        def run(parts: list[Part], folder: PartFolder) -> Iterator[PartReport]:
            futures = [pool.submit(_run_part_in_worker, part, folder) for part in parts]
            for future in as_completed(futures):
                yield future.result()

        yield run


_worker_extractor: Extractor | None = None


def _start_worker(settings: ExtractorSettings) -> None:
    global _worker_extractor
    _worker_extractor = settings.build()


def _run_part_in_worker(part: Part, folder: PartFolder) -> PartReport:
    assert _worker_extractor is not None
    return extract_part(_worker_extractor, part, folder)


def _with_progress(reports: Iterable[PartReport], total: int, show: bool) -> Iterator[PartReport]:
    """`reports`, counted on a bar over parts on stderr when `show` and stderr is a terminal."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True)
    columns = ("parts", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    disable = not (show and console.is_terminal)
    with Progress(*columns, console=console, transient=True, disable=disable) as bar:
        task = bar.add_task("parts", total=total)
        for report in reports:
            yield report
            bar.advance(task)


def wants_parts(
    output: str | None, output_format: str | None, *, engine: str, resume: bool, **_options
) -> bool:
    """Whether the command line asks for a folder of parts rather than one stream of records:
    the Dask engine, Parquet, `--resume`, or `-o` naming a folder: a URL, a path ending in `/`,
    or an existing folder that is empty or holds parts (any other folder is left alone)."""
    if engine == "dask" or output_format == "parquet" or resume:
        return True
    if output is None or output_format not in (None, *PART_FORMATS):
        return False
    if is_url(output) or output.endswith(("/", "\\")):
        return True
    folder = Path(output)
    holds_parts = (folder / MANIFEST).exists() or (folder / NOTES).is_dir()
    return folder.is_dir() and (holds_parts or not any(folder.iterdir()))


def run_from_cli(
    paths: Sequence[str],
    output: str | None,
    output_format: str | None,
    jobs: int | None,
    settings: ExtractorSettings,
    timeout: float = DEFAULT_TIMEOUT,
    *,
    engine: str,
    scheduler: str | None,
    files_per_task: int,
    resume: bool,
) -> int:
    """The command line's run in parts (`-o FOLDER`, `--engine dask`); returns the exit code."""
    problem = _usage_problem(paths, output, output_format, engine, scheduler)
    if problem:
        raise click.UsageError(problem)
    output_format = output_format or "jsonl"
    context = click.get_current_context(silent=True)
    jobs_source = context.get_parameter_source("jobs") if context else None
    if engine == "dask" and jobs_source is not None and jobs_source.name == "DEFAULT":
        jobs = None  # a local cluster as large as the machine
    missing = _missing_extra(engine, output_format)
    if missing:
        print(f"extract: error: {missing} needs the dask extra: {INSTALL_HINT}", file=sys.stderr)
        return 2
    assert output is not None  # _usage_problem: runs in parts always have a folder
    options: dict[str, Any] = dict(
        format=output_format,
        files_per_task=files_per_task,
        resume=resume,
        settings=settings,
        progress=True,
        timeout=timeout,
    )
    try:
        if engine == "local":
            summary = extract_many_locally(paths, output, jobs=jobs or 1, **options)
        else:
            summary = _extract_on_dask(paths, output, scheduler, jobs, options)
    except (OSError, ValueError) as error:  # unreachable storage or scheduler, missing input
        print(f"extract: error: {error}", file=sys.stderr)
        return 2 if isinstance(error, FileNotFoundError) else 1
    except KeyboardInterrupt:  # parts already renamed into place stay; --resume keeps them
        return 130
    print(f"extract: {summary}", file=sys.stderr)
    return 1 if summary.errors else 0


def _extract_on_dask(paths, output, scheduler, jobs, options) -> Summary:
    if scheduler is None:
        return extract_many(paths, output, jobs=jobs, **options)
    from distributed import Client

    try:
        client = Client(scheduler, timeout="30s")
    except (OSError, TimeoutError) as error:
        raise OSError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    with client:
        return extract_many(paths, output, client=client, **options)


def _usage_problem(paths, output, output_format, engine, scheduler) -> str | None:
    if output is None:
        return "a run in parts (--engine dask, --format parquet, --resume) needs -o FOLDER"
    if output_format not in (None, *PART_FORMATS):
        return f"-o FOLDER takes --format {', '.join(PART_FORMATS)}"
    if not paths or "-" in paths:
        return "a run in parts reads files, folders or URLs, not standard input"
    if scheduler and engine != "dask":
        return "--scheduler needs --engine dask"
    return None


def _missing_extra(engine: str, output_format: str) -> str | None:
    """The option whose packages are not installed, if any."""
    from importlib.util import find_spec

    if engine == "dask" and (find_spec("dask") is None or find_spec("distributed") is None):
        return "--engine dask"
    if output_format == "parquet" and find_spec("pyarrow") is None:
        return "--format parquet"
    return None
