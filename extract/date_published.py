"""The publication date an article's text gives: a header date near the top, else the date
that its weekday+date pairs fit."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from .date_reading import WEEKDAY_PREFIXES, parse, with_year
from .date_rules import Candidate, DateRules, has, is_full_date, parse_text
from .facts import Published

# A publication date written in the text stands in its first characters: on a short line of its
# own, after a cue word ("Published:"), or followed by the time of day.
HEADER_ZONE_CHARS = 2000
HEADER_LINE_MAX_OTHER_WORDS = 6
HEADER_CUE_MAX_DISTANCE_WORDS = 4
# Year inference tries this many years back from today.
INFERENCE_YEARS = 100


def published_in_text(doc: Doc, candidates: list[Candidate], rules: DateRules) -> Published | None:
    """The header date: a full date near the top, on a short line, after a cue, or with a time."""
    found = []
    for number, candidate in enumerate(candidates):
        span = candidate.span
        if span.start_char >= HEADER_ZONE_CHARS:
            break
        if candidate.label != "DATE" or not is_full_date(span, rules):
            continue
        before = line_words(doc, span.start - 1, -1)
        after = line_words(doc, span.end, 1)
        cues = before[:HEADER_CUE_MAX_DISTANCE_WORDS]
        cued = any(word in rules.words["HEADER_CUE"] for word in cues)
        short_line = len(before) + len(after) <= HEADER_LINE_MAX_OTHER_WORDS
        following = candidates[number + 1] if number + 1 < len(candidates) else None
        timed = (
            following is not None
            and following.label == "CLOCK"
            and following.span.start_char - span.end_char <= 2
        )
        if cued or short_line or timed:
            updated = any(word in rules.words["UPDATED_CUE"] for word in cues)
            found.append((updated, span))
    for _, span in sorted(found, key=lambda item: (item[0], item[1].start)):
        parsed = parse(parse_text(span, rules))
        if parsed:
            return Published(
                parsed[0].isoformat(), "text", span.text, span.start_char, span.end_char
            )
    return None


def line_words(doc: Doc, start: int, step: int) -> list[str]:
    """The words from token `start` on, going by `step`, up to the line's end (a few suffice)."""
    words: list[str] = []
    i = start
    while 0 <= i < len(doc) and len(words) <= HEADER_LINE_MAX_OTHER_WORDS:
        token = doc[i]
        if "\n" in token.text:
            break
        if not (token.is_punct or token.is_space):
            words.append(token.lower_)
        i += step
    return words


def inferred_published(candidates: list[Candidate], rules: DateRules) -> Published | None:
    """The latest weekday+date pair, in the latest year not after today that fits every pair."""
    pairs = []
    for candidate in candidates:
        span = candidate.span
        weekday = next((token for token in span if rules.is_("WEEKDAY", token)), None)
        if weekday is None or not has(span, rules, "MONTH") or has(span, rules, "YEAR"):
            continue
        parsed = parse(parse_text(span, rules))
        if parsed and parsed[1] == "day":
            pairs.append((span, WEEKDAY_PREFIXES.index(weekday.lower_[:3]), parsed[0]))
    today = date.today()
    for year in range(today.year, today.year - INFERENCE_YEARS, -1):
        dated = [(span, with_year(day, year)) for span, _, day in pairs]
        if dated and all(
            day is not None and day <= today and day.weekday() == weekday
            for (_, day), (_, weekday, _) in zip(dated, pairs, strict=True)
        ):
            known = [(span, day) for span, day in dated if day is not None]  # all, as checked
            span, day = max(known, key=lambda item: item[1])
            return Published(day.isoformat(), "inferred", span.text, span.start_char, span.end_char)
    return None
