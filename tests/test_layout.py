"""The layout model: lines, paragraphs, blocks, sentences, headline, byline, dateline and lede."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.layout import LONG_LINE_CHARS, layout_of, sentences

ARTICLE = (
    "Council backs tram line\n"
    "By Ann Example\n"
    "\n"
    "LEEDS (Reuters) — Councillors in Leeds voted for the new tram scheme on Thursday after a"
    " long debate about its cost.\n"
    "\n"
    "Mr. Smith said the U.S. firm would bid. Work starts in Sep. 2025! Will it? Yes.\n"
)


def test_lines_and_paragraphs():
    layout = layout_of(ARTICLE)
    assert [line.text for line in layout.lines][:2] == ["Council backs tram line", "By Ann Example"]
    assert [(p.first, p.last) for p in layout.paragraphs] == [(0, 1), (2, 2), (3, 3)]
    first = layout.paragraphs[0]
    assert ARTICLE[first.start : first.end] == "Council backs tram line\nBy Ann Example"


def test_headline_byline_dateline_and_lede():
    layout = layout_of(ARTICLE)
    assert layout.headline.text == "Council backs tram line"
    assert layout.byline.text == "By Ann Example"
    start, end = layout.dateline
    assert ARTICLE[start:end] == "LEEDS (Reuters) — "
    assert layout.lede.text.startswith("LEEDS (Reuters) — Councillors")


def test_a_lede_without_dateline_has_none():
    layout = layout_of(
        "Storm hits coast\n\nThe storm reached the coast at dawn and closed roads in three towns.\n"
    )
    assert layout.dateline is None
    assert (
        layout.lede.text == "The storm reached the coast at dawn and closed roads in three towns."
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Mr. Smith said the U.S. firm would bid. Work starts in Sep. 2025! Will it? Yes.",
            [
                "Mr. Smith said the U.S. firm would bid.",
                "Work starts in Sep. 2025!",
                "Will it?",
                "Yes.",
            ],
        ),
        ("“We rebuild.” - The council said so.", ["“We rebuild.”", "- The council said so."]),
        ("J. K. Rowling wrote it.", ["J. K. Rowling wrote it."]),
    ],
)
def test_sentences(line, expected):
    block = layout_of(line).lines[0]
    assert [sentence.text for sentence in sentences(block)] == expected


def test_a_text_without_line_breaks_is_read_as_sentences():
    text = " ".join(["The council met on Tuesday and voted for the plan."] * 40)
    assert len(text) > LONG_LINE_CHARS
    layout = layout_of(text)
    assert len(layout.blocks) == 40
    assert layout.unbroken_lines == {0}
    assert layout.blocks[1].text == "The council met on Tuesday and voted for the plan."


@given(st.text(alphabet=st.sampled_from("ab .!?\n\u200bAB“”"), max_size=300))
def test_every_block_and_sentence_is_its_slice_of_the_text(text):
    layout = layout_of(text)
    for block in [*layout.lines, *layout.blocks]:
        assert text[block.start : block.end] == block.text
        for sentence in sentences(block):
            assert text[sentence.start : sentence.end] == sentence.text
