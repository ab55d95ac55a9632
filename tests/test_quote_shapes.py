"""Who said it, on any outlet: the shapes of issue 14, one invented sentence each.

Each case gives the quotes found as (text, start, kind, speaker, speaker kind), in text order,
with exact offsets; a case where something is not a statement also lists what the same text
does hold.
"""

from __future__ import annotations

import pytest

from extract.quotes import find_marked, find_quotes

SHAPE_CASES = [
    pytest.param(
        "“We will appeal the ruling,’’ Dana Holt said on Tuesday.",
        [("We will appeal the ruling", 1, "direct", "Dana Holt", "person")],
        id="ap-close-two-right-singles",
    ),
    pytest.param(
        "``The bridge will reopen in May,'' said Omar Reyes, the city engineer.",
        [("The bridge will reopen in May", 2, "direct", "Omar Reyes", "person")],
        id="ap-backticks",
    ),
    pytest.param(
        "A second user wrote: ”Nobody told us the water was unsafe.”",
        [("Nobody told us the water was unsafe", 22, "direct", "second user", "unknown")],
        id="right-mark-opens",
    ),
    pytest.param(
        "Lena Park said: “The budget is fine.\nThe council met on Friday and nobody objected. "
        "Later, Park left “early” for home.",
        [("The budget is fine", 17, "direct", "Lena Park", "person")],
        id="unclosed-stops-at-paragraph",
    ),
    pytest.param(
        "Fifty-one percent said they would vote for the measure.",
        [("they would vote for the measure", 23, "indirect", None, None)],
        id="figure-is-no-speaker",
    ),
    pytest.param(
        "In the poll, 44 percent of Americans said the economy was getting worse.",
        [("the economy was getting worse", 42, "indirect", "Americans", "unknown")],
        id="figure-of-group",
    ),
    pytest.param(
        "A news release from the mayor's office said the road would reopen on Friday.",
        [("the road would reopen on Friday", 44, "indirect", "mayor's office", "organization")],
        id="document-speaks-for-author",
    ),
    pytest.param(
        "The High Commissioner said the camps were overcrowded.",
        [("the camps were overcrowded", 27, "indirect", "High Commissioner", "unknown")],
        id="bare-title-is-unknown-role",
    ),
    pytest.param(
        "Refugee chief Nora Vance toured the camp. The refugee chief said the camps were "
        "overcrowded.",
        [("the camps were overcrowded", 65, "indirect", "Nora Vance", "person")],
        id="title-holder",
    ),
    pytest.param(
        "Striker Tom Hale scored twice. The 26-year-old said the team had deserved the win.",
        [("the team had deserved the win", 52, "indirect", "Tom Hale", "person")],
        id="age-epithet",
    ),
    pytest.param(
        "Coach Ann Bell praised Tom Hale. “We were brilliant today,” the striker said.",
        [("We were brilliant today", 34, "direct", "Tom Hale", "person")],
        id="role-agreement",
    ),
    pytest.param(
        "Mark Dole pleaded guilty on Monday. The defendant told the court he was sorry.",
        [("he was sorry", 65, "indirect", "Mark Dole", "person")],
        id="defendant-role",
    ),
    pytest.param(
        "Maria Lopez met Peter Grant on Friday. She said her plan was ready. Grant spoke next. "
        "“We agreed on nothing,” she added.",
        [
            ("her plan was ready", 48, "indirect", "Maria Lopez", "person"),
            ("We agreed on nothing", 87, "direct", "Maria Lopez", "person"),
        ],
        id="pronoun-gender-from-text",
    ),
    pytest.param(
        "Big Machine have denied any wrongdoing. Ann Bell, a singer, was not at the show. “We "
        "never blocked the show,” they said.",
        [
            ("any wrongdoing", 24, "indirect", "Big Machine", "organization"),
            ("We never blocked the show", 82, "direct", "Big Machine", "organization"),
        ],
        id="they-is-a-group",
    ),
    pytest.param(
        "U.S. Attorney Jane Roe said the defendant, Mark Dole, had stolen $2 million.",
        [("the defendant, Mark Dole, had stolen $2 million", 28, "indirect", "Jane Roe", "person")],
        id="title-binds-to-holder",
    ),
    pytest.param(
        "“So you agree with the plan?” the senator asked.",
        [("So you agree with the plan?", 1, "direct", "senator", "unknown")],
        id="question-asked",
    ),
    pytest.param(
        "Tom Hale wondered whether the club would keep him.",
        [("whether the club would keep him", 18, "indirect", "Tom Hale", "person")],
        id="wondered",
    ),
    pytest.param(
        "Jane Roe told reporters the talks had failed.",
        [("the talks had failed", 24, "indirect", "Jane Roe", "person")],
        id="told-reporters",
    ),
    pytest.param(
        "The company has denied every allegation.",
        [("every allegation", 23, "indirect", "company", "organization")],
        id="denied",
    ),
    pytest.param(
        "Big Machine have twice denied doing anything wrong.",
        [("doing anything wrong", 30, "indirect", "Big Machine", "organization")],
        id="denied-gerund",
    ),
    pytest.param(
        "Jane Roe described how the boat capsized in the storm.",
        [("how the boat capsized in the storm", 19, "indirect", "Jane Roe", "person")],
        id="described-how",
    ),
    pytest.param(
        "The opposition leader called on the minister to resign.",
        [("the minister to resign", 32, "indirect", "opposition leader", "unknown")],
        id="called-on-to",
    ),
    pytest.param(
        "Jane Roe urged voters to turn out on Sunday.",
        [("voters to turn out on Sunday", 15, "indirect", "Jane Roe", "person")],
        id="urged",
    ),
    pytest.param(
        "The mayor promised on Monday to repair every road by spring.",
        [("to repair every road by spring", 29, "indirect", "mayor", "unknown")],
        id="promised-to",
    ),
    pytest.param(
        "The firm announced plans to close three factories.",
        [("plans to close three factories", 19, "indirect", "firm", "organization")],
        id="announced-plans",
    ),
    pytest.param(
        "Analysts warned that prices would rise again.",
        [("prices would rise again", 21, "indirect", "Analysts", "unknown")],
        id="warned-that",
    ),
    pytest.param(
        "Jane Roe accused the council of wasting public money.",
        [("the council of wasting public money", 17, "indirect", "Jane Roe", "person")],
        id="accused-of",
    ),
    pytest.param(
        "Mark Dole admitted stealing the money.",
        [("stealing the money", 19, "indirect", "Mark Dole", "person")],
        id="admitted",
    ),
    pytest.param(
        "The club confirmed the coach had left.",
        [("the coach had left", 19, "indirect", "club", "unknown")],
        id="confirmed",
    ),
    pytest.param(
        "The rebels vowed to fight on.",
        [("to fight on", 17, "indirect", "rebels", "unknown")],
        id="vowed-to",
    ),
    pytest.param(
        "The minister issued a statement warning of “dangerous consequences” if the deal "
        "collapsed.",
        [("“dangerous consequences”", 43, "mixed", "minister", "unknown")],
        id="warning-of-quoted",
    ),
    pytest.param(
        "“We will rebuild every school” as floods recede\nGovernor Ann Bell visited the town. "
        "“We will rebuild every school,” Bell said.",
        [
            ("We will rebuild every school", 1, "direct", "Ann Bell", "person"),
            ("We will rebuild every school", 85, "direct", "Ann Bell", "person"),
        ],
        id="headline-quote",
    ),
    pytest.param(
        "His refusal to say which side he would be on angered voters, Jane Roe said.",
        [
            (
                "His refusal to say which side he would be on angered voters",
                0,
                "indirect",
                "Jane Roe",
                "person",
            )
        ],
        id="refusal-to-say",
    ),
    pytest.param(
        "The survey counted the number who said they had used the service.",
        [],
        id="number-who-said",
    ),
    pytest.param(
        "The team noted if and how often the patients had taken the drug.",
        [],
        id="noted-if",
    ),
    pytest.param(
        "Jane Roe believes the plan will work. She hopes voters agree. Her aide said the vote "
        "was close.",
        [("the vote was close", 76, "indirect", "aide", "unknown")],
        id="beliefs",
    ),
    pytest.param(
        "The firm is cutting jobs, according to two people familiar with the plan, adding to "
        "its troubles.",
        [("The firm is cutting jobs", 0, "indirect", "two people", "unknown")],
        id="adding-to",
    ),
    pytest.param(
        "The mayor was asked whether the pool would reopen. She said it would reopen in June.",
        [("it would reopen in June", 60, "indirect", "mayor", "unknown")],
        id="asked-passive",
    ),
    pytest.param(
        "The vote came a day after the regions announced their plans to hold a referendum.",
        [],
        id="time-anchor",
    ),
    pytest.param(
        "Some users reported wait times that exceeded two hours.",
        [],
        id="reported-relative",
    ),
    pytest.param(
        "Teachers carried signs reading “Fund Our Schools and Pay Teachers More Now.” Ann Bell "
        "said the march was peaceful.",
        [("the march was peaceful", 91, "indirect", "Ann Bell", "person")],
        id="title-case-sign",
    ),
    pytest.param(
        "A Gallup poll released Tuesday said 40 percent of voters approved of the plan.",
        [("40 percent of voters approved of the plan", 36, "indirect", "Gallup", "organization")],
        id="named-poll-speaks",
    ),
    pytest.param(
        "Ella Stone, 31, has sold ten million records. The singer posted on Instagram that she "
        "was taking a break.",
        [("she was taking a break", 82, "indirect", "Ella Stone", "person")],
        id="age-shows-a-person",
    ),
    pytest.param(
        "The prime minister, Ana Costa, said the deal was done. Costa added that talks would "
        "resume.",
        [
            ("the deal was done", 36, "indirect", "Ana Costa", "person"),
            ("talks would resume", 72, "indirect", "Ana Costa", "person"),
        ],
        id="title-apposition-shows-a-person",
    ),
    pytest.param(
        "The country admitted more than a million refugees, the minister said.",
        [
            (
                "The country admitted more than a million refugees",
                0,
                "indirect",
                "minister",
                "unknown",
            )
        ],
        id="admitted-people-is-no-statement",
    ),
    pytest.param(
        "Officials are denying vaccines to migrants, the doctors said in a letter.",
        [("Officials are denying vaccines to migrants", 0, "indirect", "doctors", "unknown")],
        id="denying-to-is-no-statement",
    ),
    pytest.param(
        "Sam Ortiz confirmed this on Monday. Ortiz said the deal would close in May.",
        [("the deal would close in May", 47, "indirect", "Sam Ortiz", "person")],
        id="confirmed-this-is-no-span",
    ),
    pytest.param(
        "You might say the plan is too big. Ann Bell said it was the right size.",
        [("it was the right size", 49, "indirect", "Ann Bell", "person")],
        id="reader-and-writer-are-no-speakers",
    ),
    pytest.param(
        "It's hard to describe how the engine sounds now, Ann Bell said in her review.",
        [("It's hard to describe how the engine sounds now", 0, "indirect", "Ann Bell", "person")],
        id="hard-to-say-is-an-opinion",
    ),
    pytest.param(
        "The firm revealed its second electric model at the show. The firm said sales would "
        "start in May.",
        [("sales would start in May", 71, "indirect", "firm", "organization")],
        id="revealed-a-product-is-no-statement",
    ),
    pytest.param(
        "“We all miss him so much,” Dan Wu said, telling Ava Lee, “you have been so loyal to him.”",
        [
            ("We all miss him so much", 1, "direct", "Dan Wu", "person"),
            ("you have been so loyal to him", 58, "direct", "Dan Wu", "person"),
        ],
        id="listener-of-a-participle-is-no-speaker",
    ),
    pytest.param(
        "Dale Moss, 51, was sentenced on Tuesday. “He will never harm another child,” said "
        "U.S. Attorney for the Northern District of Texas Erin Cole.",
        [("He will never harm another child", 42, "direct", "Erin Cole", "person")],
        id="title-phrase-binds-to-holder",
    ),
    pytest.param(
        "The bridge, the mayor said, will reopen in May. Prices are rising, Ann Bell said, but "
        "jobs are strong.",
        [
            ("The bridge, the mayor said, will reopen in May", 0, "indirect", "mayor", "unknown"),
            (
                "Prices are rising, Ann Bell said, but jobs are strong",
                48,
                "indirect",
                "Ann Bell",
                "person",
            ),
        ],
        id="parenthetical-attribution",
    ),
    pytest.param(
        "That said, the plan has critics. Ann Bell said the plan was too costly.",
        [("the plan was too costly", 47, "indirect", "Ann Bell", "person")],
        id="that-said-is-an-idiom",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SHAPE_CASES)
def test_quote_shapes(nlp, text, expected):
    quotes, speakers = find_quotes(nlp(text))
    kinds = {speaker.name: speaker.kind for speaker in speakers}
    found = [(q.text, q.start, q.kind, q.speaker, kinds.get(q.speaker)) for q in quotes]
    assert found == expected
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        for span in (quote.speaker_mention, quote.cue):
            if span is not None:
                assert text[span.start : span.end] == span.text


# (text, the quoted texts and where they start): every mark style opens and closes.
MARK_STYLE_CASES = [
    pytest.param("He said ``we will win,'' and left.", [("we will win", 10)], id="backticks"),
    pytest.param("“We won,’’ she said.", [("We won", 1)], id="two-right-singles-close"),
    pytest.param("‘‘Quoted twice’’ here.", [("Quoted twice", 2)], id="two-left-singles-open"),
    pytest.param("He wrote: ”It is over.”", [("It is over", 11)], id="right-mark-opens"),
    pytest.param("A `single' one", [("single", 3)], id="backtick-single"),
    pytest.param(
        "“Never closed here.\nA new paragraph ” with a stray mark.",
        [("Never closed here", 1)],
        id="open-quote-ends-with-its-paragraph",
    ),
    pytest.param(
        "She wrote “this line wraps\nonto the next” in the letter.",
        [("this line wraps\nonto the next", 11)],
        id="wrapped-line-is-no-paragraph-break",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MARK_STYLE_CASES)
def test_mark_styles(text, expected):
    assert [(text[m.start : m.end], m.start) for m in find_marked(text)] == expected
