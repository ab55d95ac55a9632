"""A huge text's record, spilled to disk piece by piece and streamed into one JSON line, is the
record the in-memory path gives, byte for byte (small pieces stand in for a huge text)."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner
from spans import assert_offsets

from cli import main
from extract import Extractor, article_json, boilerplate, cli_utils, spill
from extract import extractor as extractor_module
from extract.cli_utils import ExtractorSettings, PiecesDone, run
from extract.extractor import ArticleInput
from extract.facts import Boilerplate
from extract.render import json_line
from extract.spill import SpilledArticle

PARAGRAPH = (
    "“We will not back down,” said Maria Lopez, the mayor of Valencia, on Monday {day} May 2022."
    "\n\nTurnout reached {share},5% in Ohio and 40% in Texas, officials in Paris said 🙂.\n\n"
    "Share this article\n\n"
)


def _huge_text(paragraphs: int) -> str:
    return "".join(
        ("Crowds gathered in Lyon, Marseille and Lyon again.\n\n" if n % 3 == 0 else "")
        + PARAGRAPH.format(day=n % 28 + 1, share=50 + n % 40)
        for n in range(paragraphs)
    )


def _streamed(spilled: SpilledArticle, **layout) -> str:
    out = io.StringIO()
    spilled.write_json(out, **layout)
    return out.getvalue()


@pytest.fixture
def small_pieces(monkeypatch):
    """Texts over 1,000 characters count as huge and are read in pieces of 300."""
    monkeypatch.setattr(cli_utils, "HUGE_CHARS", 1_000)
    monkeypatch.setattr(cli_utils, "BATCH_CHARS", 700)
    monkeypatch.setattr(extractor_module, "PIECE_CHARS", 300)
    monkeypatch.setattr(spill, "TEXT_CHUNK_CHARS", 7)  # the text, too, written in many chunks
    monkeypatch.setattr(spill, "MENTIONS_PER_PASS", 5)  # mentions read back in many passes


@pytest.mark.parametrize("with_text", [False, True])
def test_the_streamed_record_is_the_in_memory_record(extractor, small_pieces, with_text):
    text = _huge_text(30)
    item = ArticleInput(text=text, source="huge.txt", published="2022-06-01")
    *progress, spilled = run([item], ExtractorSettings(with_text=with_text), 1)
    assert isinstance(spilled, SpilledArticle)
    assert progress and all(isinstance(event, PiecesDone) for event in progress)
    in_memory = Extractor(nlp=extractor.nlp, with_text=with_text)
    in_memory.piece_chars = 300
    expected = next(in_memory.pipe([item]))
    assert spilled.article() == expected
    assert _streamed(spilled) == json_line(expected)
    whole = json.dumps(article_json(expected), ensure_ascii=False, indent=2)
    assert _streamed(spilled, indent=2) == whole
    assert _streamed(spilled, indent=2, level=1) == whole.replace("\n", "\n  ")
    record = json.loads(_streamed(spilled))
    spilled.close()
    assert (len(record["quotes"]), len(record["dates"]), len(record["percentages"])) == (60, 30, 60)
    assert record["boilerplate"] and ("text" in record) is with_text
    mentioned = {place["name"]: len(place["mentions"]) for place in record["places"]}
    assert list(mentioned.items())[-2:] == [("Lyon", 20), ("Marseille", 10)]
    assert len(record["speakers"][0]["mentions"]) == 30


def test_a_huge_text_through_the_command_line_is_one_valid_line(small_pieces, tmp_path):
    text = _huge_text(25)
    path = tmp_path / "huge.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["--jsonl", "--published", "2022-06-01", str(path)])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    record = json.loads(line)
    assert len(record["quotes"]) == 50 and len(record["percentages"]) == 50
    days = [mention["value"] for mention in record["dates"]]
    assert days == [f"2022-05-{day:02d}" for day in range(1, 26)]
    assert record["percentages"][0]["value"] == 50.5
    assert_offsets(record, text)


@pytest.mark.parametrize("output_format", ["json", "csv"])
def test_other_formats_get_the_whole_record(small_pieces, tmp_path, output_format):
    text = _huge_text(12)
    path = tmp_path / "huge.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["--format", output_format, str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Maria Lopez") >= 12


@pytest.mark.parametrize("limit", [7, 40, 300, 10_000])
def test_pieces_masked_one_at_a_time_are_the_masked_text(limit):
    text = _huge_text(4)
    ranges = [Boilerplate(5, 90, "made up: across pieces"), Boilerplate(120, 121, "one")]
    ranges += boilerplate.find_boilerplate(text)[1:]
    starts = extractor_module.piece_starts(text, limit)
    pieces = list(extractor_module.masked_pieces(text, ranges, starts))
    assert "".join(pieces) == boilerplate.mask(text, ranges)
    assert len(pieces) == len(starts) and max(map(len, pieces)) <= limit


def test_a_long_text_is_cleaned_a_window_at_a_time(monkeypatch):
    """Each window finds its own "Share this article" lines, at offsets into the whole text."""
    whole = boilerplate.find_boilerplate
    windows: list[int] = []

    def counted(window: str) -> list[Boilerplate]:
        windows.append(len(window))
        return whole(window)

    monkeypatch.setattr(extractor_module, "BOILERPLATE_WINDOW_CHARS", 1_000)
    monkeypatch.setattr(boilerplate, "find_boilerplate", counted)
    text = _huge_text(20)
    ranges = extractor_module.find_boilerplate(text)
    assert len(windows) > 3 and max(windows) <= 1_000
    assert [text[found.start : found.end] for found in ranges] == ["Share this article"] * 20
    assert ranges == whole(text)


def test_a_json_array_streams_the_huge_record_among_others(small_pieces, tmp_path):
    text = _huge_text(12)
    (tmp_path / "a.txt").write_text(PARAGRAPH.format(day=3, share=60), encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    (tmp_path / "c.txt").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["--json", "--published", "2022-06-01", str(tmp_path)])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [len(record["quotes"]) for record in records] == [2, 24, 24]
    assert records[1] == records[2] | {"source": records[1]["source"]}
    assert_offsets(records[2], text)
