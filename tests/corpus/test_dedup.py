"""Near-duplicate detection: copies found, distinct articles kept apart, clusters described."""

from __future__ import annotations

import random
import subprocess
import sys

from unspin.corpus import bench, dedup
from unspin.corpus.ingest import ingest
from unspin.corpus.store import open_store

from .builders import make_article, republished


def test_signature_is_the_same_in_another_process():
    text = make_article(1)
    here = dedup.signature(text).tolist()
    code = f"from unspin.corpus import dedup; print(dedup.signature({text!r}).tolist())"
    there = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert str(here) == there.strip()


def test_copies_match_and_distinct_articles_do_not():
    original = make_article(10, words=300)
    copies = {
        "republished": republished(original),
        "trimmed": original[: len(original) * 2 // 3],
        "edited": original.replace("the", "THE").replace(" said", ""),
    }
    base = dedup.signature(original)
    for name, copy in copies.items():
        assert dedup.similarity(base, dedup.signature(copy)) >= dedup.THRESHOLD, name
    for seed in range(11, 16):
        assert dedup.similarity(base, dedup.signature(make_article(seed, words=300))) < 0.1


def test_empty_body_has_no_signature():
    assert dedup.signature(" ... \n") is None


def test_similar_pairs_and_groups():
    texts = {"a": make_article(1), "b": republished(make_article(1)), "c": make_article(2), "d": make_article(3)}
    texts["e"] = texts["d"][:-40]
    pairs = list(dedup.similar_pairs((k, dedup.signature(t)) for k, t in texts.items()))
    assert {(a, b) for a, b, _ in pairs} == {("a", "b"), ("d", "e")}
    assert sorted(map(sorted, dedup.group(pairs))) == [["a", "b"], ["d", "e"]]


def test_synthetic_benchmark_meets_recall_and_precision():
    rng = random.Random(0)
    items = bench.generate(800, bench.sentence_pool(None, rng), seed=3)
    result = bench.measure_dedup(items)
    assert result.copies > 100
    assert result.recall >= 0.95 and result.precision >= 0.99


def test_store_clusters_name_the_earliest_member_as_original(corpus_inputs, tmp_path):
    db = tmp_path / "c.sqlite"
    ingest(corpus_inputs["paths"], db, analysers=[])
    clusters = dedup.find_clusters(open_store(db))
    assert len(clusters) == 1
    cluster = clusters[0].to_dict()
    assert cluster["original"] == "rt-1"
    assert [m["id"] for m in cluster["members"]] == ["rt-1", "gr-1"]
    assert cluster["outlets"] == ["Global Research", "RT"]
    assert cluster["dates"] == ["2016-09-18", "2016-09-19"]
    assert cluster["members"][0]["similarity"] == 1.0
    assert 0.8 <= cluster["similarity"] <= 1.0
