"""Inputs cut into parts: the unit of work of `extract -o FOLDER` on every engine.

A part is a short list of input slices (a whole text file, or a run of lines of a `.jsonl` file)
holding at most `files_per_task` articles and about `MAX_PART_BYTES` bytes. Parts are planned on
the machine that starts the run and read where they are processed, so only their names travel.
Inputs are local paths or fsspec URLs (`s3://`, `gs://`, `file://`, `memory://`, ...).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from . import web
from .extractor import ArticleInput
from .inputs import InputError, _jsonl_articles, articles_from_bytes, decode, source_name, walk

# A part stops growing at this many bytes of input even when it holds fewer articles than asked:
# a part of long pages must not take a worker's memory or an hour.
MAX_PART_BYTES = 8_000_000


@dataclass(frozen=True)
class InputSlice:
    """A whole file, or `lines` lines of a `.jsonl` file from line `first_line`, at bytes
    `start`:`end`."""

    source: str  # as the user named it, and as records and errors show it
    location: str  # where a worker opens it: an absolute path or a URL
    size: int
    error: str | None = None  # why it cannot be read, found while planning
    articles: int = 1
    first_line: int | None = None
    lines: int = 0
    start: int = 0
    end: int = 0
    timeout: float = web.DEFAULT_TIMEOUT  # seconds to wait for a web page

    @property
    def label(self) -> str:
        if self.first_line is None or not self.lines:
            return self.source
        return f"{self.source}:{self.first_line}-{self.first_line + self.lines - 1}"


@dataclass(frozen=True)
class Part:
    number: int
    inputs: tuple[InputSlice, ...]

    @property
    def labels(self) -> list[str]:
        return [piece.label for piece in self.inputs]


def is_url(name: str) -> bool:
    """A URL: a web page (http, https) or a file in storage fsspec reaches (s3://, file://)."""
    return "://" in name


def is_fsspec_url(name: str) -> bool:
    return is_url(name) and not web.is_url(name)


def plan_parts(
    inputs: Sequence[str] | str,
    files_per_task: int = 200,
    storage_options: dict | None = None,
    timeout: float = web.DEFAULT_TIMEOUT,
) -> list[Part]:
    """`inputs` (files, folders, `.jsonl` files; paths or URLs) cut into numbered parts; a web
    page is waited for at most `timeout` seconds when its part is read."""
    if isinstance(inputs, str):
        inputs = [inputs]
    slices = (
        piece
        for name in inputs
        for file in _files(name, storage_options or {}, timeout)
        for piece in _slices(file, files_per_task, storage_options or {})
    )
    return [
        Part(number, tuple(group)) for number, group in enumerate(_grouped(slices, files_per_task))
    ]


def _files(name: str, storage_options: dict, timeout: float) -> Iterator[InputSlice]:
    """Every file `name` stands for, whole, in the order `extract` reads them; a file or folder
    that cannot be read as a slice that carries the error."""
    if web.is_url(name):  # a web page, fetched by the worker that reads its part
        yield InputSlice(name, name, 0, timeout=timeout)
        return
    if not is_url(name):
        path = Path(name)
        if not path.exists():
            raise FileNotFoundError(f"no such file or folder: {name}")
        for file in walk(path) if path.is_dir() else [path]:
            if isinstance(file, InputError):
                yield InputSlice(file.source, "", 0, error=file.message)
            elif isinstance(file, Path):  # not a warning about a file skipped on purpose
                yield InputSlice(source_name(file), str(file.resolve()), file.stat().st_size)
        return
    import fsspec  # here, not at the top: a plain `extract` run starts without it

    fs, root = fsspec.core.url_to_fs(name, **storage_options)
    if not fs.exists(root):
        raise FileNotFoundError(f"no such file or folder: {name}")
    if not fs.isdir(root):
        yield InputSlice(name, name, fs.size(root))
        return
    found = fs.find(root, detail=True)
    # Sorted folder by folder, dot-files and dot-folders skipped, as for a local folder.
    for path in sorted(found, key=lambda path: path.split("/")):
        relative = path[len(root.rstrip("/")) + 1 :]
        if any(step.startswith(".") for step in relative.split("/")):
            continue
        url = fs.unstrip_protocol(path)
        yield InputSlice(url, url, found[path]["size"])


def _slices(file: InputSlice, per_part: int, storage_options: dict) -> Iterator[InputSlice]:
    """A `.jsonl` file cut into runs of at most `per_part` articles; any other file whole."""
    if file.error or not file.source.endswith(".jsonl") or web.is_url(file.location):
        yield file
        return
    # Lines are counted here, once, so that every part knows its line numbers without reading
    # what comes before it; reading is far faster than extraction, so this costs little.
    import fsspec

    try:
        stream = fsspec.open(file.location, "rb", **storage_options).open()
    except OSError:  # unreadable here: the whole file as one slice, whose reading reports it
        yield replace(file, first_line=1, end=file.size)
        return
    start = end = number = articles = 0
    first_line = 1
    with stream:
        for number, line in enumerate(stream, start=1):
            end += len(line)
            articles += bool(line.strip())
            if articles >= per_part or end - start >= MAX_PART_BYTES:
                yield _lines(file, first_line, number, articles, start, end)
                start, first_line, articles = end, number + 1, 0
    if number >= first_line:
        yield _lines(file, first_line, number, articles, start, end)


def _lines(
    file: InputSlice, first: int, last: int, articles: int, start: int, end: int
) -> InputSlice:
    return replace(
        file,
        size=end - start,
        articles=articles,
        first_line=first,
        lines=last - first + 1,
        start=start,
        end=end,
    )


def _grouped(slices: Iterable[InputSlice], per_part: int) -> Iterator[list[InputSlice]]:
    """Consecutive slices gathered while they hold at most `per_part` articles and
    `MAX_PART_BYTES` bytes (a slice larger than that is a part of its own)."""
    group: list[InputSlice] = []
    articles = size = 0
    for piece in slices:
        if group and (articles + piece.articles > per_part or size + piece.size > MAX_PART_BYTES):
            yield group
            group, articles, size = [], 0, 0
        group.append(piece)
        articles += piece.articles
        size += piece.size
    if group:
        yield group


def read_part(
    part: Part, storage_options: dict | None = None
) -> Iterator[ArticleInput | InputError]:
    """The articles of `part`, in order; what cannot be read or parsed becomes an error."""
    for piece in part.inputs:
        if piece.error:
            yield InputError(piece.source, piece.error)
            continue
        if web.is_url(piece.location):
            yield web.fetch(piece.location, piece.timeout)
            continue
        try:
            data = _read(piece, storage_options or {})
        except Exception as error:  # any storage's failure is one input's error, not the part's
            message = getattr(error, "strerror", None) or str(error) or type(error).__name__
            yield InputError(piece.source, f"cannot read: {message}")
            continue
        if piece.first_line is None:
            yield from articles_from_bytes(data, piece.source)
            continue
        decoded = decode(data, piece.source)
        if isinstance(decoded, InputError):
            yield decoded
        else:
            yield from _jsonl_articles(decoded, piece.source, piece.first_line)


def _read(piece: InputSlice, storage_options: dict) -> bytes:
    import fsspec

    with fsspec.open(piece.location, "rb", **storage_options) as stream:
        if piece.first_line is None:
            return stream.read()
        stream.seek(piece.start)
        return stream.read(piece.end - piece.start)
