"""Fuzzing the PTC commands: any article bytes, broken templates; exit 0 or 2 with one ``error:`` line."""

from __future__ import annotations

import tempfile
from pathlib import Path

import fuzz
from hypothesis import given, settings
from typer.testing import CliRunner


@settings(settings.get_profile("hardening"), max_examples=30)
@given(fuzz.hostile_bytes, fuzz.ptc_tsv)
def test_ptc_commands_on_any_article_and_template(article, template):
    with tempfile.TemporaryDirectory() as folder:
        fuzz.check_ptc(CliRunner(), Path(folder), article, template)
