"""Cutting text at span boundaries: every character once, covered by exactly the spans that contain it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from unspin.document import Span
from unspin.render.segments import segments


def test_overlapping_and_nested_spans_split_into_covered_pieces():
    spans = [Span(2, 8, "a"), Span(5, 12, "b"), Span(6, 7, "c")]
    got = [(s.start, s.end, s.covering) for s in segments(15, spans)]
    assert got == [(0, 2, ()), (2, 5, (0,)), (5, 6, (0, 1)), (6, 7, (0, 1, 2)), (7, 8, (0, 1)), (8, 12, (1,)), (12, 15, ())]


def test_adjacent_spans_do_not_share_a_piece():
    got = [(s.start, s.end, s.covering) for s in segments(6, [Span(0, 3, "a"), Span(3, 6, "b")])]
    assert got == [(0, 3, (0,)), (3, 6, (1,))]


def test_cuts_add_boundaries_without_spans():
    assert [(s.start, s.end) for s in segments(10, [], cuts=[4, 0, 99])] == [(0, 4), (4, 10)]


@st.composite
def spans_in_text(draw):
    length = draw(st.integers(1, 40))
    pairs = draw(st.lists(st.tuples(st.integers(0, length - 1), st.integers(1, length)), max_size=8))
    return length, [Span(min(a, b - 1), max(a + 1, b), "x") for a, b in pairs if min(a, b - 1) < max(a + 1, b)]


@given(spans_in_text())
def test_pieces_tile_the_text_and_covering_matches_brute_force(case):
    length, spans = case
    pieces = segments(length, spans)
    assert pieces[0].start == 0 and pieces[-1].end == length
    assert all(a.end == b.start for a, b in zip(pieces, pieces[1:]))
    for piece in pieces:
        expected = tuple(i for i, s in enumerate(spans) if s.start <= piece.start and piece.end <= s.end)
        assert piece.covering == expected
