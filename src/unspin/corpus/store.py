"""The corpus store: one SQLite file (WAL mode) with every analysed article, its spans and failed inputs.

Only one process writes (the ingest client); readers may run beside it thanks to WAL. The schema
evolves through :data:`MIGRATIONS`, applied in order and recorded in ``PRAGMA user_version``, so an
old store opens with a newer unspin and a newer store is refused by an older one.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from unspin.errors import UnspinError
from unspin.provenance.credits import AUTHOR

#: Each entry takes the schema from version ``i`` to ``i + 1``. Append, never edit a released entry.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        record_id TEXT NOT NULL,            -- the input's id field, else its file name
        content_hash TEXT NOT NULL UNIQUE,  -- cleaned text + metadata: the same article is stored once
        input_name TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        url TEXT,
        published TEXT,                     -- as the input gave it
        published_date TEXT,                -- YYYY-MM-DD when it could be read, for time series
        reliability_label TEXT,             -- the outlet's label in words ("unreliable"), from the report
        label_source TEXT,                  -- who gave the label
        words INTEGER NOT NULL,             -- words of the whole text (title included, as spans are)
        body_start INTEGER NOT NULL,        -- where the body starts in the report text (after the title)
        report TEXT NOT NULL,               -- the unspin.report/1 JSON
        minhash BLOB,                       -- near-duplicate signature of the body (see dedup)
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE INDEX articles_record ON articles(record_id);
    CREATE TABLE spans (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        layer TEXT NOT NULL,
        label TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        score REAL NOT NULL
    );
    CREATE INDEX spans_article ON spans(article_id);
    CREATE INDEX spans_label ON spans(layer, label);
    CREATE TABLE syndications (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        name TEXT NOT NULL
    );
    CREATE INDEX syndications_article ON syndications(article_id);
    -- Every input already stored (or found to duplicate a stored one), so a re-run skips it unanalysed.
    CREATE TABLE inputs (
        input_hash TEXT PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
    );
    -- Inputs (by name: path or file:line) that failed on their latest attempt; tried again on the next run.
    CREATE TABLE failures (
        input_name TEXT PRIMARY KEY,
        reason TEXT NOT NULL,
        failed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
    """,
)

#: Layers whose spans are copied into the ``spans`` table for aggregate queries.
SPAN_LAYERS = ("techniques", "findings", "quotes", "claims")


class StoreError(UnspinError):
    """The corpus file cannot be used (not a store, or written by a newer unspin)."""


@dataclass
class Analysed:
    """One input analysed by a worker, ready for the writer. Small and picklable."""

    input_hash: str
    input_name: str
    record_id: str
    content_hash: str
    report: dict[str, Any]
    body_start: int
    minhash: bytes | None = None


@dataclass
class Failed:
    """One input that could not be analysed, and why (one line)."""

    input_name: str
    reason: str


@dataclass
class Counts:
    articles: int
    failed: int
    spans: int
    outlets: int
    layers: dict[str, int] = field(default_factory=dict)


def open_store(path: str | Path, *, create: bool = True) -> sqlite3.Connection:
    """Open (and create or migrate) the store at ``path`` in WAL mode."""
    if not create and not Path(path).is_file():
        raise StoreError(f"{path}: no such corpus store")
    try:
        conn = sqlite3.connect(str(path), timeout=30)
    except sqlite3.Error as exc:  # a path that cannot be a file: parent missing, a file, or read-only
        raise StoreError(f"{path}: cannot open the store ({exc})") from None
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process, which is what resume needs
        conn.execute("PRAGMA foreign_keys=ON")
        _migrate(conn, str(path))
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: not a corpus store ({exc})") from None
    return conn


def _migrate(conn: sqlite3.Connection, name: str) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise StoreError(f"{name}: store schema v{version} is newer than this unspin (v{len(MIGRATIONS)})")
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def is_known(conn: sqlite3.Connection, input_hash: str) -> bool:
    """Whether this input was stored before (failed inputs are not known: they are retried)."""
    return conn.execute("SELECT 1 FROM inputs WHERE input_hash = ?", (input_hash,)).fetchone() is not None


def save(conn: sqlite3.Connection, outcome: Analysed | Failed) -> bool:
    """Write one outcome in its own transaction; True when a new article was added.

    The unique content hash makes a second copy of the same article a no-op, so a resumed or
    repeated ingest never stores an article twice.
    """
    with conn:
        if isinstance(outcome, Failed):
            conn.execute(
                "INSERT OR REPLACE INTO failures (input_name, reason) VALUES (?, ?)",
                (outcome.input_name, outcome.reason),
            )
            return False
        conn.execute("DELETE FROM failures WHERE input_name = ?", (outcome.input_name,))
        row = conn.execute("SELECT id FROM articles WHERE content_hash = ?", (outcome.content_hash,)).fetchone()
        added = row is None
        article_id = _insert_article(conn, outcome) if added else row[0]
        conn.execute(
            "INSERT OR IGNORE INTO inputs (input_hash, article_id) VALUES (?, ?)", (outcome.input_hash, article_id)
        )
        return added


def _insert_article(conn: sqlite3.Connection, item: Analysed) -> int:
    report = item.report
    source = report.get("source") or {}
    provenance = report.get("provenance") or {}
    profile = provenance.get("outlet_profile") or {}
    cursor = conn.execute(
        """INSERT INTO articles (record_id, content_hash, input_name, title, outlet, url, published,
               published_date, reliability_label, label_source, words, body_start, report, minhash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            item.record_id,
            item.content_hash,
            item.input_name,
            report.get("title"),
            provenance.get("outlet") or source.get("outlet") or _host(source.get("url")),
            source.get("url"),
            source.get("published"),
            parse_date(source.get("published")),
            profile.get("label_text"),
            profile.get("label_source_name") or profile.get("label_source"),
            len(report["text"].split()),
            item.body_start,
            json.dumps(report, ensure_ascii=False),
            item.minhash,
        ),
    )
    article_id = cursor.lastrowid
    conn.executemany(
        'INSERT INTO spans (article_id, layer, label, start, "end", text, score) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [
            (article_id, layer, span.get("technique") or span.get("kind") or "", span["start"], span["end"],
             span.get("text", ""), span.get("score", 1.0))
            for layer in SPAN_LAYERS
            for span in report.get(layer) or []
        ],
    )
    conn.executemany(
        "INSERT INTO syndications (article_id, name) VALUES (?, ?)",
        [
            (article_id, _credited_outlet(s))
            for s in provenance.get("syndicated_from") or []
            if s.get("name") and s.get("kind") != AUTHOR  # a person credited for the piece is no outlet
        ],
    )
    return article_id


def _credited_outlet(syndication: dict[str, Any]) -> str:
    """The credited outlet's labelled domain when provenance resolved it ("RT" -> rt.com), so it meets the outlet column."""
    resolved = syndication.get("reliability") or {}
    return resolved.get("domain") or syndication["name"]


def _host(url: str | None) -> str | None:
    """The site of a URL without ``www.``, used as the outlet when nothing better is known."""
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:  # a malformed host ("http://[::1") is no outlet name
        return None
    return host or None


def parse_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO-like date or timestamp, else None (unknown dates stay out of time series)."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    for candidate in (text, text[:10]):
        try:
            return datetime.fromisoformat(candidate).date().isoformat()
        except ValueError:
            continue
    return None


def counts(conn: sqlite3.Connection) -> Counts:
    layers = dict(conn.execute("SELECT layer, COUNT(*) FROM spans GROUP BY layer ORDER BY layer").fetchall())
    return Counts(
        articles=_scalar(conn, "SELECT COUNT(*) FROM articles"),
        failed=_scalar(conn, "SELECT COUNT(*) FROM failures"),
        spans=_scalar(conn, "SELECT COUNT(*) FROM spans"),
        outlets=_scalar(conn, "SELECT COUNT(DISTINCT outlet) FROM articles"),
        layers=layers,
    )


def _scalar(conn: sqlite3.Connection, sql: str) -> int:
    return conn.execute(sql).fetchone()[0]


def failures(conn: sqlite3.Connection, limit: int | None = None) -> list[sqlite3.Row]:
    sql = "SELECT input_name, reason, failed_at FROM failures ORDER BY input_name"
    return conn.execute(sql + (" LIMIT ?" if limit else ""), (limit,) if limit else ()).fetchall()
