"""The text of a Doc, joined once: spaCy joins all its tokens again at each `doc.text`."""

from __future__ import annotations

from spacy.tokens import Doc, Span

_KEY = ("extract", "text")


def doc_text(doc: Doc) -> str:
    """`doc.text`, cached on the Doc, for steps that read it once per mention."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def paragraph_number(span: Span) -> int:
    """The number of the paragraph (text between blank lines) the span is in."""
    return doc_text(span.doc).count("\n\n", 0, span.start_char)
