"""Quotation marks: which characters open and close a quotation, paragraph by paragraph.

Every mark style a newsroom uses opens and closes a quote: curly and straight double and single
marks, guillemets, low-9 marks, and the two-character marks of wire copy and typewriter text
(``…'' and ‘‘…’’). A quote never crosses a paragraph break; a quote that cannot close runs to
the end of its line at most.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Two-character marks first, then single ones; then the breaks: a blank line, a new line that
# opens with a mark, and any other new line (a paragraph break when the line before ends a
# sentence, a wrapped line otherwise).
MARK_OR_BREAK = re.compile(
    r"``|''|‘‘|’’|[\"'“”‘’«»„‹›`]|\n[ \t\r]*\n|\n(?=[ \t]*(?:``|[\"'“‘«„‹”]))|\n"
)
# What a two-character (or backtick) mark stands for.
CANONICAL = {"``": "“", "‘‘": "“", "’’": "”", "''": '"', "`": "‘"}
# The marks a closing mark may close.
CLOSES = {
    "”": '“„"”',
    '"': '"“„',
    "“": "„",
    "»": "«",
    "’": "‘'",
    "'": "'‘",
    "›": "‹",
}
SINGLE_MARKS = "‘’'‹›"
OPENING_MARKS = "“\"„«‘'‹`"
CLOSING_MARKS = "”\"“»’'›"
# Characters before an opening mark that show it opens ("(", a dash, a slash).
OPENING_CONTEXT = "([{—–-/:"
TRAILING_INSIDE = ",."  # final punctuation inside the marks, not part of the quote
# How a line ends when the new line after it starts a paragraph, not a wrapped sentence.
PARAGRAPH_END = ".!?:;)]”\"’'»"


@dataclass(frozen=True)
class Marked:
    """Text in quotation marks: `start`/`end` are the quote itself, marks and final ,/. left out."""

    open_at: int  # offset of the opening mark
    close_end: int | None  # offset just after the closing mark; None when it never closed
    start: int
    end: int


@dataclass
class _Open:
    mark: str  # canonical mark
    position: int
    width: int  # 2 for ``, ‘‘


class _Scanner:
    """One pass over the text: the marks open, and the quotations found so far."""

    def __init__(self, text: str):
        self.text = text
        self.found: list[Marked] = []
        self.open_marks: list[_Open] = []
        self.paragraph_start = 0

    def end_paragraph(self, at: int) -> None:
        if self.open_marks:
            first = self.open_marks[0]
            opens_paragraph = not self.text[self.paragraph_start : first.position].strip()
            if first.mark not in SINGLE_MARKS or opens_paragraph:
                line_end = self.text.find("\n", first.position)
                end = at if line_end == -1 else min(at, line_end)
                _add_marked(
                    self.found, self.text, first.position + first.width, None, end, first.position
                )
        self.open_marks.clear()

    def new_line(self, match: re.Match) -> None:
        """A blank line or a line that opens with a mark ends the paragraph; so does a single
        new line after a sentence's end (one paragraph a line), not one inside a sentence."""
        text, position = self.text, match.start()
        ends_sentence = text[self.paragraph_start : position].rstrip()[-1:] in PARAGRAPH_END
        if match.group() != "\n" or ends_sentence or not text[:position].strip():
            self.end_paragraph(position)
            self.paragraph_start = match.end()

    def mark(self, match: re.Match) -> None:
        raw, position = match.group(), match.start()
        mark, text = CANONICAL.get(raw, raw), self.text
        before = text[position - 1] if position else " "
        after = text[match.end()] if match.end() < len(text) else " "
        role = _mark_role(mark, before, after, [o.mark for o in self.open_marks])
        if role == "close":
            while self.open_marks and self.open_marks[-1].mark not in CLOSES[mark]:
                self.open_marks.pop()
            opener = self.open_marks.pop()
            if not self.open_marks:
                start = opener.position + opener.width
                _add_marked(self.found, text, start, match.end(), position, opener.position)
        elif role == "open":
            if self.open_marks and self.open_marks[-1].mark == mark:
                # The same mark opening again: the earlier one was never closed.
                stray = self.open_marks.pop()
                if not self.open_marks and mark not in SINGLE_MARKS:
                    start = stray.position + stray.width
                    _add_marked(self.found, text, start, None, position, stray.position)
            self.open_marks.append(_Open(mark, position, len(raw)))


def find_marked(text: str) -> list[Marked]:
    """The outermost quotations of `text`, in order; a quote never crosses a paragraph break.

    Apostrophes (Putin's, don’t, leaders’) are not marks. An opening mark that never closes
    quotes the rest of its line (double marks, or single marks opening a paragraph, as in a
    statement running over several paragraphs); any other stray mark is ignored.
    """
    scanner = _Scanner(text)
    for match in MARK_OR_BREAK.finditer(text):
        if match.group()[0] == "\n":
            scanner.new_line(match)
        else:
            scanner.mark(match)
    scanner.end_paragraph(len(text))
    return scanner.found


def _mark_role(mark: str, before: str, after: str, open_marks: list[str]) -> str:
    """Whether `mark` opens a quote, closes one, or is not a quotation mark here."""
    can_close = any(opener in CLOSES.get(mark, "") for opener in open_marks)
    opening_context = (
        before.isspace() or before in OPENING_CONTEXT or before in OPENING_MARKS
    ) and (not after.isspace())
    if mark in "„«‹":
        return "open"
    if mark == "“":
        return "close" if open_marks and open_marks[-1] == "„" else "open"
    if mark in "”»›":
        if can_close:
            return "close"
        # A right mark used to open (”Bird flu ...”), as some keyboards type it.
        return "open" if mark == "”" and opening_context and after.isalnum() else "none"
    if mark == '"':
        closing_context = not before.isspace() and (after.isspace() or not after.isalnum())
        if can_close and not (opening_context and not closing_context):
            return "close"
        return "open" if opening_context or not after.isspace() else "none"
    # Single marks double as apostrophes: between letters (don’t), after a plural (leaders’).
    if before.isalnum() and after.isalnum():
        return "none"
    if can_close and not after.isalnum():
        return "close"
    if mark in "‘'" and opening_context and after.isalnum():
        return "open"
    return "none"


def _add_marked(
    found: list[Marked],
    text: str,
    start: int,
    close_end: int | None,
    end: int,
    open_at: int | None = None,
) -> None:
    """Record the quotation whose words run from `start` to `end` (marks excluded)."""
    open_at = start - 1 if open_at is None else open_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and text[end - 1] in TRAILING_INSIDE:
        end -= 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and any(char.isalnum() for char in text[start:end]):
        found.append(Marked(open_at, close_end, start, end))


def marked_span_end(marked: Marked) -> int:
    """Where the quotation ends in the text, closing mark included."""
    return marked.close_end if marked.close_end is not None else marked.end
