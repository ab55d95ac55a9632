"""Percentages bound to the place, option and kind of figure they report, and their unit.

`figures` finds the figures and reads their values; `frames` collects the words around them;
`kinds` (with `changes`) says what each measures; `subjects` finds its option and its source;
`binding` its place. `find_percentages(doc)` is the one entry point; it reads the
places reader's `doc.spans[PLACE_SPANS]`, so runs after it.

The figures are the matches of `patterns/percentages.jsonl`; the cue words and frames that say what
a figure measures (a vote, a poll, turnout, the count, the economy) are the matches of
`patterns/percentage_frames.jsonl`. Both matchers run once per document; everything after that
looks only at the sentence, segment or line around a figure.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc
from spacy.vocab import Vocab

from ...doc_text import doc_text
from ...facts import Percentage
from ...nlp.rules import RuleSet, compile_rows, rule_rows
from ..places import PLACE_SPANS
from .binding import ArticlePlaces, article_vote_place, main_country, place_for, place_mentions
from .demonyms import demonym_rules
from .figures import drop_impossible_values, find_figures, value_warnings
from .frames import collect_frames, in_vote_line, story_kind
from .kinds import by_sentence, decide_kinds
from .subjects import find_claim, find_subject


@cache
def _rules(vocab: Vocab) -> tuple[RuleSet, RuleSet]:
    """The figure rules and the frame rules, compiled once per vocabulary."""
    forms = compile_rows(vocab, rule_rows("percentages"))
    frame_rows = [row for row in rule_rows("percentage_frames") if row["label"] != "PEOPLE_NOUN"]
    return forms, compile_rows(vocab, frame_rows)


def percentage_warnings(doc: Doc, percentages: list[Percentage]) -> tuple[str, ...]:
    """Warnings about the figures that could not be read: "1,234%" as a share."""
    return value_warnings(doc_text(doc), [(p.start, p.end, p.value) for p in percentages])


def find_percentages(doc: Doc) -> list[Percentage]:
    """Every percentage of the article, in text order, with the places the places reader found
    (none when it has not run)."""
    forms, frame_rules = _rules(doc.vocab)
    figures = find_figures(doc, forms.spans(doc, "percentage_forms"))
    if not figures:
        return []
    frames = collect_frames(doc, frame_rules.spans(doc, "percentage_frames"))
    story = story_kind(frames)
    figures = [f for f in figures if f.form != "points" or in_vote_line(doc, f, frames, story)]
    places = list(doc.spans.get(PLACE_SPANS, ()))
    mentions = place_mentions(doc, places, frames, demonym_rules(doc.vocab).spans(doc))
    country = main_country(mentions, places)
    article = ArticlePlaces(
        mentions=mentions,
        vote_place=article_vote_place(doc, frames, mentions) or country,
        country=country,
        states=frozenset(span.kb_id_ for span in places if span.label_ == "region"),
        story=story,
    )
    for group in by_sentence(figures):
        decide_kinds(doc, group, frames, story)
        for previous, figure in zip([None, *group[:-1]], group, strict=True):
            find_claim(figure, frames)
            find_subject(doc, figure, previous, frames)
    drop_impossible_values(figures)
    return [
        Percentage(
            text=doc_text(doc)[f.start : f.end],
            start=f.start,
            end=f.end,
            value=f.value,
            kind=f.kind or "other",
            place=place_for(doc, f, figures, frames, article),
            subject=f.subject,
            claimed_by=f.claimed_by,
            unit=f.unit,
        )
        for f in figures
    ]
