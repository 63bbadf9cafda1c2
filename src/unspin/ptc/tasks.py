"""The PTC tasks run with unspin's technique model on raw article files (no boilerplate stripping)."""

from __future__ import annotations

from collections import defaultdict

from unspin.errors import InputError
from unspin.ptc.io import Label
from unspin.techniques import model as model_mod


def predict(articles: dict[str, str], model: model_mod.TechniqueModel | None = None) -> list[Label]:
    """Technique spans of every article, offsets into the file text (SI: ignore the technique)."""
    model = model or model_mod.load()
    labels = []
    for article_id, text in articles.items():
        found = sorted(model.find(text), key=lambda d: (d.start, d.end, d.technique))
        labels += [Label(article_id, d.technique, d.start, d.end) for d in found]
    return labels


def classify(articles: dict[str, str], template: list[Label],
             model: model_mod.TechniqueModel | None = None) -> list[Label]:
    """The template's spans with their most likely technique filled in, in the template's order."""
    model = model or model_mod.load()
    rows_of: dict[str, list[int]] = defaultdict(list)
    for row, label in enumerate(template):
        if label.article_id not in articles:
            raise InputError(f"article{label.article_id}.txt", "listed in the span template but not in the folder")
        if label.end > len(articles[label.article_id]):
            raise InputError(f"article{label.article_id}.txt", f"span {label.start}-{label.end} past the end of the text")
        rows_of[label.article_id].append(row)
    filled = list(template)
    for article_id, rows in rows_of.items():
        names = model.classify(articles[article_id], [(template[r].start, template[r].end) for r in rows])
        for row, name in zip(rows, names):
            filled[row] = Label(article_id, name, template[row].start, template[row].end)
    return filled
