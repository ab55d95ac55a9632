"""The kind of each figure: a vote share, turnout, the share counted, a poll, a change, a margin
or another figure. A vote share is a poll's where its nearest context (sentence, paragraph,
article) speaks more of a survey than of counted results."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from ..doc_text import doc_text
from ..patterns import load_patterns
from .changes import measure_kind
from .figures import OWN_PHRASE_TOKENS, Figure, paragraph_bounds
from .frames import (
    KIND_OF_CUE,
    MEASURE_KINDS,
    RESULT_CUES,
    Cue,
    Frames,
    cues_in_paragraph,
    distance,
)

# How far before a figure a count verb binds to it: "had counted 95% of ballots".
COUNT_VERB_BEFORE_TOKENS = 2

# A pasted results table has at least this many columns: "Cork  68.8%  31.2%  65.1%".
# Entities that are people: "63% of Kenyans", "52% of Democrats".
_PEOPLE_ENTITIES = ("NORP", "PERSON", "GPE")
MIN_TABLE_CELLS = 3

MAX_TABLE_CELL_CHARS = 40

# Table cells are separated by a tab or by two spaces or more.
_TABLE_CELL = re.compile(r"[^\s](?:[^\t\n ]| (?! ))*")


def by_sentence(figures: list[Figure]) -> list[list[Figure]]:
    groups: list[list[Figure]] = []
    for figure in figures:
        if groups and groups[-1][0].sentence.start == figure.sentence.start:
            groups[-1].append(figure)
        else:
            groups.append([figure])
    return groups


def _counted_here(doc: Doc, figure: Figure, frames: Frames, others: list[Figure]) -> bool:
    """ "with 100% of the votes tallied", "had counted 95% of ballots": the share of the count."""
    sentence = figure.sentence
    for i in range(figure.last, min(figure.last + OWN_PHRASE_TOKENS, sentence.end)):
        token = doc[i]
        if i in frames.counted:
            return True
        if (token.is_punct and token.text not in "-'’") or any(o.first == i for o in others):
            break
    before = range(max(sentence.start, figure.first - COUNT_VERB_BEFORE_TOKENS), figure.first)
    if any(i in frames.counted and doc[i].pos_ in ("VERB", "AUX") for i in before):
        return True
    # "90 per cent of the votes in Gujarat had been counted": the figure is what was counted
    root = doc[figure.first : figure.last].root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.i in frames.counted


def _kind_from(cues: list[Cue], figure: Figure, poll_nearby: bool) -> str | None:
    decisive = [cue for cue in cues if cue.label in KIND_OF_CUE]
    if not decisive:
        return None
    nearest = min(decisive, key=lambda cue: distance(figure, cue))
    kind = KIND_OF_CUE[nearest.label]
    # "45% of voters opposed it", said of a poll, is a poll: only a win verb beats the poll.
    if nearest.label == "VOTE" and poll_nearby:
        return "poll"
    return kind


def decide_kinds(doc: Doc, group: list[Figure], frames: Frames, story: str) -> None:
    sentence = group[0].sentence
    sentence_cues = frames.cues_between(sentence.start, sentence.end)
    for cue in sentence_cues:
        if cue.label in KIND_OF_CUE:
            min(group, key=lambda figure: distance(figure, cue)).own_cues.append(cue)
    previous = None
    for figure in group:
        if _counted_here(doc, figure, frames, group):
            figure.kind, figure.kind_is_local = "counted", True
            continue
        measure = measure_kind(doc, figure, frames)
        if measure is not None:  # how much a figure moved, or a lead: whatever it measures
            figure.kind = measure
            continue
        heading = _column_heading(doc, figure, frames)
        if heading is not None:  # a table cell: its column says what it is, not its neighbours
            figure.kind = _fit_to_story(_kind_from(heading, figure, False), story)
            continue
        kind = _fit_to_story(_kind_in_context(doc, figure, frames, previous, sentence_cues), story)
        # a share of a vote is a poll's where the nearest context speaks more of a survey
        if kind in ("vote_share", "turnout") and _reports_survey(doc, figure, frames, story):
            kind = "poll"
        figure.kind = kind
        previous = figure


def _kind_in_context(
    doc: Doc, figure: Figure, frames: Frames, previous: Figure | None, sentence_cues: list[Cue]
) -> str | None:
    """The kind its own words, the enumeration it is part of, its sentence or paragraph give."""
    poll_in_sentence = any(cue.label == "POLL" for cue in sentence_cues)
    kind = _kind_of_head(doc, figure, frames) or _kind_of_subject(
        doc, figure, frames, poll_in_sentence
    )
    share = _share_of(doc, figure, frames)
    if kind is None and share == "thing":
        kind = "other"  # "armed groups control 40% of the territory", in a vote story
    if kind is None:
        kind = _kind_from(figure.own_cues, figure, poll_in_sentence)
    if kind is None and previous is not None:
        kind = previous.kind  # an enumeration: "Macron won 58% and Le Pen 42%"
    if kind is None:
        kind = _kind_from(sentence_cues, figure, poll_in_sentence)
    if kind is None:
        paragraph_cues = cues_in_paragraph(doc, figure, frames)
        poll_in_paragraph = any(cue.label == "POLL" for cue in paragraph_cues)
        kind = _kind_from(paragraph_cues, figure, poll_in_paragraph)
    if kind is None and share == "people":
        kind = "other"  # "48% of adults have had a booster", in a story that also has a vote
    return kind


def _reports_survey(doc: Doc, figure: Figure, frames: Frames, story: str) -> bool:
    """Whether the nearest of the figure's sentence, paragraph and article that speaks of polls
    or of counted results speaks more of polls ("a Marist survey of likely voters") than of
    results ("won", "turnout", "precincts reporting")."""
    sentence = figure.sentence
    paragraph = cues_in_paragraph(doc, figure, frames)
    for cues in (frames.cues_between(sentence.start, sentence.end), paragraph):
        polls = sum(cue.label == "POLL" for cue in cues)
        results = sum(cue.label in RESULT_CUES for cue in cues)
        if cues:
            results += sum(cues[0].first <= i <= cues[-1].last for i in frames.counted)
        if polls or results:
            return polls > results
    return story == "poll"


def _kind_of_head(doc: Doc, figure: Figure, frames: Frames) -> str | None:
    """The noun the figure measures: "on a turnout of 83.5%", "inflation of 6.8 per cent"."""
    root = doc[figure.first : figure.last].root
    if root.dep_ != "pobj" or root.head.lower_ != "of" or root.head.head.pos_ != "NOUN":
        return None
    noun = root.head.head.i
    cues = [cue for cue in frames.cues_between(noun, noun + 1) if cue.label in KIND_OF_CUE]
    return KIND_OF_CUE[cues[0].label] if cues else None


def _kind_of_subject(doc: Doc, figure: Figure, frames: Frames, poll_nearby: bool) -> str | None:
    """The cue in the subject of the figure's clause: "approval rating slips to 41% as economy
    worries grow" is a poll; so is a clause a poll reports: "exit polls showed Biden winning 69%".
    """
    root = doc[figure.first : figure.last].root
    own_clause = True
    for verb in root.ancestors:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        for child in verb.children:
            if child.dep_ not in ("nsubj", "nsubjpass"):
                continue
            first, last = child.left_edge.i, child.right_edge.i + 1
            if first <= root.i < last:
                continue
            cues = [
                cue
                for cue in frames.cues_between(first, last)
                if (own_clause and cue.label in KIND_OF_CUE) or cue.label == "POLL"
            ]
            if cues:
                return _kind_from(cues, figure, poll_nearby)
        own_clause = False
    return None


def _column_heading(doc: Doc, figure: Figure, frames: Frames) -> list[Cue] | None:
    """The cues of the heading over a table cell ("County  Yes  No  Turnout" over
    "Cork  68.8%  31.2%  65.1%"), or None when the figure is not in a table."""
    text = doc_text(doc)
    begin, finish = paragraph_bounds(doc, figure.start, figure.end)
    cells = [cell.span() for cell in _TABLE_CELL.finditer(text, begin, finish)]
    if len(cells) < MIN_TABLE_CELLS or any(e - s > MAX_TABLE_CELL_CHARS for s, e in cells):
        return None
    column = next(i for i, (start, end) in enumerate(cells) if start <= figure.start < end)
    # up over the other rows of the table to the first line without digits: its heading
    line_end = begin - 1
    while line_end > 0:
        line_begin = text.rfind("\n", 0, line_end) + 1
        line = text[line_begin:line_end]
        if not line.strip():
            return None
        if not any(char.isdigit() for char in line):
            heading = [cell.span() for cell in _TABLE_CELL.finditer(text, line_begin, line_end)]
            if len(heading) != len(cells):
                return None
            start, end = heading[column]
            span = doc.char_span(start, end, alignment_mode="expand")
            return frames.cues_between(span.start, span.end) if span is not None else []
        line_end = line_begin - 1
    return None


def _share_of(doc: Doc, figure: Figure, frames: Frames) -> str | None:
    """What "X% of <noun>" is a share of: "vote" (voters, ballots, the vote), "people"
    (adults, Kenyans, a place), "thing" (territory, services), or None when no "of" follows."""
    if figure.last >= figure.sentence.end or doc[figure.last].lower_ != "of":
        return None
    objects = [child for child in doc[figure.last].children if child.dep_ == "pobj"]
    if not objects:
        return None
    noun = objects[0]
    if any(cue.label != "OTHER" for cue in frames.cues_between(noun.i, noun.i + 1)):
        return "vote"
    # a name is of a people or a place: "47% of Scots", "40% of Gaza"
    named = noun.pos_ == "PROPN" or noun.is_title
    if named or noun.lower_ in _people_nouns() or noun.ent_type_ in _PEOPLE_ENTITIES:
        return "people"
    return "thing"


@cache
def _people_nouns() -> frozenset[str]:
    entry = next(e for e in load_patterns("percentage_frames") if e["label"] == "PEOPLE_NOUN")
    return frozenset(entry["pattern"][0]["LOWER"]["IN"])


def _fit_to_story(kind: str | None, story: str) -> str:
    """A story with no vote has no vote figures; a figure with no cue takes the story's kind."""
    if kind in MEASURE_KINDS:
        return kind
    if kind is None:
        return {"vote": "vote_share", "poll": "poll"}.get(story, "other")
    if story == "other" and kind != "other":
        return "other"
    return kind  # in a poll story, `_reports_survey` weighs the figure's own context
