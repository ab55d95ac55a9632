"""The people of one document: the persons its entities name (by surname, with titles,
gender and mentions), the organizations it names, and the nearest person or organization in
reach of a pronoun or description. `speakers.Cast` resolves speaker mentions on top of it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from ...facts import Span
from ...nlp.syntax import is_subject, without_article
from ..places.gazetteer import GAZETTEER_SPANS
from .speaker_agreement import role_rank, settle_genders
from .speaker_names import (
    acronym,
    apposition_titles,
    as_span,
    described_people,
    given_names,
    head_titles,
    name_tokens,
    premodifier_titles,
)

# The gender an honorific implies, for matching "he"/"she".
HONORIFIC_GENDERS = {"mr": "male", "ms": "female", "mrs": "female", "miss": "female"}
# How many sentences back a pronoun may find its person.
PRONOUN_REACH_SENTENCES = 4


@dataclass
class Person:
    name: str
    titles: list[str] = field(default_factory=list)
    gender: str | None = None  # "male" | "female", from honorifics
    mentions: list[Span] = field(default_factory=list)


class People:
    """The persons and organizations of one document, by surname and by position."""

    def __init__(self, doc: Doc, reported: Sequence[tuple[int, int]] = ()):
        """`reported` are the character ranges of the quotes: names inside them are not
        antecedents of a speaker pronoun."""
        self.doc = doc
        self.reported = reported
        self.people: dict[str, Person] = {}  # surname (lower case) -> person
        self.person_mentions: list[tuple[int, Person, Token]] = []  # (start char, person, root)
        self._collect_people()
        self.person_mentions.sort(key=lambda item: item[0])
        settle_genders(doc, self.person_mentions, self.people.values())
        self._mention_starts = [start for start, _, _ in self.person_mentions]
        self._sentences: list[int] | None = None
        # Organizations the model names, by position: (start char, name without article).
        self.organizations = [
            (ent.start_char, without_article(ent))
            for ent in doc.ents
            if ent.label_ == "ORG" and not self._in_quote(ent.start_char)
        ]

    def _in_quote(self, position: int) -> bool:
        return any(first <= position < last for first, last in self.reported)

    def _collect_people(self) -> None:
        # A one-word "person" that is a known place ("Kherson said" read as a name) is no
        # antecedent, unless a fuller name of the person has that word.
        places = {(span.start, span.end) for span in self.doc.spans.get(GAZETTEER_SPANS, ())}
        persons = [ent for ent in self.doc.ents if ent.label_ == "PERSON"]
        persons += described_people(self.doc, persons)
        persons.sort(key=lambda span: span.start)
        full_names = {ent[-1].lower_ for ent in persons if len(ent) > 1}
        # Nor is a name in capitals ("LSEG"): people are not written so outside datelines.
        persons = [
            ent
            for ent in persons
            if ((ent.start, ent.end) not in places or ent[-1].lower_ in full_names)
            and not (len(ent) == 1 and ent.text.isupper() and len(ent.text) > 1)
        ]
        forms: dict[str, list[list[Token]]] = {}
        for ent in persons:
            # A described name (no entity label) is all name: "Ana Costa" of "Ana Costa, 31,".
            words = given_names(ent) + (name_tokens(ent) if ent.label_ else list(ent))
            if words:
                forms.setdefault(words[-1].lower_, []).append(words)
        for surname, variants in forms.items():
            fullest = max(variants, key=len)
            self.people[surname] = Person(" ".join(token.text for token in fullest))
        for ent in persons:
            person = self.person_of(ent)
            if person is None:
                continue
            ent = self.doc[ent.start - len(given_names(ent)) : ent.end]
            person.mentions.append(as_span(ent))
            self.person_mentions.append((ent.start_char, person, ent.root))
            before = self.doc[ent.start - 1].lower_.rstrip(".") if ent.start else ""
            if person.gender is None and before in HONORIFIC_GENDERS:
                person.gender = HONORIFIC_GENDERS[before]
            titles = premodifier_titles(ent) + apposition_titles(ent.root) + head_titles(ent.root)
            for title in titles:
                if title not in person.titles:
                    person.titles.append(title)

    def person_of(self, tokens: TokenSpan) -> Person | None:
        """The person a name mention refers to, matched by surname."""
        words = name_tokens(tokens)
        for token in reversed(words):
            if token.text[:1].isupper() and token.lower_ in self.people:
                return self.people[token.lower_]
        return None

    def person_by_role(self, role: str, position: int) -> Person | None:
        """The person whose title holds `role` ("foreign secretary", "high commissioner" of
        "UN High Commissioner for Refugees"), nearest before first."""
        role = f" {role.lower()} "
        holders = [
            (start, person)
            for start, person, _ in self.person_mentions
            if any(role in f" {title.lower()} " for title in person.titles)
        ]
        if not holders:
            return None
        before = [person for start, person in holders if start < position]
        return before[-1] if before else holders[0][1]

    def _organization_name(self, name: str) -> str:
        """The fullest name the article gives an organization: "Federal Aviation
        Administration" for "FAA", "Northwind Energy Inc." for "Northwind"."""
        fuller = Counter(
            other
            for _, other in self.organizations
            if len(other) > len(name)
            and (other.startswith(name + " ") or (name.isupper() and acronym(other) == name))
        )
        # The most used fuller form: a headline may run a name into other words.
        return max(fuller, key=lambda other: (fuller[other], len(other))) if fuller else name

    def add_mention(self, mention: TokenSpan, person: Person) -> None:
        """`mention` (a title or description) cites `person`: an antecedent from now on."""
        at = bisect_left(self._mention_starts, mention.start_char)
        if mention.start_char not in self._mention_starts[at : at + 1]:
            self._mention_starts.insert(at, mention.start_char)
            self.person_mentions.insert(at, (mention.start_char, person, mention.root))

    def _nearest_person(
        self, pronoun: Token, gender: str | None, role: str | None = None
    ) -> Person | None:
        """The nearest person before `pronoun` that agrees with it in gender and role,
        preferring sentence subjects, in reach."""
        reach = self._reach(pronoun)
        stop = bisect_left(self._mention_starts, pronoun.idx)
        candidates = [
            (person, root)
            for start, person, root in self.person_mentions[:stop]
            if start >= reach
            and (gender is None or person.gender in (None, gender))
            and not self._in_quote(start)
        ]
        if not candidates:
            return None
        best = min(role_rank(person.titles, role) for person, _ in candidates)
        candidates = [(p, root) for p, root in candidates if role_rank(p.titles, role) == best]
        for person, root in reversed(candidates):
            if is_subject(root):
                return person
        return candidates[-1][0]

    def _reach(self, token: Token) -> int:
        """Where the sentences an antecedent of `token` may be in start."""
        sentence_starts = self._sentence_starts()
        here = bisect_left(sentence_starts, token.sent.start_char)
        return sentence_starts[max(0, here - PRONOUN_REACH_SENTENCES)]

    def _sentence_starts(self) -> list[int]:
        if self._sentences is None:
            self._sentences = [sent.start_char for sent in self.doc.sents]
        return self._sentences
