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

BROADCASTER_PAGE = """\
Skip to content
Home
News
Sport
Radio
Weather
Harbour wall collapses in overnight storm
Share
Image source, Getty Images
Image caption,
Waves broke over the sea front at dawn
By Ann Example
Coastal affairs reporter
Part of the harbour wall in Penzance collapsed during gales on Sunday night.

"It went with a roar," said a fisherman.

Boats damaged by harbour:
Penzance: 14
Newlyn: 9

More on this story
Storm warnings for the weekend
2 days ago
Top Stories
Most Read
1
Man rescued from cliff
2
Why are ferries cancelled?
"""

WIRE_SERVICE_PAGE = """\
Exclusive news, data and analytics for financial market professionals
Madrid court fines utility over outage
By Ann Example
3 minute read
MADRID, May 4 (Reuters) - A Spanish court fined a power utility 2 million euros on Thursday.

The fine was upheld on appeal.

Reporting by Ann Example; Editing by Ben Sample
Our Standards: The Thomson Reuters Trust Principles.
Copyright 2023 The Associated Press. All rights reserved. This material may not be published,\
 broadcast, rewritten or redistributed.
"""

US_NEWS_PAGE = """\
Advertisement
SKIP ADVERTISEMENT
Supported by
Ohio court strikes down district map
Listen to this article · 4:02 min Learn more
Reporting from Columbus, Ohio
COLUMBUS, Ohio — The state supreme court struck down the congressional map on Friday.

Related article
Map fight heads to federal court

The ruling was 4-3.

Ad Feedback
"Fair maps matter," a plaintiff said.

Ad Feedback
CLICK HERE TO GET THE NEWS APP
Sam Sample contributed to this report.
Read 1,204 comments
Ad Feedback
"""

NEWSLETTER_AND_FOOTER_PAGE = """\
Mayor backs river swimming zone

The mayor said on Monday the river would open for swimming in June.

Sign up to Morning Brief, our free daily newsletter
Privacy Notice: Newsletters may contain info about charities and online ads.
after newsletter promotion

Water quality results:
- Upstream: good
- Downstream: poor

Explore more on these topics
Rivers
Swimming
Reuse this content
About us
Contact the newsroom
Work for us
Terms of use
Privacy policy
© 2023 Example Media Group
"""

SHARE_AND_COMMENTS_PAGE = """\
Lakers top Celtics in overtime

Friday's scores
Lakers 112, Celtics 108 (OT)
Heat 99, Nets 97

"We kept believing," the coach said.

Share this:
Click to share on Facebook (Opens in new window)
Click to email a link to a friend (Opens in new window)
Like this:
Like Loading...
Leave a Reply Cancel reply
Your email address will not be published. Required fields are marked *
Comments are closed.
"""

CONSENT_AND_PAYWALL_PAGE = """\
We care about your privacy
We and our 512 partners store and access information on a device.
Accept all
Reject all
Q&A: The new school head on her first term

Q: What comes first?

A: "Reading. Every child, every day."

Subscribe to continue reading
You have 1 free article left this month.
Already a subscriber? Log in
Join the conversation
"""

SOCIAL_PAGE = """\
Trending
1 Singer cancels tour
2 Man arrested after chase
Council votes to close two libraries
The council voted on Wednesday to close libraries in Eastfield and Northgate, saying the\
 buildings needed repairs it could not afford. Library users said the closures would hit\
 children and older readers hardest, and a petition against the plan gathered signatures.

"Libraries are not a luxury."
— Jo Example (@JoExample) May 3, 2023

Campaigners plan to deliver the petition to the town hall before the final budget meeting next\
 month.

pic.twitter.com/AbC123xyz
Video Player is loading.
Play Video
This is a modal window.
READ MORE
Zoo welcomes twin panda cubs
Keepers said the cubs were born overnight and were feeding well, a spokesperson for the zoo said.
The library closures take effect in August, when the council will also review opening hours\
 at the remaining libraries in the borough.
"""

NEWSLETTER_POST_PAGE = """\
Subscribe
Sign in
Why the council will raise fares again
Priya Sample
Oct 9, 2023

Fares rose in April.

Here is why I expect another rise.

"We have no choice," a councillor told me.

Thanks for reading Transit Notes! Subscribe for free to receive new posts and support my work.
Type your email...
Subscribe
14 Likes
·
2 Restacks
Discussion about this post
Comments
Restacks
Ready for more?
Privacy ∙ Terms ∙ Collection notice
Start Writing
Get the app
"""

REGIONAL_PAPER_PAGE = """\
Lakeview Herald
News
Obituaries
Classifieds
Subscribe
School board backs later start times
LAKEVIEW — The school board voted 6-1 on Monday to start classes at 8:30 am.

Votes by ward:
Ward 1: yes
Ward 2: no

"Sleep matters," the board chair said.

Obituaries
Harold Example, 88, of Lakeview
Rita Sample, 79, of Brookfield
View all obituaries
Classifieds
Yard sale Sunday 9am-1pm 45 Oak Ave
2012 Honda Civic, 95k miles, $6,900
Place a classified ad
Submit an event
"""

SYNDICATED_WIRE_PAGE = """\
Portal News
Home
Mail
News
Finance
Sports
Storm floods coastal towns in Brittany
Le Courrier with AFP
Time to read 2 min.
Start a conversation
Heavy rain flooded towns on the Brittany coast on Sunday, the prefecture said.

Three roads were closed.

"The water came in minutes," a baker said.

Agence France-Presse
Trending in Brittany
Ferry crossings cancelled
Farmers count the cost
Our Privacy Policy
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
            (
                "newsletter prompt",
                "Sign up to our free Daily Briefing newsletter\nSign up\n"
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
    "broadcaster": (
        BROADCASTER_PAGE,
        [
            ("user interface", "Skip to content\nHome\nNews\nSport\nRadio\nWeather"),
            ("share prompt", "Share"),
            (
                "photo credit",
                "Image source, Getty Images\nImage caption,\n"
                "Waves broke over the sea front at dawn",
            ),
            ("byline", "By Ann Example"),
            ("link list", "More on this story\nStorm warnings for the weekend"),
            ("timestamp", "2 days ago"),
            ("user interface", "Top Stories"),
            ("link list", "Most Read\n1\nMan rescued from cliff\n2\nWhy are ferries cancelled?"),
        ],
        [
            "Harbour wall collapses in overnight storm",
            "Penzance: 14\nNewlyn: 9",
            '"It went with a roar," said a fisherman.',
        ],
    ),
    "wire service": (
        WIRE_SERVICE_PAGE,
        [
            (
                "site furniture",
                "Exclusive news, data and analytics for financial market professionals",
            ),
            ("byline", "By Ann Example"),
            ("timestamp", "3 minute read"),
            (
                "wire credits",
                "Reporting by Ann Example; Editing by Ben Sample\n"
                "Our Standards: The Thomson Reuters Trust Principles.",
            ),
            (
                "copyright notice",
                "Copyright 2023 The Associated Press. All rights reserved. This material may not"
                " be published, broadcast, rewritten or redistributed.",
            ),
        ],
        [
            "Madrid court fines utility over outage",
            "MADRID, May 4 (Reuters) -",
            "The fine was upheld on appeal.",
        ],
    ),
    "us news site": (
        US_NEWS_PAGE,
        [
            ("advertisement", "Advertisement\nSKIP ADVERTISEMENT\nSupported by"),
            ("advertisement", "Listen to this article · 4:02 min Learn more"),
            ("byline", "Reporting from Columbus, Ohio"),
            ("user interface", "Related article"),
            ("link list", "Map fight heads to federal court"),
            ("advertisement", "Ad Feedback"),
            ("advertisement", "Ad Feedback"),
            ("video teaser", "CLICK HERE TO GET THE NEWS APP"),
            ("wire credits", "Sam Sample contributed to this report."),
            ("comments", "Read 1,204 comments"),
            ("advertisement", "Ad Feedback"),
        ],
        [
            "Ohio court strikes down district map",
            "COLUMBUS, Ohio —",
            "The ruling was 4-3.",
            '"Fair maps matter," a plaintiff said.',
        ],
    ),
    "newsletter box and footer": (
        NEWSLETTER_AND_FOOTER_PAGE,
        [
            (
                "newsletter prompt",
                "Sign up to Morning Brief, our free daily newsletter\nPrivacy Notice: Newsletters"
                " may contain info about charities and online ads.\nafter newsletter promotion",
            ),
            ("link list", "Explore more on these topics"),
            ("user interface", "Rivers\nSwimming"),
            ("site furniture", "Reuse this content"),
            (
                "user interface",
                "About us\nContact the newsroom\nWork for us\nTerms of use\nPrivacy policy",
            ),
            ("copyright notice", "© 2023 Example Media Group"),
        ],
        [
            "Mayor backs river swimming zone",
            "Water quality results:\n- Upstream: good\n- Downstream: poor",
        ],
    ),
    "share list and comments": (
        SHARE_AND_COMMENTS_PAGE,
        [
            (
                "share prompt",
                "Share this:\nClick to share on Facebook (Opens in new window)\nClick to email a"
                " link to a friend (Opens in new window)\nLike this:\nLike Loading...",
            ),
            (
                "comments",
                "Leave a Reply Cancel reply\nYour email address will not be published. Required"
                " fields are marked *\nComments are closed.",
            ),
        ],
        [
            "Friday's scores\nLakers 112, Celtics 108 (OT)\nHeat 99, Nets 97",
            '"We kept believing," the coach said.',
        ],
    ),
    "consent wall and paywall": (
        CONSENT_AND_PAYWALL_PAGE,
        [
            (
                "cookie notice",
                "We care about your privacy\nWe and our 512 partners store and access information"
                " on a device.",
            ),
            ("user interface", "Accept all\nReject all"),
            (
                "paywall",
                "Subscribe to continue reading\nYou have 1 free article left this month.",
            ),
            ("login notice", "Already a subscriber? Log in\nJoin the conversation"),
        ],
        [
            "Q&A: The new school head on her first term",
            "Q: What comes first?",
            'A: "Reading. Every child, every day."',
        ],
    ),
    "trending list, embedded post and teaser": (
        SOCIAL_PAGE,
        [
            ("link list", "Trending\n1 Singer cancels tour\n2 Man arrested after chase"),
            ("photo credit", "pic.twitter.com/AbC123xyz"),
            ("video teaser", "Video Player is loading."),
            ("user interface", "Play Video"),
            ("video teaser", "This is a modal window."),
            ("link list", "READ MORE\nZoo welcomes twin panda cubs"),
            (
                "unrelated teaser",
                "Keepers said the cubs were born overnight and were feeding well, a spokesperson"
                " for the zoo said.",
            ),
        ],
        [
            "Council votes to close two libraries",
            '"Libraries are not a luxury."',
            "— Jo Example (@JoExample) May 3, 2023",
            "The library closures take effect in August",
        ],
    ),
    "link list above the headline": (
        "Most read\nCouncil approves new bridge over the Severn\nThe council approved a new"
        " bridge over the Severn on Tuesday, ending ten years of debate about the crossing"
        " between the two towns and their councils.\n",
        [("link list", "Most read")],
        ["Council approves new bridge over the Severn"],
    ),
    "headline between a menu and a share button": (
        "Home\nNews\nSport\nMayor resigns\nShare\nThe mayor of Eastfield resigned on"
        " Monday after an audit found errors in the accounts of the town council.\n",
        [("user interface", "Home\nNews\nSport"), ("share prompt", "Share")],
        ["Mayor resigns"],
    ),
    "newsletter post with subscribe prompts": (
        NEWSLETTER_POST_PAGE,
        [
            ("user interface", "Subscribe\nSign in"),
            (
                "newsletter prompt",
                "Thanks for reading Transit Notes! Subscribe for free to receive new posts and"
                " support my work.\nType your email...",
            ),
            ("user interface", "Subscribe"),
            ("comments", "14 Likes"),
            ("separator", "·"),
            ("comments", "2 Restacks\nDiscussion about this post"),
            ("user interface", "Comments\nRestacks"),
            ("comments", "Ready for more?"),
            ("user interface", "Privacy ∙ Terms ∙ Collection notice"),
            ("app prompt", "Start Writing\nGet the app"),
        ],
        [
            "Why the council will raise fares again",
            "Oct 9, 2023",
            "Fares rose in April.",
            "Here is why I expect another rise.",
            '"We have no choice," a councillor told me.',
        ],
    ),
    "regional paper with obituaries and classifieds": (
        REGIONAL_PAPER_PAGE,
        [
            ("user interface", "News\nObituaries\nClassifieds\nSubscribe"),
            (
                "link list",
                "Obituaries\nHarold Example, 88, of Lakeview\nRita Sample, 79, of Brookfield",
            ),
            ("user interface", "View all obituaries\nClassifieds"),
            (
                "link list",
                "Yard sale Sunday 9am-1pm 45 Oak Ave\n2012 Honda Civic, 95k miles, $6,900",
            ),
            ("classifieds", "Place a classified ad\nSubmit an event"),
        ],
        [
            "School board backs later start times",
            "LAKEVIEW — The school board",
            "Votes by ward:\nWard 1: yes\nWard 2: no",
            '"Sleep matters," the board chair said.',
        ],
    ),
    "syndicated wire story": (
        SYNDICATED_WIRE_PAGE,
        [
            ("user interface", "Home\nMail\nNews\nFinance\nSports"),
            ("wire credits", "Le Courrier with AFP"),
            ("timestamp", "Time to read 2 min."),
            ("login notice", "Start a conversation"),
            (
                "link list",
                "Trending in Brittany\nFerry crossings cancelled\nFarmers count the cost",
            ),
            ("user interface", "Our Privacy Policy"),
        ],
        [
            "Storm floods coastal towns in Brittany",
            "Three roads were closed.",
            '"The water came in minutes," a baker said.',
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
    # Section words as the article's own list, and as a subheading between paragraphs.
    "Key issues:\nHealth\nEconomy\nEducation\n\nThe party published its plans on Monday.\n",
    "The minister spoke first.\n\nHealth\n\nHospitals will get more money, she said.\n",
    # An interview and a results table whose labels repeat.
    'Interview\n\nHost: What happens next?\n\nMayor: "We rebuild."\n',
    "Northern region\nYes votes\n54%\nNo votes\n46%\nSouthern region\nYes votes\n61%\n"
    "No votes\n39%\nEastern region\nYes votes\n58%\nNo votes\n42%\n",
    # An interview subheading naming an agency, a "see all" sentence, words of the
    # classifieds and privacy furniture inside sentences.
    "Interview with Reuters\n\nThe minister answered questions for an hour.\n",
    "See all the evidence before you judge.\n"
    "He said rules on privacy and terms would change, and readers placed a classified ad.\n",
    # A paragraph that a prompt's phrase row matches only across two of its sentences.
    "Get the latest figures from the ministry before you decide anything about the plan. The"
    " new app shows where each council stands on it this week, officials said.\n",
]


# Furniture put after each clean text: the cleaner must find it there, so that a cleaner that
# marks nothing fails these cases too.
FURNITURE_AFTER = "\nSign up to our free Morning Briefing newsletter\n"


@pytest.mark.parametrize("text", CLEAN_TEXTS)
def test_content_shaped_like_furniture_is_not_marked(text):
    assert find_boilerplate(text) == []
    page = text + FURNITURE_AFTER
    ranges = find_boilerplate(page)
    assert [page[item.start : item.end] for item in ranges] == [FURNITURE_AFTER.strip()]


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
