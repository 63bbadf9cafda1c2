"""Fuzzing ``unspin analyze``: any file, every format; exit 0 or 2 with ``error:`` lines, never a traceback."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import fuzz
from hypothesis import given, settings, strategies as st
from typer.testing import CliRunner

FORMATS = ["text", "json", "jsonl", "html"]


@settings(settings.get_profile("hardening"), max_examples=40)
@given(fuzz.hostile_file, st.sampled_from(FORMATS))
def test_analyze_command_on_any_file_in_any_format(item, fmt):
    data, suffix = item
    with tempfile.TemporaryDirectory() as folder:
        fuzz.check_cli(CliRunner(), Path(folder), data, suffix, fmt)


def test_real_process_prints_one_error_line_for_binary_and_batch_junk(tmp_path):
    """The installed entry point, not just CliRunner: stderr holds ``error:`` lines only, stdout no traceback."""
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    batch = tmp_path / "junk.jsonl"
    batch.write_text("[" * 50_000 + "\n{\"text\": 3}\nnot json\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "unspin", "analyze", str(binary), str(batch), "--format", "json"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[-1] == "4 of 4 inputs failed"
    assert all(line.startswith("error: ") for line in lines[:-1]) and len(lines) == 5
    assert "Traceback" not in done.stdout + done.stderr
