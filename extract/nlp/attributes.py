"""The model's attribute ruler, run by lookup: the same rules, the same annotations, faster.

spaCy's `AttributeRuler` finds its rules with a Matcher, which tries every one of its patterns
(179 in `en_core_web_sm`: one per tag, and word exceptions) at every token: 13% of the whole
pipeline's time, more than the tagger and the parser together. Its patterns test a token's
values for equality, membership or a regular expression ({"TAG": "NN"}, {"LOWER": "n't"}).
Here a one-token rule is looked up in a table by the token's own values; a longer pattern is
tried by a Matcher only where a token passes its first token's tests; a pattern with operators
goes through a Matcher over the whole text. Rules then apply in the ruler's order, so that a
later rule wins, with the ruler's own attribute setter.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, cast

from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

RULER = "attribute_ruler"
INDEXED_RULER = "indexed_attribute_ruler"
# Token values a pattern may test and still be looked up, in the order they are tried as the
# table key (the most selective first). POS is left out: its values are symbols, not hashes.
LOOKUP_ATTRS = {"TAG": TAG, "LOWER": LOWER, "ORTH": ORTH, "DEP": DEP, "IS_SPACE": IS_SPACE}
TEXT_ATTRS = ("TAG", "LOWER", "ORTH", "DEP")  # whose values are strings: REGEX applies

# What a pattern asks of one of a token's values: equal to one, one of a set or not, or a match.
Check = tuple[int, str, Any]  # (column, "eq" | "in" | "not_in" | "regex", value)
# A target is a rule's number (a one-token rule) or -1 - a window's number (a longer pattern).
Test = tuple[int, tuple[Check, ...]]
EVERY_TOKEN = -1  # the table of the tests that no one value selects
# Regular-expression results are kept per word; over a large corpus the words never stop coming,
# so the store is emptied when it holds this many.
MAX_REGEX_HITS = 200_000


class IndexedAttributeRuler:
    """Applies the rules of an `AttributeRuler` with the same result, by lookup."""

    def __init__(self, ruler: AttributeRuler):
        self.vocab = ruler.vocab
        self.attrs = ruler.attrs
        self.indices = list(ruler.indices)
        self.columns: list[str] = []
        # Per column, the tests filed by the value that selects them.
        self.tests: dict[int, dict[int, list[Test]]] = defaultdict(lambda: defaultdict(list))
        self.windows: list[tuple[Matcher, int]] = []  # a longer pattern, and its length
        self.rest = Matcher(ruler.vocab)  # patterns with operators: tried everywhere
        self.regex_hits: dict[tuple[str, int], bool] = {}
        for number, entry in enumerate(ruler.patterns):
            for pattern in cast(list, entry["patterns"]):
                self._add_pattern(number, pattern)
        self.column_ids = [LOOKUP_ATTRS[name] for name in self.columns]
        # The tables tried at each token, and the tests that no one value selects.
        self.every = self.tests.pop(EVERY_TOKEN, {}).get(0, [])
        self.tables = list(self.tests.items())

    def _add_pattern(self, number: int, pattern: list[dict[str, Any]]) -> None:
        first = None if any("OP" in token for token in pattern) else _checks(pattern[0])
        if first is None:
            self.rest.add(str(number), [pattern])
        elif len(pattern) == 1:
            self._add_test(number, first)
        else:
            window = Matcher(self.vocab)
            window.add(str(number), [pattern])
            self.windows.append((window, len(pattern)))
            self._add_test(-len(self.windows), first)

    def _add_test(self, target: int, checks: dict[str, tuple[str, Any]]) -> None:
        for name in checks:
            if name not in self.columns:
                self.columns.append(name)
        test = (target, tuple((self.columns.index(n), op, v) for n, (op, v) in checks.items()))
        # Filed under the value of its most selective check, or under each value of a set.
        for wanted in ("eq", "in"):
            key_name = next((n for n in LOOKUP_ATTRS if checks.get(n, ("",))[0] == wanted), None)
            if key_name is not None:
                op, value = checks[key_name]
                for key in [value] if op == "eq" else value:
                    self.tests[self.columns.index(key_name)][key].append(test)
                return
        self.tests[EVERY_TOKEN][0].append(test)

    def __call__(self, doc: Doc) -> Doc:
        found, starts = self._looked_up(doc)
        found += self._in_windows(doc, starts) + self._matched(doc)
        found.sort()
        for number, index in found:
            set_token_attrs(doc[index], self.attrs[number])
        return doc

    def _looked_up(self, doc: Doc) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(rule number, token index) of every one-token rule a token satisfies, and
        (window number, token index) of every token a longer pattern may start at."""
        found: list[tuple[int, int]] = []
        starts: list[tuple[int, int]] = []
        if not len(doc) or not self.columns:
            return found, starts
        rows = cast(list[list[int]], doc.to_array(self.column_ids).reshape(len(doc), -1).tolist())
        for index, values in enumerate(rows):
            tests = [
                test for column, table in self.tables for test in table.get(values[column], ())
            ]
            for target, checks in tests + self.every:
                if self._passes(values, checks):
                    if target >= 0:
                        found.append((target, index))
                    else:
                        starts.append((-1 - target, index))
        return found, starts

    def _passes(self, values: list[int], checks: tuple[Check, ...]) -> bool:
        for column, op, wanted in checks:
            value = values[column]
            if op == "eq":
                passed = value == wanted
            elif op == "regex":
                passed = self._regex_hit(wanted, value)
            else:
                passed = (value in wanted) == (op == "in")
            if not passed:
                return False
        return True

    def _regex_hit(self, pattern: re.Pattern[str], value: int) -> bool:
        """The Matcher's REGEX test (a search in the value's string), once per string."""
        key = (pattern.pattern, value)
        if key not in self.regex_hits:
            if len(self.regex_hits) >= MAX_REGEX_HITS:
                self.regex_hits.clear()
            self.regex_hits[key] = bool(pattern.search(self.vocab.strings[value]))
        return self.regex_hits[key]

    def _in_windows(self, doc: Doc, starts: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """(rule number, token index) of the longer patterns, tried only where they may start."""
        found = []
        for window, start in starts:
            matcher, length = self.windows[window]
            if start + length > len(doc):
                continue
            for match_id, _, _ in matcher(doc[start : start + length], allow_missing=True):
                number = int(self.vocab.strings[match_id])
                found.append((number, start + range(length)[self.indices[number]]))
        return found

    def _matched(self, doc: Doc) -> list[tuple[int, int]]:
        """(rule number, token index) of the patterns with operators, over the whole text."""
        if not len(self.rest):
            return []
        found = []
        for match_id, start, end in self.rest(doc, allow_missing=True):
            number = int(self.vocab.strings[match_id])
            found.append((number, range(start, end)[self.indices[number]]))
        return found


def _checks(token: dict[str, Any]) -> dict[str, tuple[str, Any]] | None:
    """What a token pattern asks of each value, as the Matcher compares them (string hashes,
    0 or 1); None when it asks anything else (comparisons, other attributes)."""
    if not token or not set(token) <= set(LOOKUP_ATTRS):
        return None
    checks: dict[str, tuple[str, Any]] = {}
    for name, value in token.items():
        if isinstance(value, bool | str):
            checks[name] = ("eq", _value(value))
        elif isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN"}:
            op, values = next(iter(value.items()))
            checks[name] = (op.lower(), frozenset(_value(v) for v in values))
        elif isinstance(value, dict) and set(value) == {"REGEX"} and name in TEXT_ATTRS:
            checks[name] = ("regex", re.compile(value["REGEX"]))
        else:
            return None
    return checks


def _value(value: bool | str) -> int:
    return int(value) if isinstance(value, bool) else get_string_id(value)


@Language.factory(INDEXED_RULER)
def make_indexed_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    """Built from the pipeline's own attribute ruler, which it then replaces."""
    ruler = nlp.get_pipe(RULER)
    assert isinstance(ruler, AttributeRuler)  # index_attribute_ruler checks it first
    return IndexedAttributeRuler(ruler)


def index_attribute_ruler(nlp: Language) -> None:
    """Replace the pipeline's `AttributeRuler` by its indexed form, in the same place."""
    if nlp.has_pipe(RULER) and isinstance(nlp.get_pipe(RULER), AttributeRuler):
        nlp.add_pipe(INDEXED_RULER, after=RULER)
        nlp.remove_pipe(RULER)
