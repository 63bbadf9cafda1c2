"""Made-up articles for corpus tests: distinct bodies, republished copies, a stand-in technique analyser."""

from __future__ import annotations

import random

from unspin.document import Document, Span

_VOCABULARY = (
    "minister army border vote court police report city council strike attack budget school farmers "
    "hospital election protest oil market bank storm river bridge treaty envoy rebels ceasefire village "
    "talks drought prices union judge ruling official statement troops airport harbour mayor"
).split()
_GLUE = "the a of in on and to for with after before said that was were has had will".split()


def make_article(seed: int, words: int = 120) -> str:
    """A made-up article body: deterministic, distinct for each seed, several paragraphs."""
    rng = random.Random(seed)
    sentences = []
    while sum(len(s.split()) for s in sentences) < words:
        length = rng.randint(8, 16)
        tokens = [rng.choice(_VOCABULARY if i % 2 else _GLUE) for i in range(length)]
        sentences.append(" ".join(tokens).capitalize() + ".")
    return "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))


def republished(body: str) -> str:
    """A copy as a republisher runs it: their byline and dateline, the text re-wrapped, a footer."""
    rewrapped = "\n".join(body.replace("\n\n", " ").split(". "))
    return f"By RT\n\nGlobal Research, September 19, 2016\n\n{rewrapped}\n\nThe original source of this article is RT"


def loaded_words(doc: Document) -> None:
    """A stand-in technique analyser: every 'evil' or 'regime' is Loaded_Language (no model needed)."""
    lowered = doc.text.lower()
    for word in ("evil", "regime"):
        start = lowered.find(word)
        while start != -1:
            doc.add("techniques", Span(start, start + len(word), "Loaded_Language"))
            start = lowered.find(word, start + 1)
