"""A Dask worker killed mid-run (SIGKILL): the run completes on the restarted worker, or, when an article
kills every worker it meets, fails with Dask's KilledWorker and leaves a store that resumes cleanly.

SIGKILL of the ingesting process itself is covered by
``tests/corpus/test_ingest.py::test_killed_ingest_resumes_with_every_article_once``.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

pytest.importorskip("dask.distributed", reason="the corpus extra is not installed")

from unspin.corpus.executors import DaskExecutor  # noqa: E402
from unspin.corpus.ingest import ingest  # noqa: E402
from unspin.corpus.store import open_store  # noqa: E402

MARK = "KILL-WORKER-ONCE-AT:"


def kill_worker(doc) -> None:
    """An analyser that SIGKILLs its worker process on a marked article (once per marker file, or always)."""
    if MARK not in doc.text:
        return
    marker = Path(doc.text.split(MARK, 1)[1].split()[0])
    if marker.name == "always" or not marker.exists():
        marker.touch()
        os.kill(os.getpid(), signal.SIGKILL)


def _articles(folder: Path, count: int, killer: Path | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        extra = f" {MARK}{killer} ." if killer is not None and n == count // 2 else ""
        (folder / f"a{n:02d}.txt").write_text(f"Title {n}\n\nArticle number {n} says things.{extra}", encoding="utf-8")
    return folder


def _ids(db: Path) -> list[str]:
    conn = open_store(db)
    try:
        return sorted(row[0] for row in conn.execute("SELECT record_id FROM articles"))
    finally:
        conn.close()


def test_killed_worker_is_replaced_and_the_run_completes(tmp_path: Path):
    marker = tmp_path / "killed-once"
    folder = _articles(tmp_path / "in", 12, killer=marker)
    db = tmp_path / "corpus.sqlite"
    with DaskExecutor(workers=2) as executor:
        result = ingest([str(folder)], db, executor=executor, analysers=[kill_worker], batch_size=2)
    assert marker.exists()  # a worker really died
    assert (result.added, result.failed) == (12, 0)
    assert _ids(db) == sorted(f"a{n:02d}.txt" for n in range(12))


def test_article_that_kills_every_worker_fails_cleanly_and_the_rest_resumes(tmp_path: Path):
    import dask
    from distributed import KilledWorker

    folder = _articles(tmp_path / "in", 12, killer=tmp_path / "always")
    db = tmp_path / "corpus.sqlite"
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        with DaskExecutor(workers=2) as executor, pytest.raises(KilledWorker):
            ingest([str(folder)], db, executor=executor, analysers=[kill_worker], batch_size=1)
    stored = _ids(db)
    conn = open_store(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    poison = folder / "a06.txt"
    poison.write_text("Title 6\n\nArticle number 6, fixed.", encoding="utf-8")
    again = ingest([str(folder)], db, analysers=[kill_worker])
    assert (again.skipped, again.added) == (len(stored), 12 - len(stored))
    assert _ids(db) == sorted(f"a{n:02d}.txt" for n in range(12))  # every article, each once
