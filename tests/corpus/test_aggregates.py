"""Aggregates and the HTML report, read back from a real store."""

from __future__ import annotations

import base64
import json
import re

import pytest

from unspin.corpus import aggregates, dedup, html_report
from unspin.corpus.ingest import ingest
from unspin.corpus.store import open_store

from .builders import loaded_words, make_article


@pytest.fixture
def conn(corpus_inputs, tmp_path):
    db = tmp_path / "c.sqlite"
    ingest(corpus_inputs["paths"], db, analysers=[loaded_words])
    return open_store(db)


def test_rates_are_per_thousand_words_of_each_outlet(conn):
    profiles = {p.outlet: p for p in aggregates.outlet_profiles(conn, layers=["techniques"])}
    example = profiles["Example News"]
    assert example.articles == 1
    assert example.rates == {"Loaded_Language": pytest.approx(2 * 1000 / example.words)}
    assert profiles["RT"].rates == {}
    assert profiles[aggregates.UNKNOWN_OUTLET].articles == 3


def test_over_time_uses_dated_articles_only(conn):
    monthly = aggregates.over_time(conn, layers=["techniques"], period="month")
    assert list(monthly) == ["2016-09", "2016-10"]
    assert monthly["2016-09"] == {}
    assert set(monthly["2016-10"]) == {"Loaded_Language"}


def test_top_phrases_count_articles_and_outlets(conn):
    phrases = aggregates.top_phrases(conn)
    assert [(p.text, p.count, p.articles, p.outlets) for p in phrases] == [("evil", 1, 1, 1), ("regime", 1, 1, 1)]


def test_republication_edges_go_from_original_to_copy(conn):
    edges = aggregates.republication_edges(dedup.find_clusters(conn))
    assert edges == {("RT", "Global Research"): 1}
    assert aggregates.syndication_edges(conn) == {("RT", "Global Research"): 1}


def test_html_report_is_standalone_and_escaped(tmp_path):
    hostile = '<script>alert(1)</script> $x^2$ <img src="http://evil.example/x.png">'
    batch = tmp_path / "b.jsonl"
    records = [
        {"id": f"r{n}", "outlet": f"{hostile} {n}", "title": hostile, "published": f"2016-0{n + 1}-01",
         "text": make_article(50) + " evil regime"}
        for n in range(2)
    ]
    batch.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    db = tmp_path / "c.sqlite"
    ingest([str(batch)], db, analysers=[loaded_words])
    page = html_report.render(aggregates.summarise(open_store(db)))
    assert "<script" not in page and "evil.example/x.png\"" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Content-Security-Policy" in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(images) == 3  # technique mix, over time, republication graph
    assert all(base64.b64decode(data).startswith(b"\x89PNG") for data in images)


def test_real_republication_is_clustered_and_credit_resolved(gr_sample, tmp_path):
    """The Global Research copy of an RT article: one cluster, and its "By RT" credit meets rt.com."""
    republished_text = gr_sample.read_text(encoding="utf-8")
    paragraphs = [p for p in republished_text.split("\n\n") if p.strip()]
    body = "\n\n".join(p for p in paragraphs[1:] if len(p.split()) > 12)  # RT's own text, without GR's lines
    records = [
        {"id": "rt", "url": "https://www.rt.com/news/1", "published": "2016-09-18", "title": paragraphs[0], "text": body},
        {"id": "gr", "url": "https://www.globalresearch.ca/x/2", "published": "2016-09-19", "text": republished_text},
    ]
    batch = tmp_path / "b.jsonl"
    batch.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    db = tmp_path / "c.sqlite"
    ingest([str(batch)], db)
    conn = open_store(db)
    (cluster,) = dedup.find_clusters(conn)
    assert [m.record_id for m in cluster.members] == ["rt", "gr"]
    assert cluster.similarity > 0.8
    assert aggregates.syndication_edges(conn)[("rt.com", "globalresearch.ca")] == 1
    assert aggregates.republication_edges([cluster]) == {("rt.com", "globalresearch.ca"): 1}
