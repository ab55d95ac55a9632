"""Which way a year-less or weekday mention points from the publication date, and the day it
then names: the tense of the verb it hangs on, weighed against the distance."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from spacy.tokens import Span as SpacySpan

from .date_rules import DateRules

PAST, NEAREST, FUTURE = -1, 0, 1
# How much farther a later date counts than an earlier one, by direction: a past-tense report
# rarely means next year's 12 June, and news refers to the past more often than to the future.
WRONG_SIDE_WEIGHT = {PAST: 4.0, NEAREST: 2.0, FUTURE: 1 / 4.0}
NOUN_MODIFIER_DEPS = ("compound", "nmod", "amod", "nummod", "npadvmod")


def direction(span: SpacySpan, rules: DateRules) -> int:
    """Whether the mention points back (PAST), forward (FUTURE) or either way (NEAREST).

    Shift words decide first ("next Tuesday", "two weeks ago"); else the tense of the verb the
    mention hangs on: past forms point back; modals, 'is to', 'is ...ing' and bare infinitives
    (headline "Markets to stay closed until Friday") point forward.
    """
    for token in span:
        if token.lower_ in ("last", "previous", "ago"):
            return PAST
        if token.lower_ in ("next", "coming"):
            return FUTURE
    if span.start > 1 and span.doc[span.start - 1].lower_ == "on":
        verb = span.doc[span.start - 2]
        if verb.tag_ == "VBD":
            # "said on Wednesday the government would...": the parser may hang the date on the
            # reported clause, but it belongs to the past-tense verb right before it.
            return PAST
    root = span.root
    if root.dep_ in NOUN_MODIFIER_DEPS and root.head.pos_ in ("NOUN", "PROPN"):
        # "Trump's July 25 call", "the March high", "a June 3 hearing has been scheduled": the
        # date names a noun's event; the clause's tense is not that event's.
        return NEAREST
    direction = tense_direction(span, rules)
    if direction == PAST and ends_a_state(span, rules):
        return NEAREST  # "was extending the mandate until mid-June"
    return direction


def ends_a_state(span: SpacySpan, rules: DateRules) -> bool:
    """'until mid-June': the date ends a state, whose tense says when it held, not when it ends."""
    for token in span.root.ancestors:
        if token.pos_ in ("VERB", "AUX"):
            return False
        if token.lower_ in rules.words["OPEN_END"]:
            return True
    return False


def tense_direction(span: SpacySpan, rules: DateRules) -> int:
    """The direction of the tense of the verb the mention hangs on."""
    infinitive = False
    token = span.root
    while token.head.i != token.i:
        token = token.head
        if token.pos_ not in ("VERB", "AUX"):
            continue
        auxiliaries = [child for child in token.children if child.dep_ in ("aux", "auxpass")]
        if any(aux.lower_ in rules.words["FUTURE_AUX"] for aux in auxiliaries):
            return FUTURE
        finite = [aux for aux in auxiliaries if aux.tag_ in ("VBD", "VBZ", "VBP", "MD")]
        if token.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            finite.append(token)
        if not finite:
            if any(aux.tag_ == "TO" for aux in auxiliaries):
                if token.dep_ in ("acl", "relcl"):
                    return FUTURE  # "an event to be held on October 12"
                infinitive = True
            elif token.tag_ == "VBN" and token.dep_ == "acl":
                return PAST  # "plans announced in January"
            continue
        if any(word.tag_ == "VBD" for word in finite):
            return PAST
        if any(word.tag_ == "MD" for word in finite):
            # "should be completed in October" looks ahead; "should have been" looks back
            return PAST if any(aux.lower_ == "have" for aux in auxiliaries) else FUTURE
        if infinitive or token.tag_ == "VBG":
            return FUTURE  # "is set to begin on", "is meeting on"
        if token.tag_ == "VBN" and any(aux.lower_ in ("has", "have") for aux in auxiliaries):
            return PAST
        return NEAREST
    return FUTURE if infinitive else NEAREST


def weekday_near(weekday: int, anchor: date, direction: int, first_word: str) -> date:
    """The day of `weekday` nearest the anchor in `direction`; the anchor itself when it fits."""
    forward = (weekday - anchor.weekday()) % 7
    if first_word == "last":
        return anchor - timedelta(days=(7 - forward) or 7)
    if first_word == "next":
        return anchor + timedelta(days=forward or 7)
    if forward == 0:
        return anchor
    if direction == PAST or (direction == NEAREST and forward > 3):
        return anchor - timedelta(days=7 - forward)
    return anchor + timedelta(days=forward)


def year_near(
    on_year: Callable[[int], date | None],
    anchor: date,
    direction: int,
    precision: str,
    first_word: str,
) -> date:
    """A year-less date, `on_year(year)`, put in the year nearest the anchor, in `direction`:
    in the past tense, a month is the most recent one up to the anchor."""
    options = [d for d in (on_year(anchor.year + k) for k in (-1, 0, 1)) if d is not None]

    def key(d: date) -> tuple[int, int]:
        return (d.year, d.month) if precision == "month" else (d.toordinal(), 0)

    here = key(anchor)
    if direction == PAST and precision == "month":
        # "sales fell in January": the latest January up to publication
        options = [d for d in options if key(d) <= here] or options
    if first_word == "last":
        options = [d for d in options if key(d) < here]
    elif first_word == "next":
        options = [d for d in options if key(d) > here]

    def cost(d: date) -> float:
        """Distance from the anchor, longer against the direction: tense is only a hint."""
        if precision == "month":
            days = ((d.year - anchor.year) * 12 + d.month - anchor.month) * 30
        else:
            days = (d - anchor).days
        return abs(days) * (WRONG_SIDE_WEIGHT[direction] if days > 0 else 1)

    return min(options, key=cost)
