"""The reading view: one self-contained HTML page per article, its facts marked in the text.

The article text is untrusted: every character of it, and of every fact, is escaped, and the
page's Content-Security-Policy allows only the page's own style sheet and script (by hash), so
markup in an article can only ever show as text.
"""

from __future__ import annotations

import hashlib
import sys
from base64 import b64encode
from collections import Counter
from html import escape
from importlib.resources import files
from typing import TextIO

from .facts import Article
from .report_common import figure_value, summary_line
from .report_marks import article_marks, attr, marked_paragraphs, speaker_colours

STYLE = files("extract").joinpath("report.css").read_text(encoding="utf-8")
SCRIPT = files("extract").joinpath("report.js").read_text(encoding="utf-8")


def _sha256(source: str) -> str:
    return "'sha256-" + b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


CSP = (
    "default-src 'none'; "
    f"style-src {_sha256(STYLE)}; script-src {_sha256(SCRIPT)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


def page(title: str, body: str) -> str:
    """A whole HTML document around `body`: no network, nothing inline but our own code."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{attr(CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"{body}\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def article_title(article: Article) -> str:
    return article.source or article.id or "article"


def article_page(article: Article, index_href: str | None = None) -> str:
    """The page of one article: header, the text with its facts marked, the side panel."""
    back = f' · <a href="{attr(index_href)}">all articles</a>' if index_href else ""
    paragraphs = marked_paragraphs(article.text or "", article_marks(article))
    text = "\n".join(f"<p>{p}</p>" for p in paragraphs) or '<p class="muted">(empty text)</p>'
    body = (
        '<a class="skip" href="#facts">Skip to the facts</a>\n'
        f"<header>\n<h1>{escape(article_title(article))}</h1>\n"
        f"<p>{escape(summary_line(article))}{back}</p>\n</header>\n"
        f'<div class="layout">\n<main aria-label="Article text">\n{text}\n</main>\n'
        f"{side_panel(article)}\n</div>"
    )
    return page(f"{article_title(article)} · extract", body)


NONE_FOUND = '<p class="muted">None found.</p>'
KEY = (
    '<h2>Key</h2>\n<ul class="key"><li><mark class="date">date</mark></li>'
    '<li><mark class="place">place</mark></li><li><mark class="percentage">percentage</mark></li>'
    '<li><span class="quote sp-none">quote</span></li><li><span class="mention sp-none">speaker'
    '</span> <span class="cue sp-none">cue</span></li></ul>'
)


def side_panel(article: Article) -> str:
    sections = (
        ("Speakers", _speakers_list(article)),
        ("Places", _places_list(article)),
        ("Dates", _date_timeline(article)),
        ("Percentages", _percentages_table(article)),
    )
    parts = [f"<h2>{title}</h2>\n{content or NONE_FOUND}" for title, content in sections]
    content = "\n".join(parts)
    return f'<aside id="facts" aria-label="Facts" tabindex="-1">\n{KEY}\n{content}\n</aside>'


def _link(target: str, text: str) -> str:
    return f'<a href="#{attr(target)}">{escape(text)}</a>'


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _speakers_list(article: Article) -> str:
    """The legend of quote colours: each speaker, their quote count, a link to the first."""
    colours = speaker_colours(article)
    counts = Counter(quote.speaker for quote in article.quotes)
    first: dict[str | None, int] = {}
    for n, quote in enumerate(article.quotes):
        first.setdefault(quote.speaker, n)
    items = [
        f'<li><span class="swatch {colours[name]}" aria-hidden="true"></span>'
        f"{_link(f'q{first[name]}', name or '(unattributed)')} "
        f'<span class="muted">{_plural(counts[name], "quote")}</span></li>'
        for name in colours
    ]
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _places_list(article: Article) -> str:
    ranked = sorted(enumerate(article.places), key=lambda item: -len(item[1].mentions))
    items = [
        f'<li>{_link(f"l{i}-0", place.name)} <span class="muted">'
        f"{escape(' · '.join(x for x in (place.country_code, place.type) if x))}"
        f" · {_plural(len(place.mentions), 'mention')}</span></li>"
        for i, place in ranked
        if place.mentions
    ]
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _date_timeline(article: Article) -> str:
    """Dates in time order, one entry per value, linked to its first mention in the text."""
    by_value: dict[str | None, list[int]] = {}
    for n, mention in enumerate(article.dates):
        by_value.setdefault(mention.value, []).append(n)
    ordered = sorted(by_value, key=lambda value: (value is None, value or ""))
    items = []
    for value in ordered:
        mentions = by_value[value]
        first = article.dates[mentions[0]]
        more = f' <span class="muted">×{len(mentions)}</span>' if len(mentions) > 1 else ""
        items.append(
            f"<li>{_link(f'd{mentions[0]}', value or 'not resolved')} "
            f'<span class="muted">“{escape(first.text)}”</span>{more}</li>'
        )
    return f"<ol>{''.join(items)}</ol>" if items else ""


def _percentages_table(article: Article) -> str:
    if not article.percentages:
        return ""
    rows = "".join(
        f"<tr><td>{_link(f'p{n}', figure.text)}</td>"
        f'<td class="num">{escape(figure_value(figure))}</td><td>{escape(figure.kind)}</td>'
        f"<td>{escape(figure.place or '–')}</td><td>{escape(figure.subject or '–')}</td></tr>"
        for n, figure in enumerate(article.percentages)
    )
    return (
        '<table><thead><tr><th>as written</th><th class="num">value</th><th>kind</th>'
        f"<th>place</th><th>subject</th></tr></thead><tbody>{rows}</tbody></table>"
    )


class HtmlWriter:
    """One article's page to a stream; a second article there is reported, not appended."""

    def __init__(self, out: TextIO):
        self.out = out
        self.count = 0

    def write(self, article: Article) -> None:
        self.count += 1
        if self.count > 1:
            print(
                f"extract: error: {article_title(article)}: --format html writes one article "
                "to a file; use -o DIR for one page per article",
                file=sys.stderr,
            )
            return
        self.out.write(article_page(article))
        self.out.flush()

    def close(self) -> None:
        pass
