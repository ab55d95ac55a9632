"""Places: found, canonical, coded, and told apart from people."""

from __future__ import annotations

from spacy.tokens import Doc

from .facts import Place


def find_places(doc: Doc) -> list[Place]:
    """The places of the article, most mentioned first."""
    return []
