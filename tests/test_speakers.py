"""Speakers: canonical names, titles, pronouns, unnamed sources, mentions and counts."""

from __future__ import annotations

import pytest

from extract.quotes import find_quotes

# (text, expected speakers as (name, kind, titles, quote_count), in order of first quote).
SPEAKER_CASES = [
    pytest.param(
        "Sarah Connor said the plant would close. Later Ms Connor added that talks had failed.",
        [("Sarah Connor", "person", (), 2)],
        id="fullest-name-form",
    ),
    pytest.param(
        "Foreign Secretary Emma Lane visited Paris. The Foreign Secretary said the talks were "
        "useful. She added that more meetings would follow.",
        [("Emma Lane", "person", ("Foreign Secretary",), 2)],
        id="role-and-pronoun-resolve-to-name",
    ),
    pytest.param(
        "Tom Field, the former ambassador to Chile, said the sanctions were working.",
        [("Tom Field", "person", ("former ambassador to Chile",), 1)],
        id="apposition-title",
    ),
    pytest.param(
        "A Treasury spokesperson said the review would finish in June. "
        "“We expect no delays,” the spokesperson added.",
        [("Treasury spokesperson", "organization", (), 2)],
        id="unnamed-source-and-later-definite-mention",
    ),
    pytest.param(
        "A senior official said the border would stay shut for a week.",
        [("senior official", "organization", (), 1)],
        id="unnamed-official",
    ),
    pytest.param(
        "Sarah Connor met Ben Holt. Mr Holt said he had seen the report. “It is clear,” he added.",
        [("Ben Holt", "person", (), 2)],
        id="pronoun-nearest-subject",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPEAKER_CASES)
def test_speakers(nlp, text, expected):
    quotes, speakers = find_quotes(nlp(text))
    assert [(s.name, s.kind, s.titles, s.quote_count) for s in speakers] == expected
    assert sum(s.quote_count for s in speakers) == sum(q.speaker is not None for q in quotes)
    for speaker in speakers:
        assert speaker.mentions
        for mention in speaker.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_mentions_list_every_citation(nlp):
    text = "Sarah Connor said the plant would close. Later Ms Connor added that talks had failed."
    _, speakers = find_quotes(nlp(text))
    assert [(m.text, m.start) for m in speakers[0].mentions] == [
        ("Sarah Connor", 0),
        ("Ms Connor", 47),
    ]
