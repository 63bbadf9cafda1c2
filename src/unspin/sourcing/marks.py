"""Where direct quotes are: pairs of double quotation marks, straight or curly.

A quote may run over several lines (PTC files put one sentence per line) and may hold a
nested curly quote. A quote left open is closed at the end of its line unless a closing
mark follows within :data:`MAX_QUOTE_LINES` lines; a new line that opens a quote while one
is open starts a new quote (the newspaper convention for multi-paragraph quotes), and so does an
opening curly mark on a later line when the open quote began inside a sentence (it was never closed;
a quote opening a paragraph may be a quoted report holding nested quotes over several lines).
"""

from __future__ import annotations

import re

MAX_QUOTE_LINES = 8
MAX_QUOTE_CHARS = 3000

_OPEN_CURLY, _CLOSE_CURLY, _STRAIGHT = "\u201c", "\u201d", '"'
_MARKS = re.compile('["\u201c\u201d]')


def find_quotes(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each quote, marks included, in text order."""
    quotes: list[tuple[int, int]] = []
    pos = 0
    while True:
        opening = _next_opening(text, pos)
        if opening is None:
            return quotes
        end = _closing(text, opening)
        if end - opening > 2:
            quotes.append((opening, end))
        pos = end


def _next_opening(text: str, pos: int) -> int | None:
    for match in _MARKS.finditer(text, pos):
        if _opens(text, match.start()):
            return match.start()
    return None


def _opens(text: str, i: int) -> bool:
    mark = text[i]
    if mark == _CLOSE_CURLY:
        return False
    if mark == _OPEN_CURLY:
        return True
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{-\u2014\u2013:,") and not after.isspace()


def _closes(text: str, i: int) -> bool:
    if text[i] == _CLOSE_CURLY:
        return True
    if text[i] == _OPEN_CURLY:
        return False
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum()


def _closing(text: str, start: int) -> int:
    """End (exclusive) of the quote opened at ``start``."""
    line_end = _line_end(text, start)
    depth = 1
    lines = 0
    i = start + 1
    limit = min(len(text), start + MAX_QUOTE_CHARS)
    while i < limit:
        ch = text[i]
        if ch == "\n":
            lines += 1
            if text[i + 1 : i + 2] in (_OPEN_CURLY, _STRAIGHT):
                return i
            if lines >= MAX_QUOTE_LINES:
                break
        elif ch == _OPEN_CURLY:
            if lines and text[text.rfind("\n", 0, start) + 1 : start].strip():
                return line_end  # opened mid-sentence and never closed there: it ended with its line
            depth += 1
        elif ch in (_CLOSE_CURLY, _STRAIGHT) and _closes(text, i):
            depth = 0 if ch == _STRAIGHT else depth - 1
            if depth == 0:
                return i + 1
        i += 1
    return line_end


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end
