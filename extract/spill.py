"""A huge text's record kept on disk while its pieces are read, and written as one JSON line.

Holding every fact of a 50 MB text, then its JSON dicts, then its JSON string, would take about
17 MB of memory per MB of text. Instead each piece's quotes, dates and percentages (offsets
already moved to the whole text) go to a temporary file per field as the piece comes back; only
what must be merged across pieces (speakers and places, by name) stays in memory. The record is
then written by streaming those facts into the line: the same bytes as `json_line` of the whole
`Article`, with at most one piece's facts in memory at once.
"""

from __future__ import annotations

import json
import pickle
import tempfile
from collections import Counter
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field, replace
from typing import IO, Any, TextIO

from .extractor import PendingArticle, place_key
from .facts import Article, Place, Speaker, article_json, to_json, with_text_from

# The fields written to disk piece by piece: lists whose length grows with the text, and that
# need no merging across pieces.
SPILLED_FIELDS = ("quotes", "dates", "percentages")
# The fields merged across pieces (by name): kept in memory without their mentions, which are
# spilled like the facts above, as (key, mentions) pairs.
MENTIONED_FIELDS = ("speakers", "places")
# At most about this many mentions are read back into memory at once when the record is written.
MENTIONS_PER_PASS = 100_000
# The article text (web pages, --with-text) is encoded this many characters at a time.
TEXT_CHUNK_CHARS = 1 << 20
MAX_MENTIONS = 1 << 62  # no bound: all at once


class FactStore:
    """One temporary file per spilled field, holding each piece's facts in turn."""

    def __init__(self) -> None:
        # Unnamed files, gone when closed or when the process ends, however it ends.
        self.files: dict[str, IO[bytes]] = {
            name: tempfile.TemporaryFile(prefix="extract-huge-")  # noqa: SIM115 (see close)
            for name in (*SPILLED_FIELDS, *MENTIONED_FIELDS)
        }

    def append(self, facts: dict[str, tuple]) -> None:
        for name, file in self.files.items():
            pickle.dump(facts[name], file, protocol=pickle.HIGHEST_PROTOCOL)

    def facts(self, name: str) -> Iterator[Any]:
        """The facts of field `name`, piece after piece, read back one piece at a time."""
        file = self.files[name]
        file.flush()
        file.seek(0)
        while True:
            try:
                piece = pickle.load(file)
            except EOFError:
                return
            yield from piece

    def mentions(self, name: str, keys: set[Hashable] | None = None) -> dict[Hashable, list]:
        """The mentions of the speakers or places (field `name`) whose keys are in `keys` (all
        without them), in the order of the text."""
        found: dict[Hashable, list] = {}
        for key, mentions in self.facts(name):
            if keys is None or key in keys:
                found.setdefault(key, []).extend(mentions)
        return found

    def close(self) -> None:
        for file in self.files.values():
            file.close()


def mention_key(fact: Speaker | Place) -> Hashable:
    """What speakers and places of several pieces are merged by."""
    return fact.name if isinstance(fact, Speaker) else place_key(fact)


@dataclass
class SpillingArticle(PendingArticle):
    """A `PendingArticle` whose pieces' growing fact lists go to a `FactStore` as they come."""

    store: FactStore = field(default_factory=FactStore)
    # Mentions per speaker and place: the order of places (most mentioned first) depends on it.
    counts: Counter[Hashable] = field(default_factory=Counter)

    def add(self, part: Article) -> None:
        super().add(part)
        whole = self.parts[-1]
        text = self.item.text
        facts = {
            name: tuple(with_text_from(fact, text) for fact in getattr(whole, name))
            for name in SPILLED_FIELDS
        }
        for name in MENTIONED_FIELDS:
            found = getattr(whole, name)
            facts[name] = tuple(
                (mention_key(fact), tuple(with_text_from(m, text) for m in fact.mentions))
                for fact in found
            )
            for fact in found:
                self.counts[mention_key(fact)] += len(fact.mentions)
        self.store.append(facts)
        self.parts[-1] = replace(
            whole,
            quotes=(),
            dates=(),
            percentages=(),
            speakers=tuple(replace(speaker, mentions=()) for speaker in whole.speakers),
            places=tuple(replace(place, mentions=()) for place in whole.places),
        )

    def spilled(self, with_text: bool = False) -> SpilledArticle:
        """The finished record: in memory but for the spilled facts and mentions."""
        shell = self.assembled(with_text)
        # Stable, as in the merge: places equally often mentioned stay in the text's order.
        places = sorted(shell.places, key=lambda place: -self.counts[place_key(place)])
        return SpilledArticle(replace(shell, places=tuple(places)), self.store, self.counts)


@dataclass
class SpilledArticle:
    """An article's record whose quotes, dates and percentages, and the mentions of its speakers
    and places, are in `store`, not in `shell` (where they are empty). `close` removes the
    temporary files."""

    shell: Article
    store: FactStore
    counts: Counter[Hashable]

    @property
    def source(self) -> str | None:
        return self.shell.source

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.shell.warnings

    def article(self) -> Article:
        """The whole record in memory, for the renderings that need it (table, CSV, HTML)."""
        facts = self.store.facts
        return replace(
            self.shell,
            quotes=tuple(facts("quotes")),
            dates=tuple(facts("dates")),
            percentages=tuple(facts("percentages")),
            speakers=tuple(self._with_mentions("speakers", MAX_MENTIONS)),
            places=tuple(self._with_mentions("places", MAX_MENTIONS)),
        )

    def write_json(self, out: TextIO, indent: int | None = None, level: int = 0) -> None:
        """The record as `json.dumps(article_json(record), ensure_ascii=False, indent=indent)`
        writes it (no newline after), its lines after the first indented by `level` indents
        more; a fact at a time."""
        layout = _Layout(indent, level)
        out.write("{")
        for number, (key, value) in enumerate(article_json(self.shell).items()):
            out.write(f"{layout.before(number, 1)}{json.dumps(key)}: ")
            if key in SPILLED_FIELDS:
                self._write_list(out, self.store.facts(key), layout)
            elif key in MENTIONED_FIELDS:
                self._write_list(out, self._with_mentions(key, MENTIONS_PER_PASS), layout)
            elif key == "text":
                _write_string(out, value)
            else:
                out.write(layout.dumps(value, 1))
        out.write(layout.after(1) + "}")

    def _with_mentions(self, name: str, per_pass: int) -> Iterator[Any]:
        """The speakers or places (field `name`) with their mentions, read back for as many of
        them at a time as have about `per_pass` mentions."""
        batch: list[Any] = []
        mentions = 0
        for fact in (*getattr(self.shell, name), None):
            count = 0 if fact is None else self.counts[mention_key(fact)]
            if batch and (fact is None or mentions + count > per_pass):
                found = self.store.mentions(name, {mention_key(item) for item in batch})
                for done in batch:
                    yield replace(done, mentions=tuple(found.get(mention_key(done), ())))
                batch, mentions = [], 0
            if fact is not None:
                batch.append(fact)
                mentions += count

    @staticmethod
    def _write_list(out: TextIO, facts: Iterator[Any], layout: _Layout) -> None:
        out.write("[")
        number = -1
        for number, fact in enumerate(facts):
            out.write(layout.before(number, 2) + layout.dumps(to_json(fact), 2))
        out.write((layout.after(2) if number >= 0 else "") + "]")

    def close(self) -> None:
        self.store.close()


@dataclass(frozen=True)
class _Layout:
    """Where `json.dumps` puts separators and line breaks, on one line or with `indent`, for a
    value `depth` levels into a record that itself sits `level` levels deep."""

    indent: int | None
    level: int

    def before(self, number: int, depth: int) -> str:
        """What comes before item `number` (from 0) of a list or object."""
        if self.indent is None:
            return ", " if number else ""
        return ("," if number else "") + self._break(depth)

    def after(self, depth: int) -> str:
        """What comes after the last item, before the closing bracket."""
        return "" if self.indent is None else self._break(depth - 1)

    def dumps(self, value: Any, depth: int) -> str:
        text = json.dumps(value, ensure_ascii=False, indent=self.indent)
        # Literal line breaks are json.dumps's own: those inside strings are escaped.
        return text if self.indent is None else text.replace("\n", self._break(depth))

    def _break(self, depth: int) -> str:
        return "\n" + " " * ((self.indent or 0) * (self.level + depth))


def _write_string(out: TextIO, text: str) -> None:
    """`text` as a JSON string, encoded a chunk at a time (JSON escapes each character alone)."""
    out.write('"')
    for start in range(0, len(text), TEXT_CHUNK_CHARS):
        out.write(json.dumps(text[start : start + TEXT_CHUNK_CHARS], ensure_ascii=False)[1:-1])
    out.write('"')
