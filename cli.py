"""`extract`: the command line. Options, inputs and output formats; the work is in `extract/`."""

from __future__ import annotations

import os
import sys
from dataclasses import replace

import click

from extract.boilerplate.view import show_boilerplate as show
from extract.cli_utils import (
    ExtractorSettings,
    RunFailed,
    available_cores,
    check_model,
    deliver,
    report,
    run,
    with_progress,
)
from extract.distributed import ENGINES, run_from_cli, wants_parts
from extract.inputs import STDIN, count_inputs, is_missing, iter_inputs, source_name
from extract.outputs import GuardedWriter, OutputError, WriteError, open_output
from extract.parts import is_fsspec_url
from extract.pipeline import ModelNotFound
from extract.render import FORMATS, make_writer
from extract.report_index import is_folder_target, several_articles
from extract.web import DEFAULT_TIMEOUT, is_url


def _existing(context, parameter, paths: tuple[str, ...]) -> tuple[str, ...]:
    """Only a path with nothing there is a usage error: an input that cannot be read (or looked
    at) is reported when its turn comes, and the rest goes on. URLs are checked when fetched."""
    for name in paths:
        if name != STDIN and not is_url(name) and not is_fsspec_url(name) and is_missing(name):
            raise click.BadParameter(f"{source_name(name)} does not exist", param=parameter)
    return paths


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument(
    "paths", nargs=-1, type=click.Path(allow_dash=True, readable=False), callback=_existing
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice((*FORMATS, "parquet")),
    help="Output format. Default: table on a terminal, jsonl when piped.",
)
@click.option("--json", "output_format", flag_value="json", help="Shorthand for --format json.")
@click.option("--jsonl", "output_format", flag_value="jsonl", help="Shorthand for --format jsonl.")
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date (YYYY-MM-DD) for inputs that do not carry their own.",
)
@click.option("--model", help="An installed spaCy pipeline to use instead of en_core_web_sm.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes (and URLs fetched at once).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds to wait for a URL.",
)
@click.option(
    "--with-text", is_flag=True, help="Put the article text in every record, not only web pages'."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(writable=True),
    help="Write results here (with --format html, a folder: one page per article and index.html).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="local: a process pool on this machine; dask: a Dask cluster (writes parts to -o).",
)
@click.option("--scheduler", metavar="ADDRESS", help="The Dask scheduler to use (--engine dask).")
@click.option(
    "--files-per-task",
    type=click.IntRange(min=1),
    default=200,
    show_default=True,
    help="Articles per part (-o FOLDER); parts also stop at 8 MB of input.",
)
@click.option("--resume", is_flag=True, help="Keep the parts of -o FOLDER that are complete.")
@click.option(
    "--keep-boilerplate", is_flag=True, help="Do not skip page furniture (captions, link lists)."
)
@click.option(
    "--show-boilerplate",
    is_flag=True,
    help="Print each text with the dropped page furniture struck through, and why; no facts.",
)
@click.version_option(package_name="extract-facts")
def main(
    paths,
    output_format,
    published,
    model,
    jobs,
    timeout,
    with_text,
    output,
    keep_boilerplate,
    show_boilerplate,
    **in_parts,
):
    """Extract quotes, speakers, dates, vote percentages and places from news articles.

    PATH is a text file, a folder (walked recursively), a .jsonl file with one
    {"id", "text", "published"} object a line (or "html" and "url" instead of "text"), an HTML
    page, an http(s):// URL, a WARC archive, any of these as .gz, or - (the default) for
    standard input.

    Exit codes: 0 all inputs done, 1 some input or the output failed (each reported on one
    line; the rest was still done), 2 a usage error found before any work.
    """
    if show_boilerplate:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.exit(show(iter_inputs(paths, sys.stdin.buffer), sys.stdout, color))
    try:
        model = check_model(model)
    except ModelNotFound as error:
        raise click.BadParameter(str(error), param_hint="--model") from None
    if jobs > available_cores():
        report("warning", None, f"--jobs {jobs} is more than the {available_cores()} cores here")
    settings = ExtractorSettings(
        model=model,
        published=published.date() if published else None,
        keep_boilerplate=keep_boilerplate,
        with_text=with_text,
    )
    if wants_parts(output, output_format, **in_parts):  # -o FOLDER of parts, --engine dask
        code = run_from_cli(paths, output, output_format, jobs, settings, timeout, **in_parts)
        sys.exit(code)
    folder = output if output_format == "html" and output and is_folder_target(output) else None
    if output and not folder and os.path.isdir(output):
        raise click.BadParameter(f"{output} is a folder", param_hint="-o")
    if output_format == "html" and not folder and several_articles(paths):
        raise click.UsageError("--format html writes one page: for several articles use -o DIR")
    try:
        with open_output(None if folder else output) as out:
            sys.exit(_extract(paths, settings, jobs, out, output_format, output, folder, timeout))
    except WriteError as error:  # after some work: what was written stays
        report("error", None, str(error))
        sys.exit(1)
    except OutputError as error:  # before any work
        report("error", None, str(error))
        sys.exit(2)


def _extract(paths, settings, jobs, out, output_format, output, folder, timeout) -> int:
    """The exit code of running the inputs through to `out` (or pages in `folder`)."""
    is_terminal = out.isatty() and not folder
    output_format = output_format or ("table" if is_terminal else "jsonl")
    # The human views show the text around the facts.
    settings = replace(settings, with_text=settings.with_text or output_format in ("table", "html"))
    color = is_terminal and "NO_COLOR" not in os.environ
    name = source_name(output) if output else "standard output"
    writer = make_writer(output_format, out, color=color, folder=folder)
    writer = GuardedWriter(writer, out, name)
    try:
        results = run(iter_inputs(paths, sys.stdin.buffer, timeout, jobs), settings, jobs)
        # On a terminal the report itself shows progress; a bar would garble it.
        if sys.stderr.isatty() and not is_terminal:
            results = with_progress(results, count_inputs(paths))
        failed = deliver(results, writer)
    except KeyboardInterrupt:
        return 130
    except RunFailed as error:
        report("error", None, str(error))
        failed = True
    finally:
        writer.close()
    return 1 if failed else 0
