"""The article's zone on a page: the densest run of prose blocks, and the furniture around it.

Each block of the layout gets a class the way jusText classes paragraphs: *prose* (long, ends a
sentence, many stop words; in another language length and punctuation), *near-good* (a sentence
of names and figures with few stop words), *short* (a short sentence or a separator: either
side's) or *furniture* (a menu entry, a headline, a count; or already marked by a rule). Prose
counts its words, less when no running text stands beside it (a teaser's blurb); furniture
costs. The zone is the run of blocks with the largest sum (Kadane's scan), so a list or a menu
between two stretches of prose ends the article only when the prose beyond it is slighter.

Outside the zone, what is not prose is furniture, and so is prose whose own stretch is slight
next to the zone's (blurbs, comments) unless it sits a few blocks from it, and all prose past a
comment section's header. A clean article's head (headline, date) and last few lines, and a
page's headline just above the zone, are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..layout import PROSE_MIN_WORDS, Block, is_headline, is_prose

# A block of prose counts its words; any other block costs this much plus a share of its words.
_SHORT_COST = 4.0
_SHORT_WORD_COST = 0.5
_MARKED_COST = 1.0
# Below this share of English stop words in its longer blocks, a page is in another language.
_ENGLISH_MIN_STOP_SHARE = 0.15
# The zone needs this much prose before anything around it is dropped: a short note is all article.
_ZONE_MIN_WORDS = 60
_COMMENTS = "comments"  # the reason of the comment section's header rows
# A head of at most this many blocks (headline, standfirst, byline, date) above the zone, with
# nothing else but marked furniture, is a clean article's: it is kept.
_HEAD_BLOCKS = 8
_TAIL_BLOCKS = 4
# Prose with no running text beside it counts for this share of its words.
_ISOLATED_PROSE_SHARE = 0.2
# Prose outside the zone is dropped when its own run scores under this share of the zone's.
_SLIGHT_RUN_SHARE = 0.5
# Prose this many blocks from the zone, no marked furniture between, stays with the article.
_NEAR_ZONE_BLOCKS = 6
# Times and counts standing alone, for the reason given: "2 hours ago", "10:42 pm", "1.2K".
_TIME_OR_COUNT = re.compile(
    r"^(?:\d+[\d.,:]*\s*[kKmM]?|(\d+|an?) (sec|min|hour|hr|day|week|month|year)s? ago"
    r"|\d{1,2}:\d{2}\s*([ap]\.?m\.?)?( [A-Z]{2,4})?)$",
    re.IGNORECASE,
)

Mark = Callable[..., None]


def mark_outside_zone(blocks: Sequence[Block], marks: dict[int, tuple], mark: Mark) -> None:
    """Mark the blocks outside the article's zone: those that are not prose, and the prose of
    stretches far slighter than the article (teaser blurbs between headlines, comments)."""
    weights, prose = _weights(blocks, marks)
    # Comments come after the article: past their header, no prose is the article's.
    wall = _comments_wall(blocks, marks, prose)
    zone = _densest_run(weights[:wall])
    if zone is None or zone[2] < _ZONE_MIN_WORDS:
        return
    first, last, score = zone
    # Short sentences at either end belong to the article they touch ("He declined to comment.").
    while first > 0 and weights[first - 1] == 0 and first - 1 not in marks:
        first -= 1
    while last + 1 < len(blocks) and weights[last + 1] == 0 and last + 1 not in marks:
        last += 1
    # Each block outside the zone scores as the best run of its own stretch.
    outside = _stretch_scores(weights[:first]) + [score] * (last + 1 - first)
    outside += _stretch_scores(weights[last + 1 :])
    head = _head(blocks, marks, first)
    # Likewise a clean article's last lines (a list, a credit) with nothing else after them.
    if sum(index not in marks for index in range(last + 1, len(blocks))) <= _TAIL_BLOCKS:
        last = len(blocks) - 1
    near = _near_zone(len(blocks), marks, first, last)
    for index, block in enumerate(blocks):
        if head <= index <= last or index in marks:
            continue
        if (
            prose[index]
            and index < wall
            and (index in near or outside[index] >= _SLIGHT_RUN_SHARE * score)
        ):
            continue
        mark(index, _reason(block))


def _comments_wall(blocks: Sequence[Block], marks: dict[int, tuple], prose: list[bool]) -> int:
    """The index of the first comments header that follows a zone's worth of prose, else the
    number of blocks."""
    words = 0
    for index, block in enumerate(blocks):
        if words >= _ZONE_MIN_WORDS and marks.get(index, (0, 0, ""))[2] == _COMMENTS:
            return index
        words += len(block.words) if prose[index] else 0
    return len(blocks)


def _near_zone(count: int, marks: dict[int, tuple], first: int, last: int) -> set[int]:
    """Blocks a few places from the zone with no marked furniture between: prose there is the
    article's own (an embedded post, a last paragraph after a caption)."""
    near = set()
    for step, edge in ((-1, first), (1, last)):
        index = edge + step
        while 0 <= index < count and abs(index - edge) <= _NEAR_ZONE_BLOCKS and index not in marks:
            near.add(index)
            index += step
    return near


def _weights(blocks: Sequence[Block], marks: dict[int, tuple]) -> tuple[list[float], list[bool]]:
    """Each block's weight, and whether it is running text (prose, or a sentence of names and
    figures with few stop words: jusText's "near-good")."""
    english = _reads_as_english(blocks)
    prose = [is_prose(block, english=english) for block in blocks]
    near = [
        not prose[i] and len(block.words) >= PROSE_MIN_WORDS and block.ends_sentence
        for i, block in enumerate(blocks)
    ]
    running = [a or b for a, b in zip(prose, near, strict=True)]
    weights = []
    for index, block in enumerate(blocks):
        if index in marks:
            weight = -_MARKED_COST
        elif prose[index]:
            weight = float(len(block.words))
            # jusText's context: prose with no running text beside it (a teaser's blurb between
            # its headline and its date) counts for less.
            if not (index > 0 and running[index - 1]) and not (
                index + 1 < len(blocks) and running[index + 1]
            ):
                weight *= _ISOLATED_PROSE_SHARE
        elif not block.words or block.ends_sentence:
            weight = 0.0  # a short or near-good sentence, a separator: either side's
        else:
            weight = -(_SHORT_COST + _SHORT_WORD_COST * len(block.words))
        weights.append(weight)
    return weights, running


def _head(blocks: Sequence[Block], marks: dict[int, tuple], first: int) -> int:
    """Where the article starts: a clean article's headline, standfirst, byline and date sit
    above its prose with nothing else but marked furniture; on a page, the headline just above
    the zone is kept."""
    if sum(index not in marks for index in range(first)) <= _HEAD_BLOCKS:
        return 0
    above = first - 1
    if above >= 0 and above not in marks and is_headline(blocks[above]):
        return above
    return first


def _densest_run(weights: list[float]) -> tuple[int, int, float] | None:
    """First and last index of the run with the largest sum of weights, and the sum."""
    best = max(_stretches(weights), key=lambda stretch: stretch[3], default=None)
    return (best[0], best[2], best[3]) if best and best[3] > 0 else None


def _stretch_scores(weights: list[float]) -> list[float]:
    """For each index, the peak running sum of its stretch."""
    scores: list[float] = []
    for start, end, _, peak in _stretches(weights):
        scores += [peak] * (end - start)
    return scores


def _stretches(weights: list[float]) -> list[tuple[int, int, int, float]]:
    """The weights cut where the running sum falls to zero: for each stretch, its first index,
    its end, the index of its peak and the peak sum (Kadane's scan)."""
    stretches: list[tuple[int, int, int, float]] = []
    total, start, peak, peak_index = 0.0, 0, 0.0, 0
    for index, weight in enumerate(weights):
        if index > start and total <= 0:
            stretches.append((start, index, peak_index, peak))
            total, start, peak, peak_index = 0.0, index, 0.0, index
        total += weight
        if total > peak:
            peak, peak_index = total, index
    if weights:
        stretches.append((start, len(weights), peak_index, peak))
    return stretches


def _reads_as_english(blocks: Sequence[Block]) -> bool:
    """Whether the longer blocks hold English stop words at the rate of English prose."""
    long = [block for block in blocks if len(block.words) >= PROSE_MIN_WORDS]
    words = sum(len(block.words) for block in long)
    stops = sum(block.stop_share * len(block.words) for block in long)
    return words == 0 or stops / words >= _ENGLISH_MIN_STOP_SHARE


def _reason(block: Block) -> str:
    if _TIME_OR_COUNT.match(block.text):
        return "timestamp or count"
    return "outside the article"
