"""The extraction driver: pieces for long texts, offsets, and robustness on arbitrary input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spans import assert_offsets

from extract import Article, Extractor, article_json
from extract.extractor import split_into_pieces

PARAGRAPH = (
    "“We will not back down,” said Maria Lopez, the mayor of Valencia, on Monday 3 October 2022. "
    "Turnout in Spain reached 61.5%, officials said.\n\n"
)


def assert_article_offsets(article: Article, text: str) -> None:
    assert_offsets(article_json(article), text)


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, ["short"]),
        ("one two three four", 10, ["one two ", "three four"]),
        ("aaaaaa\n\nbb cc dd", 10, ["aaaaaa\n\n", "bb cc dd"]),
        ("abcdefghijklmnop", 5, ["abcde", "fghij", "klmno", "p"]),
        ("", 5, [""]),
    ],
)
def test_split_into_pieces(text: str, limit: int, expected: list[str]):
    assert split_into_pieces(text, limit) == expected


def test_text_longer_than_max_length_is_processed_in_pieces_with_offsets_right(extractor):
    text = PARAGRAPH * 60  # about 8,500 characters, cut at paragraph breaks into 9 pieces
    short_pieces = Extractor(nlp=extractor.nlp)
    short_pieces.piece_chars = 1_000
    whole = extractor.extract_text(text)
    pieced = short_pieces.extract_text(text)
    assert_article_offsets(pieced, text)
    assert len(pieced.quotes) >= 60
    assert pieced.quotes[-1].start > 8_000
    assert (pieced.quotes, pieced.dates, pieced.percentages, pieced.places) == (
        whole.quotes,
        whole.dates,
        whole.percentages,
        whole.places,
    )


def test_empty_and_whitespace_texts_give_empty_articles(extractor):
    for text in ("", " \n\n\t"):
        article = extractor.extract_text(text)
        assert (article.quotes, article.dates, article.places, article.percentages) == ((),) * 4


def test_non_english_text_is_flagged(extractor):
    text = (
        "Der Bundeskanzler hat am Mittwoch in Berlin erklärt, dass die Regierung die Reform "
        "noch vor dem Sommer beschließen werde. Die Opposition kritisierte den Plan scharf und "
        "forderte eine Abstimmung im Bundestag. Nach Angaben des Ministeriums soll das Gesetz "
        "im Herbst in Kraft treten. Beobachter rechnen mit heftigen Debatten in den Ländern."
    )
    assert "does not look like English" in " ".join(extractor.extract_text(text).warnings)
    assert extractor.extract_text(PARAGRAPH * 3, published="2022-03-03").warnings == ()


MARKS = "“”\"'‘’«»„\n "
pieces_of_text = st.one_of(
    st.text(max_size=80),
    st.sampled_from(list(MARKS)),
    st.sampled_from([PARAGRAPH, "he said", "Truss", "87.05%", "on Tuesday, Sep. 27", "\x00"]),
    st.text(alphabet=st.characters(categories=["Cc", "Zs", "Po", "Pi", "Pf"]), max_size=20),
    st.just("word " * 400),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(pieces_of_text, max_size=12).map("".join))
def test_any_text_never_raises_and_every_span_points_at_its_text(extractor, text):
    article = extractor.extract_text(text)
    assert_article_offsets(article, text)


def test_pipe_takes_plain_texts_and_keeps_their_order(extractor):
    texts = ["Turnout in Spain reached 61.5%.", "", "Inflation in France rose to 5.2%."]
    articles = list(extractor.pipe(texts))
    assert [[p.text for p in a.percentages] for a in articles] == [["61.5%"], [], ["5.2%"]]


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (
            "Voters back reform as turnout rises\n\nBy Jane Roe\n\nVoters approved it.",
            "By Jane Roe",
        ),
        (
            "CBC News · Posted: Oct 20, 2024 1:15 AM PT\n\nBritish Columbia's NDP under David Eby "
            "was clinging to a razor-thin lead early Sunday as votes were still being counted.",
            "British Columbia's NDP under David Eby was clinging to a razor-thin lead early Sunday "
            "as votes were still being counted.",
        ),
        (
            "The minister said\nthat the bill would pass.",
            "The minister said\nthat the bill would pass.",
        ),
    ],
)
def test_a_line_opens_a_sentence_unless_it_goes_on_in_lower_case(nlp, text, sentence):
    assert sentence in [found.text.strip() for found in nlp(text).sents]
