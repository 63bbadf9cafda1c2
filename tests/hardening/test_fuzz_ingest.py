"""Fuzzing ingest and analysis through the Python API: text, files of any bytes, batches."""

from __future__ import annotations

import tempfile
from pathlib import Path

import fuzz
import pytest
from hypothesis import given, settings, strategies as st

from unspin import analyze, analyze_file, limits
from unspin.errors import InputError

SAMPLE = settings(settings.get_profile("hardening"), max_examples=40)


@settings(SAMPLE, max_examples=25)
@given(fuzz.hostile_text, fuzz.hostile_meta, fuzz.hostile_meta, fuzz.hostile_meta, st.booleans())
def test_analyze_gives_a_valid_report_or_an_input_error(text, title, url, outlet, clean):
    fuzz.check_analyze(text, title, url, outlet, clean)


@SAMPLE
@given(fuzz.hostile_bytes, st.sampled_from([".txt", ".html", ""]))
def test_analyze_file_of_any_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        fuzz.check_analyze_file(Path(folder), data, suffix)


@SAMPLE
@given(fuzz.hostile_html)
def test_web_pages_nested_truncated_or_script_only(page):
    with tempfile.TemporaryDirectory() as folder:
        fuzz.check_analyze_file(Path(folder), page.encode("utf-8", "surrogatepass"), ".html")


@settings(SAMPLE, max_examples=40)
@given(fuzz.hostile_file)
def test_iter_inputs_yields_articles_or_errors_for_any_file(item):
    data, suffix = item
    with tempfile.TemporaryDirectory() as folder:
        fuzz.check_iter_inputs(Path(folder), data, suffix)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "no article text"), (" \t\n\u00a0\u3000 ", "no article text"), ("\u200b\ufeff", None),
        ("\x00\x00", "no article text"),
    ],
)
def test_empty_and_whitespace_text(text, expected):
    if expected is None:
        fuzz.check_analyze(text, None, None, None, True)
        return
    with pytest.raises(InputError, match=expected):
        analyze(text)


def test_ten_megabyte_single_line_is_refused_fast(tmp_path):
    """One 10 MB line, as a string and as a file: refused by the article limit, not analysed for minutes."""
    line = "propaganda 'works' " * (10 * 1024 * 1024 // 19)
    with fuzz.bounded("10 MB string"), pytest.raises(InputError, match="over the limit"):
        analyze(line)
    path = tmp_path / "line.txt"
    path.write_text(line, encoding="utf-8")
    with fuzz.bounded("10 MB file"), pytest.raises(InputError, match="over the limit"):
        analyze_file(path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (limits.MAX_INPUT_BYTES + 1))
    with pytest.raises(InputError, match="size limit"):
        analyze_file(big)


def test_long_one_line_article_dense_with_cues_is_analysed_in_bounded_time():
    """A quarter of MAX_ARTICLE_CHARS on one line, dense with quotes and cues (the full size runs in the long run)."""
    piece = "the 'so-called' experts said \"x\" reportedly, "
    text = piece * (limits.MAX_ARTICLE_CHARS // 4 // len(piece))
    fuzz.check_analyze(text, None, None, None, True)
