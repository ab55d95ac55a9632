"""The facts the tool reports: small frozen dataclasses, and their JSON form.

Every span carries `start`/`end` character offsets into the article text exactly as read, and
`text == article_text[start:end]`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any

SCHEMA_ID = "extract.article/1"


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    text: str
    start: int
    end: int
    kind: str  # direct | indirect | mixed
    speaker: str | None
    speaker_mention: Span | None = None
    cue: Span | None = None


@dataclass(frozen=True)
class Speaker:
    name: str
    kind: str  # person | organization | unknown
    titles: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    quote_count: int = 0


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    value: str | None  # ISO 8601 at the precision of the text, or None
    sentence: Span | None = None


@dataclass(frozen=True)
class Percentage:
    text: str
    start: int
    end: int
    value: float | None
    kind: str  # vote_share | turnout | counted | poll | change | margin | other
    place: str | None = None
    subject: str | None = None
    claimed_by: str | None = None
    unit: str = "percent"  # percent | points


@dataclass(frozen=True)
class PlaceMention:
    text: str
    start: int
    end: int
    as_actor: bool = False  # the place stands for its government ("Moscow said")


@dataclass(frozen=True)
class Place:
    name: str
    country_code: str | None
    type: str  # country | region | city | other
    mentions: tuple[PlaceMention, ...] = ()
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Published:
    value: str
    origin: str  # input | option | metadata | text | inferred (from strongest to weakest)
    text: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Boilerplate:
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class PageMeta:
    """What a web page says about itself, beside its article text."""

    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None
    language: str | None = None  # ISO 639-1 code, from the page's own markup


@dataclass(frozen=True)
class Article:
    source: str | None
    id: str | None
    published: Published | None
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    dates: tuple[DateMention, ...] = ()
    percentages: tuple[Percentage, ...] = ()
    places: tuple[Place, ...] = ()
    boilerplate: tuple[Boilerplate, ...] = ()
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = field(default=())
    schema: str = SCHEMA_ID
    meta: PageMeta | None = None  # web inputs only
    # The text every offset indexes: always for web inputs (it is extracted, not read),
    # for plain text with --with-text.
    text: str | None = None


def shifted(fact: Any, offset: int) -> Any:
    """`fact` with every `start` and `end` in it, nested facts included, moved by `offset`."""
    if offset == 0:
        return fact
    changes: dict[str, Any] = {}
    for item in fields(fact):
        value = getattr(fact, item.name)
        if item.name in ("start", "end") and isinstance(value, int):
            changes[item.name] = value + offset
        elif is_dataclass(value):
            changes[item.name] = shifted(value, offset)
        elif isinstance(value, tuple) and value and is_dataclass(value[0]):
            changes[item.name] = tuple(shifted(element, offset) for element in value)
    return replace(fact, **changes)


def with_text_from(fact: Any, text: str) -> Any:
    """`fact` with the `text` of every span in it, nested ones included, read from `text` at its
    offsets: facts found in the masked text never carry its blanks."""
    changes = {}
    for item in fields(fact):
        value = getattr(fact, item.name)
        if is_dataclass(value):
            changes[item.name] = with_text_from(value, text)
        elif isinstance(value, tuple) and value and is_dataclass(value[0]):
            changes[item.name] = tuple(with_text_from(element, text) for element in value)
    start, end = getattr(fact, "start", None), getattr(fact, "end", None)
    if isinstance(getattr(fact, "text", None), str) and isinstance(start, int) and end is not None:
        changes["text"] = text[start:end]
    return replace(fact, **changes) if changes else fact


def to_json(fact: Any) -> Any:
    """The JSON-ready form of a fact: dicts, lists and scalars, in field order."""
    if is_dataclass(fact):
        return {f.name: to_json(getattr(fact, f.name)) for f in fields(fact)}
    if isinstance(fact, tuple | list):
        return [to_json(item) for item in fact]
    if isinstance(fact, float) and fact.is_integer():
        return int(fact)
    return fact


def article_json(article: Article) -> dict[str, Any]:
    """The output object of one article, `schema` first as the contract shows it."""
    data = to_json(article)
    for optional in ("meta", "text"):  # plain-text records stay as they were without them
        if data[optional] is None:
            del data[optional]
    return {"schema": data.pop("schema"), **data}
