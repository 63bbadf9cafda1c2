"""Cut a text at every span boundary, so overlapping spans can be drawn without nesting tags."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from unspin.document import Span


@dataclass(frozen=True)
class Segment:
    """``text[start:end]`` is covered by exactly the spans at positions ``covering`` (in input order)."""

    start: int
    end: int
    covering: tuple[int, ...]


def segments(length: int, spans: Sequence[Span], *, cuts: Sequence[int] = ()) -> list[Segment]:
    """Segments covering ``0..length`` in order; ``cuts`` adds boundaries (a title's end) even where no span is."""
    bounds = {0, length, *(c for c in cuts if 0 < c < length)}
    for span in spans:
        bounds.update((span.start, span.end))
    ordered = sorted(bounds)
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    for index, span in enumerate(spans):
        starting.setdefault(span.start, []).append(index)
        ending.setdefault(span.end, []).append(index)
    active: set[int] = set()
    out = []
    for start, end in zip(ordered, ordered[1:]):
        active.difference_update(ending.get(start, ()))
        active.update(starting.get(start, ()))
        out.append(Segment(start, end, tuple(sorted(active))))
    return out
