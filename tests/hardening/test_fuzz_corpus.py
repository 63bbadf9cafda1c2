"""Fuzzing corpus ingest: any input file is stored, recorded as failed, or skipped on a re-run; never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path

import fuzz
import pytest
from hypothesis import given, settings

pytest.importorskip("datasketch", reason="the corpus extra is not installed")


@settings(settings.get_profile("hardening"), max_examples=25)
@given(fuzz.hostile_file)
def test_corpus_ingest_of_any_file(item):
    data, suffix = item
    with tempfile.TemporaryDirectory() as folder:
        fuzz.check_corpus_ingest(Path(folder), data, suffix)
