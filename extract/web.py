"""Web inputs: HTML pages, URLs, WARC archives and gzip, turned into article inputs.

trafilatura finds a page's article text and what the page says about itself (title, byline, site
name, canonical URL, and the publication date through htmldate); warcio reads crawl archives.
Both are imported only when a web input comes, so the plain-text path starts as fast as before.

Entry points: `is_url`, `fetch_all` (URLs), `is_warc` / `warc_articles` (archives), `gunzipped`
(any input as `.gz`), `is_html` / `html_article` (one page's markup).
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections import deque
from collections.abc import Iterator
from contextlib import redirect_stderr
from typing import TYPE_CHECKING, BinaryIO

from .extractor import ArticleInput
from .facts import PageMeta

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from .inputs import InputError

# trafilatura's own limit on a page. A bigger "page" is a data dump or an attack, not an article.
MAX_PAGE_BYTES = 20_000_000
# What a `.gz` input may unpack to: the plain-text path reads a file whole, so a small archive
# that unpacks to gigabytes must not reach it.
MAX_GUNZIPPED_BYTES = 256_000_000
DEFAULT_TIMEOUT = 30.0
# Enough of a stream's opening to recognise a (compressed) WARC record, and how far a search for
# the next record reads at a time.
WARC_HEAD_BYTES = 512
SCAN_CHUNK_BYTES = 1 << 20

GZIP_MAGIC = b"\x1f\x8b"
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
HTML_TYPES = ("text/html", "application/xhtml+xml")
# The opening of an HTML document: a doctype or one of the document's own tags, after an
# optional BOM, XML declaration and comments ("<!-- saved from url=... -->").
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_URL = re.compile(r"https?://", re.IGNORECASE)
_LANGUAGE_CODE = re.compile(r"([a-z]{2,3})(?:[-_]|$)", re.IGNORECASE)
_LANGUAGE_META_KEYS = ("content-language", "og:locale", "language", "dc.language")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# trafilatura elements that run inside a paragraph; every other element is a block of its own.
INLINE_TAGS = frozenset({"hi", "ref", "del", "span", "lb", "graphic", "code"})
# How the blocks inside an element are joined, when none of them runs over several lines:
# list items and table rows one a line, cells on one line, anything else as paragraphs.
BLOCK_JOINERS = {"list": "\n", "table": "\n", "row": "\t"}
PARAGRAPH_BREAK = "\n\n"

NO_TEXT_WARNING = "no article text found in the page"


def _input_error(source: str, message: str) -> InputError:
    from .inputs import InputError  # imported here: inputs imports this module

    return InputError(source, message)


# --- Recognising web inputs ------------------------------------------------------------------


def is_url(name: str) -> bool:
    return bool(_URL.match(name))


def is_html(data: bytes, name: str) -> bool:
    """Whether `data` (named `name`) is an HTML page: by its name, or by how it opens."""
    return name.lower().endswith(HTML_SUFFIXES) or bool(_HTML_START.match(data[:4096]))


def is_warc(head: bytes) -> bool:
    """Whether a stream opening with `head` is a WARC archive, gzip-compressed or not."""
    if head.startswith(GZIP_MAGIC):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def gunzipped(data: bytes, source: str) -> bytes | InputError:
    """`data` unpacked when it is gzip-compressed (by content, whatever its name), else as is."""
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacking:
            unpacked = unpacking.read(MAX_GUNZIPPED_BYTES + 1)
    except EOFError:
        return _input_error(source, "truncated gzip file (it ends before its data does), skipped")
    except (OSError, zlib.error) as error:
        return _input_error(source, f"corrupt gzip file ({error}), skipped")
    if len(unpacked) > MAX_GUNZIPPED_BYTES:
        limit = MAX_GUNZIPPED_BYTES // 1_000_000
        return _input_error(source, f"gzip file unpacks to more than {limit} MB, skipped")
    return unpacked


# --- One page --------------------------------------------------------------------------------


def html_article(
    markup: bytes | str,
    source: str,
    url: str | None = None,
    charset: str | None = None,
    **fields: str | None,
) -> ArticleInput | InputError:
    """The article in one page's `markup`: its main text, paragraph breaks kept, and metadata.

    `url` is where the page came from, when known; `charset` what the server said the encoding
    was; `fields` (id, published) go to the `ArticleInput` as they are.
    """
    if len(markup) > MAX_PAGE_BYTES:
        size, limit = len(markup) / 1_000_000, MAX_PAGE_BYTES // 1_000_000
        return _input_error(source, f"page too large ({size:.0f} MB; limit {limit} MB), skipped")
    text, encoding = (markup, "utf-8") if isinstance(markup, str) else _decoded(markup, charset)
    try:
        body, meta, published = _extracted(text, url)
    except Exception as error:  # a parser failing on odd markup must not end the batch
        return _input_error(source, f"cannot read the page: {error!r}")
    return ArticleInput(
        text=body,
        source=source,
        encoding=encoding,
        warnings=() if body else (NO_TEXT_WARNING,),
        meta=meta,
        metadata_published=published,
        **fields,
    )


def _decoded(data: bytes, charset: str | None) -> tuple[str, str]:
    """The page's text and its encoding: UTF-8 when the bytes are, else what the server or the
    page declares, else what charset-normalizer detects."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:8192])
    for encoding in (charset, declared and declared.group(1).decode("ascii")):
        if encoding:
            try:
                return data.decode(encoding), encoding.lower()
            except (LookupError, UnicodeDecodeError):
                continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding
    return data.decode("utf-8", errors="replace"), "utf-8"


def _extracted(markup: str, url: str | None) -> tuple[str, PageMeta, str | None]:
    """Article text, metadata and publication date (ISO) of one page, by trafilatura."""
    from trafilatura import bare_extraction, extract_metadata
    from trafilatura.utils import load_html

    tree = load_html(markup)
    if tree is None:
        return "", PageMeta(url=url), None
    # Settings measured on the development pages: precision-first extraction keeps the article
    # and drops more furniture (body F1 0.962 -> 0.974); tables carry real content (results).
    document = bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
    )
    assert not isinstance(document, dict)  # without as_dict it is a Document, or None
    text = _paragraphed(document.body) if document is not None else ""
    if document is None:
        document = extract_metadata(tree, default_url=url)
    meta = PageMeta(
        title=document.title or None,
        author=document.author or None,
        sitename=document.sitename or None,
        url=document.url or url,
        language=_page_language(tree),
    )
    return text, meta, _published(tree, document.date or None)


def _published(tree: HtmlElement, found: str | None) -> str | None:
    """The page's publication date: htmldate's, unless it is the 1 January that its extensive
    search makes of a bare year ("© 2022"), which only the page's markup may confirm."""
    if found is None or not found.endswith("-01-01"):
        return found
    from htmldate import find_date

    return find_date(tree, extensive_search=False, original_date=True)


def _paragraphed(element: HtmlElement) -> str:
    """The text of trafilatura's result tree laid out as a pasted article is: paragraphs (and
    headings, quotes, lists, tables) apart by a blank line, list items and rows one a line."""
    runs: list[str] = []
    inline = [element.text or ""]
    for child in element:
        if child.tag in INLINE_TAGS:
            inline.append(_inline_text(child))
        else:
            runs.append(_tidy("".join(inline)))
            runs.append(_paragraphed(child))
            inline = []
        inline.append(child.tail or "")
    runs.append(_tidy("".join(inline)))
    runs = [run for run in runs if run]
    several_lines = any("\n" in run for run in runs)
    joiner = PARAGRAPH_BREAK if several_lines else BLOCK_JOINERS.get(element.tag, PARAGRAPH_BREAK)
    return joiner.join(runs)


def _inline_text(element: HtmlElement) -> str:
    if element.tag == "lb":
        return "\n"
    parts = [element.text or ""]
    for child in element:
        parts += [_inline_text(child), child.tail or ""]
    return "".join(parts)


def _tidy(text: str) -> str:
    """`text` with runs of spaces made one and blank lines dropped; line breaks kept."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _page_language(tree: HtmlElement) -> str | None:
    """The language the page declares (`<html lang>`, a language meta tag), as ISO 639-1."""
    declared = [tree.get("lang"), tree.get(XML_LANG)]
    for meta in tree.iterfind(".//meta"):
        key = meta.get("http-equiv") or meta.get("property") or meta.get("name") or ""
        if key.lower() in _LANGUAGE_META_KEYS:
            declared.append(meta.get("content"))
    for value in declared:
        code = _LANGUAGE_CODE.match((value or "").strip())
        if code:
            return code.group(1).lower()
    return None


# --- WARC archives ---------------------------------------------------------------------------


def warc_articles(stream: BinaryIO, source: str) -> Iterator[ArticleInput | InputError]:
    """One article for each HTML response record of the archive in `stream` (seekable), its
    `source` the record's target URI. A corrupt record is reported with its byte offset and
    skipped: reading goes on at the next record that parses."""
    from warcio.archiveiterator import ArchiveIterator

    start: int | None = stream.tell()
    gzipped = stream.read(2) == GZIP_MAGIC
    while start is not None:
        stream.seek(start)
        records = ArchiveIterator(stream)
        damage = None
        try:
            # warcio prints its own multi-line notes on stderr; the error below says it in one.
            while damage is None and (record := _quietly(next, records, None)) is not None:
                article = _record_article(record)
                if not _read_whole(record):
                    damage = "truncated"
                elif article is not None:
                    yield article
            stream.seek(records.offset)
            if damage is None and stream.read(WARC_HEAD_BYTES).strip():
                damage = "truncated"  # warcio stops quietly before a record cut short
        except Exception:  # warcio fails in many ways on damaged bytes; each means the same here
            damage = "corrupt"
        if damage is None:
            return
        offset = records.offset  # where the record being read starts
        yield _input_error(source, f"{damage} WARC record at byte {offset}, skipped")
        start = _next_record_start(stream, offset + 1, gzipped)


def _read_whole(record) -> bool:
    """Whether `record` holds all the bytes its header announces; reads it to its end."""
    while record.raw_stream.read(SCAN_CHUNK_BYTES):
        pass
    return getattr(record.raw_stream, "limit", None) == 0


def _quietly(function, *args):
    with redirect_stderr(io.StringIO()):
        return function(*args)


def _record_article(record) -> ArticleInput | InputError | None:
    """The article of one WARC record, or None when it is no successful HTML response."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    headers = record.http_headers
    content_type = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if not headers.get_statuscode().startswith("2") or content_type not in HTML_TYPES:
        return None
    # WARC 1.0's own examples wrap the URI in angle brackets, and some writers copied them.
    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<>") or None
    body = _quietly(record.content_stream().read, MAX_PAGE_BYTES + 1)
    return html_article(body, uri or "<warc record>", url=uri, charset=_charset(headers))


def _charset(headers) -> str | None:
    found = re.search(r"charset=[\"']?([\w.:-]+)", headers.get_header("Content-Type") or "")
    return found.group(1) if found else None


def _next_record_start(stream: BinaryIO, after: int, gzipped: bool) -> int | None:
    """Where the next record starts at or after `after`: the next gzip member that opens a
    WARC record in a compressed archive, the next `WARC/1.` line in a plain one; None at the
    end."""
    marker = GZIP_MAGIC + b"\x08" if gzipped else b"\nWARC/1."
    skip = 0 if gzipped else 1  # a plain record starts after the line break
    position = after
    while True:
        stream.seek(position)
        chunk = stream.read(SCAN_CHUNK_BYTES + len(marker))
        found = chunk.find(marker)
        if found >= 0:
            candidate = position + found + skip
            stream.seek(candidate)
            if is_warc(stream.read(WARC_HEAD_BYTES)):
                return candidate
            position = candidate + 1  # those bytes only look like a record's start
        elif len(chunk) <= len(marker):
            return None
        else:
            position += SCAN_CHUNK_BYTES


# --- URLs ------------------------------------------------------------------------------------


def fetch_all(urls: list[str], timeout: float, workers: int) -> Iterator[ArticleInput | InputError]:
    """The article of each URL in `urls`, in order, `workers` of them fetched at once."""
    if not urls:
        return
    from concurrent.futures import Future, ThreadPoolExecutor

    with ThreadPoolExecutor(workers) as pool:
        pending: deque[Future] = deque()
        for url in urls:
            pending.append(pool.submit(fetch, url, timeout))
            if len(pending) > 2 * workers:  # enough ahead to keep them busy, no more
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def fetch(url: str, timeout: float = DEFAULT_TIMEOUT) -> ArticleInput | InputError:
    """The article at `url`. A failed connection is tried once more; an HTTP error, a page
    that is not HTML or one over the size limit is an error."""
    from http.client import HTTPException
    from urllib.error import HTTPError, URLError
    from urllib.request import Request, urlopen

    request = Request(url, headers={"User-Agent": user_agent(), "Accept": ", ".join(HTML_TYPES)})
    for attempts_left in (1, 0):
        try:
            with urlopen(request, timeout=timeout) as response:
                return _response_article(response, url)
        except HTTPError as error:
            return _input_error(url, f"HTTP error {error.code} {error.reason}")
        except (URLError, OSError, HTTPException) as error:
            reason = getattr(error, "reason", None) or error
            if isinstance(reason, TimeoutError):  # the user's limit: waiting again would double it
                return _input_error(url, f"timed out after {timeout:g} s")
            if not attempts_left:
                return _input_error(url, f"cannot fetch: {reason}")
    raise AssertionError("the last attempt returns")


def _response_article(response, url: str) -> ArticleInput | InputError:
    headers = response.headers
    content_type = headers.get_content_type() if headers.get("Content-Type") else None
    if content_type is not None and content_type not in HTML_TYPES:
        return _input_error(url, f"not an HTML page ({content_type}), skipped")
    declared_length = headers.get("Content-Length", "")
    too_large = declared_length.isdigit() and int(declared_length) > MAX_PAGE_BYTES
    body = b"" if too_large else response.read(MAX_PAGE_BYTES + 1)
    if too_large or len(body) > MAX_PAGE_BYTES:
        limit = MAX_PAGE_BYTES // 1_000_000
        return _input_error(url, f"page larger than {limit} MB, skipped")
    if content_type is None and not is_html(body, ""):
        return _input_error(url, "not an HTML page, skipped")
    return html_article(body, url, url=response.geturl(), charset=headers.get_content_charset())


def user_agent() -> str:
    """Names the tool and its version, as a polite crawler does."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("extract-facts")
    except PackageNotFoundError:
        release = "dev"
    return f"extract-facts/{release} (news fact extractor; fetches only the pages it is given)"
