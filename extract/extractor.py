"""From article text to an `Article`: cleaning, the spaCy pipeline, and each extraction step."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from itertools import accumulate
from typing import Any

from spacy.attrs import IS_ALPHA, IS_STOP
from spacy.language import Language
from spacy.tokens import Doc

from . import boilerplate
from .facts import (
    Article,
    Boilerplate,
    PageMeta,
    Place,
    Published,
    Speaker,
    shifted,
    with_text_from,
)
from .nlp.layout import layout_of
from .pipeline import build_pipeline, find_model
from .readers import dates, percentages, places, quotes

# Texts are parsed and read in pieces of at most this many characters (cut at paragraph breaks):
# spaCy's memory grows with the length of a text (about 1 GB per 100,000 characters) and its
# `max_length` rejects long ones outright. Nearly every news article fits in one piece.
PIECE_CHARS = 30_000
# At most this many characters go through `nlp.pipe` in one batch: spaCy's memory follows the
# characters in a batch, so a count of texts alone lets a run of long pieces blow it up. On 300
# long articles (4,600 characters on average, up to 33,000) peak RSS was 394 MB at 60,000 and
# 294 MB at 20,000, for the same CPU time.
BATCH_CHARS = 20_000
# The boilerplate cleaner judges a longer text a window of this many characters at a time: its
# memory grows with the text (about 28 MB per MB), and a text this long is no single web page.
BOILERPLATE_WINDOW_CHARS = 1_000_000

# Below this share of English stop words among the words, the text is probably not English.
MIN_ENGLISH_STOPWORD_SHARE = 0.15
MIN_WORDS_FOR_LANGUAGE_CHECK = 40
# Scripts written without spaces between words (Chinese, Japanese) give the stop-word test no
# words: a text whose letters are mostly not Latin ones is not English either.
LETTER = re.compile(r"[^\W\d_]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
MIN_LETTERS_FOR_SCRIPT_CHECK = 20
MIN_LATIN_LETTER_SHARE = 0.5
NOT_ENGLISH = "text does not look like English; facts may be missing"
NO_PUBLISHED_WARNING = "no publication date: relative dates left unresolved; pass --published"


@dataclass(frozen=True)
class ArticleInput:
    """One article to process, as read from a file, a `.jsonl` line or standard input."""

    text: str
    source: str | None = None
    id: str | None = None
    published: str | None = None  # ISO date carried by the input itself
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()
    meta: PageMeta | None = None  # set for web pages, whose `text` was extracted from markup
    metadata_published: str | None = None  # ISO date from the page's metadata


def piece_starts(text: str, limit: int) -> list[int]:
    """Where each piece of `text` starts, the pieces being of at most `limit` characters.

    Cuts fall at a paragraph break, else a line break, else a space, so that sentences are rarely
    split.
    """
    starts = [0]
    while len(text) - starts[-1] > limit:
        window = text[starts[-1] : starts[-1] + limit]
        cut = limit
        for separator in ("\n\n", "\n", " "):
            found = window.rfind(separator)
            if found > limit // 2:
                cut = found + len(separator)
                break
        starts.append(starts[-1] + cut)
    return starts


def pieces_at(text: str, starts: list[int]) -> Iterator[str]:
    """The pieces of `text` starting at `starts`, cut one at a time as they are needed."""
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        yield text[start:end]


def split_into_pieces(text: str, limit: int) -> list[str]:
    """`text` cut into consecutive pieces of at most `limit` characters (see `piece_starts`);
    joined back, the pieces are `text` exactly."""
    return list(pieces_at(text, piece_starts(text, limit)))


def masked_pieces(text: str, ranges: list[Boilerplate], starts: list[int]) -> Iterator[str]:
    """The pieces of `text` starting at `starts`, boilerplate blanked: one at a time, so that
    no masked copy of a huge text is ever held whole."""
    after = 0  # the first range that does not end before the piece
    for start, piece in zip(starts, pieces_at(text, starts), strict=True):
        end = start + len(piece)
        while after < len(ranges) and ranges[after].end <= start:
            after += 1
        inside = []
        for found in ranges[after:]:
            if found.start >= end:
                break
            clipped = (max(found.start, start) - start, min(found.end, end) - start)
            inside.append(Boilerplate(*clipped, found.reason))
        yield boilerplate.mask(piece, inside)


def find_boilerplate(text: str) -> list[Boilerplate]:
    """The boilerplate ranges of `text`; a text longer than BOILERPLATE_WINDOW_CHARS is judged
    a window at a time (cut at paragraph breaks), as the cleaner's memory follows its lines."""
    if len(text) <= BOILERPLATE_WINDOW_CHARS:
        return boilerplate.find_boilerplate(text)
    ranges: list[Boilerplate] = []
    starts = piece_starts(text, BOILERPLATE_WINDOW_CHARS)
    for start, window in zip(starts, pieces_at(text, starts), strict=True):
        ranges.extend(shifted(found, start) for found in boilerplate.find_boilerplate(window))
        # The layouts of the last texts read are kept for the readers; no reader asks for a
        # window's, and eight of them would be kept (about 28 MB each).
        layout_of.cache_clear()
    return ranges


def article_layout(
    item: ArticleInput, keep_boilerplate: bool = False, piece_chars: int | None = None
) -> tuple[list[Boilerplate], list[int]]:
    """The article's boilerplate ranges, and where its pieces of at most `piece_chars` (default
    PIECE_CHARS) characters start."""
    ranges = [] if keep_boilerplate else find_boilerplate(item.text)
    return ranges, piece_starts(item.text, piece_chars or PIECE_CHARS)


def split_article(
    item: ArticleInput, keep_boilerplate: bool = False, piece_chars: int | None = None
) -> tuple[list[Boilerplate], list[str]]:
    """The article's boilerplate ranges, and its text (boilerplate blanked) cut into pieces of
    at most `piece_chars` (default PIECE_CHARS) characters."""
    ranges, starts = article_layout(item, keep_boilerplate, piece_chars)
    return ranges, list(masked_pieces(item.text, ranges, starts))


@dataclass
class PendingArticle:
    """An article whose pieces are still going through the pipeline, and the facts of those
    that came back, their offsets already moved to the whole text."""

    item: ArticleInput
    ranges: list[Boilerplate]
    piece_starts: list[int]
    parts: list[Article] = field(default_factory=list)

    @classmethod
    def of(cls, item: ArticleInput, ranges: list[Boilerplate], pieces: list[str]):
        return cls(item, ranges, list(accumulate((len(p) for p in pieces[:-1]), initial=0)))

    @property
    def complete(self) -> bool:
        return len(self.parts) == len(self.piece_starts)

    def add(self, part: Article) -> None:
        """The facts of the next piece, offsets relative to that piece."""
        self.parts.append(shifted(part, self.piece_starts[len(self.parts)]))

    def assembled(self, with_text: bool = False) -> Article:
        """The article's own record from the facts of its pieces (one piece but for huge texts);
        its text too for a web page, or `with_text`."""
        parts, item = self.parts, self.item
        undated = (
            (NO_PUBLISHED_WARNING,) if parts[0].published is None and item.text.strip() else ()
        )
        record = Article(
            source=item.source,
            id=item.id,
            published=parts[0].published,
            quotes=tuple(quote for part in parts for quote in part.quotes),
            speakers=_merged_speakers([s for part in parts for s in part.speakers]),
            dates=tuple(mention for part in parts for mention in part.dates),
            percentages=tuple(figure for part in parts for figure in part.percentages),
            places=_merged_places([place for part in parts for place in part.places]),
            boilerplate=tuple(self.ranges),
            encoding=item.encoding,
            warnings=item.warnings
            + tuple(dict.fromkeys(w for p in parts for w in p.warnings))
            + undated,
            meta=item.meta,
            text=item.text if with_text or item.meta is not None else None,
        )
        # Facts found in the masked text take their text from the original: never its blanks.
        # Without boilerplate ranges nothing was masked, and the texts are the original's.
        return with_text_from(record, item.text) if self.ranges else record


class Extractor:
    """Holds the pipeline; turns texts into `Article`s, one at a time or streamed."""

    def __init__(
        self,
        model: str | None = None,
        *,
        published: str | date | None = None,
        keep_boilerplate: bool = False,
        with_text: bool = False,
        batch_size: int = 16,
        nlp: Language | None = None,
    ):
        self.default_published = as_date(published)
        self.nlp = nlp or build_pipeline(find_model(model))
        self.keep_boilerplate = keep_boilerplate
        self.with_text = with_text
        self.batch_size = batch_size
        self.piece_chars = min(PIECE_CHARS, self.nlp.max_length)

    def extract_text(
        self, text: str, published: str | date | None = None, **metadata: Any
    ) -> Article:
        """The facts of one article text; `metadata` are further `ArticleInput` fields."""
        day = as_date(published)
        item = ArticleInput(text=text, published=day.isoformat() if day else None, **metadata)
        return next(self.pipe([item]))

    def pipe(self, items: Iterable[ArticleInput | str]) -> Iterator[Article]:
        """Articles for `items` (inputs or plain texts), in order, streamed through `nlp.pipe`."""
        pending: dict[int, PendingArticle] = {}

        def pieces() -> Iterator[tuple[str, int]]:
            for number, item in enumerate(items):
                if isinstance(item, str):
                    item = ArticleInput(text=item)
                ranges, parts = split_article(item, self.keep_boilerplate, self.piece_chars)
                pending[number] = PendingArticle.of(item, ranges, parts)
                for part in parts:
                    yield part, number

        for doc, number in self._parsed(pieces()):
            article = pending[number]
            # Later pieces resolve their dates against the date the first one found.
            given = article.parts[0].published if article.parts else self.given(article.item)
            article.add(self._facts(doc, given))
            if article.complete:
                del pending[number]
                yield article.assembled(self.with_text)

    def read_pieces(self, pieces: list[str], given: Published | None) -> list[Article]:
        """The facts of each piece of one article, offsets relative to the piece."""
        docs = self.nlp.pipe(pieces, batch_size=max(len(pieces), 1))
        return [self._facts(doc, given) for doc in docs]

    def _parsed(self, pieces: Iterator[tuple[str, int]]) -> Iterator[tuple[Doc, int]]:
        """`pieces` through the pipeline, in batches of at most `batch_size` pieces and
        BATCH_CHARS characters (a longer piece goes alone)."""
        batch: list[tuple[str, int]] = []
        chars = 0
        for piece in pieces:
            if batch and (len(batch) == self.batch_size or chars + len(piece[0]) > BATCH_CHARS):
                yield from self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
                batch, chars = [], 0
            batch.append(piece)
            chars += len(piece[0])
        if batch:
            yield from self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch))

    def _facts(self, doc: Doc, given: Published | None) -> Article:
        """The facts of one text or piece of text, offsets relative to it. A reader that fails
        loses its own facts only, with a warning: no single fact may sink an article."""
        warnings: list[str] = []

        def read(name: str, reader: Callable[[], Any], nothing: Any) -> Any:
            try:
                return reader()
            except Exception as error:
                warnings.append(f"{name} not read ({type(error).__name__}: {error})")
                return nothing

        published, date_mentions = read("dates", lambda: dates.find_dates(doc, given), (given, ()))
        found_places = read("places", lambda: places.find_places(doc), ())
        found_quotes, speakers = read("quotes", lambda: quotes.find_quotes(doc), ((), ()))
        figures, figure_notes = read("percentages", lambda: _figures(doc), ((), ()))
        return Article(
            source=None,
            id=None,
            published=published,
            quotes=tuple(found_quotes),
            speakers=tuple(speakers),
            dates=tuple(date_mentions),
            percentages=tuple(figures),
            places=tuple(found_places),
            warnings=(*warnings, *language_warnings(doc), *figure_notes),
        )

    def given(self, item: ArticleInput) -> Published | None:
        return given_date(item, self.default_published)


def _figures(doc: Doc) -> tuple[list, tuple[str, ...]]:
    """The percentages of a text and the warnings about them (a share read above 100%)."""
    figures = percentages.find_percentages(doc)
    return figures, percentages.percentage_warnings(doc, figures)


def _merged_speakers(speakers: list[Speaker]) -> tuple[Speaker, ...]:
    """Speakers of several pieces, one per name."""
    by_name: dict[str, Speaker] = {}
    for speaker in speakers:
        seen = by_name.get(speaker.name)
        by_name[speaker.name] = (
            speaker
            if seen is None
            else replace(
                seen,
                titles=tuple(dict.fromkeys(seen.titles + speaker.titles)),
                mentions=seen.mentions + speaker.mentions,
                quote_count=seen.quote_count + speaker.quote_count,
            )
        )
    return tuple(by_name.values())


def _merged_places(found: list[Place]) -> tuple[Place, ...]:
    """Places of several pieces, one per place, most mentioned first."""
    by_place: dict[tuple, Place] = {}
    for place in found:
        key = place_key(place)
        seen = by_place.get(key)
        by_place[key] = (
            place if seen is None else replace(seen, mentions=seen.mentions + place.mentions)
        )
    return tuple(sorted(by_place.values(), key=lambda place: -len(place.mentions)))


def place_key(place: Place) -> tuple:
    """What places of several pieces are merged by."""
    return (place.name, place.country_code, place.type)


def language_warnings(doc: Doc) -> tuple[str, ...]:
    """A warning when the text does not read as English, whose rules the tool applies."""
    # One array read instead of a Python object per token: this runs on every text.
    alpha, stop = doc.to_array([IS_ALPHA, IS_STOP]).T.astype(bool)
    words = int(alpha.sum())
    if words >= MIN_WORDS_FOR_LANGUAGE_CHECK:
        english = (alpha & stop).sum() / words >= MIN_ENGLISH_STOPWORD_SHARE
        return () if english else (NOT_ENGLISH,)
    letters = len(LETTER.findall(doc.text))
    if letters < MIN_LETTERS_FOR_SCRIPT_CHECK:
        return ()
    latin = len(LATIN_LETTER.findall(doc.text))
    return () if latin / letters >= MIN_LATIN_LETTER_SHARE else (NOT_ENGLISH,)


def given_date(item: ArticleInput, default: date | None) -> Published | None:
    """The publication date an input carries, else the default given to the extractor, else the
    date in a web page's metadata."""
    if item.published:
        return Published(value=item.published, origin="input")
    if default:
        return Published(value=default.isoformat(), origin="option")
    if item.metadata_published:
        return Published(value=item.metadata_published, origin="metadata")
    return None


def as_date(published: object) -> date | None:
    """A publication date given as an ISO string, a `date` or a `datetime` (None for None)."""
    if isinstance(published, datetime):
        return published.date()
    if published is None or isinstance(published, date):
        return published
    if isinstance(published, str):
        try:
            return datetime.fromisoformat(published.strip()).date()
        except ValueError:
            pass
    raise ValueError(
        f"published must be an ISO date string (YYYY-MM-DD), a date or a datetime, "
        f"not {published!r}"
    )
