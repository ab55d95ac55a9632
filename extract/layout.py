"""The layout of an article text: lines, paragraphs, blocks, and the headline, byline, dateline
and lede. One model that the cleaner reads, and other readers can.

- A *line* is a non-blank line, offsets of its stripped content.
- A *paragraph* is a run of lines between blank lines.
- A *block* is the unit the cleaner classifies: a line, or, for a line too long to be one
  paragraph (text stored without line breaks), each sentence of it.
- `sentences(block)` cuts a block into sentences, so that a phrase match marks only its sentence.

Nothing here changes the text: every offset points into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from .patterns import load_patterns

# A word; in scripts written without spaces (Chinese, Japanese), each character counts as one.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
WORD = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])[^\W\d_])(?:(?![{_CJK}])[\w'’-])*")
# A text ends a sentence: final . ! ? … possibly inside closing quotes or brackets.
SENTENCE_END = re.compile(r"[.!?…。！？][\"”’'»)\]」』]*\s*$")
# A sentence ends at . ! ? … (and closing quotes), before a space and an opening capital, digit
# or quote mark.
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’'»)\]]*\s+(?=(?:[-–—•]\s+)?[\"“‘'«(\[]?[A-Z0-9])")
_LAST_WORD = re.compile(r"(\S+)$")
# Lines longer than this are not one paragraph: a whole article stored on one line.
LONG_LINE_CHARS = 1200
# A dateline opens the first paragraph: "KYIV, Ukraine (AP) —", "LONDON (Reuters) -".
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][\w.'’-]*){0,4}\s*(?:\([\w .]{2,30}\))?\s*[—–-]{1,2}\s)"
)
_BYLINE = re.compile(r"^(?:By|BY|by)\s+[A-Z][\w.'’-]+")
# A headline, a link or a menu entry has at most this many words; a prose block at least these.
HEADLINE_MAX_WORDS = 20
PROSE_MIN_WORDS = 8
PROSE_MIN_STOP_SHARE = 0.25
# A block this long is prose even without a final full stop (it ends with an emoji, a link).
_UNPUNCTUATED_PROSE_MIN_WORDS = 25
# Characters that show nothing, white space and zero-width alike: a line of them is blank.
_BLANK = (
    "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace()) + "\u200b\u200c\u200d\u2060\ufeff"
)
_LEDE_MIN_WORDS = 12


@dataclass(frozen=True)
class Block:
    """A line, or a run of sentences of a long line; offsets of its stripped content."""

    start: int
    end: int
    text: str
    after_blank: bool  # a blank line (a paragraph break) comes before it
    line: int  # index of the line it is (part of)

    @cached_property
    def words(self) -> list[str]:
        return WORD.findall(self.text)

    @cached_property
    def stop_share(self) -> float:
        """The share of stop words among the words: high in prose, low in menus and lists."""
        words = self.words
        return sum(word.lower() in STOP_WORDS for word in words) / len(words) if words else 0.0

    @property
    def ends_sentence(self) -> bool:
        return bool(SENTENCE_END.search(self.text))


@dataclass(frozen=True)
class Paragraph:
    """Lines between blank lines: indexes of its first and last line, and its offsets."""

    first: int
    last: int
    start: int
    end: int


class Layout:
    """Lines, paragraphs and blocks of one text, with its headline, byline, dateline and lede."""

    def __init__(self, text: str):
        self.text = text
        self.lines: tuple[Block, ...] = tuple(_lines(text))

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        blocks: list[Block] = []
        for line in self.lines:
            blocks.extend(sentences(line) if len(line.text) > LONG_LINE_CHARS else [line])
        return tuple(blocks)

    @cached_property
    def unbroken_lines(self) -> frozenset[int]:
        """Indexes of the lines that stand for text stored without line breaks: a line too long
        to be a paragraph, or the only line of the text."""
        if len(self.lines) == 1:
            return frozenset({0})
        return frozenset(i for i, line in enumerate(self.lines) if len(line.text) > LONG_LINE_CHARS)

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        paragraphs: list[Paragraph] = []
        for index, line in enumerate(self.lines):
            if paragraphs and not line.after_blank:
                last = paragraphs[-1]
                paragraphs[-1] = Paragraph(last.first, index, last.start, line.end)
            else:
                paragraphs.append(Paragraph(index, index, line.start, line.end))
        return tuple(paragraphs)

    @cached_property
    def lede(self) -> Block | None:
        """The first block that is a paragraph of prose: where the article body begins."""
        return next((block for block in self.blocks if is_prose(block, _LEDE_MIN_WORDS)), None)

    @cached_property
    def headline(self) -> Block | None:
        """The last short line without final punctuation above the lede, bylines aside."""
        above = [b for b in self.blocks if self.lede is None or b.start < self.lede.start]
        return next(
            (b for b in reversed(above) if is_headline(b) and not _BYLINE.match(b.text)), None
        )

    @cached_property
    def byline(self) -> Block | None:
        """A "By Name" line above the lede or at its start."""
        limit = self.lede.end if self.lede else len(self.text)
        return next((b for b in self.blocks if b.start < limit and _BYLINE.match(b.text)), None)

    @cached_property
    def dateline(self) -> tuple[int, int] | None:
        """Offsets of the lede's opening "CITY (Agency) —", if it has one."""
        if self.lede is None:
            return None
        match = _DATELINE.match(self.lede.text)
        return (self.lede.start, self.lede.start + match.end()) if match else None


@lru_cache(maxsize=8)
def layout_of(text: str) -> Layout:
    """The layout of `text`, built once for the last texts read (every reader may ask)."""
    return Layout(text)


def is_headline(block: Block) -> bool:
    """A short line that does not end a sentence."""
    return 0 < len(block.words) <= HEADLINE_MAX_WORDS and not block.ends_sentence


def is_prose(block: Block, min_words: int = PROSE_MIN_WORDS, english: bool = True) -> bool:
    """A block of sentences: long enough, ends one, and reads as running text (in English, many
    stop words; in another language the length and the punctuation must do)."""
    return (
        len(block.words) >= min_words
        and (block.ends_sentence or len(block.words) >= _UNPUNCTUATED_PROSE_MIN_WORDS)
        and (not english or block.stop_share >= PROSE_MIN_STOP_SHARE)
    )


def sentences(block: Block) -> list[Block]:
    """The sentences of `block`, each with its own offsets."""
    found: list[Block] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(block.text):
        if _is_abbreviation(block.text[start : match.start() + 1]):
            continue
        end = match.end() - len(match.group()) + len(match.group().rstrip())
        found.append(_part(block, start, end, after_blank=not found and block.after_blank))
        start = match.end()
    if start < len(block.text):
        found.append(
            _part(block, start, len(block.text), after_blank=not found and block.after_blank)
        )
    return found


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(
        next(r["words"] for r in load_patterns("layout") if r["kind"] == "abbreviations")
    )


def _is_abbreviation(text: str) -> bool:
    """True when `text` ends with an abbreviation's full stop ("Mr.", "Sep.", "U.S.", "J.")."""
    match = _LAST_WORD.search(text)
    if not match:
        return False
    word = match.group(1).lstrip("\"“‘'(")
    return word.lower() in _abbreviations() or bool(re.fullmatch(r"(?:[A-Z]\.)+", word))


def _part(block: Block, start: int, end: int, after_blank: bool) -> Block:
    return Block(
        block.start + start, block.start + end, block.text[start:end], after_blank, block.line
    )


def _lines(text: str) -> list[Block]:
    """The non-blank lines of `text`, with offsets of their stripped content."""
    lines: list[Block] = []
    after_blank = False
    for match in re.finditer(r"[^\n]*", text):
        content = match.group()
        stripped = content.strip(_BLANK)
        if stripped:
            start = match.start() + len(content) - len(content.lstrip(_BLANK))
            lines.append(Block(start, start + len(stripped), stripped, after_blank, len(lines)))
            after_blank = False
        elif match.start() > 0 and text[match.start() - 1] == "\n":
            after_blank = True
    return lines
