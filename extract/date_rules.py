"""The date patterns of `patterns/dates.jsonl`, compiled once per vocabulary, and the tests of
a mention's words that every part of the date reader shares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import product
from typing import Any

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.vocab import Vocab

from .date_reading import count_words
from .patterns import load_patterns


@dataclass(frozen=True)
class DateRules:
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


def class_test(spec: dict[str, Any]):
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
def date_rules(vocab: Vocab) -> DateRules:
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
        word_lists = pattern_word_lists(tokens)
        if word_lists is None:
            matcher.add(key, [tokens])
        else:
            phrases = [Doc(vocab, words=list(words)) for words in product(*word_lists)]
            phrase_matcher.add(key, phrases)
        pattern_info[vocab.strings[key]] = entry
    return DateRules(
        matcher=matcher,
        phrase_matcher=phrase_matcher,
        pattern_info=pattern_info,
        class_tests={name: class_test(spec) for name, spec in classes.items()},
        words={e["words"]: frozenset(e["lower"]) for e in entries if "words" in e},
        regexes={e["regex"]: re.compile(e["expression"]) for e in entries if "regex" in e},
        rewrites={entry["rewrite"]: entry["as"] for entry in entries if "rewrite" in entry},
        numbers=count_words(),
    )


def pattern_word_lists(tokens: list[dict[str, Any]]) -> list[list[str]] | None:
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


def has(span: SpacySpan, rules: DateRules, name: str) -> bool:
    return any(rules.is_(name, token) for token in span)


def is_full_date(span: SpacySpan, rules: DateRules) -> bool:
    """Day, month and year all written: it needs no anchor."""
    if rules.regexes["FULL_NUMERIC_DATE"].match(span.text):
        return True
    return has(span, rules, "YEAR") and has(span, rules, "MONTH") and has(span, rules, "DAY_NUMBER")


def is_calendar(token: Token, rules: DateRules) -> bool:
    return rules.is_("MONTH", token) or rules.is_("DAY_NUMBER", token)


@dataclass(frozen=True)
class Candidate:
    span: SpacySpan
    # DATE (parse it) | HOLIDAY (a fixed day of the year) |
    # CLOCK | SAME_DAY | YEAR_EARLIER | DAY_OFFSET (dated from context)
    label: str
    entry: dict[str, Any]  # the pattern's object: holiday dates, day offsets


def parse_text(span: SpacySpan, rules: DateRules) -> str:
    """What dateparser reads: the words that carry the date, rewritten where dateparser needs it.

    A weekday beside a calendar date adds nothing to it, and a lone weekday is placed near the
    anchor by `weekday_near`: both are read without their other words, so that articles share
    the parse and dateparser runs less often.
    """
    tokens = list(span)
    weekday = next((token for token in tokens if rules.is_("WEEKDAY", token)), None)
    if weekday is not None:
        if not has(span, rules, "MONTH"):
            return weekday.text
        tokens = tokens[next(i for i, token in enumerate(tokens) if is_calendar(token, rules)) :]
    if len(tokens) > 3 and tokens[1].lower_ in rules.words["PERIOD_EDGE"]:
        tokens = tokens[3:]  # "the end of last year" is dated as "last year"
    shifted_month = len(tokens) == 2 and rules.is_("MONTH", tokens[1])
    if shifted_month and tokens[0].lower_ in ("last", "next", "this"):
        tokens = tokens[1:]  # the shift word is the direction, see `year_near`
    shift_words = len(span) >= 3 and span[-1].lower_ == "year" and has(span, rules, "MONTH")
    end = span.end - 2 if shift_words else span.end  # "February last year" is read as "February"
    text = span.doc[tokens[0].i : end].text
    return rules.rewrites.get(text.lower(), text)
