"""How each label looks, in one place: display title, description, colour and paint, per layer.

The terminal, the standalone HTML report and the web page all ask here, so a technique has the same
colour everywhere. Colours are fixed per known label; a label nobody registered (a new analyser's
layer) gets a stable colour from its name, so it still renders.
"""

from __future__ import annotations

import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from unspin.document import Document, Span
from unspin.techniques.definitions import TECHNIQUES

#: Known layers in display order, with the heading each gets.
LAYER_TITLES = {
    "techniques": "Propaganda techniques",
    "findings": "Rhetoric",
    "quotes": "Quotes",
    "claims": "Claims",
    "sentences": "Sentences",
}

#: Layers that have their own panel and cover much of the text: drawn lightly, off by default in HTML.
CONTEXT_LAYERS = ("quotes", "claims")

#: Layers never highlighted in the text: they cover every sentence and are shown as a table instead.
UNMARKED_LAYERS = ("sentences",)

#: Qualitative colours for the 14 PTC techniques (hues kept apart for the most frequent ones).
TECHNIQUE_COLOURS = {
    "Loaded_Language": "#e15759",
    "Name_Calling,Labeling": "#f28e2b",
    "Repetition": "#b6992d",
    "Doubt": "#4e79a7",
    "Exaggeration,Minimisation": "#edc948",
    "Appeal_to_fear-prejudice": "#b07aa1",
    "Flag-Waving": "#59a14f",
    "Causal_Oversimplification": "#76b7b2",
    "Slogans": "#ff9da7",
    "Appeal_to_Authority": "#9c755f",
    "Black-and-White_Fallacy": "#17becf",
    "Thought-terminating_Cliches": "#8c8c8c",
    "Whataboutism,Straw_Men,Red_Herring": "#8cd17d",
    "Bandwagon,Reductio_ad_hitlerum": "#d37295",
}

#: Rhetoric finding kinds (drawn as underlines, so they stay readable on top of technique tints).
KIND_COLOURS = {
    "scare_quote": "#c2185b",
    "loaded_question": "#6a3d9a",
    "rhetorical_question": "#00897b",
    "hedge": "#1f78b4",
    "vague_attribution": "#e65100",
}

LAYER_COLOURS = {"quotes": "#2e7d32", "claims": "#00838f"}

#: Colours for labels not listed above, picked by a stable hash of the name.
_FALLBACK = ("#7b1fa2", "#00695c", "#ad1457", "#283593", "#558b2f", "#6d4c41", "#0277bd", "#ef6c00")


@dataclass(frozen=True)
class LabelStyle:
    """How one ``(layer, label)`` is shown. ``paint`` is ``tint`` (background), ``underline`` or ``quiet``."""

    layer: str
    label: str
    title: str
    description: str
    colour: str
    paint: str

    @property
    def pastel(self) -> str:
        """The colour mixed with white: a background that keeps black text readable."""
        return mix_with_white(self.colour, 0.6)

    def rgba(self, alpha: float) -> str:
        red, green, blue = hex_to_rgb(self.colour)
        return f"rgba({red},{green},{blue},{alpha:g})"


@dataclass(frozen=True)
class LegendEntry:
    style: LabelStyle
    count: int
    mean_score: float


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def mix_with_white(colour: str, share: float) -> str:
    """``colour`` with ``share`` (0..1) of white mixed in, as ``#rrggbb``."""
    return "#" + "".join(f"{round(c + (255 - c) * share):02x}" for c in hex_to_rgb(colour))


def humanize(name: str) -> str:
    """``vague_attribution`` -> ``Vague attribution``: a readable title for an unregistered name."""
    words = name.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else name


def layer_title(layer: str) -> str:
    return LAYER_TITLES.get(layer, humanize(layer))


@lru_cache(maxsize=1024)  # bounded: a server renders reports whose labels it does not control
def label_style(layer: str, label: str) -> LabelStyle:
    """Title, description, colour and paint of ``label`` in ``layer``."""
    if layer == "techniques":
        technique = TECHNIQUES.get(label)
        title = technique.title if technique else humanize(label)
        description = technique.definition if technique else ""
        return LabelStyle(layer, label, title, description, TECHNIQUE_COLOURS.get(label) or _fallback(label), "tint")
    if layer == "findings":
        title, description = _rhetoric_kind(label)
        return LabelStyle(layer, label, title, description, KIND_COLOURS.get(label) or _fallback(label), "underline")
    if layer in LAYER_COLOURS:
        return LabelStyle(layer, label, humanize(label), "", LAYER_COLOURS[layer], "quiet")
    return LabelStyle(layer, label, humanize(label), "", _fallback(f"{layer}/{label}"), "underline")


def _rhetoric_kind(kind: str) -> tuple[str, str]:
    from unspin.rhetoric.kinds import KINDS

    found = KINDS.get(kind)
    if found is None:
        return humanize(kind), ""
    return found.title, found.description


def _fallback(name: str) -> str:
    return _FALLBACK[zlib.crc32(name.encode("utf-8")) % len(_FALLBACK)]


def layer_order(document: Document) -> list[str]:
    """The document's non-empty layers: known ones in their fixed order, then others by name."""
    present = [layer for layer, spans in document.layers.items() if spans]
    known = [layer for layer in LAYER_TITLES if layer in present]
    return known + sorted(layer for layer in present if layer not in LAYER_TITLES)


def marked_layers(document: Document) -> list[str]:
    """Layers whose spans are highlighted, numbered and explained one by one."""
    return [
        layer for layer in layer_order(document) if layer not in CONTEXT_LAYERS and layer not in UNMARKED_LAYERS
    ]


def legend(document: Document, layers: list[str]) -> list[LegendEntry]:
    """One entry per label used in ``layers``: layer order first, then most frequent first."""
    entries = []
    for layer in layers:
        spans = document.layers.get(layer, [])
        counts = Counter(span.label for span in spans)
        for label, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            scores = [span.score for span in spans if span.label == label]
            entries.append(LegendEntry(label_style(layer, label), count, sum(scores) / len(scores)))
    return entries


def numbered_spans(document: Document, layers: list[str]) -> list[tuple[str, Span]]:
    """``(layer, span)`` for every span of ``layers`` in text order; list position + 1 is its marker number."""
    pairs = [(layer, span) for layer in layers for span in document.spans(layer)]
    return sorted(pairs, key=lambda pair: (pair[1].start, -pair[1].end, layers.index(pair[0]), pair[1].label))
