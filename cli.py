"""`extract`: the command line. Options, inputs and output formats; the work is in `extract/`."""

from __future__ import annotations

import os
import sys
from contextlib import nullcontext

import click

from extract.cli_utils import (
    ExtractorSettings,
    InputError,
    iter_inputs,
    report_error,
    report_warnings,
    run,
    with_progress,
)
from extract.distributed import ENGINES, PathOrUrl, run_from_cli, wants_parts
from extract.pipeline import ModelNotFound, find_model
from extract.render import FORMATS, make_writer


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=PathOrUrl(exists=True, allow_dash=True, dir_okay=True))
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
    help="Worker processes.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(writable=True),
    help="Write results to this file, or as parts to this folder (a path ending in / or a URL).",
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
@click.version_option(package_name="extract-facts")
def main(paths, output_format, published, model, jobs, output, keep_boilerplate, **in_parts):
    """Extract quotes, speakers, dates, vote percentages and places from news articles.

    PATH is a text file, a folder (walked recursively), a .jsonl file with one
    {"id", "text", "published"} object a line, or - (the default) for standard input.
    """
    try:
        model = find_model(model)
    except ModelNotFound as error:
        raise click.BadParameter(str(error), param_hint="--model") from None
    settings = ExtractorSettings(
        model=model,
        published=published.date() if published else None,
        keep_boilerplate=keep_boilerplate,
    )
    if wants_parts(output, output_format, **in_parts):
        sys.exit(run_from_cli(paths, output, output_format, jobs, settings, **in_parts))
    target = click.open_file(output, "w", encoding="utf-8") if output else nullcontext(sys.stdout)
    with target as out:
        is_terminal = out.isatty()
        output_format = output_format or ("table" if is_terminal else "jsonl")
        writer = make_writer(output_format, out, color=is_terminal and "NO_COLOR" not in os.environ)
        failed = False
        try:
            results = run(iter_inputs(paths, sys.stdin.buffer), settings, jobs)
            # On a terminal the report itself shows progress; a bar would garble it.
            if sys.stderr.isatty() and not is_terminal:
                results = with_progress(results)
            for result in results:
                if isinstance(result, InputError):
                    report_error(result)
                    failed = True
                else:
                    report_warnings(result)
                    writer.write(result)
        except KeyboardInterrupt:
            sys.exit(130)
        finally:
            writer.close()
    sys.exit(1 if failed else 0)
