"""Made-up places written where the places reader writes its own, for the percentages reader."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extract.facts import Place, PlaceMention
from extract.readers.places import PLACE_SPANS, place_span


def places_at(text: str, places: list[tuple[str, str | None, str, list[str]]]) -> list[Place]:
    """Places (name, country code, type, written forms) with a mention at every written form."""
    return [
        Place(
            name=name,
            country_code=code,
            type=kind,
            mentions=tuple(
                PlaceMention(match.group(), match.start(), match.end())
                for form in forms
                for match in re.finditer(rf"\b{re.escape(form)}\b", text)
            ),
        )
        for name, code, kind, forms in places
    ]


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
