"""A real Dask LocalCluster (2 worker processes) gives the same store as the local executor."""

from __future__ import annotations

import json
import os

from unspin import rhetoric
from unspin.corpus.executors import DaskExecutor, LocalExecutor
from unspin.corpus.ingest import ingest
from unspin.corpus.store import open_store


def _snapshot(db) -> dict:
    """Per record: content hash, spans and signature (row ids and times may differ between runs)."""
    conn = open_store(db)
    rows = conn.execute("SELECT id, record_id, content_hash, minhash, report FROM articles").fetchall()
    snapshot = {}
    for row in rows:
        spans = conn.execute(
            'SELECT layer, label, start, "end" FROM spans WHERE article_id = ? ORDER BY layer, start, label', (row["id"],)
        ).fetchall()
        report = json.loads(row["report"])
        report.pop("unspin_version", None)
        snapshot[row["record_id"]] = (row["content_hash"], [tuple(s) for s in spans], row["minhash"], report)
    failures = sorted(tuple(r)[:2] for r in conn.execute("SELECT input_name, reason FROM failures"))
    return {"articles": snapshot, "failures": failures}


def _pid(batch):
    return [os.getpid()] * len(batch)


def test_dask_cluster_matches_local_and_reingest_adds_nothing(corpus_inputs, tmp_path):
    local_db, dask_db = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"
    analysers = list(rhetoric.ANALYSERS)  # real analysers, shipped to the workers by reference; fast enough for a test
    ingest(corpus_inputs["paths"], local_db, executor=LocalExecutor(), analysers=analysers)
    with DaskExecutor(workers=2) as executor:
        assert executor.workers == 2
        worker_pids = {pid for batch in executor.map(_pid, [[0]] * 8) for pid in batch}
        assert os.getpid() not in worker_pids  # analysis runs in worker processes, not here
        first = ingest(corpus_inputs["paths"], dask_db, executor=executor, analysers=analysers, batch_size=2)
        again = ingest(corpus_inputs["paths"], dask_db, executor=executor, analysers=analysers, batch_size=2)
    assert (first.added, first.failed) == (corpus_inputs["articles"], corpus_inputs["bad"])
    assert (again.added, again.skipped) == (0, corpus_inputs["articles"])
    local, distributed = _snapshot(local_db), _snapshot(dask_db)
    assert distributed == local
    assert any(spans for _, spans, _, _ in local["articles"].values())  # the comparison covers real findings
