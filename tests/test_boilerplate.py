"""Boilerplate ranges on look-alike pages: the furniture is marked, the real content is kept."""

from __future__ import annotations

import pytest

from extract.boilerplate import find_boilerplate, mask

# Each page: its text, the ranges expected as (reason, exact marked text), and content that looks
# like noise but must stay unmarked.
NEWSPAPER_PLEA_PAGE = """\
Stay up to date with notifications from The Evening Courier

Notifications can be managed in browser preferences.

Nurses vote to strike over pay

The union says members are exhausted.

Your support helps us to tell the story

From housing to health care, our reporters are on the ground when the story breaks.

We choose not to lock readers out with paywalls.

Your support makes all the difference.

Nurses in Wales have voted to strike, the Royal College of Nursing said on Tuesday.

“We did not want this,” she said.

This article was amended on 3 May 2023 to correct the name of the union.

Thank you for registering

Please refresh the page or navigate to another page on the site to be automatically logged in
"""

GALLERY_PAGE = """\
Flood defences in Shrewsbury held overnight, the Environment Agency said.
Wales in pictures Show all 5
1/5 Wales in pictures
Wales in pictures 4 March 2023 A ferry leaves Holyhead harbour in heavy rain
PA
Wales in pictures 3 March 2023 Fans sing before the match at the Principality Stadium
Reuters
Wales in pictures 2 March 2023 A rainbow over the Menai Bridge, Anglesey
Getty
Wales in pictures 1 March 2023 Daffodils at Bute Park in Cardiff on St David's Day
PA
“Vital,” he said.
The river peaked at 5.1 metres on Friday.
"""

ICON_HEADER_PAGE = (
    " date 2023-05-04 Calendar An icon of a desk calendar. Cancel An icon of a circle with a"
    " diagonal line across. Email An icon of a paper envelope. WhatsApp An icon of the WhatsApp"
    " logo.\n"
    "Minister ‘confident’ of deal with Paris, aides say\n"
    "\n"
    "The minister said talks in Paris were “going well”.\n"
)

ICON_LIST_THEN_TEXT_PAGE = (
    "Share An icon of a share arrow. Print An icon of a printer. Close An icon of an X shape."
    " The port of Dover reopened on Monday after a 12-hour closure.\n"
)

TEASER_PAGE = """\
Ukraine's foreign minister said on Wednesday that no country should recognise the votes held in
occupied regions, and that the referendums had been organised at gunpoint by Russian soldiers.

Referendum results were announced on Tuesday by the regional administration, which said voters had
backed joining Russia by large margins. Observers from the United Nations were not allowed in.

Kherson: 87.05%
Zaporizhzhia: 93.11%

Chess Champion Wins Record Ninth Title in Reykjavik
Other Topics of Interest

Chess Champion Wins Record Ninth Title in Reykjavik

The grandmaster sealed the tournament with a quiet endgame, collecting prize money and a trophy.

Officials in Kyiv rejected the referendum results as a sham.
"""

LINK_LIST_PAGE = """\
We value your privacy
We and our partners use cookies to store information on your device.
Accept all Manage preferences Reject all

Home News Politics Business Sport Culture Opinion

Council backs new tram line

Sign up to our free Daily Briefing newsletter
Sign up
I would like to be emailed about offers and events. Read our privacy notice

Councillors in Leeds voted for the tram scheme on Thursday.

Recommended
Bus fares frozen until summer
What the tram plan means for you

Results of the vote:
- For: 61%
- Against: 39%

Why it matters

The line would link the city centre to the airport.

Read more:
Airport expansion plan approved
More about: Leeds Transport Trams
"""

WIRE_PAGE = """\
LONDON (Reuters) - British retail sales rose 1.2% in May, official figures showed on Friday.

"Shoppers came back," an analyst said.

(Reporting by Ann Example in London; Additional reporting by Ben Sample; Editing by Cy Test)
"""

LIVE_BLOG_PAGE = """\
Key points
Rail services suspended between Cardiff and Bristol
Amber wind warning until 9pm

14:05
"Please stay at home"

The first minister urged people not to travel.

Share this update
Copy link Facebook Twitter WhatsApp Email

Stay up to date with notifications from The Western Courier
Allow Not now
"""

PAGES = {
    "newspaper with plea": (
        NEWSPAPER_PLEA_PAGE,
        [
            (
                "notification prompt",
                "Stay up to date with notifications from The Evening Courier\n\n"
                "Notifications can be managed in browser preferences.",
            ),
            (
                "donation plea",
                "Your support helps us to tell the story\n\nFrom housing to health care, our"
                " reporters are on the ground when the story breaks.\n\nWe choose not to lock"
                " readers out with paywalls.\n\nYour support makes all the difference.",
            ),
            (
                "correction notice",
                "This article was amended on 3 May 2023 to correct the name of the union.",
            ),
            ("newsletter prompt", "Thank you for registering"),
            (
                "login notice",
                "Please refresh the page or navigate to another page on the site to be"
                " automatically logged in",
            ),
        ],
        [
            "Nurses vote to strike over pay",
            "The union says members are exhausted.",
            "“We did not want this,” she said.",
        ],
    ),
    "photo gallery": (
        GALLERY_PAGE,
        [
            (
                "photo gallery",
                GALLERY_PAGE[
                    GALLERY_PAGE.index("Wales in pictures Show") : GALLERY_PAGE.index("“")
                ].rstrip(),
            ),
        ],
        [
            "Flood defences in Shrewsbury held overnight",
            "“Vital,” he said.",
            "The river peaked at 5.1 metres on Friday.",
        ],
    ),
    "icon list after a date header": (
        ICON_HEADER_PAGE,
        [("icon list", ICON_HEADER_PAGE[ICON_HEADER_PAGE.index("Calendar") : -1].split("\n")[0])],
        [" date 2023-05-04 ", "Minister ‘confident’ of deal with Paris, aides say"],
    ),
    "icon list then text on the same line": (
        ICON_LIST_THEN_TEXT_PAGE,
        [
            (
                "icon list",
                "Share An icon of a share arrow. Print An icon of a printer. Close An icon of an X"
                " shape.",
            ),
        ],
        ["The port of Dover reopened on Monday after a 12-hour closure."],
    ),
    "teaser": (
        TEASER_PAGE,
        [
            (
                "unrelated teaser",
                "Chess Champion Wins Record Ninth Title in Reykjavik\nOther Topics of Interest\n\n"
                "Chess Champion Wins Record Ninth Title in Reykjavik\n\nThe grandmaster sealed the"
                " tournament with a quiet endgame, collecting prize money and a trophy.",
            ),
        ],
        ["Kherson: 87.05%", "Zaporizhzhia: 93.11%", "Officials in Kyiv rejected"],
    ),
    "web page with link lists": (
        LINK_LIST_PAGE,
        [
            (
                "cookie notice",
                "We value your privacy\nWe and our partners use cookies to store information on"
                " your device.",
            ),
            (
                "user interface",
                "Accept all Manage preferences Reject all\n\n"
                "Home News Politics Business Sport Culture Opinion",
            ),
            ("newsletter prompt", "Sign up to our free Daily Briefing newsletter"),
            ("user interface", "Sign up"),
            (
                "newsletter prompt",
                "I would like to be emailed about offers and events. Read our privacy notice",
            ),
            (
                "link list",
                "Recommended\nBus fares frozen until summer\nWhat the tram plan means for you",
            ),
            ("link list", "Read more:\nAirport expansion plan approved"),
            ("topic tags", "More about: Leeds Transport Trams"),
        ],
        [
            "Council backs new tram line",
            "Results of the vote:\n- For: 61%\n- Against: 39%",
            "Why it matters",
        ],
    ),
    "wire copy": (
        WIRE_PAGE,
        [
            (
                "wire credits",
                "(Reporting by Ann Example in London; Additional reporting by Ben Sample;"
                " Editing by Cy Test)",
            ),
        ],
        ["LONDON (Reuters) -", '"Shoppers came back," an analyst said.'],
    ),
    "live blog": (
        LIVE_BLOG_PAGE,
        [
            ("share prompt", "Share this update"),
            ("user interface", "Copy link Facebook Twitter WhatsApp Email"),
            (
                "notification prompt",
                "Stay up to date with notifications from The Western Courier",
            ),
            ("user interface", "Allow Not now"),
        ],
        [
            "Key points\nRail services suspended between Cardiff and Bristol\n"
            "Amber wind warning until 9pm",
            "14:05",
            '"Please stay at home"',
        ],
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_marks_the_furniture_and_keeps_the_content(name):
    text, expected, kept = PAGES[name]
    ranges = find_boilerplate(text)
    assert [(item.reason, text[item.start : item.end]) for item in ranges] == expected
    for content in kept:
        start = text.index(content)
        end = start + len(content)
        assert not [item for item in ranges if item.start < end and start < item.end], content


def test_a_related_paragraph_after_a_teaser_header_is_kept():
    text = (
        "The tram line in Leeds will cost £2bn, the council said.\n"
        "Other Topics of Interest\n"
        "The council said the Leeds tram line would open in 2030.\n"
    )
    assert find_boilerplate(text) == []


# Real content shaped like furniture: none of it may be marked.
CLEAN_TEXTS = [
    "KYIV, Ukraine (AP) — Officials said 12 people were hurt.\n\n"
    "‘We will rebuild,’ the mayor said.\n\nUkraine: 54%\nRussia: 46%\n",
    # A timeline whose entries start alike but are sentences.
    "On 3 March the convoy stopped near Kyiv.\nOn 4 March the convoy moved again.\n"
    "On 5 March the convoy reached Irpin.\nOn 6 March the convoy withdrew.\n",
    # Furniture words inside real sentences.
    "Google uses cookies to personalise ads, the regulator said on Monday.\n"
    "9/11 families met the president in Washington.\n"
    "The charity is funded by supporters in Britain, its director said.\n",
    # Short headline-like lines that are the article's own headline and standfirst.
    "Hollins wins Ohio primary\nHollins wins Ohio primary\n\n"
    "State Treasurer Dana Hollins won the Ohio primary on Tuesday, with Hollins taking 58%.\n",
]


@pytest.mark.parametrize("text", CLEAN_TEXTS)
def test_content_shaped_like_furniture_is_not_marked(text):
    assert find_boilerplate(text) == []


def test_mask_keeps_length_and_newlines():
    text = GALLERY_PAGE
    masked = mask(text, find_boilerplate(text))
    assert len(masked) == len(text)
    assert masked.count("\n") == text.count("\n")
    assert "Wales in pictures" not in masked
    assert "“Vital,” he said." in masked


def test_extraction_skips_the_marked_ranges(extractor):
    text = TEASER_PAGE + "\n" + GALLERY_PAGE
    article = extractor.extract_text(text, published="2023-03-05")
    ranges = [(item.start, item.end) for item in article.boilerplate]
    assert ranges == [(item.start, item.end) for item in find_boilerplate(text)]
    mentions = [mention for place in article.places for mention in place.mentions]
    spans = [*article.quotes, *article.dates, *article.percentages, *mentions]
    for span in spans:
        assert not any(start < span.end and span.start < end for start, end in ranges), span
