"""From article text to an `Article`: cleaning, the spaCy pipeline, and each extraction step."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from . import boilerplate, dates, percentages, places, quotes
from .facts import Article, Boilerplate, Published
from .pipeline import build_pipeline, find_model

# Texts are parsed in pieces of at most this many characters: spaCy's memory grows with the
# length of a text, and its `max_length` rejects long ones outright.
PIECE_CHARS = 100_000

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


@dataclass
class _PendingArticle:
    """An article whose pieces are still going through the pipeline."""

    item: ArticleInput
    ranges: list[Boilerplate]
    piece_count: int
    docs: list[Doc] = field(default_factory=list)

    def whole_doc(self) -> Doc:
        if len(self.docs) == 1:
            return self.docs[0]
        return Doc.from_docs(self.docs, ensure_whitespace=False)


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
                pending[number] = _PendingArticle(item, ranges, len(parts))
                for part in parts:
                    yield part, number

        for doc, number in self.nlp.pipe(pieces(), as_tuples=True, batch_size=self.batch_size):
            article = pending[number]
            article.docs.append(doc)
            if len(article.docs) == article.piece_count:
                del pending[number]
                yield self._article(article.item, article.whole_doc(), article.ranges)

    def _article(self, item: ArticleInput, doc: Doc, ranges: list[Boilerplate]) -> Article:
        given = self._given_published(item)
        published, date_mentions = dates.find_dates(doc, given)
        found_places = places.find_places(doc)
        found_quotes, speakers = quotes.find_quotes(doc)
        return Article(
            source=item.source,
            id=item.id,
            published=published,
            quotes=tuple(found_quotes),
            speakers=tuple(speakers),
            dates=tuple(date_mentions),
            percentages=tuple(percentages.find_percentages(doc, found_places)),
            places=tuple(found_places),
            boilerplate=tuple(ranges),
            encoding=item.encoding,
            warnings=item.warnings + language_warnings(doc),
        )

    def _given_published(self, item: ArticleInput) -> Published | None:
        if item.published:
            return Published(value=item.published, origin="input")
        if self.default_published:
            return Published(value=self.default_published.isoformat(), origin="option")
        return None


def language_warnings(doc: Doc) -> tuple[str, ...]:
    """A warning when the text does not read as English, whose rules the tool applies."""
    words = [token for token in doc if token.is_alpha]
    if len(words) < MIN_WORDS_FOR_LANGUAGE_CHECK:
        return ()
    share = sum(token.is_stop for token in words) / len(words)
    if share >= MIN_ENGLISH_STOPWORD_SHARE:
        return ()
    return ("text does not look like English; facts may be missing",)
