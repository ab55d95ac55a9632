"""The word lists of `patterns/speaker_titles.jsonl` as sets, and small word tests on them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from .patterns import load_patterns

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those"})
POSSESSIVE_ENDINGS = ("'s", "’s", "'", "’")


@dataclass(frozen=True)
class TitleWords:
    """The speaker_titles pattern data, as sets."""

    honorifics: frozenset[str]
    titles: frozenset[str]
    institutional: frozenset[str]
    male: frozenset[str]
    female: frozenset[str]
    group: frozenset[str]
    neuter: frozenset[str]
    organization_nouns: frozenset[str]
    epithets: frozenset[str]
    documents: frozenset[str]
    person_nouns: frozenset[str]
    person_suffixes: tuple[str, ...]
    male_nouns: frozenset[str]
    female_nouns: frozenset[str]


@cache
def title_words() -> TitleWords:
    entries = load_patterns("speaker_titles")
    pronouns = next(entry for entry in entries if entry["type"] == "pronoun")
    gendered = next(entry for entry in entries if entry["type"] == "gendered_noun")
    person = next(entry for entry in entries if entry["type"] == "person_noun")
    return TitleWords(
        honorifics=frozenset(w for e in entries if e["type"] == "honorific" for w in e["words"]),
        titles=frozenset(e["phrase"] for e in entries if e["type"] == "title"),
        institutional=frozenset(
            w for e in entries if e["type"] == "institutional" for w in e["words"]
        ),
        male=frozenset(pronouns["male"]),
        female=frozenset(pronouns["female"]),
        group=frozenset(pronouns["group"]),
        neuter=frozenset(pronouns["organization"]),
        organization_nouns=frozenset(
            w for e in entries if e["type"] == "organization_noun" for w in e["words"]
        ),
        epithets=frozenset(w for e in entries if e["type"] == "epithet" for w in e["words"]),
        documents=frozenset(w for e in entries if e["type"] == "document" for w in e["words"]),
        person_nouns=frozenset(person["words"]),
        person_suffixes=tuple(person["suffixes"]),
        male_nouns=frozenset(gendered["male"]),
        female_nouns=frozenset(gendered["female"]),
    )


def is_subject(token: Token) -> bool:
    """`token` heads or is part of (compound, apposition) a clause subject."""
    while token.dep_ in ("compound", "appos", "flat") and token.head.i != token.i:
        token = token.head
    return token.dep_ in SUBJECT_DEPS
