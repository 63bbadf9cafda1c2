"""Small text helpers the rhetoric rules share: lines, sentence starts, nearby words.

Plain regular expressions instead of a parser: the rules only need to know where the current
line and sentence begin, and that must be fast and exact on any text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Whitespace that stays on one line: cue phrases never match across a line break.
SPACE = r"[^\S\n]+"

_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*[^\S\n]+(?=\S)")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "no", "gen", "col", "lt", "sgt", "prof", "rep", "sen",
}
_WORD = re.compile(r"\S+")
#: Longest stretch searched back for a sentence start; a longer 'sentence' is not prose.
MAX_SENTENCE_CHARS = 2_000


@dataclass(frozen=True)
class Cue:
    """A rule's cue pattern; ``why`` explains a match to the reader (``{cue}`` is filled from it).

    ``headline_only`` cues fire only in a headline (used by the question rules).
    """

    name: str
    pattern: re.Pattern
    kind: str
    score: float
    why: str
    headline_only: bool = False


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """``(start, end)`` of the line holding offset ``pos``, without the newline."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


def sentence_start(text: str, pos: int) -> int:
    """Offset where the sentence holding ``pos`` begins (never before its line, nor over
    ``MAX_SENTENCE_CHARS`` back: unbounded, every cue on a huge one-line input rescanned the line)."""
    line_start, _ = line_bounds(text, pos)
    line_start = max(line_start, pos - MAX_SENTENCE_CHARS)
    start = line_start
    for match in _SENTENCE_END.finditer(text, line_start, pos):
        if not _is_abbreviation(text, line_start, match.start()):
            start = match.end()
    return start


def words_before(text: str, pos: int, count: int) -> str:
    """Up to ``count`` words before ``pos``, from the same sentence."""
    return " ".join(_WORD.findall(text[sentence_start(text, pos) : pos])[-count:])


def _is_abbreviation(text: str, line_start: int, dot: int) -> bool:
    """A full stop after an initial (``U.S.``, ``J. Smith``) or a title (``Mr.``) ends no sentence."""
    if text[dot] != ".":
        return False
    word = re.search(r"[\w.]*$", text[line_start:dot]).group()
    last = word.rsplit(".", 1)[-1]
    return len(last) == 1 and last.isupper() or last.lower() in _ABBREVIATIONS
