"""Marks page furniture (icon lists, galleries, pleas, link lists, teasers) without changing text.

The text is read as lines. Each rule marks whole lines (or, for an icon list, the tail of a line)
and says why; the ranges are merged at the end. Rules look at the shape of lines the way jusText
looks at paragraphs (length, stop words, sentence punctuation, what surrounds them); known phrases
come from `patterns/boilerplate.jsonl`. A line that could be real content is kept: when unsure,
keep.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from spacy.lang.en.stop_words import STOP_WORDS

from .facts import Boilerplate
from .layout import LONG_LINE_CHARS, Block, is_prose, layout_of, sentences
from .patterns import load_patterns
from .prose_zone import mark_outside_zone

MAX_JOINED_CHARS = 2000
_NOT_NEWLINE = re.compile(r"[^\n]")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_ALPHA_WORD = re.compile(r"[A-Za-z]+")
# A line that ends a sentence (final . ! ? … possibly inside closing quotes or brackets) or
# introduces what follows (final colon).
_SENTENCE_END = re.compile(r"([.!?…。！？][\"”’'»)\]」』]*|:)\s*$")
_QUOTE_MARK = re.compile(r"[\"“”‘’«»]")
_DIGIT = re.compile(r"\d")
# A list item marker: "- ", "• ", "* ". A bulleted line belongs to the article's own list.
_BULLET = re.compile(r"^[-•*·▪–—]\s")
# The rank of a "Most read" item: a line "3", "3." or "3 Headline".
_RANK = re.compile(r"^\d{1,2}[.)]?(?:\s|$)")
_RANK_ONLY = re.compile(r"^\d{1,2}[.)]?$")
# A results line ("Kherson: 87.05%", "Yes 54 per cent") is content however list-like it looks.
_PERCENT = re.compile(r"\d\s*(%|per ?cent|percent)", re.IGNORECASE)
# An item of an icon list: "Calendar An icon of a desk calendar." The label starts the item.
_ICON_ITEM = re.compile(r"(?:[A-Z][\w'’-]*\s+){1,4}(?:An?|The)\s+icon\b")
_ICON_WORD = re.compile(r"\bicons?\b", re.IGNORECASE)
_MIN_ICONS = 3

# Lines longer than this are paragraphs, never headlines, menu lines or photo credits.
_HEADLINE_MAX_WORDS = 20
_CREDIT_MAX_WORDS = 3
# Galleries: at least this many captions starting with the same words, close together.
_GALLERY_KEY_WORDS = 4
_GALLERY = "photo gallery"  # the reason, shared with the "Show all 50" header pattern
_GALLERY_MIN_ITEMS = 4
_GALLERY_MAX_GAP = 3
# In text without line breaks: a phrase of this many words recurring within this many characters.
_CAPTION_PHRASE_WORDS = 4
_CAPTION_MAX_GAP = 600
_UI_WORD_SHARE = 0.7
# Short lines between two menu lines (a section name the UI word list lacks) are menu lines too.
_MENU_GAP_MAX_LINES = 3
_MENU_GAP_MAX_WORDS = 6
_MENU_NAME_MAX_WORDS = 1
# Reasons of lines that belong to menus, link lists and footers: only these close a menu gap.
_MENU_REASONS = frozenset(
    {
        "user interface",
        "link list",
        "site furniture",
        "topic tags",
        "copyright notice",
        "share prompt",
    }
)
# A short line printed this often on one page is furniture ("Ad Feedback", "Share full article").
_REPEATED_MIN_COUNT = 3
_REPEATED_MAX_WORDS = 4
# A teaser is unrelated when at most this share of its content words occur in the rest of the text.
_TEASER_MAX_SHARED = 0.25
_TEASER_MAX_HEADLINES = 3
_TEASER_MIN_ARTICLE_WORDS = 40
_PARAGRAPH_MIN_WORDS = 8


@dataclass(frozen=True)
class _Rules:
    lines: tuple[tuple[re.Pattern[str], str], ...]
    blocks: tuple[tuple[re.Pattern[str], re.Pattern[str], int, str], ...]
    list_headers: tuple[tuple[re.Pattern[str], str], ...]
    teaser_headers: tuple[tuple[re.Pattern[str], str], ...]
    ui_words: frozenset[str]
    ui_reason: str


@cache
def _rules() -> _Rules:
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
    return _Rules(
        tuple(lines), tuple(blocks), tuple(list_headers), tuple(teaser_headers), ui_words, ui_reason
    )


def find_boilerplate(text: str) -> list[Boilerplate]:
    """Ranges of `text` that are not article content, in order, not overlapping."""
    lines = list(layout_of(text).blocks)
    if not lines:
        return []
    rules = _rules()
    marks: dict[int, tuple[int, int, str]] = {}  # line index -> (start, end, reason)

    def mark(index: int, reason: str, start: int | None = None, end: int | None = None) -> None:
        line = lines[index]
        if index not in marks:
            marks[index] = (line.start if start is None else start, end or line.end, reason)

    # Parts of blocks: a plea sentence inside a paragraph, the captions of a one-line gallery.
    parts = _phrase_sentences(lines, rules, mark) + _repeated_captions(text, lines)
    parts += _icon_lists(layout_of(text).lines)

    def mark_shape(index: int, reason: str, start: int | None = None, end: int | None = None):
        # Rules of shape never take a whole line that holds several sentences, one of them prose.
        if start is None and _holds_prose_sentences(lines[index]):
            return
        mark(index, reason, start, end)

    _mark_galleries(lines, marks, mark)
    _mark_ui_lines(lines, rules, marks, mark_shape)
    _mark_link_lists(lines, rules, marks, mark_shape)
    _mark_repeated_lines(lines, mark_shape)
    _mark_menu_gaps(lines, marks, mark_shape)
    _mark_teasers(lines, rules, marks, mark_shape)
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


def _is_results_line(line: Block) -> bool:
    return len(line.words) <= _HEADLINE_MAX_WORDS and bool(_PERCENT.search(line.text))


def _is_headline_like(line: Block) -> bool:
    """A short line that does not end a sentence: a headline, a link or a menu entry."""
    return (
        0 < len(line.words) <= _HEADLINE_MAX_WORDS
        and not _SENTENCE_END.search(line.text)
        and not _is_results_line(line)
    )


def _is_credit_like(line: Block) -> bool:
    """A photo credit between captions: "PA", "Getty Images"."""
    return (
        len(line.words) <= _CREDIT_MAX_WORDS
        and not _SENTENCE_END.search(line.text)
        and not _DIGIT.search(line.text)
    )


def _phrase_sentences(lines: list[Block], rules: _Rules, mark) -> list[tuple[int, int, str]]:
    """Marks the blocks that a phrase row matches. In a paragraph, only the sentences a row
    matches are furniture: those are returned, the block stays."""
    parts = []
    for index, line in enumerate(lines):
        reason = _phrase_reason(line.text, rules)
        if reason is None:
            continue
        pieces = [(piece, _phrase_reason(piece.text, rules)) for piece in sentences(line)]
        # A line whose other sentences are prose is a paragraph: only the matched ones go.
        matched = any(found for _, found in pieces)
        if matched and any(
            found is None and is_prose(piece, _PARAGRAPH_MIN_WORDS) for piece, found in pieces
        ):
            parts.extend(_plea_part(piece, rules) for piece, found in pieces if found)
        else:
            mark(index, reason)
        for start, until, max_lines, reason in rules.blocks:
            if not start.search(line.text):
                continue
            window = range(index, min(index + max_lines, len(lines)))
            end = next((i for i in window if until.search(lines[i].text)), index)
            for covered in range(index, end + 1):
                mark(covered, reason)
    return parts


def _plea_part(piece: Block, rules: _Rules) -> tuple[int, int, str]:
    """The sentence a row matched; when that sentence reads as prose (text without line breaks
    runs the plea into the article), only the clause the row matched."""
    if not is_prose(piece, _PARAGRAPH_MIN_WORDS):
        reason = _phrase_reason(piece.text, rules) or ""
        return piece.start, piece.end, reason
    for pattern, reason in rules.lines:
        found = pattern.search(piece.text)
        if found:
            return piece.start + found.start(), piece.start + found.end(), reason
    return piece.start, piece.start, ""


def _holds_prose_sentences(block: Block) -> bool:
    """Whether `block` holds two sentences of prose or more: a paragraph, whatever else it has."""
    pieces = sentences(block)
    return sum(is_prose(piece, _PARAGRAPH_MIN_WORDS) for piece in pieces) >= 2


def _phrase_reason(text: str, rules: _Rules) -> str | None:
    return next((reason for pattern, reason in rules.lines if pattern.search(text)), None)


def _icon_lists(lines: tuple[Block, ...]) -> list[tuple[int, int, str]]:
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


def _repeated_captions(text: str, lines: list[Block]) -> list[tuple[int, int, str]]:
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
            captions.append((start, start + len(text[start:end].rstrip()), _GALLERY))
    return captions


def _phrase_runs(text: str) -> list[list[int]]:
    """Stretches where one phrase of _CAPTION_PHRASE_WORDS words recurs at least
    _GALLERY_MIN_ITEMS times, each within _CAPTION_MAX_GAP characters of the last."""
    words = list(_WORD.finditer(text))
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
    if _is_results_line(line) or len(line.words) <= _GALLERY_KEY_WORDS:
        return None
    before_digit = _ALPHA_WORD.findall(_DIGIT.split(line.text, maxsplit=1)[0])
    if len(before_digit) >= 2:
        return " ".join(before_digit).lower()
    words = _ALPHA_WORD.findall(line.text)
    if len(words) < _GALLERY_KEY_WORDS:
        return None
    return " ".join(words[:_GALLERY_KEY_WORDS]).lower()


def _mark_galleries(lines: list[Block], marks: dict, mark) -> None:
    """Runs of captions that start with the same words, with credit lines between them."""
    positions: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        key = _gallery_key(line)
        if key:
            positions.setdefault(key, []).append(index)
    for indexes in positions.values():
        run = [indexes[0]]
        for index in [*indexes[1:], None]:
            if index is not None and index - run[-1] <= _GALLERY_MAX_GAP:
                run.append(index)
                continue
            if len(run) >= _GALLERY_MIN_ITEMS and _mostly_unpunctuated(lines, run):
                _mark_gallery_run(lines, run, marks, mark)
            run = [index] if index is not None else []


def _mostly_unpunctuated(lines: list[Block], run: list[int]) -> bool:
    """Captions mostly lack a final full stop; paragraphs that start alike have one."""
    unpunctuated = sum(not _SENTENCE_END.search(lines[index].text) for index in run)
    return unpunctuated * 2 > len(run)


def _mark_gallery_run(lines: list[Block], run: list[int], marks: dict, mark) -> None:
    # A gallery header ("Show all 50") just before the captions starts the gallery.
    first = run[0]
    for before in range(max(run[0] - _GALLERY_MAX_GAP, 0), run[0]):
        if marks.get(before, (0, 0, ""))[2] == _GALLERY:
            first = before
            break
    for index in range(first, run[-1] + 1):
        mark(index, _GALLERY)
    # The last caption is followed by as many lines (credits) as the one before it.
    last_gap = run[-1] - run[-2]
    for index in range(run[-1] + 1, min(run[-1] + last_gap, len(lines))):
        if not _is_credit_like(lines[index]):
            break
        mark(index, _GALLERY)


def _is_ui_line(line: Block, ui_words: frozenset[str]) -> bool:
    words = line.words
    if (
        not words
        or len(words) > _HEADLINE_MAX_WORDS
        or _SENTENCE_END.search(line.text.removesuffix(":"))
        or _BULLET.match(line.text)
    ):
        return False
    known = sum(word.lower() in ui_words for word in words)
    return known / len(words) >= _UI_WORD_SHARE


def _mark_ui_lines(lines: list[Block], rules: _Rules, marks: dict, mark) -> None:
    """Runs of menu and button lines ("Home", "Sign in", "Accept all").

    A run that a line ending in a colon introduces is the article's own list ("Key issues:" over
    "Health" and "Economy"); a lone one-word line ("Health") is a subheading unless furniture
    already marked sits next to it or just above a short line.
    """
    index = 0
    while index < len(lines):
        if not _is_ui_line(lines[index], rules.ui_words):
            index += 1
            continue
        end = index
        while end + 1 < len(lines) and _is_ui_line(lines[end + 1], rules.ui_words):
            end += 1
        introduced = index > 0 and index - 1 not in marks and lines[index - 1].text.endswith(":")
        lone_word = end == index and len(lines[index].words) == 1
        # Next to furniture, or one menu name ("Radio") below it: "Sport", "Radio", "Weather".
        beside_furniture = (
            index - 1 in marks
            or index + 1 in marks
            or (
                index - 2 in marks
                and len(lines[index - 1].words) <= _MENU_NAME_MAX_WORDS
                and not lines[index - 1].after_blank
                and not lines[index].after_blank
            )
        )
        if not introduced and (not lone_word or beside_furniture):
            for covered in range(index, end + 1):
                mark(covered, rules.ui_reason)
        index = end + 1


def _is_link_list_item(line: Block) -> bool:
    """A headline (questions too), its rank ("3") or its time ("2 days ago", "10/3/23")."""
    if not line.words:
        return True
    return _is_headline_like(line) or (
        len(line.words) <= _HEADLINE_MAX_WORDS and line.text.endswith("?")
    )


def _first_paragraph(lines: list[Block]) -> int:
    """Index of the first line that is a full paragraph: where the article body has begun."""
    return next(
        (
            index
            for index, line in enumerate(lines)
            if len(line.words) >= _PARAGRAPH_MIN_WORDS and _SENTENCE_END.search(line.text)
        ),
        len(lines),
    )


def _mark_link_lists(lines: list[Block], rules: _Rules, marks: dict, mark) -> None:
    """A "Recommended" / "Read more:" header, and the headline-like links listed under it."""
    first_paragraph = _first_paragraph(lines)
    article_words: Counter[str] | None = None  # of the lines not yet marked, counted once
    for index, line in enumerate(lines):
        reason = next((r for p, r in rules.list_headers if p.match(line.text)), None)
        if reason is None:
            continue
        mark(index, reason)
        if len(line.words) > 4:
            continue  # the links are on the header's own line
        # The links follow the header; a paragraph break after the first link ends the list,
        # and so does the first unranked line after ranked links ("1 ...", "2 ..."). Above the
        # article the list may run straight into its headline: a line on the article's subject
        # ends it there.
        above_article = index < first_paragraph
        following = index + 1
        ranked = bool(following < len(lines) and _RANK.match(lines[following].text))
        while following < len(lines):
            item = lines[following]
            if following > index + 1 and item.after_blank:
                break
            after_rank = _RANK_ONLY.match(lines[following - 1].text)
            if ranked and not _RANK.match(item.text) and not after_rank:
                break
            if following not in marks and not _is_link_list_item(item):
                break
            if above_article and not ranked and _content_words(item.text):
                article_words = article_words or _unmarked_words(lines, marks)
                if not _is_unrelated(lines, [following], article_words):
                    break
            mark(following, reason)
            following += 1


def _mark_repeated_lines(lines: list[Block], mark) -> None:
    """Short lines printed several times on the page: buttons and ad slots, not sentences.

    A label over a number ("Votes counted" above "98%") repeats in a results table, so a line
    followed by a number is kept.
    """
    counts = Counter(_normalised(line.text) for line in lines)
    for index, line in enumerate(lines):
        if (
            counts[_normalised(line.text)] >= _REPEATED_MIN_COUNT
            and 2 <= len(line.words) <= _REPEATED_MAX_WORDS
            and not _SENTENCE_END.search(line.text)
            and not _DIGIT.search(line.text)
            and not (index + 1 < len(lines) and _DIGIT.match(lines[index + 1].text))
        ):
            mark(index, "repeated furniture")


def _is_menu_gap_line(line: Block, max_words: int) -> bool:
    return (
        0 < len(line.words) <= max_words
        and not _SENTENCE_END.search(line.text)
        and not _DIGIT.search(line.text)
        and not _QUOTE_MARK.search(line.text)
        and not _BULLET.match(line.text)
    )


def _mark_menu_gaps(lines: list[Block], marks: dict, mark) -> None:
    """Short lines between menu or footer lines, no blank line between: section names the word
    list lacks ("iPlayer", "T Brand Studio"). A gap may be as long as the number of menu lines
    in its stretch of menu and short lines, and at least 3. Above the article body a headline
    can sit between the menu and a "Share" line, so there only one-word names are taken."""
    first_paragraph = _first_paragraph(lines)

    def is_menu(index: int) -> bool:
        return marks.get(index, (0, 0, ""))[2] in _MENU_REASONS

    def in_stretch(index: int) -> bool:
        max_words = _MENU_GAP_MAX_WORDS if index > first_paragraph else _MENU_NAME_MAX_WORDS
        return is_menu(index) or (index not in marks and _is_menu_gap_line(lines[index], max_words))

    index = 0
    while index < len(lines):
        if not is_menu(index):
            index += 1
            continue
        # The stretch: this menu line and the menu and short lines after it, to a blank line.
        end = index + 1
        while end < len(lines) and not lines[end].after_blank and in_stretch(end):
            end += 1
        menus = [i for i in range(index, end) if is_menu(i)]
        allowed = max(_MENU_GAP_MAX_LINES, len(menus))
        for above, below in pairwise(menus):
            if below - above - 1 <= allowed:
                for covered in range(above + 1, below):
                    mark(covered, "user interface")
        index = end


def _content_words(text: str) -> Counter[str]:
    """Lowercased words that carry the subject, counted: no stop words, no plural -s."""
    words: Counter[str] = Counter()
    for word in _WORD.findall(text.lower()):
        word = word.replace("’", "'").removesuffix("'s")
        if len(word) >= 3 and word not in STOP_WORDS:
            words[word[:-1] if len(word) > 4 and word.endswith("s") else word] += 1
    return words


def _unmarked_words(lines: list[Block], marks: dict) -> Counter[str]:
    """Content words of the lines not marked so far: the article's vocabulary."""
    return _content_words("\n".join(line.text for i, line in enumerate(lines) if i not in marks))


def _mark_teasers(lines: list[Block], rules: _Rules, marks: dict, mark) -> None:
    """A headline and paragraph about another subject, dropped into the article.

    Found next to a teaser header ("Other Topics of Interest") or as a headline printed twice;
    marked only when their words barely occur in the rest of the article.
    """
    article_words: Counter[str] | None = None  # of the lines not yet marked, counted once
    for index, line in enumerate(lines):
        header = next((r for p, r in rules.teaser_headers if p.match(line.text)), None)
        repeated = _is_headline_like(line) and any(
            _normalised(lines[other].text) == _normalised(line.text)
            for other in range(index + 1, min(index + _TEASER_MAX_HEADLINES + 1, len(lines)))
        )
        if header is None and not repeated:
            continue
        article_words = article_words or _unmarked_words(lines, marks)
        teaser = _teaser_lines(lines, index, header is not None)
        if _is_unrelated(lines, teaser, article_words):
            if header is not None:
                mark(index, header)
            for covered in teaser:
                mark(covered, header or "unrelated teaser")


def _teaser_lines(lines: list[Block], index: int, is_header: bool) -> list[int]:
    """The headline(s) around position `index` and the one paragraph after them."""
    teaser = []
    if is_header and index > 0 and _is_headline_like(lines[index - 1]):
        teaser.append(index - 1)
    following = index + 1 if is_header else index
    while (
        following < len(lines)
        and len(teaser) < _TEASER_MAX_HEADLINES
        and _is_headline_like(lines[following])
    ):
        teaser.append(following)
        following += 1
    if following < len(lines) and not _is_headline_like(lines[following]):
        teaser.append(following)
    return teaser


def _is_unrelated(lines: list[Block], teaser: list[int], article_words: Counter[str]) -> bool:
    """True when few of the teaser's words occur anywhere else in the article."""
    teaser_words = _content_words("\n".join(lines[i].text for i in teaser))
    rest_size = article_words.total() - teaser_words.total()
    if not teaser_words or rest_size < _TEASER_MIN_ARTICLE_WORDS:
        return False  # too little article left to tell what it is about
    shared = [word for word, count in teaser_words.items() if article_words[word] > count]
    return len(shared) / len(teaser_words) <= _TEASER_MAX_SHARED


def _normalised(line_text: str) -> str:
    return _QUOTE_MARK.sub("'", " ".join(line_text.lower().split()))


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
