"""Reading a rendered page back: the text of every element that marks a fact."""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser

VOID = {"meta", "br", "img", "input", "link", "hr", "wbr"}


class FactElements(HTMLParser):
    """Collects, for each (data-fact, data-index), the text content of the elements carrying it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, tuple[str, str] | None]] = []
        self.found: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.texts: dict[int, list[str]] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in VOID:
            return
        values = dict(attrs)
        key = None
        if "data-fact" in values and "data-index" in values:
            key = (values["data-fact"], values["data-index"])
            self.texts[len(self.open)] = []
        self.open.append((tag, key))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.open and self.open[-1][0] == tag, (tag, self.open[-3:])
        _, key = self.open.pop()
        if key is not None:
            self.found[key].append("".join(self.texts.pop(len(self.open))))

    def handle_data(self, data):
        for parts in self.texts.values():
            parts.append(data)


def fact_elements(page: str) -> FactElements:
    parser = FactElements()
    parser.feed(page)
    parser.close()
    assert not parser.open, parser.open
    return parser


def expected_facts(article: dict) -> dict[tuple[str, str], str]:
    """(kind, index) → text for every quote, date, percentage and place mention of a record."""
    expected = {("quote", str(n)): q["text"] for n, q in enumerate(article["quotes"])}
    expected |= {("date", str(n)): d["text"] for n, d in enumerate(article["dates"])}
    expected |= {("percentage", str(n)): p["text"] for n, p in enumerate(article["percentages"])}
    for i, place in enumerate(article["places"]):
        expected |= {("place", f"{i}.{j}"): m["text"] for j, m in enumerate(place["mentions"])}
    return expected
