"""The text of a Doc, joined once: spaCy joins all its tokens again at each `doc.text`."""

from __future__ import annotations

from typing import Any, cast

from spacy.tokens import Doc, Span

_KEY = ("extract", "text")


def doc_text(doc: Doc) -> str:
    """`doc.text`, cached on the Doc, for steps that read it once per mention."""
    # spaCy's stub types user_data with str keys; any hashable key works, and a tuple cannot
    # clash with another package's string keys.
    user_data = cast("dict[Any, Any]", doc.user_data)
    text = user_data.get(_KEY)
    if text is None:
        text = user_data[_KEY] = doc.text
    return text


def paragraph_number(span: Span) -> int:
    """The number of the paragraph (text between blank lines) the span is in."""
    return doc_text(span.doc).count("\n\n", 0, span.start_char)
