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
    pytest.param(
        "Officials said the road would reopen soon. Analysts said prices would rise.",
        [("Officials", "organization", (), 1), ("Analysts", "unknown", (), 1)],
        id="plural-unnamed-sources-are-not-persons",
    ),
    pytest.param(
        "A spokesperson said the line was closed.",
        [("spokesperson", "organization", (), 1)],
        id="lone-spokesperson-speaks-for-organization",
    ),
    pytest.param(
        "The museum will stay shut until June, the city council announced on Monday.",
        [("city council", "organization", (), 1)],
        id="council-is-an-organization",
    ),
    pytest.param(
        "Brightline Foods said it would close two plants. The company said 300 jobs would go.",
        [("Brightline Foods", "organization", (), 2)],
        id="the-company-is-the-organization-before",
    ),
    pytest.param(
        "WASHINGTON (AP) — The Federal Aviation Administration said on Tuesday it would "
        "inspect older jets. The agency said checks would start in May.",
        [("Federal Aviation Administration", "organization", (), 2)],
        id="dateline-not-speaker-and-the-agency",
    ),
    pytest.param(
        "The Civil Aviation Authority said the runway was safe. The CAA said checks would go on.",
        [("Civil Aviation Authority", "organization", (), 2)],
        id="acronym-takes-full-name",
    ),
    pytest.param(
        "The IFS said costs had risen. It said the rules should change.",
        [("IFS", "organization", (), 2)],
        id="it-is-the-organization-that-spoke",
    ),
    pytest.param(
        "Gasunie, the national grid operator, said supplies were secure.",
        [("Gasunie", "organization", ("national grid operator",), 1)],
        id="apposition-noun-makes-organization",
    ),
    pytest.param(
        "Its chief executive, Maria Olsen, said sales had doubled.",
        [("Maria Olsen", "person", (), 1)],
        id="role-with-name-in-apposition",
    ),
    pytest.param(
        "The country imports most of its wheat. Its trade minister said stocks were low.",
        [("trade minister", "unknown", (), 1)],
        id="possessive-determiner-dropped",
    ),
    pytest.param(
        "According to the Marine Insurers' Guild, war-risk premiums for the strait have risen.",
        [("Marine Insurers' Guild", "organization", (), 1)],
        id="no-title-from-misparsed-apposition",
    ),
    pytest.param(
        "“It was terrifying,” said Anna Weiss, 34, of Denver.",
        [("Anna Weiss", "person", (), 1)],
        id="age-is-no-title",
    ),
    pytest.param(
        "Marco Rossi scored twice. “We deserved it,” the Italian said.",
        [("Marco Rossi", "person", (), 1)],
        id="nationality-epithet",
    ),
    pytest.param(
        "Jan Novak scored late on. “It was a dream,” the 19-year-old striker said.",
        [("Jan Novak", "person", (), 1)],
        id="age-epithet",
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


def test_place_read_as_person_is_no_antecedent(nlp):
    text = (
        "The generators will go to hospitals in Kharkiv, Kherson and the capital. "
        "“We need more,” he said."
    )
    doc = nlp(text)
    quotes, speakers = find_quotes(doc)
    assert [(q.text, q.speaker) for q in quotes] == [("We need more", None)]
    assert speakers == []


# (text, the reported clause, expected speaker, expected speaker mention): the speaker phrase
# after an opening adverbial or a dateline, past its appositions and dates.
FRONTED_SPEAKER_CASES = [
    pytest.param(
        "Outside church, the widow of the first victim said the family had forgiven him.",
        "the family had forgiven him",
        "widow of the first victim",
        "the widow of the first victim",
        id="opening-place-phrase-not-speaker",
    ),
    pytest.param(
        "In mitigation, Anne Porter, defending, said Marsh had been struggling with debts.",
        "Marsh had been struggling with debts",
        "Anne Porter",
        "Anne Porter",
        id="opening-phrase-then-named-speaker-with-apposition",
    ),
    pytest.param(
        "LEEDS, March 3, 2025 /PRNewswire/ -- Harrow Foods Ltd. (LSE: HRW), a maker of frozen "
        "meals, today announced that it has bought a bakery in Wakefield.",
        "it has bought a bakery in Wakefield",
        "Harrow Foods Ltd.",
        "Harrow Foods Ltd.",
        id="dateline-company-not-date-after-apposition",
    ),
]


@pytest.mark.parametrize(("text", "clause", "speaker", "mention"), FRONTED_SPEAKER_CASES)
def test_fronted_speaker(nlp, text, clause, speaker, mention):
    quotes, _ = find_quotes(nlp(text))
    quote = next(q for q in quotes if q.text == clause)
    assert (quote.start, quote.speaker) == (text.find(clause), speaker)
    assert quote.speaker_mention is not None
    assert (quote.speaker_mention.text, quote.speaker_mention.start) == (
        mention,
        text.find(mention),
    )
