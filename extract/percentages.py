"""Percentages bound to the place, option and kind of figure they report."""

from __future__ import annotations

from spacy.tokens import Doc

from .facts import Percentage, Place


def find_percentages(doc: Doc, places: list[Place]) -> list[Percentage]:
    """Every percentage of the article, in text order."""
    return []
