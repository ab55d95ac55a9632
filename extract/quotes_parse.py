"""The parse around a cue word: who its speaker is, and the noun phrase that cites them.

The speaker of a cue verb is its subject, or that of the verb it hangs from; inverted
attributions ("..., said X") and the parse's usual slips (a verb read as a noun's modifier, an
opening adverbial taken for the subject, a dateline before the subject) are read here.
"""

from __future__ import annotations

from collections.abc import Container
from functools import cache

from spacy.matcher import Matcher
from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token
from spacy.vocab import Vocab

from .patterns import load_patterns
from .quotes_marks import CLOSING_MARKS
from .speaker_names import given_names, place_tokens
from .speaker_types import is_nominal_adjective, who_speaks
from .speakers_words import title_words

# Dashes between words; a spaced hyphen ("BERLIN (Reuters) - ...") is one too.
DASHES = frozenset({"–", "—", "--"})
# Tokens after a cue verb in which its "that" may come ("told investors on a call that").
THAT_WINDOW = 12
# Parts of speech a speaker's head word can have.
SPEAKER_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
# Dependents of a cue verb that say when, where or why it was said, not what.
VERB_MODIFIER_DEPS = frozenset({"prep", "npadvmod", "advmod", "advcl", "punct", "agent"})


@cache
def cue_matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    for name in ("quote_cues", "attribution_frames"):
        for entry in load_patterns(name):
            if not entry.get("word_list"):  # word lists are looked up by word, not matched
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
    if has_subject(verb):
        return None, None  # "with Audi suggesting that ...": its own subject speaks
    controller = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    if verb.dep_ == "xcomp" and controller is not None:
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
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # ", telling Cook, “...”": a participle's object is its listener
    run: list[Token] = []
    for token in verb.doc[verb.i + 1 : verb.sent.end]:
        if token.pos_ in ("ADP", "SCONJ", "CCONJ") or (token.is_punct and token.tag_ != "POS"):
            break
        if token.pos_ in ("VERB", "AUX") and token.tag_ != "VBN":
            return None
        run.append(token)
    nouns = [t for t in run if t.pos_ in ("NOUN", "PROPN")]
    return nouns[-1] if nouns and nouns[-1].pos_ == "PROPN" else None


def only_modifiers_follow(verb: Token) -> bool:
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
    return who_speaks(subject_head(verb, cues))


def subject_head(verb: Token, cues: Container[int] = ()) -> Token | None:
    """The head of the cue verb's subject, whatever it is (a figure, a document, a person)."""
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
        dash = next((t for t in reversed(verb.doc[head.i : verb.i]) if is_dash(t)), None)
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
        if named is not None and named.dep_ != "appos":
            # The holder at the end of a title's phrase: the name and its given names only.
            entity = [e for e in doc.ents if e.start <= named.i < e.end and e.label_ == "PERSON"]
            name = entity[0] if entity else doc[named.i : named.i + 1]
            return doc[name.start - len(given_names(name)) : name.end]
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
        or any(is_dash(t) for t in doc[start : head.i])  # a dateline before the speaker
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
    apposition that closes the subject, which the parse hung on a word of its relative clause;
    "U.S. Attorney for the Northern District of Texas Erin Cox": the title's holder, named at
    the end of the title's phrase."""
    last = max(t.i for t in head.subtree if not t.is_punct)
    named = head.doc[last]
    relative = any(t.dep_ == "relcl" for t in named.ancestors if head.i < t.i < named.i)
    if named.dep_ == "appos" and named.pos_ == "PROPN" and named.ent_type_ and relative:
        return named
    places = place_tokens(head.doc)
    holder = named.pos_ == "PROPN" and named.ent_type_ in ("PERSON", "") and named.i not in places
    if head.lower_ in title_words().titles and holder and named.i > head.i:
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
            return phrase_head(nouns[0], phrase)
    return None


def phrase_head(token: Token, tokens: list[Token]) -> Token:
    """The head of the noun phrase `token` is in, within `tokens`."""
    indices = {t.i for t in tokens}
    while token.head.i in indices and token.head.i != token.i and token.dep_ != "appos":
        token = token.head
    return token


def is_dash(token: Token) -> bool:
    """A dash between words, not a hyphen inside one."""
    if token.text in DASHES:
        return True
    spaced_before = token.i > 0 and bool(token.doc[token.i - 1].whitespace_)
    return token.text == "-" and bool(token.whitespace_) and spaced_before


def has_subject(verb: Token) -> bool:
    return any(child.dep_ in ("nsubj", "nsubjpass", "expl") for child in verb.children)


def is_verb(token: Token) -> bool:
    return token.tag_.startswith(("VB", "MD"))


def that_after(verb: Token) -> Token | None:
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
        finite = is_verb(token) and token.tag_ not in ("VBG", "VBN")
        if token.is_punct or (finite and not in_relative):
            return None
    return None
