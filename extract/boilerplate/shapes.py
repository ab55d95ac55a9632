"""What the furniture rules share: the shapes of lines (headline, credit, results line)."""

from __future__ import annotations

import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

from ..nlp.layout import HEADLINE_MAX_WORDS, WORD, Block

# A line that ends a sentence (final . ! ? … possibly inside closing quotes or brackets) or
# introduces what follows (final colon).
CLOSED_LINE = re.compile(r"([.!?…。！？][\"”’'»)\]」』]*|:)\s*$")
QUOTE_MARK = re.compile(r"[\"“”‘’«»]")
DIGIT = re.compile(r"\d")
# A list item marker: "- ", "• ", "* ". A bulleted line belongs to the article's own list.
BULLET = re.compile(r"^[-•*·▪–—]\s")
# A results line ("Kherson: 87.05%", "Yes 54 per cent") is content however list-like it looks.
_PERCENT = re.compile(r"\d\s*(%|per ?cent|percent)", re.IGNORECASE)
_CREDIT_MAX_WORDS = 3


def is_results_line(line: Block) -> bool:
    return len(line.words) <= HEADLINE_MAX_WORDS and bool(_PERCENT.search(line.text))


def is_headline_like(line: Block) -> bool:
    """A short line that does not end a sentence: a headline, a link or a menu entry."""
    return (
        0 < len(line.words) <= HEADLINE_MAX_WORDS
        and not CLOSED_LINE.search(line.text)
        and not is_results_line(line)
    )


def is_credit_like(line: Block) -> bool:
    """A photo credit between captions: "PA", "Getty Images"."""
    return (
        len(line.words) <= _CREDIT_MAX_WORDS
        and not CLOSED_LINE.search(line.text)
        and not DIGIT.search(line.text)
    )


def content_words(text: str) -> Counter[str]:
    """Lowercased words that carry the subject, counted: no stop words, no plural -s."""
    words: Counter[str] = Counter()
    for word in WORD.findall(text.lower()):
        word = word.replace("’", "'").removesuffix("'s")
        if len(word) >= 3 and word not in STOP_WORDS:
            words[word[:-1] if len(word) > 4 and word.endswith("s") else word] += 1
    return words


def normalised(line_text: str) -> str:
    return QUOTE_MARK.sub("'", " ".join(line_text.lower().split()))
