"""One mention's text read as a day and a precision, against a fixed reference day: calendar
words directly ('Sept. 28, 2023'), relative words by table ('last week'), anything else with
dateparser. A reading does not depend on the article, so each text is read once per process."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from .patterns import load_patterns

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

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
CALENDAR_NUMBER = re.compile(r"([0-9]{1,4})(st|nd|rd|th)?")
# A dotted numeric date is day-first, as written in Europe ("02.09.2024" is 2 September);
# dateparser reads it month-first, like a US slashed date.
DOTTED_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")
# Relative words ('last month') are read against this fixed day, then moved to each article's
# anchor by the same distance, so that one reading serves every article. A leap year, so that
# '29 February' reads.
REFERENCE_DAY = date(2020, 6, 17)


@cache
def date_parser() -> DateDataParser:
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
def parse(text: str) -> tuple[date, str] | None:
    """(day, period) of one mention's text: read from its calendar words, else by dateparser.

    Called at most once per distinct text per process: it does not depend on the article.
    """
    read = read_calendar(text) or read_dotted(text) or read_relative(text)
    if read is not None:
        return read
    data = date_parser().get_date_data(text)
    if data.date_obj is None:
        return None
    # dateparser's period may be unset (None); its default reading is a day.
    period = "day" if data.period in (None, "time", "part_of_day") else data.period
    return data.date_obj.date(), period


def read_calendar(text: str) -> tuple[date, str] | None:
    """A date written only with month, day, year and weekday words ('Sept. 28, 2023', 'May',
    '2021', 'Tuesday'); None for anything else. A missing year is REFERENCE_DAY's."""
    names = calendar_names()
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


def read_dotted(text: str) -> tuple[date, str] | None:
    """A day-first dotted date ('28.09.2022'); None for anything else."""
    match = DOTTED_DATE.fullmatch(text)
    if match is None:
        return None
    try:
        return date(int(match[3]), int(match[2]), int(match[1])), "day"
    except ValueError:  # 31.04.2022
        return None


def read_relative(text: str) -> tuple[date, str] | None:
    """'yesterday', 'last week', 'next month', 'this morning', 'two weeks ago', read against
    REFERENCE_DAY as dateparser reads them; None for anything else."""
    relative = relative_words()
    words = text.lower().split()
    if len(words) == 1 and words[0] in relative["days"]:
        return REFERENCE_DAY + timedelta(days=relative["days"][words[0]]), "day"
    if len(words) == 2 and words[0] in relative["shifts"]:
        step = relative["shifts"][words[0]]
        if words[1] in relative["parts_of_day"]:  # 'last night' is yesterday's
            return REFERENCE_DAY + timedelta(days=min(step, 0)), "day"
        if words[1] in ("week", "month", "year"):
            return shifted(REFERENCE_DAY, words[1], step), words[1]
    if len(words) == 3 and words[2] == "ago":
        count = int(words[0]) if words[0].isdigit() else count_words().get(words[0])
        unit = words[1].removesuffix("s")
        if count and unit in ("day", "week", "month", "year"):
            return shifted(REFERENCE_DAY, unit, -count), unit
    return None


def shifted(day: date, unit: str, steps: int) -> date:
    """`day` moved by `steps` days, weeks, months or years (REFERENCE_DAY has no month-end
    edge: its 17th exists in every month)."""
    if unit in ("day", "week"):
        return day + timedelta(days=steps * (7 if unit == "week" else 1))
    if unit == "month":
        months = day.year * 12 + day.month - 1 + steps
        return day.replace(year=months // 12, month=months % 12 + 1)
    return day.replace(year=day.year + steps)


@cache
def count_words() -> dict[str, int]:
    """Counts written as words ('two days later', 'three weeks ago')."""
    return next(entry["numbers"] for entry in load_patterns("dates") if "numbers" in entry)


@cache
def relative_words() -> dict[str, Any]:
    return next(entry["relative"] for entry in load_patterns("dates") if "relative" in entry)


@cache
def calendar_names() -> dict[str, tuple[str, int]]:
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


def moved_to(anchor: date, day: date, precision: str) -> date:
    """A date read against REFERENCE_DAY ('last month'), moved as far from `anchor`."""
    if precision == "year":
        return date(anchor.year + day.year - REFERENCE_DAY.year, 1, 1)
    if precision == "month":
        months = (day.year - REFERENCE_DAY.year) * 12 + day.month - REFERENCE_DAY.month
        index = anchor.year * 12 + anchor.month - 1 + months
        return date(index // 12, index % 12 + 1, 1)
    return anchor + (day - REFERENCE_DAY)


def with_year(day: date, year: int) -> date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return None


def iso(day: date, precision: str) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return day.isoformat()


def iso_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
