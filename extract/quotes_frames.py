"""Attribution frames the parse misses: "according to X, ...", and a quotation whose speaker
stands just after it (“...,” X said) or just before it (X said: “...”; "the following
statement:").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from .quotes_marks import OPENING_MARKS, Marked
from .quotes_parse import is_verb, mention_of, phrase_head, speaker_of
from .quotes_reports import Report

if TYPE_CHECKING:
    from .quotes import Finder

# How many tokens after a closing mark, or before an opening one, the attribution may sit.
ATTRIBUTION_WINDOW = 8


def according_to_reports(finder: Finder, reports: list[Report]) -> list[Report]:
    """ "According to X, ...": X is the source of the rest of the sentence, unless the
    sentence has a speech verb of its own ("Putin said, according to his aide, that ...")."""
    found = []
    cue_positions = [r.cue.start_char for r in reports if r.cue is not None]
    for frame in finder.matches.get("ACCORDING_TO", []):
        sentence = frame.sent
        if any(sentence.start_char <= p < sentence.end_char for p in cue_positions):
            continue
        source_end = source_phrase_end(finder, frame, sentence.end)
        source = source_of(finder.doc[frame.end : source_end], frame)
        if source is None:
            continue
        after = finder.doc[source_end + 1] if source_end + 1 < sentence.end else None
        # "X is investigating Y, according to two people, adding to its problems": a
        # participle after the source is the writer's comment, not the source's words.
        comment_after = after is not None and after.tag_ in ("VBG", "VBN", "WDT")
        if comment_after or frame.start - sentence.start > sentence.end - source_end:
            token_range = sentence.start, frame.start
        else:
            token_range = source_end, sentence.end
        span = finder.trim(*token_range)
        report = finder.classify(span, mention_of(source), frame) if span else None
        if report is not None:
            found.append(report)
    return found


def source_phrase_end(finder: Finder, frame: TokenSpan, sentence_end: int) -> int:
    """Where X ends in "according to X, ...": at the first comma outside quotes (the
    parse often runs a long X into the clause), else where the parse ends it."""
    for i in range(frame.end, sentence_end):
        if finder.doc[i].text == "," and i not in finder.quoted:
            return i
    source = next((t for t in frame[-1].children if t.dep_ == "pobj"), None)
    return source.right_edge.i + 1 if source is not None else sentence_end


def source_of(phrase: TokenSpan, frame: TokenSpan) -> Token | None:
    """The speaker in X of "according to X": who made a document ("figures published by
    the ONS", "a poll ... carried out by Ardmore Research", "data from LSEG"), else X."""
    for token in phrase:
        if token.lower_ in ("by", "from") and token.dep_ in ("agent", "prep"):
            agent = next((t for t in token.children if t.dep_ == "pobj"), None)
            if agent is not None and agent.pos_ == "PROPN":
                return agent
    source = next((t for t in frame[-1].children if t.dep_ == "pobj"), None)
    if source is not None and phrase.start <= source.i < phrase.end:
        return source
    nouns = [t for t in phrase if t.pos_ in ("NOUN", "PROPN")]
    return phrase_head(nouns[0], list(phrase)) if nouns else None


def adjacent_report(finder: Finder, m: Marked) -> Report:
    """A quotation the parse did not put under a cue: “...,” X said / said X just after
    the closing mark, or "X said:" / "the following statement:" just before the opening one.
    Without either, it has no speaker (yet)."""
    return (
        attribution_after(finder, m)
        or attribution_before(finder, m)
        or Report(m.start, m.end, "direct", None, None, (m,))
    )


def attribution_after(finder: Finder, m: Marked) -> Report | None:
    if m.close_end is None:
        return None
    after = finder.doc.char_span(m.close_end, len(finder.text), alignment_mode="expand")
    if after is None:
        return None
    # The window counts no apposition: "X, the chief executive of Y, told Z" is as near.
    window: list[Token] = []
    apposition: set[int] = set()
    for token in after:
        if len(window) - len(apposition) >= ATTRIBUTION_WINDOW or (
            token.text in (".", "!", "?") or "\n" in token.text or token.text[0] in OPENING_MARKS
        ):
            break
        window.append(token)
        if token.dep_ == "appos" and token.head.i < token.i:
            apposition.update(t.i for t in token.subtree)
    for position, token in enumerate(window):
        if token.i not in finder.speech_cues:
            continue
        between = [t for t in window[:position] if not t.is_punct and t.i not in apposition]
        if any(t.pos_ in ("VERB", "AUX") for t in between):
            return None
        closed_sentence = finder.text[m.end : m.close_end].strip()[:1] in (".", "!", "?")
        if closed_sentence and any(c.dep_ == "ccomp" and c.i > token.i for c in token.children):
            return None  # “A sign.” Ann Bell said the march was calm: her own statement
        head = speaker_of(token, finder.speech_cues)
        if between:
            nouns = [t for t in between if t.pos_ in ("NOUN", "PROPN", "PRON")]
            head = phrase_head(nouns[-1], between) if nouns else head
        elif head is None:
            rest = [t for t in window[position + 1 :] if not t.is_punct]
            nouns = [t for t in rest if t.pos_ in ("NOUN", "PROPN", "PRON")]
            head = phrase_head(nouns[-1], rest) if nouns else None
        if head is None:
            return None
        return Report(m.start, m.end, "direct", mention_of(head), finder.speech_cues[token.i], (m,))
    return None


def attribution_before(finder: Finder, m: Marked) -> Report | None:
    """ "X said: “...”", "X said, “...”", and a paragraph ending "... statement:"."""
    before = finder.text[: m.open_at].rstrip()
    if not before.endswith((":", ",")):
        return None
    if before.endswith(",") and "\n" in finder.text[len(before) : m.open_at]:
        return None
    colon = finder.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None:
        return None
    sentence = finder.doc[colon.sent.start : colon.start]
    line_start = finder.line_start(colon[0])
    label = finder.doc[line_start : colon.start]
    if 0 < len(label) <= 4 and all(t.pos_ in ("PROPN", "NOUN") for t in label):
        # A line "First Minister: “...”" (live blogs, headlines): the label is the speaker.
        return Report(m.start, m.end, "direct", label, None, (m,))
    for token in reversed(sentence[-ATTRIBUTION_WINDOW * 2 :]):
        has_statement = any(
            t.i in finder.statement_nouns for t in token.subtree if t.i < colon.start
        )
        if is_verb(token) and (token.i in finder.speech_cues or has_statement):
            head = speaker_of(token, finder.speech_cues)
            if head is None:
                return None
            cue = finder.speech_cues.get(token.i, finder.doc[token.i : token.i + 1])
            return Report(m.start, m.end, "direct", mention_of(head), cue, (m,))
    return None
