"""The shared data model: one document, many analysers adding spans to it.

Every analyser receives the same :class:`Document`, never edits its ``text``, and
adds :class:`Span` objects to a named *layer* (``findings``, ``techniques``,
``quotes``, ...). Offsets are Python ``str`` indices into ``Document.text``, end
exclusive, so ``doc.text[span.start:span.end]`` is always the span's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator


def strip_whitespace(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` narrowed so that it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(frozen=True)
class Span:
    """A fragment of the document text that an analyser says something about.

    ``label`` is what the layer is about: a finding kind (``scare_quote``), a
    technique name (``Loaded_Language``), ``quote``, ``claim``... ``attrs`` holds
    layer-specific fields (a quote's ``speaker``, a claim's ``figures``) and is
    serialised flat beside the common fields.
    """

    start: int
    end: int
    label: str
    score: float = 1.0
    explanation: str = ""
    attrs: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass
class Source:
    """Where the input came from, as far as the input says."""

    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    site_name: str | None = None
    id: str | None = None


@dataclass
class Syndication:
    """A statement in the text that the piece came from another outlet."""

    name: str
    evidence: str
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Boilerplate:
    """Republisher text removed from the body (kept as provenance evidence)."""

    kind: str
    text: str


@dataclass
class Provenance:
    outlet: str | None = None
    outlet_profile: dict[str, Any] | None = None
    syndicated_from: list[Syndication] = field(default_factory=list)
    boilerplate: list[Boilerplate] = field(default_factory=list)


class Document:
    """The analysed text plus everything known or found about it.

    The title, when there is one, is the first line of ``text`` (as in the PTC
    corpus), so findings in the title have ordinary offsets; ``title_end`` marks
    where it stops.
    """

    def __init__(
        self,
        text: str,
        *,
        title: str | None = None,
        source: Source | None = None,
        provenance: Provenance | None = None,
    ) -> None:
        self.text = text
        self.title = title
        self.source = source or Source()
        self.provenance = provenance or Provenance()
        self.layers: dict[str, list[Span]] = {}
        self.summaries: dict[str, Any] = {}

    def add(self, layer: str, span: Span) -> Span:
        """Add ``span`` to ``layer`` after checking that its offsets fit the text."""
        if not (0 <= span.start < span.end <= len(self.text)):
            raise ValueError(
                f"span {span.start}:{span.end} ({span.label}) outside text of length {len(self.text)}"
            )
        self.layers.setdefault(layer, []).append(span)
        return span

    def spans(self, layer: str) -> list[Span]:
        """The spans of ``layer`` in text order (empty if no analyser filled it)."""
        return sorted(self.layers.get(layer, []), key=lambda s: (s.start, -s.end, s.label))

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def lines(self) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of every non-empty line, end exclusive, without the newline."""
        pos = 0
        for line in self.text.split("\n"):
            if line.strip():
                yield pos, pos + len(line)
            pos += len(line) + 1

    @property
    def title_end(self) -> int:
        """Offset where the title line ends (0 when there is no title)."""
        if not self.title or not self.text.startswith(self.title):
            return 0
        return len(self.title)

    def word_count(self) -> int:
        return len(self.text.split())
