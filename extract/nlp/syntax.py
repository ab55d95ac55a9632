"""Dependency-label sets and phrase helpers of the parse, declared once (textacy's `constants`
style) for every reader."""

from __future__ import annotations

from spacy.tokens import Span, Token

# Labels (spaCy's English scheme, ClearNLP) of a clause's subject, active or passive.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A subject or a placeholder subject ("there is"): the clause has its own subject.
CLAUSE_SUBJECT_DEPS = SUBJECT_DEPS | {"expl"}
# Labels that mark a passive clause ("was told", "the bill was passed").
PASSIVE_DEPS = frozenset({"nsubjpass", "auxpass"})
# Labels that join the words of one name or noun phrase ("Prime Minister", "Ms Berg, the mayor").
NAME_PART_DEPS = ("compound", "appos", "flat")
ARTICLES = frozenset({"a", "an", "the"})
DETERMINERS = ARTICLES | {"this", "that", "these", "those"}


def is_subject(token: Token) -> bool:
    """`token` heads or is part of (compound, apposition) a clause subject."""
    while token.dep_ in NAME_PART_DEPS and token.head.i != token.i:
        token = token.head
    return token.dep_ in SUBJECT_DEPS


def subjects_of(verb: Token) -> list[Token]:
    """The subjects (active or passive) among the children of `verb`."""
    return [child for child in verb.children if child.dep_ in SUBJECT_DEPS]


def is_article(token: Token) -> bool:
    """An article, demonstrative or possessive pronoun ("the", "Its supply minister")."""
    return token.lower_ in DETERMINERS or token.tag_ == "PRP$"


def without_article(tokens: Span) -> str:
    """The text of `tokens` from its first to its last word that is no article."""
    words = [t for t in tokens if not is_article(t)]
    return tokens.doc[words[0].i : words[-1].i + 1].text if words else tokens.text


def after_leading_articles(tokens: Span) -> Span:
    """`tokens` without the articles that open it ("the Hague" -> "Hague")."""
    start = tokens.start
    while start < tokens.end and tokens.doc[start].lower_ in ARTICLES:
        start += 1
    return tokens.doc[start : tokens.end]
