"""The text of a Doc, joined once: spaCy joins all its tokens again at each `doc.text`."""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = ("extract", "text")


def doc_text(doc: Doc) -> str:
    """`doc.text`, cached on the Doc, for steps that read it once per mention."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
