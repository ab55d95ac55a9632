"""Times of day joined to their day, periods as TIMEX3-style values, periods counted from the
date in focus, past months, and dates outside the calendar."""

from __future__ import annotations

import pytest

NOVEMBER = "2019-11-20"  # a Wednesday

SHAPES = [
    # (text, published, every date mention found: (mention, start, value))
    # a time of day joins the day next to it and is never a date of its own
    (
        "The strike began at 0100 GMT on Wednesday, officials said.",
        NOVEMBER,
        [("0100 GMT on Wednesday", 20, "2019-11-20")],
    ),
    (
        "Polls closed on Saturday, May 18 at 6:38 p.m. local time.",
        NOVEMBER,
        [("Saturday, May 18 at 6:38 p.m.", 16, "2019-05-18")],
    ),
    ("All 43 constituencies had declared by 7.15pm, and Sinn Fein led.", NOVEMBER, []),
    (
        "He scored at 7:14 and again at 19:56 on Tuesday.",
        NOVEMBER,
        [("19:56 on Tuesday", 31, "2019-11-19")],
    ),
    # 'the previous year', 'a year earlier': before the date in focus, else before publication
    (
        "Use rose in 2017, a significant increase from the previous year.",
        NOVEMBER,
        [("2017", 12, "2017"), ("the previous year", 46, "2016")],
    ),
    (
        "Sales fell in March 2018. The month before, they had risen.",
        NOVEMBER,
        [("March 2018", 14, "2018-03"), ("The month before", 26, "2018-02")],
    ),
    ("Sales were up 4 percent from a year earlier.", NOVEMBER, [("a year earlier", 29, "2018")]),
    # a month without a year in the past tense: the latest one up to publication
    ("Prices fell in March, the agency said.", NOVEMBER, [("March", 15, "2019-03")]),
    ("Prices fell in October, the agency said.", NOVEMBER, [("October", 15, "2019-10")]),
    # a date naming a noun's event takes no direction from an infinitive above it
    (
        "Envoys are likely to face questions about Trump's July 25 call.",
        NOVEMBER,
        [("July 25", 50, "2019-07-25")],
    ),
    # seasons, quarters, decades, centuries
    (
        "He scored 20 goals in the 2022/23 season and three this season.",
        NOVEMBER,
        [("2022/23 season", 26, "2022/2023"), ("this season", 51, "2019/2020")],
    ),
    ("The 2019-20 season was cut short.", NOVEMBER, [("2019-20 season", 4, "2019/2020")]),
    (
        "This season began in August.",
        "2020-03-02",
        [("This season", 0, "2019/2020"), ("August", 21, "2019-08")],
    ),
    (
        "Revenue rose in Q3 2022 and in the third quarter of 2021.",
        NOVEMBER,
        [("Q3 2022", 16, "2022-Q3"), ("third quarter of 2021", 35, "2021-Q3")],
    ),
    (
        "Crime fell in the 1990s and the '80s and rose in the early 2020s.",
        NOVEMBER,
        [("1990s", 18, "199"), ("'80s", 32, "198"), ("2020s", 59, "202")],
    ),
    ("The plague struck Europe in the 1300s.", NOVEMBER, [("1300s", 32, "13")]),
    # outside the calendar: found, with no value, and no error
    ("Tools from 2500 years ago were found.", NOVEMBER, [("2500 years ago", 11, None)]),
]


@pytest.mark.parametrize(("text", "published", "expected"), SHAPES)
def test_date_shapes(extractor, text, published, expected):
    for mention, start, _ in expected:
        assert text[start : start + len(mention)] == mention  # the table itself is right
    article = extractor.extract_text(text, published=published)
    assert [(d.text, d.start, d.value) for d in article.dates] == expected


def test_periods_are_valid_under_the_schema(extractor):
    import json
    from pathlib import Path

    import jsonschema

    schema_path = Path(__file__).resolve().parents[1] / "extract" / "article.schema.json"
    value_schema = json.loads(schema_path.read_text())["properties"]["dates"]["items"]
    text = "Revenue rose in Q3 2022, in the 2022/23 season and in the 1990s and 1300s."
    for mention in extractor.extract_text(text, published=NOVEMBER).dates:
        jsonschema.validate({"value": mention.value}, {"properties": value_schema["properties"]})
