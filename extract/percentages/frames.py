"""Frames: the cue words that say what a figure measures (a vote, a poll, turnout, the count, the
economy) and the words that bind it, from `patterns/percentage_frames.jsonl`."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .figures import Figure, paragraph_bounds

# Frame labels that decide a figure's kind, and the kind each one gives.
KIND_OF_CUE = {
    "POLL": "poll",
    "VOTE": "vote_share",
    "WIN": "vote_share",
    "POLLED": "vote_share",
    "TURNOUT": "turnout",
    "OTHER": "other",
}

VOTE_STORY_CUES = ("VOTE", "WIN", "POLLED", "TURNOUT")
# Cues of counted results, against which the cues of a survey are weighed.
RESULT_CUES = ("WIN", "TURNOUT")
# Kinds that say how much a figure moved or how far one side leads, whatever it measures.
MEASURE_KINDS = ("change", "margin")

# A story is about a vote (or a poll) only when it says so more than once in passing.
MIN_VOTE_STORY_CUES = 2
MIN_POLL_STORY_CUES = 2


@dataclass(frozen=True)
class Cue:
    label: str
    first: int
    last: int  # exclusive token index
    start: int  # character offsets
    end: int
    text: str


@dataclass
class Frames:
    """The frame matches of one document, sorted for look-ups by position."""

    cues: list[Cue] = field(default_factory=list)  # kind cues, by first token
    counted: set[int] = field(default_factory=set)
    claims: set[int] = field(default_factory=set)
    according: list[int] = field(default_factory=list)  # token index of "according"
    separators: list[int] = field(default_factory=list)
    locatives: set[int] = field(default_factory=set)
    vote_verbs: set[int] = field(default_factory=set)
    take_verbs: set[int] = field(default_factory=set)
    share_nouns: set[int] = field(default_factory=set)
    option_verbs: set[int] = field(default_factory=set)  # "leaving", "joining": a place's fate
    option_nouns: set[int] = field(default_factory=set)
    national: list[int] = field(default_factory=list)  # "nationally", "across the country"
    stances: dict[int, int] = field(default_factory=dict)  # first token -> end: "undecided"
    changes: set[int] = field(default_factory=set)  # "rose", "up": a change follows
    changes_after: set[int] = field(default_factory=set)  # "higher", "rise": a change precedes
    leads: set[int] = field(default_factory=set)  # "lead", "ahead": a margin is near
    margin_verbs: set[int] = field(default_factory=set)  # "won" (by 30 points)
    hedges: set[int] = field(default_factory=set)  # "about", "by": between a figure and its word
    standings: set[int] = field(default_factory=set)  # "up", "down": a lead or a change
    baselines: set[int] = field(default_factory=set)  # "from", "since": a change's reference

    def cues_between(self, first: int, last: int) -> list[Cue]:
        starts = [cue.first for cue in self.cues]
        return self.cues[bisect_left(starts, first) : bisect_left(starts, last)]


# Frames kept as the set of the token positions where they start, and as sorted lists of them.
_POSITION_SET_FRAMES = {
    "COUNTED": "counted",
    "CLAIM": "claims",
    "LOCATIVE": "locatives",
    "VOTE_VERB": "vote_verbs",
    "TAKE_VERB": "take_verbs",
    "SHARE_NOUN": "share_nouns",
    "OPTION_VERB": "option_verbs",
    "CHANGE": "changes",
    "CHANGE_AFTER": "changes_after",
    "LEAD": "leads",
    "MARGIN_VERB": "margin_verbs",
    "HEDGE": "hedges",
    "STANDING": "standings",
    "BASELINE": "baselines",
}
_POSITION_LIST_FRAMES = {
    "ACCORDING": "according",
    "SEPARATOR": "separators",
    "NATIONAL": "national",
}


def collect_frames(doc: Doc, matches: list[Span]) -> Frames:
    frames = Frames()
    for span in matches:
        label = span.label_
        if label in KIND_OF_CUE or label in ("CONTEXT", "HINT"):
            frames.cues.append(
                Cue(label, span.start, span.end, span.start_char, span.end_char, span.text)
            )
        elif label in _POSITION_SET_FRAMES:
            getattr(frames, _POSITION_SET_FRAMES[label]).add(span.start)
        elif label in _POSITION_LIST_FRAMES:
            getattr(frames, _POSITION_LIST_FRAMES[label]).append(span.start)
        elif label == "OPTION_NOUN":
            frames.option_nouns.add(span.end - 1)
        elif label == "STANCE":
            frames.stances[span.start] = span.end
    # Of two cues over the same words, the longer one says more: "would vote" is a poll.
    frames.cues = sorted(_longest_cues(frames.cues), key=lambda cue: cue.first)
    for name in _POSITION_LIST_FRAMES.values():
        getattr(frames, name).sort()
    return frames


def _longest_cues(cues: list[Cue]) -> list[Cue]:
    kept: list[Cue] = []
    for cue in sorted(cues, key=lambda c: (c.first - c.last, c.first)):
        if all(cue.last <= other.first or other.last <= cue.first for other in kept):
            kept.append(cue)
    return kept


def story_kind(frames: Frames) -> str:
    """ "poll" when the article reports surveys more than counted results, "vote" when it reports
    a vote, "poll" when only polls, else "other"."""
    counts = {label: 0 for label in (*KIND_OF_CUE, "CONTEXT", "HINT")}
    for cue in frames.cues:
        counts[cue.label] += 1
    results = sum(counts[label] for label in RESULT_CUES)
    if counts["POLL"] >= MIN_POLL_STORY_CUES and counts["POLL"] > results:
        return "poll"  # an election-season story about polls: "would vote", "likely voters"
    # "won" or "took part" alone do not make a vote: a vote word or an election word must be there
    vote_cues = sum(counts[label] for label in VOTE_STORY_CUES)
    if (counts["VOTE"] or counts["CONTEXT"]) and vote_cues + counts[
        "CONTEXT"
    ] >= MIN_VOTE_STORY_CUES:
        return "vote"
    poll_cues = counts["POLL"] + counts["CONTEXT"] + counts["HINT"]
    if counts["POLL"] and poll_cues >= MIN_POLL_STORY_CUES:
        return "poll"
    return "other"


def cues_in_paragraph(doc: Doc, figure: Figure, frames: Frames) -> list[Cue]:
    begin, finish = paragraph_bounds(doc, figure.start, figure.end)
    first = doc.char_span(begin, finish, alignment_mode="expand")
    if first is None:
        return []
    return frames.cues_between(first.start, first.end)


def in_vote_paragraph(doc: Doc, figure: Figure, frames: Frames, story: str) -> bool:
    """Bare "points" are percentage points only where votes or polls are discussed: anywhere in a
    vote or poll story, else in a paragraph that speaks of them ("won" alone is sport's too)."""
    if story != "other":
        return True
    return any(cue.label not in ("OTHER", "WIN") for cue in cues_in_paragraph(doc, figure, frames))


def distance(figure: Figure, cue: Cue) -> int:
    if cue.first >= figure.last:
        return cue.first - figure.last
    if cue.last <= figure.first:
        return figure.first - cue.last
    return 0
