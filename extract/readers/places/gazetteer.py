"""The place gazetteer: names of `patterns/places.jsonl` marked in a Doc, and the town table.

The JSONL files are the source; parsing them and indexing tens of thousands of names costs more
than a tenth of a second, paid by every process. The index is therefore compiled once, on first
use, into the user's cache folder (`$XDG_CACHE_HOME/extract`, else `~/.cache/extract`), named by
the pattern files' paths, sizes and times, so that an edited gazetteer is compiled anew. A cache
that cannot be written is no error: the index is then built in memory each time. The cache is in
`marshal` form, the fastest Python reads, and its name carries the Python version that wrote it.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterator, Mapping
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ...patterns import load_patterns

GAZETTEER_COMPONENT = "place_gazetteer"
GAZETTEER_SPANS = "place_names"
# Tokens that open with a place name before a hyphen ("U.S.-led", "U.K.-based"): the tokenizer
# splits "Russia-backed", but not a name that ends in a full stop.
PREFIX_SPANS = "place_name_prefixes"
# Names shorter than this are not matched in capitals: "ROME" is Rome, "OMAN" Oman, but short
# capitalised words are mostly acronyms.
MIN_CAPITALISED_LENGTH = 4
SOURCE_FILES = ("places", "towns")
# Bump when the compiled layout changes, so that an old cache is not read.
INDEX_FORMAT = 3
# Separators of the names of one first word, packed as text: read by the thousand, unpacked a
# word at a time (tokens hold no control characters).
TOKEN_SEPARATOR, FIELD_SEPARATOR, NAME_SEPARATOR = "\x1f", "\t", "\n"
# Towns are unpacked by the first letters of their names: an article needs a few such groups.
TOWN_PREFIX = 2


def _compiled_index() -> dict[str, Any]:
    """The index built from the pattern files: the names of each first word (longest first,
    packed as text), place records by id (as JSON text), and the towns of each two-letter
    prefix (packed apart, read on demand)."""
    readings: dict[tuple[str, ...], list[str]] = defaultdict(list)
    records = {}
    for line in load_patterns("places"):
        if "pattern" in line:
            readings[tuple(token["ORTH"] for token in line["pattern"])].append(line["id"])
        else:
            records[line["id"]] = line
    # Datelines and headlines write names in capitals ("KYIV, Ukraine (AP)", "NEW DELHI").
    for orths in list(readings):
        capitals = tuple(orth.upper() for orth in orths)
        if len("".join(capitals)) >= MIN_CAPITALISED_LENGTH:
            readings.setdefault(capitals, readings[orths])
    names: dict[str, list[str]] = defaultdict(list)
    for orths in sorted(readings, key=len, reverse=True):  # longest name first
        packed = TOKEN_SEPARATOR.join(orths[1:]) + FIELD_SEPARATOR + " ".join(readings[orths])
        names[orths[0]].append(packed)
    towns: dict[str, dict[str, list[tuple]]] = defaultdict(lambda: defaultdict(list))
    for line in load_patterns("towns"):
        code = line["country_code"]
        for name, latitude, longitude, population in line["towns"]:
            towns[name[:TOWN_PREFIX]][name].append((population, code, latitude, longitude))
    return {
        "names": {first: NAME_SEPARATOR.join(found) for first, found in names.items()},
        "records": {place_id: json.dumps(record) for place_id, record in records.items()},
        "towns": {prefix: marshal.dumps(dict(found)) for prefix, found in towns.items()},
    }


def _cache_path() -> Path:
    """Where the index of the installed pattern files is kept: named by their paths, sizes and
    modification times (a stat, not a read: an edited or reinstalled file is compiled anew)."""
    digest = hashlib.sha1(f"{INDEX_FORMAT} {sys.version_info[:2]} {marshal.version}".encode())
    for name in SOURCE_FILES:
        source = Path(str(resources.files("extract.pattern_files").joinpath(f"{name}.jsonl")))
        status = source.stat()
        digest.update(f"{source} {status.st_size} {status.st_mtime_ns}".encode())
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "extract" / f"gazetteer-{digest.hexdigest()[:16]}.marshal"


@cache
def gazetteer_index() -> dict[str, Any]:
    """The compiled index: read from the cache, else built and written there."""
    path = _cache_path()
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    index = _compiled_index()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as partial:
            partial.write(marshal.dumps(index))
        os.replace(partial.name, path)  # whole or absent, even with processes racing
    except OSError:
        pass
    return index


class PlaceRecord(NamedTuple):
    """One reading of a place name: a gazetteer place, a town, or a name only the text makes a
    place (no id)."""

    id: str | None
    name: str
    country_code: str | None
    type: str  # country | region | city | other
    latitude: float | None
    longitude: float | None
    neighbours: tuple[str, ...] = ()  # a country's neighbours, by country code


class _RecordsById(Mapping):
    """Place records by id, each decoded from its JSON text when first asked for: an article
    needs a few dozen of the ten thousand."""

    def __init__(self, packed: dict[str, str]):
        self.packed = packed
        self.decoded: dict[str, PlaceRecord] = {}

    def __getitem__(self, place_id: str) -> PlaceRecord:
        record = self.decoded.get(place_id)
        if record is None:
            row = json.loads(self.packed[place_id])
            row["neighbours"] = tuple(row.get("neighbours", ()))
            record = self.decoded[place_id] = PlaceRecord(**row)
        return record

    def __iter__(self) -> Iterator[str]:
        return iter(self.packed)

    def __len__(self) -> int:
        return len(self.packed)


@cache
def place_records() -> Mapping[str, PlaceRecord]:
    """The gazetteer's place records by id."""
    return _RecordsById(gazetteer_index()["records"])


@cache
def _towns_starting_with(prefix: str) -> dict[str, list[tuple]]:
    """(population, country code, latitude, longitude) of the towns of each name that starts
    with `prefix` (TOWN_PREFIX letters)."""
    packed = gazetteer_index()["towns"].get(prefix)
    return marshal.loads(packed) if packed else {}


def town_readings(name: str) -> list[PlaceRecord]:
    """Towns too small for the gazetteer called `name`, largest first (`patterns/towns.jsonl`);
    a name in capitals ("HARRISBURG", not an acronym such as "UN") is looked up as a title too."""
    towns = _towns_starting_with(name[:TOWN_PREFIX]).get(name) if name else None
    if towns is None and name.isupper() and len(name) >= MIN_CAPITALISED_LENGTH:
        name = name.title()
        towns = _towns_starting_with(name[:TOWN_PREFIX]).get(name)
    return [
        PlaceRecord(f"town:{code}:{name}", name, code, "city", latitude, longitude)
        for _, code, latitude, longitude in sorted(towns or (), key=lambda town: -town[0])
    ]


@lru_cache(maxsize=8192)
def _names_after(first: str) -> list[tuple[tuple[str, ...], str]]:
    """The gazetteer names that open with `first`, longest first: (their other words, readings)."""
    packed_names = gazetteer_index()["names"].get(first)
    if packed_names is None:
        return []
    names = []
    for packed in packed_names.split(NAME_SEPARATOR):
        rest, place_ids = packed.split(FIELD_SEPARATOR)
        names.append((tuple(rest.split(TOKEN_SEPARATOR)) if rest else (), place_ids))
    return names


@Language.factory(GAZETTEER_COMPONENT)
class PlaceGazetteer:
    """Marks gazetteer place names; each span's `kb_id_` lists its readings, likeliest first."""

    def __init__(self, nlp: Language, name: str):
        # One Matcher finds the first words of names (a set lookup per token); the rest of a
        # longer name is compared here. Building a PhraseMatcher instead would make a Doc, and
        # new lexemes, for each of thousands of names at every start-up.
        self.first_word_matcher = Matcher(nlp.vocab)
        self.first_word_matcher.add("PLACE", [[{"ORTH": {"IN": list(gazetteer_index()["names"])}}]])
        self.hyphenated_matcher = Matcher(nlp.vocab)
        self.hyphenated_matcher.add("PREFIX", [[{"TEXT": {"REGEX": r"^[A-Z][^-\s]*-[A-Za-z]"}}]])

    def __call__(self, doc: Doc) -> Doc:
        found, readings = [], {}
        for _, start, _ in self.first_word_matcher(doc):
            for rest, place_ids in _names_after(doc[start].text):
                end = start + 1 + len(rest)
                if end <= len(doc) and all(
                    doc[i].text == orth for i, orth in zip(range(start + 1, end), rest, strict=True)
                ):
                    found.append(doc[start:end])
                    readings[start, end] = place_ids
                    break
        doc.spans[GAZETTEER_SPANS] = [
            Span(doc, span.start, span.end, label="PLACE", kb_id=readings[span.start, span.end])
            for span in filter_spans(found)
        ]
        # The whole token is kept; its label is the place name it opens with.
        prefixes = []
        for span in self.hyphenated_matcher(doc, as_spans=True):
            name = span.text.split("-", 1)[0]
            prefix_ids = next((ids for rest, ids in _names_after(name) if not rest), None)
            if prefix_ids is not None:
                prefixes.append(Span(doc, span.start, span.end, label=name, kb_id=prefix_ids))
        doc.spans[PREFIX_SPANS] = prefixes
        return doc
