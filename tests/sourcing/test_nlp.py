"""The shared spaCy model: which one is loaded, and a clear error when it is missing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from unspin.errors import ModelError
from unspin.sourcing import nlp


def test_a_missing_model_is_a_model_error_naming_it(monkeypatch):
    monkeypatch.setattr(nlp, "MODEL", "no_such_spacy_model_xyz")
    nlp.model.cache_clear()
    try:
        with pytest.raises(ModelError, match="no_such_spacy_model_xyz"):
            nlp.model()
    finally:
        nlp.model.cache_clear()


def test_the_environment_variable_swaps_the_model():
    code = "from unspin.sourcing import nlp; print(nlp.MODEL)"
    env = {"UNSPIN_SPACY_MODEL": "/models/en_core_web_md", "PATH": ""}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "/models/en_core_web_md"
