"""Propaganda-technique detection (the 14 techniques of SemEval-2020 Task 11).

``detect(doc)`` is the pipeline analyser; the model behind it is ``model.load()`` (ONNX, lazy).
"""

from __future__ import annotations

from unspin.document import Document


def detect(doc: Document) -> None:
    """Find technique spans, score sentences and summarise the article (loads the model once)."""
    from unspin.techniques.analyser import detect as run

    run(doc)
