"""Places of other kinds and places only the context names: facilities, roads, small towns,
localities the model labels otherwise, each with the country the text gives it."""

from __future__ import annotations

import pytest

from extract.places import find_places

KINDS = [
    # (text, every place mention found: (mention, start, name, country_code, type))
    (
        "The train stops in Hilversum and Almelo before reaching Germany.",
        [
            ("Hilversum", 19, "Hilversum", "NL", "city"),
            ("Almelo", 33, "Almelo", "NL", "city"),
            ("Germany", 56, "Germany", "DE", "country"),
        ],
    ),
    (
        "Rebels shelled the city of Douma, east of Damascus.",
        [("Douma", 27, "Douma", "SY", "city"), ("Damascus", 42, "Damascus", "SY", "city")],
    ),
    (
        "The helicopter came down in the Pangram area of Sarkh, Logar, in Afghanistan.",
        [
            ("Pangram", 32, "Pangram", "AF", "other"),
            ("Sarkh", 48, "Sarkh", "AF", "city"),
            ("Logar", 55, "Logar", "AF", "region"),
            ("Afghanistan", 65, "Afghanistan", "AF", "country"),
        ],
    ),
    (
        "Fans packed Heinz Field in Pittsburgh on Sunday.",
        [
            ("Heinz Field", 12, "Heinz Field", "US", "facility"),
            ("Pittsburgh", 27, "Pittsburgh", "US", "city"),
        ],
    ),
    (
        "The rally was held outside the Indiana Statehouse in Indianapolis.",
        [
            ("Indiana Statehouse", 31, "Indiana Statehouse", "US", "facility"),
            ("Indianapolis", 53, "Indianapolis", "US", "city"),
        ],
    ),
    (
        "He was held in Hoa Lo Prison in Hanoi for five years.",
        [
            ("Hoa Lo Prison", 15, "Hoa Lo Prison", "VN", "facility"),
            ("Hanoi", 32, "Hanoi", "VN", "city"),
        ],
    ),
    (
        "The researchers work at NASA's Goddard Space Flight Center in Greenbelt, Maryland.",
        [
            ("Goddard Space Flight Center", 31, "Goddard Space Flight Center", "US", "facility"),
            ("Greenbelt", 62, "Greenbelt", "US", "city"),
            ("Maryland", 73, "Maryland", "US", "region"),
        ],
    ),
    (
        "She was walking down Fort Worth's 6th Avenue when it happened.",
        [
            ("Fort Worth", 21, "Fort Worth", "US", "city"),
            ("6th Avenue", 34, "6th Avenue", "US", "road"),
        ],
    ),
    (
        "A lorry overturned on the A120 near Colchester, Essex police said.",
        [
            ("A120", 26, "A120", "GB", "road"),
            ("Colchester", 36, "Colchester", "GB", "city"),
            ("Essex", 48, "Essex", "GB", "region"),
        ],
    ),
    # an aircraft is no road
    ("Emirates ordered A380 jets from Toulouse.", [("Toulouse", 32, "Toulouse", "FR", "city")]),
    # a town of under 15,000 people, in the country of the region after it
    (
        "Police in Forest Hill, Texas, searched a hotel.",
        [
            ("Forest Hill", 10, "Forest Hill", "US", "city"),
            ("Texas", 23, "Texas", "US", "region"),
        ],
    ),
    # in a sports story a compass word after a place word leaves the region a region
    (
        "Fires in Southern California moved the league game, the coach said, and the "
        "quarterback scored in Phoenix.",
        [
            ("California", 18, "California", "US", "region"),
            ("Phoenix", 98, "Phoenix", "US", "city"),
        ],
    ),
    # in a sports story a place after a player's position is the club; the arena is a place
    (
        "The Wild beat the Sabres at KeyBank Center. Pittsburgh quarterback Mason Rudolph and "
        "the coach watched the league game in Buffalo.",
        [
            ("KeyBank Center", 28, "KeyBank Center", "US", "facility"),
            ("Buffalo", 122, "Buffalo", "US", "city"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), KINDS)
def test_place_kinds_with_their_country(nlp, text, expected):
    for mention, start, *_ in expected:
        assert text[start : start + len(mention)] == mention  # the table itself is right
    found = sorted(
        (
            (m.text, m.start, place.name, place.country_code, place.type)
            for place in find_places(nlp(text))
            for m in place.mentions
        ),
        key=lambda row: row[1],
    )
    assert found == expected


def test_a_club_is_a_place_outside_sports_stories(nlp):
    """'Leicester said' is the city's council in a story about roads, with no sports words."""
    text = "Leicester said the road would reopen in May."
    found = [(m.text, m.start) for p in find_places(nlp(text)) for m in p.mentions]
    assert found == [("Leicester", 0)]
