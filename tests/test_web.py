"""Web inputs: HTML pages, URLs, WARC archives, gzip and `.jsonl` markup, as a user meets them.

Pages are written here; URLs are served by a local http.server on 127.0.0.1, never the network.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import jsonschema
import pytest
from click.testing import CliRunner
from spans import assert_offsets

from cli import main
from extract import web
from extract.extractor import NO_PUBLISHED_WARNING

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "extract" / "article.schema.json").read_text(encoding="utf-8"))

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Leeds bridge to reopen in May, mayor says | The Northern Courier</title>
<meta property="og:title" content="Leeds bridge to reopen in May, mayor says">
<meta property="og:site_name" content="The Northern Courier">
<meta name="author" content="Jane Holt">
<meta property="article:published_time" content="2022-03-03T09:30:00+00:00">
<link rel="canonical" href="https://courier.example/news/leeds-bridge">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<header><div class="logo">The Northern Courier</div>
<a href="/subscribe">Subscribe now for only £1 a week</a></header>
<main><article>
<h1>Leeds bridge to reopen in May, mayor says</h1>
<p class="byline">By Jane Holt</p>
<p>The mayor of Leeds, Anna Berg, said on Tuesday that the Crown Point bridge would reopen to
traffic in May, two years after it was closed for repairs.</p>
<p>&ldquo;We have waited long enough,&rdquo; Ms Berg told reporters at the town hall.
&ldquo;The people of this city deserve a bridge that works.&rdquo;</p>
<p>A survey by the council found that 71&#37; of residents wanted the bridge reopened before the
summer, while 18&#37; said the work should take as long as it needed.</p>
<p>Engineers said the last stage of the work, resurfacing the deck, would begin next week and
take about six weeks if the weather held.</p>
<ul><li>Closed: March 2020</li><li>Cost of repairs: £14 million</li></ul>
<p>Local businesses on both sides of the river have complained that the closure cost them
trade, and the council set up a fund last month to help the hardest hit.</p>
</article></main>
<aside><h2>Most read</h2><ol><li><a href="/a">Storm warnings for the weekend</a></li>
<li><a href="/b">Council tax to rise by 3%</a></li></ol></aside>
<footer><p>&copy; 2022 The Northern Courier. All rights reserved.</p>
<a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body>
</html>
"""

# The article text the page gives: headline and paragraphs apart by blank lines, list items one
# a line, entities decoded, the page's furniture gone.
PAGE_TEXT = (
    "Leeds bridge to reopen in May, mayor says\n\n"
    "The mayor of Leeds, Anna Berg, said on Tuesday that the Crown Point bridge would reopen to "
    "traffic in May, two years after it was closed for repairs.\n\n"
    "“We have waited long enough,” Ms Berg told reporters at the town hall. "
    "“The people of this city deserve a bridge that works.”\n\n"
    "A survey by the council found that 71% of residents wanted the bridge reopened before the "
    "summer, while 18% said the work should take as long as it needed.\n\n"
    "Engineers said the last stage of the work, resurfacing the deck, would begin next week and "
    "take about six weeks if the weather held.\n\n"
    "Closed: March 2020\nCost of repairs: £14 million\n\n"
    "Local businesses on both sides of the river have complained that the closure cost them "
    "trade, and the council set up a fund last month to help the hardest hit."
)
PAGE_META = {
    "title": "Leeds bridge to reopen in May, mayor says",
    "author": "Jane Holt",
    "sitename": "The Northern Courier",
    "url": "https://courier.example/news/leeds-bridge",
    "language": "en",
}
PAGE_PUBLISHED = {"value": "2022-03-03", "origin": "metadata", "text": None, "start": None,
                  "end": None}  # fmt: skip

UNCANONICAL_PAGE = PAGE.replace('<link rel="canonical"', '<link rel="x"')
UNDATED_PAGE = PAGE.replace(
    '<meta property="article:published_time" content="2022-03-03T09:30:00+00:00">', ""
)
EMPTY_PAGE = (
    "<!DOCTYPE html><html><head><title>Gallery</title><script>var x = 1;</script></head>"
    '<body><img src="a.jpg"><img src="b.jpg"></body></html>'
)


def invoke(*args: str, stdin: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def assert_page_record(record: dict, source: str) -> None:
    jsonschema.validate(record, SCHEMA)
    assert record["source"] == source
    assert record["text"] == PAGE_TEXT
    assert record["meta"] == PAGE_META  # the page's canonical URL, wherever it came from
    assert record["published"] == PAGE_PUBLISHED
    assert_offsets(record, record["text"])


# --- Files, folders, standard input ----------------------------------------------------------


@pytest.mark.parametrize(
    "name, data",
    [
        ("page.html", PAGE.encode()),
        ("page.htm", PAGE.encode()),
        ("saved-page", PAGE.encode()),  # no suffix: known by how it opens
        ("page.txt", b"\xef\xbb\xbf<!-- saved from url=(0040)x -->\n" + PAGE.encode()),
        ("page.html.gz", gzip.compress(PAGE.encode())),
        ("page.gz", gzip.compress(PAGE.encode())),  # gzip known by content too
    ],
)
def test_html_file_gives_article_text_metadata_and_date(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    result = invoke("--jsonl", str(path))
    assert result.exit_code == 0, result.stderr
    [record] = lines(result.stdout)
    assert_page_record(record, str(path))
    assert [p["text"] for p in record["percentages"]] == ["71%", "18%"]
    quote = next(q for q in record["quotes"] if q["kind"] == "direct")
    assert (quote["text"], quote["speaker"]) == ("We have waited long enough", "Anna Berg")
    tuesday = next(d for d in record["dates"] if d["text"] == "Tuesday")
    assert tuesday["value"] == "2022-03-01"  # resolved against the page's own date
    assert result.stderr == ""


def test_html_in_a_folder_and_on_stdin(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Plain text, published 3 March 2022.", encoding="utf-8")
    (tmp_path / "b.html").write_text(PAGE, encoding="utf-8")
    folder = lines(invoke("--jsonl", str(tmp_path)).stdout)
    assert [r["source"] for r in folder] == [str(tmp_path / "a.txt"), str(tmp_path / "b.html")]
    assert "text" not in folder[0] and "meta" not in folder[0]  # plain text stays as it was
    assert_page_record(folder[1], str(tmp_path / "b.html"))
    for stdin in (PAGE.encode(), gzip.compress(PAGE.encode())):
        [record] = lines(invoke("--jsonl", "-", stdin=stdin).stdout)
        assert_page_record(record, "<stdin>")


def test_jsonl_lines_may_carry_html_and_url(tmp_path: Path):
    rows = [
        {"id": "p1", "html": UNCANONICAL_PAGE, "url": "https://courier.example/p1"},
        {"id": "p2", "html": PAGE, "published": "2022-03-04"},
        {"id": "t1", "text": "Plain text."},
    ]
    batch = "".join(json.dumps(row) + "\n" for row in rows)
    path = tmp_path / "pages.jsonl.gz"
    path.write_bytes(gzip.compress(batch.encode()))
    for result in (invoke("--jsonl", str(path)), invoke("--jsonl", stdin=batch)):
        assert result.exit_code == 0, result.stderr
        first, second, third = lines(result.stdout)
        assert (first["id"], first["meta"]["url"], first["published"]["origin"]) == (
            "p1",
            "https://courier.example/p1",
            "metadata",
        )
        assert first["text"] == PAGE_TEXT
        # The line's own date outranks the page's metadata.
        assert (second["published"]["value"], second["published"]["origin"]) == (
            "2022-03-04",
            "input",
        )
        assert (third["id"], "text" in third) == ("t1", False)


def test_published_option_outranks_metadata_and_metadata_outranks_text(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(PAGE.replace("<p>The mayor", "<p>Published: 1 February 2022</p><p>The mayor"))
    [record] = lines(invoke("--jsonl", str(path)).stdout)
    assert "Published: 1 February 2022" in record["text"]
    assert (record["published"]["value"], record["published"]["origin"]) == (
        "2022-03-03",
        "metadata",
    )
    [record] = lines(invoke("--jsonl", "--published", "2022-03-10", str(path)).stdout)
    assert (record["published"]["value"], record["published"]["origin"]) == (
        "2022-03-10",
        "option",
    )


def test_no_publication_date_warns_once_per_article_for_every_input_kind(tmp_path: Path):
    undated = tmp_path / "undated.html"
    undated.write_text(UNDATED_PAGE)
    plain = tmp_path / "plain.txt"
    plain.write_text("The council said on Tuesday that the bridge would reopen.")
    dated = tmp_path / "dated.html"
    dated.write_text(PAGE)
    result = invoke("--jsonl", str(undated), str(plain), str(dated))
    assert result.exit_code == 0
    warned = [line for line in result.stderr.splitlines() if NO_PUBLISHED_WARNING in line]
    assert warned == [
        f"extract: warning: {undated}: {NO_PUBLISHED_WARNING}",
        f"extract: warning: {plain}: {NO_PUBLISHED_WARNING}",
    ]
    records = lines(result.stdout)
    assert [r["published"] is None for r in records] == [True, True, False]
    tuesday = next(d for d in records[0]["dates"] if d["text"] == "Tuesday")
    assert tuesday["value"] is None


def test_with_text_adds_the_text_to_plain_records(tmp_path: Path):
    text = "Published: 3 March 2022\n\nThe mayor said the bridge would reopen.\r\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode())
    [plain] = lines(invoke("--jsonl", str(path)).stdout)
    [with_text] = lines(invoke("--jsonl", "--with-text", str(path)).stdout)
    assert "text" not in plain
    assert with_text["text"] == text
    jsonschema.validate(with_text, SCHEMA)
    assert {k: v for k, v in with_text.items() if k != "text"} == plain


def test_windows_1252_page_is_decoded_by_its_declared_charset(tmp_path: Path):
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("Crown", "Crôwn")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1252"))
    [record] = lines(invoke("--jsonl", str(path)).stdout)
    assert record["encoding"] == "windows-1252"
    assert "the Crôwn Point bridge" in record["text"]


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("a.html", b"not markup at all", True),  # the name says so
        ("a.txt", b"<!doctype html><p>x</p>", True),
        ("a", b"\n  <HTML lang=en><p>x</p>", True),
        ("a", b"<?xml version='1.0'?>\n<!-- c -->\n<html>", True),
        ("a.txt", b"The <html> tag opens a page, the editor wrote.", False),
        ("a.txt", b"<p>A fragment is not a page.</p>", False),
        ("a.htmlx", b"Plain.", False),
    ],
)
def test_html_is_known_by_name_or_by_how_it_opens(name: str, data: bytes, expected: bool):
    assert web.is_html(data, name) is expected


@pytest.mark.parametrize(
    "text, kind",
    [
        ('{"text": "The mayor spoke."}\n{"text": "So did I."}\n', "jsonl"),
        ('\n{"html": "<html></html>", "id": 1}\n', "jsonl"),
        ("{Editor's note} The mayor spoke on Tuesday.", "text"),
        ('{"title": "no text key"}\nThe mayor spoke.', "text"),
    ],
)
def test_jsonl_on_stdin_is_known_by_its_first_line(text: str, kind: str):
    result = invoke("--jsonl", "-", stdin=text)
    sources = [r["source"] for r in lines(result.stdout)]
    expected = ["<stdin>:1", "<stdin>:2"] if text.startswith('{"text"') else ["<stdin>:2"]
    assert sources == (expected if kind == "jsonl" else ["<stdin>"])


# --- Bad input -------------------------------------------------------------------------------


def test_truncated_gzip_is_an_error_and_the_batch_goes_on(tmp_path: Path):
    broken = tmp_path / "a.html.gz"
    broken.write_bytes(gzip.compress(PAGE.encode())[:200])
    good = tmp_path / "b.html"
    good.write_text(PAGE)
    result = invoke("--jsonl", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"extract: error: {broken}: truncated gzip file (it ends before its data does), skipped"
    ]
    assert [r["source"] for r in lines(result.stdout)] == [str(good)]


def test_page_without_article_text_warns_and_gives_an_empty_record(tmp_path: Path):
    path = tmp_path / "gallery.html"
    path.write_text(EMPTY_PAGE)
    result = invoke("--jsonl", str(path))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"extract: warning: {path}: {web.NO_TEXT_WARNING}"]
    [record] = lines(result.stdout)
    assert (record["text"], record["quotes"], record["meta"]["title"]) == ("", [], "Gallery")


def test_a_page_the_parser_fails_on_is_an_error(monkeypatch):
    def failing(markup, url):
        raise ValueError("odd markup")

    monkeypatch.setattr(web, "_extracted", failing)
    failed = web.html_article(PAGE, "odd.html")
    assert (failed.source, failed.message) == (
        "odd.html",
        "cannot read the page: ValueError('odd markup')",
    )


def test_a_50_mb_page_is_refused_and_the_batch_goes_on(tmp_path: Path):
    huge = tmp_path / "a-huge.html"
    filler = "<p>" + "word " * 1000 + "</p>\n"
    huge.write_text(PAGE.replace("<main>", "<main>" + filler * (50_000_000 // len(filler))))
    (tmp_path / "b.html").write_text(PAGE)
    result = invoke("--jsonl", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"extract: error: {huge}: page too large (50 MB; limit 20 MB), skipped"
    ]
    assert [r["source"] for r in lines(result.stdout)] == [str(tmp_path / "b.html")]


# --- WARC archives ---------------------------------------------------------------------------


def build_warc(records: list[tuple[str, str, str, bytes]], compress: bool) -> tuple[bytes, list]:
    """A WARC of response records (uri, status, content type, body) and each one's offset."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    offsets = []
    for uri, status, content_type, body in records:
        offsets.append(out.tell())
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    return out.getvalue(), offsets


HTML = "text/html; charset=utf-8"
ARCHIVED = [
    ("https://courier.example/a", "200 OK", HTML, PAGE.encode()),
    ("https://courier.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
    ("https://courier.example/gone", "404 Not Found", HTML, PAGE.encode()),
    ("https://courier.example/b", "200 OK", HTML, PAGE.replace("Leeds", "York").encode()),
]


@pytest.mark.parametrize("compress, name", [(False, "crawl.warc"), (True, "crawl.warc.gz"),
                                            (True, "crawl.bin")])  # fmt: skip
def test_warc_gives_one_record_per_html_response_with_its_uri(
    tmp_path: Path, compress: bool, name: str
):
    data, _ = build_warc(ARCHIVED, compress)
    path = tmp_path / name
    path.write_bytes(data)
    for result in (invoke("--jsonl", str(path)), invoke("--jsonl", "-", stdin=data)):
        assert result.exit_code == 0, result.stderr
        first, second = lines(result.stdout)
        assert_page_record(first, "https://courier.example/a")
        assert second["source"] == "https://courier.example/b"
        assert second["text"] == PAGE_TEXT.replace("Leeds", "York")


@pytest.mark.parametrize("compress", [False, True])
def test_corrupt_warc_record_is_skipped_with_its_offset_and_the_rest_read(compress: bool):
    pages = [(f"https://courier.example/{n}", "200 OK", HTML, PAGE.encode()) for n in range(3)]
    data, offsets = build_warc(pages, compress)
    damaged = bytearray(data)
    middle = (offsets[1] + offsets[2]) // 2  # inside the second record's compressed body
    at = middle if compress else offsets[1]  # or over the second record's "WARC/1.0" line
    damaged[at : at + 40] = b"\x00" * 40
    result = invoke("--jsonl", "-", stdin=bytes(damaged))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"extract: error: <stdin>: corrupt WARC record at byte {offsets[1]}, skipped"
    ]
    records = lines(result.stdout)
    assert [r["source"] for r in records] == [pages[0][0], pages[2][0]]
    assert all(r["text"] == PAGE_TEXT for r in records)


def test_warc_cut_short_reports_the_last_record(tmp_path: Path):
    data, offsets = build_warc(ARCHIVED, compress=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: offsets[3] + 300])
    result = invoke("--jsonl", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"extract: error: {path}: truncated WARC record at byte {offsets[3]}, skipped"
    ]
    assert [r["source"] for r in lines(result.stdout)] == ["https://courier.example/a"]


# --- URLs ------------------------------------------------------------------------------------


class Site(BaseHTTPRequestHandler):
    """Pages for the URL tests; remembers each request's path and User-Agent."""

    requests: ClassVar[list[tuple[str, str]]] = []
    barrier = threading.Barrier(2, timeout=5)

    def do_GET(self):
        Site.requests.append((self.path, self.headers.get("User-Agent", "")))
        if self.path == "/flaky" and sum(p == "/flaky" for p, _ in Site.requests) == 1:
            self.close_connection = True  # hang up without answering, the first time only
            return
        if self.path.startswith("/together"):
            try:
                Site.barrier.wait()  # answers only when both requests are in at once
            except threading.BrokenBarrierError:
                return self.send_error(500)
        if self.path == "/slow":
            time.sleep(2)  # the client has given up by now
            return
        if self.path == "/missing":
            return self.send_error(404)
        content_type, body = {"/doc.pdf": ("application/pdf", b"%PDF-1.4")}.get(
            self.path, (HTML, PAGE.encode())
        )
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        # A page over the limit says so in its length; it is refused before it is read.
        too_big = self.path == "/big"
        self.send_header("Content-Length", str(web.MAX_PAGE_BYTES + 1 if too_big else len(body)))
        self.end_headers()
        if not too_big:
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_is_fetched_with_an_honest_user_agent(site: str):
    url = f"{site}/news/leeds"
    result = invoke("--jsonl", url)
    assert result.exit_code == 0, result.stderr
    [record] = lines(result.stdout)
    assert_page_record(record, url)
    agent = next(agent for path, agent in Site.requests if path == "/news/leeds")
    assert agent.startswith("extract-facts/") and "news fact extractor" in agent


def test_bad_urls_are_one_line_each_and_the_batch_goes_on(site: str, tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(PAGE)
    urls = [f"{site}/doc.pdf", f"{site}/missing", f"{site}/big", "http://127.0.0.1:9/closed"]
    result = invoke("--jsonl", *urls, str(page), f"{site}/ok")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:3] == [
        f"extract: error: {urls[0]}: not an HTML page (application/pdf), skipped",
        f"extract: error: {urls[1]}: HTTP error 404 Not Found",
        f"extract: error: {urls[2]}: page larger than 20 MB, skipped",
    ]
    assert result.stderr.splitlines()[3].startswith(f"extract: error: {urls[3]}: cannot fetch:")
    assert len(result.stderr.splitlines()) == 4
    assert [r["source"] for r in lines(result.stdout)] == [str(page), f"{site}/ok"]


def test_a_dropped_connection_is_tried_once_more(site: str):
    result = invoke("--jsonl", f"{site}/flaky")
    assert result.exit_code == 0, result.stderr
    assert [path for path, _ in Site.requests].count("/flaky") == 2
    assert lines(result.stdout)[0]["text"] == PAGE_TEXT


def test_timeout_gives_up_on_a_slow_page(site: str):
    started = time.perf_counter()
    failed = web.fetch(f"{site}/slow", timeout=0.5)
    assert time.perf_counter() - started < 1.5  # not tried again: once is the user's limit
    assert (failed.source, failed.message) == (f"{site}/slow", "timed out after 0.5 s")
    result = invoke("--jsonl", "--timeout", "0.5", f"{site}/slow")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"extract: error: {site}/slow: timed out after 0.5 s"


def test_timeout_holds_for_a_page_read_in_parts(site: str, tmp_path: Path):
    result = invoke("--timeout", "0.5", "-o", str(tmp_path), f"{site}/slow", f"{site}/ok")
    assert result.exit_code == 1
    errors = [json.loads(line) for line in (tmp_path / "_errors.jsonl").read_text().splitlines()]
    assert [(e["source"], e["message"]) for e in errors] == [
        (f"{site}/slow", "timed out after 0.5 s")
    ]
    records = [
        json.loads(line) for line in (tmp_path / "part-000000.jsonl").read_text().splitlines()
    ]
    assert [r["source"] for r in records] == [f"{site}/ok"]


def test_urls_are_fetched_concurrently_and_come_back_in_order(site: str):
    urls = [f"{site}/together/1", f"{site}/together/2"]
    results = list(web.fetch_all(urls, timeout=10, workers=2))
    assert [r.source for r in results] == urls
    assert all(r.text == PAGE_TEXT for r in results)


# --- The plain-text path, and every dev page ------------------------------------------------


def test_plain_text_path_does_not_import_the_web_libraries(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("Plain text.")
    script = (
        "import sys, io; from extract.inputs import iter_inputs; "
        f"list(iter_inputs([{str(path)!r}], io.BytesIO())); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'trafilatura', 'warcio', "
        "'lxml', 'htmldate', 'justext'}))"
    )
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert found.stdout.strip() == "[]", found.stderr


def test_dev_pages_offsets_body_and_dates_as_acceptance_runs_them(shared_dir: Path, tmp_path):
    """`extract --jsonl dev/aeb/html/`: every record valid with exact offsets into its own text,
    body F1 and the share of pages with a publication date at their floors."""
    command = shutil.which("extract", path=str(Path(sys.executable).parent))
    output = tmp_path / "out.jsonl"
    with output.open("w", encoding="utf-8") as out:
        subprocess.run([command, "--jsonl", str(shared_dir / "dev/aeb/html")], stdout=out)
    records = lines(output.read_text(encoding="utf-8"))
    assert len(records) == 90
    for record in records:
        jsonschema.validate(record, SCHEMA)
        assert_offsets(record, record["text"])
    assert sum(record["published"] is not None for record in records) / len(records) >= 0.9
    scored = subprocess.run(
        [sys.executable, str(shared_dir / "eval/body.py"),
         str(shared_dir / "dev/aeb/ground_truth.jsonl"), str(output), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert json.loads(scored.stdout)["f1"] >= 0.95
