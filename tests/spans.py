"""The offset invariant every output obeys: each span's text is the article text at its offsets."""

from __future__ import annotations


def spans_of(article: dict) -> list[dict]:
    """Every span of an output object: facts, speaker mentions, cues, place mentions,
    the sentences of dates."""
    spans = [*article["quotes"], *article["dates"], *article["percentages"]]
    spans += [q[key] for q in article["quotes"] for key in ("speaker_mention", "cue") if q[key]]
    spans += [m for s in article["speakers"] for m in s["mentions"]]
    spans += [m for p in article["places"] for m in p["mentions"]]
    spans += [d["sentence"] for d in article["dates"] if d.get("sentence")]
    if article["published"] and article["published"]["start"] is not None:
        spans.append(article["published"])
    return spans


def assert_offsets(article: dict, text: str) -> None:
    for span in spans_of(article):
        assert text[span["start"] : span["end"]] == span["text"], span
