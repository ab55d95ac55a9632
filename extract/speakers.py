"""Who a speaker mention refers to: canonical names, titles, pronouns and unnamed sources.

A `Cast` is built once per document from its PERSON entities. It maps a mention ("Truss",
"Ms Truss", "The Foreign Secretary", "she", "a Downing Street spokesperson") to a canonical
speaker: the fullest name form the article gives for a person, or the description of an unnamed
source without its article.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from .facts import Span, Speaker
from .patterns import load_patterns

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Entity labels of sources that speak as an organization ("Downing Street said", "No 10 insisted").
ORGANIZATION_LABELS = frozenset({"ORG", "GPE", "FAC", "NORP"})
DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those"})
POSSESSIVE_ENDINGS = ("'s", "’s", "'", "’")
# The gender an honorific implies, for matching "he"/"she".
HONORIFIC_GENDERS = {"mr": "male", "ms": "female", "mrs": "female", "miss": "female"}
# How many sentences back a pronoun may find its person.
PRONOUN_REACH_SENTENCES = 4


@dataclass(frozen=True)
class TitleWords:
    """The speaker_titles pattern data, as sets."""

    honorifics: frozenset[str]
    titles: frozenset[str]
    institutional: frozenset[str]
    male: frozenset[str]
    female: frozenset[str]
    group: frozenset[str]


@cache
def title_words() -> TitleWords:
    entries = load_patterns("speaker_titles")
    pronouns = next(entry for entry in entries if entry["type"] == "pronoun")
    return TitleWords(
        honorifics=frozenset(w for e in entries if e["type"] == "honorific" for w in e["words"]),
        titles=frozenset(e["phrase"] for e in entries if e["type"] == "title"),
        institutional=frozenset(
            w for e in entries if e["type"] == "institutional" for w in e["words"]
        ),
        male=frozenset(pronouns["male"]),
        female=frozenset(pronouns["female"]),
        group=frozenset(pronouns["group"]),
    )


@dataclass
class Person:
    name: str
    titles: list[str] = field(default_factory=list)
    gender: str | None = None  # "male" | "female", from honorifics
    mentions: list[Span] = field(default_factory=list)


@dataclass(frozen=True)
class Resolved:
    """A mention resolved to a speaker: its canonical name and kind."""

    name: str
    kind: str  # person | organization | unknown


def as_span(tokens: TokenSpan) -> Span:
    return Span(tokens.text, tokens.start_char, tokens.end_char)


def name_tokens(tokens: TokenSpan) -> list[Token]:
    """The words of a name mention without honorifics, titles, articles and possessive endings."""
    words = title_words()
    kept = [
        token
        for token in tokens
        if token.lower_ not in words.honorifics
        and token.lower_ not in DETERMINERS
        and token.text not in POSSESSIVE_ENDINGS
        and not token.is_punct
    ]
    # Leading title words ("President", "Foreign Secretary") are not part of the name.
    while len(kept) > 1 and (
        kept[0].lower_ in words.titles or kept[0].ent_type_ != tokens.root.ent_type_
    ):
        kept.pop(0)
    return kept


class Cast:
    """The people of one document, and the resolution of speaker mentions to speakers."""

    def __init__(self, doc: Doc, reported: list[tuple[int, int]] = ()):
        """`reported` are the character ranges of the quotes: names inside them are not
        antecedents of a speaker pronoun."""
        self.doc = doc
        self.reported = reported
        self.people: dict[str, Person] = {}  # surname (lower case) -> person
        self.person_mentions: list[tuple[int, Person, Token]] = []  # (start char, person, root)
        self._collect_people()
        self.person_mentions.sort(key=lambda item: item[0])
        self._mention_starts = [start for start, _, _ in self.person_mentions]
        self.spoken: list[tuple[int, Resolved]] = []  # speakers resolved so far, by position
        self.used: dict[Resolved, list[Span]] = {}
        self.titles: dict[Resolved, list[str]] = {}
        self._sentences: list[int] | None = None

    def _collect_people(self) -> None:
        persons = [ent for ent in self.doc.ents if ent.label_ == "PERSON"]
        forms: dict[str, list[Token]] = {}
        for ent in persons:
            words = name_tokens(ent)
            if words:
                forms.setdefault(words[-1].lower_, []).append(words)
        for surname, variants in forms.items():
            fullest = max(variants, key=len)
            self.people[surname] = Person(" ".join(token.text for token in fullest))
        words = title_words()
        for ent in persons:
            person = self.person_of(ent)
            if person is None:
                continue
            person.mentions.append(as_span(ent))
            self.person_mentions.append((ent.start_char, person, ent.root))
            before = self.doc[ent.start - 1].lower_.rstrip(".") if ent.start else ""
            if person.gender is None and before in HONORIFIC_GENDERS:
                person.gender = HONORIFIC_GENDERS[before]
            for title in premodifier_titles(ent) + apposition_titles(ent.root):
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
        """The person whose title ends with `role` ("foreign secretary"), nearest before first."""
        role = role.lower()
        holders = [
            (start, person)
            for start, person, _ in self.person_mentions
            if any(title.lower().endswith(role) for title in person.titles)
        ]
        if not holders:
            return None
        before = [person for start, person in holders if start < position]
        return before[-1] if before else holders[0][1]

    def resolve(self, mention: TokenSpan) -> Resolved | None:
        """The speaker that `mention` (a subject noun phrase or pronoun) refers to."""
        words = title_words()
        root = mention.root
        if root.pos_ == "PRON" or root.lower_ in words.group:
            return self._resolve_pronoun(root)
        person = self.person_of(mention)
        if person is not None:
            return Resolved(person.name, "person")
        earlier = self._earlier_source(mention, root)
        if earlier is not None:
            return earlier
        described = [t for t in mention if t.lower_ not in DETERMINERS and not t.is_punct]
        if not described:
            return None
        description = self.doc[described[0].i : described[-1].i + 1].text
        if root.lower_ in words.titles or description.lower() in words.titles:
            person = self.person_by_role(description, mention.start_char)
            if person is not None:
                return Resolved(person.name, "person")
            if description.lower() in words.titles or all(
                t.lower_ in words.titles for t in described
            ):
                return Resolved(description, "person")  # a role nobody is named for
        name = name_tokens(mention)
        titled = (
            len(name) < len(described) and described[0].lower_ in words.titles | words.honorifics
        )
        if name and (
            root.ent_type_ == "PERSON"
            or (all(t.pos_ == "PROPN" for t in name) and (titled or not root.ent_type_))
        ):
            # A name the entity recognizer missed ("Spokeswoman Sandy Angers" read as an
            # organization): later mentions of the surname refer to it.
            person = self.people.setdefault(name[-1].lower_, Person(" ".join(t.text for t in name)))
            return Resolved(person.name, "person")
        if root.ent_type_ in ORGANIZATION_LABELS and root.ent_type_ and described[0].ent_type_:
            return Resolved(description, "organization")
        institutional = root.lower_ in words.institutional or root.ent_type_ in ORGANIZATION_LABELS
        return Resolved(description, "organization" if institutional else "unknown")

    def _earlier_source(self, mention: TokenSpan, root: Token) -> Resolved | None:
        """ "The spokesperson" after "a Downing Street spokesperson": the source named before."""
        if mention[0].lower_ != "the" or len(mention) > 2:
            return None
        for _, earlier in reversed(self.spoken):
            if earlier.kind != "person" and earlier.name.lower().split()[-1] == root.lower_:
                return earlier
        return None

    def _resolve_pronoun(self, pronoun: Token) -> Resolved | None:
        words = title_words()
        if pronoun.lower_ in words.group:
            return self.spoken[-1][1] if self.spoken else None
        gender = "male" if pronoun.lower_ in words.male else "female"
        if pronoun.lower_ not in words.male | words.female:
            return None
        person = self._nearest_person(pronoun, gender)
        if person is not None:
            return Resolved(person.name, "person")
        for _, earlier in reversed(self.spoken):
            if earlier.kind == "person":
                return earlier
        return None

    def _nearest_person(self, pronoun: Token, gender: str) -> Person | None:
        """The nearest person before `pronoun`, preferring sentence subjects, in reach."""
        sentence_starts = self._sentence_starts()
        here = bisect_left(sentence_starts, pronoun.sent.start_char)
        reach = sentence_starts[max(0, here - PRONOUN_REACH_SENTENCES)]
        stop = bisect_left(self._mention_starts, pronoun.idx)
        candidates = [
            (person, root)
            for start, person, root in self.person_mentions[:stop]
            if start >= reach
            and person.gender in (None, gender)
            and not any(first <= start < last for first, last in self.reported)
        ]
        for person, root in reversed(candidates):
            if is_subject(root):
                return person
        return candidates[-1][0] if candidates else None

    def _sentence_starts(self) -> list[int]:
        if self._sentences is None:
            self._sentences = [sent.start_char for sent in self.doc.sents]
        return self._sentences

    def record(self, mention: TokenSpan, resolved: Resolved) -> None:
        """Note that `resolved` spoke, cited by `mention`: later pronouns may refer to it."""
        self.spoken.append((mention.start_char, resolved))
        person = self.people.get(resolved.name.lower().split()[-1])
        if resolved.kind == "person" and person is not None and mention.root.pos_ != "PRON":
            # "The Foreign Secretary said ..." makes the person an antecedent for "she".
            at = bisect_left(self._mention_starts, mention.start_char)
            if mention.start_char not in self._mention_starts[at : at + 1]:
                self._mention_starts.insert(at, mention.start_char)
                self.person_mentions.insert(at, (mention.start_char, person, mention.root))
        mentions = self.used.setdefault(resolved, [])
        span = as_span(mention)
        if span not in mentions:
            mentions.append(span)
        titles = self.titles.setdefault(resolved, [])
        for title in apposition_titles(mention.root) + premodifier_titles(mention):
            if title not in titles:
                titles.append(title)

    def speakers(self, quote_counts: dict[str, int]) -> list[Speaker]:
        """One `Speaker` per canonical name that has quotes, in order of first quote."""
        result = []
        for resolved, mentions in self.used.items():
            if resolved.name not in quote_counts:
                continue
            titles = list(self.titles.get(resolved, []))
            all_mentions = list(mentions)
            person = self.people.get(resolved.name.lower().split()[-1])
            if resolved.kind == "person" and person is not None and person.name == resolved.name:
                titles += [t for t in person.titles if t not in titles]
                all_mentions += [m for m in person.mentions if m not in all_mentions]
            result.append(
                Speaker(
                    name=resolved.name,
                    kind=resolved.kind,
                    titles=tuple(titles),
                    mentions=tuple(sorted(all_mentions, key=lambda span: span.start)),
                    quote_count=quote_counts[resolved.name],
                )
            )
        return result


def is_subject(token: Token) -> bool:
    """`token` heads or is part of (compound, apposition) a clause subject."""
    while token.dep_ in ("compound", "appos", "flat") and token.head is not token:
        token = token.head
    return token.dep_ in SUBJECT_DEPS


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
    if title.root.ent_type_ == "PERSON" or not any(t.text[:1].isupper() for t in title):
        return []
    return [title.text]


def apposition_titles(token: Token) -> list[str]:
    """ "former UK ambassador to Russia" for "Tony Brenton, the former UK ambassador to Russia"."""
    titles = []
    for child in token.children:
        if child.dep_ == "appos" and child.ent_type_ != "PERSON":
            words = [t for t in child.subtree if not t.is_punct]
            while words and words[0].lower_ in DETERMINERS:
                words.pop(0)
            if words:
                titles.append(token.doc[words[0].i : words[-1].i + 1].text)
    return titles
