"""The corpus store under faults: disk full, read-only or impossible paths, corrupt files.

Disk full is real where this process may mount a tiny tmpfs (root in CI and dev containers);
elsewhere that test is skipped with the reason. Every fault must end in one ``error:`` line and
exit code 2, never a traceback, and leave a store that a later run can resume.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unspin.cli import app
from unspin.corpus import store
from unspin.corpus.ingest import ingest

pytest.importorskip("datasketch", reason="the corpus extra is not installed")


def _articles(folder: Path, count: int, words: int = 300) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        body = " ".join(f"word{n}x{i}" for i in range(words))
        (folder / f"a{n:03d}.txt").write_text(f"Title {n}\n\nThe minister said it was fine. {body}.", encoding="utf-8")
    return folder


def _one_error_line(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def tiny_fs(tmp_path: Path):
    """A 256 KiB tmpfs: writing a store there fills it for real (ENOSPC from the kernel)."""
    mount_point = tmp_path / f"tiny-{uuid.uuid4().hex[:6]}"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount_point)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tiny tmpfs here ({done.stderr.strip() or 'mount failed'})")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_disk_full_stops_with_one_line_and_the_run_resumes_elsewhere(tiny_fs: Path, tmp_path: Path):
    articles = _articles(tmp_path / "in", 40, words=800)
    db = tiny_fs / "corpus.sqlite"
    result = CliRunner().invoke(app, ["corpus", "ingest", str(articles), "--db", str(db)])
    line = _one_error_line(result)
    assert "full" in line and str(db) in line
    conn = store.open_store(db, create=False)  # what was committed before the disk filled is intact
    stored = store.counts(conn).articles
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert 0 < stored < 40
    moved = tmp_path / "corpus.sqlite"  # "free space": move the store to a roomy disk and run again
    source = sqlite3.connect(db)
    target = sqlite3.connect(moved)
    source.backup(target)
    source.close()
    target.close()
    again = ingest([str(articles)], moved, analysers=[])
    assert (again.skipped, again.added) == (stored, 40 - stored)


@pytest.mark.parametrize("where", ["parent is a file", "read-only directory"])
def test_unwritable_store_path_is_one_error_line(tmp_path: Path, where: str):
    articles = _articles(tmp_path / "in", 1)
    if where == "parent is a file":
        (tmp_path / "file").write_text("x")
        db = tmp_path / "file" / "corpus.sqlite"  # fails for root too: no directory can be made there
    else:
        read_only = tmp_path / "ro"
        read_only.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(read_only)], capture_output=True)
        if done.returncode != 0:
            pytest.skip("cannot mount a read-only tmpfs here")
        db = read_only / "corpus.sqlite"
    try:
        result = CliRunner().invoke(app, ["corpus", "ingest", str(articles), "--db", str(db)])
        line = _one_error_line(result)
        assert str(db) in line
    finally:
        if where == "read-only directory":
            subprocess.run(["umount", "-l", str(tmp_path / "ro")], check=False)


def _corrupt(db: Path) -> None:
    """Overwrite the middle of the file (table pages) and leave the header alone, as a bad disk would."""
    size = db.stat().st_size
    with open(db, "r+b") as handle:
        handle.seek(4096)
        handle.write(os.urandom(size - 8192))


@pytest.mark.parametrize("command", [["stats"], ["duplicates"], ["report"], ["ingest", "IN"]])
def test_corrupt_store_is_a_clear_error_for_every_command(tmp_path: Path, command: list[str]):
    articles = _articles(tmp_path / "in", 12)
    db = tmp_path / "corpus.sqlite"
    ingest([str(articles)], db, analysers=[])
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    _corrupt(db)
    args = ["corpus", *[str(articles) if a == "IN" else a for a in command], "--db", str(db)]
    line = _one_error_line(CliRunner().invoke(app, args))
    assert str(db) in line and ("malformed" in line or "not a corpus store" in line or "corrupt" in line), line


def test_truncated_and_foreign_files_are_refused(tmp_path: Path):
    db = tmp_path / "corpus.sqlite"
    ingest([str(_articles(tmp_path / "in", 3))], db, analysers=[])
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with open(db, "r+b") as handle:
        handle.truncate(1000)
    line = _one_error_line(CliRunner().invoke(app, ["corpus", "stats", "--db", str(db)]))
    assert str(db) in line
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    json_db = tmp_path / "notes.json"
    json_db.write_text(json.dumps({"a": 1}))
    for path in (json_db,):
        assert str(path) in _one_error_line(CliRunner().invoke(app, ["corpus", "stats", "--db", str(path)]))
