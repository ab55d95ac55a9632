"""Percentages bound to the place, option and kind of figure they report.

The figures are the matches of `patterns/percentages.jsonl`; the cue words and frames that say what
a figure measures (a vote, a poll, turnout, the count, the economy) are the matches of
`patterns/percentage_frames.jsonl`. Both matchers run once per document; everything after that
looks only at the sentence, segment or paragraph around a figure.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .doc_text import doc_text
from .facts import Percentage, Place, PlaceMention
from .patterns import load_patterns
from .places import place_records

# Frame labels that decide a figure's kind, and the kind each one gives.
KIND_OF_CUE = {
    "POLL": "poll",
    "VOTE": "vote_share",
    "WIN": "vote_share",
    "TURNOUT": "turnout",
    "OTHER": "other",
}
VOTE_STORY_CUES = ("VOTE", "WIN", "TURNOUT")
VOTE_KINDS = ("vote_share", "turnout", "counted", "poll")
# Entities whose name can hold a place name that is not a place: "Bank of England".
NAME_ENTITIES = ("ORG", "FAC", "PERSON", "WORK_OF_ART", "EVENT", "PRODUCT")

# A story is about a vote (or a poll) only when it says so more than once in passing.
MIN_VOTE_STORY_CUES = 2
MIN_POLL_STORY_CUES = 2

# How far after a figure its own phrase reaches: "100% of the expected votes tallied".
OWN_PHRASE_TOKENS = 6
# How far before a figure a count verb binds to it: "had counted 95% of ballots".
COUNT_VERB_BEFORE_TOKENS = 2
# The lede (headline, byline, first paragraphs) names the place the article's vote is held in.
LEDE_LINES = 4
# A pasted results table has at least this many columns: "Cork  68.8%  31.2%  65.1%".
MIN_TABLE_CELLS = 3
MAX_TABLE_CELL_CHARS = 40

_DIGITS = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")
_RANGE_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?%?")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
# Table cells are separated by a tab or by two spaces or more.
_TABLE_CELL = re.compile(r"[^\s](?:[^\t\n ]| (?! ))*")
# What follows a dateline: "ATLANTA — ...", "PARIS (Reuters) - ...".
_DATELINE_OPENERS = ("—", "–", "(")
_DATELINE_MARKS = (*_DATELINE_OPENERS, "-", ",", ":")  # after a dateline in capitals

# Dependency labels through which a place name describes a person: "Akron businessman Al Fox".
_MODIFIER_DEPS = ("compound", "amod", "nmod", "poss")


@dataclass
class _Figure:
    """A percentage found in the text, before it is bound to what it measures."""

    start: int  # character offsets
    end: int
    first: int  # token range [first, last)
    last: int
    value: float | None
    form: str  # number | range | points | fraction
    sentence: Span
    kind: str | None = None
    kind_is_local: bool = False
    own_cues: list[_Cue] = field(default_factory=list)  # the sentence's cues nearest to it
    subject: str | None = None
    subject_span: tuple[int, int] | None = None
    claimed_by: str | None = None
    claim_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class _Cue:
    label: str
    first: int
    last: int  # exclusive token index
    start: int  # character offsets
    end: int
    text: str


@dataclass(frozen=True)
class _Mention:
    name: str
    start: int
    end: int
    first: int  # first token
    token: Token  # the root token of the mention


@dataclass
class _Frames:
    """The frame matches of one document, sorted for look-ups by position."""

    cues: list[_Cue] = field(default_factory=list)  # kind cues, by first token
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

    def cues_between(self, first: int, last: int) -> list[_Cue]:
        starts = [cue.first for cue in self.cues]
        return self.cues[bisect_left(starts, first) : bisect_left(starts, last)]


@cache
def _number_words() -> dict[str, float]:
    return {entry["word"]: entry["value"] for entry in load_patterns("number_words")}


@cache
def _matchers(vocab: Vocab) -> tuple[Matcher, Matcher, PhraseMatcher, Matcher]:
    """The figure matcher, the frame matchers and the demonym matcher, compiled once per
    vocabulary (a demonym's match key is its place's id).

    A frame that is one word from a list goes to a PhraseMatcher, which looks words up by hash
    where the Matcher would test every token against every list.
    """
    forms = Matcher(vocab)
    for entry in load_patterns("percentages"):
        forms.add(entry["label"], [entry["pattern"]])
    frames = Matcher(vocab)
    words = PhraseMatcher(vocab, attr="LOWER")
    entries = load_patterns("percentage_frames")
    people = next(e["pattern"][0] for e in entries if e["label"] == "PEOPLE_NOUN")
    demonyms = Matcher(vocab)
    for entry in entries:
        if entry["label"] == "PEOPLE_NOUN":
            continue
        if entry["label"] == "DEMONYM":
            # "Kenyans" alone; "Scottish" only before people: "Scottish voters", not "Scottish law"
            spellings = [[{"ORTH": word} for word in form.split()] for form in entry["people"]]
            spellings += [
                [*({"ORTH": word} for word in form.split()), people] for form in entry["adjective"]
            ]
            demonyms.add(entry["place"], spellings)
            continue
        pattern = entry["pattern"]
        lower = pattern[0].get("LOWER") if len(pattern) == 1 and len(pattern[0]) == 1 else None
        if isinstance(lower, dict) and list(lower) == ["IN"]:
            words.add(entry["label"], [Doc(vocab, words=[word]) for word in lower["IN"]])
        else:
            frames.add(entry["label"], [pattern])
    return forms, frames, words, demonyms


def find_percentages(doc: Doc, places: list[Place]) -> list[Percentage]:
    """Every percentage of the article, in text order."""
    forms, frame_matcher, frame_words, demonyms = _matchers(doc.vocab)
    figures = _find_figures(doc, forms(doc, as_spans=True))
    if not figures:
        return []
    frames = _collect_frames(
        doc, [*frame_matcher(doc, as_spans=True), *frame_words(doc, as_spans=True)]
    )
    figures = [f for f in figures if f.form != "points" or _in_vote_paragraph(doc, f, frames)]
    story = _story_kind(frames)
    mentions = _place_mentions(doc, places, frames, demonyms(doc, as_spans=True))
    country = _main_country(mentions, places)
    vote_place = _vote_place(doc, frames, mentions) or country
    for group in _by_sentence(figures):
        _decide_kinds(doc, group, frames, story)
        for previous, figure in zip([None, *group[:-1]], group, strict=True):
            _find_claim(figure, frames)
            _find_subject(doc, figure, previous, frames)
    return [
        Percentage(
            text=doc_text(doc)[f.start : f.end],
            start=f.start,
            end=f.end,
            value=f.value,
            kind=f.kind or "other",
            place=_place_for(doc, f, figures, frames, mentions, vote_place, country),
            subject=f.subject,
            claimed_by=f.claimed_by,
        )
        for f in figures
    ]


# --- finding the figures -------------------------------------------------------------------------


def _find_figures(doc: Doc, matches: list[Span]) -> list[_Figure]:
    """The figures of `doc` in text order: one per number, so a range gives two."""
    thresholds = [span for span in matches if span.label_ == "threshold"]
    figures = []
    for span in filter_spans([span for span in matches if span.label_ != "threshold"]):
        if span.label_ == "fraction":
            if any(t.start < span.end and span.start < t.end for t in thresholds):
                continue  # "a two-thirds majority": a requirement, not a reported figure
            figures.append(_fraction_figure(span))
        elif span.label_ == "range":
            figures.extend(_range_figures(doc, span))
        elif span.label_ == "points":
            figures.append(_points_figure(span))
        else:
            figures.append(_figure(doc, span.start_char, span.end_char, span, "number"))
    return sorted(figures, key=lambda f: f.start)


def _figure(doc: Doc, start: int, end: int, span: Span, form: str) -> _Figure:
    tokens = doc.char_span(start, end, alignment_mode="expand")
    return _Figure(
        start=start,
        end=end,
        first=tokens.start,
        last=tokens.end,
        value=_value(doc_text(doc)[start:end]),
        form=form,
        sentence=_sentence_in_paragraph(span),
    )


def _sentence_in_paragraph(span: Span) -> Span:
    """The sentence of `span`, cut at line breaks: raw text often runs headings into sentences."""
    doc = span.doc
    sentence = span.sent
    begin, finish = _paragraph_bounds(doc, span.start_char, span.end_char)
    paragraph = doc.char_span(begin, finish, alignment_mode="contract")
    if paragraph is None:
        return sentence
    return doc[max(sentence.start, paragraph.start) : min(sentence.end, paragraph.end)]


def _fraction_figure(span: Span) -> _Figure:
    """ "nearly two-thirds" keeps its hedge; a partitive "of" is not part of the figure."""
    words = [token.lower_ for token in span]
    last = span.start + words.index("of") if "of" in words else span.end
    figure = _figure(
        span.doc,
        span.start_char,
        span.doc[last - 1].idx + len(span.doc[last - 1]),
        span,
        "fraction",
    )
    figure.value = None
    return figure


def _points_figure(span: Span) -> _Figure:
    """ "up 3 points" is the number and its unit; "a 5-point lead" is "5-point"."""
    first = next(token for token in span if token.like_num)
    last = next(token for token in reversed(span) if token.lower_ in ("point", "points"))
    return _figure(span.doc, first.idx, last.idx + len(last), span, "points")


def _range_figures(doc: Doc, span: Span) -> list[_Figure]:
    """ "between 40% and 45%", "40-45%", "52%-48%": the first number alone, then the rest."""
    numbers = list(_RANGE_NUMBER.finditer(span.text))
    first, second = numbers[0], numbers[1]
    base = span.start_char
    return [
        _figure(doc, base + first.start(), base + first.end(), span, "range"),
        _figure(doc, base + second.start(), span.end_char, span, "range"),
    ]


def _value(text: str) -> float | None:
    """87.05 for "87.05%", 52 for "Fifty-two percent", 0.5 for "half a percent"."""
    digits = _DIGITS.search(text)
    if digits:
        return float(digits.group().replace(",", ""))
    words = _number_words()
    total = None
    for word in re.split(r"[\s-]+", text.lower()):
        value = words.get(word)
        if value is None:
            continue
        # "one hundred" multiplies, "fifty-two" adds
        total = (total or 1) * 100 if value == 100 else (total or 0) + value
    return total


# --- frames --------------------------------------------------------------------------------------


# Frames kept as the set of the token positions where they start, and as sorted lists of them.
_POSITION_SET_FRAMES = {
    "COUNTED": "counted",
    "CLAIM": "claims",
    "LOCATIVE": "locatives",
    "VOTE_VERB": "vote_verbs",
    "TAKE_VERB": "take_verbs",
    "SHARE_NOUN": "share_nouns",
    "OPTION_VERB": "option_verbs",
}
_POSITION_LIST_FRAMES = {
    "ACCORDING": "according",
    "SEPARATOR": "separators",
    "NATIONAL": "national",
}


def _collect_frames(doc: Doc, matches: list[Span]) -> _Frames:
    frames = _Frames()
    for span in matches:
        label = span.label_
        if label in KIND_OF_CUE or label in ("CONTEXT", "HINT"):
            frames.cues.append(
                _Cue(label, span.start, span.end, span.start_char, span.end_char, span.text)
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


def _longest_cues(cues: list[_Cue]) -> list[_Cue]:
    kept: list[_Cue] = []
    for cue in sorted(cues, key=lambda c: (c.first - c.last, c.first)):
        if all(cue.last <= other.first or other.last <= cue.first for other in kept):
            kept.append(cue)
    return kept


def _story_kind(frames: _Frames) -> str:
    """ "vote" when the article reports a vote, "poll" when only polls, else "other"."""
    counts = {label: 0 for label in (*KIND_OF_CUE, "CONTEXT", "HINT")}
    for cue in frames.cues:
        counts[cue.label] += 1
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


def _paragraph_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character range of the line (paragraph) holding [start, end)."""
    text = doc_text(doc)
    begin = text.rfind("\n", 0, start) + 1
    finish = text.find("\n", end)
    return begin, len(text) if finish < 0 else finish


def _paragraph_cues(doc: Doc, figure: _Figure, frames: _Frames) -> list[_Cue]:
    begin, finish = _paragraph_bounds(doc, figure.start, figure.end)
    first = doc.char_span(begin, finish, alignment_mode="expand")
    if first is None:
        return []
    return frames.cues_between(first.start, first.end)


def _in_vote_paragraph(doc: Doc, figure: _Figure, frames: _Frames) -> bool:
    """Bare "points" are percentage points only where votes or polls are discussed."""
    return any(cue.label not in ("OTHER", "WIN") for cue in _paragraph_cues(doc, figure, frames))


# --- kinds ---------------------------------------------------------------------------------------


def _by_sentence(figures: list[_Figure]) -> list[list[_Figure]]:
    groups: list[list[_Figure]] = []
    for figure in figures:
        if groups and groups[-1][0].sentence.start == figure.sentence.start:
            groups[-1].append(figure)
        else:
            groups.append([figure])
    return groups


def _distance(figure: _Figure, cue: _Cue) -> int:
    if cue.first >= figure.last:
        return cue.first - figure.last
    if cue.last <= figure.first:
        return figure.first - cue.last
    return 0


def _counted_here(doc: Doc, figure: _Figure, frames: _Frames, others: list[_Figure]) -> bool:
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


def _kind_from(cues: list[_Cue], figure: _Figure, poll_nearby: bool) -> str | None:
    decisive = [cue for cue in cues if cue.label in KIND_OF_CUE]
    if not decisive:
        return None
    nearest = min(decisive, key=lambda cue: _distance(figure, cue))
    kind = KIND_OF_CUE[nearest.label]
    # "45% of voters opposed it", said of a poll, is a poll: only a win verb beats the poll.
    if nearest.label == "VOTE" and poll_nearby:
        return "poll"
    return kind


def _decide_kinds(doc: Doc, group: list[_Figure], frames: _Frames, story: str) -> None:
    sentence = group[0].sentence
    sentence_cues = frames.cues_between(sentence.start, sentence.end)
    poll_in_sentence = any(cue.label == "POLL" for cue in sentence_cues)
    for cue in sentence_cues:
        if cue.label in KIND_OF_CUE:
            min(group, key=lambda figure: _distance(figure, cue)).own_cues.append(cue)
    previous = None
    for figure in group:
        if _counted_here(doc, figure, frames, group):
            figure.kind, figure.kind_is_local = "counted", True
            continue
        heading = _column_heading(doc, figure, frames)
        if heading is not None:  # a table cell: its column says what it is, not its neighbours
            figure.kind = _fit_to_story(_kind_from(heading, figure, False), story)
            continue
        kind = _kind_of_head(doc, figure, frames) or _kind_of_subject(
            doc, figure, frames, poll_in_sentence
        )
        if kind is None:
            kind = _kind_from(figure.own_cues, figure, poll_in_sentence)
        if kind is None and previous is not None:
            kind = previous.kind  # an enumeration: "Macron won 58% and Le Pen 42%"
        if kind is None:
            kind = _kind_from(sentence_cues, figure, poll_in_sentence)
        if kind is None:
            paragraph_cues = _paragraph_cues(doc, figure, frames)
            poll_in_paragraph = any(cue.label == "POLL" for cue in paragraph_cues)
            kind = _kind_from(paragraph_cues, figure, poll_in_paragraph)
        if kind is None and _share_of_something_else(doc, figure, frames):
            kind = "other"  # "60% of services will run", in a story that also has a vote
        figure.kind = _fit_to_story(kind, story)
        previous = figure


def _kind_of_head(doc: Doc, figure: _Figure, frames: _Frames) -> str | None:
    """The noun the figure measures: "on a turnout of 83.5%", "inflation of 6.8 per cent"."""
    root = doc[figure.first : figure.last].root
    if root.dep_ != "pobj" or root.head.lower_ != "of" or root.head.head.pos_ != "NOUN":
        return None
    noun = root.head.head.i
    cues = [cue for cue in frames.cues_between(noun, noun + 1) if cue.label in KIND_OF_CUE]
    return KIND_OF_CUE[cues[0].label] if cues else None


def _kind_of_subject(doc: Doc, figure: _Figure, frames: _Frames, poll_nearby: bool) -> str | None:
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


def _column_heading(doc: Doc, figure: _Figure, frames: _Frames) -> list[_Cue] | None:
    """The cues of the heading over a table cell ("County  Yes  No  Turnout" over
    "Cork  68.8%  31.2%  65.1%"), or None when the figure is not in a table."""
    text = doc_text(doc)
    begin, finish = _paragraph_bounds(doc, figure.start, figure.end)
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


def _share_of_something_else(doc: Doc, figure: _Figure, frames: _Frames) -> bool:
    """ "X% of <noun>" where the noun is no vote word (voters, ballots, the vote...)."""
    if figure.last >= figure.sentence.end or doc[figure.last].lower_ != "of":
        return False
    objects = [child for child in doc[figure.last].children if child.dep_ == "pobj"]
    if not objects:
        return False
    cues = frames.cues_between(objects[0].i, objects[0].i + 1)
    return not any(cue.label != "OTHER" for cue in cues)


def _fit_to_story(kind: str | None, story: str) -> str:
    """A story with no vote has no vote figures; a figure with no cue takes the story's kind."""
    if kind is None:
        return {"vote": "vote_share", "poll": "poll"}.get(story, "other")
    if story == "other" and kind != "other":
        return "other"
    if story == "poll" and kind in ("vote_share", "turnout"):
        return "poll"
    return kind


# --- subject and source --------------------------------------------------------------------------


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


def _clause_verb(token: Token) -> Token | None:
    """The nearest verb above `token` in the parse."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return None


def _find_claim(figure: _Figure, frames: _Frames) -> None:
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


def _find_subject(doc: Doc, figure: _Figure, previous: _Figure | None, frames: _Frames) -> None:
    """The option, candidate or measure the figure is a share of."""
    if figure.kind == "turnout":
        figure.subject = "turnout"
        return
    if figure.kind == "counted":
        found = _counted_subject(doc, figure, frames)
    elif figure.kind == "other":
        found = _other_subject(figure)
    else:
        found = _option_subject(doc, figure, frames)
    if found is None and previous is not None and previous.kind == figure.kind:
        figure.subject = previous.subject  # "..., while the figure was announced as 93.11%"
        return
    figure.subject, figure.subject_span = _within(found, figure.sentence)


def _counted_subject(
    doc: Doc, figure: _Figure, frames: _Frames
) -> tuple[str, tuple[int, int]] | None:
    """ "100% of the votes tallied" -> "votes tallied"."""
    end = min(figure.last + OWN_PHRASE_TOKENS, figure.sentence.end)
    phrase = [t for t in doc[figure.last : end] if not t.is_punct]
    if not phrase or phrase[0].lower_ != "of":
        return None
    last = next((t.i + 1 for t in phrase if t.i in frames.counted), None)
    return _trimmed(doc, phrase[0].i + 1, last) if last else None


def _other_subject(figure: _Figure) -> tuple[str, tuple[int, int]] | None:
    """The measure named nearest the figure: "inflation", "interest rates", "sales"."""
    cues = [cue for cue in figure.own_cues if cue.label == "OTHER"]
    if not cues:
        return None
    nearest = min(cues, key=lambda cue: _distance(figure, cue))
    return nearest.text.lower(), (nearest.start, nearest.end)


def _option_subject(
    doc: Doc, figure: _Figure, frames: _Frames
) -> tuple[str, tuple[int, int]] | None:
    """ "voted to join Russia", "in favour of X", "Clinton won 48%", "Remain on 52%"."""
    if figure.last in frames.stances:  # "with 11% undecided"
        return _trimmed(doc, figure.last, frames.stances[figure.last])
    root = doc[figure.first : figure.last].root
    sentence = figure.sentence
    # "Marcus Webb with 29.7%", "Hollins at 44%", "Labour on 40%"; but "Biden won Georgia with
    # 49.5%" is Biden's share: that "with" hangs on the verb, whose subject took the share
    preposition = root.head if root.dep_ == "pobj" else None
    if preposition is not None and preposition.lower_ in ("with", "at", "on"):
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
    verb = _clause_verb(root)
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


def _in_favour_of(doc: Doc, figure: _Figure) -> tuple[str, tuple[int, int]] | None:
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


def _name_or_option(subject: Token, frames: _Frames) -> tuple[str, tuple[int, int]] | None:
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


# --- places --------------------------------------------------------------------------------------


def _place_mentions(
    doc: Doc, places: list[Place], frames: _Frames, demonyms: list[Span]
) -> list[_Mention]:
    """The mentions a figure can be about: not a government acting, not a person's descriptor,
    not a dateline, not a surname, not the option voted for ("voted to remain in the UK").

    The people of a place stand for it: "63% of Kenyans", "French voters handed..."."""
    records = place_records()
    mentions = [
        _Mention(
            records[span.label_]["name"], span.start_char, span.end_char, span.start, span.root
        )
        for span in demonyms
    ]
    surnames = _surnames(doc)
    text = doc_text(doc)
    for place in places:
        for mention in place.mentions:
            if mention.as_actor or mention.text in surnames or _is_dateline(text, mention):
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if (
                span is None
                or _describes_person(span.root)
                or _inside_name(span)
                or _in_vote_option(span.root, frames)
            ):
                continue
            mentions.append(_Mention(place.name, mention.start, mention.end, span.start, span.root))
    return sorted(mentions, key=lambda m: m.start)


def _surnames(doc: Doc) -> set[str]:
    """ "Le Pen" and "Pen" when the article names "Marine Le Pen": a person, not a place."""
    names = set()
    for entity in doc.ents:
        if entity.label_ == "PERSON":
            words = entity.text.split()
            names.update(" ".join(words[k:]) for k in range(1, len(words)))
    return names


def _is_dateline(text: str, mention: PlaceMention) -> bool:
    """ "ATLANTA — ...", "PARIS (Reuters) - ...": where the reporter was, not what figures say."""
    begin = text.rfind("\n", 0, mention.start) + 1
    if text[begin : mention.start].strip():
        return False
    follows = text[mention.end : mention.end + 3].lstrip()[:1]
    shouting = mention.text.isupper() and len(mention.text) > 2
    return follows in _DATELINE_OPENERS or (shouting and follows in _DATELINE_MARKS)


def _in_vote_option(token: Token, frames: _Frames) -> bool:
    """ "Scotland voted 55% to remain in the UK", "support for leaving the UK": the UK is part of
    the option, not the setting."""
    verb = token.head.head if token.dep_ == "pobj" else token.head
    if token.dep_ in ("dobj", "pobj") and verb.i in frames.option_verbs:
        return True
    return any(
        ancestor.dep_ == "xcomp" and ancestor.head.i in frames.vote_verbs
        for ancestor in token.ancestors
    )


def _main_country(mentions: list[_Mention], places: list[Place]) -> str | None:
    """The named country most of the article's places are in (the first of equals): national
    figures are its. Counting states and cities too outvotes a stray country reading."""
    code_of = {place.name: place.country_code for place in places}
    codes = Counter(code_of[m.name] for m in mentions if code_of.get(m.name))
    for code, _ in codes.most_common():
        for place in places:
            if place.type == "country" and place.country_code == code:
                return place.name
    return None


def _inside_name(span: Span) -> bool:
    """ "the United States Government", "Bank of England": part of an organisation's name."""
    entity = span.root.ent_type_ and next(
        (e for e in span.doc.ents if e.start <= span.start and span.end <= e.end), None
    )
    if not entity or entity.label_ not in NAME_ENTITIES:
        return False
    # the model's ORG "the Australian Capital Territory" is the place with its article
    name_length = len(entity) - (entity[0].lower_ == "the")
    return name_length > len(span)


def _describes_person(token: Token) -> bool:
    """ "former Cincinnati city councilman Marcus Webb": the place tells who, not where."""
    while token.dep_ in _MODIFIER_DEPS and token.head.i != token.i:
        token = token.head
        if token.ent_type_ == "PERSON":
            return True
    return False


def _is_locative(doc: Doc, mention: _Mention, frames: _Frames) -> bool:
    """ "in Kherson", "across the United States", "in rural Cherokee County"."""
    token = mention.token
    if token.dep_ == "pobj" and token.head.i in frames.locatives:
        return True
    i = mention.first
    while i > 0 and doc[i - 1].lower_ == "the":
        i -= 1
    return i > 0 and (i - 1) in frames.locatives


def _vote_place(doc: Doc, frames: _Frames, mentions: list[_Mention]) -> str | None:
    """The place the article's vote is held in: the place nearest its first vote word in the lede.

    Later on, a place next to a vote word is one of the places the article goes through.
    """
    starts = [m.start for m in mentions]
    lede_end = _lede_end(doc_text(doc))
    for cue in frames.cues:
        if cue.start >= lede_end:
            break
        if cue.label == "OTHER":
            continue
        sentence = doc[cue.first].sent
        inside = mentions[
            bisect_left(starts, sentence.start_char) : bisect_left(starts, sentence.end_char)
        ]
        if inside:
            return min(inside, key=lambda m: abs(m.start - cue.start)).name
    return None


def _lede_end(text: str) -> int:
    """Character offset where the first `LEDE_LINES` non-blank lines end."""
    end, lines = 0, 0
    while lines < LEDE_LINES:
        newline = text.find("\n", end)
        if newline < 0:
            return len(text)
        lines += bool(text[end:newline].strip())
        end = newline + 1
    return end


def _place_for(
    doc: Doc,
    figure: _Figure,
    figures: list[_Figure],
    frames: _Frames,
    mentions: list[_Mention],
    vote_place: str | None,
    country: str | None,
) -> str | None:
    """Same phrase, same segment of the sentence, the sentence, the paragraph, the article.

    A figure that is not about a vote is about a place only when its own clause ties the two
    ("inflation in the UK", "UK inflation"); its source's place ("Ukraine's minister said") is not.
    """
    about_vote = figure.kind in VOTE_KINDS
    if about_vote and figure.subject_span:
        # "followed by Western Australia at 64.5%": a vote share whose subject is a place is
        # that place's result (parties and candidates are no places).
        named = next((m for m in mentions if (m.start, m.end) == figure.subject_span), None)
        if named:
            return named.name
    own_spans = [figure.subject_span] if about_vote else [figure.subject_span, figure.claim_span]
    usable = [
        m
        for m in mentions
        if not any(span and span[0] <= m.start and m.end <= span[1] for span in own_spans)
    ]
    starts = [m.start for m in usable]
    sentence = figure.sentence
    in_sentence = usable[
        bisect_left(starts, sentence.start_char) : bisect_left(starts, sentence.end_char)
    ]
    after = _place_in_own_phrase(doc, figure, figures, frames, in_sentence)
    if after:
        return after.name
    seg_start, seg_end = _segment(doc, figure, frames)
    in_segment = [m for m in in_sentence if seg_start <= m.start < seg_end]
    if not about_vote:
        verb = _clause_verb(doc[figure.first : figure.last].root)
        tied = [m for m in in_segment if _ties_to_clause(doc, m, verb, frames)]
        before = [m for m in tied if m.end <= figure.start]
        chosen = before[-1] if before else next(iter(tied), None)
        return chosen.name if chosen else None
    # a place named since the sentence's previous figure is this one's: "won in A with 55%, and
    # dominated B, where he took 65%"
    previous_end = max(
        (f.end for f in figures if f.sentence.start == sentence.start and f.end <= figure.start),
        default=sentence.start_char,
    )
    before = [m for m in in_segment if m.end <= figure.start]
    since_previous = [m for m in before if m.start >= previous_end]
    chosen = _nearest_locative_or_nearest(doc, since_previous or before, frames)
    if chosen is None and country and _is_national(doc, frames, seg_start, seg_end):
        return country  # "Nationally, Biden received 51.3%"
    if chosen and country and _is_national(doc, frames, chosen.end, figure.start):
        return country  # "in the Northern Territory, turnout was below the national 89%"
    if chosen is None:
        # not past another clause: "won 44%, sweeping every seat in Edmonton"
        chosen = next(
            (
                m
                for m in in_segment
                if m.start >= figure.end
                and _is_locative(doc, m, frames)
                and not any(t.pos_ == "VERB" for t in doc[figure.last : m.first])
            ),
            None,
        )
    if chosen:
        return chosen.name
    before = [m for m in in_sentence if m.end <= figure.start]
    chosen = _nearest_locative_or_nearest(doc, before, frames)
    if chosen:
        return chosen.name
    begin, finish = _paragraph_bounds(doc, figure.start, figure.end)
    in_paragraph = usable[bisect_left(starts, begin) : bisect_right(starts, finish)]
    before = [m for m in in_paragraph if m.end <= figure.start]
    # the share of the count is the whole vote's, not the previous sentence's place's
    if before and figure.kind != "counted":
        return before[-1].name
    # A place later in the segment ("52% backed it, officials in Scotland said") before the
    # article's own; later segments hold the places of later figures.
    if in_segment:
        return in_segment[0].name
    if vote_place:
        return vote_place
    return in_paragraph[0].name if in_paragraph else None


def _is_national(doc: Doc, frames: _Frames, start: int, end: int) -> bool:
    """Whether the characters [start, end) say "nationally", "nationwide", "across the country"."""
    national = frames.national
    first = doc.char_span(start, end, alignment_mode="expand")
    return first is not None and bisect_left(national, first.start) < bisect_left(
        national, first.end
    )


def _ties_to_clause(doc: Doc, mention: _Mention, verb: Token | None, frames: _Frames) -> bool:
    """ "in the UK", or "UK inflation" / "Japan's output" / "Japan" as part of the same clause."""
    if _is_locative(doc, mention, frames):
        return True
    token = mention.token
    return token.dep_ in ("poss", "compound", "nsubj", "nsubjpass") and _clause_verb(token) == verb


def _nearest_locative_or_nearest(
    doc: Doc, before: list[_Mention], frames: _Frames
) -> _Mention | None:
    for mention in reversed(before):
        if _is_locative(doc, mention, frames):
            return mention
    return before[-1] if before else None


def _place_in_own_phrase(
    doc: Doc, figure: _Figure, figures: list[_Figure], frames: _Frames, in_sentence: list[_Mention]
) -> _Mention | None:
    """ "62% in Scotland", "52% of Ohio voters": a place right after the figure, in its phrase."""
    following = [m for m in in_sentence if m.start >= figure.end]
    if not following:
        return None
    mention = following[0]
    first = mention.first
    if first - figure.last > OWN_PHRASE_TOKENS:
        return None
    for token in doc[figure.last : first]:
        if token.is_punct or token.pos_ in ("VERB", "AUX") or token.i in frames.separators:
            return None
        if any(other.first == token.i for other in figures):
            return None
    previous = doc[first - 1]
    while previous.pos_ == "DET" and previous.i > figure.last:
        previous = doc[previous.i - 1]  # "40% of some Rio neighbourhoods"
    if _is_locative(doc, mention, frames) or previous.lower_ == "of":
        return mention
    return None


def _segment(doc: Doc, figure: _Figure, frames: _Frames) -> tuple[int, int]:
    """Character range of the part of the sentence between enumeration separators."""
    sentence = figure.sentence
    seps = frames.separators
    before = [i for i in seps[bisect_left(seps, sentence.start) : bisect_left(seps, figure.first)]]
    after = seps[bisect_left(seps, figure.last) : bisect_left(seps, sentence.end)]
    start = doc[before[-1]].idx if before else sentence.start_char
    end = doc[after[0]].idx if after else sentence.end_char
    return start, end
