"""Helpers for the rhetoric tests: run one analyser on a small Document built in place."""

from __future__ import annotations

from typing import Callable

import pytest

from unspin.document import Document, Span


def run(analyser: Callable[[Document], None], text: str, *, title: str | None = None) -> list[tuple[str, Span]]:
    """``(span text, span)`` for every finding ``analyser`` adds, checking each offset on the way."""
    doc = Document(text, title=title)
    analyser(doc)
    found = []
    for span in doc.spans("findings"):
        assert 0 <= span.start < span.end <= len(text)
        assert 0.0 <= span.score <= 1.0 and span.explanation
        found.append((doc.span_text(span), span))
    return found


@pytest.fixture
def analyse() -> Callable[..., list[tuple[str, Span]]]:
    return run
