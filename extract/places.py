"""Places: found, canonical, coded, and told apart from people.

Two sources are combined. The `place_gazetteer` component marks every name of
`patterns/places.jsonl` (countries and their aliases, first-level regions, large cities,
hand-kept variants) in `doc.spans["place_names"]`; the model contributes its GPE/LOC/FAC entities.
A gazetteer name is kept unless the model reads it as part of a longer name ("Paris Hilton",
"Boston Globe") or as a person without a geographic context ("Jordan said"); a model entity
outside the gazetteer is kept as it stands; its country comes from the smaller towns of
`patterns/towns.jsonl` when the article supports that country, or from a following "…, Region".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .facts import Place, PlaceMention
from .patterns import load_patterns

GAZETTEER_COMPONENT = "place_gazetteer"
GAZETTEER_SPANS = "place_names"
MODEL_PLACE_LABELS = {"GPE", "LOC", "FAC"}
PROPER_NOUN_TAGS = {"NNP", "NNPS"}
LEADING_ARTICLES = {"the", "The"}
# Names shorter than this are not matched in capitals: "ROME" is Rome, "OMAN" Oman, but short
# capitalised words are mostly acronyms.
MIN_CAPITALISED_LENGTH = 4


@cache
def place_records() -> dict[str, dict[str, Any]]:
    """The gazetteer's place records by id."""
    return {line["id"]: line for line in load_patterns("places") if "pattern" not in line}


@cache
def _towns_by_name() -> dict[str, list[tuple]]:
    """(population, country code, latitude, longitude) of the towns of each name."""
    found: dict[str, list[tuple]] = defaultdict(list)
    for line in load_patterns("towns"):
        code = line["country_code"]
        for name, latitude, longitude, population in line["towns"]:
            found[name].append((population, code, latitude, longitude))
    return found


def town_readings(name: str) -> list[dict[str, Any]]:
    """Towns too small for the gazetteer called `name`, largest first (`patterns/towns.jsonl`)."""
    towns = sorted(_towns_by_name().get(name, ()), key=lambda town: -town[0])
    return [
        {
            "id": f"town:{code}:{name}",
            "name": name,
            "country_code": code,
            "type": "city",
            "latitude": latitude,
            "longitude": longitude,
        }
        for _, code, latitude, longitude in towns
    ]


@cache
def context_words(kind: str) -> frozenset[str]:
    """One word list of `patterns/place_context.jsonl` (geo_cue, place_modifier, place_noun)."""
    lines = load_patterns("place_context")
    return frozenset(word for line in lines if line["type"] == kind for word in line["words"])


@cache
def speech_verbs() -> frozenset[str]:
    """Verb forms that report speech, shared with the quote finder (`patterns/quote_cues.jsonl`)."""
    words = set()
    for line in load_patterns("quote_cues"):
        if line.get("label") != "SPEECH":
            continue
        for token_pattern in line["pattern"]:
            lower = token_pattern.get("LOWER")
            words.update(lower.get("IN", ()) if isinstance(lower, dict) else [lower])
    return frozenset(word for word in words if isinstance(word, str))


@Language.factory(GAZETTEER_COMPONENT)
class PlaceGazetteer:
    """Marks gazetteer place names; each span's `kb_id_` lists its readings, likeliest first."""

    def __init__(self, nlp: Language, name: str):
        readings: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for line in load_patterns("places"):
            if "pattern" in line:
                readings[tuple(token["ORTH"] for token in line["pattern"])].append(line["id"])
        # Datelines and headlines write names in capitals ("KYIV, Ukraine (AP)").
        for orths in list(readings):
            capitals = orths[0].upper()
            if len(orths) == 1 and len(capitals) >= MIN_CAPITALISED_LENGTH:
                readings.setdefault((capitals,), readings[orths])
        self.readings = {orths: " ".join(place_ids) for orths, place_ids in readings.items()}
        # Names of one token are a set lookup per token; longer names go to a PhraseMatcher,
        # built from the stored tokens, with one key for all (far faster than a key per name).
        single = [orths[0] for orths in readings if len(orths) == 1]
        self.word_matcher = Matcher(nlp.vocab)
        self.word_matcher.add("PLACE", [[{"ORTH": {"IN": single}}]])
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        longer = [Doc(nlp.vocab, words=list(orths)) for orths in readings if len(orths) > 1]
        self.phrase_matcher.add("PLACE", longer)

    def __call__(self, doc: Doc) -> Doc:
        found = self.word_matcher(doc, as_spans=True) + self.phrase_matcher(doc, as_spans=True)
        spans = []
        for span in filter_spans(found):
            place_ids = self.readings[tuple(token.text for token in span)]
            spans.append(Span(doc, span.start, span.end, label="PLACE", kb_id=place_ids))
        doc.spans[GAZETTEER_SPANS] = spans
        return doc


@dataclass
class _Mention:
    span: Span  # the place name only: no article, no possessive
    readings: list[dict[str, Any]]  # gazetteer records, likeliest first; empty for model-only
    as_actor: bool
    from_towns: bool = False  # readings looked up for a model entity, not matched
    record: dict[str, Any] | None = field(default=None)


def find_places(doc: Doc) -> list[Place]:
    """The places of the article, most mentioned first."""
    ents = doc.ents  # built anew on each access
    entity_of = {token.i: ent for ent in ents for token in ent}
    person_words = _person_name_words(ents)
    hits = list(doc.spans[GAZETTEER_SPANS])
    hit_tokens = {i for hit in hits for i in range(hit.start, hit.end)}
    records = place_records()

    mentions = []
    for hit in hits:
        readings = [records[place_id] for place_id in hit.kb_id_.split()]
        if _is_place(hit, readings[0], entity_of, person_words, hit_tokens):
            mentions.append(_Mention(hit, readings, _as_actor(hit)))
    for ent in ents:
        if ent.label_ in MODEL_PLACE_LABELS and not hit_tokens.intersection(
            range(ent.start, ent.end)
        ):
            span = _name_only(ent)
            if span is not None and _is_model_place(span, person_words):
                towns = town_readings(span.text)
                mentions.append(_Mention(span, towns, _as_actor(span), from_towns=True))
    mentions.sort(key=lambda mention: mention.span.start)
    _choose_readings(mentions)
    return _group(mentions)


def _person_name_words(ents: tuple[Span, ...]) -> set[str]:
    """The words of the article's full person names ("Paris" and "Hilton" of "Paris Hilton"):
    alone elsewhere, such a word is more likely the person than a place."""
    words = set()
    for ent in ents:
        if ent.label_ == "PERSON":
            names = [token.text for token in ent if token.is_title]
            if len(names) > 1:
                words.update(names)
    return words


def _is_place(
    hit: Span,
    record: dict[str, Any],
    entity_of: dict[int, Span],
    person_words: set[str],
    hit_tokens: set[int],
) -> bool:
    """Whether a gazetteer name is used as a place here."""
    is_country = record["type"] == "country"
    entities = {entity_of[i] for i in range(hit.start, hit.end) if i in entity_of}
    if not entities:
        if is_country or _geographic_context(hit, hit_tokens):
            return True
        proper = all(token.tag_ in PROPER_NOUN_TAGS for token in hit)
        return proper and hit.text not in person_words
    if len(entities) > 1:
        return is_country  # the name straddles the model's entities
    ent = entities.pop()
    name_tokens = ent[1:] if ent[0].text in LEADING_ARTICLES else ent
    exact = name_tokens.start == hit.start and name_tokens.end == hit.end
    if ent.label_ in MODEL_PLACE_LABELS:
        # "said Angers" after "Sandy Angers": a surname, though the model calls it a place.
        return hit.text not in person_words or _geographic_context(hit, hit_tokens)
    if ent.label_ == "PERSON":
        # "Paris Hilton" is a person; a lone "Kherson" (or the model's "Kherson turnout") is a
        # place where the context is geographic.
        other_names = [
            t for t in name_tokens if t.i not in range(hit.start, hit.end) and t.is_title
        ]
        return (
            not other_names
            and hit.text not in person_words
            and _geographic_context(hit, hit_tokens)
        )
    if not exact:
        # A country opening a longer name is a modifier and still a place ("UK Defence
        # Secretary", "US Labor Department"), unless the name is a company's ("Qatar Airways");
        # further in ("Air France", "Bank of America") or for a city ("Boston Globe") it is
        # part of the name.
        company = any(token.text in context_words("company_word") for token in ent)
        return is_country and hit.start == name_tokens.start and not company
    # The model's ORG, NORP, PRODUCT... on exactly the name: countries and the hand-kept names
    # ("U.K" as ORG, "Kremlin") are places; a city or region needs a geographic context
    # ("Toyota and General Motors").
    return is_country or record["type"] == "other" or _geographic_context(hit, hit_tokens)


def _geographic_context(span: Span, hit_tokens: set[int]) -> bool:
    """'in (occupied) Kherson', 'Kherson region', 'Kherson, Zaporizhzhia and Luhansk'."""
    doc = span.doc
    cues, modifiers = context_words("geo_cue"), context_words("place_modifier")
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in modifiers:
        i -= 1
    if i >= 0 and doc[i].lower_ in cues:
        return True
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in cues:
        return True
    if span.end < len(doc) and doc[span.end].lower_ in context_words("place_noun"):
        return True
    # A list or "City, Region": a neighbour across a comma or conjunction is a gazetteer name.
    before = span.start - 2
    after = span.end + 1
    joins = {",", "and", "or"}
    if before >= 0 and doc[span.start - 1].lower_ in joins and before in hit_tokens:
        return True
    return after < len(doc) and doc[span.end].lower_ in joins and after in hit_tokens


def _as_actor(span: Span) -> bool:
    """The place speaks for its government: 'Moscow said', 'according to Downing Street'."""
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lower_ in speech_verbs():
        return True
    before = [token.lower_ for token in span.doc[max(0, span.start - 3) : span.start]]
    if before and before[-1] == "the":
        before.pop()
    return before[-2:] == ["according", "to"]


def _name_only(ent: Span) -> Span | None:
    """A model entity without its article, possessive or a trailing line ("Selhurst Park\\nPA")."""
    start, end = ent.start, ent.end
    if ent[0].text in LEADING_ARTICLES:
        start += 1
    for token in ent:
        if "\n" in token.text or token.is_space:
            end = min(end, token.i)
    while end > start and (ent.doc[end - 1].tag_ == "POS" or ent.doc[end - 1].is_punct):
        end -= 1
    return ent.doc[start:end] if end > start else None


def _is_model_place(span: Span, person_words: set[str]) -> bool:
    """A model GPE/LOC/FAC outside the gazetteer that reads as a proper place name."""
    if not span.text[0].isupper():
        return False
    # Not a demonym ("Ukrainian") nor a surname the model took for a place.
    return not (len(span) == 1 and (span[0].tag_ in {"JJ", "NNPS"} or span.text in person_words))


def _choose_readings(mentions: list[_Mention]) -> None:
    """Pick each name's reading. A name with several ('Georgia', 'London') takes the one the
    article's unambiguous places point to: cities and regions in the same country, and for a
    country also its neighbours ('Tbilisi' or 'Russia' for the country, 'Atlanta' for the state)."""
    local: Counter[str] = Counter()  # cities and regions per country code
    countries: Counter[str] = Counter()
    for mention in mentions:
        if len(mention.readings) == 1:
            record = mention.readings[0]
            counter = countries if record["type"] == "country" else local
            counter[record["country_code"]] += 1

    def support(record: dict[str, Any]) -> int:
        neighbours = record.get("neighbours", ())
        return local[record["country_code"]] + sum(countries[code] for code in neighbours)

    for mention, following in pairwise([*mentions, None]):
        if not mention.readings:
            continue
        readings = mention.readings
        if following is not None and _is_city_region_pair(mention.span, following.span):
            # "London, Ontario": the reading in the country of the region that follows.
            codes = {record["country_code"] for record in following.readings}
            readings = [
                record for record in readings if record["country_code"] in codes
            ] or readings
        best = max(readings, key=support)  # ties: the likeliest reading
        # A small town's name is a guess; against an article about other countries, no country
        # is better than a namesake's ("Somerset" in an English story is no US town).
        guess_unsupported = mention.from_towns and support(best) == 0 and (local or countries)
        mention.record = None if guess_unsupported else best
    _code_from_following_region(mentions)


def _is_city_region_pair(first: Span, second: Span) -> bool:
    """'Mobile, Alabama': two names joined by a comma only."""
    return second.start == first.end + 1 and first.doc[first.end].text == ","


def _code_from_following_region(mentions: list[_Mention]) -> None:
    """'Cupertino, California': a model-only place takes the country of the place after it."""
    for mention, following in pairwise(mentions):
        if (
            mention.record is None
            and following.record is not None
            and _is_city_region_pair(mention.span, following.span)
        ):
            mention.record = {
                "id": None,
                "name": mention.span.text,
                "country_code": following.record["country_code"],
                "type": "city",
                "latitude": None,
                "longitude": None,
            }


def _group(mentions: list[_Mention]) -> list[Place]:
    """One Place per place, most mentioned first (ties: first mentioned first)."""
    grouped: dict[str, tuple[dict[str, Any], list[PlaceMention]]] = {}
    for mention in mentions:
        record = mention.record or {
            "id": None,
            "name": mention.span.text,
            "country_code": None,
            "type": "other",
            "latitude": None,
            "longitude": None,
        }
        key = record["id"] or f"name:{record['name']}"
        span = mention.span
        place_mention = PlaceMention(span.text, span.start_char, span.end_char, mention.as_actor)
        grouped.setdefault(key, (record, []))[1].append(place_mention)
    places = [
        Place(
            name=record["name"],
            country_code=record["country_code"],
            type=record["type"],
            mentions=tuple(found),
            latitude=record["latitude"],
            longitude=record["longitude"],
        )
        for record, found in grouped.values()
    ]
    places.sort(key=lambda place: -len(place.mentions))  # stable: first mentioned first on ties
    return places
