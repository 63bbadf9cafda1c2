"""The pipeline analyser: technique spans, per-sentence scores and an article summary."""

from __future__ import annotations

from collections import Counter

from unspin.document import Document, Span
from unspin.techniques import model as model_mod
from unspin.techniques import display, sentences
from unspin.techniques.definitions import TECHNIQUES

#: A sentence counts as flagged in the article summary when its calibrated score reaches this.
FLAGGED_SENTENCE = 0.5

_MAX_CUE_CHARS = 80


def detect(doc: Document) -> None:
    """Add layers ``techniques`` and ``sentences`` and ``doc.summaries["techniques"]``."""
    detect_with(model_mod.load(), doc)


def detect_with(model: model_mod.TechniqueModel, doc: Document) -> None:
    """The ``techniques`` layer holds fragments as shown to a reader (``display.readable``), not the
    scored ones that ``unspin ptc predict`` writes."""
    outputs = model.encode(doc.text)
    detections = display.readable(doc.text, model.find(doc.text, outputs))
    for found in detections:
        doc.add("techniques", Span(found.start, found.end, found.technique, round(found.score, 4),
                                   explain(found.technique, doc.text[found.cue_start : found.cue_end]),
                                   {"cue_start": found.cue_start, "cue_end": found.cue_end}))
    scores = []
    for start, end in sentences.split(doc.text):
        score = model.sentence_score(outputs, start, end)
        scores.append(score)
        doc.add("sentences", Span(start, end, "sentence", round(score, 4)))
    doc.summaries["techniques"] = summarise(detections, scores)


def explain(technique: str, cue: str) -> str:
    """``Loaded language: "slam" — uses words with strong emotional connotations to sway the reader.``"""
    entry = TECHNIQUES[technique]
    cue = " ".join(cue.split())
    if len(cue) > _MAX_CUE_CHARS:
        cue = cue[: _MAX_CUE_CHARS - 1].rstrip() + "…"
    return f'{entry.title}: "{cue}" — {entry.definition[0].lower()}{entry.definition[1:]}'


def summarise(detections: list[model_mod.Detection], sentence_scores: list[float]) -> dict:
    """Counts per technique, share of flagged sentences, and an article score (mean sentence score)."""
    flagged = sum(score >= FLAGGED_SENTENCE for score in sentence_scores)
    n = len(sentence_scores)
    return {
        "counts": dict(Counter(d.technique for d in detections).most_common()),
        "spans": len(detections),
        "sentences": n,
        "sentences_flagged": flagged,
        "share_sentences_flagged": round(flagged / n, 4) if n else 0.0,
        "article_score": round(sum(sentence_scores) / n, 4) if n else 0.0,
    }
