"""Agreement features for finding who a pronoun or a role noun refers to: gender and role.

Gender is read from the text itself: an honorific ("Ms Roe"), a gendered noun in the person's
titles ("actress", "spokeswoman"), and the pronouns that follow the person as a sentence subject
("Roe said her team ..."; "Roe won. She said ..."). Role agreement keeps "the striker" from
reaching the coach named last: a person whose titles name another role is a worse match than one
whose titles name this role or none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Protocol

from spacy.tokens import Doc, Token

from .speakers_words import is_subject, title_words

PRONOUN_GENDERS = {
    "he": "male",
    "him": "male",
    "his": "male",
    "himself": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
    "herself": "female",
}


class HasTitles(Protocol):
    titles: list[str]
    gender: str | None


def noun_gender(word: str) -> str | None:
    """ "male" for "spokesman", "female" for "actress", None for "striker"."""
    words = title_words()
    if word.lower() in words.male_nouns:
        return "male"
    if word.lower() in words.female_nouns:
        return "female"
    return None


def title_gender(titles: Iterable[str]) -> str | None:
    """The gender a person's titles show, if one does ("actress", "chairwoman")."""
    found = {noun_gender(word) for title in titles for word in title.split()} - {None}
    return found.pop() if len(found) == 1 else None


def pronoun_votes(doc: Doc, mentions: Sequence[tuple[int, object, Token]]) -> dict[int, Counter]:
    """Per person (by id), how often a he- or she-pronoun follows the person as a subject
    before any other person is named: in the rest of the sentence, or as the next sentence's
    subject."""
    person_tokens = {root.i for _, _, root in mentions}
    votes: dict[int, Counter] = {}
    for _, person, root in mentions:
        if not is_subject(root):
            continue
        sentence = root.sent
        following = list(doc[root.i + 1 : sentence.end])
        if sentence.end < len(doc):
            following += [t for t in doc[sentence.end :].sent if t.dep_ in ("nsubj", "nsubjpass")]
        for token in following:
            if token.i in person_tokens or token.ent_type_ == "PERSON":
                break
            gender = PRONOUN_GENDERS.get(token.lower_)
            if gender is not None:
                votes.setdefault(id(person), Counter())[gender] += 1
                break
    return votes


def settle_genders(
    doc: Doc, mentions: Sequence[tuple[int, HasTitles, Token]], people: Iterable[HasTitles]
) -> None:
    """Give each person without a gender the one its titles or pronouns show."""
    votes = pronoun_votes(doc, mentions)
    for person in people:
        if person.gender is not None:
            continue
        person.gender = title_gender(person.titles)
        counted = votes.get(id(person))
        if person.gender is None and counted:
            (best, count), *rest = counted.most_common()
            if not rest or rest[0][1] < count:
                person.gender = best


def role_rank(titles: list[str], role: str | None) -> int:
    """0 when the person's titles name `role`, 1 when they name nothing, 2 when only others."""
    if role is None or not titles:
        return 1
    return 0 if any(role in title.lower().split() for title in titles) else 2
