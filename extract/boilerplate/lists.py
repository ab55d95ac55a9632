"""Menus, link lists, repeated buttons and unrelated teasers: lines that list, not tell."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from ..nlp.layout import HEADLINE_MAX_WORDS, PROSE_MIN_WORDS, Block, sentences
from .rules import Rules
from .shapes import (
    BULLET,
    CLOSED_LINE,
    DIGIT,
    QUOTE_MARK,
    content_words,
    is_headline_like,
    normalised,
)

# The rank of a "Most read" item: a line "3", "3." or "3 Headline".
_RANK = re.compile(r"^\d{1,2}[.)]?(?:\s|$)")
_RANK_ONLY = re.compile(r"^\d{1,2}[.)]?$")
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


def _is_ui_line(line: Block, ui_words: frozenset[str]) -> bool:
    words = line.words
    if (
        not words
        or len(words) > HEADLINE_MAX_WORDS
        or CLOSED_LINE.search(line.text.removesuffix(":"))
        or BULLET.match(line.text)
        or len(sentences(line)) > 1  # a sentence ends inside: prose runs into the menu words
    ):
        return False
    known = sum(word.lower() in ui_words for word in words)
    return known / len(words) >= _UI_WORD_SHARE


def mark_ui_lines(lines: list[Block], rules: Rules, marks: dict, mark) -> None:
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
    return is_headline_like(line) or (
        len(line.words) <= HEADLINE_MAX_WORDS and line.text.endswith("?")
    )


def _first_paragraph(lines: list[Block]) -> int:
    """Index of the first line that is a full paragraph: where the article body has begun."""
    return next(
        (
            index
            for index, line in enumerate(lines)
            if len(line.words) >= PROSE_MIN_WORDS and CLOSED_LINE.search(line.text)
        ),
        len(lines),
    )


def mark_link_lists(lines: list[Block], rules: Rules, marks: dict, mark) -> None:
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
            if above_article and not ranked and content_words(item.text):
                article_words = article_words or _unmarked_words(lines, marks)
                if not _is_unrelated(lines, [following], article_words):
                    break
            mark(following, reason)
            following += 1


def mark_repeated_lines(lines: list[Block], mark) -> None:
    """Short lines printed several times on the page: buttons and ad slots, not sentences.

    A label over a number ("Votes counted" above "98%") repeats in a results table, so a line
    followed by a number is kept.
    """
    counts = Counter(normalised(line.text) for line in lines)
    for index, line in enumerate(lines):
        if (
            counts[normalised(line.text)] >= _REPEATED_MIN_COUNT
            and 2 <= len(line.words) <= _REPEATED_MAX_WORDS
            and not CLOSED_LINE.search(line.text)
            and not DIGIT.search(line.text)
            and not (index + 1 < len(lines) and DIGIT.match(lines[index + 1].text))
        ):
            mark(index, "repeated furniture")


def _is_menu_gap_line(line: Block, max_words: int) -> bool:
    return (
        0 < len(line.words) <= max_words
        and not CLOSED_LINE.search(line.text)
        and not DIGIT.search(line.text)
        and not QUOTE_MARK.search(line.text)
        and not BULLET.match(line.text)
    )


def mark_menu_gaps(lines: list[Block], marks: dict, mark) -> None:
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


def _unmarked_words(lines: list[Block], marks: dict) -> Counter[str]:
    """Content words of the lines not marked so far: the article's vocabulary."""
    return content_words("\n".join(line.text for i, line in enumerate(lines) if i not in marks))


def mark_teasers(lines: list[Block], rules: Rules, marks: dict, mark) -> None:
    """A headline and paragraph about another subject, dropped into the article.

    Found next to a teaser header ("Other Topics of Interest") or as a headline printed twice;
    marked only when their words barely occur in the rest of the article.
    """
    article_words: Counter[str] | None = None  # of the lines not yet marked, counted once
    for index, line in enumerate(lines):
        header = next((r for p, r in rules.teaser_headers if p.match(line.text)), None)
        repeated = is_headline_like(line) and any(
            normalised(lines[other].text) == normalised(line.text)
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
    if is_header and index > 0 and is_headline_like(lines[index - 1]):
        teaser.append(index - 1)
    following = index + 1 if is_header else index
    while (
        following < len(lines)
        and len(teaser) < _TEASER_MAX_HEADLINES
        and is_headline_like(lines[following])
    ):
        teaser.append(following)
        following += 1
    if following < len(lines) and not is_headline_like(lines[following]):
        teaser.append(following)
    return teaser


def _is_unrelated(lines: list[Block], teaser: list[int], article_words: Counter[str]) -> bool:
    """True when few of the teaser's words occur anywhere else in the article."""
    teaser_words = content_words("\n".join(lines[i].text for i in teaser))
    rest_size = article_words.total() - teaser_words.total()
    if not teaser_words or rest_size < _TEASER_MIN_ARTICLE_WORDS:
        return False  # too little article left to tell what it is about
    shared = [word for word, count in teaser_words.items() if article_words[word] > count]
    return len(shared) / len(teaser_words) <= _TEASER_MAX_SHARED
