"""The store file: schema migrations, WAL, refusing what it cannot read."""

from __future__ import annotations

import sqlite3

import pytest

from unspin.corpus import store


def test_new_store_is_at_the_latest_schema_and_reopens(tmp_path):
    db = tmp_path / "c.sqlite"
    store.open_store(db).close()
    conn = store.open_store(db)
    assert store.schema_version(conn) == len(store.MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.counts(conn).articles == 0


def test_store_from_a_newer_unspin_is_refused(tmp_path):
    db = tmp_path / "c.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {len(store.MIGRATIONS) + 1}")
    with pytest.raises(store.StoreError, match="newer"):
        store.open_store(db)


def test_other_files_are_refused(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(store.StoreError, match="not a corpus store"):
        store.open_store(junk)
    with pytest.raises(store.StoreError, match="no such corpus store"):
        store.open_store(tmp_path / "missing.sqlite", create=False)


@pytest.mark.parametrize(
    ("given", "expected"),
    [("2016-09-19", "2016-09-19"), ("2016-09-19T10:00:00Z", "2016-09-19"), ("September 19, 2016", None), (None, None)],
)
def test_dates_are_read_when_iso(given, expected):
    assert store.parse_date(given) == expected
