"""Small corpora written on the fly: distinct articles, republished copies and broken records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .builders import make_article, republished


@pytest.fixture
def corpus_inputs(tmp_path: Path) -> dict:
    """A folder of 3 .txt articles and a JSONL batch with metadata, one copy of a story, and 2 bad records."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(3):
        (folder / f"story{n}.txt").write_text(f"Headline number {n}\n\n{make_article(n)}", encoding="utf-8")
    records = [
        {"id": "rt-1", "outlet": "RT", "published": "2016-09-18", "title": "Strike on troops", "text": make_article(100)},
        {"id": "gr-1", "outlet": "Global Research", "published": "2016-09-19",
         "title": "Coincidence: strike on troops?", "text": republished(make_article(100))},
        {"id": "other-1", "outlet": "Example News", "published": "2016-10-02", "title": "Something else",
         "text": make_article(200) + " The evil regime denied it."},
        {"id": "empty", "text": "   "},
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(r) for r in records) + "\n{not json\n", encoding="utf-8")
    return {"paths": [str(folder), str(batch)], "articles": 6, "bad": 2, "tmp": tmp_path}
