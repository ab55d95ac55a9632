"""Page furniture in the shapes real pages show it: dropped, while every article sentence stays.

All texts are invented; each row also checks that its furniture IS marked.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cli import main
from extract.boilerplate import find_boilerplate
from extract.boilerplate.view import marked_text
from extract.facts import Quote, Span, with_text_from

PARAGRAPHS = [
    "The council in Eastfield voted on Tuesday to rebuild the old harbour wall, which storms"
    " damaged twice in the last three winters.",
    "Engineers said the work would take two years and cost about 14 million pounds, most of it"
    " paid for by a regional fund.",
    "“We have waited a long time for this decision,” said the harbour master, who has worked in"
    " the town for more than twenty years.",
    "Fishing crews have had to moor their boats in a neighbouring port since the wall was"
    " closed to the public in the spring.",
    "The council said it would publish the full plans next month and hold a meeting for"
    " residents before the building work starts.",
]
ARTICLE = "\n\n".join(PARAGRAPHS)
# Short paragraphs that may open or close an article.
SHORT_PARAGRAPHS = ["The council declined to comment.", "“It is good news,” she said."]

# (shape, furniture block, placed before the article?, a line of it that must be marked)
SHAPES = [
    ("section menu", "Home\nNews\nSport\nBusiness\nCulture\nWeather", True, "Culture"),
    (
        "related headlines",
        "More stories\nTown hall clock stops again\nNew bakery opens on Mill Lane\n"
        "Schools to close early for the holiday",
        False,
        "New bakery opens on Mill Lane",
    ),
    (
        "hours-ago list",
        "Bridge repairs delayed\n3 hours ago\nLocal team wins cup final\n5 hours ago",
        False,
        "5 hours ago",
    ),
    # (A clean article's last four lines or fewer are kept: they may be its own list.)
    ("counts standing alone", "Comments\n42\nShares\n1.2K\nLikes\n310", False, "1.2K"),
    (
        "newsletter box",
        "Sign up for our weekly newsletter\nEnter your email address\nSubscribe",
        False,
        "Enter your email address",
    ),
    (
        "share bar",
        "Share this article\nShare on Facebook\nShare on Twitter",
        False,
        "Share on Twitter",
    ),
    (
        "footer",
        "About us\nContact\nPrivacy Policy\nTerms of Use\nCopyright 2024 Example Media Ltd",
        False,
        "Privacy Policy",
    ),
    (
        "cookie notice",
        "We use cookies to improve your experience on our site.\nAccept all\nManage settings",
        True,
        "Manage settings",
    ),
    (
        "comment thread",
        "Leave a comment\nsam_t\nMarch 3, 2024 at 10:15 am\nGreat news\nReply\nlocal_reader\n"
        "March 3, 2024 at 11:02 am\nAbout time\nReply",
        False,
        "March 3, 2024 at 11:02 am",
    ),
    (
        "comment thread of prose",
        "2 responses to “Harbour wall to be rebuilt”\nsam_t says:\nMarch 3, 2024 at 10:15 am\n"
        "This is the best news the town has had in years, and the crews who waited so long for"
        " it deserve every bit of the credit for the campaign.\nlocal_reader says:\n"
        "March 3, 2024 at 11:02 am\nI remember when the wall was first built and we all went"
        " down to the harbour to watch the boats come in for the opening.",
        False,
        "I remember when the wall was first built",
    ),
    (
        "dates and bylines of a teaser list",
        "Latest\nPier reopens after repairs\nBy Staff Reporter\n12/03/2024 09:15 AM\n"
        "Ferry fares to rise in May\nBy Staff Reporter\n11/03/2024 04:40 PM",
        False,
        "12/03/2024 09:15 AM",
    ),
]


def _page(furniture: str, before: bool) -> str:
    return f"{furniture}\n\n{ARTICLE}\n" if before else f"{ARTICLE}\n\n{furniture}\n"


def _untouched(text: str, ranges, piece: str) -> bool:
    start = text.index(piece)
    end = start + len(piece)
    return not any(item.start < end and start < item.end for item in ranges)


@pytest.mark.parametrize(
    ("shape", "furniture", "before", "marked"), SHAPES, ids=[s[0] for s in SHAPES]
)
def test_furniture_shape_is_dropped_and_the_article_kept(shape, furniture, before, marked):
    text = _page(furniture, before)
    ranges = find_boilerplate(text)
    for paragraph in PARAGRAPHS:
        assert _untouched(text, ranges, paragraph), paragraph
    assert not _untouched(text, ranges, marked), shape


@settings(max_examples=60, deadline=None)
# Found by hypothesis: short sentences run into a menu on one line were taken for the menu.
@example(
    paragraphs=[SHORT_PARAGRAPHS[0]] * 2,
    before=[],
    after=["Home\nNews\nSport\nBusiness\nCulture\nWeather"],
    flat=True,
)
@given(
    paragraphs=st.lists(st.sampled_from(PARAGRAPHS + SHORT_PARAGRAPHS), min_size=2, max_size=6),
    before=st.lists(st.sampled_from([shape[1] for shape in SHAPES]), max_size=2),
    after=st.lists(st.sampled_from([shape[1] for shape in SHAPES]), max_size=3),
    flat=st.booleans(),
)
def test_every_article_sentence_survives(paragraphs, before, after, flat):
    text = "\n\n".join([*before, *paragraphs, *after]) + "\n"
    if flat:
        text = text.replace("\n", " ")
    ranges = find_boilerplate(text)
    for paragraph in paragraphs:
        assert _untouched(text, ranges, paragraph), (paragraph, marked_text(text, False))


ONE_LINE_ARTICLE = " ".join(PARAGRAPHS)

# Articles stored on one line, furniture and all: (text, what must be marked).
ONE_LINE_PAGES = [
    (
        "By Ann Example and Ben Sample, Associated Press EASTFIELD, England (AP) — "
        + ONE_LINE_ARTICLE
        + " (Reporting by Ann Example; Editing by Ben Sample)",
        ["(Reporting by Ann Example; Editing by Ben Sample)"],
    ),
    (
        "Stay up to date with notifications from The Evening Courier "
        + ONE_LINE_ARTICLE
        + " Sign up to our free Morning Briefing newsletter",
        [
            "Stay up to date with notifications from",
            "Sign up to our free Morning Briefing newsletter",
        ],
    ),
    (
        ONE_LINE_ARTICLE
        + " Your support helps us to tell the story. Please consider supporting us from just £1.",
        ["Your support helps us to tell the story. Please consider supporting us from just £1."],
    ),
]


@pytest.mark.parametrize(("text", "marked"), ONE_LINE_PAGES)
def test_one_line_pages_lose_their_furniture_and_keep_every_sentence(text, marked):
    ranges = find_boilerplate(text)
    assert [text[item.start : item.end] for item in ranges] == marked
    for paragraph in PARAGRAPHS:
        assert _untouched(text, ranges, paragraph), paragraph


def test_show_boilerplate_strikes_the_dropped_ranges_with_their_reason():
    text = _page("Home\nNews\nSport\nBusiness\nCulture\nWeather", True)
    shown = marked_text(text, color=False)
    assert shown.startswith("[-Home\nNews\nSport\nBusiness\nCulture\nWeather-]{")
    assert PARAGRAPHS[0] in shown
    assert "\x1b[9;2mHome\x1b[0m" in marked_text(text, color=True)


def test_facts_take_their_text_from_the_original():
    original = "He said “we will rebuild the wall” on Monday."
    blanked = Quote("we will         the wall", 9, 33, "direct", None, Span("He", 0, 2))
    restored = with_text_from(blanked, original)
    assert restored.text == "we will rebuild the wall"
    assert restored.speaker_mention == Span("He", 0, 2)


def test_show_boilerplate_on_the_command_line(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(_page("Home\nNews\nSport\nBusiness\nCulture\nWeather", True), encoding="utf-8")
    result = CliRunner().invoke(main, ["--show-boilerplate", str(page), str(tmp_path / "none")])
    assert result.exit_code == 2  # a path that does not exist is a usage error
    result = CliRunner().invoke(main, ["--show-boilerplate", str(page)])
    assert result.exit_code == 0
    assert result.output.startswith(f"==> {page} <==\n[-Home\nNews\n")
    assert "-]{user interface}" in result.output
    assert PARAGRAPHS[-1] in result.output
