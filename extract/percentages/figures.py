"""Finding the figures: the matches of `patterns/percentages.jsonl`, one per number, with the
sentence each one is read in and its value."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..doc_text import doc_text
from ..patterns import load_patterns

if TYPE_CHECKING:
    from .frames import Cue

# How far after a figure its own phrase reaches: "100% of the expected votes tallied".
OWN_PHRASE_TOKENS = 6

_DIGITS = re.compile(r"[-+]?\d(?:[\d,.]*\d)?")
# A comma groups thousands only before exactly three digits: "1,234" and "1,234.5", not "87,05".
_GROUPED = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# "1.234,5": dots group, the comma is the decimal mark.
_DOT_GROUPED = re.compile(r"[-+]?\d{1,3}(?:\.\d{3})+,\d+")
_POINTS = re.compile(r"\bpoints?\b", re.IGNORECASE)
# A share above this is no percentage unless it says how much something moved: "up 250%".
MAX_SHARE = 100

_RANGE_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?%?")


@dataclass
class Figure:
    """A percentage found in the text, before it is bound to what it measures."""

    start: int  # character offsets
    end: int
    first: int  # token range [first, last)
    last: int
    value: float | None
    form: str  # number | range | points | fraction
    unit: str  # percent | points
    sentence: Span
    kind: str | None = None
    kind_is_local: bool = False
    own_cues: list[Cue] = field(default_factory=list)  # the sentence's cues nearest to it
    subject: str | None = None
    subject_span: tuple[int, int] | None = None
    claimed_by: str | None = None
    claim_span: tuple[int, int] | None = None


@cache
def _number_words() -> dict[str, float]:
    return {entry["word"]: entry["value"] for entry in load_patterns("number_words")}


def find_figures(doc: Doc, matches: list[Span]) -> list[Figure]:
    """The figures of `doc` in text order: one per number, so a range gives two."""
    thresholds = [span for span in matches if span.label_ == "threshold"]
    figures = []
    for span in filter_spans([span for span in matches if span.label_ != "threshold"]):
        if span.label_ == "fraction":
            if any(t.start < span.end and span.start < t.end for t in thresholds):
                continue  # "a two-thirds majority": a requirement, not a reported figure
            figures.append(_fraction_figure(span))
        elif span.label_ == "range":
            figures.extend(_range_figures(doc, span))
        elif span.label_ == "points":
            figures.append(_points_figure(span))
        else:
            figures.append(_figure(doc, span.start_char, span.end_char, span, "number"))
    return sorted(figures, key=lambda f: f.start)


def _figure(doc: Doc, start: int, end: int, span: Span, form: str) -> Figure:
    tokens = doc.char_span(start, end, alignment_mode="expand")
    assert tokens is not None  # an expanded span of characters inside the text always exists
    return Figure(
        start=start,
        end=end,
        first=tokens.start,
        last=tokens.end,
        value=_value(doc_text(doc)[start:end]),
        form=form,
        unit="points" if _POINTS.search(doc_text(doc)[start:end]) else "percent",
        sentence=_sentence_in_paragraph(span),
    )


def _sentence_in_paragraph(span: Span) -> Span:
    """The sentence of `span`, cut at line breaks: raw text often runs headings into sentences."""
    doc = span.doc
    sentence = span.sent
    begin, finish = paragraph_bounds(doc, span.start_char, span.end_char)
    paragraph = doc.char_span(begin, finish, alignment_mode="contract")
    if paragraph is None:
        return sentence
    return doc[max(sentence.start, paragraph.start) : min(sentence.end, paragraph.end)]


def _fraction_figure(span: Span) -> Figure:
    """ "nearly two-thirds" keeps its hedge; a partitive "of" is not part of the figure."""
    words = [token.lower_ for token in span]
    last = span.start + words.index("of") if "of" in words else span.end
    figure = _figure(
        span.doc,
        span.start_char,
        span.doc[last - 1].idx + len(span.doc[last - 1]),
        span,
        "fraction",
    )
    figure.value = None
    return figure


def _points_figure(span: Span) -> Figure:
    """ "up 3 points" is the number and its unit; "a 5-point lead" is "5-point"."""
    first = next(token for token in span if token.like_num)
    last = next(token for token in reversed(span) if token.lower_ in ("point", "points"))
    return _figure(span.doc, first.idx, last.idx + len(last), span, "points")


def _range_figures(doc: Doc, span: Span) -> list[Figure]:
    """ "between 40% and 45%", "40-45%", "52%-48%": the first number alone, then the rest."""
    numbers = list(_RANGE_NUMBER.finditer(span.text))
    first, second = numbers[0], numbers[1]
    base = span.start_char
    return [
        _figure(doc, base + first.start(), base + first.end(), span, "range"),
        _figure(doc, base + second.start(), span.end_char, span, "range"),
    ]


def _value(text: str) -> float | None:
    """87.05 for "87.05%", 52 for "Fifty-two percent", 0.5 for "half a percent"."""
    digits = _DIGITS.search(text)
    if digits:
        return number_value(digits.group())
    words = _number_words()
    total = None
    for word in re.split(r"[\s-]+", text.lower()):
        value = words.get(word)
        if value is None:
            continue
        # "one hundred" multiplies, "fifty-two" adds
        total = (total or 1) * 100 if value == 100 else (total or 0) + value
    return total


def drop_impossible_values(figures: list[Figure]) -> None:
    """A share above 100% is no share ("1,234%" misread, or a typo): no value, and a warning
    from `value_warnings`; a change may exceed it ("up 250%")."""
    for figure in figures:
        if figure.value is not None and figure.value > MAX_SHARE and figure.kind != "change":
            figure.value = None


def value_warnings(text: str, spans: list[tuple[int, int, float | None]]) -> tuple[str, ...]:
    """One warning per figure left without a value because it read above 100%."""
    warnings = []
    for start, end, value in spans:
        read = _value(text[start:end]) if value is None else None
        if read is not None and read > MAX_SHARE:
            warnings.append(
                f"percentage {text[start:end]!r} reads above {MAX_SHARE} and is no change; "
                "its value is left out"
            )
    return tuple(warnings)


def number_value(digits: str) -> float | None:
    """1234.5 for "1,234.5", 87.05 for "87,05" (a decimal comma), 1234.5 for "1.234,5"."""
    if _GROUPED.fullmatch(digits):
        digits = digits.replace(",", "")
    elif _DOT_GROUPED.fullmatch(digits):
        digits = digits.replace(".", "").replace(",", ".")
    else:
        digits = digits.replace(",", ".", 1).replace(",", "")
    try:
        return float(digits)
    except ValueError:  # "1.2.3": a version or a date, no number
        return None


def paragraph_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character range of the line (paragraph) holding [start, end)."""
    text = doc_text(doc)
    begin = text.rfind("\n", 0, start) + 1
    finish = text.find("\n", end)
    return begin, len(text) if finish < 0 else finish
