"""Ingest into a real SQLite file: idempotent, resumable after SIGKILL, bad records logged."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path

from unspin.corpus import store
from unspin.corpus.ingest import ingest

from .builders import loaded_words, make_article


def _record_ids(db: Path) -> list[str]:
    with closing(sqlite3.connect(db)) as conn:
        return sorted(row[0] for row in conn.execute("SELECT record_id FROM articles"))


def _stored_so_far(db: Path) -> int:
    """Articles the running ingest has committed (0 while it is still creating the store)."""
    try:
        return len(_record_ids(db)) if db.exists() else 0
    except sqlite3.OperationalError:
        return 0


def test_ingest_stores_articles_and_logs_bad_records(corpus_inputs, tmp_path):
    db = tmp_path / "corpus.sqlite"
    result = ingest(corpus_inputs["paths"], db, analysers=[loaded_words])
    assert (result.added, result.failed) == (corpus_inputs["articles"], corpus_inputs["bad"])
    assert _record_ids(db) == ["gr-1", "other-1", "rt-1", "story0.txt", "story1.txt", "story2.txt"]
    conn = store.open_store(db)
    reasons = {row["input_name"].rsplit("/", 1)[-1]: row["reason"] for row in store.failures(conn)}
    assert reasons == {"batch.jsonl:4": "field 'text' is empty", "batch.jsonl:5": reasons["batch.jsonl:5"]}
    assert reasons["batch.jsonl:5"].startswith("invalid JSON")
    row = conn.execute("SELECT outlet, published_date, title FROM articles WHERE record_id = 'rt-1'").fetchone()
    assert tuple(row) == ("RT", "2016-09-18", "Strike on troops")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    spans = conn.execute("SELECT label, text FROM spans WHERE layer = 'techniques'").fetchall()
    assert sorted(tuple(s) for s in spans) == [("Loaded_Language", "evil"), ("Loaded_Language", "regime")]


def test_reingest_adds_nothing(corpus_inputs, tmp_path):
    db = tmp_path / "corpus.sqlite"
    ingest(corpus_inputs["paths"], db, analysers=[])
    before = store.counts(store.open_store(db))
    again = ingest(corpus_inputs["paths"], db, analysers=[])
    after = store.counts(store.open_store(db))
    assert (again.added, again.skipped) == (0, corpus_inputs["articles"])
    assert (after.articles, after.failed, after.spans) == (before.articles, before.failed, before.spans)


def test_same_article_under_two_paths_is_stored_once(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        folder.mkdir()
        (folder / "same.txt").write_text("Title\n\n" + make_article(7), encoding="utf-8")
    result = ingest([str(first), str(second)], tmp_path / "c.sqlite", analysers=[])
    assert (result.added, result.duplicates) == (1, 1)


def test_fixed_input_leaves_the_failures_table(tmp_path):
    batch = tmp_path / "b.jsonl"
    batch.write_text('{"id": "x", "text": ""}\n', encoding="utf-8")
    db = tmp_path / "c.sqlite"
    assert ingest([str(batch)], db, analysers=[]).failed == 1
    batch.write_text('{"id": "x", "text": "%s"}\n' % make_article(3).replace("\n", " "), encoding="utf-8")
    assert ingest([str(batch)], db, analysers=[]).added == 1
    counts = store.counts(store.open_store(db))
    assert (counts.articles, counts.failed) == (1, 0)


_SLOW_INGEST = textwrap.dedent(
    """
    import sys, time
    from unspin.corpus.ingest import ingest

    def slow(doc):
        time.sleep(0.25)

    ingest(sys.argv[2:], sys.argv[1], analysers=[slow], batch_size=1)
    """
)


def test_killed_ingest_resumes_with_every_article_once(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    total = 16
    for n in range(total):
        (folder / f"a{n:02d}.txt").write_text(f"Title {n}\n\n{make_article(n)}", encoding="utf-8")
    db = tmp_path / "corpus.sqlite"
    script = tmp_path / "slow_ingest.py"
    script.write_text(_SLOW_INGEST, encoding="utf-8")
    child = subprocess.Popen([sys.executable, str(script), str(db), str(folder)], env={**os.environ})
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and _stored_so_far(db) < 3:
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    stored_before = len(_record_ids(db))
    assert 3 <= stored_before < total

    result = ingest([str(folder)], db, analysers=[])
    ids = _record_ids(db)
    assert ids == sorted(f"a{n:02d}.txt" for n in range(total))  # every article, each exactly once
    assert (result.skipped, result.added) == (stored_before, total - stored_before)
