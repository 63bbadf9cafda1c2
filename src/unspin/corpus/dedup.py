"""Near-duplicates: the same story republished (verbatim, trimmed, re-headlined, re-wrapped).

Each article body (title and republisher boilerplate already removed by cleaning) becomes a set of
word shingles, summarised by a MinHash signature computed once at ingest and kept in the store.
MinHash LSH (``datasketch``) proposes candidate pairs without comparing every pair; a candidate is
kept when the signatures' estimated Jaccard similarity reaches :data:`THRESHOLD`, and kept pairs
join into clusters. Words, not characters, so re-wrapped lines and changed punctuation don't matter.
"""

from __future__ import annotations

import re
import sqlite3
import zlib
from dataclasses import dataclass
from typing import Hashable, Iterable, Iterator, TypeVar

import numpy as np

#: Signature length: the estimate's standard error is about sqrt(J(1-J)/NUM_PERM), 0.04 at J=0.4.
NUM_PERM = 128
#: Words per shingle: long enough that unrelated articles share almost none, short enough that an
#: edited word breaks only a few.
SHINGLE_WORDS = 4
#: Estimated Jaccard similarity from which two bodies count as the same story. A copy trimmed to
#: half its length with a few edits still scores about 0.45; unrelated articles on one topic score < 0.1.
THRESHOLD = 0.35
#: LSH weights (false positives, false negatives): favour recall; false candidates are checked anyway.
LSH_WEIGHTS = (0.1, 0.9)
SEED = 1
_SCHEME = "affine32"

_WORD = re.compile(r"\w+")
_MIX = np.uint64(0x9E3779B97F4A7C15)
K = TypeVar("K", bound=Hashable)


def shingle_hashes(text: str) -> np.ndarray:
    """32-bit hashes of the text's overlapping word shingles (case-folded), computed with numpy."""
    words = _WORD.findall(text.casefold())
    if not words:
        return np.empty(0, dtype=np.uint64)
    word_hashes = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    width = min(SHINGLE_WORDS, len(words))
    count = len(words) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    for offset in range(width):  # polynomial hash of each window; uint64 arithmetic wraps on purpose
        combined = combined * _MIX + word_hashes[offset : offset + count]
    return np.unique((combined ^ (combined >> np.uint64(32))) & np.uint64(0xFFFFFFFF))


def signature(text: str) -> np.ndarray | None:
    """The body's MinHash values (``uint32``, NUM_PERM of them), or None when it has no words."""
    from datasketch import MinHash

    hashes = shingle_hashes(text)
    if not len(hashes):
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme=_SCHEME)
    minhash.update_batch(hashes.tolist())
    return minhash.hashvalues.astype(np.uint32)


def signature_bytes(text: str) -> bytes | None:
    values = signature(text)
    return None if values is None else values.astype("<u4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two bodies: the share of equal MinHash values."""
    return float(np.count_nonzero(a == b)) / len(a)


def similar_pairs(signatures: Iterable[tuple[K, np.ndarray]], threshold: float = THRESHOLD) -> Iterator[tuple[K, K, float]]:
    """``(earlier key, later key, similarity)`` for every pair at or above ``threshold``.

    One pass: each signature is looked up among those seen before it, then added, so a pair comes out once.
    """
    from datasketch import LeanMinHash, MinHashLSH

    index = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, weights=LSH_WEIGHTS)
    seen: dict[K, np.ndarray] = {}
    for key, values in signatures:
        sketch = LeanMinHash(seed=SEED, hashvalues=values, scheme=_SCHEME)
        for other in index.query(sketch):
            score = similarity(seen[other], values)
            if score >= threshold:
                yield other, key, score
        index.insert(key, sketch)
        seen[key] = values


def group(pairs: Iterable[tuple[K, K, float]]) -> list[set[K]]:
    """Connected components of the pair graph (union-find): each is one republished story."""
    parent: dict[K, K] = {}

    def root(key: K) -> K:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b, _ in pairs:
        parent[root(a)] = root(b)
    components: dict[K, set[K]] = {}
    for key in parent:
        components.setdefault(root(key), set()).add(key)
    return list(components.values())


# ---------------------------------------------------------------- the store's clusters


@dataclass
class Member:
    article_id: int
    record_id: str
    outlet: str | None
    published: str | None
    title: str | None
    #: Estimated Jaccard similarity of this member's body to the original's (1.0 for the original).
    similarity: float


@dataclass
class Cluster:
    """One story and its copies; ``members[0]`` is the earliest, the probable original."""

    members: list[Member]

    @property
    def original(self) -> Member:
        return self.members[0]

    @property
    def outlets(self) -> list[str]:
        return sorted({m.outlet for m in self.members if m.outlet})

    @property
    def dates(self) -> list[str]:
        return sorted({m.published for m in self.members if m.published})

    @property
    def similarity(self) -> float:
        """The lowest similarity of a copy to the original: how far the story drifted."""
        return min(m.similarity for m in self.members[1:])

    def to_dict(self) -> dict:
        return {
            "size": len(self.members),
            "original": self.original.record_id,
            "outlets": self.outlets,
            "dates": self.dates,
            "similarity": round(self.similarity, 3),
            "members": [
                {
                    "id": m.record_id,
                    "outlet": m.outlet,
                    "published": m.published,
                    "title": m.title,
                    "similarity": round(m.similarity, 3),
                }
                for m in self.members
            ],
        }


def find_clusters(conn: sqlite3.Connection, threshold: float = THRESHOLD) -> list[Cluster]:
    """Clusters of near-duplicate articles in the store, biggest first."""
    rows = conn.execute("SELECT id, minhash FROM articles WHERE minhash IS NOT NULL ORDER BY id")
    signatures = {row[0]: from_bytes(row[1]) for row in rows}
    components = group(similar_pairs(signatures.items(), threshold))
    clusters = [_cluster(conn, sorted(ids), signatures) for ids in components]
    return sorted(clusters, key=lambda c: (-len(c.members), c.original.published or "~", c.original.article_id))


def _cluster(conn: sqlite3.Connection, ids: list[int], signatures: dict[int, np.ndarray]) -> Cluster:
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT id, record_id, outlet, published, published_date, title FROM articles WHERE id IN ({marks})", ids
    ).fetchall()
    # Earliest first; undated members after dated ones; then in ingest order.
    rows.sort(key=lambda r: (r["published_date"] is None, r["published_date"] or "", r["id"]))
    original = signatures[rows[0]["id"]]
    return Cluster(
        [
            Member(r["id"], r["record_id"], r["outlet"], r["published"], r["title"], similarity(signatures[r["id"]], original))
            for r in rows
        ]
    )
