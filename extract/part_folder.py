"""The output folder of a run in parts, and `extract_part`, the work of one part.

    OUT/part-000000.jsonl   (or .csv, .parquet) the records of one part, in input order
    OUT/_manifest.json      inputs, counts of articles and errors of every part; version, model
    OUT/_errors.jsonl       {"source", "message"} for every input that failed
    OUT/_parts/*.json       one note per finished part: what `--resume` trusts

A part is written under a hidden temporary name and renamed into place, then its note is
written: a part with a note is complete, and a rerun overwrites it rather than adding to it.
Names starting with `_` or `.` are skipped by Parquet readers, Spark and DuckDB globs alike.
"""

from __future__ import annotations

import hashlib
import io
import json
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any, BinaryIO

from . import cli_utils
from .cli_utils import BATCH_SIZE, batches, process_batch
from .extractor import Extractor
from .facts import Article
from .inputs import InputError, InputWarning
from .parts import Part, read_part
from .render import make_writer

PART_FORMATS = ("jsonl", "csv", "parquet")
MANIFEST = "_manifest.json"
ERRORS = "_errors.jsonl"  # "_": readers of the folder (pandas, Spark) skip it
NOTES = "_parts"


@dataclass(frozen=True)
class PartReport:
    """What one finished part holds; its note in `_parts/`, its entry in the manifest."""

    number: int
    name: str
    inputs: list[str]
    articles: int
    errors: list[dict[str, str]]
    key: str  # the run settings and inputs it was made from: `--resume` reuses only a match

    def entry(self) -> dict:
        return {
            "name": self.name,
            "inputs": self.inputs,
            "articles": self.articles,
            "errors": len(self.errors),
        }


@dataclass(frozen=True)
class PartFolder:
    """Where and how the parts of one run are written; small, so it travels with each task."""

    url: str
    format: str = "jsonl"
    storage_options: dict = field(default_factory=dict)
    run: dict = field(default_factory=dict)  # tool version, model and settings, for the manifest

    def filesystem(self) -> tuple[Any, str]:
        import fsspec  # here, not at the top: a plain `extract` run starts without it

        fs, root = fsspec.core.url_to_fs(self.url, **self.storage_options)
        return fs, root.rstrip("/")

    def part_name(self, number: int) -> str:
        return f"part-{number:06d}.{self.format}"

    def part_key(self, part: Part) -> str:
        text = json.dumps([self.run, self.format, part.labels], sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def finished(self, parts: Iterable[Part]) -> dict[int, PartReport]:
        """Reports of the parts whose file and note are there, from the same inputs and settings."""
        fs, root = self.filesystem()
        done = {}
        for part in parts:
            note = f"{root}/{NOTES}/{self.part_name(part.number)}.json"
            if not (fs.exists(note) and fs.exists(f"{root}/{self.part_name(part.number)}")):
                continue
            report = PartReport(**json.loads(fs.cat_file(note)))
            if report.key == self.part_key(part):
                done[part.number] = report
        return done

    def prepare(self, parts: list[Part], resume: bool) -> None:
        """Make the folder and clear what this run replaces: parts and notes beyond the plan,
        temporary files of a stopped run, the old manifest, and (unless resuming) every note.
        Parts in the plan are overwritten in place; nothing is left to be read twice."""
        fs, root = self.filesystem()
        fs.makedirs(f"{root}/{NOTES}", exist_ok=True)
        planned = {self.part_name(part.number) for part in parts}
        stale = [
            path
            for path in _listing(fs, root)
            if _is_temporary(_name(path))
            or _name(path) == MANIFEST
            or (_is_part(_name(path)) and _name(path) not in planned)
        ]
        stale += [
            path
            for path in _listing(fs, f"{root}/{NOTES}")
            if not resume or _name(path).removesuffix(".json") not in planned
        ]
        if stale:
            fs.rm(stale)

    def finish(self, reports: list[PartReport]) -> None:
        """Write the manifest and the error list of the whole run; remove temporary files
        left by workers that died while writing."""
        fs, root = self.filesystem()
        left = [path for path in _listing(fs, root) if _is_temporary(_name(path))]
        if left:
            fs.rm(left)
        reports = sorted(reports, key=lambda report: report.number)
        errors = "".join(
            json.dumps(error, ensure_ascii=False) + "\n"
            for report in reports
            for error in report.errors
        )
        manifest = {
            **self.run,
            "format": self.format,
            "articles": sum(report.articles for report in reports),
            "errors": sum(len(report.errors) for report in reports),
            "parts": [report.entry() for report in reports],
        }
        with self.replaced(ERRORS) as out:
            out.write(errors.encode())
        with self.replaced(MANIFEST) as out:
            out.write((json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode())

    @contextmanager
    def replaced(self, name: str) -> Iterator[BinaryIO]:
        """A file written under a hidden temporary name and renamed to `name` once whole."""
        fs, root = self.filesystem()
        temporary = f"{root}/.{name}.{uuid.uuid4().hex}.tmp"
        try:
            with fs.open(temporary, "wb") as out:
                yield out
            fs.mv(temporary, f"{root}/{name}")
        finally:
            if fs.exists(temporary):
                fs.rm(temporary)

    def write_note(self, report: PartReport) -> None:
        fs, root = self.filesystem()
        with fs.open(f"{root}/{NOTES}/{report.name}.json", "w", encoding="utf-8") as out:
            json.dump(asdict(report), out, ensure_ascii=False)


def _listing(fs, folder: str) -> list[str]:
    """The paths in `folder`; none where an object store has no such prefix yet."""
    try:
        return fs.ls(folder, detail=False)
    except FileNotFoundError:
        return []


def _name(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def _is_temporary(name: str) -> bool:
    return name.startswith(".") and name.endswith(".tmp")


def _is_part(name: str) -> bool:
    return name.startswith("part-") and name.rsplit(".", 1)[-1] in PART_FORMATS


def extract_part(extractor: Extractor, part: Part, folder: PartFolder) -> PartReport:
    """Read, extract and write one part; the same function on every engine (Dask, the local
    pool, a Spark task). Inputs that fail become errors in the report, never a failed part."""
    errors: list[dict[str, str]] = []
    articles = 0
    name = folder.part_name(part.number)
    with folder.replaced(name) as out:
        writer = _PartWriter(folder.format, out)
        for batch in batches(read_part(part, folder.storage_options), BATCH_SIZE):
            for result in process_batch(extractor, batch):
                if isinstance(result, InputError):
                    errors.append({"source": result.source, "message": result.message})
                elif isinstance(result, InputWarning):  # a link walked twice: no record
                    cli_utils.report("warning", result.source, result.message)
                elif isinstance(result, Article):
                    writer.write(result)
                    articles += 1
        writer.close()
    report = PartReport(part.number, name, part.labels, articles, errors, folder.part_key(part))
    folder.write_note(report)
    return report


class _PartWriter:
    """The records of one part, in its format: text formats streamed, Parquet in one go."""

    def __init__(self, output_format: str, out: BinaryIO):
        self.out = out
        self.rows: list[Article] | None = [] if output_format == "parquet" else None
        if self.rows is None:
            self.text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
            self.writer = make_writer(output_format, self.text, color=False)

    def write(self, article: Article) -> None:
        if self.rows is None:
            self.writer.write(article)
        else:
            self.rows.append(article)

    def close(self) -> None:
        if self.rows is not None:
            from .parquet import write_articles

            write_articles(self.rows, self.out)
            return
        self.writer.close()
        self.text.flush()
        self.text.detach()  # `out` is closed by its owner, not by the wrapper
