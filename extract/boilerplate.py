"""Marks page furniture (icon lists, galleries, pleas, link lists, teasers) without changing text."""

from __future__ import annotations

import re

from .facts import Boilerplate

_NOT_NEWLINE = re.compile(r"[^\n]")


def find_boilerplate(text: str) -> list[Boilerplate]:
    """Ranges of `text` that are not article content, in order, not overlapping."""
    return []


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
