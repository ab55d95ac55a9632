"""The people of a place, standing for it: "63% of Kenyans", "French voters handed ...".

A people form ("Kenyans") stands alone; an adjective ("Scottish") only before a people noun
("Scottish voters", not "Scottish law"). Both are looked up by exact form in PhraseMatchers, and
the noun after an adjective in a word set: a Matcher pattern per demonym tried every one of its
130 patterns at every token, the slowest step of the percentages reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ...nlp.rules import rule_words
from ...patterns import load_patterns

DEMONYM_SPANS = "demonyms"


@dataclass(frozen=True)
class DemonymRules:
    """Demonyms keyed by their place's id (`country:KE`), and the people nouns."""

    people: PhraseMatcher  # "Kenyans", "Scots"
    adjectives: PhraseMatcher  # "Kenyan", "Scottish"
    nouns: frozenset[str]  # lower case: "voters", "adults"

    def spans(self, doc: Doc) -> list[Span]:
        """Every demonym of `doc`, labelled by place id, in text order; an adjective's span
        takes in its noun. Also kept as `doc.spans[DEMONYM_SPANS]`."""
        found = [Span(doc, start, end, label=key) for key, start, end in self.people(doc)]
        found += [
            Span(doc, start, end + 1, label=key)
            for key, start, end in self.adjectives(doc)
            if end < len(doc) and doc[end].lower_ in self.nouns
        ]
        found.sort(key=lambda span: (span.start, span.end))
        doc.spans[DEMONYM_SPANS] = found
        return found


@cache
def demonym_rules(vocab: Vocab) -> DemonymRules:
    """The DEMONYM and PEOPLE_NOUN rows of `patterns/percentage_frames.jsonl`, compiled once per
    vocabulary."""
    people = PhraseMatcher(vocab, attr="ORTH")
    adjectives = PhraseMatcher(vocab, attr="ORTH")
    for entry in load_patterns("percentage_frames"):
        if entry["label"] == "DEMONYM":
            for matcher, forms in ((people, entry["people"]), (adjectives, entry["adjective"])):
                if forms:
                    matcher.add(entry["place"], [Doc(vocab, words=form.split()) for form in forms])
    return DemonymRules(people, adjectives, rule_words("percentage_frames", "PEOPLE_NOUN"))
