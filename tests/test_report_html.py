"""The HTML reading view and the table view, read back as text (the browser test is separate)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from html_facts import expected_facts, fact_elements

from cli import main
from extract import ArticleInput, article_json
from extract.facts import Article, Percentage, Quote, Span
from extract.render import TableWriter
from extract.report_common import shorten, window
from extract.report_html import CSP, SCRIPT, STYLE, _sha256, article_page
from extract.report_index import HtmlFolderWriter, is_folder_target
from extract.report_marks import LAYER_FACT, LAYER_QUOTE, Mark, marked_paragraphs

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"

INJECTION = (
    "Published: 3 March 2022\n\n"
    '<script>window.pwned = 1; alert("x")</script> The mayor of Leeds, Anna Berg, said on '
    "Tuesday that 45% of residents backed the plan.\n\n"
    '“<img src=x onerror="window.pwned = 2">We have waited long enough,” Ms Berg told reporters. '
    '<a href="javascript:window.pwned = 3">Read more</a>\n'
    '"><svg onload="window.pwned = 4"> &lt;b&gt; and &amp; stay as written.\n'
)


VOTE = (
    "Published: 3 March 2022\n\nVoters in Kherson backed the change with 87% of the vote, "
    "officials said.\n\n“We have waited long enough,” Anna Berg told reporters in Leeds.\n"
)


def quote_mark(start: int, end: int) -> Mark:
    return Mark(start, end, LAYER_QUOTE, "span", (("class", "quote"),))


def fact_mark(start: int, end: int) -> Mark:
    return Mark(start, end, LAYER_FACT, "mark", (("id", f"f{start}"),))


@pytest.mark.parametrize(
    ("text", "marks", "paragraphs"),
    [
        # A date inside a quote nests inside it.
        (
            "He said we go on Monday now",
            [fact_mark(17, 23), quote_mark(8, 23)],
            ['He said <span class="quote">we go on <mark id="f17">Monday</mark></span> now'],
        ),
        # Equal spans: the quote-layer mark is the outer one.
        (
            "Leeds said no",
            [fact_mark(0, 5), quote_mark(0, 5)],
            ['<span class="quote"><mark id="f0">Leeds</mark></span> said no'],
        ),
        # A mark crossing the end of another is cut there and goes on as a continued piece.
        (
            "abcdefghij",
            [quote_mark(0, 6), fact_mark(4, 8)],
            [
                '<span class="quote">abcd<mark id="f4">ef</mark></span>'
                '<mark data-cont="">gh</mark>ij'
            ],
        ),
        # Line breaks outside marks make paragraphs; inside a mark they stay.
        (
            "One.\n\nTwo starts\nand ends.\nThree.",
            [quote_mark(6, 20)],
            ["One.", '<span class="quote">Two starts\nand</span> ends.', "Three."],
        ),
        # A carriage return stays one: HTML parsing would make a bare one a line feed.
        ("a\r\nb c\r\n", [quote_mark(0, 4)], ['<span class="quote">a&#13;\nb</span> c&#13;']),
        # Markup in the text is text.
        ("<b>x</b> & y", [fact_mark(3, 4)], ['&lt;b&gt;<mark id="f3">x</mark>&lt;/b&gt; &amp; y']),
    ],
)
def test_marks_nest_and_paragraphs_break_outside_them(text, marks, paragraphs):
    assert marked_paragraphs(text, marks) == paragraphs


def test_csp_allows_only_the_page_own_style_and_script():
    assert f"style-src {_sha256(STYLE)}" in CSP
    assert f"script-src {_sha256(SCRIPT)}" in CSP
    assert "unsafe-inline" not in CSP and "default-src 'none'" in CSP


@pytest.fixture(scope="module")
def injected(extractor) -> Article:
    article = next(extractor.pipe([ArticleInput(INJECTION, source="<script>x</script>.txt")]))
    return replace(article, text=INJECTION)


def test_markup_in_the_article_renders_as_text(injected: Article):
    page = article_page(injected)
    assert page.count("<script") == 1  # the page's own, whose hash the CSP allows
    assert "<img" not in page and "<svg" not in page and '<a href="javascript' not in page
    assert "&lt;script&gt;window.pwned = 1" in page
    assert "&amp;lt;b&amp;gt; and &amp;amp; stay" in page
    # The facts found around the markup are still marked.
    parser = fact_elements(page)
    assert parser.found[("percentage", "0")] == ["45%"]
    assert set(parser.tags) <= {
        *("html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p"),
        *("div", "main", "aside", "ul", "ol", "li", "a", "span", "mark", "button", "script"),
        *("table", "thead", "tbody", "tr", "th", "td"),
    }


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="no samples folder")
@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_every_fact_has_exactly_one_element_with_its_text(extractor, sample: str):
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    article = replace(next(extractor.pipe([ArticleInput(text, source=sample)])), text=text)
    found = fact_elements(article_page(article)).found
    expected = expected_facts(article_json(article))
    assert expected
    for key, fact_text in expected.items():
        assert found[key] == [fact_text], key
    assert set(found) == set(expected)


def test_folder_writer_writes_a_page_per_article_and_an_index(extractor, tmp_path: Path):
    texts = {"a.txt": VOTE, "b/a.txt": VOTE.replace("Kherson", "Zaporizhzhia")}
    writer = HtmlFolderWriter(tmp_path / "out")
    for source, text in texts.items():
        article = next(extractor.pipe([ArticleInput(text, source=source)]))
        writer.write(replace(article, text=text))
    writer.close()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "a-2.html",
        "a.html",
        "index.html",
    ]
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="a.html"' in index and 'href="a-2.html"' in index
    assert re.search(
        r"<li><strong>Anna Berg</strong> <span class=\"muted\">2 quotes</span>: "
        r"<a href=\"a.html#q1\">a.txt</a>, <a href=\"a-2.html#q1\">b/a.txt</a></li>",
        index,
    )
    # Each vote share links to its figure in its article.
    assert re.search(
        r"<td>Kherson</td><td>–</td><td class=\"num\">87%</td><td><a href=\"a.html#p0\"", index
    )
    assert '<a href="a-2.html#p0">b/a.txt</a>' in index
    assert 'href="index.html"' in (tmp_path / "out" / "a.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("output", "is_folder"), [("out", True), ("out/", True), ("page.html", False), ("p.HTM", False)]
)
def test_output_is_a_folder_unless_it_names_an_html_file(output: str, is_folder: bool):
    assert is_folder_target(output) is is_folder


def test_cli_html_folder_and_single_page(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.txt").write_text(INJECTION, encoding="utf-8")
    (tmp_path / "in" / "two.txt").write_text("Nothing happened in Paris.", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(
        main, ["--format", "html", "-o", str(tmp_path / "site"), str(tmp_path / "in")]
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == [
        "index.html",
        "one.html",
        "two.html",
    ]
    single = runner.invoke(main, ["--format", "html", str(tmp_path / "in" / "two.txt")])
    assert single.exit_code == 0
    assert fact_elements(single.stdout).found[("place", "0.0")] == ["Paris"]
    wrong = runner.invoke(main, ["--jsonl", "-o", str(tmp_path / "site"), str(tmp_path / "in")])
    assert wrong.exit_code == 2 and "is a folder" in wrong.stderr
    several = runner.invoke(main, ["--format", "html", str(tmp_path / "in")])
    assert several.exit_code == 2 and "use -o DIR" in several.stderr and several.stdout == ""


def test_json_output_carries_no_text_unless_a_view_needs_it(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Nothing happened in Paris.", encoding="utf-8")
    result = CliRunner().invoke(main, ["--jsonl", str(tmp_path / "a.txt")])
    assert "text" not in json.loads(result.stdout)
    assert json.loads(result.stdout)["places"][0]["name"] == "Paris"


LONG = "word " * 80


def table_of(article: Article) -> str:
    from io import StringIO

    out = StringIO()
    writer = TableWriter(out, color=False)
    writer.console.width = 200
    writer.write(article)
    return out.getvalue()


def test_table_lists_quotes_in_text_order_shortened_with_cue():
    text = f"“{LONG}” she said. “Short one,” Tom Ray said."
    second = text.index("Short one")
    article = Article(
        source="t.txt",
        id=None,
        published=None,
        quotes=(
            Quote("Short one", second, second + 9, "direct", "Tom Ray", cue=Span("said", 0, 0)),
            Quote(
                LONG.strip(),
                1,
                1 + len(LONG.strip()),
                "direct",
                "Ann Lee",
                speaker_mention=Span("she", 0, 0),
                cue=Span("said", 0, 0),
            ),
        ),
        text=text,
    )
    table = table_of(article)
    assert table.index("Ann Lee (“she”)") < table.index("Tom Ray")
    assert "word word…" in table and LONG.strip() not in table
    assert "0 percentages" in table and "published unknown" in table


def test_table_shows_figures_as_written_with_a_short_window():
    text = (
        "In a long opening clause about many things, "
        "the lead widened to 30 points in Ohio after the count."
    )
    start = text.index("30 points")
    figure = Percentage("30 points", start, start + 9, 30, "margin", "Ohio", unit="points")
    table = table_of(Article(source="t", id=None, published=None, percentages=(figure,), text=text))
    assert "| 30 points | margin | Ohio" in table
    assert "…about many things, the lead widened to 30 points in Ohio after the count." in table


def test_shorten_and_window():
    assert shorten("a  b\nc", 10) == "a b c"
    assert shorten("alpha beta gamma delta", 12) == "alpha beta…"
    text = "First.\nThe count ended on Tuesday night, and so on and so on and so on and so on.\n"
    start = text.index("Tuesday")
    assert (
        window(text, start, start + 7)
        == "The count ended on Tuesday night, and so on and so on and so on…"
    )


def test_status_line_is_cleared_before_each_report_and_drawn_after():
    from io import StringIO

    out, status = StringIO(), StringIO()
    writer = TableWriter(out, color=False, status=status)
    for source in ("a.txt", "b.txt"):
        writer.write(Article(source=source, id=None, published=None, text=""))
    writer.close()
    drawn = status.getvalue().split("\x1b[2K\r")
    assert [line.split(",")[0] for line in drawn] == ["extract: 1 done", "extract: 2 done", ""]
    assert drawn[1].endswith("· b.txt\r")
    assert "extract:" not in out.getvalue()  # the report itself stays clean
