"""Periods that are no calendar day, month or year, as TIMEX3-style values: sports seasons
('the 2022/23 season' -> `2022/2023`), quarters ('Q3 2022' -> `2022-Q3`), decades ('the 1990s' ->
`199`) and centuries ('the 1300s' -> `13`); and the period before the date in focus ('the
previous year', 'a year earlier')."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from spacy.tokens import Span as SpacySpan

from .date_reading import iso, iso_date
from .patterns import load_patterns

PERIOD_LABELS = ("SEASON", "QUARTER", "DECADE")
SEASON_YEARS = re.compile(r"((?:1[6-9]|20)[0-9][0-9])\s*[/–-]\s*([0-9]{4}|[0-9]{2})")
SEASON_SHIFTS = {"this": 0, "last": -1, "next": 1}
# Team sports' seasons start in the second half of the year: in May, "this season" began the
# year before.
SEASON_START_MONTH = 7
QUARTER_NUMBER = re.compile(r"^Q([1-4])$")
DIGITS = re.compile(r"[0-9]+")
# Before this year a round hundred ('the 1300s') is read as a century, after it as a decade
# ('the 2000s').
CENTURY_BEFORE = 1900


def period_value(span: SpacySpan, label: str, anchor: date | None) -> str | None:
    """The value of a SEASON, QUARTER or DECADE mention; None when it needs an anchor it lacks."""
    if label == "SEASON":
        return _season(span, anchor)
    if label == "QUARTER":
        return _quarter(span)
    return _decade(span)


@cache
def _quarter_words() -> dict[str, int]:
    """Quarters' numbers written as words ('third')."""
    return next(entry["quarters"] for entry in load_patterns("dates") if "quarters" in entry)


def _season(span: SpacySpan, anchor: date | None) -> str | None:
    shift = SEASON_SHIFTS.get(span[0].lower_)
    if shift is not None:
        if anchor is None:
            return None
        first = anchor.year - (anchor.month < SEASON_START_MONTH) + shift
        return f"{first:04d}/{first + 1:04d}"
    match = SEASON_YEARS.search(span.text)
    assert match is not None  # the other SEASON patterns hold the two years
    first, second = int(match[1]), int(match[2])
    if second < 100:  # '2022/23'; '1999/00' turns the century
        second += first - first % 100 + (100 if second < first % 100 else 0)
    return f"{first:04d}/{second:04d}"


def _quarter(span: SpacySpan) -> str:
    year = next(token.text for token in span if len(token.text) == 4 and token.text.isdigit())
    words = _quarter_words()
    for token in span:
        written = QUARTER_NUMBER.match(token.text)
        if written or token.lower_ in words:
            return f"{year}-Q{written[1] if written else words[token.lower_]}"
    raise ValueError(span.text)  # a QUARTER pattern always holds a quarter's number


def _decade(span: SpacySpan) -> str:
    found = DIGITS.search(span[-1].text)
    assert found is not None  # a DECADE pattern ends in digits and 's'
    digits = found[0]
    year = int(digits) if len(digits) == 4 else 1900 + int(digits)  # "the '90s"
    if year % 100 == 0 and year < CENTURY_BEFORE:
        return f"{year // 100:02d}"
    return f"{year // 10:03d}"


def period_before(
    unit: str, focus: tuple[str, str] | None, anchor: date | None
) -> tuple[str | None, str]:
    """(value, precision) of the `unit` (year, month, week) before the date in focus, e.g. 2016
    for 'the previous year' after 'in 2017'; before the anchor when no date is in focus."""
    if focus is not None and (unit == "year" or focus[1] in ("day", "month", "week")):
        value, precision = focus
        day = iso_date(value[:10]) if precision == "day" else None
        if unit == "year":
            return f"{int(value[:4]) - 1:04d}", "year"
        if unit == "month" and precision in ("day", "month"):
            months = int(value[:4]) * 12 + int(value[5:7]) - 2
            return f"{months // 12:04d}-{months % 12 + 1:02d}", "month"
        if unit == "week" and day is not None:
            return iso(day - timedelta(days=7), "week"), "week"
    if anchor is None:
        return None, unit
    if unit == "year":
        return f"{anchor.year - 1:04d}", "year"
    if unit == "month":
        months = anchor.year * 12 + anchor.month - 2
        return f"{months // 12:04d}-{months % 12 + 1:02d}", "month"
    return iso(anchor - timedelta(days=7), "week"), "week"
