"""Technique fragments as shown to a reader: the ``techniques`` layer of an analysed document.

The model's fragments (``TechniqueModel.find``, what ``unspin ptc predict`` writes and the PTC scorer
measures) often start or end on a function word ("would make as", "of hostility") and cut one phrase
into pieces ("would make as" | "much of" | "stink"). Trimming those words and joining the pieces reads
clearly better but lowers dev SI F1 (0.4052 -> 0.3992 and -> 0.3892, docs/techniques.md): PTC's gold
spans often include such words, and the scorer's precision is per span. So this runs only where spans
are shown (``analyser.detect_with``: text, json and html reports), never in the benchmark commands.
"""

from __future__ import annotations

import re
from dataclasses import replace

from unspin.techniques import decode
from unspin.techniques.model import Detection

#: Words a shown fragment neither starts nor ends with (articles, conjunctions, prepositions, ...).
EDGE_WORDS = frozenset("""
a an the and or but nor of to in on at by for with from into onto about as than that this these those
which who whom whose is are was were be been his her its their our my your if so then
""".split())
#: Between two fragments of one technique, at most this many function words still make one phrase.
MAX_JOINED_WORDS = 2
#: Besides function words and spaces, a gap may hold only these marks; a quote mark, bracket, colon,
#: line break or sentence end between two fragments keeps them apart.
_GAP_MARKS = frozenset(",-‐–—/")
_WORD = re.compile(r"\w+")


def readable(text: str, detections: list[Detection]) -> list[Detection]:
    """``detections`` with function words trimmed off their edges, then neighbours of one technique joined."""
    return join_neighbours(text, [trimmed(text, found) for found in detections])


def trimmed(text: str, found: Detection) -> Detection:
    """``found`` without ``EDGE_WORDS`` (and marks they exposed) at its edges; its cue kept inside it."""
    start, end = decode.trim_edges(text, found.start, found.end, EDGE_WORDS)
    if start >= end:
        return found
    cue_start, cue_end = max(found.cue_start, start), min(found.cue_end, end)
    if cue_start >= cue_end:  # the cue was a trimmed word: the whole fragment is the cue
        cue_start, cue_end = start, end
    return replace(found, start=start, end=end, cue_start=cue_start, cue_end=cue_end)


def join_neighbours(text: str, detections: list[Detection]) -> list[Detection]:
    """Fragments of the same technique separated only by spaces, commas, dashes or at most
    ``MAX_JOINED_WORDS`` function words, joined into one ("would make as much of a stink");
    the joined fragment keeps the higher score and that fragment's cue."""
    joined: list[Detection] = []
    last_of: dict[str, int] = {}
    for found in sorted(detections, key=lambda d: (d.start, d.end, d.technique)):
        at = last_of.get(found.technique)
        if at is not None and joined[at].end <= found.start and _one_phrase(text[joined[at].end : found.start]):
            before = joined[at]
            best = before if before.score >= found.score else found
            joined[at] = replace(before, end=found.end, score=best.score, cue_start=best.cue_start, cue_end=best.cue_end)
        else:
            last_of[found.technique] = len(joined)
            joined.append(found)
    return joined


def _one_phrase(gap: str) -> bool:
    words = _WORD.findall(gap)
    if len(words) > MAX_JOINED_WORDS or any(word.lower() not in decode.FUNCTION_WORDS for word in words):
        return False
    return all((char.isspace() and char != "\n") or char in _GAP_MARKS for char in _WORD.sub("", gap))
