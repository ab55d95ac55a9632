"""From article text to an `Article`: cleaning, the spaCy pipeline, and each extraction step."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import accumulate

from spacy.attrs import IS_ALPHA, IS_STOP
from spacy.language import Language
from spacy.tokens import Doc

from . import boilerplate, dates, percentages, places, quotes
from .facts import Article, Boilerplate, Place, Published, Speaker, shifted
from .pipeline import build_pipeline, find_model

# Texts are parsed and read in pieces of at most this many characters (cut at paragraph breaks):
# spaCy's memory grows with the length of a text (about 1 GB per 100,000 characters) and its
# `max_length` rejects long ones outright. Nearly every news article fits in one piece.
PIECE_CHARS = 30_000

# A batch of texts for spaCy stops growing at this many characters (a longer piece goes alone):
# a batch of eight long articles took 250 MB above the loaded pipeline, eight short ones 50 MB.
BATCH_CHARS = 20_000

# Below this share of English stop words among the words, the text is probably not English.
MIN_ENGLISH_STOPWORD_SHARE = 0.15
MIN_WORDS_FOR_LANGUAGE_CHECK = 40


@dataclass(frozen=True)
class ArticleInput:
    """One article to process, as read from a file, a `.jsonl` line or standard input."""

    text: str
    source: str | None = None
    id: str | None = None
    published: str | None = None  # ISO date carried by the input itself
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()


def split_into_pieces(text: str, limit: int) -> list[str]:
    """`text` cut into consecutive pieces of at most `limit` characters.

    Cuts fall at a paragraph break, else a line break, else a space, so that sentences are rarely
    split; joined back, the pieces are `text` exactly.
    """
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = limit
        for separator in ("\n\n", "\n", " "):
            found = window.rfind(separator)
            if found > limit // 2:
                cut = found + len(separator)
                break
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def batches_by_chars(
    pieces: Iterable[tuple[str, int]], most: int, chars: int
) -> Iterator[list[tuple[str, int]]]:
    """Consecutive (text, tag) pairs gathered while a batch holds fewer than `most` texts and
    fewer than `chars` characters."""
    batch: list[tuple[str, int]] = []
    size = 0
    for piece in pieces:
        if batch and (len(batch) >= most or size + len(piece[0]) > chars):
            yield batch
            batch, size = [], 0
        batch.append(piece)
        size += len(piece[0])
    if batch:
        yield batch


@dataclass
class _PendingArticle:
    """An article whose pieces are still going through the pipeline, and the facts of those
    that came back, their offsets already moved to the whole text."""

    item: ArticleInput
    ranges: list[Boilerplate]
    piece_starts: list[int]
    parts: list[Article] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return len(self.parts) == len(self.piece_starts)


class Extractor:
    """Holds the pipeline; turns texts into `Article`s, one at a time or streamed."""

    def __init__(
        self,
        model: str | None = None,
        *,
        published: date | None = None,
        keep_boilerplate: bool = False,
        batch_size: int = 16,
        nlp: Language | None = None,
    ):
        self.nlp = nlp or build_pipeline(find_model(model))
        self.default_published = published
        self.keep_boilerplate = keep_boilerplate
        self.batch_size = batch_size
        self.piece_chars = min(PIECE_CHARS, self.nlp.max_length)

    def extract_text(
        self, text: str, published: str | date | None = None, **metadata: str | None
    ) -> Article:
        """The facts of one article text."""
        if isinstance(published, date):
            published = published.isoformat()
        item = ArticleInput(text=text, published=published, **metadata)
        return next(self.pipe([item]))

    def pipe(self, items: Iterable[ArticleInput | str]) -> Iterator[Article]:
        """Articles for `items` (inputs or plain texts), in order, streamed through `nlp.pipe`."""
        pending: dict[int, _PendingArticle] = {}

        def pieces() -> Iterator[tuple[str, int]]:
            for number, item in enumerate(items):
                if isinstance(item, str):
                    item = ArticleInput(text=item)
                ranges = [] if self.keep_boilerplate else boilerplate.find_boilerplate(item.text)
                parts = split_into_pieces(boilerplate.mask(item.text, ranges), self.piece_chars)
                starts = list(accumulate((len(part) for part in parts[:-1]), initial=0))
                pending[number] = _PendingArticle(item, ranges, starts)
                for part in parts:
                    yield part, number

        for doc, number in self._parsed(pieces()):
            article = pending[number]
            # Later pieces resolve their dates against the date the first one found.
            given = article.parts[0].published if article.parts else self._given(article.item)
            offset = article.piece_starts[len(article.parts)]
            article.parts.append(shifted(self._facts(doc, given), offset))
            if article.complete:
                del pending[number]
                yield _assembled(article)

    def _parsed(self, pieces: Iterable[tuple[str, int]]) -> Iterator[tuple[Doc, int]]:
        """`nlp.pipe` over batches of at most `batch_size` pieces and about `BATCH_CHARS`
        characters: spaCy's peak memory follows the characters of a batch, not its count."""
        for batch in batches_by_chars(pieces, self.batch_size, BATCH_CHARS):
            yield from self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch))

    def _facts(self, doc: Doc, given: Published | None) -> Article:
        """The facts of one text or piece of text, offsets relative to it."""
        published, date_mentions = dates.find_dates(doc, given)
        found_places = places.find_places(doc)
        found_quotes, speakers = quotes.find_quotes(doc)
        return Article(
            source=None,
            id=None,
            published=published,
            quotes=tuple(found_quotes),
            speakers=tuple(speakers),
            dates=tuple(date_mentions),
            percentages=tuple(percentages.find_percentages(doc, found_places)),
            places=tuple(found_places),
            warnings=language_warnings(doc),
        )

    def _given(self, item: ArticleInput) -> Published | None:
        if item.published:
            return Published(value=item.published, origin="input")
        if self.default_published:
            return Published(value=self.default_published.isoformat(), origin="option")
        return None


def _assembled(article: _PendingArticle) -> Article:
    """The article's own record from the facts of its pieces (one piece but for huge texts)."""
    parts, item = article.parts, article.item
    return Article(
        source=item.source,
        id=item.id,
        published=parts[0].published,
        quotes=tuple(quote for part in parts for quote in part.quotes),
        speakers=_merged_speakers([s for part in parts for s in part.speakers]),
        dates=tuple(mention for part in parts for mention in part.dates),
        percentages=tuple(figure for part in parts for figure in part.percentages),
        places=_merged_places([place for part in parts for place in part.places]),
        boilerplate=tuple(article.ranges),
        encoding=item.encoding,
        warnings=item.warnings + tuple(dict.fromkeys(w for part in parts for w in part.warnings)),
    )


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
        key = (place.name, place.country_code, place.type)
        seen = by_place.get(key)
        by_place[key] = (
            place if seen is None else replace(seen, mentions=seen.mentions + place.mentions)
        )
    return tuple(sorted(by_place.values(), key=lambda place: -len(place.mentions)))


def language_warnings(doc: Doc) -> tuple[str, ...]:
    """A warning when the text does not read as English, whose rules the tool applies."""
    # One array read instead of a Python object per token: this runs on every text.
    alpha, stop = doc.to_array([IS_ALPHA, IS_STOP]).T.astype(bool)
    words = int(alpha.sum())
    if words < MIN_WORDS_FOR_LANGUAGE_CHECK:
        return ()
    if (alpha & stop).sum() / words >= MIN_ENGLISH_STOPWORD_SHARE:
        return ()
    return ("text does not look like English; facts may be missing",)
