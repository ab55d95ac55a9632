"""What a place name stands for where it is not the place: a club, an event, a product, a
company; and the names that are places of their own kinds, facilities and roads.

Every word list is one line of `patterns/place_context.jsonl`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from ...nlp.layout import paragraph_number
from ...nlp.rules import rule_words
from ...nlp.syntax import SUBJECT_DEPS, after_leading_articles
from ...patterns import load_patterns
from .gazetteer import PlaceRecord

# Sports stories use a place name for its club; three sports words make an article one.
MIN_SPORT_WORDS = 3
# A road number: "the A120", "the M25", "I-95" (split by the tokenizer as "I", "-", "95").
LIST_JOINS = {",", "and", "or"}  # between the names of a list: "Kano, Kaduna and Lagos"
ROAD_NUMBER = re.compile(r"^[ABMN][0-9]{1,4}(\([MT]\))?$")
POSSESSIVES = {"'s", "’s", "'", "’"}
# How far after a name an event's word may come: 'the Dubai Air Show'.
EVENT_WORD_REACH = 2
FACILITY, ROAD = "facility", "road"
MODEL_PLACE_LABELS = {"GPE", "LOC", "FAC"}


class KindedMention(Protocol):
    """A place mention as `places` keeps it: its name, chosen record and kind."""

    span: Span
    record: PlaceRecord | None
    kind: str | None


@cache
def context_words(kind: str) -> frozenset[str]:
    """One word list of `patterns/place_context.jsonl` (geo_cue, place_modifier, place_noun...)."""
    lines = load_patterns("place_context")
    return frozenset(word for line in lines if line["type"] == kind for word in line["words"])


def is_sports_story(doc: Doc) -> bool:
    """Whether the article reports sport: at least MIN_SPORT_WORDS of its words say so."""
    sport_words = context_words("sport_word")
    return sum(token.lower_ in sport_words for token in doc) >= MIN_SPORT_WORDS


def _token(doc: Doc, i: int) -> Token | None:
    return doc[i] if 0 <= i < len(doc) else None


def names_something_else(span: Span) -> bool:
    """A place name inside the name of an event ('the Davis Cup'), a product ('Brent crude'),
    a company ('Air Astana') or a club ('Real Madrid'), in any story."""
    doc = span.doc
    before, after = _token(doc, span.start - 1), _token(doc, span.end)
    if before is not None and (
        before.text in context_words("club_prefix") or before.text in context_words("name_prefix")
    ):
        return True
    if after is not None and after.lower_ in context_words("product_word"):
        return True
    for token in doc[span.end : span.end + EVENT_WORD_REACH]:
        if not token.is_title and not token.is_upper:
            break
        if token.text in context_words("event_word"):
            return True
    return False


def is_club(span: Span, sports_story: bool) -> bool:
    """In a sports story, a place name that stands for its club: 'Pittsburgh quarterback',
    'Leicester City', 'the Houston Rockets', 'Minnesota's game', 'win over Pittsburgh',
    'Eastern Michigan', 'has coached Ajax, Valencia and Everton', 'Leicester said in a
    statement'."""
    if not sports_story:
        return False
    doc = span.doc
    before, after = _token(doc, span.start - 1), _token(doc, span.end)
    if after is not None and after.text in context_words("team_affix"):
        return True
    if after is not None and _opens_a_team_name(after) and not right_after_cue(span):
        return True  # 'the Houston Rockets', 'Wichita West senior' (not 'in Manchester Sunday')
    role = _token(doc, span.end + 1) if after is not None and after.text in POSSESSIVES else after
    if role is not None and role.lower_ in context_words("team_role"):
        return True
    if before is not None and before.text in context_words("compass_prefix"):
        return not right_after_cue(span)  # "in Southern California" is the region
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:  # 'coached Ajax, Valencia and Everton'
        root = root.head
    opener = _token(doc, root.i - 1) if root.i < span.start else before
    if opener is not None and opener.lower_ in context_words("versus_word"):
        return True
    return root.dep_ in ("nsubj", "dobj") and root.head.lower_ in context_words("sport_verb")


def _opens_a_team_name(token: Token) -> bool:
    """A capitalised name word right after a place name, in a sports story: the rest of a
    team's name, unless it is a date, a person or a structure ('Manchester Sunday', 'Heinz
    Field')."""
    structures = (
        context_words("road_word")
        | context_words("facility_word")
        | context_words("facility_word_weak")
    )
    return (
        token.is_title
        and token.pos_ == "PROPN"
        and token.ent_type_ not in ("DATE", "TIME", "PERSON")
        and token.text not in structures
    )


def facility_kind(span: Span, label: str, placed: bool) -> str | None:
    """`facility` or `road` for a named structure, else None: its last word says so ('Heinz
    Stadium', '6th Avenue'); for the weaker words ('KeyBank Center') only where the text places
    it (`placed`) or the model calls it a facility (FAC)."""
    last = span[-1].text
    if last in context_words("road_word") and last[0].isupper():
        return ROAD
    if last in context_words("facility_word"):
        return FACILITY
    if (placed or label == "FAC") and last in context_words("facility_word_weak"):
        return FACILITY
    return None


def road_numbers(doc: Doc) -> list[Span]:
    """Roads named by number where the text shows them to be roads: 'through the A120', 'on the
    A120 near Colchester', 'the M25 motorway' (a bare 'A380' is an aircraft)."""
    roads = []
    for token in doc:
        if not ROAD_NUMBER.match(token.text):
            continue
        article, cue = _token(doc, token.i - 1), _token(doc, token.i - 2)
        after = _token(doc, token.i + 1)
        after_word = after.lower_ if after is not None else ""
        cue_word = cue.lower_ if cue is not None else ""
        cued = article is not None and article.lower_ == "the" and cue is not None
        if (
            (cued and cue_word in context_words("geo_cue"))
            or (after is not None and after.text in context_words("road_word"))
            or (
                cued
                and cue_word in context_words("road_number_cue")
                and after_word in context_words("road_number_follow")
            )
        ):
            roads.append(doc[token.i : token.i + 1])
    return roads


@cache
def speech_verbs() -> frozenset[str]:
    """Verb forms that report speech, shared with the quote finder (`patterns/quote_cues.jsonl`)."""
    return rule_words("quote_cues", "SPEECH")


def right_after_cue(span: Span) -> bool:
    """'in Truro', 'in occupied Truro': the name comes right after a geographic cue. Stricter
    than `geographic_context`, for a model entity of another label that only the town list
    makes a place ("between Boeing and Lockheed Martin" is no list of places)."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in context_words("place_modifier"):
        i -= 1
    return i >= 0 and doc[i].lower_ in context_words("geo_cue")


def geographic_context(span: Span, hit_tokens: set[int]) -> bool:
    """'in (occupied) Kherson', 'in Truro and Exeter', 'Kherson region', 'Victoria's premier',
    'Kherson, Zaporizhzhia and Luhansk', a results line 'Cork: 55.2%'."""
    doc = span.doc
    cues, modifiers = context_words("geo_cue"), context_words("place_modifier")
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in modifiers:
        i -= 1
    if i >= 0 and doc[i].lower_ in cues:
        return i == 0 or f"{doc[i - 1].lower_} {doc[i].lower_}" not in context_words("not_geo_cue")
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ in cues:
        return True
    following = doc[span.end : span.end + 3]
    if following and following[0].lower_ in context_words("place_noun"):
        return True
    if len(span) > 1 and span[-1].lower_ in context_words("place_noun"):
        return True  # the name says what it is: "Australian Capital Territory"
    if (
        len(following) > 1
        and following[0].tag_ == "POS"
        and following[1].lower_ in context_words("place_owned")
    ):
        return True
    if len(following) > 1 and following[0].text == ":" and following[1].like_num:
        return True
    # A list or "City, Region": a neighbour across a comma or conjunction is a gazetteer name.
    before = span.start - 2
    after = span.end + 1
    if after < len(doc) and doc[after].lower_ == "the":  # "Gauteng and the Western Cape"
        after += 1
    if before >= 0 and doc[span.start - 1].lower_ in LIST_JOINS and before in hit_tokens:
        return True
    return after < len(doc) and doc[span.end].lower_ in LIST_JOINS and after in hit_tokens


def as_actor(span: Span) -> bool:
    """The place speaks for its government: 'Moscow said', 'according to Downing Street'."""
    root = span.root
    if root.dep_ in SUBJECT_DEPS and root.head.lower_ in speech_verbs():
        return True
    before = [token.lower_ for token in span.doc[max(0, span.start - 3) : span.start]]
    if before and before[-1] == "the":
        before.pop()
    return before[-2:] == ["according", "to"]


def name_only(ent: Span) -> Span | None:
    """A model entity without its article, possessive or a trailing line ("Selhurst Park\\nPA")."""
    start, end = after_leading_articles(ent).start, ent.end
    for token in ent:
        if "\n" in token.text or token.is_space:
            end = min(end, token.i)
    while end > start and (ent.doc[end - 1].tag_ == "POS" or ent.doc[end - 1].is_punct):
        end -= 1
    return ent.doc[start:end] if end > start else None


def facility_entities(ents: Sequence[Span], hit_tokens: set[int]) -> list[tuple[Span, str]]:
    """Model entities that name a facility or road ('Heinz Field', 'the Indiana Statehouse',
    'Fort Worth's 6th Avenue'), with their kind; the place names inside them are theirs."""
    found = []
    for ent in ents:
        if ent.label_ not in MODEL_PLACE_LABELS and ent.label_ not in ("ORG", "PRODUCT"):
            continue
        span = name_only(ent)
        if span is None or not (span.text[0].isupper() or span.text[0].isdigit()):
            continue
        inside = hit_tokens.intersection(range(span.start, span.end))
        if inside == set(range(span.start, span.end)):
            continue  # the gazetteer's own name ("Northern Territory")
        kind = facility_kind(span, ent.label_, right_after_cue(span) or _placed_in(span))
        if kind is not None:
            found.append((span, kind))
    return found


def _placed_in(span: Span) -> bool:
    """'Goddard Space Flight Center in Greenbelt': a capitalised place follows 'in'."""
    doc = span.doc
    return (
        span.end + 1 < len(doc)
        and doc[span.end].lower_ in ("in", "at")
        and doc[span.end + 1].ent_type_ in MODEL_PLACE_LABELS
    )


def _country_code(mention: KindedMention) -> str | None:
    return mention.record.country_code if mention.record is not None else None


def code_from_context(mentions: Sequence[KindedMention]) -> None:
    """A facility, road or named locality without a country takes the country of the place
    named nearest it in its sentence ("the Pangram area of Sarkh, Logar"), else before it in
    its paragraph ("Fort Worth's 6th Avenue"), else the article's most named country."""
    coded = [m for m in mentions if _country_code(m)]
    counts = Counter(_country_code(m) for m in coded)
    for mention in mentions:
        if mention.record is not None or mention.kind is None:
            continue
        span = mention.span
        same_sentence = [m for m in coded if m.span.sent == span.sent]
        before = [m for m in coded if m.span.start < span.start]
        if same_sentence:
            source = min(same_sentence, key=lambda m: abs(m.span.start - span.start))
            code = _country_code(source)
        elif before and paragraph_number(before[-1].span) == paragraph_number(span):
            code = _country_code(before[-1])
        else:
            code = counts.most_common(1)[0][0] if counts else None
        mention.record = PlaceRecord(None, span.text, code, mention.kind, None, None)
