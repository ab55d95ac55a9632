"""Made-up places written where the places reader writes its own, for the percentages reader."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extract.facts import Place
from extract.readers.places import PLACE_SPANS, place_span


def doc_with_places(nlp: Language, text: str, places: list[Place]) -> Doc:
    """`text` parsed, with `places` (most mentioned first) in `doc.spans[PLACE_SPANS]`."""
    doc = nlp(text)
    doc.spans[PLACE_SPANS] = [
        place_span(
            doc.char_span(mention.start, mention.end, alignment_mode="expand"), place, mention
        )
        for place in places
        for mention in place.mentions
    ]
    return doc
