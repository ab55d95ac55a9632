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

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.tokens import Doc, Span

from ...doc_text import doc_text
from ...facts import Place, PlaceMention
from ...nlp.layout import is_dateline, paragraph_number
from ...nlp.syntax import after_leading_articles
from .gazetteer import (
    GAZETTEER_SPANS,
    PREFIX_SPANS,
    PlaceRecord,
    place_records,
    town_readings,
)
from .kinds import (
    LIST_JOINS,
    MODEL_PLACE_LABELS,
    ROAD,
    as_actor,
    code_from_context,
    context_words,
    facility_entities,
    geographic_context,
    is_club,
    is_sports_story,
    name_only,
    names_something_else,
    right_after_cue,
    road_numbers,
)

# Model labels that a town name may wrongly carry ("in Truro" as ORG, "in Cumbria" as PRODUCT).
MISTAKEN_PLACE_LABELS = {"ORG", "PERSON", "PRODUCT", "NORP", "WORK_OF_ART"}
PROPER_NOUN_TAGS = {"NNP", "NNPS"}
# The key of the article's place mentions in `doc.spans`, for the readers after this one, most
# mentioned place first: a span's label is its place's type, its `kb_id_` the place's name, its
# `id_` the country code ("" for none); `span._.as_actor` says it stands for the government
# ("Moscow said"), and `span._.name_end` where the name ends (a name may open a token: "U.S.-led").
PLACE_SPANS = "places"
Span.set_extension("as_actor", default=False, force=True)
Span.set_extension("name_end", default=None, force=True)


@dataclass
class _Mention:
    span: Span  # the place name only: no article, no possessive
    readings: list[PlaceRecord]  # gazetteer records, likeliest first; empty for model-only
    as_actor: bool
    from_towns: bool = False  # readings looked up for a model entity, not matched
    record: PlaceRecord | None = field(default=None)
    name_length: int | None = None  # a name opening a hyphenated token: its length in chars
    kind: str | None = None  # facility, road, city, other: a name that only the text makes a place

    @property
    def text(self) -> str:
        return self.span.text[: self.name_length]

    @property
    def end_char(self) -> int:
        return self.span.start_char + len(self.text)


def find_places(doc: Doc) -> list[Place]:
    """The places of the article, most mentioned first; their mentions also go to
    `doc.spans[PLACE_SPANS]`."""
    ents = doc.ents  # built anew on each access
    entity_of = {token.i: ent for ent in ents for token in ent}
    person_words = _person_name_words(ents)
    hits = list(doc.spans[GAZETTEER_SPANS])
    hit_tokens = {i for hit in hits for i in range(hit.start, hit.end)}
    records = place_records()

    hit_readings = [[records[place_id] for place_id in hit.kb_id_.split()] for hit in hits]
    # The countries the article names: their regions need no geographic context ("Balochistan's
    # rainfall", labelled ORG, in a story about Pakistan).
    article_codes = {
        readings[0].country_code
        for hit, readings in zip(hits, hit_readings, strict=True)
        if readings[0].type == "country"
        and _is_place(hit, readings[0], entity_of, person_words, hit_tokens, set())
    }
    facilities = facility_entities(ents, hit_tokens)
    inside_facility = {i for span, _ in facilities for i in range(span.start, span.end)}
    sports_story = is_sports_story(doc)
    org_only = _org_only_names(ents)
    mentions = []
    for hit, readings in zip(hits, hit_readings, strict=True):
        if inside_facility.intersection(range(hit.start, hit.end)):
            continue
        if not _is_place(hit, readings[0], entity_of, person_words, hit_tokens, article_codes):
            continue
        if readings[0].type != "country" and _stands_for_other(
            hit, sports_story, org_only, hit_tokens
        ):
            continue
        mentions.append(_Mention(hit, readings, as_actor(hit)))
    for token_span in doc.spans[PREFIX_SPANS]:
        readings = [records[place_id] for place_id in token_span.kb_id_.split()]
        if readings[0].type == "country":  # "U.S.-led"; a city so written is rarely one
            mention = _Mention(token_span, readings, False, name_length=len(token_span.label_))
            mentions.append(mention)
    mentions += [_Mention(span, [], False, kind=kind) for span, kind in facilities]
    taken = hit_tokens | inside_facility | {span.start for span in doc.spans[PREFIX_SPANS]}
    mentions += _model_mentions(doc, hits, taken, person_words, sports_story)
    mentions.sort(key=lambda mention: mention.span.start)
    _choose_readings(mentions)
    code_from_context(mentions)
    return _group(doc, mentions)


def place_span(span: Span, place: Place, mention: PlaceMention) -> Span:
    """The tokens `span` of `mention` of `place`, as kept in `doc.spans[PLACE_SPANS]`."""
    placed = Span(
        span.doc,
        span.start,
        span.end,
        label=place.type,
        kb_id=place.name,
        span_id=place.country_code or "",
    )
    placed._.as_actor = mention.as_actor
    placed._.name_end = mention.end
    return placed


def _stands_for_other(
    hit: Span, sports_story: bool, org_only: set[str], hit_tokens: set[int]
) -> bool:
    """A city or region name used for something else: an event, product, company or club, or
    a name the model calls an organisation elsewhere in the article ("Toyota's top-selling
    vehicle") where nothing here makes it a place."""
    if names_something_else(hit) or is_club(hit, sports_story):
        return True
    in_entity = any(token.ent_type_ for token in hit)
    return hit.text in org_only and not in_entity and not geographic_context(hit, hit_tokens)


def _org_only_names(ents: Sequence[Span]) -> set[str]:
    """Names the model labels ORG in the article and never a place."""
    orgs = {ent.text for ent in ents if ent.label_ == "ORG"}
    return orgs - {ent.text for ent in ents if ent.label_ in MODEL_PLACE_LABELS}


def _model_mentions(
    doc: Doc, hits: list[Span], taken: set[int], person_words: set[str], sports_story: bool
) -> list[_Mention]:
    """Places the gazetteer does not know: the model's place entities, towns it labels
    otherwise ("in Truro" as ORG), names that only the context makes places ("the city of
    Douma", "Pangram area"), and numbered roads."""
    hit_tokens = {i for hit in hits for i in range(hit.start, hit.end)}
    hit_ends = {hit.end for hit in hits}
    ents = doc.ents
    person_or_org_names = {
        token.text for ent in ents if ent.label_ in ("PERSON", "ORG") for token in ent
    }
    mentions = []
    for ent in ents:
        if taken.intersection(range(ent.start, ent.end)) or ent.start in hit_ends:
            continue  # the gazetteer's, or a name it opens ("Dublin Bay South")
        span = name_only(ent)
        if span is None or not _is_model_place(span, person_words):
            continue
        if names_something_else(span) or span[-1].text in context_words("event_word"):
            continue
        if ent.label_ in MODEL_PLACE_LABELS:
            if is_club(span, sports_story):
                continue
            towns = town_readings(span.text)
            if len(span) == 1 and not (towns or geographic_context(span, hit_tokens)):
                # A lone word the gazetteer and the town table do not know ("Bloomberg",
                # "Biden" at the head of a sentence) is a place only where the text says so.
                continue
            if span.text in person_or_org_names:
                continue  # "Biden" is "Mr Biden" elsewhere in the article
            kind = None if towns else _named_kind(span)
            mentions.append(_Mention(span, towns, as_actor(span), from_towns=True, kind=kind))
        elif ent.label_ in MISTAKEN_PLACE_LABELS:
            mention = _mistaken_place(span, hit_tokens)
            if mention is not None:
                mentions.append(mention)
    for span in road_numbers(doc):
        if span.start not in taken:
            mentions.append(_Mention(span, [], False, kind=ROAD))
    return mentions


def _mistaken_place(span: Span, hit_tokens: set[int]) -> _Mention | None:
    """A name the model labels ORG, PERSON... that the context makes a place: a town right
    after a geographic cue or listed with one ("stops in Hilversum and Almelo"); any name
    after "the city of" or before "area", "province"... ("Pangram area of Sarkh")."""
    kind = _named_kind(span)
    after_cue = right_after_cue(span) or _listed_after_cue(span, hit_tokens)
    if not (after_cue or kind):
        return None
    towns = town_readings(span.text)
    if towns:
        return _Mention(span, towns, as_actor(span), from_towns=True)
    if kind is not None:
        return _Mention(span, [], as_actor(span), kind=kind)
    return None


def _named_kind(span: Span) -> str | None:
    """'city' for "the city (town, village) of X"; 'other' for "X area (province...)"."""
    doc = span.doc
    before = [token.lower_ for token in doc[max(0, span.start - 2) : span.start]]
    if len(before) == 2 and before[1] == "of":
        if before[0] in context_words("settlement_noun"):
            return "city"
        if before[0] in context_words("place_noun"):
            return "other"  # "the Pangram area of Sarkh"
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in context_words("place_noun") and after.is_lower:
        return "other"
    return None


def _listed_after_cue(span: Span, hit_tokens: set[int]) -> bool:
    """'in Hilversum and Almelo': the name follows a list word, and the list's first name, right
    after a cue, is a known place ('between Boeing and Lockheed Martin' lists no places)."""
    doc, root = span.doc, span.root
    if span.start == 0 or doc[span.start - 1].lower_ not in LIST_JOINS:
        return False
    if root.dep_ != "conj" or root.head.i > root.i:
        return False
    first = doc[root.head.i : root.head.i + 1]
    known = root.head.i in hit_tokens or bool(town_readings(first.text))
    return known and right_after_cue(first)


def _person_name_words(ents: Sequence[Span]) -> set[str]:
    """The surnames of the article's full person names ("Angers" of "Sandy Angers"): alone
    elsewhere, such a word is more likely the person than a place. Given names are left out:
    a story names people by surname, so a lone "Jordan" or "Georgia" is the place."""
    words = set()
    for ent in ents:
        if ent.label_ == "PERSON":
            names = [token.text for token in ent if token.is_title]
            words.update(names[1:])
    return words


def _is_place(
    hit: Span,
    record: PlaceRecord,
    entity_of: dict[int, Span],
    person_words: set[str],
    hit_tokens: set[int],
    article_codes: set[str | None],
) -> bool:
    """Whether a gazetteer name is used as a place here; `article_codes` are the countries the
    article names."""
    if is_dateline(doc_text(hit.doc), hit.start_char, hit.end_char):
        return True
    is_country = record.type == "country"
    following = entity_of.get(hit.end)
    if not is_country and following is not None and following.label_ == "PERSON":
        # A given name ("Sydney Sweeney" split by the model); a country may stand before a
        # name ("President of the United States Barack Obama").
        return False
    entities = {entity_of[i] for i in range(hit.start, hit.end) if i in entity_of}
    if not entities:
        if is_country or geographic_context(hit, hit_tokens):
            return True
        proper = all(token.tag_ in PROPER_NOUN_TAGS for token in hit)
        return proper and hit.text not in person_words
    if len(entities) > 1:
        # The model split the name ("Rostov-on-Don" as two people), or the name straddles its
        # entities.
        inside = all(hit.start <= ent.start and ent.end <= hit.end for ent in entities)
        return is_country or inside
    return _is_place_in_entity(hit, record, entities.pop(), person_words, hit_tokens, article_codes)


def _is_place_in_entity(
    hit: Span,
    record: PlaceRecord,
    ent: Span,
    person_words: set[str],
    hit_tokens: set[int],
    article_codes: set[str | None],
) -> bool:
    """Whether a gazetteer name inside the model's one entity `ent` is used as a place."""
    is_country = record.type == "country"
    name_tokens = after_leading_articles(ent)
    # A model entity that only lists gazetteer names ("Anambra and Enugu" as WORK_OF_ART) says
    # nothing about each of them: each is judged as if the model had labelled it alone.
    only_names = all(t.i in hit_tokens or t.lower_ in LIST_JOINS for t in name_tokens)
    exact = only_names or (name_tokens.start == hit.start and name_tokens.end == hit.end)
    if ent.label_ in MODEL_PLACE_LABELS or (ent.label_ == "NORP" and exact):
        # A gazetteer name is no demonym, so the model's NORP on it ("Maharashtra seats") is
        # a place too.
        # "said Angers" after "Sandy Angers": a surname, though the model calls it a place.
        return hit.text not in person_words or geographic_context(hit, hit_tokens)
    if ent.label_ == "PERSON":
        # "Paris Hilton" is a person; a lone "Kherson" (or the model's "Kherson turnout") is a
        # place where the context is geographic.
        other_names = [
            t for t in name_tokens if t.i not in range(hit.start, hit.end) and t.is_title
        ]
        return (
            not other_names and hit.text not in person_words and geographic_context(hit, hit_tokens)
        )
    if not exact:
        # A country opening a longer name is a modifier and still a place ("UK Defence
        # Secretary", "US Labor Department"), unless the name is a company's ("Qatar Airways");
        # further in ("Air France", "Bank of America") or for a city ("Boston Globe") it is
        # part of the name.
        company = any(token.text in context_words("company_word") for token in ent)
        return is_country and hit.start == name_tokens.start and not company
    # The model's ORG, NORP, PRODUCT... on exactly the name: countries and the hand-kept names
    # ("U.K" as ORG, "Kremlin") are places; a city needs a geographic context ("Toyota and
    # General Motors"), a region too unless the article names its country.
    own_region = record.type == "region" and record.country_code in article_codes
    return is_country or own_region or record.type == "other" or geographic_context(hit, hit_tokens)


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
    # Cities and regions per country code, and countries, in the article and per paragraph: a
    # story about Canada may still name Sydney in a paragraph about Australia.
    local: Counter[str | None] = Counter()
    countries: Counter[str | None] = Counter()
    paragraph_local: Counter[tuple[int, str | None]] = Counter()
    paragraph_of = {id(mention): paragraph_number(mention.span) for mention in mentions}
    for mention in mentions:
        if len(mention.readings) == 1:
            record = mention.readings[0]
            code = record.country_code
            counter = countries if record.type == "country" else local
            counter[code] += 1
            paragraph_local[paragraph_of[id(mention)], code] += 1

    def support(record: PlaceRecord, paragraph: int) -> tuple[int, int]:
        code = record.country_code
        neighbours = record.neighbours
        article = local[code] + sum(countries[neighbour] for neighbour in neighbours)
        return paragraph_local[paragraph, code], article

    for index, mention in enumerate(mentions):
        following = mentions[index + 1] if index + 1 < len(mentions) else None
        if not mention.readings:
            continue
        readings = mention.readings
        if following is not None and _is_city_region_pair(mention.span, following.span):
            # "London, Ontario": the reading in the country of the region that follows.
            codes = {record.country_code for record in following.readings}
            readings = (
                [record for record in readings if record.country_code in codes]
                or [town for town in town_readings(mention.text) if town.country_code in codes]
                or readings
            )
        paragraph = paragraph_of[id(mention)]
        best = max(readings, key=lambda record: support(record, paragraph))  # ties: likeliest
        # A small town's name is a guess; against an article about other countries, no country
        # is better than a namesake's ("Somerset" in an English story is no US town).
        unsupported = support(best, paragraph) == (0, 0)
        guess_unsupported = mention.from_towns and unsupported and (local or countries)
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
            code = following.record.country_code
            mention.record = PlaceRecord(None, mention.span.text, code, "city", None, None)


def _group(doc: Doc, mentions: list[_Mention]) -> list[Place]:
    """One Place per place, most mentioned first (ties: first mentioned first); their mentions
    are also kept, in that order, in `doc.spans[PLACE_SPANS]`."""
    grouped: dict[str, tuple[PlaceRecord, list[_Mention]]] = {}
    for mention in mentions:
        record = mention.record or PlaceRecord(None, mention.span.text, None, "other", None, None)
        grouped.setdefault(record.id or f"name:{record.name}", (record, []))[1].append(mention)
    ranked = sorted(grouped.values(), key=lambda group: -len(group[1]))  # stable
    places = [
        Place(
            name=record.name,
            country_code=record.country_code,
            type=record.type,
            mentions=tuple(
                PlaceMention(m.text, m.span.start_char, m.end_char, m.as_actor) for m in found
            ),
            latitude=record.latitude,
            longitude=record.longitude,
        )
        for record, found in ranked
    ]
    doc.spans[PLACE_SPANS] = [
        place_span(m.span, place, place_mention)
        for place, (_, found) in zip(places, ranked, strict=True)
        for m, place_mention in zip(found, place.mentions, strict=True)
    ]
    return places
