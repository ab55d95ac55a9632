"""The HTML view in a real browser: headless Chromium (Debian's package) driven by Playwright.

Checks what a reader meets: every fact marked once with its text, links that scroll to the first
mention, markup in an article that runs nothing, and axe-core's accessibility rules. Screenshots
go to `test-artifacts/`; REPORT_SCREENSHOTS=docs sends the report's and the index's to `docs/`
for the README.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from html_facts import expected_facts
from test_report_html import INJECTION, VOTE

from extract import ArticleInput, article_json
from extract.facts import Quote
from extract.report_html import article_page
from extract.report_index import HtmlFolderWriter

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SAMPLE = SAMPLES / "referendum_results.txt"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing(reason: str) -> None:
    if os.environ.get("CI"):  # .ci/run installs all of it: there, a gap is a failure
        raise RuntimeError(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason, allow_module_level=True)


try:
    import playwright.sync_api as playwright_api
    from axe_playwright_python.sync_playwright import Axe
except ImportError:
    _missing("playwright or axe-playwright-python is not installed (the test extra)")
if not Path(CHROMIUM).is_file():
    _missing("chromium is not installed (Debian package chromium)")
if not SAMPLE.is_file():
    pytest.skip("no samples folder", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    # Never let Playwright fetch a browser of its own: only Debian's chromium is used.
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """Opens a file in a fresh page; records dialogs and console errors."""
    contexts = []

    def opener(path: Path, **options):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
        contexts.append(context)
        tab = context.new_page()
        tab.dialogs = []
        tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
        tab.goto(path.as_uri())
        return tab

    yield opener
    for context in contexts:
        context.close()


def screenshot(tab, name: str, for_readme: bool = True) -> Path:
    folder = ROOT / "test-artifacts"
    if for_readme:
        folder = ROOT / os.environ.get("REPORT_SCREENSHOTS", "test-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(folder / name))
    return folder / name


def serious_violations(tab) -> list[str]:
    results = Axe().run(tab)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture(scope="module")
def sample_report(extractor, tmp_path_factory) -> tuple[Path, dict]:
    text = SAMPLE.read_text(encoding="utf-8")
    article = replace(next(extractor.pipe([ArticleInput(text, source=SAMPLE.name)])), text=text)
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(article_page(article), encoding="utf-8")
    return path, article_json(article)


def test_every_fact_is_marked_once_with_its_text(open_page, sample_report):
    path, record = sample_report
    tab = open_page(path)
    marked = marked_texts(tab)
    expected = expected_facts(record)
    assert len(expected) > 50
    assert marked == {key: [text] for key, text in expected.items()}
    screenshot(tab, "report.png")


def marked_texts(tab) -> dict[tuple[str, str], list[str]]:
    found = tab.evaluate(
        """() => Array.from(document.querySelectorAll('[data-fact][data-index]'),
                 e => [e.dataset.fact, e.dataset.index, e.textContent])"""
    )
    marked = {}
    for kind, index, text in found:
        marked.setdefault((kind, index), []).append(text)
    return marked


def test_windows_line_endings_stay_in_the_marked_text(open_page, extractor, tmp_path: Path):
    text = VOTE.replace("\n", "\r\n").replace("backed the", "backed\r\nthe")
    article = replace(next(extractor.pipe([ArticleInput(text)])), text=text)
    # A quote over a line break, as one running over two lines of a paragraph would be.
    start, end = text.index("Voters"), text.index(", officials")
    article = replace(article, quotes=(Quote(text[start:end], start, end, "direct", "Ann"),))
    path = tmp_path / "crlf.html"
    path.write_text(article_page(article), encoding="utf-8", newline="")
    marked = marked_texts(open_page(path))
    assert marked == {key: [value] for key, value in expected_facts(article_json(article)).items()}
    assert "\r\n" in marked[("quote", "0")][0]


def test_panel_links_scroll_to_the_first_mention(open_page, sample_report):
    path, record = sample_report
    tab = open_page(path)
    last = len(record["percentages"]) - 1
    tab.click(f'aside a[href="#p{last}"]')
    assert tab.evaluate("location.hash") == f"#p{last}"
    assert tab.locator(f"#p{last}").is_visible()
    box = tab.locator(f"#p{last}").bounding_box()
    assert 0 <= box["y"] < 900


def test_keyboard_reaches_the_facts_and_shows_their_values(open_page, sample_report):
    tab = open_page(sample_report[0])
    # Tab reaches the skip link, then the first marked fact, whose value then shows.
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "Skip to the facts"
    tab.keyboard.press("Tab")
    focused = tab.evaluate("document.activeElement.dataset.tip")
    assert focused == "Ireland · IE · country"
    tip = tab.evaluate("getComputedStyle(document.activeElement, '::after').content")
    assert tip == '"Ireland · IE · country"'
    # The skip link leads to the side panel.
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "facts"


def test_furniture_is_collapsed_and_expands(open_page, sample_report):
    tab = open_page(sample_report[0])
    button = tab.locator(".boiler-toggle").first
    hidden_text = tab.locator(".boiler-text").first
    assert button.inner_text() == "skipped: byline"
    assert not hidden_text.is_visible()
    button.press("Enter")
    assert hidden_text.is_visible() and button.get_attribute("aria-expanded") == "true"


def test_report_passes_axe(open_page, sample_report):
    tab = open_page(sample_report[0])
    assert serious_violations(tab) == []


def test_markup_in_an_article_runs_nothing(open_page, extractor, tmp_path: Path):
    source = '<img src=x onerror="window.pwned=5">.txt'
    article = next(extractor.pipe([ArticleInput(INJECTION, source=source)]))
    path = tmp_path / "injection.html"
    path.write_text(article_page(replace(article, text=INJECTION)), encoding="utf-8")
    tab = open_page(path)
    for link in tab.locator("main a, aside a").all():
        link.click()
    assert tab.dialogs == []
    assert tab.evaluate("typeof window.pwned") == "undefined"
    injected = "main img, main script, main svg, main a, main iframe, header img, title img"
    assert tab.locator(injected).count() == 0
    assert tab.locator("script").count() == 1  # the page's own
    assert '<script>window.pwned = 1; alert("x")</script>' in tab.inner_text("main")
    assert tab.inner_text("h1") == source
    screenshot(tab, "injection.png", for_readme=False)


def test_index_of_the_samples_folder(open_page, extractor, tmp_path: Path):
    samples = sorted(SAMPLES.glob("*.txt"))
    writer = HtmlFolderWriter(tmp_path / "site")
    records = []
    for path in samples:
        text = path.read_text(encoding="utf-8")
        article = next(extractor.pipe([ArticleInput(text, source=str(path.relative_to(ROOT)))]))
        writer.write(replace(article, text=text))
        records.append(article_json(article))
    writer.close()
    tab = open_page(tmp_path / "site" / "index.html")
    rows = tab.locator("main table").first.locator("tbody tr")
    assert rows.count() == len(samples)
    first_row = rows.first.locator("td").all_inner_texts()
    counts = [str(len(records[0][key])) for key in ("quotes", "speakers", "dates")]
    assert first_row[2:5] == counts
    assert serious_violations(tab) == []
    screenshot(tab, "index.png")
    # Every link leads to an existing page, and an anchor to an element on it.
    hrefs = tab.evaluate("Array.from(document.querySelectorAll('a'), a => a.getAttribute('href'))")
    assert len(hrefs) > len(samples)
    for href in hrefs:
        page_name, _, anchor = href.partition("#")
        target = (tmp_path / "site" / page_name).read_text(encoding="utf-8")
        assert not anchor or f'id="{anchor}"' in target, href
    rows.first.locator("a").click()
    assert tab.url.endswith(f"/{samples[0].stem}.html")
    assert tab.locator("[data-fact]").count() > 0
