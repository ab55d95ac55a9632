"""Renderings of articles: JSON lines, a JSON document, CSV rows, the rich table report, and
(in `report_html`) HTML pages.

Each writer writes every article whole and flushes it, so an interrupted batch leaves only
complete records behind.
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .facts import Article, DateMention, article_json
from .report_common import shorten, summary_line, window
from .spill import SpilledArticle

FORMATS = ("table", "json", "jsonl", "csv", "html")
QUOTE_CHARS = 200  # a quote in the table is cut to about this many characters
SPEAKER_CHARS = 28  # the speaker column's widest: the quote gets the room


def json_line(article: Article) -> str:
    return json.dumps(article_json(article), ensure_ascii=False)


class JsonlWriter:
    def __init__(self, out: TextIO):
        self.out = out

    def write(self, article: Article) -> None:
        self.out.write(json_line(article) + "\n")
        self.out.flush()

    def write_spilled(self, article: SpilledArticle) -> None:
        """A huge text's record, streamed; the writer closes it."""
        try:
            article.write_json(self.out)
        finally:
            article.close()
        self.out.write("\n")
        self.out.flush()

    def close(self) -> None:
        pass


class JsonWriter:
    """One object for one article, an array for several (known only once a second one comes)."""

    def __init__(self, out: TextIO):
        self.out = out
        self.first: Article | SpilledArticle | None = None
        self.count = 0

    def write(self, article: Article | SpilledArticle) -> None:
        self.count += 1
        if self.count == 1:
            self.first = article
            return
        if self.count == 2:
            assert self.first is not None
            self.out.write("[\n  ")
            _write_indented(self.out, self.first, 1)
        self.out.write(",\n  ")
        _write_indented(self.out, article, 1)
        self.out.flush()

    # A huge text's record is streamed, and closed once written.
    write_spilled = write

    def close(self) -> None:
        if self.count == 0:
            self.out.write("[]\n")
        elif self.count == 1:
            assert self.first is not None
            _write_indented(self.out, self.first, 0)
            self.out.write("\n")
        else:
            self.out.write("\n]\n")
        self.out.flush()


def _write_indented(out: TextIO, article: Article | SpilledArticle, level: int) -> None:
    """One record as `json.dumps(..., indent=2)` writes it, its later lines `level` levels in."""
    if isinstance(article, SpilledArticle):
        try:
            article.write_json(out, indent=2, level=level)
        finally:
            article.close()
        return
    text = json.dumps(article_json(article), ensure_ascii=False, indent=2)
    out.write(text.replace("\n", "\n" + "  " * level))


CSV_COLUMNS = (
    "source",
    "id",
    "field",
    "text",
    "start",
    "end",
    "value",
    "kind",
    "speaker",
    "place",
    "subject",
    "country_code",
)


class CsvWriter:
    """One row per fact: quotes, dates, percentages and place mentions of every article."""

    def __init__(self, out: TextIO):
        self.out = out
        self.rows = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore")
        self.rows.writeheader()

    def write(self, article: Article) -> None:
        common = {"source": article.source, "id": article.id}
        for quote in article.quotes:
            self.rows.writerow(
                common | _span_row("quote", quote) | {"kind": quote.kind, "speaker": quote.speaker}
            )
        for date_mention in article.dates:
            self.rows.writerow(
                common | _span_row("date", date_mention) | {"value": date_mention.value}
            )
        for figure in article.percentages:
            self.rows.writerow(
                common
                | _span_row("percentage", figure)
                | {
                    "value": figure.value,
                    "kind": figure.kind,
                    "place": figure.place,
                    "subject": figure.subject,
                    "speaker": figure.claimed_by,
                }
            )
        for place in article.places:
            for mention in place.mentions:
                self.rows.writerow(
                    common
                    | _span_row("place", mention)
                    | {"place": place.name, "kind": place.type, "country_code": place.country_code}
                )
        self.out.flush()

    def close(self) -> None:
        pass


def _span_row(field: str, span) -> dict:
    return {"field": field, "text": span.text, "start": span.start, "end": span.end}


class TableWriter:
    """The human report: one section per kind of fact, in text order, honest about empty ones.

    With `status` (a terminal's stderr), one status line counts the articles done; each report
    is printed over it and it is drawn again below, so the two never mix.
    """

    def __init__(self, out: TextIO, color: bool, status: TextIO | None = None):
        self.console = Console(
            file=out,
            no_color=not color,
            highlight=False,
            emoji=False,
            force_terminal=color,
            soft_wrap=False,
        )
        self.box = box.ROUNDED if color else box.ASCII2
        self.status = status
        self.done = 0
        self.started = time.monotonic()

    def write(self, article: Article) -> None:
        self._clear_status()
        console = self.console
        console.rule(Text(article.source or article.id or "article", style="bold"))
        console.print(_header(article))
        for title, render in SECTIONS:
            table = render(article, self.box)
            console.print(Text(title, style="bold cyan"))
            if table is None:
                console.print(f"  No {title.lower()} found.")
            else:
                console.print(table)
        console.print()
        console.file.flush()
        self.done += 1
        self._draw_status(article)

    def close(self) -> None:
        self._clear_status()

    def _draw_status(self, article: Article) -> None:
        if self.status is None:
            return
        elapsed = int(time.monotonic() - self.started)
        line = f"extract: {self.done} done, {elapsed // 60}:{elapsed % 60:02d} · {article.source}"
        width = shutil.get_terminal_size().columns - 1
        self.status.write(line[:width] + "\r")
        self.status.flush()

    def _clear_status(self) -> None:
        if self.status is not None and self.done:
            self.status.write("\x1b[2K\r")
            self.status.flush()


def _header(article: Article) -> Text:
    line = summary_line(article)
    if article.id:
        line += f"   id: {article.id}"
    if article.encoding != "utf-8":
        line += f"   encoding: {article.encoding}"
    if article.boilerplate:
        line += f"   boilerplate ranges skipped: {len(article.boilerplate)}"
    return Text(line)


def _table(frame: box.Box, *columns: str) -> Table:
    table = Table(box=frame, show_lines=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _quotes_table(article: Article, frame: box.Box) -> Table | None:
    """Quotes in text order; the speaker as the text cites them, when that differs."""
    if not article.quotes:
        return None
    table = _table(frame, "speaker", "quote", "cue")
    table.columns[0].max_width = SPEAKER_CHARS
    for quote in sorted(article.quotes, key=lambda q: q.start):
        speaker = quote.speaker or "(unattributed)"
        mention = quote.speaker_mention.text if quote.speaker_mention else None
        if mention and quote.speaker and quote.speaker.lower() not in mention.lower():
            speaker += f" (“{shorten(mention, 40)}”)"
        cue = quote.cue.text if quote.cue else "-"
        table.add_row(speaker, shorten(quote.text, QUOTE_CHARS), cue)
    return table


def _speakers_table(article: Article, frame: box.Box) -> Table | None:
    if not article.speakers:
        return None
    table = _table(frame, "speaker", "kind", "titles", "mentions", "quotes")
    for speaker in article.speakers:
        table.add_row(
            speaker.name,
            speaker.kind,
            "; ".join(speaker.titles),
            str(len(speaker.mentions)),
            str(speaker.quote_count),
        )
    return table


def _dates_table(article: Article, frame: box.Box) -> Table | None:
    if not article.dates:
        return None
    table = _table(frame, "date", "value", "context")
    for mention in article.dates:
        table.add_row(mention.text, mention.value or "-", _date_context(article, mention))
    return table


def _date_context(article: Article, mention: DateMention) -> str:
    sentence = mention.sentence
    if article.text is not None:
        bounds = (sentence.start, sentence.end) if sentence else None
        return window(article.text, mention.start, mention.end, bounds)
    if sentence is None:
        return ""
    return window(sentence.text, mention.start - sentence.start, mention.end - sentence.start)


def _percentages_table(article: Article, frame: box.Box) -> Table | None:
    """Each figure as written ('30 points' stays points) with what it is about."""
    if not article.percentages:
        return None
    table = _table(frame, "figure", "kind", "place", "subject", "context")
    for figure in article.percentages:
        context = window(article.text, figure.start, figure.end) if article.text else ""
        table.add_row(figure.text, figure.kind, figure.place or "-", figure.subject or "-", context)
    return table


def _places_table(article: Article, frame: box.Box) -> Table | None:
    if not article.places:
        return None
    table = _table(frame, "place", "mentions", "country", "type")
    ranked = sorted(article.places, key=lambda place: -len(place.mentions))
    for place in ranked:
        table.add_row(place.name, str(len(place.mentions)), place.country_code or "-", place.type)
    return table


SECTIONS: tuple[tuple[str, Callable[[Article, box.Box], Table | None]], ...] = (
    ("Quotes", _quotes_table),
    ("Speakers", _speakers_table),
    ("Dates", _dates_table),
    ("Percentages", _percentages_table),
    ("Places", _places_table),
)


def make_writer(name: str, out: TextIO, color: bool, folder: str | None = None):
    """The writer for format `name`; with `folder`, html pages go there, one per article."""
    if name == "table":
        status = sys.stderr if out.isatty() and sys.stderr.isatty() else None
        return TableWriter(out, color, status)
    if name == "html":
        from .report_html import HtmlWriter
        from .report_index import HtmlFolderWriter

        return HtmlFolderWriter(Path(folder)) if folder else HtmlWriter(out)
    return {"json": JsonWriter, "jsonl": JsonlWriter, "csv": CsvWriter}[name](out)
