"""extract: who said what, when, where, and with which vote shares, from news article text."""

from __future__ import annotations

from datetime import date
from functools import cache

from .extractor import ArticleInput, Extractor
from .facts import Article, article_json

__all__ = ["Article", "ArticleInput", "Extractor", "article_json", "extract_text"]


@cache
def _default_extractor() -> Extractor:
    return Extractor()


def extract_text(text: str, published: str | date | None = None) -> Article:
    """The facts of one article, with the default English pipeline (loaded once)."""
    return _default_extractor().extract_text(text, published=published)
