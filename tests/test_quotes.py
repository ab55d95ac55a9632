"""Quotes: marks, paragraphs, reported speech, mixed quotes and who said them."""

from __future__ import annotations

import pytest

from extract.quotes import find_marked, find_quotes
from extract.quotes_parse import phrase_head

# (text, expected quotes as (text, kind, speaker)), in text order.
QUOTE_CASES = [
    pytest.param(
        "Jane Doe spoke on Monday. “We will win the vote,” she said.",
        [("We will win the vote", "direct", "Jane Doe")],
        id="direct-pronoun-after",
    ),
    pytest.param(
        "John Smith arrived late. Mr Smith told reporters: “The plan is working.”",
        [("The plan is working", "direct", "John Smith")],
        id="colon-introduction",
    ),
    pytest.param(
        "“Talks will resume next week,” said Maria Lopez.",
        [("Talks will resume next week", "direct", "Maria Lopez")],
        id="inverted-said-name",
    ),
    pytest.param(
        "“We are ready for this,” the minister added, “and we will act quickly.”",
        [
            ("We are ready for this", "direct", "minister"),
            ("and we will act quickly", "direct", "minister"),
        ],
        id="split-quote",
    ),
    pytest.param(
        "Anna Berg said: “The first paragraph of the statement is here.\n\n"
        "“The second paragraph continues the point.\n\n“The third one closes it.”",
        [
            ("The first paragraph of the statement is here", "direct", "Anna Berg"),
            ("The second paragraph continues the point", "direct", "Anna Berg"),
            ("The third one closes it", "direct", "Anna Berg"),
        ],
        id="multi-paragraph-attribution-first",
    ),
    pytest.param(
        "“The first part of the answer runs on here.\n“The final part ends it,” Tom Reed said.",
        [
            ("The first part of the answer runs on here", "direct", "Tom Reed"),
            ("The final part ends it", "direct", "Tom Reed"),
        ],
        id="multi-paragraph-attribution-last",
    ),
    pytest.param(
        "“The first line is here,” Dan Wu said.\n\n“Another full sentence follows here.”",
        [
            ("The first line is here", "direct", "Dan Wu"),
            ("Another full sentence follows here", "direct", "Dan Wu"),
        ],
        id="next-paragraph-inherits",
    ),
    pytest.param(
        "Peter Hall has said he does not intend to resign.",
        [("he does not intend to resign", "indirect", "Peter Hall")],
        id="reported-speech",
    ),
    pytest.param(
        "The mayor said that the bridge would reopen in May.",
        [("the bridge would reopen in May", "indirect", "mayor")],
        id="reported-speech-without-that",
    ),
    pytest.param(
        "According to the ministry, the new bridge will reopen in May.",
        [("the new bridge will reopen in May", "indirect", "ministry")],
        id="according-to",
    ),
    pytest.param(
        "Carla Diaz said the deal was “a historic step” for the region.",
        [("the deal was “a historic step” for the region", "mixed", "Carla Diaz")],
        id="mixed-fragment-inside",
    ),
    pytest.param(
        "Carla Diaz said the deal would “change everything.”",
        [("the deal would “change everything.”", "mixed", "Carla Diaz")],
        id="mixed-ends-with-mark",
    ),
    pytest.param(
        "The leader told the envoy the country was “ready to help”, an army spokesperson said.",
        [
            (
                "The leader told the envoy the country was “ready to help”",
                "mixed",
                "army spokesperson",
            )
        ],
        id="nested-attribution-outer-source",
    ),
    pytest.param(
        "A Treasury spokesperson said the review would finish in June.",
        [("the review would finish in June", "indirect", "Treasury spokesperson")],
        id="unnamed-source",
    ),
    pytest.param(
        "The so-called “experts” met the “Quint” group on Tuesday.",
        [],
        id="scare-quotes-are-not-quotes",
    ),
    pytest.param(
        "“Putin's plan won't work, and we don’t accept it,” said Ken Adams.",
        [("Putin's plan won't work, and we don’t accept it", "direct", "Ken Adams")],
        id="apostrophes-inside",
    ),
    pytest.param(
        "The minister said: “We will see what happens next. Then he left the room.\n\n"
        "The weather was fine. “This is the real quote,” said Bob Stone.",
        [
            ("We will see what happens next. Then he left the room", "direct", "minister"),
            ("This is the real quote", "direct", "Bob Stone"),
        ],
        id="unclosed-mark-stops-at-paragraph",
    ),
    pytest.param(
        "Lisa Grey said: “We will keep fighting until the end",
        [("We will keep fighting until the end", "direct", "Lisa Grey")],
        id="unclosed-quote-at-end-of-text",
    ),
    pytest.param(
        "“As the president said, there would be ‘very real costs’ to pay,” Ms Ward said.",
        [("As the president said, there would be ‘very real costs’ to pay", "direct", "Ward")],
        id="nested-quotes",
    ),
    pytest.param(
        "Nothing moved in the town square that afternoon.\n\n"
        "“It was the quietest day of the year in the whole town.”",
        [("It was the quietest day of the year in the whole town", "direct", None)],
        id="no-speaker",
    ),
    pytest.param(
        "Mia Cole said the votes would “seal the win”, adding that she looked forward to "
        "“a long campaign.”",
        [
            ("the votes would “seal the win”", "mixed", "Mia Cole"),
            ("she looked forward to “a long campaign.”", "mixed", "Mia Cole"),
        ],
        id="adding-that-keeps-speaker",
    ),
    pytest.param(
        "Fire Chief Ray Dunn: “Please keep away from the river tonight.”",
        [("Please keep away from the river tonight", "direct", "Ray Dunn")],
        id="colon-label-line",
    ),
    pytest.param(
        "«We will not give up the fight,» Jean Martin said.",
        [("We will not give up the fight", "direct", "Jean Martin")],
        id="guillemets",
    ),
    pytest.param(
        "„We stand by our partners,“ Olaf Brandt said.",
        [("We stand by our partners", "direct", "Olaf Brandt")],
        id="low-high-marks",
    ),
    pytest.param(
        '"We have no comment on that matter," the company said.',
        [("We have no comment on that matter", "direct", "company")],
        id="straight-marks",
    ),
    pytest.param(
        "Officials said the 'temporary' closure was over. 'We are open again,' Sam Lee said.",
        [
            ("the 'temporary' closure was over", "mixed", "Officials"),
            ("We are open again", "direct", "Sam Lee"),
        ],
        id="straight-single-marks",
    ),
    pytest.param(
        "Stressing that the plan was sound, she said the leaders’ summit would go ahead.",
        [
            ("the plan was sound", "indirect", None),
            ("the leaders’ summit would go ahead", "indirect", None),
        ],
        id="plural-possessive-is-no-mark",
    ),
    pytest.param(
        "OSLO (AP) — The shipping agency said on Friday it would inspect every ferry.",
        [("it would inspect every ferry", "indirect", "shipping agency")],
        id="dateline-and-time-of-saying-left-out",
    ),
    pytest.param(
        "BERLIN, May 2 (Reuters) - The bridge will close for a month, two city officials said "
        "on Tuesday, after cracks were found.",
        [("The bridge will close for a month", "indirect", "two city officials")],
        id="wire-dateline-clause-before-said-on-day",
    ),
    pytest.param(
        "The museum will stay shut until June, the city council announced on Monday, citing "
        "safety concerns.",
        [("The museum will stay shut until June", "indirect", "city council")],
        id="clause-before-announced-with-participle",
    ),
    pytest.param(
        "According to a survey of 900 drivers carried out for the Daily Post by Harbor Research "
        "last week, 38% of them oppose the toll.",
        [("38% of them oppose the toll", "indirect", "Harbor Research")],
        id="according-to-poll-by-agent",
    ),
    pytest.param(
        "Rents rose 4% in March, according to figures published by the Land Registry.",
        [("Rents rose 4% in March", "indirect", "Land Registry")],
        id="according-to-figures-published-by",
    ),
    pytest.param(
        "Lena Fox said the team had shown “great spirit” after a hard month.",
        [("the team had shown “great spirit” after a hard month", "mixed", "Lena Fox")],
        id="phrase-after-fragment-stays-in-clause",
    ),
    pytest.param(
        "Tom Reyes said his client was “shocked” and would appeal the ruling.",
        [("his client was “shocked” and would appeal the ruling", "mixed", "Tom Reyes")],
        id="backshifted-conjunct-is-reported",
    ),
    pytest.param(
        "Ana Ruiz said the plan was “reckless” and called for a vote.",
        [("the plan was “reckless”", "mixed", "Ana Ruiz")],
        id="called-for-ends-the-clause",
    ),
    pytest.param(
        "Critics were kind. The Daily Echo called the soup “a revelation”.\n",
        [("the soup “a revelation”", "mixed", "Daily Echo")],
        id="describe-at-line-end",
    ),
    pytest.param(
        "« Nous restons, » the mayor said. The council said the plan was « not urgent ».",
        [
            ("Nous restons", "direct", "mayor"),
            ("the plan was « not urgent »", "mixed", "council"),
        ],
        id="spaced-guillemets",
    ),
    pytest.param(
        "“The line held overnight,” Ivan Petrov, spokesman for the southern command, "
        "told state radio.",
        [("The line held overnight", "direct", "Ivan Petrov")],
        id="appositive-subject-not-told-object",
    ),
    pytest.param(
        "“Sales will recover,” Jo Park, the chief executive of Acme Foods, who joined in May, "
        "told Reuters.",
        [("Sales will recover", "direct", "Jo Park")],
        id="long-apposition-before-cue",
    ),
    pytest.param(
        "Lisa Grant told analysts on a call that margins would improve in the spring.",
        [("margins would improve in the spring", "indirect", "Lisa Grant")],
        id="told-listener-on-a-call-that",
    ),
    pytest.param(
        "A council spokesman declined to say whether the pool would reopen.",
        [],
        id="declined-to-say-is-no-statement",
    ),
    pytest.param(
        "The coach would not say whether the striker was fit.",
        [],
        id="would-not-say-is-no-statement",
    ),
    pytest.param(
        "One resident described the flooding as “a disaster,” adding that the council had "
        "ignored warnings.",
        [
            ("the flooding as “a disaster,”", "mixed", "One resident"),
            ("the council had ignored warnings", "indirect", "One resident"),
        ],
        id="describe-then-adding-that",
    ),
    pytest.param(
        "Two nurses were moved. One of them, a senior midwife, said the ward had closed.",
        [("the ward had closed", "indirect", "senior midwife")],
        id="one-of-them-apposition-is-speaker",
    ),
]


@pytest.mark.parametrize(("text", "expected"), QUOTE_CASES)
def test_quotes(nlp, text, expected):
    quotes, _ = find_quotes(nlp(text))
    assert [(q.text, q.kind, q.speaker) for q in quotes] == expected
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        for span in (quote.speaker_mention, quote.cue):
            if span is not None:
                assert text[span.start : span.end] == span.text


# (text, the quoted texts find_marked sees): marks only, no parse.
MARK_CASES = [
    pytest.param("He said “yes, we can.” Then left.", ["yes, we can"], id="final-dot-dropped"),
    pytest.param("Putin’s aides don’t agree.", [], id="apostrophes"),
    pytest.param("The leaders’ talks ended.", [], id="plural-possessive"),
    pytest.param("A stray ” closing mark and a stray “", [], id="stray-marks-only-text"),
    pytest.param(
        "He said “this never closes\nand the next line is not swallowed.",
        ["this never closes"],
        id="unclosed-stops-at-line",
    ),
    pytest.param("“One.” “Two.”", ["One", "Two"], id="adjacent"),
    pytest.param("He said “x ‘y’ z.”", ["x ‘y’ z"], id="nested-single"),
    pytest.param('He said "a “b” c."', ["a “b” c"], id="nested-mixed-styles"),
    pytest.param("He said 'the ’90s were good' to us", ["the ’90s were good"], id="elision"),
    pytest.param("“”", [], id="empty-marks"),
    pytest.param("", [], id="empty-text"),
]


@pytest.mark.parametrize(("text", "expected"), MARK_CASES)
def test_find_marked(text, expected):
    assert [text[m.start : m.end] for m in find_marked(text)] == expected


def test_phrase_head_stops_at_the_root(nlp):
    # spaCy makes a new Token object at each access: climbing heads must compare indices.
    doc = nlp("The agency said it would appeal.")
    assert phrase_head(doc[1], list(doc)).text == "said"
