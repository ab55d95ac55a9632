"""Where results go: the one place the `-o` file (or standard output) is opened and written.

`-o FILE` takes an exclusive lock on the file for the whole run: a second run writing the same
file at once fails at the start (exit 2) instead of mixing its records into the first one's. An
interrupted run leaves the complete records written so far.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Protocol, TextIO

from .facts import Article
from .inputs import reason, source_name
from .spill import SpilledArticle

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; runs are not guarded against each other
    fcntl = None  # type: ignore[assignment]  # a module or None, checked before each use


class OutputError(Exception):
    """The output cannot be opened; the message is the one line the user sees."""


class WriteError(OutputError):
    """The output failed while being written (a full disk, a lost device)."""


class Writer(Protocol):
    """Writes records; one that can also stream a huge text's record (`SpilledArticle`) has a
    `write_spilled` method, which closes the record once written."""

    def write(self, article: Article) -> None: ...
    def close(self) -> None: ...


@contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    """The output stream: the file at `path` (locked, then emptied), or standard output."""
    if not path or path == "-":
        yield sys.stdout
        return
    try:
        out = _open_locked(path)
    except OSError as error:
        raise OutputError(f"cannot write {source_name(path)}: {reason(error)}") from None
    with out:
        yield out


def _open_locked(path: str) -> TextIO:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)
    try:
        info = os.fstat(descriptor)
        if stat.S_ISREG(info.st_mode):  # not /dev/stdout, a pipe or a terminal
            _lock(descriptor, path)
            os.ftruncate(descriptor, 0)
            if os.fstatvfs(descriptor).f_bavail == 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return open(descriptor, "w", encoding="utf-8")
    except BaseException:
        os.close(descriptor)
        raise


def _lock(descriptor: int, path: str) -> None:
    if fcntl is None:
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise OutputError(
            f"{source_name(path)} is being written by another run; choose another -o"
        ) from None


class GuardedWriter:
    """A writer whose failures (a full disk, a lost device) become one WriteError; a closed
    pipe (`| head`) is left to click, which ends quietly."""

    def __init__(self, writer: Writer, out: TextIO, name: str):
        self.writer, self.out, self.name = writer, out, name

    def write(self, article: Article | SpilledArticle) -> None:
        if not isinstance(article, SpilledArticle):
            self._guarded(self.writer.write, article)
            return
        # A huge text's record: streamed by the writers that can (which close it once written),
        # else whole in memory.
        streamed = getattr(self.writer, "write_spilled", None)
        if streamed is not None:
            self._guarded(streamed, article)
            return
        try:
            self._guarded(self.writer.write, article.article())
        finally:
            article.close()

    def close(self) -> None:
        self._guarded(self.writer.close)

    def _guarded(self, action, *args) -> None:
        try:
            action(*args)
        except OSError as error:
            if error.errno == errno.EPIPE:
                raise
            self._silence()
            raise WriteError(f"cannot write {self.name}: {reason(error)}") from None

    def _silence(self) -> None:
        """Point the stream at /dev/null, so that closing it at exit does not fail again."""
        with suppress(OSError, ValueError):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self.out.fileno())
            os.close(null)
