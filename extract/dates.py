"""Date mentions normalised to ISO 8601, resolved against the publication date.

Mentions come from the date patterns of `patterns/dates.jsonl` (a Matcher, and a PhraseMatcher for
the patterns that are only words) and from spaCy's DATE entities. Each mention is read alone, never
the whole text (dateparser reads "87.05%" as a date): calendar words ('Sept. 28, 2023') directly,
anything else ('last week') with dateparser against a fixed reference day, then moved to the
publication date, so that a text is read once per process. The publication date is the one
given, else a header date near the top of the text, else the date that the article's weekday+date
pairs fit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache, partial
from itertools import product
from typing import TYPE_CHECKING, Any

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .facts import DateMention, Published, Span
from .patterns import load_patterns

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

# A publication date written in the text stands in its first characters: on a short line of its
# own, after a cue word ("Published:"), or followed by the time of day.
HEADER_ZONE_CHARS = 2000
HEADER_LINE_MAX_OTHER_WORDS = 6
HEADER_CUE_MAX_DISTANCE_WORDS = 4
# Year inference tries this many years back from today.
INFERENCE_YEARS = 100

WEEKDAY_PREFIXES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MONTH_PREFIXES = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
YEAR_SHIFTS = {"last": -1, "this": 0, "next": 1}
CALENDAR_NUMBER = re.compile(r"([0-9]{1,4})(st|nd|rd|th)?")
# A dotted numeric date is day-first, as written in Europe ("02.09.2024" is 2 September);
# dateparser reads it month-first, like a US slashed date.
DOTTED_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")
# Relative words ('last month') are read against this fixed day, then moved to each article's
# anchor by the same distance, so that one reading serves every article. A leap year, so that
# '29 February' reads.
REFERENCE_DAY = date(2020, 6, 17)
PAST, NEAREST, FUTURE = -1, 0, 1
# Mentions with a calendar value of their own; the other labels are dated from these.
CALENDAR_LABELS = ("DATE", "HOLIDAY")
# How much farther a later date counts than an earlier one, by direction: a past-tense report
# rarely means next year's 12 June, and news refers to the past more often than to the future.
WRONG_SIDE_WEIGHT = {PAST: 4.0, NEAREST: 2.0, FUTURE: 1 / 4.0}


@dataclass(frozen=True)
class _Rules:
    """The compiled content of `patterns/dates.jsonl`."""

    matcher: Matcher  # patterns with token classes (month names, numbers, ...)
    phrase_matcher: PhraseMatcher  # patterns that are only words
    pattern_info: dict[int, dict[str, Any]]  # match id -> the pattern's object
    class_tests: dict[str, Any]  # class name -> test of one token's text
    words: dict[str, frozenset[str]]
    regexes: dict[str, re.Pattern[str]]
    rewrites: dict[str, str]
    numbers: dict[str, int]  # counts written as words ('two days later')

    def is_(self, name: str, token: Token) -> bool:
        return self.class_tests[name](token)


def _class_test(spec: dict[str, Any]):
    """A Python test equivalent to a class's token attributes (LOWER, TEXT, SHAPE)."""
    if "LOWER" in spec:
        words = frozenset(spec["LOWER"]["IN"])
        needs_capital = spec.get("IS_LOWER") is False
        return lambda token: token.lower_ in words and not (needs_capital and token.is_lower)
    if "SHAPE" in spec:
        shape = spec["SHAPE"]
        return lambda token: token.shape_ == shape
    if "TEXT" in spec and "IN" in spec["TEXT"]:
        texts = frozenset(spec["TEXT"]["IN"])
        return lambda token: token.text in texts
    regex = re.compile(spec["TEXT"]["REGEX"])
    return lambda token: regex.match(token.text) is not None


@cache
def _rules(vocab: Vocab) -> _Rules:
    """The date patterns compiled once per vocabulary."""
    entries = load_patterns("dates")
    classes = {entry["class"]: entry["token"] for entry in entries if "class" in entry}
    matcher = Matcher(vocab)
    phrase_matcher = PhraseMatcher(vocab, attr="LOWER")
    pattern_info = {}
    for number, entry in enumerate(entry for entry in entries if "pattern" in entry):
        tokens = []
        for token in entry["pattern"]:
            token = dict(token)
            tokens.append({**classes[token.pop("class")], **token} if "class" in token else token)
        key = f"{entry['label']}#{number}"
        word_lists = _word_lists(tokens)
        if word_lists is None:
            matcher.add(key, [tokens])
        else:
            phrases = [Doc(vocab, words=list(words)) for words in product(*word_lists)]
            phrase_matcher.add(key, phrases)
        pattern_info[vocab.strings[key]] = entry
    return _Rules(
        matcher=matcher,
        phrase_matcher=phrase_matcher,
        pattern_info=pattern_info,
        class_tests={name: _class_test(spec) for name, spec in classes.items()},
        words={e["words"]: frozenset(e["lower"]) for e in entries if "words" in e},
        regexes={e["regex"]: re.compile(e["expression"]) for e in entries if "regex" in e},
        rewrites={entry["rewrite"]: entry["as"] for entry in entries if "rewrite" in entry},
        numbers=_count_words(),
    )


def _word_lists(tokens: list[dict[str, Any]]) -> list[list[str]] | None:
    """The words each token of a pattern may be, when the pattern is only words; else None.

    Such patterns go to the PhraseMatcher, which looks words up by hash: the Matcher tries every
    pattern at every token of the text, and its time grows with the number of patterns.
    """
    word_lists = []
    for token in tokens:
        if set(token) != {"LOWER"}:
            return None
        words = token["LOWER"]
        if isinstance(words, str):
            word_lists.append([words])
        elif set(words) == {"IN"}:
            word_lists.append(words["IN"])
        else:
            return None
    return word_lists


@dataclass(frozen=True)
class _Candidate:
    span: SpacySpan
    # DATE (parse it) | HOLIDAY (a fixed day of the year) |
    # CLOCK | SAME_DAY | YEAR_EARLIER | DAY_OFFSET (dated from context)
    label: str
    entry: dict[str, Any]  # the pattern's object: holiday dates, day offsets


def find_dates(doc: Doc, published: Published | None) -> tuple[Published | None, list[DateMention]]:
    """The article's publication date (the one given, else found or inferred) and its dates."""
    rules = _rules(doc.vocab)
    candidates = _candidates(doc, rules)
    if published is None:
        published = _published_in_text(doc, candidates, rules) or _inferred_published(
            candidates, rules
        )
    anchor = _iso_date(published.value) if published else None
    return published, _resolve(candidates, anchor, rules)


# --- Finding the mentions --------------------------------------------------------------------


def _candidates(doc: Doc, rules: _Rules) -> list[_Candidate]:
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
        _Candidate(span, span.label_, entries.get((span.start, span.end, span.label_), {}))
        for span in sorted(spans, key=lambda span: span.start)
    ]


def _has_cue_before(doc: Doc, start: int, entry: dict[str, Any], rules: _Rules) -> bool:
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


def _entity_pieces(entity: SpacySpan, rules: _Rules) -> list[SpacySpan]:
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


def _period_of_the_year(span: SpacySpan, rules: _Rules) -> bool:
    """'the beginning of the year': an edge of the current year, month or week."""
    words = [token.lower_ for token in span]
    return (
        len(words) == 5
        and words[0] == "the"
        and words[1] in rules.words["PERIOD_EDGE"]
        and words[2:4] == ["of", "the"]
        and words[4] in ("year", "month", "week")
    )


def _is_false_year(span: SpacySpan, rules: _Rules) -> bool:
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


def _is_named_weekday(span: SpacySpan, rules: _Rules) -> bool:
    """A weekday inside a name: 'Black Monday', 'Super Tuesday'."""
    if not rules.is_("WEEKDAY", span[0]) or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return before.is_title and before.lower_ in rules.words["WEEKDAY_NAME_PREFIX"]


# --- The publication date --------------------------------------------------------------------


def _published_in_text(doc: Doc, candidates: list[_Candidate], rules: _Rules) -> Published | None:
    """The header date: a full date near the top, on a short line, after a cue, or with a time."""
    found = []
    for number, candidate in enumerate(candidates):
        span = candidate.span
        if span.start_char >= HEADER_ZONE_CHARS:
            break
        if candidate.label != "DATE" or not _is_full_date(span, rules):
            continue
        before = _line_words(doc, span.start - 1, -1)
        after = _line_words(doc, span.end, 1)
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
        parsed = _parse(_parse_text(span, rules))
        if parsed:
            return Published(
                parsed[0].isoformat(), "text", span.text, span.start_char, span.end_char
            )
    return None


def _line_words(doc: Doc, start: int, step: int) -> list[str]:
    """The words from token `start` on, going by `step`, up to the line's end (a few suffice)."""
    words = []
    i = start
    while 0 <= i < len(doc) and len(words) <= HEADER_LINE_MAX_OTHER_WORDS:
        token = doc[i]
        if "\n" in token.text:
            break
        if not (token.is_punct or token.is_space):
            words.append(token.lower_)
        i += step
    return words


def _inferred_published(candidates: list[_Candidate], rules: _Rules) -> Published | None:
    """The latest weekday+date pair, in the latest year not after today that fits every pair."""
    pairs = []
    for candidate in candidates:
        span = candidate.span
        weekday = next((token for token in span if rules.is_("WEEKDAY", token)), None)
        if weekday is None or not _has(span, rules, "MONTH") or _has(span, rules, "YEAR"):
            continue
        parsed = _parse(_parse_text(span, rules))
        if parsed and parsed[1] == "day":
            pairs.append((span, WEEKDAY_PREFIXES.index(weekday.lower_[:3]), parsed[0]))
    today = date.today()
    for year in range(today.year, today.year - INFERENCE_YEARS, -1):
        dated = [(span, _with_year(day, year)) for span, _, day in pairs]
        if dated and all(
            day is not None and day <= today and day.weekday() == weekday
            for (_, day), (_, weekday, _) in zip(dated, pairs, strict=True)
        ):
            span, day = max(dated, key=lambda item: item[1])
            return Published(day.isoformat(), "inferred", span.text, span.start_char, span.end_char)
    return None


# --- Values ----------------------------------------------------------------------------------


def _resolve(candidates: list[_Candidate], anchor: date | None, rules: _Rules) -> list[DateMention]:
    """Each candidate with its value; dates first, then what is dated from them."""
    values: dict[int, tuple[str | None, str]] = {}  # candidate index -> (value, precision)
    for number, candidate in enumerate(candidates):
        if candidate.label == "DATE":
            try:
                resolved = _date_value(candidate.span, anchor, rules)
            except (ValueError, OverflowError):  # outside the calendar: '2500 years ago'
                resolved = None, "unknown"
            if resolved is not None:
                values[number] = resolved
        elif candidate.label == "HOLIDAY":
            values[number] = _holiday_value(candidate, anchor, rules)
    for number, candidate in enumerate(candidates):
        if candidate.label not in CALENDAR_LABELS:
            values[number] = _context_value(number, candidates, values, anchor, rules)
    mentions = []
    for number, candidate in enumerate(candidates):
        if number in values and (values[number][0] or candidate.label in CALENDAR_LABELS):
            span = candidate.span
            mentions.append(
                DateMention(
                    text=span.text,
                    start=span.start_char,
                    end=span.end_char,
                    value=values[number][0],
                    sentence=_sentence_of(span),
                )
            )
    return mentions


def _sentence_of(span: SpacySpan) -> Span:
    """The sentence a mention sits in, without the white space around it: blanked boilerplate
    joins that white space, and the sentence's text must be the article's own."""
    sentence = span.sent
    text = sentence.text
    start = sentence.start_char + len(text) - len(text.lstrip())
    return Span(text.strip(), start, start + len(text.strip()))


def _date_value(
    span: SpacySpan, anchor: date | None, rules: _Rules
) -> tuple[str | None, str] | None:
    """(ISO value, precision) of a date mention, value None without an anchor; None if no date."""
    written_year = _is_full_date(span, rules) or _has(span, rules, "YEAR")
    if anchor is None and not written_year:
        return None, "unknown"
    weekday_only = _has(span, rules, "WEEKDAY") and not _has(span, rules, "MONTH")
    year_shift = _year_shift(span, rules)
    yearless = _has(span, rules, "MONTH") and not written_year and year_shift is None
    relative = not (written_year or weekday_only or _has(span, rules, "MONTH")) and any(
        _has(span, rules, name) for name in ("DEICTIC", "SHIFT", "UNITS")
    )
    parsed = _parse(_parse_text(span, rules))
    if parsed is None:
        return None
    day, precision = parsed
    if relative:
        day = _moved_to(anchor, day, precision)
    elif year_shift is not None:
        day = _with_year(day, anchor.year + year_shift) or day
    elif weekday_only:
        day = _weekday_near(day.weekday(), anchor, _direction(span, rules), span[0].lower_)
    elif yearless:
        on_year = partial(_with_year, day)
        day = _year_near(on_year, anchor, _direction(span, rules), precision, span[0].lower_)
    if precision == "week" and any(token.lower_ == "ago" for token in span):
        precision = "day"  # "a week ago" is a day
    return _iso(day, precision), precision


def _context_value(
    number: int,
    candidates: list[_Candidate],
    values: dict[int, tuple[str | None, str]],
    anchor: date | None,
    rules: _Rules,
) -> tuple[str | None, str]:
    """The value of a time of day, 'the same day', 'the day before' or 'the same month a year
    ago', from context."""
    candidate = candidates[number]
    earlier = [  # the dates written before it; times and 'the day' are no context
        values[i]
        for i in range(number)
        if candidates[i].label in CALENDAR_LABELS and i in values and values[i][0]
    ]
    if candidate.label == "CLOCK":
        sentence = candidate.span.sent
        same_sentence = [
            (abs(candidates[i].span.start - candidate.span.start), values[i][0])
            for i in values
            if values[i][1] == "day" and candidates[i].span.sent == sentence and values[i][0]
        ]
        if same_sentence:
            return min(same_sentence)[1], "day"
        return (anchor.isoformat() if anchor else None), "day"
    if candidate.label in ("SAME_DAY", "DAY_OFFSET"):
        days = [value for value in earlier if value[1] == "day"]
        day = _iso_date(days[-1][0]) if days else anchor
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


def _day_count(candidate: _Candidate, rules: _Rules) -> int:
    """How many days 'two days later' counts; 'the next day' counts one."""
    if not candidate.entry.get("counted"):
        return 1
    count = candidate.span[0].lower_
    return int(count) if count.isdigit() else rules.numbers[count]


def _holiday_value(
    candidate: _Candidate, anchor: date | None, rules: _Rules
) -> tuple[str | None, str]:
    """A holiday's day in the year nearest the anchor, in the direction of the tense."""
    if anchor is None:
        return None, "day"
    entry = candidate.entry
    span = candidate.span
    on_year = partial(
        _holiday_on, entry["month"], entry.get("day"), entry.get("weekday"), entry.get("nth")
    )
    day = _year_near(on_year, anchor, _direction(span, rules), "day", span[0].lower_)
    return day.isoformat(), "day"


def _holiday_on(
    month: int, day: int | None, weekday: int | None, nth: int | None, year: int
) -> date:
    """A fixed day of the month, or the nth (-1: last) given weekday of the month, in `year`."""
    if day is not None:
        return date(year, month, day)
    first = date(year, month, 1)
    if nth > 0:
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _year_shift(span: SpacySpan, rules: _Rules) -> int | None:
    """-1 for 'February last year', 0 for 'June this year', 1 for 'October of next year'."""
    if not _has(span, rules, "MONTH"):
        return None
    doc = span.doc
    if len(span) >= 3 and span[-1].lower_ == "year":
        return YEAR_SHIFTS.get(span[-2].lower_)
    after = [token.lower_ for token in doc[span.end : span.end + 3]]
    if len(after) == 3 and after[0] == "of" and after[2] == "year":
        return YEAR_SHIFTS.get(after[1])
    return None


def _parse_text(span: SpacySpan, rules: _Rules) -> str:
    """What dateparser reads: the words that carry the date, rewritten where dateparser needs it.

    A weekday beside a calendar date adds nothing to it, and a lone weekday is placed near the
    anchor by `_weekday_near`: both are read without their other words, so that articles share
    the parse and dateparser runs less often.
    """
    tokens = list(span)
    weekday = next((token for token in tokens if rules.is_("WEEKDAY", token)), None)
    if weekday is not None:
        if not _has(span, rules, "MONTH"):
            return weekday.text
        tokens = tokens[next(i for i, token in enumerate(tokens) if _is_calendar(token, rules)) :]
    if len(tokens) > 3 and tokens[1].lower_ in rules.words["PERIOD_EDGE"]:
        tokens = tokens[3:]  # "the end of last year" is dated as "last year"
    shifted_month = len(tokens) == 2 and rules.is_("MONTH", tokens[1])
    if shifted_month and tokens[0].lower_ in ("last", "next", "this"):
        tokens = tokens[1:]  # the shift word is the direction, see `_year_near`
    shift_words = len(span) >= 3 and span[-1].lower_ == "year" and _has(span, rules, "MONTH")
    end = span.end - 2 if shift_words else span.end  # "February last year" is read as "February"
    text = span.doc[tokens[0].i : end].text
    return rules.rewrites.get(text.lower(), text)


@cache
def _date_parser() -> DateDataParser:
    """One English parser per process; relative words are read against REFERENCE_DAY."""
    from dateparser.date import DateDataParser  # imported on first need: it loads slowly

    settings = {
        "PREFER_DATES_FROM": "current_period",
        "RETURN_TIME_AS_PERIOD": True,
        "RELATIVE_BASE": datetime.combine(REFERENCE_DAY, datetime.min.time()),
        # mentions are words and dates, never timestamps or digits run together
        "PARSERS": ["relative-time", "absolute-time"],
    }
    return DateDataParser(languages=["en"], settings=settings, try_previous_locales=False)


@lru_cache(maxsize=4096)
def _parse(text: str) -> tuple[date, str] | None:
    """(day, period) of one mention's text: read from its calendar words, else by dateparser.

    Called at most once per distinct text per process: it does not depend on the article.
    """
    read = _read_calendar(text) or _read_dotted(text) or _read_relative(text)
    if read is not None:
        return read
    data = _date_parser().get_date_data(text)
    if data.date_obj is None:
        return None
    period = "day" if data.period in ("time", "part_of_day") else data.period
    return data.date_obj.date(), period


def _read_calendar(text: str) -> tuple[date, str] | None:
    """A date written only with month, day, year and weekday words ('Sept. 28, 2023', 'May',
    '2021', 'Tuesday'); None for anything else. A missing year is REFERENCE_DAY's."""
    names = _calendar_names()
    found: dict[str, int] = {}
    for word in text.lower().replace(",", " ").split():
        if word == "of":
            continue
        number = CALENDAR_NUMBER.fullmatch(word)
        if word in names:
            kind, value = names[word]
        elif number and len(number[1]) == 4:
            kind, value = "year", int(number[1])
        elif number and len(number[1]) <= 2:
            kind, value = "day", int(number[1])
        else:
            return None
        if kind in found:
            return None
        found[kind] = value
    year = found.get("year", REFERENCE_DAY.year)
    try:
        if "month" in found and "day" in found:
            return date(year, found["month"], found["day"]), "day"
        if "month" in found and "weekday" not in found:
            return date(year, found["month"], 1), "month"
    except ValueError:  # 31 April
        return None
    if set(found) == {"year"}:
        return date(year, 1, 1), "year"
    if set(found) == {"weekday"}:
        return REFERENCE_DAY + timedelta(days=found["weekday"] - REFERENCE_DAY.weekday()), "day"
    return None


def _read_dotted(text: str) -> tuple[date, str] | None:
    """A day-first dotted date ('28.09.2022'); None for anything else."""
    match = DOTTED_DATE.fullmatch(text)
    if match is None:
        return None
    try:
        return date(int(match[3]), int(match[2]), int(match[1])), "day"
    except ValueError:  # 31.04.2022
        return None


def _read_relative(text: str) -> tuple[date, str] | None:
    """'yesterday', 'last week', 'next month', 'this morning', 'two weeks ago', read against
    REFERENCE_DAY as dateparser reads them; None for anything else."""
    relative = _relative_words()
    words = text.lower().split()
    if len(words) == 1 and words[0] in relative["days"]:
        return REFERENCE_DAY + timedelta(days=relative["days"][words[0]]), "day"
    if len(words) == 2 and words[0] in relative["shifts"]:
        step = relative["shifts"][words[0]]
        if words[1] in relative["parts_of_day"]:  # 'last night' is yesterday's
            return REFERENCE_DAY + timedelta(days=min(step, 0)), "day"
        if words[1] in ("week", "month", "year"):
            return _shifted(REFERENCE_DAY, words[1], step), words[1]
    if len(words) == 3 and words[2] == "ago":
        count = int(words[0]) if words[0].isdigit() else _count_words().get(words[0])
        unit = words[1].removesuffix("s")
        if count and unit in ("day", "week", "month", "year"):
            return _shifted(REFERENCE_DAY, unit, -count), unit
    return None


def _shifted(day: date, unit: str, steps: int) -> date:
    """`day` moved by `steps` days, weeks, months or years (REFERENCE_DAY has no month-end
    edge: its 17th exists in every month)."""
    if unit in ("day", "week"):
        return day + timedelta(days=steps * (7 if unit == "week" else 1))
    if unit == "month":
        months = day.year * 12 + day.month - 1 + steps
        return day.replace(year=months // 12, month=months % 12 + 1)
    return day.replace(year=day.year + steps)


@cache
def _count_words() -> dict[str, int]:
    """Counts written as words ('two days later', 'three weeks ago')."""
    return next(entry["numbers"] for entry in load_patterns("dates") if "numbers" in entry)


@cache
def _relative_words() -> dict[str, Any]:
    return next(entry["relative"] for entry in load_patterns("dates") if "relative" in entry)


@cache
def _calendar_names() -> dict[str, tuple[str, int]]:
    """Month and weekday names, as the MONTH and WEEKDAY classes list them -> (kind, number)."""
    classes = {
        entry["class"]: entry["token"] for entry in load_patterns("dates") if "class" in entry
    }
    names = {
        name: ("month", MONTH_PREFIXES.index(name[:3]) + 1)
        for name in classes["MONTH"]["LOWER"]["IN"]
    }
    for name in classes["WEEKDAY"]["LOWER"]["IN"]:
        names[name] = ("weekday", WEEKDAY_PREFIXES.index(name[:3]))
    return names


def _moved_to(anchor: date, day: date, precision: str) -> date:
    """A date read against REFERENCE_DAY ('last month'), moved as far from `anchor`."""
    if precision == "year":
        return date(anchor.year + day.year - REFERENCE_DAY.year, 1, 1)
    if precision == "month":
        months = (day.year - REFERENCE_DAY.year) * 12 + day.month - REFERENCE_DAY.month
        index = anchor.year * 12 + anchor.month - 1 + months
        return date(index // 12, index % 12 + 1, 1)
    return anchor + (day - REFERENCE_DAY)


def _direction(span: SpacySpan, rules: _Rules) -> int:
    """Whether the mention points back (PAST), forward (FUTURE) or either way (NEAREST).

    Shift words decide first ("next Tuesday", "two weeks ago"); else the tense of the verb the
    mention hangs on: past forms point back; modals, 'is to', 'is ...ing' and bare infinitives
    (headline "Markets to stay closed until Friday") point forward.
    """
    for token in span:
        if token.lower_ in ("last", "previous", "ago"):
            return PAST
        if token.lower_ in ("next", "coming"):
            return FUTURE
    if span.start > 1 and span.doc[span.start - 1].lower_ == "on":
        verb = span.doc[span.start - 2]
        if verb.tag_ == "VBD":
            # "said on Wednesday the government would...": the parser may hang the date on the
            # reported clause, but it belongs to the past-tense verb right before it.
            return PAST
    direction = _tense_direction(span, rules)
    if direction == PAST and _ends_a_state(span, rules):
        return NEAREST  # "was extending the mandate until mid-June"
    return direction


def _ends_a_state(span: SpacySpan, rules: _Rules) -> bool:
    """'until mid-June': the date ends a state, whose tense says when it held, not when it ends."""
    for token in span.root.ancestors:
        if token.pos_ in ("VERB", "AUX"):
            return False
        if token.lower_ in rules.words["OPEN_END"]:
            return True
    return False


def _tense_direction(span: SpacySpan, rules: _Rules) -> int:
    """The direction of the tense of the verb the mention hangs on."""
    infinitive = False
    token = span.root
    while token.head.i != token.i:
        token = token.head
        if token.pos_ not in ("VERB", "AUX"):
            continue
        auxiliaries = [child for child in token.children if child.dep_ in ("aux", "auxpass")]
        if any(aux.lower_ in rules.words["FUTURE_AUX"] for aux in auxiliaries):
            return FUTURE
        finite = [aux for aux in auxiliaries if aux.tag_ in ("VBD", "VBZ", "VBP", "MD")]
        if token.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            finite.append(token)
        if not finite:
            if any(aux.tag_ == "TO" for aux in auxiliaries):
                if token.dep_ == "acl":
                    return FUTURE  # "an event to be held on October 12"
                infinitive = True
            elif token.tag_ == "VBN" and token.dep_ == "acl":
                return PAST  # "plans announced in January"
            continue
        if any(word.tag_ == "VBD" for word in finite):
            return PAST
        if any(word.tag_ == "MD" for word in finite):
            # "should be completed in October" looks ahead; "should have been" looks back
            return PAST if any(aux.lower_ == "have" for aux in auxiliaries) else FUTURE
        if infinitive or token.tag_ == "VBG":
            return FUTURE  # "is set to begin on", "is meeting on"
        if token.tag_ == "VBN" and any(aux.lower_ in ("has", "have") for aux in auxiliaries):
            return PAST
        return NEAREST
    return FUTURE if infinitive else NEAREST


def _weekday_near(weekday: int, anchor: date, direction: int, first_word: str) -> date:
    """The day of `weekday` nearest the anchor in `direction`; the anchor itself when it fits."""
    forward = (weekday - anchor.weekday()) % 7
    if first_word == "last":
        return anchor - timedelta(days=(7 - forward) or 7)
    if first_word == "next":
        return anchor + timedelta(days=forward or 7)
    if forward == 0:
        return anchor
    if direction == PAST or (direction == NEAREST and forward > 3):
        return anchor - timedelta(days=7 - forward)
    return anchor + timedelta(days=forward)


def _year_near(
    on_year: Callable[[int], date | None],
    anchor: date,
    direction: int,
    precision: str,
    first_word: str,
) -> date:
    """A year-less date, `on_year(year)`, put in the year nearest the anchor, in `direction`."""
    options = [d for d in (on_year(anchor.year + k) for k in (-1, 0, 1)) if d is not None]

    def key(d: date) -> tuple[int, int]:
        return (d.year, d.month) if precision == "month" else (d.toordinal(), 0)

    here = key(anchor)
    if first_word == "last":
        options = [d for d in options if key(d) < here]
    elif first_word == "next":
        options = [d for d in options if key(d) > here]

    def cost(d: date) -> float:
        """Distance from the anchor, longer against the direction: tense is only a hint."""
        if precision == "month":
            days = ((d.year - anchor.year) * 12 + d.month - anchor.month) * 30
        else:
            days = (d - anchor).days
        return abs(days) * (WRONG_SIDE_WEIGHT[direction] if days > 0 else 1)

    return min(options, key=cost)


# --- Small helpers ---------------------------------------------------------------------------


def _has(span: SpacySpan, rules: _Rules, name: str) -> bool:
    return any(rules.is_(name, token) for token in span)


def _is_full_date(span: SpacySpan, rules: _Rules) -> bool:
    """Day, month and year all written: it needs no anchor."""
    if rules.regexes["FULL_NUMERIC_DATE"].match(span.text):
        return True
    return (
        _has(span, rules, "YEAR") and _has(span, rules, "MONTH") and _has(span, rules, "DAY_NUMBER")
    )


def _is_calendar(token: Token, rules: _Rules) -> bool:
    return rules.is_("MONTH", token) or rules.is_("DAY_NUMBER", token)


def _with_year(day: date, year: int) -> date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return None


def _iso(day: date, precision: str) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return day.isoformat()


def _iso_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
