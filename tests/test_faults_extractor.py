"""No single fact sinks an article: readers isolated, dates outside the calendar, huge texts read
in pieces, the publication date as the API takes it, and the language check on any script."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from spans import assert_offsets

from extract import Extractor, article_json, cli_utils, extract_text
from extract import extractor as extractor_module
from extract.cli_utils import ExtractorSettings, PiecesDone, run
from extract.extractor import NO_PUBLISHED_WARNING, NOT_ENGLISH, ArticleInput, as_date

QUOTE = "“We will not back down,” said Maria Lopez, the mayor of Valencia, on Monday.\n\n"


def test_a_date_outside_the_calendar_is_null_and_the_article_is_kept(extractor):
    text = "Tools from 2500 years ago were found near Valencia on 3 March 2021, Maria Lopez said."
    article = extractor.extract_text(text, published="2023-01-01")
    assert [(m.text, m.value) for m in article.dates] == [
        ("2500 years ago", None),
        ("3 March 2021", "2021-03-03"),
    ]
    assert [place.name for place in article.places] == ["Valencia"]
    assert article.warnings == ()


@pytest.mark.parametrize("reader", ["places", "quotes", "dates", "percentages"])
def test_a_failing_reader_loses_only_its_own_facts(extractor, monkeypatch, reader):
    text = QUOTE + "Turnout in Spain reached 61.5% on 3 October 2022.\n"
    whole = extractor.extract_text(text)

    def broken(*args, **kwargs):
        raise RuntimeError("broken on purpose")

    module = getattr(extractor_module, reader)
    function = {"places": "find_places", "quotes": "find_quotes", "dates": "find_dates"}
    monkeypatch.setattr(module, function.get(reader, "find_percentages"), broken)
    article = extractor.extract_text(text)
    expected = (f"{reader} not read (RuntimeError: broken on purpose)",)
    if reader == "dates":  # with no date read, none is known: the article says so
        expected += (NO_PUBLISHED_WARNING,)
    assert article.warnings == expected
    assert getattr(article, reader) == ()
    for other in {"places", "quotes", "dates", "percentages"} - {reader}:
        if not (reader == "places" and other == "percentages"):  # figures read places
            assert getattr(article, other) == getattr(whole, other), other
    assert whole.quotes and whole.dates and whole.places and whole.percentages


@pytest.mark.parametrize(
    "published",
    [
        "2019-11-20",
        " 2019-11-20 ",
        "2019-11-20T08:30:00+01:00",
        date(2019, 11, 20),
        datetime(2019, 11, 20, 8, 30),
    ],
)
def test_published_is_an_iso_string_a_date_or_a_datetime(extractor, published):
    assert as_date(published) == date(2019, 11, 20)
    other = Extractor(published=published, nlp=extractor.nlp)
    article = other.extract_text("The bridge reopened yesterday, officials said.")
    assert (article.published.value, article.published.origin) == ("2019-11-20", "option")
    assert [mention.value for mention in article.dates] == ["2019-11-19"]
    given = extract_text("The bridge reopened yesterday.", published=published)
    assert [mention.value for mention in given.dates] == ["2019-11-19"]


@pytest.mark.parametrize("published", [20191120, "20/11/2019", "yesterday", 2019.5, ["2019"]])
def test_published_of_another_kind_is_a_clear_value_error(extractor, published):
    with pytest.raises(ValueError, match="published must be an ISO date string"):
        Extractor(published=published, nlp=extractor.nlp)
    with pytest.raises(ValueError, match=r"YYYY-MM-DD\), a date or a datetime"):
        extractor.extract_text("Text.", published=published)


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("北京市政府周二表示，这座桥将在五月重新开放。市长说，我们已经等得够久了。", True),
        ("東京都は火曜日、橋が五月に再開すると発表した。市長は十分に待ったと述べた。", True),
        ("Москва объявила во вторник, что мост будет вновь открыт в мае этого года.", True),
        ("The mayor of Leeds said on Tuesday that the bridge would reopen in May.", False),
        ("The mayor said 北京 reopened the bridge on Tuesday after a long wait, in May.", False),
        ("北京 said so.", False),  # too few letters to judge
    ],
)
def test_text_in_another_script_is_flagged_as_not_english(extractor, text, warned):
    article = extractor.extract_text(text)
    assert (NOT_ENGLISH in article.warnings) is warned


def _huge_text(paragraphs: int) -> str:
    return "".join(
        QUOTE.replace("Monday", f"Monday {n % 28 + 1} May 2022") for n in range(paragraphs)
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_huge_text_is_read_in_pieces_with_offsets_right(extractor, monkeypatch, jobs):
    """Small pieces stand in for a huge text: the same facts as the extractor's own pieces,
    progress reported piece by piece; with two jobs the pieces go to the workers."""
    monkeypatch.setattr(cli_utils, "HUGE_CHARS", 1_000)
    monkeypatch.setattr(cli_utils, "BATCH_CHARS", 700)
    monkeypatch.setattr(extractor_module, "PIECE_CHARS", 300)
    text = _huge_text(40)
    item = ArticleInput(text=text, source="huge.txt", published="2022-06-01")
    results = list(
        run([ArticleInput(text=QUOTE, source="before.txt"), item], ExtractorSettings(), jobs)
    )
    before, *progress, spilled = results
    article = spilled.article()  # a huge text's record comes spilled to disk
    assert before.source == "before.txt"
    pieces = len(extractor_module.split_into_pieces(text, 300))
    assert pieces > 10
    assert [event.done for event in progress][-1] == pieces
    assert all(isinstance(event, PiecesDone) and event.total == pieces for event in progress)
    assert len(progress) < pieces  # a batch of several pieces at a time
    small = Extractor(nlp=extractor.nlp)
    small.piece_chars = 300
    expected = next(small.pipe([item]))
    assert article == expected
    assert len(article.quotes) == 40 and len(article.dates) == 40
    assert_offsets(article_json(article), text)


def test_the_parser_gets_batches_bounded_by_characters(extractor, monkeypatch):
    seen: list[int] = []
    real_pipe = extractor.nlp.pipe

    def counting_pipe(texts, **kwargs):
        if not kwargs.get("as_tuples"):  # spaCy's own inner call
            return real_pipe(texts, **kwargs)
        batch = list(texts)
        seen.append(sum(len(text) for text, _ in batch))
        return real_pipe(batch, **kwargs)

    monkeypatch.setattr(extractor_module, "BATCH_CHARS", 1_000)
    monkeypatch.setattr(extractor.nlp, "pipe", counting_pipe)
    articles = list(extractor.pipe([QUOTE * 3] * 12))
    assert len(articles) == 12
    assert len(seen) > 1 and max(seen) <= 1_000
