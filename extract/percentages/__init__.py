"""Percentages bound to the place, option and kind of figure they report, and their unit.

`figures` finds the figures and reads their values; `frames` collects the words around them;
`kinds` (with `changes`) says what each measures; `subjects` finds its option and its source;
`binding` its place. `find_percentages(doc, places)` is the one entry point.

The figures are the matches of `patterns/percentages.jsonl`; the cue words and frames that say what
a figure measures (a vote, a poll, turnout, the count, the economy) are the matches of
`patterns/percentage_frames.jsonl`. Both matchers run once per document; everything after that
looks only at the sentence, segment or paragraph around a figure.
"""

from __future__ import annotations

from functools import cache

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..doc_text import doc_text
from ..facts import Percentage, Place
from ..patterns import load_patterns
from .binding import ArticlePlaces, article_vote_place, main_country, place_for, place_mentions
from .figures import drop_impossible_values, find_figures, value_warnings
from .frames import collect_frames, in_vote_paragraph, story_kind
from .kinds import by_sentence, decide_kinds
from .subjects import find_claim, find_subject


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


def percentage_warnings(doc: Doc, percentages: list[Percentage]) -> tuple[str, ...]:
    """Warnings about the figures that could not be read: "1,234%" as a share."""
    return value_warnings(doc_text(doc), [(p.start, p.end, p.value) for p in percentages])


def find_percentages(doc: Doc, places: list[Place]) -> list[Percentage]:
    """Every percentage of the article, in text order."""
    forms, frame_matcher, frame_words, demonyms = _matchers(doc.vocab)
    figures = find_figures(doc, forms(doc, as_spans=True))
    if not figures:
        return []
    frames = collect_frames(
        doc, [*frame_matcher(doc, as_spans=True), *frame_words(doc, as_spans=True)]
    )
    story = story_kind(frames)
    figures = [f for f in figures if f.form != "points" or in_vote_paragraph(doc, f, frames, story)]
    mentions = place_mentions(doc, places, frames, demonyms(doc, as_spans=True))
    country = main_country(mentions, places)
    article = ArticlePlaces(
        mentions=mentions,
        vote_place=article_vote_place(doc, frames, mentions) or country,
        country=country,
        states=frozenset(place.name for place in places if place.type == "region"),
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
