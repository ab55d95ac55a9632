"""Direct, indirect and mixed quotes, each tied to its speaker.

Three sources, merged per document:
- quotation marks, scanned paragraph by paragraph (`find_marked`): the direct quotes;
- cue words (patterns/quote_cues.jsonl) and the dependency parse: the clause under a speech verb
  is what was said, its subject is the speaker. A clause that is one marked quote makes that quote
  direct; a clause holding quoted words is a mixed quote; a clause without marks is indirect;
- attribution frames (patterns/attribution_frames.jsonl) for what the parse gets wrong: "according
  to X", "..., said X", "X said:" before a quote, and quotes that continue a speaker's paragraph.

The parts: `quotes_marks` (quotation marks), `quotes_parse` (speakers and their mentions in the
parse), `quotes_content` (what a verb reports without a that-clause: the content frames),
`quotes_frames` (according-to and attributions next to a quote), `quotes_reports` (speakers
that quotes without an attribution inherit); this module finds the clauses and resolves the
speakers with `speakers.Cast`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from .doc_text import doc_text
from .facts import Quote, Span, Speaker
from .quotes_content import (
    Content,
    asks_nothing,
    content_of,
    is_no_statement,
    nobody_says,
    reported_clause,
    verb_labels,
)
from .quotes_frames import according_to_reports, adjacent_report
from .quotes_marks import CLOSING_MARKS, OPENING_MARKS, Marked, find_marked, marked_span_end
from .quotes_parse import (
    cue_matcher,
    has_subject,
    inverted_speaker,
    is_dash,
    is_verb,
    mention_of,
    only_modifiers_follow,
    subject_head,
    that_after,
)
from .quotes_reports import MIN_WORDS_SENTENCE_QUOTE, Report, drop_nested, inherit_speakers
from .speaker_types import who_speaks
from .speakers import Cast, Resolved

CLAUSE_END_PUNCT = frozenset({"–", "—", ";", "--"})
# Punctuation that belongs to the last word of a clause ("61.5%", "(VAT)"), not after it.
KEPT_AT_CLAUSE_END = frozenset({"%", ")", "]"})
THAT_WORDS = frozenset({"that"})
# Auxiliaries that mark a verb as reported (backshifted): "said X and would plead not guilty".
REPORTED_AUXILIARIES = frozenset({"would", "could", "should", "might"})
# What a reported range needs to be a statement: a verb, quoted words, or nothing more.
NEEDS_VERB, NEEDS_QUOTE, NEEDS_NOTHING = "verb", "quote", "nothing"


def find_quotes(doc: Doc) -> tuple[list[Quote], list[Speaker]]:
    """The article's quotes in text order, and the speakers they are attributed to."""
    finder = Finder(doc)
    reports = inherit_speakers(finder.text, finder.reports())
    return _resolve(doc, finder.text, reports)


class Finder:
    """The attributions of one document; holds what the rules look up many times."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc_text(doc)
        self.marked = find_marked(self.text)
        self.matches: dict[str, list[TokenSpan]] = {}
        for match_id, start, end in cue_matcher(doc.vocab)(doc):
            label = doc.vocab.strings[match_id]
            self.matches.setdefault(label, []).append(doc[start:end])
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

    def reports(self) -> list[Report]:
        reports = self._cue_reports()
        reports += according_to_reports(self, reports)
        reports = drop_nested(reports)
        covered = {m for report in reports for m in report.marked}
        reports += [adjacent_report(self, m) for m in self.marked if m not in covered]
        reports.sort(key=lambda report: report.start)
        return reports

    # ---- clauses under cue words

    def _cue_reports(self) -> list[Report]:
        reports = []
        for label in ("SPEECH", "DESCRIBE"):
            for cue in self.matches.get(label, []):
                if cue.root.i in self.quoted:
                    continue  # speech reported inside a quotation belongs to the quoted speaker
                report = self._verb_report(cue, label)
                if report is not None:
                    reports.append(report)
        for cue in self.matches.get("NOUN", []):
            if cue.root.i not in self.quoted:
                report = self._noun_report(cue)
                if report is not None:
                    reports.append(report)
        return reports

    def _verb_report(self, cue: TokenSpan, label: str) -> Report | None:
        verb = cue.root
        if self._is_not_said(verb) or is_no_statement(verb):
            return None
        subject = subject_head(verb, self.speech_cues)
        head = who_speaks(subject)
        speaker = mention_of(head) if head is not None else None
        found = self._reported_range(verb, label, speaker, inverted_speaker(verb) is not None)
        if found is None:
            return None
        start, end, needs = found
        # "said X and added Y", "said X and called for Y": the clause stops before a further
        # cue verb of the same speaker.
        for i in range(start, end):
            if i in self.cue_verbs and self.doc[i].dep_ == "conj" and not has_subject(self.doc[i]):
                end = i - 1 if self.doc[i - 1].dep_ == "cc" else i
                break
        span = self.trim(start, end)
        if span is None:
            return None
        clause = self.doc.char_span(*span, alignment_mode="expand")
        if clause is None or asks_nothing(verb, clause[0]):
            return None
        report = self.classify(span, speaker, cue, needs_verb=needs != NEEDS_NOTHING)
        if report is not None and report.kind != "direct" and nobody_says(verb, subject):
            return None
        if report is None or needs != NEEDS_QUOTE:
            return report
        if report.kind == "indirect":
            return None
        if report.kind == "direct" and not self.is_full_statement(report.marked[0]):
            # "warning of “dangerous consequences”": a quoted phrase in reported speech.
            return replace(report, start=span[0], end=span[1], kind="mixed")
        return report

    def _is_not_said(self, verb: Token) -> bool:
        """ "would not say whether ...", "declined to say if ...": what follows was not said."""
        if any(child.dep_ == "neg" for child in verb.children):
            return True
        return verb.dep_ in ("xcomp", "acl") and verb.head.i in self.refusals

    def _reported_range(
        self, verb: Token, label: str, speaker: TokenSpan | None, inverted: bool
    ) -> tuple[int, int, str] | None:
        """The tokens [start, end) of what `verb` reports, and what they need to count: a verb
        (a clause), quoted words (an object: "stressed the UK’s “unwavering” support"), or
        nothing (a content frame's object: "denied every allegation")."""
        if inverted:
            found = self._clause_before(verb)
            return (*found, NEEDS_VERB) if found else None
        clause = reported_clause(verb)
        obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
        if label == "DESCRIBE" and (clause is None or clause.i < verb.i):
            # "termed X a “Y”", "described X as “Y”": the object and what it is called, up
            # to a further cue verb (", adding that ..." is a report of its own).
            if obj is None:
                content = content_of(verb, verb_labels(verb))  # "called on X to"
                return _content_range(content) if content else None
            further = [c.left_edge.i for c in verb.rights if c.i > obj.i and c.i in self.cue_verbs]
            return obj.left_edge.i, min([verb.right_edge.i + 1, *further]), NEEDS_QUOTE
        if clause is not None and clause.i > verb.i:
            return (*self._clause_after(verb, clause, obj), NEEDS_VERB)
        if clause is not None:
            stop = min(verb.i, speaker.start) if speaker is not None else verb.i
            start = max(clause.left_edge.i, self.line_start(verb))
            return start, min(clause.right_edge.i + 1, stop), NEEDS_VERB
        parenthetical = self._parenthetical_range(verb, speaker)
        if parenthetical is not None:
            return (*parenthetical, NEEDS_VERB)
        that = that_after(verb)
        if that is not None:
            return that.i + 1, max(verb.right_edge.i, that.head.right_edge.i) + 1, NEEDS_VERB
        # "said more than 15,000 people registered": the parse made the clause's subject an
        # object and its verb a modifier of it.
        said_clause = label == "SPEECH" and verb.lower_.startswith("sa")
        if (
            obj is not None
            and said_clause
            and any(t.dep_ == "acl" and t.tag_ in ("VBD", "VBN") for t in obj.subtree)
        ):
            return obj.left_edge.i, obj.right_edge.i + 1, NEEDS_VERB
        content = content_of(verb, verb_labels(verb))
        if content is not None:
            return _content_range(content)
        if obj is not None and "CLAUSE_ONLY" not in verb_labels(verb):
            return obj.left_edge.i, obj.right_edge.i + 1, NEEDS_QUOTE
        # "CLAUSE, X said (on Monday, ...)": the parse often leaves the clause unattached.
        if speaker is not None and speaker.start < verb.i and only_modifiers_follow(verb):
            found = self._clause_before(speaker[0])
            return (*found, NEEDS_VERB) if found else None
        return None

    def _clause_after(self, verb: Token, clause: Token, obj: Token | None) -> tuple[int, int]:
        """The tokens of a that-clause after its verb, the time it was said left out."""
        start = max(verb.i + 1, clause.left_edge.i)
        # "said on Tuesday it would ...": the time is when it was said.
        while start < clause.i and verb.doc[start].i in self.times_said:
            start = self.times_said[start]
        # "claimed 87% of voters voted ...": the parse made the clause's subject an object.
        if obj is not None and verb.i < obj.i < clause.i and not has_subject(clause):
            start = obj.left_edge.i
        end = clause.right_edge.i + 1
        # "said his client was devastated and would plead not guilty": the parse hangs the
        # backshifted verb on the cue, but it is still what was said.
        for conj in verb.rights:
            if (
                conj.dep_ == "conj"
                and conj.i > clause.i
                and not has_subject(conj)
                and any(c.dep_ == "aux" and c.lower_ in REPORTED_AUXILIARIES for c in conj.lefts)
            ):
                end = conj.right_edge.i + 1
        return start, end

    def _parenthetical_range(
        self, verb: Token, speaker: TokenSpan | None
    ) -> tuple[int, int] | None:
        """ "The bridge, the mayor said, will reopen in May", "Prices are rising, she said, but
        jobs are strong": an attribution set inside the sentence reports all of it."""
        head = verb.head
        if verb.dep_ != "parataxis" or speaker is None or head.i == verb.i:
            return None
        start, end = max(head.left_edge.i, self.line_start(verb)), head.right_edge.i + 1
        continues = any(not t.is_punct for t in verb.doc[verb.right_edge.i + 1 : end])
        quote_led = verb.doc[start].text[0] in OPENING_MARKS
        return (start, end) if continues and not quote_led else None

    def _clause_before(self, boundary: Token) -> tuple[int, int] | None:
        """For "CLAUSE, X said" and "CLAUSE, said X": the tokens from the start of the
        sentence (or line) to the comma before `boundary`."""
        doc = self.doc
        comma = boundary.i - 1
        while comma >= 0 and doc[comma].text[0] in CLOSING_MARKS:
            comma -= 1
        if comma < 1 or doc[comma].text not in (",", ":"):
            return None
        start = max(boundary.sent.start, self.line_start(boundary))
        if comma - start < 2:
            return None
        return start, comma

    def line_start(self, token: Token) -> int:
        """The first token of `token`'s line: a reported clause never reaches a line above."""
        line_start = self.text.rfind("\n", 0, token.idx) + 1
        span = self.doc.char_span(line_start, token.idx + len(token), alignment_mode="contract")
        return span.start if span is not None else token.i

    def _noun_report(self, cue: TokenSpan) -> Report | None:
        """ "claims by Ukrainian officials that ...", "Moscow's statement that ..."."""
        noun = cue.root
        clause = next(
            (
                c
                for c in noun.rights
                if c.dep_ in ("acl", "ccomp") and any(t.lower_ == "that" for t in c.lefts)
            ),
            None,
        )
        if clause is None:
            return None
        source = None
        for child in noun.children:
            if child.dep_ == "poss":
                source = child
            elif child.dep_ == "prep" and child.lower_ == "by":
                source = next((t for t in child.children if t.dep_ == "pobj"), None)
        if source is None:
            return None
        span = self.trim(clause.left_edge.i, clause.right_edge.i + 1)
        if span is None:
            return None
        return self.classify(span, mention_of(source), cue)

    # ---- spans and kinds

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


def _content_range(content: Content) -> tuple[int, int, str]:
    return content.start, content.end, NEEDS_QUOTE if content.needs_quote else NEEDS_NOTHING


def _resolve(doc: Doc, text: str, reports: list[Report]) -> tuple[list[Quote], list[Speaker]]:
    cast = Cast(doc, [(report.start, report.end) for report in reports])
    quotes = []
    resolved_by_mention: dict[tuple[int, int], Resolved | None] = {}
    for report in reports:
        mention = report.speaker
        resolved = None
        if mention is not None:
            key = (mention.start, mention.end)
            if key not in resolved_by_mention:
                found = resolved_by_mention[key] = cast.resolve(mention)
                if found is not None:
                    cast.record(mention, found)
            resolved = resolved_by_mention[key]
        quotes.append(
            Quote(
                text=text[report.start : report.end],
                start=report.start,
                end=report.end,
                kind=report.kind,
                speaker=resolved.name if resolved else None,
                speaker_mention=_span(mention),
                cue=_span(report.cue),
            )
        )
    counts = Counter(quote.speaker for quote in quotes if quote.speaker)
    return quotes, cast.speakers(counts)


def _span(tokens: TokenSpan | None) -> Span | None:
    if tokens is None:
        return None
    return Span(tokens.text, tokens.start_char, tokens.end_char)
