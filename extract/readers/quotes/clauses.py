"""What the quote rules look up many times in one document (quotation marks, cue matches, time
phrases, quoted tokens), and how a range of tokens becomes a reported clause: its extent
(`Clauses.trim`) and its kind (`Clauses.classify`). The package's `Finder` and the attribution
frames (`frames`) build on it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from ...doc_text import doc_text
from ...nlp.layout import line_bounds
from .marks import CLOSING_MARKS, OPENING_MARKS, Marked, find_marked, marked_span_end
from .parse import cue_rules, is_dash, is_verb
from .reports import MIN_WORDS_SENTENCE_QUOTE, Report

CLAUSE_END_PUNCT = frozenset({"–", "—", ";", "--"})
# Punctuation that belongs to the last word of a clause ("61.5%", "(VAT)"), not after it.
KEPT_AT_CLAUSE_END = frozenset({"%", ")", "]"})
THAT_WORDS = frozenset({"that"})


class Clauses:
    """The quotation marks and cue matches of one document, and the clauses cut from them."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc_text(doc)
        self.marked = find_marked(self.text)
        self.matches: dict[str, list[TokenSpan]] = {}
        for span in cue_rules(doc.vocab).spans(doc, "quote_cues"):
            self.matches.setdefault(span.label_, []).append(span)
        self.speech_cues = {span.root.i: span for span in self.matches.get("SPEECH", [])}
        # Verbs of saying and of naming ("called for a debate" ends what was said before it).
        self.cue_verbs = set(self.speech_cues) | {
            span.root.i for span in self.matches.get("DESCRIBE", [])
        }
        self.refusals = {span.root.i for span in self.matches.get("REFUSAL", [])}
        self.clause_breaks = {span.start for span in self.matches.get("CLAUSE_BREAK", [])}
        self.statement_nouns = {span.start for span in self.matches.get("STATEMENT_NOUN", [])}
        # Time phrases ("on Tuesday", "Sunday") by first token index -> the index after them.
        self.times_said: dict[int, int] = {}
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME"):
                first = doc[ent.start - 1] if ent.start else None
                if first is not None and first.dep_ == "prep" and first.lower_ in ("on", "at"):
                    self.times_said[first.i] = ent.end
                elif ent.root.dep_ == "npadvmod":
                    self.times_said[ent.start] = ent.end
        # Tokens inside quotation marks, and the closing marks, by token index.
        self.quoted: set[int] = set()
        self.closing: set[int] = set()
        for m in self.marked:
            inner = doc.char_span(m.start, m.end, alignment_mode="expand")
            if inner is not None:
                self.quoted.update(range(inner.start, inner.end))
            if m.close_end is not None:
                mark = doc.char_span(m.close_end - 1, m.close_end, alignment_mode="expand")
                if mark is not None:
                    self.closing.add(mark.end - 1)

    def line_start(self, token: Token) -> int:
        """The first token of `token`'s line: a reported clause never reaches a line above."""
        line_start = line_bounds(self.text, token.idx)[0]
        span = self.doc.char_span(line_start, token.idx + len(token), alignment_mode="contract")
        return span.start if span is not None else token.i

    def trim(self, start: int, end: int) -> tuple[int, int] | None:
        """The tokens [start, end) as a character range cut to the reported clause: "that"
        and punctuation at the edges dropped, a closing mark kept; stopped at a line break, at
        a dash or semicolon outside quotes, and after a quotation that a comma or a new
        adverbial clause follows ("... “strategic co-operation” when she was asked"); stretched
        to cover any quotation it cuts into."""
        doc = self.doc
        # A dateline or lead-in before a dash ("BERLIN (Reuters) - ...") has no verb: the
        # clause starts after it.
        for i in range(start, end):
            if "\n" in doc[i].text:
                break
            if is_dash(doc[i]) and i not in self.quoted:
                if not any(is_verb(t) for t in doc[start:i]):
                    start = i + 1
                break
        while start < end and (
            doc[start].lower_ in THAT_WORDS
            or doc[start].is_space
            or (doc[start].is_punct and doc[start].text[0] not in OPENING_MARKS)
        ):
            start += 1
        for i in range(start, end):
            token = doc[i]
            ends_clause = token.text in CLAUSE_END_PUNCT or is_dash(token)
            if "\n" in token.text or (ends_clause and i not in self.quoted):
                end = i
                break
            if i in self.closing and i + 1 < end:
                following = doc[i + 1]
                if following.text == "," or self._opens_outer_clause(following, start):
                    end = i + 1
                    break
        while end > start and (
            doc[end - 1].is_space
            or (
                doc[end - 1].is_punct
                and doc[end - 1].text[0] not in CLOSING_MARKS
                and doc[end - 1].text not in KEPT_AT_CLAUSE_END
            )
        ):
            end -= 1
        if end <= start:
            return None
        first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        # A quotation the clause cuts into, e.g. its closing mark hung on the cue verb.
        for m in self.marked:
            if m.open_at < last and marked_span_end(m) > first:
                first, last = min(first, m.open_at), max(last, marked_span_end(m))
        return first, last

    def _opens_outer_clause(self, token: Token, clause_start: int) -> bool:
        """`token` ("when", "as", "after") opens a clause ("... “co-operation” when she was
        asked"), or a phrase that hangs outside the reported clause starting at `clause_start`,
        not one inside it ("had shown “real character” after a difficult week")."""
        if token.i not in self.clause_breaks:
            return False
        if token.dep_ != "prep":
            return True
        attached_to = token.head
        while attached_to.i >= token.i and attached_to.head.i != attached_to.i:
            attached_to = attached_to.head
        return not clause_start <= attached_to.i < token.i

    def classify(
        self,
        span: tuple[int, int],
        speaker: TokenSpan | None,
        cue: TokenSpan | None,
        needs_verb: bool = True,
    ) -> Report | None:
        """The report of a clause: direct when it is one quotation, mixed when it holds quoted
        words, indirect when it has none (then it needs a verb: "said yes" is no statement)."""
        first, last = span
        inside = tuple(m for m in self.marked if first <= m.open_at and marked_span_end(m) <= last)
        if len(inside) == 1:
            m = inside[0]
            outside = self.text[first : m.open_at] + self.text[marked_span_end(m) : last]
            # The quotation is the clause, or opens it as a full statement of its own
            # (insisted “our preference remains that ...” to dial down threats).
            if not any(char.isalnum() for char in outside) or (
                m.open_at == first and self.is_full_statement(m)
            ):
                return Report(m.start, m.end, "direct", speaker, cue, inside)
        if inside:
            return Report(first, last, "mixed", speaker, cue, inside)
        clause = self.doc.char_span(first, last, alignment_mode="expand")
        if clause is None or (needs_verb and (len(clause) < 3 or not any(map(is_verb, clause)))):
            return None
        return Report(first, last, "indirect", speaker, cue)

    def is_full_statement(self, m: Marked) -> bool:
        quoted = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        return (
            quoted is not None
            and len(quoted) >= MIN_WORDS_SENTENCE_QUOTE
            and any(is_verb(t) for t in quoted)
        )
