"""The places reader keeps its mentions in `doc.spans[PLACE_SPANS]` for the readers after it."""

from __future__ import annotations

from place_spans import doc_with_places

from extract.readers.percentages import find_percentages
from extract.readers.places import PLACE_SPANS, find_places

TEXT = "Moscow said U.S.-led forces left.\n\nIn Kherson and Ohio, turnout in Ohio was 40%."


def test_place_spans_carry_the_places(nlp):
    doc = nlp(TEXT)
    places = find_places(doc)
    got = [
        (span.text, span.start_char, span._.name_end, span.label_, span.kb_id_, span.id_)
        for span in doc.spans[PLACE_SPANS]
    ]
    ohio, second_ohio = TEXT.index("Ohio"), TEXT.rindex("Ohio")
    kherson = TEXT.index("Kherson")
    # most mentioned place first; "U.S." opens its token
    assert got == [
        ("Ohio", ohio, ohio + 4, "region", "Ohio", "US"),
        ("Ohio", second_ohio, second_ohio + 4, "region", "Ohio", "US"),
        ("Moscow", 0, 6, "city", "Moscow", "RU"),
        ("U.S.-led", 12, 16, "country", "United States", "US"),
        ("Kherson", kherson, kherson + 7, "region", "Kherson", "UA"),
    ]
    # Moscow speaks for its government
    assert [span._.as_actor for span in doc.spans[PLACE_SPANS]] == [
        False,
        False,
        True,
        False,
        False,
    ]
    assert [(m.start, m.end) for p in places for m in p.mentions] == [g[1:3] for g in got]


def test_percentages_read_the_place_spans(nlp):
    doc = nlp(TEXT)
    find_places(doc)
    assert [(p.text, p.place) for p in find_percentages(doc)] == [("40%", "Ohio")]
    # without the places reader's spans a figure has no place
    assert [(p.text, p.place) for p in find_percentages(nlp(TEXT))] == [("40%", None)]
    assert [(p.text, p.place) for p in find_percentages(doc_with_places(nlp, TEXT, []))] == [
        ("40%", None)
    ]
