"""What a figure is a share of (the option, candidate or measure) and who claims it."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from .figures import OWN_PHRASE_TOKENS, Figure
from .frames import Frames, distance

_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _trimmed(doc: Doc, first: int, last: int) -> tuple[str, tuple[int, int]] | None:
    """The text of tokens [first, last) without a leading article or trailing punctuation."""
    while first < last and (doc[last - 1].is_punct or doc[last - 1].is_space):
        last -= 1
    while first < last and doc[first].pos_ == "DET" and doc[first].lower_ in ("the", "a", "an"):
        first += 1
    if first >= last:
        return None
    span = doc[first:last]
    return _LEADING_ARTICLE.sub("", span.text), (span.start_char, span.end_char)


def _within(found: tuple[str, tuple[int, int]] | None, sentence: Span):
    """`found` cut to the figure's sentence: a parse can run across a line break."""
    if found is None:
        return None, None
    start, end = found[1]
    if sentence.start_char <= start and end <= sentence.end_char:
        return found
    doc = sentence.doc
    inside = doc.char_span(
        max(start, sentence.start_char), min(end, sentence.end_char), alignment_mode="contract"
    )
    if inside is None:
        return None, None
    return _trimmed(doc, inside.start, inside.end) or (None, None)


def _subtree_text(token: Token) -> tuple[str, tuple[int, int]] | None:
    tokens = list(token.subtree)
    return _trimmed(token.doc, tokens[0].i, tokens[-1].i + 1)


def clause_verb(token: Token) -> Token | None:
    """The nearest verb above `token` in the parse."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return None


def find_claim(figure: Figure, frames: Frames) -> None:
    """ "the Russian regional administration claimed 87.05%" -> the administration."""
    doc = figure.sentence.doc
    sentence = figure.sentence
    for i in frames.according[
        bisect_left(frames.according, sentence.start) : bisect_left(frames.according, sentence.end)
    ]:
        last = i + 2
        while last < sentence.end and not doc[last].is_punct and doc[last].i != figure.first:
            last += 1
        figure.claimed_by, figure.claim_span = _within(_trimmed(doc, i + 2, last), sentence)
        return
    root = doc[figure.first : figure.last].root
    for ancestor in root.ancestors:
        if ancestor.i in frames.claims:
            subjects = [child for child in ancestor.children if child.dep_ == "nsubj"]
            if subjects and subjects[0].pos_ != "PRON":
                found = _subtree_text(subjects[0])
                figure.claimed_by, figure.claim_span = _within(found, sentence)
            return


def find_subject(doc: Doc, figure: Figure, previous: Figure | None, frames: Frames) -> None:
    """The option, candidate or measure the figure is a share of."""
    if figure.kind == "turnout":
        figure.subject = "turnout"
        return
    if figure.kind == "counted":
        found = _counted_subject(doc, figure, frames)
    elif figure.kind in ("other", "change"):
        found = _other_subject(figure)
    else:
        found = _option_subject(doc, figure, frames)
    if found is None and previous is not None and _same_measure(previous, figure):
        figure.subject = previous.subject  # "..., while the figure was announced as 93.11%"
        return
    figure.subject, figure.subject_span = _within(found, figure.sentence)


def _same_measure(previous: Figure, figure: Figure) -> bool:
    """ "raised rates by 0.25 points to 5.25%": a change and the level it led to share a subject."""
    measures = ("other", "change")
    return previous.kind == figure.kind or (previous.kind in measures and figure.kind in measures)


def _counted_subject(
    doc: Doc, figure: Figure, frames: Frames
) -> tuple[str, tuple[int, int]] | None:
    """ "100% of the votes tallied" -> "votes tallied"."""
    end = min(figure.last + OWN_PHRASE_TOKENS, figure.sentence.end)
    phrase = [t for t in doc[figure.last : end] if not t.is_punct]
    if not phrase or phrase[0].lower_ != "of":
        return None
    last = next((t.i + 1 for t in phrase if t.i in frames.counted), None)
    return _trimmed(doc, phrase[0].i + 1, last) if last else None


def _other_subject(figure: Figure) -> tuple[str, tuple[int, int]] | None:
    """The measure named nearest the figure: "inflation", "interest rates", "sales"."""
    cues = [cue for cue in figure.own_cues if cue.label == "OTHER"]
    if not cues:
        return None
    nearest = min(cues, key=lambda cue: distance(figure, cue))
    return nearest.text.lower(), (nearest.start, nearest.end)


def _option_subject(doc: Doc, figure: Figure, frames: Frames) -> tuple[str, tuple[int, int]] | None:
    """ "voted to join Russia", "in favour of X", "Clinton won 48%", "Remain on 52%"."""
    if figure.last in frames.stances:  # "with 11% undecided"
        return _trimmed(doc, figure.last, frames.stances[figure.last])
    root = doc[figure.first : figure.last].root
    sentence = figure.sentence
    taker = _taker_before_preposition(doc, root, sentence, frames)
    if taker is not None:
        return taker
    # "to Trump's 46%"
    for child in root.children:
        if child.dep_ == "poss" and (child.pos_ == "PROPN" or child.ent_type_):
            return _name_ending_at(child)
    # "52% for Remain", "98% in favour of independence"
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _subtree_text(objects[0])
    # a vote verb close after the figure: "87.05% of voters voted to join Russia"
    for token in doc[figure.last : min(figure.last + OWN_PHRASE_TOKENS, sentence.end)]:
        if token.i in frames.vote_verbs:
            found = _vote_complement(token)
            if found:
                return found
    favour = _in_favour_of(doc, figure)
    if favour:
        return favour
    verb = clause_verb(root)
    if verb is None:
        return None
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    if (
        verb.i in frames.take_verbs
        and subjects
        and root.dep_ in ("dobj", "pobj", "attr", "npadvmod")
    ):
        return _name_or_option(subjects[0], frames)
    if subjects and subjects[0].i in frames.share_nouns:
        return _share_option(subjects[0])
    return None


def _taker_before_preposition(
    doc: Doc, root: Token, sentence: Span, frames: Frames
) -> tuple[str, tuple[int, int]] | None:
    """ "Marcus Webb with 29.7%", "Hollins at 44%", "Labour on 40%"; but "Biden won Georgia with
    49.5%" is Biden's share: that "with" hangs on the verb, whose subject took the share."""
    preposition = root.head if root.dep_ == "pobj" else None
    if preposition is None or preposition.lower_ not in ("with", "at", "on"):
        return None
    head = preposition.head
    subjects = [child for child in head.children if child.dep_ in ("nsubj", "nsubjpass")]
    before = doc[preposition.i - 1] if preposition.i > sentence.start else None
    if preposition.lower_ == "with" and head.pos_ in ("VERB", "AUX") and subjects:
        # a named taker, not "Voters ... rejected it, with 58% against"
        taker = subjects[0]
        if taker.pos_ == "PROPN" or taker.ent_type_ or taker.i in frames.option_nouns:
            return _name_or_option(taker, frames)
    elif before is not None and (before.pos_ == "PROPN" or before.ent_type_):
        return _name_ending_at(before)
    return None


def _in_favour_of(doc: Doc, figure: Figure) -> tuple[str, tuple[int, int]] | None:
    """ "the votes in favor of joining Russia had reached 98%"."""
    sentence = figure.sentence
    for token in sentence:
        if (
            token.lower_ in ("favor", "favour")
            and doc[token.i - 1].lower_ == "in"
            and token.i + 2 < sentence.end
            and doc[token.i + 1].lower_ == "of"
        ):
            return _subtree_text(doc[token.i + 2])
    return None


def _vote_complement(verb: Token) -> tuple[str, tuple[int, int]] | None:
    """What `verb` chose: "to join Russia" -> "joining Russia", "for Clinton", "Remain"."""
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            tokens = [t for t in child.subtree if not (t.dep_ == "aux" and t.lower_ == "to")]
            found = _trimmed(verb.doc, tokens[0].i, tokens[-1].i + 1)
            if found:
                text, span = found
                return _gerund(child.text) + text[len(child.text) :], span
        if child.dep_ == "prep" and child.lower_ in ("for", "against"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _subtree_text(objects[0])
        if child.dep_ in ("dobj", "npadvmod", "oprd"):
            return _subtree_text(child)
    return None


def _share_option(noun: Token) -> tuple[str, tuple[int, int]] | None:
    """ "the Yes vote" -> "Yes"; "support for independence" -> "independence"."""
    modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i]
    if modifiers:
        return _trimmed(noun.doc, modifiers[0].i, noun.i)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _subtree_text(objects[0])
    return None


def _name_ending_at(token: Token) -> tuple[str, tuple[int, int]] | None:
    """The entity (or run of proper nouns) that ends at `token`: "Marcus Webb"."""
    doc = token.doc
    for entity in doc.ents:
        if entity.start <= token.i < entity.end:
            return _trimmed(doc, entity.start, entity.end)
    first = token.i
    while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].dep_ == "compound":
        first -= 1
    return _trimmed(doc, first, token.i + 1)


def _name_or_option(subject: Token, frames: Frames) -> tuple[str, tuple[int, int]] | None:
    """A candidate's name, or an option such as "the No side"; not "the survey" or "it"."""
    if subject.pos_ == "PRON":
        return None
    if subject.pos_ == "PROPN" or subject.ent_type_ or subject.is_title:
        return _name_ending_at(subject)
    if subject.i in frames.option_nouns:
        return _subtree_text(subject)
    return None


def _gerund(verb: str) -> str:
    """ "join" -> "joining", "leave" -> "leaving", "stop" -> "stopping"."""
    word = verb.lower()
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
        return word[:-1] + "ing"
    vowels = "aeiou"
    if (
        len(word) <= 4
        and len(word) >= 3
        and word[-1] not in vowels + "wxy"
        and word[-2] in vowels
        and word[-3] not in vowels
    ):
        return word + word[-1] + "ing"
    return word + "ing"
