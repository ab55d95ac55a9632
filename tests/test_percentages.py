"""Percentages: the forms, what each figure measures, the place it is about and the option."""

from __future__ import annotations

import json
import re

import pytest
from place_spans import doc_with_places, places_at

from extract.facts import Place, PlaceMention
from extract.readers.percentages import find_percentages
from extract.readers.percentages.demonyms import DEMONYM_SPANS, demonym_rules

# Each case: the text, the places to give (canonical name -> words it is written as), and the
# figures expected in order as (text, value, kind, place, subject). Offsets are those of the
# figure's text, searched from the end of the previous figure.
CASES = [
    (
        "In occupied Donetsk, the separatist authorities claimed 99.23% of voters voted to join "
        "Russia, while in Melitopol the figure was put at 93.4%, with 100% of ballots counted.",
        {"Donetsk": ["Donetsk"], "Melitopol": ["Melitopol"], "Russia": ["Russia"]},
        [
            ("99.23%", 99.23, "vote_share", "Donetsk", "joining Russia"),
            ("93.4%", 93.4, "vote_share", "Melitopol", "joining Russia"),
            ("100%", 100, "counted", "Melitopol", "ballots counted"),
        ],
    ),
    (
        "In Crimea, officials said the number of votes in favour of leaving Ukraine had reached "
        "96.77 percent.",
        {"Crimea": ["Crimea"], "Ukraine": ["Ukraine"]},
        [("96.77 percent", 96.77, "vote_share", "Crimea", "leaving Ukraine")],
    ),
    (
        "Voters in Switzerland rejected the proposal, with 58.2 per cent of the vote against it "
        "in Sunday's referendum.",
        {"Switzerland": ["Switzerland"]},
        [("58.2 per cent", 58.2, "vote_share", "Switzerland", None)],
    ),
    (
        "In the Brexit referendum, Remain won 62% in Scotland and 56% in Northern Ireland, but "
        "Leave took 52% across the United Kingdom as a whole.",
        {
            "Scotland": ["Scotland"],
            "Northern Ireland": ["Northern Ireland"],
            "United Kingdom": ["United Kingdom"],
        },
        [
            ("62%", 62, "vote_share", "Scotland", "Remain"),
            ("56%", 56, "vote_share", "Northern Ireland", "Remain"),
            ("52%", 52, "vote_share", "United Kingdom", "Leave"),
        ],
    ),
    (
        "With 95% of precincts reporting, Sanders had 52.3% of the vote in New Hampshire.",
        {"New Hampshire": ["New Hampshire"]},
        [
            ("95%", 95, "counted", "New Hampshire", "precincts reporting"),
            ("52.3%", 52.3, "vote_share", "New Hampshire", "Sanders"),
        ],
    ),
    (
        "In the election, Clinton won 48% of the popular vote to Trump's 46%.",
        {},
        [("48%", 48, "vote_share", None, "Clinton"), ("46%", 46, "vote_share", None, "Trump")],
    ),
    (
        "In Kenya, the electoral commission said Ruto received 50.49 percent of the votes cast.",
        {"Kenya": ["Kenya"]},
        [("50.49 percent", 50.49, "vote_share", "Kenya", "Ruto")],
    ),
    (
        "Turnout in the Irish referendum was 64.1%, up from 60.5% three years earlier.",
        {},
        [("64.1%", 64.1, "turnout", None, "turnout"), ("60.5%", 60.5, "turnout", None, "turnout")],
    ),
    (
        "Officials in Brazil said turnout in the presidential election reached 79 pc, the highest "
        "since 2006.",
        {"Brazil": ["Brazil"]},
        [("79 pc", 79, "turnout", "Brazil", "turnout")],
    ),
    (
        "About 21% of registered voters cast ballots in Ohio on Tuesday.",
        {"Ohio": ["Ohio"]},
        [("21%", 21, "turnout", "Ohio", "turnout")],
    ),
    (
        "A Quinnipiac poll released Monday found Biden at 45% and Trump at 43% among likely voters "
        "in Pennsylvania.",
        {"Pennsylvania": ["Pennsylvania"]},
        [
            ("45%", 45, "poll", "Pennsylvania", "Biden"),
            ("43%", 43, "poll", "Pennsylvania", "Trump"),
        ],
    ),
    (
        "According to the latest YouGov survey, 47% of Scots would vote for independence.",
        {},
        [("47%", 47, "poll", "Scotland", "independence")],
    ),
    (
        "The president's approval rating fell to 38 percent, down 4 points since March, "
        "according to Gallup.",
        {},
        [("38 percent", 38, "poll", None, None), ("4 points", 4, "change", None, None)],
    ),
    (
        "The survey of 1,200 adults has a margin of error of plus or minus 2.8 percentage points.",
        {},
        [("2.8 percentage points", 2.8, "poll", None, None)],
    ),
    (
        "Labour holds a 12-point lead over the Conservatives in the latest opinion poll.",
        {},
        [("12-point", 12, "margin", None, None)],
    ),
    (
        "Fifty-two percent of respondents said they opposed the plan, the survey found.",
        {},
        [("Fifty-two percent", 52, "poll", None, "plan")],
    ),
    (
        "Nearly two-thirds of voters backed the measure in Tuesday's ballot, which needed a "
        "two-thirds majority to pass in the state of Oregon.",
        {"Oregon": ["Oregon"]},
        [("Nearly two-thirds", None, "vote_share", "Oregon", "measure")],
    ),
    (
        "The resolution will easily clear the two-thirds majority it needs in the General "
        "Assembly.",
        {},
        [],
    ),
    (
        "Exit polls suggest the ruling party is on between 40% and 45% of the vote.",
        {},
        [("40%", 40, "poll", None, None), ("45%", 45, "poll", None, None)],
    ),
    (
        "The centre-right bloc secured 30-35% in the regional elections in Bavaria.",
        {"Bavaria": ["Bavaria"]},
        [("30", 30, "vote_share", "Bavaria", None), ("35%", 35, "vote_share", "Bavaria", None)],
    ),
    (
        "By midnight, with about half of the votes counted, the Yes side was on 53%.",
        {},
        [
            ("about half", None, "counted", None, "votes counted"),
            ("53%", 53, "vote_share", None, None),
        ],
    ),
    (
        "Macron was re-elected with 58.5%, while Le Pen got 41.5%, official results in France "
        "showed.",
        {"France": ["France"]},
        [
            ("58.5%", 58.5, "vote_share", "France", None),
            ("41.5%", 41.5, "vote_share", "France", "Le Pen"),
        ],
    ),
    (
        "Inflation in Turkey rose to 61.5% in November, the statistics office said.",
        {"Turkey": ["Turkey"]},
        [("61.5%", 61.5, "other", "Turkey", "inflation")],
    ),
    (
        "UK inflation fell to 6.7% in September, but food prices were still 12.2% higher than a "
        "year ago.",
        {"United Kingdom": ["UK"]},
        [
            ("6.7%", 6.7, "other", "United Kingdom", "inflation"),
            ("12.2%", 12.2, "change", None, "prices"),
        ],
    ),
    (
        "The central bank raised interest rates by 0.25 percentage points to 5.25 percent.",
        {},
        [
            ("0.25 percentage points", 0.25, "change", None, "interest rates"),
            ("5.25 percent", 5.25, "other", None, "interest rates"),
        ],
    ),
    (
        "Ford said its sales in the United States rose 43% in February.",
        {"United States": ["United States"]},
        [("43%", 43, "change", "United States", "sales")],
    ),
    (
        "Ukraine's energy minister said about 50% of the country's power plants had been damaged.",
        {"Ukraine": ["Ukraine"]},
        [("50%", 50, "other", None, None)],
    ),
    (
        "The FTSE 100 fell 2.4pc while the Dow lost 340 points on Tuesday.",
        {},
        [("2.4pc", 2.4, "change", None, "ftse")],
    ),
    (
        "The company posted a 10-percent rise in profits and a 5.5pct gain in revenue.",
        {},
        [("10-percent", 10, "change", None, "profits"), ("5.5pct", 5.5, "change", None, "revenue")],
    ),
    (
        "Some 52%-48% splits were reported, and growth slowed to half a percent.",
        {},
        [
            ("52%", 52, "other", None, None),
            ("48%", 48, "other", None, None),
            ("half a percent", 0.5, "other", None, "growth"),
        ],
    ),
    (
        "In the Republican primary in Iowa, DeSantis took 21% of the vote.",
        {"Iowa": ["Iowa"]},
        [("21%", 21, "vote_share", "Iowa", "DeSantis")],
    ),
    (
        "Share of the vote in the referendum, by region:\nAthens: 44.2%\nThessaloniki: 39.8%",
        {"Athens": ["Athens"], "Thessaloniki": ["Thessaloniki"]},
        [
            ("44.2%", 44.2, "vote_share", "Athens", None),
            ("39.8%", 39.8, "vote_share", "Thessaloniki", None),
        ],
    ),
    (
        "Chile's voters rejected the new constitution. The No side won 61.9% nationwide.",
        {"Chile": ["Chile"]},
        [("61.9%", 61.9, "vote_share", "Chile", "No side")],
    ),
    (
        "More than half of the ballots cast in Kinshasa went to Tshisekedi, election observers "
        "said.",
        {"Kinshasa": ["Kinshasa"]},
        [("More than half", None, "vote_share", "Kinshasa", None)],
    ),
    (
        "Turnout in the referendum was 71%, the election commission said.\n\n"
        "About 40% of the city's bridges were damaged in the floods.",
        {},
        [("71%", 71, "turnout", None, "turnout"), ("40%", 40, "other", None, None)],
    ),
    (
        "The team scored 20 points in the final quarter and won by 3 points.",
        {},
        [],
    ),
    # a dateline is where the reporter is; "with" on the verb gives the verb's subject
    (
        "DENVER — Hickenlooper won Colorado with 55.1% of the vote.",
        {"Denver": ["DENVER"], "Colorado": ["Colorado"]},
        [("55.1%", 55.1, "vote_share", "Colorado", "Hickenlooper")],
    ),
    # the figure is what was counted, far from the count verb
    (
        "By 10pm, 80 per cent of the ballots in Ohio had been counted.",
        {"Ohio": ["Ohio"]},
        [("80 per cent", 80, "counted", "Ohio", None)],
    ),
    (
        "The survey put Ortiz on 44% and Lamb on 41%, with 11% undecided.",
        {},
        [
            ("44%", 44, "poll", None, "Ortiz"),
            ("41%", 41, "poll", None, "Lamb"),
            ("11%", 11, "poll", None, "undecided"),
        ],
    ),
    # the cue in the clause's subject beats a nearer cue in another clause
    (
        "The governor's approval rating has fallen to 39% as economy worries grow, a new poll "
        "shows.",
        {},
        [("39%", 39, "poll", None, None)],
    ),
    (
        "Polls closed at 8pm and ballots were counted overnight. Exit polls showed the senator "
        "winning 61% of Hispanic voters.",
        {},
        [("61%", 61, "poll", None, None)],
    ),
    (
        "It was the most loyal district, with 71% voting for the mayor on a turnout of 52%.",
        {},
        [("71%", 71, "vote_share", None, None), ("52%", 52, "turnout", None, "turnout")],
    ),
    (
        "The Labour Party won 40 seats, polling 38.2 per cent of the votes, the returning officer "
        "said.",
        {},
        [("38.2 per cent", 38.2, "vote_share", None, None)],
    ),
    # a pasted results table: the heading over each column says what its cells are
    (
        "Voters approved the amendment in the referendum.\n\nDistrict  Yes  No  Turnout\n"
        "Limerick  61.2%  38.8%  55.0%\nSligo  47.5%  52.5%  49.3%",
        {"Limerick": ["Limerick"], "Sligo": ["Sligo"]},
        [
            ("61.2%", 61.2, "vote_share", "Limerick", None),
            ("38.8%", 38.8, "vote_share", "Limerick", None),
            ("55.0%", 55.0, "turnout", "Limerick", "turnout"),
            ("47.5%", 47.5, "vote_share", "Sligo", None),
            ("52.5%", 52.5, "vote_share", "Sligo", None),
            ("49.3%", 49.3, "turnout", "Sligo", "turnout"),
        ],
    ),
    (
        "Georgia held its Senate runoff on Tuesday. Warnock took 81% in DeKalb County, while "
        "Walker won 69% in rural Cherokee County.",
        {"DeKalb County": ["DeKalb County"], "Cherokee County": ["Cherokee County"]},
        [
            ("81%", 81, "vote_share", "DeKalb County", "Warnock"),
            ("69%", 69, "vote_share", "Cherokee County", "Walker"),
        ],
    ),
    # a place named since the previous figure belongs to this one
    (
        "Brazil's presidential election went to a runoff. Bolsonaro won in Rio de Janeiro with "
        "56%, and dominated the farm belt of Goias, where he took 65%.",
        {"Rio de Janeiro": ["Rio de Janeiro"], "Goias": ["Goias"]},
        [
            ("56%", 56, "vote_share", "Rio de Janeiro", "Bolsonaro"),
            ("65%", 65, "vote_share", "Goias", "Bolsonaro"),
        ],
    ),
    # the place inside the option voted for is not where the vote was
    (
        "In the 2014 vote, Scotland voted 55.3% to 44.7% to remain in the UK, on a turnout of "
        "84.6%.",
        {"Scotland": ["Scotland"], "United Kingdom": ["UK"]},
        [
            ("55.3%", 55.3, "vote_share", "Scotland", None),
            ("44.7%", 44.7, "vote_share", "Scotland", None),
            ("84.6%", 84.6, "turnout", "Scotland", "turnout"),
        ],
    ),
    # "Le Pen" read as a place is the surname of the Marine Le Pen the article names
    (
        "In France's presidential election, Marine Le Pen trailed. Macron finished first with "
        "27.8%, ahead of Le Pen on 23.2%.",
        {"France": ["France"], "Le Pen": ["Le Pen"]},
        [
            ("27.8%", 27.8, "vote_share", "France", "Macron"),
            ("23.2%", 23.2, "vote_share", "France", "Le Pen"),
        ],
    ),
    (
        "A YouGov poll had put Labour on 39%, overstating its final share by about five points.",
        {},
        [("39%", 39, "poll", None, "Labour"), ("five points", 5, "poll", None, "Labour")],
    ),
    (
        "The SNP is on 39% in the latest poll, 6 points ahead of Labour.",
        {},
        [("39%", 39, "poll", None, None), ("6 points", 6, "margin", None, None)],
    ),
    # one survey in a health story does not make a poll story
    (
        "Just 48% of adults have had a booster, and a survey found 39% of parents would not "
        "vaccinate their children, the health department said as it launched a new campaign.",
        {},
        [("48%", 48, "other", None, None), ("39%", 39, "other", None, None)],
    ),
]


def _places(text: str, names: dict[str, list[str]]) -> list[Place]:
    """Places with a mention at every whole-word occurrence of each written form."""
    places = []
    for name, forms in names.items():
        mentions = tuple(
            PlaceMention(match.group(), match.start(), match.end())
            for form in forms
            for match in re.finditer(rf"\b{re.escape(form)}\b", text)
        )
        places.append(Place(name=name, country_code=None, type="other", mentions=mentions))
    return places


@pytest.mark.parametrize(("text", "names", "expected"), CASES)
def test_percentages(nlp, text, names, expected):
    found = find_percentages(doc_with_places(nlp, text, _places(text, names)))
    position = 0
    wanted = []
    for figure_text, value, kind, place, subject in expected:
        start = text.index(figure_text, position)
        position = start + len(figure_text)
        wanted.append((figure_text, start, position, value, kind, place, subject))
    got = [(p.text, p.start, p.end, p.value, p.kind, p.place, p.subject) for p in found]
    assert got == wanted


# Places with their type and country: (name, country code, type, written forms).
ARTICLE_PLACE_CASES = [
    # "nationally": the article's country, not the place of its first vote word
    (
        "Germany voted in a federal election on Sunday.\n\n"
        "In Bavaria, the CSU won 31.7%. Nationally, the Social Democrats won 25.7% of the vote.",
        [("Bavaria", "DE", "region", ["Bavaria"]), ("Germany", "DE", "country", ["Germany"])],
        [("31.7%", "Bavaria"), ("25.7%", "Germany")],
    ),
    # the share of the count is the vote's, not that of the place in the previous sentence
    (
        "Ireland voted on Friday in a referendum on the constitution.\n\n"
        "In Cork, queues formed outside polling stations. By midnight, about half of the votes "
        "had been counted.",
        [("Ireland", "IE", "country", ["Ireland"]), ("Cork", "IE", "city", ["Cork"])],
        [("about half", "Ireland")],
    ),
    # no place in the paragraph nor in the lede's vote sentences: the country most places are in,
    # which outvotes a state read as a country
    (
        "Poll: president's approval slips\n\nBy Staff Writer\n\n"
        "WASHINGTON — The president's approval rating has fallen to 41%, a new poll shows.\n\n"
        "Only 28% said the United States was on the right track.\n\n"
        "In Georgia, a separate poll of Atlanta voters showed the governor ahead with 51%.",
        [
            ("Washington", "US", "city", ["WASHINGTON"]),
            ("United States", "US", "country", ["United States"]),
            ("Georgia", "GE", "country", ["Georgia"]),
            ("Atlanta", "US", "city", ["Atlanta"]),
        ],
        [("41%", "United States"), ("28%", "United States"), ("51%", "Georgia")],
    ),
    # a place that is the subject of a share is its place: "followed by Tasmania at 61 per cent"
    (
        "Australia rejected the plan in the referendum, with the No vote at 60 per cent.\n\n"
        "The No vote was strongest in Queensland, at 68 per cent, followed by Tasmania at 61 per "
        "cent and Victoria at 55 per cent.",
        [
            ("Australia", "AU", "country", ["Australia"]),
            ("Queensland", "AU", "region", ["Queensland"]),
            ("Tasmania", "AU", "region", ["Tasmania"]),
            ("Victoria", "AU", "region", ["Victoria"]),
        ],
        [
            ("60 per cent", "Australia"),
            ("68 per cent", "Queensland"),
            ("61 per cent", "Tasmania"),
            ("55 per cent", "Victoria"),
        ],
    ),
    # "national" between a place and the figure: the country's figure
    (
        "Australia voted in a referendum on Saturday.\n\n"
        "In the Northern Territory, turnout fell well below the national figure of 89 per cent.",
        [
            ("Australia", "AU", "country", ["Australia"]),
            ("Northern Territory", "AU", "region", ["Northern Territory"]),
        ],
        [("89 per cent", "Australia")],
    ),
    # the model's ORG "the Australian Capital Territory" is the place, not a longer name
    (
        "Australia voted No in the referendum.\n\n"
        "Only the Australian Capital Territory voted Yes, with 61 per cent.",
        [
            ("Australia", "AU", "country", ["Australia"]),
            ("Australian Capital Territory", "AU", "region", ["Australian Capital Territory"]),
        ],
        [("61 per cent", "Australian Capital Territory")],
    ),
]


@pytest.mark.parametrize(("text", "places", "expected"), ARTICLE_PLACE_CASES)
def test_place_from_the_article(nlp, text, places, expected):
    found = find_percentages(doc_with_places(nlp, text, places_at(text, places)))
    assert [(p.text, p.start, p.place) for p in found] == [
        (figure, text.index(figure), place) for figure, place in expected
    ]


@pytest.mark.parametrize(
    ("text", "claimed_by"),
    [
        (
            "The regional administration claimed 87% of voters voted to join Russia.",
            "regional administration",
        ),
        ("Turnout was 46%, according to the electoral commission.", "electoral commission"),
        ("The Yes side won 54% of the vote in the referendum.", None),
    ],
)
def test_claimed_by(nlp, text, claimed_by):
    (figure,) = find_percentages(nlp(text))
    assert figure.claimed_by == claimed_by


def test_story_without_a_vote_has_no_vote_figures(extractor):
    text = (
        "Shares in the carmaker fell 8% after it won a contract worth 12% of its revenue.\n\n"
        "Sales in Germany rose 4.5 percent, the company said."
    )
    article = extractor.extract_text(text, published="2024-03-01")
    assert [(p.text, p.kind) for p in article.percentages] == [
        ("8%", "change"),
        ("12%", "other"),
        ("4.5 percent", "change"),
    ]
    assert all(p.text == text[p.start : p.end] for p in article.percentages)


def test_seed_gold_percentages(extractor, shared_dir):
    """Every gold percentage of the seeds is found with its kind and place, and nothing else."""
    lines = (shared_dir / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        gold = json.loads(line)
        article = extractor.extract_text(gold["text"], published=gold["published"])
        got = [(p.start, p.end, p.kind, p.place) for p in article.percentages]
        assert got == [(g["start"], g["end"], g["kind"], g["place"]) for g in gold["percentages"]]


# The people of a place stand for it; a place that is what is voted on is not the setting.
PEOPLE_AND_OPTION_CASES = [
    (
        "A survey released in Nairobi found that 58 per cent of Kenyans back the new levy.",
        "58 per cent",
        "Kenya",
    ),
    (
        "Speaking in Lyon, analysts said French voters gave the centrists 24 percent.",
        "24 percent",
        "France",
    ),
    (
        "The poll in Edinburgh shows 47% of Scots would vote Yes.",
        "47%",
        "Scotland",
    ),
    (
        "Among Scottish voters, support for leaving the UK stood at 51%, a survey found.",
        "51%",
        "Scotland",
    ),
    (
        "Police say armed gangs hold 70 percent of some Lima districts after the election.",
        "70 percent",
        "Lima",
    ),
]


@pytest.mark.parametrize(("text", "figure", "place"), PEOPLE_AND_OPTION_CASES)
def test_place_from_people_and_not_from_option(extractor, text, figure, place):
    article = extractor.extract_text(text, published="2024-05-01")
    found = next(p for p in article.percentages if p.text == figure)
    assert (found.start, found.place) == (text.find(figure), place)


# A people form stands alone; an adjective only before a people noun, which its span takes in.
DEMONYM_CASES = [
    (
        "Kenyans and Scottish voters, not Scottish law; South African adults.",
        [
            ("Kenyans", "country:KE"),
            ("Scottish voters", "region:GB-SCT"),
            ("South African adults", "country:ZA"),
        ],
    ),
    ("French wine and french voters", []),  # the exact form only: a capital letter
    ("The Scots voted; Welsh", [("Scots", "region:GB-SCT")]),  # nothing after "Welsh"
]


@pytest.mark.parametrize(("text", "expected"), DEMONYM_CASES)
def test_demonyms_by_exact_form(nlp, text, expected):
    doc = nlp(text)
    found = demonym_rules(doc.vocab).spans(doc)
    assert [(span.text, span.label_) for span in found] == expected
    assert [(span.start_char, span.end_char) for span in found] == [
        (text.index(words), text.index(words) + len(words)) for words, _ in expected
    ]
    assert list(doc.spans[DEMONYM_SPANS]) == found
