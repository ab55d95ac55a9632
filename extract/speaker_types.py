"""What kind of thing a speech verb's subject is: a speaker is a person, an organization, or a
named group or source, never a figure, and a document speaks for its author.

- "Fifty-one percent said ..." has no speaker; "44 percent of Americans said" is Americans'.
- "A news release from the mayor's office said" is the mayor's office's; "the statement said"
  stays a document here (the cast finds who issued it).
- "The 26-year-old said", "the injured said": an adjective used as a noun is a speaker head.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from .patterns import load_patterns
from .speakers_words import title_words

# Prepositions that name a document's author: "a release from X", "a report by X", "a
# statement of X".
AUTHOR_PREPOSITIONS = frozenset({"from", "by", "of"})
# Prepositions that name the group a figure counts: "44 percent of Americans", "most among".
GROUP_PREPOSITIONS = frozenset({"of", "among"})


@cache
def count_words() -> frozenset[str]:
    """The COUNT_HEAD words of the attribution frames ("percent", "number", "majority")."""
    entry = next(e for e in load_patterns("attribution_frames") if e["label"] == "COUNT_HEAD")
    return frozenset(entry["pattern"][0]["LOWER"]["IN"])


def is_figure(token: Token) -> bool:
    """A number or a share as a phrase's head: "Fifty-one percent", "Three", "the majority";
    not a number that names ("No 10") or counts known people ("the two")."""
    if token.lower_ in count_words():
        return True
    named = any(c.dep_ in ("det", "compound", "poss") for c in token.lefts)
    return (token.pos_ == "NUM" or token.like_num) and not named


def is_nominal_adjective(token: Token) -> bool:
    """ "The 26-year-old", "the injured": an adjective heading a noun phrase of its own."""
    return token.pos_ == "ADJ" and any(
        child.dep_ == "det" and child.i < token.i for child in token.children
    )


def who_speaks(head: Token | None) -> Token | None:
    """The head of the speaker a subject head stands for, or None when it is no speaker."""
    if head is None:
        return None
    described = any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in head.rights)
    if is_figure(head) and not described:
        group = _complement(head, GROUP_PREPOSITIONS)
        if group is None:
            # "Half of them said": the figure's noun ("half") has no group; "two-thirds of
            # voters": the parse may hang the group on the number's head.
            group = next(
                (_complement(t, GROUP_PREPOSITIONS) for t in head.children if is_figure(t)),
                None,
            )
        return who_speaks(group) if group is not None and group.pos_ != "PRON" else None
    if head.lower_ in title_words().documents:
        author = _complement(head, AUTHOR_PREPOSITIONS)
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        return author or owner or _compound_author(head) or head
    return head


def _complement(head: Token, prepositions: frozenset[str]) -> Token | None:
    """The object of the first of `prepositions` after `head`: "of Americans" -> Americans."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            return next((t for t in child.children if t.dep_ == "pobj"), None)
    return None


def _compound_author(head: Token) -> Token | None:
    """ "the governor's office release": the compound before a document names who issued it,
    when it is a source itself (a name or an institution), not a kind ("news release")."""
    words = title_words()
    compounds = [c for c in head.lefts if c.dep_ == "compound"]
    if not compounds:
        return None
    last = compounds[-1]
    if last.pos_ == "PROPN" or last.lower_ in words.institutional:
        return last
    return None
