"""Icon lists and photo galleries: captions that repeat their opening words."""

from __future__ import annotations

import re

from ..nlp.layout import LONG_LINE_CHARS, WORD, Block
from .shapes import CLOSED_LINE, DIGIT, is_credit_like, is_results_line

_ALPHA_WORD = re.compile(r"[A-Za-z]+")
# An item of an icon list: "Calendar An icon of a desk calendar." The label starts the item.
_ICON_ITEM = re.compile(r"(?:[A-Z][\w'’-]*\s+){1,4}(?:An?|The)\s+icon\b")
_ICON_WORD = re.compile(r"\bicons?\b", re.IGNORECASE)
_MIN_ICONS = 3
# Galleries: at least this many captions starting with the same words, close together.
_GALLERY_KEY_WORDS = 4
GALLERY = "photo gallery"  # the reason, shared with the "Show all 50" header pattern
_GALLERY_MIN_ITEMS = 4
_GALLERY_MAX_GAP = 3
# In text without line breaks: a phrase of this many words recurring within this many characters.
_CAPTION_PHRASE_WORDS = 4
_CAPTION_MAX_GAP = 600


def icon_lists(lines: tuple[Block, ...]) -> list[tuple[int, int, str]]:
    """From the first item of an icon list to the end of its last item, not the whole line."""
    found = []
    for line in lines:
        icons = list(_ICON_WORD.finditer(line.text))
        first = _ICON_ITEM.search(line.text)
        if len(icons) < _MIN_ICONS or not first:
            continue
        # Real content after the list's last sentence, on the same line, stays unmarked.
        last_period = line.text.find(".", icons[-1].end())
        end = line.end if last_period < 0 else line.start + last_period + 1
        found.append((line.start + first.start(), end, "icon list"))
    return found


def repeated_captions(text: str, lines: list[Block]) -> list[tuple[int, int, str]]:
    """In text without line breaks, a gallery shows as one phrase repeated at short intervals
    ("UK news in pictures 1 March ... UK news in pictures 28 February ..."): each caption runs
    from one occurrence to the next, the last to the end of its sentence."""
    long_lines = [block for block in lines if len(block.text) > LONG_LINE_CHARS]
    captions = []
    taken: list[list[int]] = []
    # Overlapping phrases of one gallery ("uk news in pictures", "news in pictures february"):
    # the one repeated most gives the captions.
    for run in sorted(_phrase_runs(text) if long_lines else (), key=len, reverse=True):
        if any(run[0] <= other[-1] and other[0] <= run[-1] for other in taken):
            continue
        taken.append(run)
        last = next((b for b in lines if b.start <= run[-1] < b.end), None)
        ends = [*run[1:], last.end if last else run[-1]]
        for start, end in zip(run, ends, strict=True):
            captions.append((start, start + len(text[start:end].rstrip()), GALLERY))
    return captions


def _phrase_runs(text: str) -> list[list[int]]:
    """Stretches where one phrase of _CAPTION_PHRASE_WORDS words recurs at least
    _GALLERY_MIN_ITEMS times, each within _CAPTION_MAX_GAP characters of the last."""
    words = list(WORD.finditer(text))
    positions: dict[tuple[str, ...], list[int]] = {}
    for index in range(len(words) - _CAPTION_PHRASE_WORDS + 1):
        key = tuple(w.group().lower() for w in words[index : index + _CAPTION_PHRASE_WORDS])
        positions.setdefault(key, []).append(words[index].start())
    runs = []
    for starts in positions.values():
        if len(starts) < _GALLERY_MIN_ITEMS:
            continue
        run = [starts[0]]
        for start in [*starts[1:], None]:
            if start is not None and start - run[-1] <= _CAPTION_MAX_GAP:
                run.append(start)
                continue
            if len(run) >= _GALLERY_MIN_ITEMS:
                runs.append(run)
            run = [start] if start is not None else []
    return runs


def _gallery_key(line: Block) -> str | None:
    """The words a caption starts with, which every caption of a gallery repeats: those before
    its date ("UK news in pictures 1 March ..."), else its first four words."""
    if is_results_line(line) or len(line.words) <= _GALLERY_KEY_WORDS:
        return None
    before_digit = _ALPHA_WORD.findall(DIGIT.split(line.text, maxsplit=1)[0])
    if len(before_digit) >= 2:
        return " ".join(before_digit).lower()
    words = _ALPHA_WORD.findall(line.text)
    if len(words) < _GALLERY_KEY_WORDS:
        return None
    return " ".join(words[:_GALLERY_KEY_WORDS]).lower()


def mark_galleries(lines: list[Block], marks: dict, mark) -> None:
    """Runs of captions that start with the same words, with credit lines between them."""
    positions: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        key = _gallery_key(line)
        if key:
            positions.setdefault(key, []).append(index)
    for indexes in positions.values():
        run = [indexes[0]]
        for following in [*indexes[1:], None]:
            if following is not None and following - run[-1] <= _GALLERY_MAX_GAP:
                run.append(following)
                continue
            if len(run) >= _GALLERY_MIN_ITEMS and _mostly_unpunctuated(lines, run):
                _mark_gallery_run(lines, run, marks, mark)
            run = [following] if following is not None else []


def _mostly_unpunctuated(lines: list[Block], run: list[int]) -> bool:
    """Captions mostly lack a final full stop; paragraphs that start alike have one."""
    unpunctuated = sum(not CLOSED_LINE.search(lines[index].text) for index in run)
    return unpunctuated * 2 > len(run)


def _mark_gallery_run(lines: list[Block], run: list[int], marks: dict, mark) -> None:
    # A gallery header ("Show all 50") just before the captions starts the gallery.
    first = run[0]
    for before in range(max(run[0] - _GALLERY_MAX_GAP, 0), run[0]):
        if marks.get(before, (0, 0, ""))[2] == GALLERY:
            first = before
            break
    for index in range(first, run[-1] + 1):
        mark(index, GALLERY)
    # The last caption is followed by as many lines (credits) as the one before it.
    last_gap = run[-1] - run[-2]
    for index in range(run[-1] + 1, min(run[-1] + last_gap, len(lines))):
        if not is_credit_like(lines[index]):
            break
        mark(index, GALLERY)
