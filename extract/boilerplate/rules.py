"""The phrase rows of `patterns/boilerplate.jsonl`, and the sentences they mark."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..layout import Block, is_prose, sentences
from ..patterns import load_patterns

# Words that go on a clause: no capital, up to a final full stop.
_CLAUSE_TAIL = re.compile(r"(?:\s+(?![A-Z\"“‘'(\[])\S+)*")


@dataclass(frozen=True)
class Rules:
    lines: tuple[tuple[re.Pattern[str], str], ...]
    blocks: tuple[tuple[re.Pattern[str], re.Pattern[str], int, str], ...]
    list_headers: tuple[tuple[re.Pattern[str], str], ...]
    teaser_headers: tuple[tuple[re.Pattern[str], str], ...]
    ui_words: frozenset[str]
    ui_reason: str


@cache
def phrase_rules() -> Rules:
    """The phrase rules of `patterns/boilerplate.jsonl`, compiled once per process."""
    lines, blocks, list_headers, teaser_headers = [], [], [], []
    ui_words: frozenset[str] = frozenset()
    ui_reason = "user interface"
    for row in load_patterns("boilerplate"):
        kind, reason = row["kind"], row["reason"]
        if kind == "line":
            lines.append((re.compile(row["pattern"], re.IGNORECASE), reason))
        elif kind == "block":
            start = re.compile(row["start"], re.IGNORECASE)
            until = re.compile(row["until"], re.IGNORECASE)
            blocks.append((start, until, row["max_lines"], reason))
        elif kind == "list_header":
            list_headers.append((re.compile(row["pattern"]), reason))
        elif kind == "teaser_header":
            teaser_headers.append((re.compile(row["pattern"], re.IGNORECASE), reason))
        elif kind == "ui_words":
            ui_words, ui_reason = frozenset(row["words"]), reason
        else:
            raise ValueError(f"patterns/boilerplate.jsonl: unknown kind {kind!r}")
    return Rules(
        tuple(lines), tuple(blocks), tuple(list_headers), tuple(teaser_headers), ui_words, ui_reason
    )


def phrase_sentences(
    lines: list[Block], rules: Rules, mark, unbroken: frozenset[int]
) -> list[tuple[int, int, str]]:
    """Marks the blocks that a phrase row matches. In a paragraph, and in text without line
    breaks, only the sentences or clauses a row matches are furniture: those are returned."""
    parts: list[tuple[int, int, str]] = []
    for index, line in enumerate(lines):
        if line.line in unbroken:
            pieces = [(piece, _phrase_reason(piece.text, rules)) for piece in sentences(line)]
            parts.extend(_plea_part(piece, rules, True) for piece, found in pieces if found)
        elif (reason := _phrase_reason(line.text, rules)) is not None:
            parts.extend(_matched_sentences(index, line, reason, rules, mark))
        for start, until, max_lines, block_reason in rules.blocks:
            if not start.search(line.text):
                continue
            window = range(index, min(index + max_lines, len(lines)))
            end = next((i for i in window if until.search(lines[i].text)), index)
            for covered in range(index, end + 1):
                mark(covered, block_reason)
    return parts


def _matched_sentences(index: int, line: Block, reason: str, rules: Rules, mark) -> list:
    """Marks the line a row matched, unless it is a paragraph (prose beside the matched
    sentences): then the matched sentences, and none if the match ran over two of them."""
    pieces = [(piece, _phrase_reason(piece.text, rules)) for piece in sentences(line)]
    matched = [piece for piece, found in pieces if found]
    if holds_prose_sentences(line, False) or (
        matched and any(found is None and is_prose(piece) for piece, found in pieces)
    ):
        return [_plea_part(piece, rules, False) for piece in matched]
    mark(index, reason)
    return []


def _plea_part(piece: Block, rules: Rules, unbroken: bool) -> tuple[int, int, str]:
    """The sentence a row matched; when that sentence reads as prose, or the text has no line
    breaks (the plea may run into the article with no full stop between), the clause the row
    matched, carried on over the words in lower case that follow it: a capital starts what may
    be the next line."""
    if not unbroken and not is_prose(piece):
        return piece.start, piece.end, _phrase_reason(piece.text, rules) or ""
    for pattern, reason in rules.lines:
        found = pattern.search(piece.text)
        if found:
            tail = _CLAUSE_TAIL.match(piece.text, found.end())
            assert tail is not None  # the tail pattern also matches the empty string
            return piece.start + found.start(), piece.start + tail.end(), reason
    return piece.start, piece.start, ""


def holds_prose_sentences(block: Block, unbroken: bool) -> bool:
    """Whether `block` holds article prose beside whatever else: two sentences of prose (a
    paragraph), or in text without line breaks (`unbroken`), where furniture runs into the
    article, any sentence of prose."""
    prose = sum(is_prose(piece) for piece in sentences(block))
    return prose >= 2 or (unbroken and prose >= 1)


def _phrase_reason(text: str, rules: Rules) -> str | None:
    return next((reason for pattern, reason in rules.lines if pattern.search(text)), None)
