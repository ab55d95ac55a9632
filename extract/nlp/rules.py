"""The rule files of `patterns/`: one loader and checker, and one compiler for every reader.

A rule row has spaCy's `{"label", "pattern"}` shape (what `SpanRuler` consumes). `compile_rules`
sends a row that is only words (each token a LOWER word or list of words) to a PhraseMatcher,
which looks words up by hash, and every other row to a Matcher, which tries each pattern at each
token: with many rows the PhraseMatcher is much cheaper. `RuleSet.spans` runs both on a Doc and
writes the labelled matches to `doc.spans[key]`.

Word lists that a reader only tests one token against (`"word_list": true` rows) are not
compiled: a set lookup by word is cheaper than matching them (see `word_list_rows`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import product
from typing import Any

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..patterns import load_patterns


def rule_rows(name: str) -> list[dict[str, Any]]:
    """The rows of `patterns/<name>.jsonl` that are rules, checked: a string label and a
    non-empty list of token patterns (objects)."""
    rows = [row for row in load_patterns(name) if "pattern" in row]
    for number, row in enumerate(rows, start=1):
        pattern = row["pattern"]
        if not isinstance(row.get("label"), str) or not (
            isinstance(pattern, list) and pattern and all(isinstance(t, dict) for t in pattern)
        ):
            raise ValueError(f"patterns/{name}.jsonl: rule {number} is no {{label, pattern}} row")
    return rows


def word_list_rows(name: str) -> list[dict[str, Any]]:
    """The rule rows of `patterns/<name>.jsonl` marked `"word_list": true`: looked up by word."""
    return [row for row in rule_rows(name) if row.get("word_list")]


@cache
def rule_words(name: str, label: str) -> frozenset[str]:
    """Every word the `label` rules of `patterns/<name>.jsonl` can match at any token: the word
    list a reader looks a token up in."""
    words: set[str] = set()
    for row in rule_rows(name):
        if row["label"] == label:
            for token in row["pattern"]:
                lower = token.get("LOWER")
                words.update(lower.get("IN", ()) if isinstance(lower, dict) else [lower])
    return frozenset(word for word in words if isinstance(word, str))


def word_lists(pattern: list[dict[str, Any]]) -> list[list[str]] | None:
    """The words each token of a pattern may be, when the pattern is only words; else None."""
    lists = []
    for token in pattern:
        if set(token) != {"LOWER"}:
            return None
        words = token["LOWER"]
        if isinstance(words, str):
            lists.append([words])
        elif set(words) == {"IN"}:
            lists.append(words["IN"])
        else:
            return None
    return lists


@dataclass(frozen=True)
class RuleSet:
    """Rules compiled for one vocabulary: word-only rows by phrase, the rest by pattern."""

    matcher: Matcher
    phrases: PhraseMatcher

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(match id, start, end) of every rule, the Matcher's first."""
        return [*self.matcher(doc), *self.phrases(doc)]

    def spans(self, doc: Doc, key: str) -> list[Span]:
        """The matches as spans labelled by rule, also kept as `doc.spans[key]`."""
        found = [
            Span(doc, start, end, label=match_id) for match_id, start, end in self.matches(doc)
        ]
        doc.spans[key] = found
        return found


def compile_rows(vocab: Vocab, rows: Iterable[dict[str, Any]]) -> RuleSet:
    """One RuleSet from rule rows, each keyed by its label."""
    return compile_rules(vocab, ((row["label"], row["pattern"]) for row in rows))


def compile_rules(vocab: Vocab, rules: Iterable[tuple[str, list[dict[str, Any]]]]) -> RuleSet:
    """One RuleSet from (key, token patterns) pairs; a key may repeat."""
    matcher = Matcher(vocab)
    phrases = PhraseMatcher(vocab, attr="LOWER")
    for key, pattern in rules:
        lists = word_lists(pattern)
        if lists is None:
            matcher.add(key, [pattern])
        else:
            phrases.add(key, [Doc(vocab, words=list(words)) for words in product(*lists)])
    return RuleSet(matcher, phrases)
