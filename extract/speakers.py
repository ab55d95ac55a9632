"""Who a speaker mention refers to: canonical names, titles, pronouns and unnamed sources.

A `Cast` is built once per document from its PERSON entities. It maps a mention ("Truss",
"Ms Truss", "The Foreign Secretary", "she", "a Downing Street spokesperson") to a canonical
speaker: the fullest name form the article gives for a person, or the description of an unnamed
source without its article.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from .facts import Span, Speaker
from .speaker_agreement import noun_gender, role_rank, settle_genders
from .speaker_names import (
    acronym,
    apposition_titles,
    as_span,
    described_people,
    given_names,
    head_titles,
    is_article,
    name_tokens,
    premodifier_titles,
    without_article,
)
from .speakers_words import SUBJECT_DEPS, is_subject, title_words

# Entity labels of sources that speak as an organization ("Downing Street said", "No 10 insisted").
ORGANIZATION_LABELS = frozenset({"ORG", "GPE", "FAC", "NORP"})
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


@dataclass(frozen=True)
class Resolved:
    """A mention resolved to a speaker: its canonical name and kind."""

    name: str
    kind: str  # person | organization | unknown


class Cast:
    """The people of one document, and the resolution of speaker mentions to speakers."""

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
        self.spoken: list[tuple[int, Resolved]] = []  # speakers resolved so far, by position
        self.used: dict[Resolved, list[Span]] = {}
        self.titles: dict[Resolved, list[str]] = {}
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
        places = {(span.start, span.end) for span in self.doc.spans.get("place_names", ())}
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
        antecedent = self._antecedent(mention, root) if mention[0].lower_ == "the" else None
        if antecedent is not None:
            return antecedent
        described = [t for t in mention if not is_article(t) and not t.is_punct]
        if not described:
            return None
        description = self.doc[described[0].i : described[-1].i + 1].text
        if root.lower_ in words.titles or description.lower() in words.titles:
            return self._resolve_title(mention, described, description)
        return self._resolve_name(mention, described, description)

    def _resolve_title(
        self, mention: TokenSpan, described: list[Token], description: str
    ) -> Resolved | None:
        """ "The Foreign Secretary", "High Commissioner": the person holding the title, else
        the role itself, with kind unknown; None for a titled name ("President Joe Biden")."""
        words = title_words()
        person = self.person_by_role(description, mention.start_char)
        if person is not None:
            return Resolved(person.name, "person")
        # A title alone ("High Commissioner", "supply minister") is a role, not a name.
        if (
            description.lower() in words.titles
            or all(t.lower_ in words.titles for t in described)
            or mention.root.ent_type_ != "PERSON"
        ):
            return Resolved(description, _unnamed_kind(mention.root))
        return self._resolve_name(mention, described, description)

    def _resolve_name(
        self, mention: TokenSpan, described: list[Token], description: str
    ) -> Resolved:
        """A name: a person's (registered, so that later mentions of the surname find it), or
        an organization's, or an unnamed source's description."""
        words, root = title_words(), mention.root
        name = name_tokens(mention)
        titled = (
            len(name) < len(described) and described[0].lower_ in words.titles | words.honorifics
        )
        # "Economiesuisse, the main business federation": an organization, whatever its name.
        organization = (
            root.tag_ == "NNPS"
            or root.lower_ in words.institutional  # "Foreign Office", "Downing Street"
            or (len(name) == 1 and root.text.isupper() and len(root) > 1)  # "LSEG"
            or _collective_subject(root)  # "Big Machine have denied"
        ) or any(
            child.dep_ == "appos" and child.lower_ in words.institutional | words.organization_nouns
            for child in root.children
        )
        if (
            name
            and not organization
            and (
                root.ent_type_ == "PERSON"
                or (all(t.pos_ == "PROPN" for t in name) and (titled or not root.ent_type_))
            )
        ):
            # A name the entity recognizer missed ("Spokeswoman Sandy Angers" read as an
            # organization): later mentions of the surname refer to it.
            person = self.people.setdefault(name[-1].lower_, Person(" ".join(t.text for t in name)))
            return Resolved(person.name, "person")
        if root.ent_type_ == "NORP" and root.tag_ == "NNPS" and len(described) == 1:
            return Resolved(description, "unknown")  # "Americans said": a group of people
        if organization or (root.ent_type_ in ORGANIZATION_LABELS and described[0].ent_type_):
            return Resolved(self._organization_name(description), "organization")
        institutional = root.lower_ in words.institutional or root.ent_type_ in ORGANIZATION_LABELS
        return Resolved(description, "organization" if institutional else "unknown")

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

    def _antecedent(self, mention: TokenSpan, root: Token) -> Resolved | None:
        """Who "the company" / "the department" or "the winger" / "the Italian" / "the
        22-year-old" stands for: the organization or the person named just before."""
        words = title_words()
        bare = len([t for t in mention if not t.is_punct]) == 2  # "the company", not "the X firm"
        if bare and root.is_lower and root.lower_ in words.institutional | words.organization_nouns:
            before = [
                name
                for start, name in self.organizations
                if start < mention.start_char and start >= self._reach(mention.root)
            ]
            # "the department" is the nearest organization with that word in its name; "the
            # company" may be any organization.
            named = [name for name in before if root.lower_ in name.lower().split()]
            if named or (before and root.lower_ in words.organization_nouns):
                return Resolved(self._organization_name((named or before)[-1]), "organization")
            return None
        if self._is_epithet(mention, root):
            person = self._nearest_person(root, noun_gender(root.text), root.lower_)
            if person is not None:
                return Resolved(person.name, "person")
        return None

    @staticmethod
    def _is_epithet(mention: TokenSpan, root: Token) -> bool:
        """ "the winger", "the Italian", "the 22-year-old", "the defendant": a description of a
        person named before, not a role of its own (a title), a source or a document."""
        words = title_words()
        if root.lower_ in words.titles:
            return False
        if root.lower_ in words.epithets or root.ent_type_ == "NORP" or "year-old" in mention.text:
            return True
        sources = words.institutional | words.organization_nouns | words.documents
        person_like = root.lower_ in words.person_nouns | words.male_nouns | words.female_nouns or (
            len(root) > 4 and root.lower_.endswith(words.person_suffixes)
        )
        return (
            root.tag_ == "NN"
            and person_like
            and root.lower_ not in sources
            and not any(t.pos_ == "PROPN" for t in mention)
        )

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
            return self._resolve_group(pronoun)
        if pronoun.lower_ in words.neuter:
            # "The IFS said ... It said ...": the organization that spoke last, in reach.
            reach = self._reach(pronoun)
            for start, earlier in reversed(self.spoken):
                if start >= reach and earlier.kind == "organization":
                    return earlier
            return None
        gender = "male" if pronoun.lower_ in words.male else "female"
        if pronoun.lower_ not in words.male | words.female:
            return None
        person = self._nearest_person(pronoun, gender)
        if person is not None:
            return Resolved(person.name, "person")
        for _, earlier in reversed(self.spoken):
            if earlier.kind == "person":
                return earlier
        return self._role_subject(pronoun, gender)

    def _role_subject(self, pronoun: Token, gender: str) -> Resolved | None:
        """ "The mayor was asked ... She said": no person is named, but a role that agrees with
        the pronoun was the subject of a sentence before it, in reach."""
        words = title_words()
        reach = self._reach(pronoun)
        roles = words.titles | words.epithets | words.male_nouns | words.female_nouns
        for token in reversed(self.doc[: pronoun.sent.start]):
            if token.idx < reach:
                break
            agrees = noun_gender(token.text) in (None, gender)
            if token.dep_ in SUBJECT_DEPS and token.lower_ in roles and agrees:
                return Resolved(
                    without_article(self.doc[token.left_edge.i : token.i + 1]), "unknown"
                )
        return None

    def _resolve_group(self, pronoun: Token) -> Resolved | None:
        """ "they said": the group or organization that spoke last in reach (number agreement:
        not one person, unless nobody else spoke), else the organization named last."""
        reach = self._reach(pronoun)
        for start, earlier in reversed(self.spoken):
            if start >= reach and earlier.kind != "person":
                return earlier
        named = [name for start, name in self.organizations if reach <= start < pronoun.idx]
        if named:
            return Resolved(self._organization_name(named[-1]), "organization")
        return self.spoken[-1][1] if self.spoken else None

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


def _unnamed_kind(root: Token) -> str:
    """The kind of a source cited by role only: "a spokesperson" speaks for an organization,
    "analysts" are several people, "the minister" is one."""
    if root.lower_ in title_words().institutional:
        return "organization"
    return "unknown"


def _collective_subject(root: Token) -> bool:
    """A singular name with a plural verb ("Big Machine have denied", "Arsenal are"): a
    group or an organization, never one person (number agreement)."""
    verb = root.head
    plural = verb.tag_ == "VBP" or any(c.dep_ == "aux" and c.tag_ == "VBP" for c in verb.lefts)
    return root.tag_ == "NNP" and root.dep_ == "nsubj" and plural
