"""The place each figure is about: its own phrase, its segment, sentence, line or article."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...doc_text import doc_text
from ...nlp.layout import is_dateline, line_bounds
from ...nlp.syntax import SUBJECT_DEPS
from ..places import place_records
from .figures import OWN_PHRASE_TOKENS, Figure
from .frames import Frames, cues_in_line
from .subjects import clause_verb

VOTE_KINDS = ("vote_share", "turnout", "counted", "poll", "margin")

# Entities whose name can hold a place name that is not a place: "Bank of England".
NAME_ENTITIES = ("ORG", "FAC", "PERSON", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT")

# The lede (headline, byline, first lines) names the place the article's vote is held in.
LEDE_LINES = 4


# Dependency labels through which a place name describes a person: "Akron businessman Al Fox".
_MODIFIER_DEPS = ("compound", "amod", "nmod", "poss")


@dataclass(frozen=True)
class _Mention:
    name: str
    start: int
    end: int
    first: int  # first token
    token: Token  # the root token of the mention


def place_mentions(
    doc: Doc, places: list[Span], frames: Frames, demonyms: list[Span]
) -> list[_Mention]:
    """The mentions a figure can be about, of the places reader's `places` (its
    `doc.spans[PLACE_SPANS]`): not a government acting, not a person's descriptor, not a
    dateline, not a surname, not the option voted for ("voted to remain in the UK").

    The people of a place stand for it: "63% of Kenyans", "French voters handed..."."""
    records = place_records()
    mentions = [
        _Mention(records[span.label_].name, span.start_char, span.end_char, span.start, span.root)
        for span in demonyms
    ]
    surnames = _surnames(doc)
    text = doc_text(doc)
    for span in places:
        start, end = span.start_char, span._.name_end
        if (
            span._.as_actor
            or text[start:end] in surnames
            or is_dateline(text, start, end)
            or _describes_person(span.root)
            or _inside_name(span)
            or _in_vote_option(span.root, frames)
        ):
            continue
        mentions.append(_Mention(span.kb_id_, start, end, span.start, span.root))
    return sorted(mentions, key=lambda m: m.start)


def _surnames(doc: Doc) -> set[str]:
    """ "Le Pen" and "Pen" when the article names "Marine Le Pen": a person, not a place."""
    names: set[str] = set()
    for entity in doc.ents:
        if entity.label_ == "PERSON":
            words = entity.text.split()
            names.update(" ".join(words[k:]) for k in range(1, len(words)))
    return names


def _in_vote_option(token: Token, frames: Frames) -> bool:
    """ "Scotland voted 55% to remain in the UK", "support for leaving the UK": the UK is part of
    the option, not the setting."""
    verb = token.head.head if token.dep_ == "pobj" else token.head
    if token.dep_ in ("dobj", "pobj") and verb.i in frames.option_verbs:
        return True
    return any(
        ancestor.dep_ == "xcomp" and ancestor.head.i in frames.vote_verbs
        for ancestor in token.ancestors
    )


def main_country(mentions: list[_Mention], places: list[Span]) -> str | None:
    """The country most of the article's places are in (the first of equals; a named one before
    one only implied): national figures are its. Counting states and cities too outvotes a stray
    country reading. `places` are the place spans, most mentioned place first."""
    code_of = {span.kb_id_: span.id_ for span in places}
    codes = Counter(code_of[m.name] for m in mentions if code_of.get(m.name))
    for code, _ in codes.most_common():
        for span in places:
            if span.label_ == "country" and span.id_ == code:
                return span.kb_id_
    if not codes:
        return None
    # "46 percent nationally" in a story that names only American states: the United States
    record = place_records().get(f"country:{codes.most_common(1)[0][0]}")
    return record.name if record else None


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


def _is_locative(doc: Doc, mention: _Mention, frames: Frames) -> bool:
    """ "in Kherson", "across the United States", "in rural Cherokee County"."""
    token = mention.token
    if token.dep_ == "pobj" and token.head.i in frames.locatives:
        return True
    i = mention.first
    while i > 0 and doc[i - 1].lower_ == "the":
        i -= 1
    return i > 0 and (i - 1) in frames.locatives


def article_vote_place(doc: Doc, frames: Frames, mentions: list[_Mention]) -> str | None:
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


@dataclass(frozen=True)
class ArticlePlaces:
    """What the whole article says about places, for every figure's binding."""

    mentions: list[_Mention]
    vote_place: str | None  # where the article's vote is held
    country: str | None  # the country of national figures
    states: frozenset[str]  # names of the regions it names: "Pennsylvania", "Bavaria"
    story: str  # vote | poll | other


def place_for(
    doc: Doc, figure: Figure, figures: list[Figure], frames: Frames, article
) -> str | None:
    """Same phrase, same segment of the sentence, the sentence, the line, the article.

    A figure that is not about a vote is about a place only when its own clause ties the two
    ("inflation in the UK", "UK inflation"); its source's place ("Ukraine's minister said") is not.
    """
    about_vote = figure.kind in VOTE_KINDS or (
        figure.kind == "change"
        and article.story != "other"
        and _speaks_of_votes(doc, figure, frames)
    )
    if about_vote and figure.subject_span:
        # "followed by Western Australia at 64.5%": a vote share whose subject is a place is
        # that place's result (parties and candidates are no places).
        named = next((m for m in article.mentions if (m.start, m.end) == figure.subject_span), None)
        if named:
            return named.name
    usable = _usable_mentions(figure, article.mentions, about_vote)
    starts = [m.start for m in usable]
    sentence = figure.sentence
    in_sentence = usable[
        bisect_left(starts, sentence.start_char) : bisect_left(starts, sentence.end_char)
    ]
    after = _place_in_own_phrase(doc, figure, figures, frames, in_sentence)
    if after:
        return after.name
    segment = _segment(doc, figure, frames)
    in_segment = [m for m in in_sentence if segment[0] <= m.start < segment[1]]
    if not about_vote:
        return _place_tied_to_clause(doc, figure, frames, in_segment, segment, article.country)
    chosen = _place_in_sentence(doc, figure, figures, frames, in_sentence, in_segment, segment)
    if chosen == _NATIONAL and article.country:
        return article.country
    if isinstance(chosen, _Mention):
        return chosen.name
    begin, finish = line_bounds(doc_text(doc), figure.start, figure.end)
    in_line = usable[bisect_left(starts, begin) : bisect_right(starts, finish)]
    before = [m for m in in_line if m.end <= figure.start]
    # the share of the count is the whole vote's, not the previous sentence's place's
    if before and figure.kind != "counted":
        return before[-1].name
    # A place later in the segment ("52% backed it, officials in Scotland said") before the
    # article's own; later segments hold the places of later figures, but a state named in the
    # line beats the article's opening place.
    if in_segment:
        return in_segment[0].name
    state = _state_of_no_other_figure(figure, figures, in_line, article.states)
    return state or article.vote_place or (in_line[0].name if in_line else None)


def _state_of_no_other_figure(
    figure: Figure, figures: list[Figure], in_line: list[_Mention], states: frozenset[str]
) -> str | None:
    """A state named later in the line ("..., a Marist poll of Pennsylvania voters found"),
    unless it opens another figure's clause: "84%, while in Zaporizhzhia it was 93%"."""
    for mention in in_line:
        if mention.name not in states or mention.start < figure.end:
            continue
        if not any(
            other is not figure
            and other.sentence.start_char <= mention.start
            and mention.end <= other.start < other.sentence.end_char
            for other in figures
        ):
            return mention.name
    return None


def _speaks_of_votes(doc: Doc, figure: Figure, frames: Frames) -> bool:
    """Whether the figure's line speaks of votes or polls: "approval rose 4 points"."""
    return any(cue.label not in ("OTHER", "HINT") for cue in cues_in_line(doc, figure, frames))


# What `_place_in_sentence` gives for a figure of the whole country: "Nationally, Biden received".
_NATIONAL = "national"


def _usable_mentions(figure: Figure, mentions: list[_Mention], about_vote: bool) -> list[_Mention]:
    """The mentions outside the figure's own subject (and, but for votes, its source's name)."""
    own_spans = [figure.subject_span] if about_vote else [figure.subject_span, figure.claim_span]
    return [
        m
        for m in mentions
        if not any(span and span[0] <= m.start and m.end <= span[1] for span in own_spans)
    ]


def _place_tied_to_clause(
    doc: Doc,
    figure: Figure,
    frames: Frames,
    in_segment: list[_Mention],
    segment: tuple[int, int],
    country: str | None,
) -> str | None:
    """ "in the UK", "UK inflation", or the country of "the national average of 3 percent" and of
    "40 percent of the country's territory"."""
    verb = clause_verb(doc[figure.first : figure.last].root)
    tied = [m for m in in_segment if _ties_to_clause(doc, m, verb, frames)]
    before = [m for m in tied if m.end <= figure.start]
    chosen = before[-1] if before else next(iter(tied), None)
    if chosen:
        return chosen.name
    return country if _is_national(doc, frames, *segment) else None


def _place_in_sentence(
    doc: Doc,
    figure: Figure,
    figures: list[Figure],
    frames: Frames,
    in_sentence: list[_Mention],
    in_segment: list[_Mention],
    segment: tuple[int, int],
) -> _Mention | str | None:
    """The place of a vote figure from its own sentence, `_NATIONAL` for the whole country."""
    sentence = figure.sentence
    # a place named since the sentence's previous figure is this one's: "won in A with 55%, and
    # dominated B, where he took 65%"
    previous_end = max(
        (f.end for f in figures if f.sentence.start == sentence.start and f.end <= figure.start),
        default=sentence.start_char,
    )
    before = [m for m in in_segment if m.end <= figure.start]
    since_previous = [m for m in before if m.start >= previous_end]
    chosen = _nearest_locative_or_nearest(doc, since_previous or before, frames)
    if chosen is None and _is_national(doc, frames, *segment):
        return _NATIONAL  # "Nationally, Biden received 51.3%"
    if chosen and _is_national(doc, frames, chosen.end, figure.start):
        return _NATIONAL  # "in the Northern Territory, turnout was below the national 89%"
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
        return chosen
    before = [m for m in in_sentence if m.end <= figure.start]
    return _nearest_locative_or_nearest(doc, before, frames)


def _is_national(doc: Doc, frames: Frames, start: int, end: int) -> bool:
    """Whether the characters [start, end) say "nationally", "nationwide", "across the country"."""
    national = frames.national
    first = doc.char_span(start, end, alignment_mode="expand")
    return first is not None and bisect_left(national, first.start) < bisect_left(
        national, first.end
    )


def _ties_to_clause(doc: Doc, mention: _Mention, verb: Token | None, frames: Frames) -> bool:
    """ "in the UK", or "UK inflation" / "Japan's output" / "Japan" as part of the same clause."""
    if _is_locative(doc, mention, frames):
        return True
    token = mention.token
    return token.dep_ in ("poss", "compound", *SUBJECT_DEPS) and clause_verb(token) == verb


def _nearest_locative_or_nearest(
    doc: Doc, before: list[_Mention], frames: Frames
) -> _Mention | None:
    for mention in reversed(before):
        if _is_locative(doc, mention, frames):
            return mention
    return before[-1] if before else None


def _place_in_own_phrase(
    doc: Doc, figure: Figure, figures: list[Figure], frames: Frames, in_sentence: list[_Mention]
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


def _segment(doc: Doc, figure: Figure, frames: Frames) -> tuple[int, int]:
    """Character range of the part of the sentence between enumeration separators."""
    sentence = figure.sentence
    seps = frames.separators
    before = [i for i in seps[bisect_left(seps, sentence.start) : bisect_left(seps, figure.first)]]
    after = seps[bisect_left(seps, figure.last) : bisect_left(seps, sentence.end)]
    start = doc[before[-1]].idx if before else sentence.start_char
    end = doc[after[0]].idx if after else sentence.end_char
    return start, end
