"""Percentages: the forms, what each figure measures, the place it is about and the option."""

from __future__ import annotations

import json
import re

import pytest

from extract.facts import Place, PlaceMention
from extract.percentages import find_percentages

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
        [("47%", 47, "poll", None, "independence")],
    ),
    (
        "The president's approval rating fell to 38 percent, down 4 points since March, "
        "according to Gallup.",
        {},
        [("38 percent", 38, "poll", None, None), ("4 points", 4, "poll", None, None)],
    ),
    (
        "The survey of 1,200 adults has a margin of error of plus or minus 2.8 percentage points.",
        {},
        [("2.8 percentage points", 2.8, "poll", None, None)],
    ),
    (
        "Labour holds a 12-point lead over the Conservatives in the latest opinion poll.",
        {},
        [("12-point", 12, "poll", None, None)],
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
            ("12.2%", 12.2, "other", None, "prices"),
        ],
    ),
    (
        "The central bank raised interest rates by 0.25 percentage points to 5.25 percent.",
        {},
        [
            ("0.25 percentage points", 0.25, "other", None, "interest rates"),
            ("5.25 percent", 5.25, "other", None, "interest rates"),
        ],
    ),
    (
        "Ford said its sales in the United States rose 43% in February.",
        {"United States": ["United States"]},
        [("43%", 43, "other", "United States", "sales")],
    ),
    (
        "Ukraine's energy minister said about 50% of the country's power plants had been damaged.",
        {"Ukraine": ["Ukraine"]},
        [("50%", 50, "other", None, None)],
    ),
    (
        "The FTSE 100 fell 2.4pc while the Dow lost 340 points on Tuesday.",
        {},
        [("2.4pc", 2.4, "other", None, "ftse")],
    ),
    (
        "The company posted a 10-percent rise in profits and a 5.5pct gain in revenue.",
        {},
        [("10-percent", 10, "other", None, "profits"), ("5.5pct", 5.5, "other", None, "revenue")],
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
    found = find_percentages(nlp(text), _places(text, names))
    position = 0
    wanted = []
    for figure_text, value, kind, place, subject in expected:
        start = text.index(figure_text, position)
        position = start + len(figure_text)
        wanted.append((figure_text, start, position, value, kind, place, subject))
    got = [(p.text, p.start, p.end, p.value, p.kind, p.place, p.subject) for p in found]
    assert got == wanted


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
    (figure,) = find_percentages(nlp(text), [])
    assert figure.claimed_by == claimed_by


def test_story_without_a_vote_has_only_other_figures(extractor):
    text = (
        "Shares in the carmaker fell 8% after it won a contract worth 12% of its revenue.\n\n"
        "Sales in Germany rose 4.5 percent, the company said."
    )
    article = extractor.extract_text(text, published="2024-03-01")
    assert [(p.text, p.kind) for p in article.percentages] == [
        ("8%", "other"),
        ("12%", "other"),
        ("4.5 percent", "other"),
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
