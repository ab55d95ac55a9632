"""Names and titles in a mention: the words of a name, the titles around it, and names the
entity recognizer missed that the text shows are people."""

from __future__ import annotations

from spacy.symbols import PROPN
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from ...facts import Span
from ...nlp.syntax import DETERMINERS, is_article
from ..places.gazetteer import GAZETTEER_SPANS
from .speakers_words import POSSESSIVE_ENDINGS, title_words

# Where place_tokens keeps its answer on the Doc.
PLACE_TOKENS_KEY = "extract.place_tokens"

# Words an acronym's letters skip ("Office for National Statistics" is ONS).
ACRONYM_SKIPPED = frozenset({"of", "for", "and", "the", "on", "in", "&"})


def as_span(tokens: TokenSpan) -> Span:
    return Span(tokens.text, tokens.start_char, tokens.end_char)


def name_tokens(tokens: TokenSpan) -> list[Token]:
    """The words of a name mention without honorifics, titles, articles and possessive endings."""
    words = title_words()
    kept = [
        token
        for token in tokens
        if token.lower_ not in words.honorifics
        and not is_article(token)
        and token.text not in POSSESSIVE_ENDINGS
        and not token.is_punct
    ]
    # Leading title words ("President", "Foreign Secretary") are not part of the name.
    while len(kept) > 1 and (
        kept[0].lower_ in words.titles | words.epithets
        or kept[0].is_lower
        or kept[0].ent_type_ != tokens.root.ent_type_
    ):
        kept.pop(0)
    return kept


def place_tokens(doc: Doc) -> frozenset[int]:
    """The indices of the tokens in the document's place names (kept on the Doc once made)."""
    found = doc.user_data.get(PLACE_TOKENS_KEY)
    if found is None:
        spans = doc.spans.get(GAZETTEER_SPANS, ())
        found = frozenset(i for span in spans for i in range(span.start, span.end))
        doc.user_data[PLACE_TOKENS_KEY] = found
    return found


def described_people(doc: Doc, persons: list[TokenSpan]) -> list[TokenSpan]:
    """Names the entity recognizer missed or took for organizations, that the text shows are
    people: "Ella Stone, 31," (an age), "The prime minister, Ana Costa," and "Ana Costa, a
    singer," (a title or a person noun in apposition)."""
    words = title_words()
    person_nouns = words.titles | words.epithets | words.male_nouns | words.female_nouns
    known = {token.i for span in persons for token in span}
    found = []
    for token in doc:
        if token.pos != PROPN or token.i in known or token.dep_ == "compound":
            continue
        appositions = [c for c in token.rights if c.dep_ == "appos"]
        aged = any(c.like_num and c.i == token.i + 2 for c in appositions)
        described = any(c.lower_ in person_nouns for c in appositions)
        titled = token.dep_ == "appos" and token.head.lower_ in person_nouns
        if aged or described or titled:
            start = token.i
            while (
                start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN"
            ):
                start -= 1
            found.append(doc[start : token.i + 1])
    return found


def given_names(name: TokenSpan) -> list[Token]:
    """ "Rhodri" where the model tagged only "Lewis" of "Rhodri Lewis": capitalised proper nouns
    just before a name, not titles ("Minister") or abbreviations ("Sgt."), belong to it."""
    doc, start = name.doc, name.start
    words = title_words()
    places = place_tokens(doc)
    while start > 0:
        token = doc[start - 1]
        if (
            token.i in places  # "... District of Texas Erin Cox": a place ends the title
            or token.pos_ != "PROPN"
            or token.dep_ != "compound"
            or token.ent_type_
            or not token.text[:1].isupper()
            or token.text.endswith(".")
            or token.lower_ in words.titles | words.honorifics | words.epithets
        ):
            break
        start -= 1
    return list(doc[start : name.start])


def head_titles(token: Token) -> list[str]:
    """ "Wales's First Minister" for "Wales's First Minister, Rhodri Lewis": the title the name
    is in apposition to."""
    head = token.head
    if token.dep_ != "appos" or head.lower_ not in title_words().titles:
        return []
    words = [t for t in token.doc[head.left_edge.i : head.i + 1] if not t.is_punct]
    while words and is_article(words[0]):
        words.pop(0)
    return [token.doc[words[0].i : words[-1].i + 1].text] if words else []


def acronym(name: str) -> str:
    """ "FAA" for "Federal Aviation Administration"."""
    return "".join(
        w[0] for w in name.split() if w.lower() not in ACRONYM_SKIPPED and w[0].isupper()
    )


def premodifier_titles(name: TokenSpan) -> list[str]:
    """ "British Prime Minister" for "British Prime Minister Liz Truss": the words before a name."""
    doc = name.doc
    start = name.start
    words = title_words()
    while start > 0:
        token = doc[start - 1]
        if token.is_punct or token.lower_ in DETERMINERS or token.lower_ in words.honorifics:
            break
        if token.dep_ not in ("compound", "amod", "nmod") or not (
            token.head.i >= start and token.head.i < name.end + 1
        ):
            break
        start -= 1
    if start == name.start:
        return []
    title = doc[start : name.start]
    places = place_tokens(doc)
    if title.root.ent_type_ == "PERSON" or not any(t.text[:1].isupper() for t in title):
        return []
    if all(t.i in places for t in title):
        return []  # "... of Texas Erin Cox": a place is no title
    return [title.text]


def apposition_titles(token: Token) -> list[str]:
    """ "former UK ambassador to Russia" for "Tony Brenton, the former UK ambassador to Russia",
    "co-founder and CEO of BrightPath" for "Maria Chen, co-founder and CEO of BrightPath, who
    ...". Not an age ("Anita Perez, 42,"), a parenthesis ("(NYSE: NWE)"), or a phrase that
    runs on into the sentence (a misparse: "According to X, war-risk premiums have risen")."""
    doc = token.doc
    appositions = [
        child for child in token.rights if child.dep_ == "appos" and child.ent_type_ != "PERSON"
    ]
    if not appositions:
        return []
    start, end = appositions[0].left_edge.i, appositions[-1].right_edge.i + 1
    if doc[start - 1].text == "(":
        return []
    following = doc[end] if end < len(doc) else None
    if following is not None and not (following.is_punct or following.is_space):
        return []
    clause = next((t for t in doc[start:end] if t.dep_ in ("relcl", "acl")), None)
    if clause is not None:
        end = clause.left_edge.i
    words = [t for t in doc[start:end] if not t.is_space]
    while words and (is_article(words[0]) or words[0].is_punct):
        words.pop(0)
    while words and words[-1].is_punct:
        words.pop()
    if not words or all(t.like_num for t in words):
        return []
    return [doc[words[0].i : words[-1].i + 1].text]
