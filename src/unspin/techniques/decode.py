"""Turn per-token probabilities into character spans snapped to whole words."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from unspin.document import strip_whitespace

#: Words that never carry a technique on their own: a fragment of only these is dropped.
FUNCTION_WORDS = frozenset("""
a an the and or but if of to in on at by for with from as is are was were be been being am it its this that
these those he she they we you i me him her them us our your their his my there here not no so do does did
has have had will would can could should may might must than then also just very all any some such who whom
which what when where why how up out about into over after before again
""".split())
_WORD = re.compile(r"\w+")
#: Marks that join two word characters into one word: apostrophes and hyphens.
_JOINERS = frozenset("'’-\u2010\u2011")
#: Quote marks by kind: one at a span's edge stays only when the span holds another of its kind.
_QUOTES = ('"“”„«»', "'‘’‹›")
_BRACKETS = {"(": ")", "[": "]", "{": "}"}
#: Marks that never begin or end a fragment: punctuation, quote marks and brackets without their pair.
_EDGE_MARKS = frozenset(",.;:!?…-‐–—" + "".join(_QUOTES) + "".join(_BRACKETS) + "".join(_BRACKETS.values()))


@dataclass(frozen=True)
class Fragment:
    """A decoded span: character offsets, token range ``[first, last]`` and mean presence probability."""

    start: int
    end: int
    first: int
    last: int
    presence: float


def _word_char(char: str) -> bool:
    """A letter, digit or combining mark of any script (the accent of a decomposed "é" is part of its word)."""
    return unicodedata.category(char)[0] in "LMN"


def _in_word(text: str, i: int) -> bool:
    """A word character, or an apostrophe or hyphen between two of them: "doesn't", "Russia’s",
    "vis-à-vis" and "so-called" are one word each, so a span never ends inside them."""
    if _word_char(text[i]):
        return True
    return (text[i] in _JOINERS and 0 < i < len(text) - 1
            and _word_char(text[i - 1]) and _word_char(text[i + 1]))


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words and drop surrounding whitespace."""
    while start > 0 and _in_word(text, start - 1) and _in_word(text, start):
        start -= 1
    while end < len(text) and _in_word(text, end) and _in_word(text, end - 1):
        end += 1
    return strip_whitespace(text, start, end)


def _paired(text: str, start: int, end: int, i: int) -> bool:
    """Whether the quote mark or bracket at ``i``, an edge of ``[start, end)``, has its pair inside the span."""
    mark, rest = text[i], text[start:i] + text[i + 1 : end]
    for kind in _QUOTES:
        if mark in kind:
            return any(other in kind for other in rest)
    pair = _BRACKETS.get(mark) or next((open_ for open_, close in _BRACKETS.items() if close == mark), "")
    return bool(pair) and pair in rest


def _loose_mark(text: str, start: int, end: int, i: int) -> bool:
    return text[i] in _EDGE_MARKS and not _paired(text, start, end, i)


def _edge_word(text: str, start: int, end: int, at_start: bool) -> tuple[int, int]:
    """The whole word at the start (or end) of ``[start, end)``; empty where the span begins (ends) with a mark."""
    if at_start:
        stop = start
        while stop < end and _in_word(text, stop):
            stop += 1
        return start, stop
    begin = end
    while begin > start and _in_word(text, begin - 1):
        begin -= 1
    return begin, end


def trim_edges(text: str, start: int, end: int, edge_words: frozenset[str] = frozenset()) -> tuple[int, int]:
    """``[start, end)`` without whitespace or unpaired punctuation and quote marks at its edges
    ('"not only' -> 'not only', '"so-called" experts' stays), and without ``edge_words`` (lower case)
    at its edges as long as a content word is left."""
    while True:
        before = (start, end)
        start, end = strip_whitespace(text, start, end)
        if start < end and _loose_mark(text, start, end, start):
            start += 1
        if start < end and _loose_mark(text, start, end, end - 1):
            end -= 1
        for at_start in (True, False) if edge_words and start < end else ():
            word_start, word_end = _edge_word(text, start, end, at_start)
            rest = text[word_end:end] if at_start else text[start:word_start]
            if text[word_start:word_end].lower() in edge_words and has_content_word(rest):
                start, end = (word_end, end) if at_start else (start, word_start)
        if (start, end) == before:
            return start, end


def token_runs(presence: np.ndarray, threshold: float, begin: np.ndarray | None = None,
               begin_threshold: float = 1.0) -> list[tuple[int, int]]:
    """Maximal runs ``[first, last]`` of tokens above ``threshold``; a run is cut where ``begin`` fires."""
    runs: list[tuple[int, int]] = []
    first = None
    for index, inside in enumerate(presence >= threshold):
        starts_new = begin is not None and begin[index] >= begin_threshold and first is not None and index > first
        if first is not None and (not inside or starts_new):
            runs.append((first, index - 1))
            first = None
        if inside and first is None:
            first = index
    if first is not None:
        runs.append((first, len(presence) - 1))
    return runs


def has_content_word(fragment_text: str) -> bool:
    return any(word not in FUNCTION_WORDS for word in _WORD.findall(fragment_text.lower()))


def fragments(text: str, offsets: np.ndarray, presence: np.ndarray, threshold: float,
              begin: np.ndarray | None = None, begin_threshold: float = 1.0,
              min_chars: int = 2, content_words_only: bool = False) -> list[Fragment]:
    """Spans of tokens whose presence probability passes ``threshold``, as word-aligned text spans
    without unpaired marks at their edges (``trim_edges``: they read better, and dev SI F1 stays the
    same within noise, 0.4054 -> 0.4052).

    With ``content_words_only``, fragments made only of function words ("the", "it is") are dropped.
    """
    found: list[Fragment] = []
    for first, last in token_runs(presence, threshold, begin, begin_threshold):
        start, end = snap_to_words(text, int(offsets[first, 0]), int(offsets[last, 1]))
        if found and start < found[-1].end:  # a cut inside a word: snapping made the pieces overlap
            previous = found.pop()
            start, first = previous.start, previous.first
        start, end = trim_edges(text, start, end)
        if content_words_only and not has_content_word(text[start:end]):
            continue
        if end - start >= min_chars:
            found.append(Fragment(start, end, first, last, float(presence[first : last + 1].mean())))
    return found


def token_range(offsets: np.ndarray, start: int, end: int) -> tuple[int, int] | None:
    """``[first, last]`` tokens overlapping the characters ``[start, end)``; None if none do."""
    first = int(np.searchsorted(offsets[:, 1], start, side="right"))
    last = int(np.searchsorted(offsets[:, 0], end, side="left")) - 1
    if first >= len(offsets) or last < first:
        return None
    return first, last
