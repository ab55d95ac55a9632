"""Direct, indirect and mixed quotes, each tied to its speaker.

Three sources, merged per document:
- quotation marks, scanned paragraph by paragraph (`find_marked`): the direct quotes;
- cue words (patterns/quote_cues.jsonl) and the dependency parse: the clause under a speech verb
  is what was said, its subject is the speaker. A clause that is one marked quote makes that quote
  direct; a clause holding quoted words is a mixed quote; a clause without marks is indirect;
- attribution frames (patterns/attribution_frames.jsonl) for what the parse gets wrong: "according
  to X", "..., said X", "X said:" before a quote, and quotes that continue a speaker's paragraph.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container
from dataclasses import replace
from functools import cache

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan
from spacy.vocab import Vocab

from .doc_text import doc_text
from .facts import Quote, Span, Speaker
from .patterns import load_patterns
from .quotes_content import (
    CONTENT_LABELS,
    Content,
    asks_nothing,
    content_of,
    is_count_or_object_of_noun,
)
from .quotes_marks import CLOSING_MARKS, OPENING_MARKS, Marked, find_marked, marked_span_end
from .quotes_reports import MIN_WORDS_SENTENCE_QUOTE, Report, inherit_speakers
from .speaker_types import is_nominal_adjective, who_speaks
from .speakers import Cast, Resolved, title_words

CLAUSE_END_PUNCT = frozenset({"–", "—", ";", "--"})
# Dashes between words; a spaced hyphen ("BERLIN (Reuters) - ...") is one too.
DASHES = frozenset({"–", "—", "--"})
# Punctuation that belongs to the last word of a clause ("61.5%", "(VAT)"), not after it.
KEPT_AT_CLAUSE_END = frozenset({"%", ")", "]"})
THAT_WORDS = frozenset({"that"})
# Tokens after a cue verb in which its "that" may come ("told investors on a call that").
THAT_WINDOW = 12
# Parts of speech a speaker's head word can have.
SPEAKER_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
# Dependents of a cue verb that say when, where or why it was said, not what.
VERB_MODIFIER_DEPS = frozenset({"prep", "npadvmod", "advmod", "advcl", "punct", "agent"})
# Auxiliaries that mark a verb as reported (backshifted): "said X and would plead not guilty".
REPORTED_AUXILIARIES = frozenset({"would", "could", "should", "might"})
# What a reported range needs to be a statement: a verb, quoted words, or nothing more.
NEEDS_VERB, NEEDS_QUOTE, NEEDS_NOTHING = "verb", "quote", "nothing"
# How many tokens after a closing mark, or before an opening one, the attribution may sit.
ATTRIBUTION_WINDOW = 8


def find_quotes(doc: Doc) -> tuple[list[Quote], list[Speaker]]:
    """The article's quotes in text order, and the speakers they are attributed to."""
    finder = _Finder(doc)
    reports = inherit_speakers(finder.text, finder.reports())
    return _resolve(doc, finder.text, reports)


# ---------------------------------------------------------------- cues and the parse


@cache
def _matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    for name in ("quote_cues", "attribution_frames"):
        for entry in load_patterns(name):
            matcher.add(entry["label"], [entry["pattern"]])
    return matcher


def subject_of(verb: Token, cues: Container[int] = ()) -> Token | None:
    """The speaker of a cue verb: its subject, or that of the verb it hangs from
    ("Stressing that ..., he said"; "..., telling the US president that"). `cues` are the
    token indices of the document's cue verbs."""
    for _ in range(3):
        speaker, above = _host_of(verb)
        if speaker is not None:
            return speaker
        if above is not None:
            verb = above
            continue
        # Two subjects are a misparse ("“The line held,” X said"): the nearer one is the speaker.
        subjects = sorted(
            (c for c in verb.children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - verb.i)
        )
        if subjects:
            if subjects[0].tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head
            return subjects[0]
        for child in verb.children:
            if child.dep_ == "agent":
                return next((t for t in child.children if t.dep_ == "pobj"), None)
        if any(child.dep_ == "nsubjpass" for child in verb.children):
            return None
        if verb.dep_ not in ("conj", "advcl", "xcomp") or verb.head.i == verb.i:
            return None
        if verb.dep_ in ("conj", "advcl") and verb.i in cues:
            # "said the UK was helping and added ...", "said X would ..., adding that": the
            # parse may hang the second cue on the reported verb; the speaker is that of the
            # cue verb above.
            above = next((t for t in verb.ancestors if t.i in cues), None)
            if above is not None:
                verb = above
                continue
        verb = verb.head
    return None


def _host_of(verb: Token) -> tuple[Token | None, Token | None]:
    """For a cue verb the parse hung off the main line: (its speaker, if that is plain, or the
    verb whose subject is its speaker). "prompted users to argue that": the object speaks;
    "after accusing them of", "issued a statement warning of", "posted on Twitter accusing X":
    the participle says what the sentence's subject did; "The company, ..., confirmed that"
    and "X, the parent company, announced on Sept. 30 that": a verb read as a noun's modifier."""
    controller = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    if verb.dep_ == "xcomp" and controller is not None and not _has_subject(verb):
        return controller, None
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        return None, verb.head.head
    if verb.dep_ == "dobj" and verb.tag_ == "VBG" and verb.head.pos_ == "VERB":
        return None, verb.head
    if verb.dep_ != "acl":
        return None, None
    finite = verb.head.dep_ == "ROOT" and verb.tag_ in ("VBD", "VBZ", "VBP")
    says_that = any(
        c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.lefts) for c in verb.rights
    )
    if finite or (says_that and verb.head.pos_ in ("NOUN", "PROPN")):
        return verb.head, None
    if verb.head.dep_ in ("dobj", "pobj") and verb.tag_ == "VBG":
        return None, next(a for a in verb.ancestors if a.pos_ == "VERB" or a.dep_ == "ROOT")
    return None, None


def inverted_speaker(verb: Token) -> Token | None:
    """The speaker after the verb in "CLAUSE, said X" / "“...”, asserted X" (the parse often
    makes X an object): the noun phrase that ends the sentence right after a comma-led verb."""
    before = verb.i - 1
    while before >= 0 and verb.doc[before].text[0] in CLOSING_MARKS:
        before -= 1
    if before < 0 or verb.doc[before].text != ",":
        return None
    # "X, spokesman for Y, told Z": the comma closes the subject's apposition; Z is no speaker.
    if any(c.dep_ == "nsubj" and c.right_edge.i == before for c in verb.lefts):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.lefts):
        return None
    following = [t for t in verb.rights if t.dep_ in ("nsubj", "dobj")]
    if (
        following
        and following[0].pos_ in ("NOUN", "PROPN")
        and _ends_statement(verb.doc[following[0].right_edge.i + 1 :])
    ):
        return following[0]
    return _name_after(verb)


def _name_after(verb: Token) -> Token | None:
    """ "..., said the company’s newly named chair Ana Ruiz in an email": the noun phrase
    right after the verb, up to a preposition or punctuation, when the parse split it."""
    run: list[Token] = []
    for token in verb.doc[verb.i + 1 : verb.sent.end]:
        if token.pos_ in ("ADP", "SCONJ", "CCONJ") or (token.is_punct and token.tag_ != "POS"):
            break
        if token.pos_ in ("VERB", "AUX") and token.tag_ != "VBN":
            return None
        run.append(token)
    nouns = [t for t in run if t.pos_ in ("NOUN", "PROPN")]
    return nouns[-1] if nouns and nouns[-1].pos_ == "PROPN" else None


def _only_modifiers_follow(verb: Token) -> bool:
    """Nothing but the verb's own circumstances ("on Monday", ", citing ...", ", after a row
    ...") follows it to the end of the sentence or line: no object, no clause of its own."""
    modifiers = [child for child in verb.rights if not child.is_space]
    if any(child.dep_ not in VERB_MODIFIER_DEPS for child in modifiers):
        return False
    last = modifiers[-1].right_edge.i if modifiers else verb.i
    return _ends_statement(verb.doc[last + 1 :])


def _ends_statement(rest: TokenSpan) -> bool:
    """Nothing but punctuation follows until the end of the sentence or line."""
    for token in rest:
        if "\n" in token.text or token.is_sent_start:
            return True
        if not token.is_punct:
            return False
    return True


def speaker_of(verb: Token, cues: Container[int] = ()) -> Token | None:
    """The head of the speaker's noun phrase for a cue verb, on the verb's own line (a parse
    that runs a caption into the next paragraph must not make the caption the speaker); never a
    figure ("Fifty-one percent said"), and a document's author for the document."""
    return who_speaks(_subject_head(verb, cues))


def _subject_head(verb: Token, cues: Container[int]) -> Token | None:
    head = inverted_speaker(verb) or subject_of(verb, cues)
    opening_end = _opening_adverbial_end(verb)
    if opening_end is not None and (head is None or head.i < opening_end):
        # "Outside court, the son ... said", "In mitigation, Anne Fairley, defending, said":
        # the parse takes the opening phrase for the subject or finds none.
        head = _phrase_before(verb, opening_end + 1)
    if head is not None and head.pos_ not in SPEAKER_POS and not is_nominal_adjective(head):
        return None
    if head is not None and head.i < verb.i:
        # "WASHINGTON (AP) — The agency said": the speaker follows the dateline's dash.
        dash = next((t for t in reversed(verb.doc[head.i : verb.i]) if _is_dash(t)), None)
        if dash is not None:
            head = _phrase_before(verb, dash.i + 1)
    if head is None or "\n" not in verb.doc[min(head.i, verb.i) : max(head.i, verb.i)].text:
        return head
    before = verb.i - 1
    while before >= 0 and verb.doc[before].dep_ in ("aux", "auxpass", "neg", "advmod"):
        before -= 1
    token = verb.doc[before]
    if token.pos_ in ("NOUN", "PROPN", "PRON") and "\n" not in verb.doc[before : verb.i].text:
        return token
    return None


def mention_of(head: Token) -> TokenSpan:
    """The noun phrase a speaker is cited by: the head with its left modifiers and, for a
    common noun, an "of" phrase ("authorities of the so-called Luhansk People’s Republic")."""
    doc = head.doc
    # "One of them, a nurse, said", "Another, a junior doctor, said": the apposition says who.
    if head.tag_ in ("CD", "DT"):
        described = next((c for c in head.rights if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
        if described is not None:
            return mention_of(described)
    if head.pos_ == "PRON":
        return doc[head.i : head.i + 1]
    # "US Ambassador to Ukraine, Bridget A Brink", "Its chief executive, Helen Dickinson",
    # "the farmers’ union the NFU": the name in apposition is the speaker.
    words = title_words()
    if head.pos_ == "NOUN" or head.lower_ in words.titles:
        named = _closing_apposition(head)
        if named is not None:
            return mention_of(named)
        for child in head.rights:
            if (
                child.dep_ in ("appos", "conj")
                and child.pos_ == "PROPN"
                and not any(t.dep_ == "cc" for t in doc[head.i : child.i])
            ) or (child.ent_type_ and child.i == head.i + 2 and doc[head.i + 1].pos_ == "DET"):
                return mention_of(child)
    start = head.left_edge.i
    while start < head.i and (
        doc[start].is_punct
        or doc[start].dep_ in ("cc", "preconj")
        or "\n" in doc[start : head.i].text
        or any(_is_dash(t) for t in doc[start : head.i])  # a dateline before the speaker
    ):
        start += 1
    end = head.i + 1
    # "a spokesperson for the board", "an economist at the bank": the source's affiliation.
    affiliation = ("of", "for", "at") if head.lower_ in words.titles | words.institutional else ()
    for child in head.rights:
        if child.dep_ == "prep" and head.pos_ != "PROPN" and child.lower_ in ("of", *affiliation):
            end = child.right_edge.i + 1
        elif child.dep_ in ("compound", "flat", "case"):
            end = child.i + 1
        else:
            break
    # A name the parse cut ("Institute for Fiscal Studies"): the whole entity.
    if head.ent_iob_ in ("B", "I"):
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
    return doc[start:end]


def _closing_apposition(head: Token) -> Token | None:
    """ "The company that runs the awards, Dick Clark Productions, denies": a name in
    apposition that closes the subject, which the parse hung on a word of its relative clause."""
    last = max(t.i for t in head.subtree if not t.is_punct)
    named = head.doc[last]
    relative = any(t.dep_ == "relcl" for t in named.ancestors if head.i < t.i < named.i)
    if named.dep_ == "appos" and named.pos_ == "PROPN" and named.ent_type_ and relative:
        return named
    return None


@cache
def _opening_prepositions() -> frozenset[str]:
    """The OPENING_PREPOSITION words of the attribution frames."""
    entry = next(
        e for e in load_patterns("attribution_frames") if e["label"] == "OPENING_PREPOSITION"
    )
    return frozenset(entry["pattern"][0]["LOWER"]["IN"])


def _opening_adverbial_end(verb: Token) -> int | None:
    """The comma that closes an adverbial opening the verb's sentence ("In mitigation,",
    "Outside court,", "On Monday,") before the verb, if there is one."""
    sentence = verb.sent
    first = sentence[0]
    if first.pos_ not in ("ADP", "ADV", "SCONJ") and first.lower_ not in _opening_prepositions():
        return None
    return next((t.i for t in verb.doc[sentence.start : verb.i] if t.text == ","), None)


def _phrase_before(verb: Token, start: int) -> Token | None:
    """The head of the speaker phrase between `start` and the verb: the first comma-separated
    phrase that is not an opening adverbial ("In a statement,") nor a date; the phrases after
    it are its appositions ("Northwind Inc. (NYSE: NWE), a power producer, today announced")."""
    phrases: list[list[Token]] = [[]]
    depth = 0
    for token in verb.doc[start : verb.i]:
        depth += (token.text in "([") - (token.text in ")]")
        if token.text == "," and depth == 0:
            phrases.append([])
        else:
            phrases[-1].append(token)
    for number, phrase in enumerate(phrases):
        words = [t for t in phrase if not t.is_punct]
        if number == 0 and len(phrases) > 1 and words and words[0].pos_ in ("ADP", "ADV"):
            continue
        nouns = [
            t for t in words if t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in ("DATE", "TIME")
        ]
        if nouns:
            return _phrase_head(nouns[0], phrase)
    return None


def _phrase_head(token: Token, tokens: list[Token]) -> Token:
    """The head of the noun phrase `token` is in, within `tokens`."""
    indices = {t.i for t in tokens}
    while token.head.i in indices and token.head.i != token.i and token.dep_ != "appos":
        token = token.head
    return token


def _is_dash(token: Token) -> bool:
    """A dash between words, not a hyphen inside one."""
    if token.text in DASHES:
        return True
    spaced_before = token.i > 0 and bool(token.doc[token.i - 1].whitespace_)
    return token.text == "-" and bool(token.whitespace_) and spaced_before


def _has_subject(verb: Token) -> bool:
    return any(child.dep_ in ("nsubj", "nsubjpass", "expl") for child in verb.children)


class _Finder:
    """The attributions of one document; holds what the rules look up many times."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc_text(doc)
        self.marked = find_marked(self.text)
        self.matches: dict[str, list[TokenSpan]] = {}
        for match_id, start, end in _matcher(doc.vocab)(doc):
            label = doc.vocab.strings[match_id]
            self.matches.setdefault(label, []).append(doc[start:end])
        self.speech_cues = {span.root.i: span for span in self.matches.get("SPEECH", [])}
        # Verbs of saying and of naming ("called for a debate" ends what was said before it).
        self.cue_verbs = set(self.speech_cues) | {
            span.root.i for span in self.matches.get("DESCRIBE", [])
        }
        self.refusals = {span.root.i for span in self.matches.get("REFUSAL", [])}
        self.question_verbs = {span.root.i for span in self.matches.get("QUESTION", [])}
        self.count_heads = {span.root.i for span in self.matches.get("COUNT_HEAD", [])}
        self.clause_only = {span.root.i for span in self.matches.get("CLAUSE_ONLY", [])}
        # Token index -> the content frames its verb has (quotes_content).
        self.frames: dict[int, set[str]] = {}
        for label in CONTENT_LABELS:
            for span in self.matches.get(label, []):
                self.frames.setdefault(span.root.i, set()).add(label)
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
        reports += self._according_to_reports(reports)
        reports = _drop_nested(reports)
        covered = {m for report in reports for m in report.marked}
        reports += [self._adjacent_report(m) for m in self.marked if m not in covered]
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
        if self._is_not_said(verb) or is_count_or_object_of_noun(verb, self.count_heads):
            return None
        head = speaker_of(verb, self.speech_cues)
        speaker = mention_of(head) if head is not None else None
        found = self._reported_range(verb, label, speaker, inverted_speaker(verb) is not None)
        if found is None:
            return None
        start, end, needs = found
        # "said X and added Y", "said X and called for Y": the clause stops before a further
        # cue verb of the same speaker.
        for i in range(start, end):
            if i in self.cue_verbs and self.doc[i].dep_ == "conj" and not _has_subject(self.doc[i]):
                end = i - 1 if self.doc[i - 1].dep_ == "cc" else i
                break
        span = self._trim(start, end)
        if span is None:
            return None
        clause = self.doc.char_span(*span, alignment_mode="expand")
        if clause is None or asks_nothing(verb, clause[0], self.question_verbs):
            return None
        report = self._classify(span, speaker, cue, needs_verb=needs != NEEDS_NOTHING)
        if report is None or needs != NEEDS_QUOTE:
            return report
        if report.kind == "indirect":
            return None
        if report.kind == "direct" and not self._is_full_statement(report.marked[0]):
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
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if (
            clause is not None
            and verb.dep_ != "relcl"  # "which he said had proved “vital”" is reported
            and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in clause.lefts
            )
        ):
            clause = None  # "reported wait times that exceeded two hours": a relative clause
        obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
        if label == "DESCRIBE" and (clause is None or clause.i < verb.i):
            # "termed X a “Y”", "described X as “Y”": the object and what it is called, up
            # to a further cue verb (", adding that ..." is a report of its own).
            if obj is None:
                content = content_of(verb, self.frames.get(verb.i, set()))  # "called on X to"
                return _content_range(content) if content else None
            further = [c.left_edge.i for c in verb.rights if c.i > obj.i and c.i in self.cue_verbs]
            return obj.left_edge.i, min([verb.right_edge.i + 1, *further]), NEEDS_QUOTE
        if clause is not None and clause.i > verb.i:
            start = max(verb.i + 1, clause.left_edge.i)
            # "said on Tuesday it would ...": the time is when it was said.
            while start < clause.i and verb.doc[start].i in self.times_said:
                start = self.times_said[start]
            # "claimed 87% of voters voted ...": the parse made the clause's subject an object.
            if obj is not None and verb.i < obj.i < clause.i and not _has_subject(clause):
                start = obj.left_edge.i
            end = clause.right_edge.i + 1
            # "said his client was devastated and would plead not guilty": the parse hangs the
            # backshifted verb on the cue, but it is still what was said.
            for conj in verb.rights:
                if (
                    conj.dep_ == "conj"
                    and conj.i > clause.i
                    and not _has_subject(conj)
                    and any(
                        c.dep_ == "aux" and c.lower_ in REPORTED_AUXILIARIES for c in conj.lefts
                    )
                ):
                    end = conj.right_edge.i + 1
            return start, end, NEEDS_VERB
        if clause is not None:
            stop = min(verb.i, speaker.start) if speaker is not None else verb.i
            start = max(clause.left_edge.i, self._line_start(verb))
            return start, min(clause.right_edge.i + 1, stop), NEEDS_VERB
        that = _that_after(verb)
        if that is not None:
            return that.i + 1, max(verb.right_edge.i, that.head.right_edge.i) + 1, NEEDS_VERB
        # "said more than 15,000 people registered": the parse made the clause's subject an
        # object and its verb a modifier of it.
        said_clause = obj is not None and label == "SPEECH" and verb.lower_.startswith("sa")
        if said_clause and any(t.dep_ == "acl" and t.tag_ in ("VBD", "VBN") for t in obj.subtree):
            return obj.left_edge.i, obj.right_edge.i + 1, NEEDS_VERB
        content = content_of(verb, self.frames.get(verb.i, set()))
        if content is not None:
            return _content_range(content)
        if obj is not None and verb.i not in self.clause_only:
            return obj.left_edge.i, obj.right_edge.i + 1, NEEDS_QUOTE
        # "CLAUSE, X said (on Monday, ...)": the parse often leaves the clause unattached.
        if speaker is not None and speaker.start < verb.i and _only_modifiers_follow(verb):
            found = self._clause_before(speaker[0])
            return (*found, NEEDS_VERB) if found else None
        return None

    def _clause_before(self, boundary: Token) -> tuple[int, int] | None:
        """For "CLAUSE, X said" and "CLAUSE, said X": the tokens from the start of the
        sentence (or line) to the comma before `boundary`."""
        doc = self.doc
        comma = boundary.i - 1
        while comma >= 0 and doc[comma].text[0] in CLOSING_MARKS:
            comma -= 1
        if comma < 1 or doc[comma].text not in (",", ":"):
            return None
        start = max(boundary.sent.start, self._line_start(boundary))
        if comma - start < 2:
            return None
        return start, comma

    def _line_start(self, token: Token) -> int:
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
        span = self._trim(clause.left_edge.i, clause.right_edge.i + 1)
        if span is None:
            return None
        return self._classify(span, mention_of(source), cue)

    def _according_to_reports(self, reports: list[Report]) -> list[Report]:
        """ "According to X, ...": X is the source of the rest of the sentence, unless the
        sentence has a speech verb of its own ("Putin said, according to his aide, that ...")."""
        found = []
        cue_positions = [r.cue.start_char for r in reports if r.cue is not None]
        for frame in self.matches.get("ACCORDING_TO", []):
            sentence = frame.sent
            if any(sentence.start_char <= p < sentence.end_char for p in cue_positions):
                continue
            source_end = self._source_phrase_end(frame, sentence.end)
            source = self._source_of(self.doc[frame.end : source_end], frame)
            if source is None:
                continue
            after = self.doc[source_end + 1] if source_end + 1 < sentence.end else None
            # "X is investigating Y, according to two people, adding to its problems": a
            # participle after the source is the writer's comment, not the source's words.
            comment_after = after is not None and after.tag_ in ("VBG", "VBN", "WDT")
            if comment_after or frame.start - sentence.start > sentence.end - source_end:
                token_range = sentence.start, frame.start
            else:
                token_range = source_end, sentence.end
            span = self._trim(*token_range)
            report = self._classify(span, mention_of(source), frame) if span else None
            if report is not None:
                found.append(report)
        return found

    def _source_phrase_end(self, frame: TokenSpan, sentence_end: int) -> int:
        """Where X ends in "according to X, ...": at the first comma outside quotes (the
        parse often runs a long X into the clause), else where the parse ends it."""
        for i in range(frame.end, sentence_end):
            if self.doc[i].text == "," and i not in self.quoted:
                return i
        source = next((t for t in frame[-1].children if t.dep_ == "pobj"), None)
        return source.right_edge.i + 1 if source is not None else sentence_end

    @staticmethod
    def _source_of(phrase: TokenSpan, frame: TokenSpan) -> Token | None:
        """The speaker in X of "according to X": who made a document ("figures published by
        the ONS", "a poll ... carried out by Ardmore Research", "data from LSEG"), else X."""
        for token in phrase:
            if token.lower_ in ("by", "from") and token.dep_ in ("agent", "prep"):
                agent = next((t for t in token.children if t.dep_ == "pobj"), None)
                if agent is not None and agent.pos_ == "PROPN":
                    return agent
        source = next((t for t in frame[-1].children if t.dep_ == "pobj"), None)
        if source is not None and phrase.start <= source.i < phrase.end:
            return source
        nouns = [t for t in phrase if t.pos_ in ("NOUN", "PROPN")]
        return _phrase_head(nouns[0], list(phrase)) if nouns else None

    # ---- spans and kinds

    def _trim(self, start: int, end: int) -> tuple[int, int] | None:
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
            if _is_dash(doc[i]) and i not in self.quoted:
                if not any(_is_verb(t) for t in doc[start:i]):
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
            ends_clause = token.text in CLAUSE_END_PUNCT or _is_dash(token)
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

    def _classify(
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
                m.open_at == first and self._is_full_statement(m)
            ):
                return Report(m.start, m.end, "direct", speaker, cue, inside)
        if inside:
            return Report(first, last, "mixed", speaker, cue, inside)
        clause = self.doc.char_span(first, last, alignment_mode="expand")
        if clause is None or (needs_verb and (len(clause) < 3 or not any(map(_is_verb, clause)))):
            return None
        return Report(first, last, "indirect", speaker, cue)

    def _is_full_statement(self, m: Marked) -> bool:
        quoted = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        return (
            quoted is not None
            and len(quoted) >= MIN_WORDS_SENTENCE_QUOTE
            and any(_is_verb(t) for t in quoted)
        )

    # ---- quotations next to their attribution

    def _adjacent_report(self, m: Marked) -> Report:
        """A quotation the parse did not put under a cue: “...,” X said / said X just after
        the closing mark, or "X said:" / "the following statement:" just before the opening one.
        Without either, it has no speaker (yet)."""
        return (
            self._attribution_after(m)
            or self._attribution_before(m)
            or Report(m.start, m.end, "direct", None, None, (m,))
        )

    def _attribution_after(self, m: Marked) -> Report | None:
        if m.close_end is None:
            return None
        after = self.doc.char_span(m.close_end, len(self.text), alignment_mode="expand")
        if after is None:
            return None
        # The window counts no apposition: "X, the chief executive of Y, told Z" is as near.
        window: list[Token] = []
        apposition: set[int] = set()
        for token in after:
            if len(window) - len(apposition) >= ATTRIBUTION_WINDOW or (
                token.text in (".", "!", "?")
                or "\n" in token.text
                or token.text[0] in OPENING_MARKS
            ):
                break
            window.append(token)
            if token.dep_ == "appos" and token.head.i < token.i:
                apposition.update(t.i for t in token.subtree)
        for position, token in enumerate(window):
            if token.i not in self.speech_cues:
                continue
            between = [t for t in window[:position] if not t.is_punct and t.i not in apposition]
            if any(t.pos_ in ("VERB", "AUX") for t in between):
                return None
            closed_sentence = self.text[m.end : m.close_end].strip()[:1] in (".", "!", "?")
            if closed_sentence and any(c.dep_ == "ccomp" and c.i > token.i for c in token.children):
                return None  # “A sign.” Ann Bell said the march was calm: her own statement
            head = speaker_of(token, self.speech_cues)
            if between:
                nouns = [t for t in between if t.pos_ in ("NOUN", "PROPN", "PRON")]
                head = _phrase_head(nouns[-1], between) if nouns else head
            elif head is None:
                rest = [t for t in window[position + 1 :] if not t.is_punct]
                nouns = [t for t in rest if t.pos_ in ("NOUN", "PROPN", "PRON")]
                head = _phrase_head(nouns[-1], rest) if nouns else None
            if head is None:
                return None
            return Report(
                m.start, m.end, "direct", mention_of(head), self.speech_cues[token.i], (m,)
            )
        return None

    def _attribution_before(self, m: Marked) -> Report | None:
        """ "X said: “...”", "X said, “...”", and a paragraph ending "... statement:"."""
        before = self.text[: m.open_at].rstrip()
        if not before.endswith((":", ",")):
            return None
        if before.endswith(",") and "\n" in self.text[len(before) : m.open_at]:
            return None
        colon = self.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if colon is None:
            return None
        sentence = self.doc[colon.sent.start : colon.start]
        line_start = self._line_start(colon[0])
        label = self.doc[line_start : colon.start]
        if 0 < len(label) <= 4 and all(t.pos_ in ("PROPN", "NOUN") for t in label):
            # A line "First Minister: “...”" (live blogs, headlines): the label is the speaker.
            return Report(m.start, m.end, "direct", label, None, (m,))
        for token in reversed(sentence[-ATTRIBUTION_WINDOW * 2 :]):
            has_statement = any(
                t.i in self.statement_nouns for t in token.subtree if t.i < colon.start
            )
            if _is_verb(token) and (token.i in self.speech_cues or has_statement):
                head = speaker_of(token, self.speech_cues)
                if head is None:
                    return None
                cue = self.speech_cues.get(token.i, self.doc[token.i : token.i + 1])
                return Report(m.start, m.end, "direct", mention_of(head), cue, (m,))
        return None


def _content_range(content: Content) -> tuple[int, int, str]:
    return content.start, content.end, NEEDS_QUOTE if content.needs_quote else NEEDS_NOTHING


def _is_verb(token: Token) -> bool:
    return token.tag_.startswith(("VB", "MD"))


def _that_after(verb: Token) -> Token | None:
    """The "that" opening what `verb` reports when the parse hung the clause elsewhere: "said
    that in a call ... the UK would" (taken for an object), "told investors on a call that",
    "told teachers who covered the lawn that"; never a relative pronoun ("reported wait times
    that exceeded two hours")."""
    doc = verb.doc
    for token in doc[verb.i + 1 : min(verb.i + 1 + THAT_WINDOW, verb.sent.end)]:
        if token.lower_ == "that":
            relative = token.tag_ == "WDT" or token.dep_ in ("nsubj", "nsubjpass", "dobj")
            return None if relative else token
        in_relative = any(t.dep_ == "relcl" for t in (token, *token.ancestors) if t.i > verb.i)
        finite = _is_verb(token) and token.tag_ not in ("VBG", "VBN")
        if token.is_punct or (finite and not in_relative):
            return None
    return None


def _drop_nested(reports: list[Report]) -> list[Report]:
    """One report per statement: a report whose cue lies inside another's span is the inner
    source of a nested attribution, and the outer source keeps the quotation; of two reports
    of the same words, the first found stays."""
    kept: list[Report] = []
    for report in reports:
        cue_at = report.cue.start_char if report.cue is not None else -1
        if any(o.start <= cue_at < o.end for o in reports if o is not report):
            continue
        if any(o.start < report.end and report.start < o.end for o in kept):
            continue
        kept.append(report)
    return kept


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
                resolved_by_mention[key] = cast.resolve(mention)
                if resolved_by_mention[key] is not None:
                    cast.record(mention, resolved_by_mention[key])
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
