"""What a speech verb reports when it has no that-clause: the content frames of the cue lexicon.

`patterns/quote_cues.jsonl` says, per verb, which complement is what was said:
- OBJECT_CONTENT: the object, quoted or not ("denied every allegation", "admitted stealing");
- OBJECT_CLAUSE_CONTENT: the object when it holds a verb ("announced plans to close ...");
- INFINITIVE_CONTENT: the to-infinitive with its addressee ("urged voters to turn out",
  "called on the minister to resign", "vowed to fight on");
- PREPOSITION_CONTENT: a prepositional complement with the object before it ("accused the
  council of wasting money", "warned of “dangerous consequences”").
And a statement is never a count or a question the speaker did not ask: "the number who said
...", "noted if and how often ..." (QUESTION verbs do take such clauses: "wondered whether").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from .patterns import load_patterns
from .speaker_types import count_words

CONTENT_LABELS = (
    "OBJECT_CONTENT",
    "GERUND_CONTENT",
    "OBJECT_CLAUSE_CONTENT",
    "INFINITIVE_CONTENT",
    "PREPOSITION_CONTENT",
)
# Subjects that are the writer or the reader, not a source ("you might say", "I wonder").
GENERIC_PRONOUNS = frozenset({"i", "you", "we", "me", "us"})
# Labels of the cue lexicon that qualify a cue verb already found (a SPEECH or DESCRIBE match):
# looked up by the verb's form, not run through the Matcher.
VERB_QUALIFIERS = frozenset({*CONTENT_LABELS, "QUESTION", "CLAUSE_ONLY", "NOT_SPEECH"})
# Words that open a clause asking, not telling: "noted if ...", "did not say whether ...".
QUESTION_OPENERS = frozenset({"if", "whether"})
# Words that make a clause a time reference ("a day after X announced plans to ...").
TIME_MARKERS = frozenset({"after", "before", "since", "until", "when", "once"})
# Words that make a to-clause a purpose, not what was said ("called in order to ...").
PURPOSE_WORDS = frozenset({"order", "so"})


@dataclass(frozen=True)
class Content:
    """Tokens [start, end) a cue verb reports; `needs_quote`: a statement only with quoted
    words in it ("warned of a recession" is a topic, "warned of “chaos”" a quote)."""

    start: int
    end: int
    needs_quote: bool


@cache
def qualifier_words() -> dict[str, frozenset[str]]:
    """Label -> the verb forms of each VERB_QUALIFIERS entry of the cue lexicon."""
    return {
        entry["label"]: frozenset(entry["pattern"][0]["LOWER"]["IN"])
        for entry in load_patterns("quote_cues")
        if entry["label"] in VERB_QUALIFIERS
    }


def verb_labels(verb: Token) -> frozenset[str]:
    """The qualifying labels (content frames, QUESTION, CLAUSE_ONLY) of a cue verb."""
    return frozenset(label for label, words in qualifier_words().items() if verb.lower_ in words)


@cache
def preposition_frames(
    label: str = "PREPOSITION_CONTENT", key: str = "prepositions"
) -> dict[str, frozenset[str]]:
    """Verb form -> the prepositions of the `label` frame: whose complement the verb reports;
    for NOT_SPEECH, with which it reports nothing; for INFINITIVE_CONTENT's
    addressee_prepositions, which name the listener ("called on X to")."""
    entry = next(e for e in load_patterns("quote_cues") if e["label"] == label)
    return {verb: frozenset(preps) for verb, preps in entry[key].items()}


def says_nothing(verb: Token) -> bool:
    """ "adding to a mounting series of problems": a speech verb used in another sense."""
    prepositions = preposition_frames("NOT_SPEECH").get(verb.lower_, frozenset())
    return any(c.dep_ == "prep" and c.lower_ in prepositions for c in verb.children)


def content_of(verb: Token, labels: frozenset[str]) -> Content | None:
    """What `verb` reports through the frames in `labels` (those it matched), if anything."""
    if any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children):
        return None  # "was asked to comment", "was warned of": the subject is the listener
    if verb.dep_ == "advcl" and any(c.lower_ in TIME_MARKERS for c in verb.lefts):
        return None  # "a day after the regions announced plans to ...": a time, not a report
    obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    if "INFINITIVE_CONTENT" in labels:
        found = _infinitive(verb, obj)
        if found is not None:
            return found
    if "PREPOSITION_CONTENT" in labels:
        found = _prepositional(verb, obj)
        if found is not None:
            return found
    gerund = next(
        (c for c in verb.rights if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG"), None
    )
    if labels & {"OBJECT_CONTENT", "GERUND_CONTENT"} and gerund is not None:
        return Content(gerund.left_edge.i, gerund.right_edge.i + 1, False)
    if obj is None or obj.pos_ in ("PRON", "DET"):
        return None  # "confirmed this": the words are elsewhere
    if "OBJECT_CONTENT" in labels or ("OBJECT_CLAUSE_CONTENT" in labels and _has_clause(obj)):
        return Content(obj.left_edge.i, obj.right_edge.i + 1, False)
    return None


def _has_clause(noun: Token) -> bool:
    """ "plans to close three factories", "news that it would close": a clause hangs on it."""
    return any(
        c.dep_ in ("acl", "ccomp")
        and any(a.lower_ in ("to", "that") and a.dep_ in ("aux", "mark") for a in c.lefts)
        for c in noun.rights
    )


def _infinitive(verb: Token, obj: Token | None) -> Content | None:
    """ "promised to repair ...", "urged voters to turn out", "called on X to resign"."""
    infinitive = next(
        (
            c
            for c in verb.rights
            if c.dep_ in ("xcomp", "ccomp")
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.lefts)
            and not any(a.lower_ in PURPOSE_WORDS for a in c.lefts)
        ),
        None,
    )
    if infinitive is None:
        return None
    addressee = obj
    prepositions = preposition_frames("INFINITIVE_CONTENT", "addressee_prepositions")
    listener_prepositions = prepositions.get(verb.lower_, frozenset())
    if addressee is None:
        prep = next(
            (c for c in verb.rights if c.dep_ == "prep" and c.lower_ in listener_prepositions),
            None,
        )
        addressee = next((t for t in prep.children if t.dep_ == "pobj"), None) if prep else None
    start = infinitive.left_edge.i
    if addressee is not None and addressee.i < infinitive.i:
        start = min(start, addressee.left_edge.i)
    return Content(start, infinitive.right_edge.i + 1, False)


def _prepositional(verb: Token, obj: Token | None) -> Content | None:
    """ "accused the council of wasting money", "admitted to threatening the girl"."""
    prepositions = preposition_frames().get(verb.lower_, frozenset())
    prep = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ in prepositions), None)
    if prep is None or not any(c.dep_ in ("pobj", "pcomp") for c in prep.children):
        return None
    start = obj.left_edge.i if obj is not None and obj.i < prep.i else prep.i + 1
    has_verb = any(t.tag_ == "VBG" for t in prep.subtree)
    return Content(start, prep.right_edge.i + 1, needs_quote=not has_verb)


def asks_nothing(verb: Token, clause_first: Token) -> bool:
    """A clause opened by "if"/"whether" under a verb that does not ask is no statement, nor
    is what someone was asked ("she was asked whether ...": the asker is nobody named)."""
    if "QUESTION" in verb_labels(verb):
        # "when asked about ...": a participle without a subject asks nothing of its own.
        bare_participle = verb.tag_ == "VBN" and not any(c.dep_ == "nsubj" for c in verb.lefts)
        passive = any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children)
        return passive or bare_participle
    return clause_first.lower_ in QUESTION_OPENERS


def is_no_statement(verb: Token) -> bool:
    """ "the number who said they ..." (a count), "his refusal to say which ..." (the clause of
    a noun), "it's hard to describe how ..." (an opinion about saying) and "adding to its
    troubles" (another sense) are not statements."""
    if says_nothing(verb):
        return True
    if verb.dep_ == "relcl" and verb.head.lower_ in count_words():
        return True
    is_infinitive = any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.lefts)
    if not is_infinitive:
        return False
    return (verb.dep_ == "acl" and verb.head.pos_ == "NOUN") or verb.head.pos_ == "ADJ"


def nobody_says(verb: Token, subject: Token | None) -> bool:
    """ "to campaign on maintaining his “tough” stance" (a participle nobody is subject of),
    "you might say ...", "I wonder if ..." (the writer and the reader), "That said, ..." (an
    idiom): no one is reported."""
    if subject is None:
        return verb.tag_ in ("VB", "VBG", "VBN")
    idiom = subject.tag_ == "DT" and subject.lower_ in ("that", "this")  # "That said, ..."
    return idiom or (subject.tag_ == "PRP" and subject.lower_ in GENERIC_PRONOUNS)


def reported_clause(verb: Token) -> Token | None:
    """The verb's complement clause, unless it is a relative clause the parse took for one
    ("reported wait times that exceeded two hours"; but "which he said had proved “vital”")."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    relative = clause is not None and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in clause.lefts
    )
    return None if relative and verb.dep_ != "relcl" else clause
