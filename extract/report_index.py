"""`--format html -o DIR`: one page per article and an `index.html` over the whole corpus."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from .facts import Article
from .report_common import fact_counts, figure_value
from .report_html import article_page, article_title, page
from .report_marks import attr

INDEX = "index.html"
TOP = 20  # speakers and places listed on the index
LINKS_PER_ENTRY = 6  # article links after one speaker or place
MAX_VOTE_ROWS = 300


def several_articles(paths: tuple[str, ...]) -> bool:
    """Whether the inputs may hold more than one article: a folder, a `.jsonl` file, or more."""
    return len(paths) > 1 or any(Path(p).is_dir() or p.endswith(".jsonl") for p in paths)


def is_folder_target(output: str) -> bool:
    """`-o` names a folder for the pages unless it names one `.html` file."""
    path = Path(output)
    return path.is_dir() or path.suffix.lower() not in (".html", ".htm")


@dataclass
class _Ranked:
    """A speaker or place across the corpus: its count, and per page its first occurrence."""

    count: int = 0
    links: dict[str, tuple[str, str]] = field(default_factory=dict)  # page → (href, label)


class HtmlFolderWriter:
    """Writes each article's page as it comes, and the index when the batch ends."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.rows: list[str] = []
        self.used_names: set[str] = set()
        self.totals: Counter[str] = Counter()
        self.speakers: dict[str, _Ranked] = {}
        self.places: dict[str, _Ranked] = {}
        self.votes: list[tuple[str, str, str, str]] = []  # place, subject, value, link

    def write(self, article: Article) -> None:
        name = self._file_name(article)
        (self.folder / name).write_text(article_page(article, INDEX), encoding="utf-8")
        self._remember(article, name)

    def close(self) -> None:
        (self.folder / INDEX).write_text(self._index(), encoding="utf-8")

    def _file_name(self, article: Article) -> str:
        source = article.id or article.source or "article"
        base = Path(source.replace(":", "-")).stem if not article.id else source
        slug = re.sub(r"[^A-Za-z0-9_-]+", "-", base).strip("-")[:80] or "article"
        name, number = f"{slug}.html", 1
        while name in self.used_names or name == INDEX:
            number += 1
            name = f"{slug}-{number}.html"
        self.used_names.add(name)
        return name

    def _remember(self, article: Article, name: str) -> None:
        counts = fact_counts(article)
        self.totals.update(counts | {"articles": 1})
        label = article_title(article)
        published = article.published.value if article.published else "–"
        cells = "".join(f'<td class="num">{n}</td>' for n in counts.values())
        self.rows.append(
            f'<tr><td><a href="{attr(name)}">{escape(label)}</a></td>'
            f"<td>{escape(published)}</td>{cells}</tr>"
        )
        for n, quote in enumerate(article.quotes):
            if quote.speaker:
                ranked = self.speakers.setdefault(quote.speaker, _Ranked())
                ranked.count += 1
                ranked.links.setdefault(name, (f"{name}#q{n}", label))
        for i, place in enumerate(article.places):
            key = f"{place.name} ({place.country_code})" if place.country_code else place.name
            ranked = self.places.setdefault(key, _Ranked())
            ranked.count += len(place.mentions)
            ranked.links.setdefault(name, (f"{name}#l{i}-0", label))
        for n, figure in enumerate(article.percentages):
            if figure.kind == "vote_share":
                value = figure_value(figure)
                link = f'<a href="{attr(f"{name}#p{n}")}">{escape(label)}</a>'
                self.votes.append((figure.place or "–", figure.subject or "–", value, link))

    def _index(self) -> str:
        totals = self.totals
        summary = ", ".join(
            f"{totals[key]} {key}"
            for key in ("articles", "quotes", "speakers", "dates", "percentages", "places")
        )
        body = (
            "<header>\n<h1>extract: articles</h1>\n"
            f"<p>{escape(summary)}</p>\n</header>\n<main>\n"
            f"{self._articles_table()}\n"
            f"<h2>Most-quoted speakers</h2>\n{_ranked_list(self.speakers, 'quote')}\n"
            f"<h2>Most-mentioned places</h2>\n{_ranked_list(self.places, 'mention')}\n"
            f"<h2>Vote shares by place</h2>\n{self._votes_table()}\n</main>"
        )
        return page("extract: articles", body)

    def _articles_table(self) -> str:
        if not self.rows:
            return '<p class="muted">No articles.</p>'
        heads = "".join(
            f'<th class="num">{key}</th>'
            for key in ("quotes", "speakers", "dates", "percentages", "places")
        )
        return (
            "<h2>Articles</h2>\n<table><thead><tr><th>article</th><th>published</th>"
            f"{heads}</tr></thead><tbody>{''.join(self.rows)}</tbody></table>"
        )

    def _votes_table(self) -> str:
        if not self.votes:
            return '<p class="muted">None found.</p>'
        rows = sorted(self.votes, key=lambda row: (row[0] == "–", row[0], row[1]))
        shown = "".join(
            f"<tr><td>{escape(place)}</td><td>{escape(subject)}</td>"
            f'<td class="num">{escape(value)}</td><td>{link}</td></tr>'
            for place, subject, value, link in rows[:MAX_VOTE_ROWS]
        )
        more = (
            f'<p class="muted">and {len(rows) - MAX_VOTE_ROWS} more</p>'
            if len(rows) > MAX_VOTE_ROWS
            else ""
        )
        return (
            '<table><thead><tr><th>place</th><th>subject</th><th class="num">value</th>'
            f"<th>article</th></tr></thead><tbody>{shown}</tbody></table>{more}"
        )


def _ranked_list(entries: dict[str, _Ranked], unit: str) -> str:
    """The TOP entries by count, each with links to the articles it occurs in."""
    ranked = sorted(entries.items(), key=lambda item: (-item[1].count, item[0]))[:TOP]
    if not ranked:
        return '<p class="muted">None found.</p>'
    items = []
    for name, entry in ranked:
        links = list(entry.links.values())
        shown = ", ".join(
            f'<a href="{attr(href)}">{escape(label)}</a>' for href, label in links[:LINKS_PER_ENTRY]
        )
        more = f" and {len(links) - LINKS_PER_ENTRY} more" if len(links) > LINKS_PER_ENTRY else ""
        plural = unit if entry.count == 1 else f"{unit}s"
        items.append(
            f"<li><strong>{escape(name)}</strong> "
            f'<span class="muted">{entry.count} {plural}</span>: {shown}{more}</li>'
        )
    return f"<ol>{''.join(items)}</ol>"
