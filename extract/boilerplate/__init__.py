"""Marks page furniture (menus, link lists, galleries, pleas, teasers) without changing text.

The text is read through its layout (`extract/layout.py`): blocks are lines, or the sentences of
a line too long to be one paragraph. Phrase rows (`patterns/boilerplate.jsonl`, `rules.py`) mark
the blocks they match, or only the matched sentences inside a paragraph; shape rules
(`galleries.py`, `lists.py`) mark icon lists, galleries, menus, link lists, repeated buttons and
unrelated teasers; `zone.py` then finds the article's densest run of prose and marks the
furniture around it. Ranges are merged at the end. A block that holds sentences of prose is
never taken whole by a shape rule: when unsure, keep.
"""

from __future__ import annotations

import re

from ..facts import Boilerplate
from ..layout import layout_of
from .galleries import icon_lists, mark_galleries, repeated_captions
from .lists import mark_link_lists, mark_menu_gaps, mark_repeated_lines, mark_teasers, mark_ui_lines
from .rules import holds_prose_sentences, phrase_rules, phrase_sentences
from .zone import mark_outside_zone

__all__ = ["MAX_JOINED_CHARS", "find_boilerplate", "mask"]

MAX_JOINED_CHARS = 2000
_NOT_NEWLINE = re.compile(r"[^\n]")


def find_boilerplate(text: str) -> list[Boilerplate]:
    """Ranges of `text` that are not article content, in order, not overlapping."""
    layout = layout_of(text)
    lines = list(layout.blocks)
    if not lines:
        return []
    rules = phrase_rules()
    marks: dict[int, tuple[int, int, str]] = {}  # line index -> (start, end, reason)

    def mark(index: int, reason: str, start: int | None = None, end: int | None = None) -> None:
        line = lines[index]
        if index not in marks:
            marks[index] = (line.start if start is None else start, end or line.end, reason)

    # Parts of blocks: a plea sentence inside a paragraph, the captions of a one-line gallery.
    parts = phrase_sentences(lines, rules, mark, layout.unbroken_lines)
    parts += repeated_captions(text, lines) + icon_lists(layout.lines)

    def guarded(sure: bool):
        """`mark` for a shape rule: it never takes a whole block that holds article prose.
        Rules `sure` of their evidence (a gallery's repeated captions, a teaser's header and
        foreign vocabulary) may, in text with line breaks, where a block is one paragraph."""

        def mark_shape(index: int, reason: str, start: int | None = None, end: int | None = None):
            block = lines[index]
            unbroken = block.line in layout.unbroken_lines
            if start is None and (unbroken or not sure) and holds_prose_sentences(block, unbroken):
                return
            mark(index, reason, start, end)

        return mark_shape

    mark_galleries(lines, marks, guarded(sure=True))
    mark_ui_lines(lines, rules, marks, guarded(sure=False))
    mark_link_lists(lines, rules, marks, guarded(sure=False))
    mark_repeated_lines(lines, guarded(sure=False))
    mark_menu_gaps(lines, marks, guarded(sure=False))
    mark_teasers(lines, rules, marks, guarded(sure=True))
    mark_outside_zone(lines, marks, mark)
    return _merge(text, sorted([*marks.values(), *parts]))


def mask(text: str, ranges: list[Boilerplate]) -> str:
    """`text` with every boilerplate character but newlines turned into a space.

    The length is unchanged, so offsets into the masked text are offsets into the original.
    """
    if not ranges:
        return text
    parts = []
    position = 0
    for item in ranges:
        parts.append(text[position : item.start])
        parts.append(_NOT_NEWLINE.sub(" ", text[item.start : item.end]))
        position = item.end
    parts.append(text[position:])
    return "".join(parts)


def _merge(text: str, marks: list[tuple[int, int, str]]) -> list[Boilerplate]:
    """Ranges in order. Overlapping ones become one, with the reason of the first; so do ranges
    with the same reason that only whitespace separates (the lines of one gallery), up to
    MAX_JOINED_CHARS: a range never grows to the size of an article."""
    merged: list[list] = []
    for start, end, reason in marks:
        if merged and (
            start < merged[-1][1]
            or (
                reason == merged[-1][2]
                and not text[merged[-1][1] : start].strip()
                and end - merged[-1][0] <= MAX_JOINED_CHARS
            )
        ):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end, reason])
    return [Boilerplate(start, end, reason) for start, end, reason in merged]
