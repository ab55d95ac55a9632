"""Changes and margins: a figure that says how much something moved ("rose 4 points", "up 4
percent from a year earlier", "20% cheaper") or how far one side is ahead of another ("won the
state by 30 points", "a 7-point lead"), rather than a level or a share.

The words are the CHANGE, CHANGE_AFTER, LEAD, MARGIN_VERB and HEDGE frames of
`patterns/percentage_frames.jsonl`; the rules only look at the words next to the figure and, for
points, at the clause around it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .figures import Figure
from .frames import Frames, distance

# How many words after a figure its change or lead word may come: "a 20% and 16% improvement".
AFTER_WORDS = 4
# How far after a change its baseline may come: "up 3 points from March".
BASELINE_WORDS = 3
# How far a poll's "margin of error" may sit from a figure that is that margin.
MARGIN_OF_ERROR_TOKENS = 6
# Dependency labels of the nouns between a figure and the word it measures: "a 9% funding increase".
_MODIFIER_DEPS = ("compound", "amod", "nmod", "nummod")


def measure_kind(doc: Doc, figure: Figure, frames: Frames) -> str | None:
    """ "change", "margin", or None when the figure is a level or a share."""
    if _is_margin_of_error(figure, frames):
        return None  # a poll's own precision: the poll's figure
    before, by = _word_before(doc, figure, frames)
    if by is not None:
        # "grew by 0.1 per cent", "won Maricopa County by 8 points", "leads Trump by 3 points"
        verb = by.head
        if verb.i in frames.changes:
            return "change"
        if verb.i in frames.margin_verbs or verb.i in frames.leads:
            return "margin"
    if before is not None:
        # "a lead of 5 points"; "Labour leads 45% to 40%" are the two shares
        if before.i in frames.leads and (before.pos_ == "NOUN" or figure.unit == "points"):
            return "margin"
        if _candidate_standing(doc, figure, before, frames):
            return "margin"  # "Biden is up 8 points in Florida"
        # "rose 4 points", "up 4 percent"; "gained 30% of the vote" is a share
        if before.i in frames.changes and not _share_of(doc, figure):
            return "change"
    after = _word_after(doc, figure, frames)
    if after is not None:
        return "margin" if after.i in frames.leads else "change"
    if figure.unit == "points" and _lead_in_clause(doc, figure, frames):
        return "margin"  # "his lead there was 40 points", "narrowed the margin to 11 points"
    return None


def _word_before(doc: Doc, figure: Figure, frames: Frames) -> tuple[Token | None, Token | None]:
    """The first word before the figure that is no hedge ("about", "more than"), and the "by"
    passed on the way there."""
    by = None
    i = figure.first - 1
    start = figure.sentence.start
    while i >= start and i in frames.hedges:
        if doc[i].lower_ == "by" and by is None:
            by = doc[i]
        i -= 1
    return (doc[i] if i >= start else None), by


def _word_after(doc: Doc, figure: Figure, frames: Frames) -> Token | None:
    """A change or lead word right after the figure, over the words that qualify it: "20% more
    powerful", "37 percent higher", "a 5-point lead", "35% off", "a 9% funding increase"."""
    end = min(figure.sentence.end, figure.last + AFTER_WORDS)
    for token in doc[figure.last : end]:
        if token.i in frames.changes_after or token.i in frames.leads:
            return token
        joins_next_figure = (
            token.lower_ == "and" and token.i + 1 < end and doc[token.i + 1].like_num
        )
        qualifies = token.like_num or token.text == "%" or token.dep_ in _MODIFIER_DEPS
        if not (joins_next_figure or qualifies) or (token.is_punct and token.text != "%"):
            return None
    return None


def _candidate_standing(doc: Doc, figure: Figure, before: Token, frames: Frames) -> bool:
    """ "Biden is up 8 points", "Sanders was down 5 points in Iowa": a named side's lead or
    deficit; "approval is up 3 points from March" and "up 1.2 points on 2017" are changes."""
    if figure.unit != "points" or before.i not in frames.standings:
        return False
    end = min(figure.sentence.end, figure.last + BASELINE_WORDS)
    if any(i in frames.baselines for i in range(figure.last, end)):
        return False
    verb = before.head
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and (subjects[0].pos_ == "PROPN" or subjects[0].ent_type_ != "")


def _share_of(doc: Doc, figure: Figure) -> bool:
    return figure.last < figure.sentence.end and doc[figure.last].lower_ == "of"


def _is_margin_of_error(figure: Figure, frames: Frames) -> bool:
    """ "a 3-point margin of error", "margin of error is plus or minus 3.2 percentage points"."""
    sentence = figure.sentence
    return any(
        cue.label == "POLL"
        and cue.text.lower().startswith("margin")
        and distance(figure, cue) <= MARGIN_OF_ERROR_TOKENS
        for cue in frames.cues_between(sentence.start, sentence.end)
    )


def _lead_in_clause(doc: Doc, figure: Figure, frames: Frames) -> bool:
    root = doc[figure.first : figure.last].root
    verb = next((a for a in root.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    return any(token.i in frames.leads for token in verb.subtree if token.i < figure.first)
