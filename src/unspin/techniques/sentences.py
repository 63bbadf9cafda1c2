"""Sentence boundaries for per-sentence scores: every line, cut after . ! ? before a capital."""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"(?<=[.!?])([\"'\u201d\u2019)\]]*)[^\S\n]+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")
_SHORT_WORD_END = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|vs|No|Gen|Col|Lt|Sgt|Prof|Rep|Sen))\.$")


def split(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, whitespace trimmed; initials and titles (``U.S.``, ``Mr.``) don't end one."""
    bounds = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for gap in _BOUNDARY.finditer(text, line.start(), line.end()):
            if _SHORT_WORD_END.search(text, line.start(), gap.start()):
                continue
            bounds.append((start, gap.end(1)))
            start = gap.end()
        bounds.append((start, line.end()))
    return [trimmed for trimmed in (_trim(text, s, e) for s, e in bounds) if trimmed]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    start += len(piece) - len(piece.lstrip())
    return start, start + len(stripped)
