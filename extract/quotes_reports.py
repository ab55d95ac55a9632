"""Reports of what was said, and the speakers that quotes without an attribution inherit.

A quotation that no cue attributes takes the speaker of the statement it continues (the other
paragraphs of a multi-paragraph quote, the quote before in the same or the previous paragraph)
or of the statement it repeats (a headline quoting words the body attributes); a fragment, a
title or a slogan is no statement.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

from spacy.tokens import Span as TokenSpan

from .quotes_marks import Marked

# A quote no cue attributes is a statement only when it is this long (shorter ones are titles
# or scare quotes), or starts a sentence and has at least MIN_WORDS_SENTENCE_QUOTE words.
MIN_WORDS_LOOSE_QUOTE = 8
MIN_WORDS_SENTENCE_QUOTE = 3
# Title Case: at least this share of the content words capitalised; small words do not count.
TITLE_SHARE = 0.75
TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "on", "in", "to", "for", "and", "or", "at", "by", "with", "from"}
)


@dataclass(frozen=True)
class Report:
    """What one attribution says: a span of the text, its kind, and who said it."""

    start: int
    end: int
    kind: str
    speaker: TokenSpan | None
    cue: TokenSpan | None
    marked: tuple[Marked, ...] = ()


def _line_starts(text: str) -> list[int]:
    """Start offsets of the non-blank lines of `text`."""
    starts = []
    position = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            starts.append(position)
        position += len(line)
    return starts


def _is_statement(text: str, m: Marked) -> bool:
    """A quotation nobody is cited for is a statement when it reads like one, not a title, a
    slogan or a scare-quoted word: long, or a sentence of its own, and not in Title Case."""
    quoted = text[m.start : m.end].split()
    words = len(quoted)
    if _is_title_case(quoted):
        return False
    if words >= MIN_WORDS_LOOSE_QUOTE:
        return True
    preceding = text[: m.open_at].rstrip()
    return words >= MIN_WORDS_SENTENCE_QUOTE and (not preceding or preceding[-1] in ".!?:\n")


def _is_title_case(words: list[str]) -> bool:
    """ "Less Money on Testing, More Money on Students": most words capitalised, as in titles,
    signs and slogans, not sentences."""
    content = [w for w in words if w[:1].isalpha() and w.lower() not in TITLE_SMALL_WORDS]
    capitalised = [w for w in content if w[:1].isupper()]
    return len(content) >= MIN_WORDS_SENTENCE_QUOTE and len(capitalised) >= TITLE_SHARE * len(
        content
    )


def _normalised(text: str) -> str:
    return " ".join("".join(c for c in word if c.isalnum()) for word in text.lower().split())


def echo_speakers(text: str, reports: list[Report]) -> list[Report]:
    """A quotation in the headline (the first line) that nobody is cited for and that repeats
    words the body attributes takes that speaker: the headline quotes someone named below."""
    attributed = [(r, _normalised(text[r.start : r.end])) for r in reports if r.speaker]
    first_line_end = text.find("\n", len(text) - len(text.lstrip()))
    found = []
    for report in reports:
        in_headline = first_line_end == -1 or report.end <= first_line_end
        if report.speaker is None and report.kind == "direct" and in_headline:
            words = _normalised(text[report.start : report.end])
            long_enough = len(words.split()) >= MIN_WORDS_SENTENCE_QUOTE
            source = next(
                (r for r, said in attributed if long_enough and f" {words} " in f" {said} "),
                None,
            )
            if source is not None:
                report = replace(report, speaker=source.speaker)
        found.append(report)
    return found


def inherit_speakers(text: str, reports: list[Report]) -> list[Report]:
    """Unattributed quotations take the speaker of the statement they continue: the other
    paragraphs of a multi-paragraph quote (attribution in the first or the last), or the quote
    before in the same or the previous paragraph. Unattributed fragments are dropped."""
    lines = _line_starts(text)

    def line_of(position: int) -> int:
        return bisect_right(lines, position)

    # A multi-paragraph quote: each paragraph but the last never closes.
    for i in reversed(range(len(reports) - 1)):
        current, following = reports[i], reports[i + 1]
        if (
            current.speaker is None
            and following.speaker is not None
            and current.kind == "direct"
            and current.marked[0].close_end is None
            and line_of(following.start) - line_of(current.start) == 1
        ):
            reports[i] = replace(current, speaker=following.speaker)
    kept: list[Report] = []
    for report in echo_speakers(text, reports):
        if report.speaker is None and report.kind == "direct":
            previous = kept[-1] if kept else None
            if not _is_statement(text, report.marked[0]):
                continue
            if previous is not None and line_of(report.start) - line_of(previous.end) <= 1:
                report = replace(report, speaker=previous.speaker)
        kept.append(report)
    return kept


def drop_nested(reports: list[Report]) -> list[Report]:
    """One report per statement: a report whose cue lies inside another's span is the inner
    source of a nested attribution, and the outer source keeps the quotation; of two reports
    of the same words, the first found stays."""
    kept: list[Report] = []
    for report in reports:
        cue_at = report.cue.start_char if report.cue is not None else -1
        if any(o.start <= cue_at < o.end for o in reports if o is not report):
            continue
        if any(o.start < report.end and report.start < o.end for o in kept):
            continue
        kept.append(report)
    return kept
