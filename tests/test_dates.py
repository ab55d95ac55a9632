"""Dates: mentions, their ISO values and offsets, and the publication date they hang on."""

from __future__ import annotations

from datetime import date

import pytest

from extract import Extractor, date_reading

# Wednesday 28 September 2022 is the publication date unless a row says otherwise.
WEDNESDAY = "2022-09-28"


def found(article, text):
    """(mention, value) pairs, after checking each mention's offsets against the text."""
    pairs = []
    for mention in article.dates:
        assert text[mention.start : mention.end] == mention.text
        pairs.append((mention.text, mention.value))
    return pairs


def expected_offsets(text, mentions):
    """The start of each expected mention, searched in order."""
    starts, position = [], 0
    for mention, _ in mentions:
        position = text.index(mention, position)
        starts.append(position)
        position += len(mention)
    return starts


VALUES = [
    # precision follows the text
    ("Sales rose in September 2022, the agency said.", WEDNESDAY, [("September 2022", "2022-09")]),
    ("The plant opened in 2021.", WEDNESDAY, [("2021", "2021")]),
    ("Prices rose sharply last week.", WEDNESDAY, [("last week", "2022-W38")]),
    ("Ministers gather in Brussels this week.", WEDNESDAY, [("this week", "2022-W39")]),
    ("Exports fell last month.", WEDNESDAY, [("last month", "2022-08")]),
    ("Profits doubled last year.", WEDNESDAY, [("last year", "2021")]),
    ("The company will report its results next month.", WEDNESDAY, [("next month", "2022-10")]),
    ("The minister resigned yesterday.", WEDNESDAY, [("yesterday", "2022-09-27")]),
    ("Talks resume in Geneva today.", WEDNESDAY, [("today", "2022-09-28")]),
    ("The bridge was closed a week ago.", WEDNESDAY, [("a week ago", "2022-09-21")]),
    ("Output recovered at the end of last year.", WEDNESDAY, [("last year", "2021")]),
    (
        "Oil prices rose at the beginning of the year.",
        WEDNESDAY,
        [("the beginning of the year", "2022")],
    ),
    (
        "Exports fell in February compared to the same month a year ago.",
        WEDNESDAY,
        [("February", "2022-02"), ("the same month a year ago", "2021-02")],
    ),
    # weekdays: the tense points the way; the publication weekday is the publication date
    ("The council voted on Tuesday.", WEDNESDAY, [("Tuesday", "2022-09-27")]),
    ("The council voted on Thursday.", WEDNESDAY, [("Thursday", "2022-09-22")]),
    ("The council will vote on Thursday.", WEDNESDAY, [("Thursday", "2022-09-29")]),
    ("The council will vote on Tuesday.", WEDNESDAY, [("Tuesday", "2022-10-04")]),
    ("The mayor spoke to reporters on Wednesday.", WEDNESDAY, [("Wednesday", "2022-09-28")]),
    ("The trial is set to begin on Monday.", WEDNESDAY, [("Monday", "2022-10-03")]),
    ("Officials met last Friday.", WEDNESDAY, [("last Friday", "2022-09-23")]),
    ("Stock markets to stay closed until Friday", WEDNESDAY, [("Friday", "2022-09-30")]),
    (
        "Shares fell on Monday and recovered later in the week.",
        WEDNESDAY,
        [("Monday", "2022-09-26")],
    ),
    # a date without a year takes the year nearest publication, in the tense's direction
    ("The deal was signed on Dec. 20.", "2023-01-05", [("Dec. 20", "2022-12-20")]),
    ("The summit will be held on January 12.", "2022-12-20", [("January 12", "2023-01-12")]),
    ("The factory closed in March.", WEDNESDAY, [("March", "2022-03")]),
    ("The hearing is scheduled for 3 October.", WEDNESDAY, [("3 October", "2022-10-03")]),
    (
        "Flights resumed on Wednesday, Sep. 21, 2016.",
        WEDNESDAY,
        [("Wednesday, Sep. 21, 2016", "2016-09-21")],
    ),
    ("Prices were last this low in October 1982.", WEDNESDAY, [("October 1982", "1982-10")]),
    ("The form was filed on 7/8/07 in Ohio.", WEDNESDAY, [("7/8/07", "2007-07-08")]),
    # the span leaves out 'on', 'since', 'by', 'early', 'later'
    ("Prices have risen since 2019.", WEDNESDAY, [("2019", "2019")]),
    ("The line should be finished by 2030.", WEDNESDAY, [("2030", "2030")]),
    ("Later today the minister will speak.", WEDNESDAY, [("today", "2022-09-28")]),
    ("The pair spoke by phone early on Wednesday.", WEDNESDAY, [("Wednesday", "2022-09-28")]),
    # a time of day takes the day of its sentence
    (
        "The polls closed at 21:00 GMT on Sunday.",
        WEDNESDAY,
        [("21:00 GMT on Sunday", "2022-09-25")],  # a time of day joins its day
    ),
    # 'the day' is the day of the date before it
    (
        "Shares fell on Monday and ended the day lower.",
        WEDNESDAY,
        [("Monday", "2022-09-26"), ("the day", "2022-09-26")],
    ),
    # a weekday inside a name is no date near publication
    ("Traders still remember Black Monday.", WEDNESDAY, []),
    # 'until' ends a state: the tense tells when it held, not on which side the end lies
    (
        "The government said on Monday it was extending the mask mandate until mid-June.",
        "2022-03-15",
        [("Monday", "2022-03-14"), ("June", "2022-06")],
    ),
    # relative words are read once and moved to each anchor, across year ends too
    ("Exports fell last month.", "2023-01-10", [("last month", "2022-12")]),
    ("The rules were tightened a week ago.", "2024-01-03", [("a week ago", "2023-12-27")]),
    # a month of a year named relative to publication
    (
        "Rates have been on hold since February last year.",
        "2024-01-12",
        [("February last year", "2023-02")],
    ),
    (
        "Licences lapse after October of next year.",
        "2009-05-15",
        [("October", "2010-10"), ("next year", "2010")],
    ),
    # both ends of a range of years
    (
        "She served from 2009 to 2011 in the cabinet.",
        WEDNESDAY,
        [("2009", "2009"), ("2011", "2011")],
    ),
    ("Output fell in 2019-2021.", WEDNESDAY, [("2019", "2019"), ("2021", "2021")]),
    # holidays: a fixed day, or the nth weekday of a month, in the year the tense points to
    (
        "Many shops will stay shut on New Year's Day.",
        "2023-12-20",
        [("New Year's Day", "2024-01-01")],
    ),
    ("Crowds filled the square on Christmas Eve.", "2023-12-28", [("Christmas Eve", "2023-12-24")]),
    (
        "The campaign will hold its first rally on Labor Day.",
        "2023-08-15",
        [("Labor Day", "2023-09-04")],
    ),
    # a day counted from the date written before it
    (
        "The ferry sank on Wednesday. Divers reached the wreck two days later.",
        "2023-06-09",
        [("Wednesday", "2023-06-07"), ("two days later", "2023-06-09")],
    ),
    (
        "The fire broke out on Monday. Neighbours had smelt gas the day before.",
        WEDNESDAY,
        [("Monday", "2022-09-26"), ("the day before", "2022-09-25")],
    ),
    # ... but not from an event, nor in a comparison
    ("Turnout was low the day before the vote.", WEDNESDAY, []),
    (
        "The jet arrives on November 11, three days later than planned.",
        "2005-11-05",
        [("November 11", "2005-11-11")],
    ),
    # "said on Wednesday" is past whatever the tense of the reported clause
    (
        "A spokesman said on Wednesday the state would appeal the ruling.",
        "2024-02-15",
        [("Wednesday", "2024-02-14")],
    ),
    # a dotted numeric date is day-first
    (
        "Results were published on 02.09.2024 by the commission.",
        "2024-09-05",
        [("02.09.2024", "2024-09-02")],
    ),
]


@pytest.mark.parametrize(("text", "published", "mentions"), VALUES)
def test_date_values_and_offsets(extractor, text, published, mentions):
    article = extractor.extract_text(text, published=published)
    assert found(article, text) == mentions
    assert [mention.start for mention in article.dates] == expected_offsets(text, mentions)


NOT_DATES = [
    "Turnout reached 87.05% in the capital, and 93.11% in the north.",
    "The index fell by 3.41%, or 251.4 points, to 7,114.3.",
    "The home side won 2-1 and now lead the table by 12 points.",
    "The contract is worth $2010 million and will employ 2000 workers.",
    "The Russell 2000 Index dropped by four percent.",
    "The software update, version 1.1.1, fixes the bug for 15 users.",
    "The ruling party won 55 seats, up from 49.",
    "Sales grew for four months, and the two years of talks produced a 27-year contract.",
    "It is the biggest contract of its kind since the Joint Strike Fighter program.",
    "The deal costs £20.1 billion, or 4.5 per cent of output.",
    "Over the last few days, hundreds of votes were cast at a rate of 15 a year.",
    "The union is willing to talk at any hour of the day or night.",
    "The index closed at 3.41 after a volatile session.",
    "Shares jumped two days after the announcement.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_numbers_durations_and_names_are_not_dates(extractor, text):
    assert found(extractor.extract_text(text, published=WEDNESDAY), text) == []


def test_a_percentage_next_to_a_date_is_left_out(extractor):
    text = "On Sunday, turnout reached 87.05%, officials said."
    article = extractor.extract_text(text, published=WEDNESDAY)
    assert found(article, text) == [("Sunday", "2022-09-25")]
    assert article.dates[0].start == 3


PUBLICATION_FORMS = [
    (
        " date 2021-12-08 Calendar An icon of a calendar.\n\nThe minister spoke on Tuesday.",
        "2021-12-08",
        "2021-12-08",
        [("2021-12-08", "2021-12-08"), ("Tuesday", "2021-12-07")],
    ),
    (
        "Storm warning\n\nJane Doe\nWednesday 02 February 2022 10:16 EST\n"
        "The ferry sank yesterday.",
        "Wednesday 02 February 2022",
        "2022-02-02",
        [
            ("Wednesday 02 February 2022 10:16 EST", "2022-02-02"),
            ("yesterday", "2022-02-01"),
        ],
    ),
    (
        "By Staff Reporter December 8 2021, 3.51pm The minister said on Monday that talks failed.",
        "December 8 2021",
        "2021-12-08",
        [("December 8 2021, 3.51pm", "2021-12-08"), ("Monday", "2021-12-06")],
    ),
    (
        "Grain deal agreed\n\nPublished: 3 March 2022\n\nThe talks ended on Tuesday.",
        "3 March 2022",
        "2022-03-03",
        [("3 March 2022", "2022-03-03"), ("Tuesday", "2022-03-01")],
    ),
    (
        "Factory output rises\n\nMarch 01, 2008\n\nFactory output rose in February.",
        "March 01, 2008",
        "2008-03-01",
        [("March 01, 2008", "2008-03-01"), ("February", "2008-02")],
    ),
    (
        "Storm live\n\nUpdated 14:32 GMT, Sunday 13 November 2022\n\nRoads flooded on Saturday.",
        "Sunday 13 November 2022",
        "2022-11-13",
        [
            ("14:32 GMT, Sunday 13 November 2022", "2022-11-13"),
            ("Saturday", "2022-11-12"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "header", "value", "mentions"), PUBLICATION_FORMS)
def test_publication_date_found_in_the_text(extractor, text, header, value, mentions):
    article = extractor.extract_text(text)
    published = article.published
    assert (published.value, published.origin, published.text) == (value, "text", header)
    assert text[published.start : published.end] == header
    assert found(article, text) == mentions


def test_a_date_deep_in_the_story_is_not_the_publication_date(extractor):
    text = "Officials said the bridge, opened on March 3, 2001, was safe. " * 40
    assert extractor.extract_text(text).published is None


def test_input_beats_option_beats_text(extractor):
    text = "Published: 3 March 2022\n\nThe talks ended on Tuesday."
    given = extractor.extract_text(text, published="2022-03-10")
    assert (given.published.value, given.published.origin) == ("2022-03-10", "input")
    assert found(given, text) == [("3 March 2022", "2022-03-03"), ("Tuesday", "2022-03-08")]
    with_option = Extractor(nlp=extractor.nlp, published=date(2022, 3, 9))
    optioned = with_option.extract_text(text)
    assert (optioned.published.value, optioned.published.origin) == ("2022-03-09", "option")
    assert found(optioned, text)[1] == ("Tuesday", "2022-03-08")


INFERENCE = [
    # 29 February fell on a Monday in 2016 and next does in 2044
    (
        "The polls opened on Friday, Feb. 26 and closed on Monday, Feb. 29, the commission said.",
        "2016-02-29",
        "Monday, Feb. 29",
        [("Friday, Feb. 26", "2016-02-26"), ("Monday, Feb. 29", "2016-02-29")],
    ),
    # no year fits both pairs: nothing is inferred and relative dates stay unresolved
    (
        "The polls opened on Monday, Feb. 29 and closed on Monday, Mar. 1. Results came yesterday.",
        None,
        None,
        [("Monday, Feb. 29", None), ("Monday, Mar. 1", None), ("yesterday", None)],
    ),
]


@pytest.mark.parametrize(("text", "value", "pair", "mentions"), INFERENCE)
def test_year_inferred_from_weekday_and_date(extractor, text, value, pair, mentions):
    article = extractor.extract_text(text)
    if value is None:
        assert article.published is None
    else:
        published = article.published
        assert (published.value, published.origin, published.text) == (value, "inferred", pair)
    assert found(article, text) == mentions


def test_without_publication_date_relative_dates_have_no_value(extractor):
    text = "The minister spoke on Tuesday, and the report came out in 2019."
    article = extractor.extract_text(text)
    assert article.published is None
    assert found(article, text) == [("Tuesday", None), ("2019", "2019")]


def test_without_publication_date_a_year_shift_leaves_a_written_year_without_value(extractor):
    # The shift ('of next year') needs the publication date even beside a written year; this
    # once failed and dropped every date of the article.
    text = "The vote in June 2020 of next year was close, and the count ended on 3 May 2021."
    article = extractor.extract_text(text)
    assert article.warnings == (
        "no publication date: relative dates left unresolved; pass --published",
    )
    assert found(article, text) == [
        ("June 2020", None),
        ("next year", None),
        ("3 May 2021", "2021-05-03"),
    ]


def test_each_mention_carries_its_sentence(extractor):
    text = "Rain fell all night. The river burst its banks on Tuesday. Roads closed."
    article = extractor.extract_text(text, published=WEDNESDAY)
    (mention,) = article.dates
    sentence = mention.sentence
    assert sentence.text == "The river burst its banks on Tuesday."
    assert text[sentence.start : sentence.end] == sentence.text


def test_each_mention_text_is_read_once_whatever_the_anchor(extractor):
    text = "Troops left on Tuesday. Tanks left on Tuesday. Ships left on Tuesday and yesterday."
    date_reading.parse.cache_clear()
    article = extractor.extract_text(text, published=WEDNESDAY)
    assert [mention.value for mention in article.dates] == ["2022-09-27"] * 4
    later = extractor.extract_text(text, published="2023-03-02")
    assert [mention.value for mention in later.dates] == ["2023-02-28"] * 3 + ["2023-03-01"]
    assert date_reading.parse.cache_info().misses == 2


CALENDAR_TEXTS = [
    ("Sept. 28, 2023", (date(2023, 9, 28), "day")),
    ("3rd of March 2021", (date(2021, 3, 3), "day")),
    ("October 1982", (date(1982, 10, 1), "month")),
    ("2021", (date(2021, 1, 1), "year")),
    ("29 February", (date(2020, 2, 29), "day")),
    ("Tuesday", (date(2020, 6, 16), "day")),
    ("31 April", None),
    ("last week", None),
]


@pytest.mark.parametrize(("text", "expected"), CALENDAR_TEXTS)
def test_calendar_words_are_read_without_dateparser(text, expected):
    """Calendar dates are read from their words; a missing year is the reference day's."""
    assert date_reading.read_calendar(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "last week",
        "this month",
        "next month",
        "last year",
        "next year",
        "two days ago",
        "3 days ago",
        "a week ago",
        "six months ago",
        "a year ago",
        "this morning",
        "last night",
    ],
)
def test_relative_words_read_as_dateparser_reads_them(text):
    # These are read without dateparser, whose first call costs half a second of start-up.
    reader = date_reading.date_parser()
    data = reader.get_date_data(text)
    period = "day" if data.period in ("time", "part_of_day") else data.period
    assert date_reading.read_relative(text) == (data.date_obj.date(), period)
