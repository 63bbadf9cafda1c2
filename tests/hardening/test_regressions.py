"""Regressions for bugs the fuzzing found: each test fails on the code before its fix."""

from __future__ import annotations

import time

from hypothesis import given, settings, strategies as st

from unspin.document import Document
from unspin.rhetoric import ANALYSERS as RHETORIC
from unspin.rhetoric.text import MAX_SENTENCE_CHARS, sentence_start


def test_one_line_input_full_of_quotes_is_not_quadratic():
    """72,000 characters on one line took 55 s in the scare-quote finder (every quote rescanned the line)."""
    doc = Document("the 'so-called' x and 'y' " * 3_000)
    began = time.monotonic()
    for analyser in RHETORIC:
        analyser(doc)
    assert time.monotonic() - began < 20
    assert len(doc.spans("findings")) >= 3_000


def test_sentence_start_looks_back_a_bounded_stretch():
    text = "word " * 10_000
    assert sentence_start(text, len(text) - 1) == len(text) - 1 - MAX_SENTENCE_CHARS
    assert sentence_start("One. Two three", 10) == 5


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(st.integers(0, 50), max_size=30), st.integers(-5, 1_600))
def test_in_quotes_binary_search_agrees_with_a_scan(gaps, pos):
    """The sourcing quote lookup went from a scan per token (quadratic) to a binary search."""
    from unspin.sourcing.quotes import _in_quotes

    quotes, at = [], 0
    for gap in gaps:  # in text order, never overlapping, like find_quotes
        start, at = at + gap, at + gap + 3 + gap % 7
        quotes.append((start, at))
    assert _in_quotes(pos, quotes) == any(s <= pos < e for s, e in quotes)
