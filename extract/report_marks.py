"""Marking an article's facts in its text: elements nested properly, whatever overlaps."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, replace
from html import escape

from .facts import Article
from .report_common import percentage_tip

PALETTE_SIZE = 8  # speaker colours in report.css: .sp0 … .sp7


def attr(value: object) -> str:
    return escape(str(value), quote=True)


# Marks that share a start open outermost first: furniture, quotes, their speaker and cue, facts.
LAYER_BOILERPLATE, LAYER_QUOTE, LAYER_ATTRIBUTION, LAYER_FACT = range(4)


@dataclass(frozen=True)
class Mark:
    """One element to wrap around `text[start:end]`."""

    start: int
    end: int
    layer: int
    tag: str
    attrs: tuple[tuple[str, str], ...]
    continued: bool = False  # a later piece of a mark cut where it crossed an enclosing one

    def open_tag(self) -> str:
        attrs = self.attrs
        if self.continued:  # a piece after the first: styled alike, but no id and no fact index
            attrs = tuple((k, v) for k, v in attrs if k not in ("id", "data-index", "tabindex"))
            attrs += (("data-cont", ""),)
        text = "".join(f' {name}="{attr(value)}"' for name, value in attrs)
        if self.layer == LAYER_BOILERPLATE:
            return _boilerplate_open(self, text)
        return f"<{self.tag}{text}>"

    def close_tag(self) -> str:
        return "</span></span>" if self.layer == LAYER_BOILERPLATE else f"</{self.tag}>"


def _boilerplate_open(mark: Mark, attrs: str) -> str:
    """Furniture: greyed, hidden behind a button that names the reason and shows it."""
    if mark.continued:
        return f'<span{attrs}><span class="boiler-text">'
    values = dict(mark.attrs)
    body = f"{values['id']}-text"
    return (
        f'<span{attrs}><button type="button" class="boiler-toggle" aria-expanded="false" '
        f'aria-controls="{attr(body)}">skipped: {escape(values["data-reason"])}</button>'
        f'<span class="boiler-text" id="{attr(body)}" hidden>'
    )


def text_html(text: str) -> str:
    """`text` escaped; a carriage return as a reference, which HTML parsing would turn into a
    line feed, so that each element's text stays the article's text exactly."""
    return escape(text, quote=False).replace("\r", "&#13;")


def speaker_colours(article: Article) -> dict[str | None, str]:
    """A colour class per speaker, in the order their first quote appears."""
    colours: dict[str | None, str] = {}
    for quote in article.quotes:
        if quote.speaker is None:
            colours[None] = "sp-none"
        elif quote.speaker not in colours:
            colours[quote.speaker] = f"sp{sum(k is not None for k in colours) % PALETTE_SIZE}"
    return colours


def article_marks(article: Article) -> list[Mark]:
    """Every element of the page's text: furniture, quotes with speaker and cue, facts."""
    colours = speaker_colours(article)
    marks = [
        Mark(b.start, b.end, LAYER_BOILERPLATE, "span",
             (("class", "boiler"), ("id", f"b{n}"), ("data-reason", b.reason)))
        for n, b in enumerate(article.boilerplate)
    ]  # fmt: skip
    attributions: dict[tuple, Mark] = {}
    for n, quote in enumerate(article.quotes):
        colour = colours[quote.speaker]
        who = quote.speaker or "unattributed"
        marks.append(
            Mark(quote.start, quote.end, LAYER_QUOTE, "span",
                 (("class", f"quote {colour}"), ("id", f"q{n}"), ("data-fact", "quote"),
                  ("data-index", str(n)), ("data-tip", f"{who} · {quote.kind}")))
        )  # fmt: skip
        for role, span in (("mention", quote.speaker_mention), ("cue", quote.cue)):
            if span is not None and (role, span.start, span.end) not in attributions:
                attributions[(role, span.start, span.end)] = Mark(
                    span.start, span.end, LAYER_ATTRIBUTION, "span",
                    (("class", f"{role} {colour}"), ("data-fact", role), ("data-quote", str(n))),
                )  # fmt: skip
    marks += attributions.values()
    marks += [
        _fact_mark(d, "date", f"d{n}", str(n), d.value or "date not resolved")
        for n, d in enumerate(article.dates)
    ]
    marks += [
        _fact_mark(p, "percentage", f"p{n}", str(n), percentage_tip(p))
        for n, p in enumerate(article.percentages)
    ]
    for i, place in enumerate(article.places):
        where = " · ".join(x for x in (place.name, place.country_code, place.type) if x)
        marks += [
            _fact_mark(m, "place", f"l{i}-{j}", f"{i}.{j}", where)
            for j, m in enumerate(place.mentions)
        ]
    return [mark for mark in marks if mark.end > mark.start]


def _fact_mark(span, kind: str, ident: str, index: str, tip: str) -> Mark:
    attrs = (("class", kind), ("id", ident), ("data-fact", kind), ("data-index", index))
    return Mark(
        span.start, span.end, LAYER_FACT, "mark", (*attrs, ("tabindex", "0"), ("data-tip", tip))
    )


def marked_paragraphs(text: str, marks: list[Mark]) -> list[str]:
    """The HTML of `text` with `marks` nested properly, one string per paragraph.

    A mark that crosses the end of an enclosing one is cut there and goes on as a continued
    piece after it. Paragraphs break at line breaks outside every mark.
    """
    queue = [(m.start, -m.end, m.layer, n, m) for n, m in enumerate(marks)]
    heapq.heapify(queue)
    counter = len(queue)
    paragraphs: list[list[str]] = [[]]
    stack: list[Mark] = []
    position = 0

    def emit_text(until: int) -> None:
        nonlocal position
        segment = text[position:until]
        position = until
        if stack:
            paragraphs[-1].append(text_html(segment))
            return
        lines = segment.split("\n")
        paragraphs[-1].append(text_html(lines[0]))
        for line in lines[1:]:
            paragraphs.append([text_html(line)])

    while queue or stack:
        next_start = queue[0][0] if queue else len(text) + 1
        if stack and stack[-1].end <= next_start:
            emit_text(stack[-1].end)
            paragraphs[-1].append(stack.pop().close_tag())
            continue
        mark = heapq.heappop(queue)[4]
        emit_text(max(mark.start, position))
        if stack and mark.end > stack[-1].end:
            rest = replace(mark, start=stack[-1].end, continued=True)
            heapq.heappush(queue, (rest.start, -rest.end, rest.layer, counter, rest))
            counter += 1
            mark = replace(mark, end=stack[-1].end)
        paragraphs[-1].append(mark.open_tag())
        stack.append(mark)
    emit_text(len(text))
    return ["".join(parts) for parts in paragraphs if "".join(parts).strip()]
