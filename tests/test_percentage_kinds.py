"""Percentages: number forms with decimal commas, changes and margins in points, polls against
counted results, and the place of national figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from place_spans import doc_with_places, places_at

from extract.readers.percentages import find_percentages
from extract.readers.percentages.figures import number_value


def _expected(text: str, figures: list[tuple]) -> list[tuple]:
    """Each expected figure with its offsets, searched from the end of the previous one."""
    position, wanted = 0, []
    for figure_text, *rest in figures:
        start = text.index(figure_text, position)
        position = start + len(figure_text)
        wanted.append((figure_text, start, position, *rest))
    return wanted


# (text, figures as (text, value, unit))
NUMBER_CASES = [
    ("Support stood at 87,05 % in the count.", [("87,05 %", 87.05, "percent")]),
    ("Support stood at 87.05% in the count.", [("87.05%", 87.05, "percent")]),
    ("The party polled 12,5 pc of the vote.", [("12,5 pc", 12.5, "percent")]),
    ("Turnout was 99,9 per cent, officials said.", [("99,9 per cent", 99.9, "percent")]),
    (
        "It won 31,25% in Hesse and 1,5 percent in Bremen.",
        [
            ("31,25%", 31.25, "percent"),
            ("1,5 percent", 1.5, "percent"),
        ],
    ),
    # a share above 100 that is no change has no value; a change may be above 100
    (
        "Prices were up 250% while 1,234.5% of the seats were won.",
        [
            ("250%", 250, "percent"),
            ("1,234.5%", None, "percent"),
        ],
    ),
    ("In the election, the Tories won the seat by 30 points.", [("30 points", 30, "points")]),
    ("Labour holds a 7-point lead in the poll.", [("7-point", 7, "points")]),
    ("Rates rose 0.25 percentage points.", [("0.25 percentage points", 0.25, "points")]),
    # "1,234" groups thousands and is no figure without a percent sign; the figure is
    ("Some 1,234 people were polled; 55% said yes.", [("55%", 55, "percent")]),
]


@pytest.mark.parametrize(("text", "figures"), NUMBER_CASES)
def test_number_forms(nlp, text, figures):
    found = find_percentages(nlp(text))
    assert [(p.text, p.start, p.end, p.value, p.unit) for p in found] == _expected(text, figures)


@pytest.mark.parametrize(
    ("digits", "value"),
    [
        ("87,05", 87.05),
        ("87.05", 87.05),
        ("1,234.5", 1234.5),
        ("1,234", 1234),
        ("12,5", 12.5),
        ("99,9", 99.9),
        ("1.234,5", 1234.5),
        ("1,234,567", 1234567),
        ("1.2.3", None),
    ],
)
def test_number_value(digits, value):
    assert number_value(digits) == value


@given(st.integers(min_value=1000, max_value=10**9))
def test_grouping_commas_are_thousands(number):
    assert number_value(f"{number:,}") == number


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=99))
def test_a_comma_before_two_digits_is_a_decimal_comma(whole, hundredths):
    assert number_value(f"{whole},{hundredths:02d}") == pytest.approx(whole + hundredths / 100)


# (text, figures as (text, kind, unit))
KIND_CASES = [
    # changes: how much something moved, whatever it measures
    ("Exports rose by 37 percent in March.", [("37 percent", "change", "percent")]),
    ("Sales were up 4 percent from a year earlier.", [("4 percent", "change", "percent")]),
    (
        "The index declined 0.3%, while the Kospi slumped 0.5%.",
        [
            ("0.3%", "change", "percent"),
            ("0.5%", "change", "percent"),
        ],
    ),
    ("The new engine is 20% more powerful.", [("20%", "change", "percent")]),
    ("Advocates said a 9% funding increase was needed.", [("9%", "change", "percent")]),
    (
        "Nissan claims a 20% and 16% improvement.",
        [
            ("20%", "change", "percent"),
            ("16%", "change", "percent"),
        ],
    ),
    ("The airline plans to expand its fleet by 30%.", [("30%", "change", "percent")]),
    ("Get it today: 35% off all monitors.", [("35%", "change", "percent")]),
    # a level reached is no change: "rose to", "from ... to"
    (
        "Inflation rose to 4.6% in October from 6.7% in September.",
        [
            ("4.6%", "other", "percent"),
            ("6.7%", "other", "percent"),
        ],
    ),
    # margins: how far one side is ahead, in points, in vote and poll stories
    (
        "In the primary election, Trump won the state by 30 points.",
        [
            ("30 points", "margin", "points"),
        ],
    ),
    (
        "In the latest poll of likely voters, Harris leads Trump by 3 points.",
        [
            ("3 points", "margin", "points"),
        ],
    ),
    (
        "The poll gives the SPD a 5-point lead over the conservatives.",
        [
            ("5-point", "margin", "points"),
        ],
    ),
    (
        "In the election count, her lead in the north was more than 40 points.",
        [
            ("40 points", "margin", "points"),
        ],
    ),
    # a named side up or down so many points leads or trails; with a baseline it moved
    (
        "In the new poll of likely voters in Florida, Biden is up 8 points.",
        [
            ("8 points", "margin", "points"),
        ],
    ),
    (
        "In the poll, Trump's approval is up 3 points from March.",
        [
            ("3 points", "change", "points"),
        ],
    ),
    (
        "In the election, Labour's vote share was up 1.2 points on 2017.",
        [
            ("1.2 points", "change", "points"),
        ],
    ),
    # a poll's margin of error is the poll's own figure
    (
        "The survey has a margin of error of plus or minus 3.2 percentage points.",
        [
            ("3.2 percentage points", "poll", "points"),
        ],
    ),
    (
        "Trump leads 49 percent to 47 percent, within the poll's 3-point margin of error.",
        [
            ("49 percent", "poll", "percent"),
            ("47 percent", "poll", "percent"),
            ("3-point", "poll", "points"),
        ],
    ),
    # a change in a poll is a change: "approval rose 4 points", then the level it reached
    (
        "In the Gallup poll, Trump's approval rose 4 points since August, to 41 percent.",
        [
            ("4 points", "change", "points"),
            ("41 percent", "poll", "percent"),
        ],
    ),
    # points in sport are no figures at all, but a share in the same text is
    (
        "The team scored 24 points in the third quarter and 60% of its shots went in.",
        [
            ("60%", "other", "percent"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "figures"), KIND_CASES)
def test_changes_and_margins(nlp, text, figures):
    found = find_percentages(nlp(text))
    assert [(p.text, p.start, p.end, p.kind, p.unit) for p in found] == _expected(text, figures)


# Whole articles: (text, places, figures as (text, kind, place))
ARTICLE_CASES = [
    # an election-season story about a survey: its figures are the poll's, and national ones
    # are the country's, found from the states it names
    (
        "Harris holds narrow lead as race tightens, poll finds\n\n"
        "Harris is backed by 49 percent of likely voters nationally, while Trump has 46 percent, "
        "a new Marist survey of the election found.\n\n"
        "In Pennsylvania, the picture is tighter. Trump has 48 percent there to Harris's 47 "
        "percent.\n\n"
        "The poll's margin of error is 3 points, and undecided voters are 5 percent.",
        [("Pennsylvania", "US", "region", ["Pennsylvania"])],
        [
            ("49 percent", "poll", "United States"),
            ("46 percent", "poll", "United States"),
            ("48 percent", "poll", "Pennsylvania"),
            ("47 percent", "poll", "Pennsylvania"),
            ("3 points", "poll", "United States"),
            ("5 percent", "poll", "United States"),
        ],
    ),
    # counted results stay vote shares; armed groups' control of territory is no vote share
    (
        "Mali votes on new constitution\n\n"
        "BAMAKO — Malians voted on Sunday in a referendum. Armed groups control 40 percent of "
        "the country's territory, and many polling stations never opened.\n\n"
        "With 80 percent of ballots counted, the Yes side had 96.9 percent, officials said.",
        [("Mali", "ML", "country", ["Mali"]), ("Bamako", "ML", "city", ["BAMAKO"])],
        [
            ("40 percent", "other", "Mali"),
            ("80 percent", "counted", "Mali"),
            ("96.9 percent", "vote_share", "Mali"),
        ],
    ),
    # a state named later in the paragraph beats the place the article opens with
    (
        "Ohio voters went to the polls on Tuesday in the state's primary election.\n\n"
        "Smith won 52 percent of the vote, according to returns from Kentucky, where the "
        "race was also held.",
        [("Ohio", "US", "region", ["Ohio"]), ("Kentucky", "US", "region", ["Kentucky"])],
        [("52 percent", "vote_share", "Kentucky")],
    ),
    # a person is no place: "Warren" is Elizabeth Warren, not the town
    (
        "Iowa voted in the caucuses on Monday.\n\n"
        "Elizabeth Warren finished third. Warren took 20 percent of the vote.",
        [("Iowa", "US", "region", ["Iowa"]), ("Warren", "US", "city", ["Warren"])],
        [("20 percent", "vote_share", "Iowa")],
    ),
    # a place inside a party's name is no place: "Georgia Democrats"
    (
        "Georgia Democrats said turnout in the runoff election in Atlanta reached 61 percent.",
        [("Georgia", "US", "region", ["Georgia"]), ("Atlanta", "US", "city", ["Atlanta"])],
        [("61 percent", "turnout", "Atlanta")],
    ),
]


@pytest.mark.parametrize(("text", "places", "figures"), ARTICLE_CASES)
def test_poll_or_result_and_place(nlp, text, places, figures):
    found = find_percentages(doc_with_places(nlp, text, places_at(text, places)))
    assert [(p.text, p.start, p.end, p.kind, p.place) for p in found] == _expected(text, figures)


def test_share_above_100_is_a_warning(extractor):
    text = "Officials said 1,234% of voters took part, and prices were up 250%."
    article = extractor.extract_text(text, published="2024-01-01")
    assert [(p.text, p.value, p.kind) for p in article.percentages] == [
        ("1,234%", None, "turnout"),
        ("250%", 250, "change"),
    ]
    assert (
        "percentage '1,234%' reads above 100 and is no change; its value is left out"
        in article.warnings
    )


def test_results_and_a_poll_in_one_story(extractor):
    """Counted results stay vote shares and turnout where the story also reports a poll."""
    path = Path(__file__).resolve().parents[1] / "samples" / "primary_election_poll.txt"
    text = path.read_text(encoding="utf-8")
    article = extractor.extract_text(text, published="2024-05-07")
    kinds = [(p.text, p.kind, p.unit) for p in article.percentages]
    assert kinds == [
        ("92%", "counted", "percent"),
        *((share, "vote_share", "percent") for share in ("58.4%", "29.7%", "11.9%")),
        *((share, "vote_share", "percent") for share in ("41.2%", "33.5%", "25.3%")),
        *((share, "poll", "percent") for share in ("44%", "45%", "11%")),
        ("3.4 percentage points", "poll", "points"),
        *((share, "poll", "percent") for share in ("52%", "43%", "41%", "38%")),
        ("21%", "turnout", "percent"),
        ("27%", "turnout", "percent"),
    ]
    assert all(text[p.start : p.end] == p.text for p in article.percentages)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # "polled" is a poll's figure in a survey story and a result after a count
        (
            "A Forsa survey of likely voters showed the SPD ahead, and the Greens would vote "
            "tactically.\n\nIn Bavaria, the CSU polled 29 percent.",
            "poll",
        ),
        ("The Labour Party won 40 seats, polling 38.2 per cent of the votes.", "vote_share"),
    ],
)
def test_polled_is_read_by_its_context(nlp, text, kind):
    figures = find_percentages(nlp(text))
    assert [(p.kind, p.unit) for p in figures] == [(kind, "percent")]
