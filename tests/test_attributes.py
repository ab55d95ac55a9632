"""The indexed attribute ruler gives exactly the annotations of spaCy's own AttributeRuler."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from extract.nlp.attributes import INDEXED_RULER, RULER, IndexedAttributeRuler
from extract.pipeline import find_model

ANNOTATIONS = [TAG, POS, MORPH, LEMMA, DEP]


@pytest.fixture(scope="module")
def spacy_ruler_nlp():
    """The statistical model as Explosion ships it (less its lemmatizer, as the tool loads it)."""
    return spacy.load(find_model(), exclude=["lemmatizer"])


@pytest.fixture(scope="module")
def indexed(spacy_ruler_nlp) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(spacy_ruler_nlp.get_pipe(RULER))


def both_ways(nlp, indexed: IndexedAttributeRuler, text: str):
    """`text` tagged and parsed once, then annotated by spaCy's ruler and by the indexed one."""
    with nlp.select_pipes(disable=[RULER, "ner"]):
        parsed = nlp(text)
    theirs = nlp.get_pipe(RULER)(parsed.copy())
    return theirs, indexed(parsed.copy())


# Each row: a text, and (token, POS, lemma) that spaCy's ruler sets on one of its tokens: a tag
# rule, a word rule, a rule over two tokens, a regular expression, a dependency rule.
RULE_CASES = [
    ("The minister didn't say.", ("n't", "PART", "not")),
    ("Let's go now, she said.", ("'s", "PRON", "us")),
    ("We're gonna win this one.", ("gon", "VERB", "go")),
    ("Thank y all for coming.", ("y", "PROPN", "you")),
    ("There is no deal, he said.", ("is", "VERB", "be")),
    ("I ain't sure about nothin' at all.", ("nothin'", "PRON", "nothing")),
    ("I ain't sure about it.", ("ai", "VERB", "be")),
    ("Voters backed the plan by 52 percent.", ("backed", "VERB", "")),
]


@pytest.mark.parametrize(("text", "expected"), RULE_CASES)
def test_same_annotations_as_spacys_ruler(spacy_ruler_nlp, indexed, text, expected):
    theirs, ours = both_ways(spacy_ruler_nlp, indexed, text)
    assert np.array_equal(theirs.to_array(ANNOTATIONS), ours.to_array(ANNOTATIONS))
    assert [str(t.morph) for t in theirs] == [str(t.morph) for t in ours]
    word, pos, lemma = expected
    token = next(t for t in ours if t.text == word)
    assert (token.pos_, token.lemma_) == (pos, lemma)


TRICKY_WORDS = [
    "there",
    "is",
    "are",
    "was",
    "'s",
    "'re",
    "n't",
    "not",
    "nt",
    "do",
    "does",
    "did",
    "have",
    "has",
    "had",
    "be",
    "i",
    "you",
    "it",
    "gon",
    "na",
    "got",
    "ta",
    "let",
    "c'm",
    "on",
    "y'",
    "y'all",
    "ai",
    "nothin'",
    "that",
    "if",
    "because",
    "while",
    "The",
    "minister",
    "said",
    "voters",
    "backed",
    "it",
    ".",
    ",",
    '"',
    "\n",
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(TRICKY_WORDS), min_size=1, max_size=30))
def test_any_text_gets_the_same_annotations(spacy_ruler_nlp, indexed, words):
    theirs, ours = both_ways(spacy_ruler_nlp, indexed, " ".join(words))
    assert np.array_equal(theirs.to_array(ANNOTATIONS), ours.to_array(ANNOTATIONS))
    assert [str(t.morph) for t in theirs] == [str(t.morph) for t in ours]


def test_the_pipeline_runs_the_indexed_ruler_in_its_place(nlp):
    assert INDEXED_RULER in nlp.pipe_names and RULER not in nlp.pipe_names
    assert nlp.pipe_names.index(INDEXED_RULER) == nlp.pipe_names.index("parser") + 1
