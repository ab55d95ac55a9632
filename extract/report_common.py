"""Words shared by the human views (table and HTML): figures, summaries, sentence windows."""

from __future__ import annotations

from .facts import Article, Percentage

WINDOW_CHARS = 40  # context each side of a fact in a short sentence window


def figure_value(figure: Percentage) -> str:
    """The normalised figure: '87.05%', or '30 points' for a figure in points."""
    if figure.value is None:
        return figure.text
    if figure.unit == "points":
        return f"{figure.value:g} points"
    return f"{figure.value:g}%"


def percentage_tip(figure: Percentage) -> str:
    return " · ".join(
        part for part in (figure.kind, figure.place, figure.subject, figure_value(figure)) if part
    )


def fact_counts(article: Article) -> dict[str, int]:
    return {
        "quotes": len(article.quotes),
        "speakers": len(article.speakers),
        "dates": len(article.dates),
        "percentages": len(article.percentages),
        "places": len(article.places),
    }


def summary_line(article: Article) -> str:
    """'3 quotes, 2 speakers, … · published 2022-09-28 (text)' on one line."""
    counts = ", ".join(
        f"{n} {name if n != 1 else name[:-1]}" for name, n in fact_counts(article).items()
    )
    published = article.published
    when = f"published {published.value} ({published.origin})" if published else "published unknown"
    return f"{counts} · {when}"


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut at a word to at most about `limit` characters, with '…'."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return flat[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def window(text: str, start: int, end: int, bounds: tuple[int, int] | None = None) -> str:
    """The words around `text[start:end]`, about WINDOW_CHARS each side, with '…' where cut.

    The window stays within `bounds` (the fact's sentence) or else within the fact's line.
    """
    if bounds is None:
        line_end = text.find("\n", end)
        bounds = (text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end)
    line_start, line_end = bounds
    chars = WINDOW_CHARS
    left_edge = max(line_start, start - chars)
    right_edge = min(line_end, end + chars)
    if left_edge > line_start:
        left_edge = text.find(" ", left_edge, start) + 1 or left_edge
    if right_edge < line_end:
        space = text.rfind(" ", end, right_edge)
        right_edge = space if space > 0 else right_edge
    left = "…" if left_edge > line_start else ""
    right = "…" if right_edge < line_end else ""
    return left + " ".join(text[left_edge:right_edge].split()) + right
