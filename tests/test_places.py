"""Places: gazetteer names and model entities, canonical names, countries, people told apart."""

from __future__ import annotations

import json

import pytest

from extract.facts import Place
from extract.readers.places import find_places, place_records


def places_of(nlp, text: str) -> list[Place]:
    return find_places(nlp(text))


def mention_table(places: list[Place]) -> dict[tuple[str, int], tuple]:
    """(mention text, start) -> (name, country_code, type, as_actor)."""
    return {
        (m.text, m.start): (p.name, p.country_code, p.type, m.as_actor)
        for p in places
        for m in p.mentions
    }


@pytest.mark.parametrize(
    ("text", "mention", "start", "expected"),
    [
        # Aliases and abbreviations, with the span on the name only.
        ("She said the U.K. would help.", "U.K.", 13, ("United Kingdom", "GB", "country", False)),
        ("He praised the U.K’s support.", "U.K", 15, ("United Kingdom", "GB", "country", False)),
        (
            "Britain sent more aid on Monday.",
            "Britain",
            0,
            ("United Kingdom", "GB", "country", False),
        ),
        (
            "Great Britain won the match.",
            "Great Britain",
            0,
            ("United Kingdom", "GB", "country", False),
        ),
        ("A senior US official spoke.", "US", 9, ("United States", "US", "country", False)),
        ("Aid from the U.S. arrived.", "U.S.", 13, ("United States", "US", "country", False)),
        (
            "Ties between the United States and Japan grew.",
            "United States",
            17,
            ("United States", "US", "country", False),
        ),
        (
            "America is a large country, he wrote.",
            "America",
            0,
            ("United States", "US", "country", False),
        ),
        (
            "Trade with the Russian Federation fell.",
            "Russian Federation",
            15,
            ("Russia", "RU", "country", False),
        ),
        (
            "Talks with North Korea stalled.",
            "North Korea",
            11,
            ("North Korea", "KP", "country", False),
        ),
        ("Exports from Czechia rose.", "Czechia", 13, ("Czech Republic", "CZ", "country", False)),
        # Transliterations.
        ("Sirens sounded in Kiev overnight.", "Kiev", 18, ("Kyiv", "UA", "city", False)),
        ("Sirens sounded in Kyiv overnight.", "Kyiv", 18, ("Kyiv", "UA", "city", False)),
        ("Shelling hit Kharkov again.", "Kharkov", 13, ("Kharkiv", "UA", "city", False)),
        (
            "Voting ended in Zaporozhye on Friday.",
            "Zaporozhye",
            16,
            ("Zaporizhzhia", "UA", "region", False),
        ),
        (
            "Voting ended in Zaporizhia on Friday.",
            "Zaporizhia",
            16,
            ("Zaporizhzhia", "UA", "region", False),
        ),
        ("Officials in Lugansk counted votes.", "Lugansk", 13, ("Luhansk", "UA", "region", False)),
        # The model's PERSON on a place in a geographic context.
        (
            "In occupied Kherson, polls closed early.",
            "Kherson",
            12,
            ("Kherson", "UA", "region", False),
        ),
        (
            "Shops reopened in Donetsk and Luhansk.",
            "Luhansk",
            30,
            ("Luhansk", "UA", "region", False),
        ),
        # Regions and cities with coordinates in the data.
        (
            "Storms hit California last week.",
            "California",
            11,
            ("California", "US", "region", False),
        ),
        ("She moved to Toulouse in 2019.", "Toulouse", 13, ("Toulouse", "FR", "city", False)),
        (
            "The ship sailed across the Atlantic Ocean.",
            "Atlantic Ocean",
            27,
            ("Atlantic Ocean", None, "other", False),
        ),
        # A place standing for its government as a speaker.
        ("Moscow said the vote was fair.", "Moscow", 0, ("Moscow", "RU", "city", True)),
        ("Russia claimed the vote was fair.", "Russia", 0, ("Russia", "RU", "country", True)),
        (
            "Washington warned of new sanctions.",
            "Washington",
            0,
            ("Washington", "US", "city", True),
        ),
        (
            "Downing Street said the call went well.",
            "Downing Street",
            0,
            ("Downing Street", "GB", "other", True),
        ),
        (
            "According to the Kremlin, talks will go on.",
            "Kremlin",
            17,
            ("Kremlin", "RU", "other", True),
        ),
        ("Russia bombarded the port again.", "Russia", 0, ("Russia", "RU", "country", False)),
        ("She will travel to Moscow next week.", "Moscow", 19, ("Moscow", "RU", "city", False)),
        # A country opening an organisation's name is still a place.
        (
            "UK Defence Secretary Ben Wallace spoke.",
            "UK",
            0,
            ("United Kingdom", "GB", "country", False),
        ),
        # "City, Region" gives the country of a town the gazetteer lacks.
        (
            "The plant is in Cupertino, California.",
            "Cupertino",
            16,
            ("Cupertino", "US", "city", False),
        ),
    ],
)
def test_place_mentions(nlp, text, mention, start, expected):
    assert text[start : start + len(mention)] == mention  # the table itself is right
    assert mention_table(places_of(nlp, text))[(mention, start)] == expected


@pytest.mark.parametrize(
    ("text", "mention", "start", "expected"),
    [
        # Irish and British counties, also in a results list and as "County X".
        ("Turnout was highest in Cork and Kerry.", "Kerry", 32, ("Kerry", "IE", "region", False)),
        (
            "Yes share by county:\nGalway: 51.7%\nMayo: 42.8%",
            "Mayo",
            35,
            ("Mayo", "IE", "region", False),
        ),
        (
            "A recount was ordered in County Wexford on Sunday.",
            "County Wexford",
            25,
            ("Wexford", "IE", "region", False),
        ),
        (
            "Gales closed roads across Cornwall and Devon.",
            "Cornwall",
            26,
            ("Cornwall", "GB", "region", False),
        ),
        (
            "Rail services in Greater Manchester were suspended.",
            "Greater Manchester",
            17,
            ("Greater Manchester", "GB", "region", False),
        ),
        # US counties in their "X County" form.
        (
            "Officials in Maricopa County began the count.",
            "Maricopa County",
            13,
            ("Maricopa County", "US", "region", False),
        ),
        # English names of regions the ISO list gives in the local language.
        (
            "Fires spread through Krasnodar Krai this week.",
            "Krasnodar Krai",
            21,
            ("Krasnodar Krai", "RU", "region", False),
        ),
        (
            "Ministers met in Tuscany and Lombardy.",
            "Lombardy",
            29,
            ("Lombardy", "IT", "region", False),
        ),
        (
            "Floods cut roads in Uttar Pradesh and Kerala.",
            "Uttar Pradesh",
            20,
            ("Uttar Pradesh", "IN", "region", False),
        ),
        # A country named in a hyphenated token, or split off by the tokenizer.
        (
            "The U.S.-led coalition struck again.",
            "U.S.",
            4,
            ("United States", "US", "country", False),
        ),
        ("A U.K.-based charity sent aid.", "U.K.", 2, ("United Kingdom", "GB", "country", False)),
        ("Russia-backed forces shelled the town.", "Russia", 0, ("Russia", "RU", "country", False)),
        # Datelines in capitals, names of several words too.
        ("NEW DELHI (AP) — Talks resumed.", "NEW DELHI", 0, ("New Delhi", "IN", "city", False)),
        ("DUBLIN - Counting resumed on Sunday.", "DUBLIN", 0, ("Dublin", "IE", "city", False)),
        # Hong Kong is its own country code, not a region of China.
        (
            "Hong Kong's leader spoke in Beijing.",
            "Hong Kong",
            0,
            ("Hong Kong", "HK", "country", False),
        ),
        # A name the model splits into two people.
        (
            "Fighting flared near Rostov-on-Don and in Kharkiv.",
            "Rostov-on-Don",
            21,
            ("Rostov-on-Don", "RU", "city", False),
        ),
        # A given name elsewhere in the article does not unmake the place.
        ("Jordan's king met Jordan Henderson.", "Jordan", 0, ("Jordan", "JO", "country", False)),
        # The model's PERSON in a list after "in"; a town the model labels ORG.
        (
            "Police were called in Truro and Exeter.",
            "Exeter",
            32,
            ("Exeter", "GB", "city", False),
        ),
        ("Police were called in Truro and Exeter.", "Truro", 22, ("Truro", "GB", "city", False)),
        # A place owning an office: "Victoria's premier".
        (
            "Victoria's premier called an early election.",
            "Victoria",
            0,
            ("Victoria", "AU", "region", False),
        ),
        # Readings chosen by the paragraph: Sydney in Australia after a paragraph on Canada.
        (
            "Talks in Ottawa and Toronto ended.\n\nIn Australia, Sydney flooded.",
            "Sydney",
            50,
            ("Sydney", "AU", "city", False),
        ),
        # Canonical names without transliteration marks; "St" for "Saint".
        ("Shelling in Rafah continued.", "Rafah", 12, ("Rafah", "PS", "city", False)),
        (
            "Tourists flocked to St Petersburg.",
            "St Petersburg",
            20,
            ("Saint Petersburg", "RU", "city", False),
        ),
        (
            "Voters in Jerusalem went to the polls.",
            "Jerusalem",
            10,
            ("Jerusalem", "IL", "city", False),
        ),
        # A model entity that only lists names is judged name by name.
        (
            "The governor won easily in the south-east, including Imo and Ebonyi.",
            "Ebonyi",
            61,
            ("Ebonyi", "NG", "region", False),
        ),
        # A name ending in a place noun says what it is.
        (
            "Only the Australian Capital Territory backed the change.",
            "Australian Capital Territory",
            9,
            ("Australian Capital Territory", "AU", "region", False),
        ),
        (
            "Voting was calm in the Federal Capital Territory.",
            "Federal Capital Territory",
            23,
            ("Federal Capital Territory", "NG", "region", False),
        ),
        # A region of a country the article names needs no geographic context.
        (
            "Pakistan asked for aid. Farms were flooded, while Balochistan's rainfall doubled.",
            "Balochistan",
            50,
            ("Balochistan", "PK", "region", False),
        ),
    ],
)
def test_place_mentions_beyond_the_seeds(nlp, text, mention, start, expected):
    assert text[start : start + len(mention)] == mention
    assert mention_table(places_of(nlp, text))[(mention, start)] == expected


NOT_PLACES = [
    # (text, the name that is no place here, the places that are: (mention, start))
    ("Paris Hilton arrived late in Berlin.", "Paris", [("Berlin", 29)]),
    ("Jordan Peterson gave a talk in Toronto.", "Jordan", [("Toronto", 31)]),
    ("Georgia Smith won the race in Kenya.", "Georgia", [("Kenya", 30)]),
    (
        "Lewis Hamilton won again in Brazil. Hamilton said he was pleased.",
        "Hamilton",
        [("Brazil", 28)],
    ),
    ("British and Russian diplomats met in Vienna.", "British", [("Vienna", 37)]),
    ("Ukrainian troops advanced near Kharkiv.", "Ukrainian", [("Kharkiv", 31)]),
    ("Qatar Airways ordered more jets for flights to Chile.", "Qatar", [("Chile", 47)]),
    ("The flight from Air France landed in Senegal.", "France", [("Senegal", 37)]),
    ("Bank of America reported a loss in Canada.", "America", [("Canada", 35)]),
    ("Mobile phones were banned in France.", "Mobile", [("France", 29)]),
    ("Toyota and Honda cut output in Thailand.", "Toyota", [("Thailand", 31)]),
    ("Japan's carmakers, led by Toyota, cut output.", "Toyota", [("Japan", 0)]),  # a city
    ("Candidates in Dublin Bay South waited.", "Bay South", [("Dublin", 14)]),
    ("Sydney Sweeney posed for photographers in Rome.", "Sydney", [("Rome", 42)]),
    (
        "The deal was fought between Boeing and Lockheed Martin in Texas.",
        "Martin",
        [("Texas", 58)],
    ),
    (
        "Biden won the state narrowly. Mr Biden said he was grateful in Ohio.",
        "Biden",
        [("Ohio", 63)],
    ),
    ("Turnout in Peru rose to 61%, according to Bloomberg.", "Bloomberg", [("Peru", 11)]),
    (
        "Nezopont, a polling firm, put turnout in Hungary at 45 percent.",
        "Nezopont",
        [("Hungary", 41)],
    ),
    # clubs in a sports story (three sports words or more)
    (
        "The Spaniard has coached Ajax, Valencia and Everton. He scored goals for the league "
        "side and won the league before the season ended in Spain.",
        "Valencia",
        [("Spain", 135)],
    ),
    (
        "Leicester said in a statement that the striker scored twice. The coach praised the "
        "squad after the league game in Manchester.",
        "Leicester",
        [("Manchester", 114)],
    ),
    ("Real Madrid won again in Spain.", "Madrid", [("Spain", 25)]),
    (
        "The Cleveland Browns beat the Steelers in Pittsburgh, and the quarterback scored as "
        "the coach watched the league leaders.",
        "Cleveland",
        [("Pittsburgh", 42)],
    ),
    (
        "Wichita West senior Dan Lee won the title in Topeka, the coach said after the league "
        "final and the playoffs.",
        "Wichita",
        [("Topeka", 45)],
    ),
    (
        "The coach said Eastern Michigan rolled past Northern Illinois in Detroit after the "
        "quarterback scored in the league game.",
        "Illinois",
        [("Detroit", 65)],
    ),
    (
        "The Houston Rockets beat the Lakers in Los Angeles. Houston coach Stephen Silas said "
        "the team scored in the league game.",
        "Houston",
        [("Los Angeles", 39)],
    ),
    # products, events, companies, compounds
    ("Brent crude rose in London trading.", "Brent", [("London", 20)]),
    ("Nadal led Spain to the Davis Cup title.", "Davis", [("Spain", 10)]),
    (
        "Demand in Asia-Pacific markets grew, Japan said.",
        "Pacific",
        [("Asia-Pacific", 10), ("Japan", 37)],
    ),
    ("Kazakhstan's Air Astana ordered jets.", "Astana", [("Kazakhstan", 0)]),
    (
        "Visitors flocked to the Dubai Air Show in the United Arab Emirates.",
        "Dubai",
        [("United Arab Emirates", 46)],
    ),
]


@pytest.mark.parametrize(("text", "not_a_place", "places"), NOT_PLACES)
def test_not_places(nlp, text, not_a_place, places):
    for mention, start in places:
        assert text[start : start + len(mention)] == mention  # the table itself is right
    found = sorted(
        ((m.text, m.start) for p in places_of(nlp, text) for m in p.mentions),
        key=lambda pair: pair[1],
    )
    assert not_a_place not in [mention for mention, _ in found]
    assert found == places


@pytest.mark.parametrize(
    ("text", "expected_code"),
    [
        ("Georgia's government in Tbilisi protested to Russia about Abkhazia.", "GE"),
        ("The storm moved from Atlanta into Georgia and then into South Carolina.", "US"),
        ("Georgia announced new visa rules.", "GE"),  # no context: the country
    ],
)
def test_georgia_by_context(nlp, text, expected_code):
    georgia = [p for p in places_of(nlp, text) if p.name == "Georgia"]
    assert [p.country_code for p in georgia] == [expected_code]


def test_same_named_city_by_following_region(nlp):
    places = places_of(nlp, "Officials in London, Ontario, said the storm had passed.")
    london = next(p for p in places if p.name == "London")
    assert (london.country_code, london.type) == ("CA", "city")


def test_places_most_mentioned_first_with_all_mentions(nlp):
    text = "Poland sent troops. Germany and Poland agreed. Poland, said the UK, was right."
    places = places_of(nlp, text)
    assert [p.name for p in places][:2] == ["Poland", "Germany"]
    assert [(m.start, m.end) for m in places[0].mentions] == [(0, 6), (32, 38), (47, 53)]
    assert all(text[m.start : m.end] == m.text for p in places for m in p.mentions)


def test_no_city_is_named_like_another_country():
    """ "Jamaica" (Queens) and "Armenia" (Colombia) are left to the countries."""
    records = place_records().values()
    countries = {r.name: r.country_code for r in records if r.type == "country"}
    misread = [
        (r.name, r.country_code)
        for r in records
        if r.type == "city" and countries.get(r.name, r.country_code) != r.country_code
    ]
    assert misread == []
    assert countries["Jamaica"] == "JM"


def test_city_has_coordinates(nlp):
    kyiv = next(p for p in places_of(nlp, "He flew to Kyiv.") if p.name == "Kyiv")
    assert kyiv.latitude == pytest.approx(50.45, abs=0.1)
    assert kyiv.longitude == pytest.approx(30.52, abs=0.1)


def test_seed_places_found_with_their_country(shared_dir, nlp):
    """Every scored gold place of the seeds is found, and with the gold country code."""
    for line in (shared_dir / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        found = {
            (m.start, m.end): p.country_code
            for p in places_of(nlp, article["text"])
            for m in p.mentions
        }
        for gold in article["places"]:
            if gold.get("scored", True):
                assert found.get((gold["start"], gold["end"])) == gold["country_code"], gold
