"""Date mentions normalised to ISO 8601, resolved against the publication date.

Mentions come from the date patterns of `patterns/dates.jsonl` (a Matcher, and a PhraseMatcher for
the patterns that are only words) and from spaCy's DATE entities. Each mention is read alone, never
the whole text (dateparser reads "87.05%" as a date): calendar words ('Sept. 28, 2023') directly,
anything else ('last week') with dateparser against a fixed reference day, then moved to the
publication date, so that a text is read once per process. The publication date is the one
given, else a header date near the top of the text, else the date that the article's weekday+date
pairs fit. Periods (seasons, quarters, decades) take TIMEX3-style values (`date_periods.py`); a
time of day joins the day written next to it and is never a date of its own.

The parts: `date_rules.py` (the compiled patterns), `date_reading.py` (one text read as a day),
`date_direction.py` (which way a year-less date points), `date_published.py` (the publication
date in the text), `date_periods.py`; this module finds the mentions and gives them values.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import Any

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from .date_direction import direction, weekday_near, year_near
from .date_periods import PERIOD_LABELS, period_before, period_value
from .date_published import inferred_published, published_in_text
from .date_reading import iso, iso_date, moved_to, parse, with_year
from .date_rules import Candidate, DateRules, date_rules, has, is_full_date, parse_text
from .doc_text import doc_text, paragraph_number
from .facts import DateMention, Published, Span

YEAR_SHIFTS = {"last": -1, "this": 0, "next": 1}
# Mentions with a calendar value of their own; the other labels are dated from these.
CALENDAR_LABELS = ("DATE", "HOLIDAY")
PERIOD_UNITS = ("year", "month", "week")


def find_dates(doc: Doc, published: Published | None) -> tuple[Published | None, list[DateMention]]:
    """The article's publication date (the one given, else found or inferred) and its dates."""
    rules = date_rules(doc.vocab)
    candidates = _candidates(doc, rules)
    if published is None:
        published = published_in_text(doc, candidates, rules) or inferred_published(
            candidates, rules
        )
    anchor = iso_date(published.value) if published else None
    return published, _resolve(candidates, anchor, rules)


def _candidates(doc: Doc, rules: DateRules) -> list[Candidate]:
    """Pattern matches (longest first), then the date entities no pattern covers, in text order."""
    spans, entries = [], {}
    for match_id, start, end in [*rules.matcher(doc), *rules.phrase_matcher(doc)]:
        entry = rules.pattern_info[match_id]
        if not _has_cue_before(doc, start, entry, rules):
            continue
        start += entry.get("context_before", 0)
        following = doc[end] if end < len(doc) else None
        following_word = following.lower_ if following is not None else ""
        if (
            following_word in entry.get("not_followed_by", ())
            or following_word in rules.words["PERCENT"]
        ):
            continue
        if entry.get("ends_clause") and following is not None and not following.is_punct:
            continue  # "the day before the vote" counts from the vote
        span = SpacySpan(doc, start, end, label=entry["label"])
        if _is_false_year(span, rules) or _is_named_weekday(span, rules):
            continue
        spans.append(span)
        entries[(start, end, entry["label"])] = entry
    spans = filter_spans(spans)
    covered = [(span.start, span.end) for span in spans]
    for entity in doc.ents:
        if entity.label_ != "DATE":
            continue
        for piece in _entity_pieces(entity, rules):
            overlaps = any(piece.start < end and start < piece.end for start, end in covered)
            if not overlaps and _period_of_the_year(piece, rules):
                spans.append(SpacySpan(doc, piece.start, piece.end, label="DATE"))
    return [
        Candidate(span, span.label_, entries.get((span.start, span.end, span.label_), {}))
        for span in sorted(spans, key=lambda span: span.start)
    ]


def _has_cue_before(doc: Doc, start: int, entry: dict[str, Any], rules: DateRules) -> bool:
    """Whether the word before a match is the cue its pattern needs ('in May', 'since 2004').

    The cue is tested here, on the few matches, rather than in the pattern: the Matcher tests a
    pattern's first token at every token of the text, and a word list there costs a Python call.
    """
    cue = entry.get("preceded_by")
    if cue is None:
        return True
    if start == 0 or not rules.is_(cue, doc[start - 1]):
        return False
    return not entry.get("colon") or ":" in doc[start].text


def _entity_pieces(entity: SpacySpan, rules: DateRules) -> list[SpacySpan]:
    """The entity cut at line breaks, each piece without leading/trailing prepositions."""
    pieces, start = [], entity.start
    doc = entity.doc
    for i in range(entity.start, entity.end + 1):
        if i == entity.end or doc[i].is_space:
            piece = doc[start:i]
            while len(piece) and (piece[0].lower_ in rules.words["TRIM"] or piece[0].is_punct):
                piece = piece[1:]
            while len(piece) and (piece[-1].lower_ in rules.words["TRIM"] or piece[-1].is_punct):
                piece = piece[:-1]
            if len(piece):
                pieces.append(piece)
            start = i + 1
    return pieces


def _period_of_the_year(span: SpacySpan, rules: DateRules) -> bool:
    """'the beginning of the year': an edge of the current year, month or week."""
    words = [token.lower_ for token in span]
    return (
        len(words) == 5
        and words[0] == "the"
        and words[1] in rules.words["PERIOD_EDGE"]
        and words[2:4] == ["of", "the"]
        and words[4] in ("year", "month", "week")
    )


def _is_false_year(span: SpacySpan, rules: DateRules) -> bool:
    """A lone four-digit number that names or counts something: 'Russell 2000 Index', '2000 troops'.

    A year after a name stays a year when no name follows it ('WWDC 2005').
    """
    if len(span) != 1 or not rules.is_("YEAR", span[0]):
        return False
    doc, token = span.doc, span[0]
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if before is not None and before.is_currency:
        return True
    if after is not None and after.tag_ == "NNS":
        return True
    named_before = (
        before is not None
        and before.pos_ == "PROPN"
        and not before.is_sent_start
        and not rules.is_("MONTH", before)
    )
    return named_before and after is not None and after.pos_ in ("PROPN", "NOUN")


def _is_named_weekday(span: SpacySpan, rules: DateRules) -> bool:
    """A weekday inside a name: 'Black Monday', 'Super Tuesday'."""
    if not rules.is_("WEEKDAY", span[0]) or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return before.is_title and before.lower_ in rules.words["WEEKDAY_NAME_PREFIX"]


def _resolve(
    candidates: list[Candidate], anchor: date | None, rules: DateRules
) -> list[DateMention]:
    """Each candidate with its value; dates first, then what is dated from them."""
    values: dict[int, tuple[str | None, str]] = {}  # candidate index -> (value, precision)
    for number, candidate in enumerate(candidates):
        label, span = candidate.label, candidate.span
        if label == "DATE":
            try:
                resolved = _date_value(span, anchor, rules)
            except (ValueError, OverflowError):  # outside the calendar: '2500 years ago'
                resolved = None, "unknown"
            if resolved is not None:
                values[number] = resolved
        elif label == "HOLIDAY":
            values[number] = _holiday_value(candidate, anchor, rules)
        elif label in PERIOD_LABELS:
            values[number] = period_value(span, label, anchor), label.lower()
    for number, candidate in enumerate(candidates):
        if candidate.label not in (*CALENDAR_LABELS, *PERIOD_LABELS, "CLOCK"):
            values[number] = _context_value(number, candidates, values, anchor, rules)
    joined = _clock_joins(candidates, values, rules)
    mentions = []
    for number, candidate in enumerate(candidates):
        if number not in values:  # a time of day is never a date of its own
            continue
        value, span = values[number][0], candidate.span
        if value or candidate.label in CALENDAR_LABELS:
            start, end = joined.get(number, (span.start_char, span.end_char))
            text = doc_text(span.doc)[start:end]
            mentions.append(DateMention(text, start, end, value, _sentence_of(span)))
    return mentions


def _clock_joins(
    candidates: list[Candidate], values: dict[int, tuple[str | None, str]], rules: DateRules
) -> dict[int, tuple[int, int]]:
    """The character ranges of days that a time of day joins: '0100 GMT on Wednesday',
    'Saturday, May 18 at 6:38 p.m.' (a time written apart from a day is left out)."""
    joined: dict[int, tuple[int, int]] = {}
    for number, candidate in enumerate(candidates):
        if candidate.label != "CLOCK":
            continue
        for other in (number - 1, number + 1):
            if other not in values or values[other][1] != "day":
                continue
            day = candidates[other].span
            first, second = sorted((candidate.span, day), key=lambda span: span.start)
            gap = first.doc[first.end : second.start]
            if first.sent == second.sent and all(
                token.lower_ in rules.words["CLOCK_JOIN"] for token in gap
            ):
                start, end = joined.get(other, (day.start_char, day.end_char))
                span = candidate.span
                joined[other] = (min(start, span.start_char), max(end, span.end_char))
                break
    return joined


def _sentence_of(span: SpacySpan) -> Span:
    """The sentence a mention sits in, without the white space around it: blanked boilerplate
    joins that white space, and the sentence's text must be the article's own."""
    sentence = span.sent
    text = sentence.text
    start = sentence.start_char + len(text) - len(text.lstrip())
    return Span(text.strip(), start, start + len(text.strip()))


def _date_value(
    span: SpacySpan, anchor: date | None, rules: DateRules
) -> tuple[str | None, str] | None:
    """(ISO value, precision) of a date mention, value None without an anchor or outside the
    calendar ('2500 years ago'); None if no date."""
    try:
        return _calendar_value(span, anchor, rules)
    except (ValueError, OverflowError):
        return None, "unknown"


def _calendar_value(
    span: SpacySpan, anchor: date | None, rules: DateRules
) -> tuple[str | None, str] | None:
    written_year = is_full_date(span, rules) or has(span, rules, "YEAR")
    if anchor is None and not written_year:
        return None, "unknown"
    weekday_only = has(span, rules, "WEEKDAY") and not has(span, rules, "MONTH")
    year_shift = _year_shift(span, rules)
    yearless = has(span, rules, "MONTH") and not written_year and year_shift is None
    relative = not (written_year or weekday_only or has(span, rules, "MONTH")) and any(
        has(span, rules, name) for name in ("DEICTIC", "SHIFT", "UNITS")
    )
    parsed = parse(parse_text(span, rules))
    if parsed is None:
        return None
    day, precision = parsed
    if anchor is None:
        if year_shift is not None or weekday_only:  # 'June 2020 of next year' needs it too
            return None, "unknown"
    elif relative:
        day = moved_to(anchor, day, precision)
    elif year_shift is not None:
        day = with_year(day, anchor.year + year_shift) or day
    elif weekday_only:
        day = weekday_near(day.weekday(), anchor, direction(span, rules), span[0].lower_)
    elif yearless:
        on_year = partial(with_year, day)
        day = year_near(on_year, anchor, direction(span, rules), precision, span[0].lower_)
    if precision == "week" and any(token.lower_ == "ago" for token in span):
        precision = "day"  # "a week ago" is a day
    return iso(day, precision), precision


def _context_value(
    number: int,
    candidates: list[Candidate],
    values: dict[int, tuple[str | None, str]],
    anchor: date | None,
    rules: DateRules,
) -> tuple[str | None, str]:
    """The value of 'the same day', 'the day before', 'the previous year' or 'the same month a
    year ago', from context."""
    candidate = candidates[number]
    earlier = [  # the dates written before it; times and 'the day' are no context
        (value, precision)
        for i, (value, precision) in sorted(values.items())
        if i < number and candidates[i].label in CALENDAR_LABELS and value
    ]
    if candidate.label == "PERIOD_BEFORE":
        paragraph = paragraph_number(candidate.span)
        in_focus = [
            (value, precision)
            for i, (value, precision) in sorted(values.items())
            if i < number
            and candidates[i].label in CALENDAR_LABELS
            and value
            and paragraph_number(candidates[i].span) == paragraph
        ]
        unit = next(token.lower_ for token in candidate.span if token.lower_ in PERIOD_UNITS)
        return period_before(unit, in_focus[-1] if in_focus else None, anchor)
    if candidate.label in ("SAME_DAY", "DAY_OFFSET"):
        days = [value for value in earlier if value[1] == "day"]
        day = iso_date(days[-1][0]) if days else anchor
        if day is None:
            return None, "day"
        if candidate.label == "DAY_OFFSET":
            day += timedelta(days=candidate.entry["days"] * _day_count(candidate, rules))
        return day.isoformat(), "day"
    # YEAR_EARLIER: the period of the previous date, a year before.
    if not earlier:
        return None, "unknown"
    value, precision = earlier[-1]
    unit = candidate.span[2].lower_
    if unit == "month" and precision == "day":
        value, precision = value[:7], "month"
    return f"{int(value[:4]) - 1:04d}{value[4:]}", precision


def _day_count(candidate: Candidate, rules: DateRules) -> int:
    """How many days 'two days later' counts; 'the next day' counts one."""
    if not candidate.entry.get("counted"):
        return 1
    count = candidate.span[0].lower_
    return int(count) if count.isdigit() else rules.numbers[count]


def _holiday_value(
    candidate: Candidate, anchor: date | None, rules: DateRules
) -> tuple[str | None, str]:
    """A holiday's day in the year nearest the anchor, in the direction of the tense."""
    if anchor is None:
        return None, "day"
    entry = candidate.entry
    span = candidate.span
    on_year = partial(
        _holiday_on, entry["month"], entry.get("day"), entry.get("weekday"), entry.get("nth")
    )
    day = year_near(on_year, anchor, direction(span, rules), "day", span[0].lower_)
    return day.isoformat(), "day"


def _holiday_on(
    month: int, day: int | None, weekday: int | None, nth: int | None, year: int
) -> date:
    """A fixed day of the month, or the nth (-1: last) given weekday of the month, in `year`."""
    if day is not None:
        return date(year, month, day)
    assert weekday is not None and nth is not None  # a holiday row without a day has both
    first = date(year, month, 1)
    if nth > 0:
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _year_shift(span: SpacySpan, rules: DateRules) -> int | None:
    """-1 for 'February last year', 0 for 'June this year', 1 for 'October of next year'."""
    if not has(span, rules, "MONTH"):
        return None
    doc = span.doc
    if len(span) >= 3 and span[-1].lower_ == "year":
        return YEAR_SHIFTS.get(span[-2].lower_)
    after = [token.lower_ for token in doc[span.end : span.end + 3]]
    if len(after) == 3 and after[0] == "of" and after[2] == "year":
        return YEAR_SHIFTS.get(after[1])
    return None
