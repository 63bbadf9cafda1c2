"""The republication graph links outlets only: a person a credit line names is not an outlet."""

from __future__ import annotations

import json

from unspin import provenance
from unspin.corpus import aggregates
from unspin.corpus.ingest import ingest
from unspin.corpus.store import open_store

from .builders import make_article


def test_syndication_edges_leave_out_people_credited(tmp_path):
    records = [
        {"id": "column", "outlet": "Lakeside Daily", "text": make_article(1) + "\n\nReprinted with permission from Chuck Baldwin"},
        {"id": "essay", "outlet": "Lakeside Daily",
         "text": make_article(2) + "\n\nReprinted with permission from Consortiumnews.com"},
    ]
    batch = tmp_path / "b.jsonl"
    batch.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    db = tmp_path / "c.sqlite"
    ingest([str(batch)], db, analysers=provenance.ANALYSERS)
    assert aggregates.syndication_edges(open_store(db)) == {("consortiumnews.com", "Lakeside Daily"): 1}
