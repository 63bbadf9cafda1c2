"""Corpus questions answered from the store: who uses which techniques, how often, since when, copied from whom.

Everything reads the spans and metadata stored at ingest, so it works with whatever analysers
ran: without the technique model the tables simply show the rhetoric findings. Rates are per
1,000 words so long and short articles, big and small outlets compare.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from unspin.corpus.dedup import Cluster

#: Span layers counted as "technique mix": the model's techniques and the rhetoric findings.
MIX_LAYERS = ("techniques", "findings")
#: Labels whose phrases make the "loaded phrases" table (whichever of them the store has).
LOADED_LABELS = ("Loaded_Language", "Name_Calling,Labeling", "scare_quote")
UNKNOWN_OUTLET = "(unknown outlet)"
PERIODS = {"year": 4, "month": 7, "day": 10}


@dataclass
class OutletProfile:
    outlet: str
    articles: int
    words: int
    reliability_label: str | None
    label_source: str | None
    #: label -> spans per 1,000 words
    rates: dict[str, float] = field(default_factory=dict)


@dataclass
class Phrase:
    text: str
    label: str
    count: int
    articles: int
    outlets: int


def _layer_filter(layers: Iterable[str]) -> tuple[str, list[str]]:
    chosen = list(layers)
    return ",".join("?" * len(chosen)), chosen


def labels(conn: sqlite3.Connection, layers: Iterable[str] = MIX_LAYERS) -> list[str]:
    """Labels present in the store for ``layers``, most frequent first."""
    marks, args = _layer_filter(layers)
    rows = conn.execute(
        f"SELECT label FROM spans WHERE layer IN ({marks}) GROUP BY label ORDER BY COUNT(*) DESC, label", args
    )
    return [row[0] for row in rows]


def outlet_profiles(
    conn: sqlite3.Connection, layers: Iterable[str] = MIX_LAYERS, *, min_articles: int = 1
) -> list[OutletProfile]:
    """Each outlet's technique mix per 1,000 words beside its reliability label, biggest outlets first."""
    marks, args = _layer_filter(layers)
    profiles = {
        row[0]: OutletProfile(row[0], row[1], row[2] or 0, row[3], row[4])
        for row in conn.execute(
            f"""SELECT COALESCE(outlet, '{UNKNOWN_OUTLET}'), COUNT(*), SUM(words),
                       MAX(reliability_label), MAX(label_source)
                FROM articles GROUP BY 1 HAVING COUNT(*) >= ?""",
            (min_articles,),
        )
    }
    for outlet, label, count in conn.execute(
        f"""SELECT COALESCE(a.outlet, '{UNKNOWN_OUTLET}'), s.label, COUNT(*)
            FROM spans s JOIN articles a ON a.id = s.article_id
            WHERE s.layer IN ({marks}) GROUP BY 1, 2""",
        args,
    ):
        profile = profiles.get(outlet)
        if profile and profile.words:
            profile.rates[label] = 1000 * count / profile.words
    return sorted(profiles.values(), key=lambda p: (-p.articles, p.outlet))


def over_time(
    conn: sqlite3.Connection, layers: Iterable[str] = MIX_LAYERS, *, period: str = "month"
) -> dict[str, dict[str, float]]:
    """period (``2016-09``) -> label -> spans per 1,000 words of that period's articles; undated articles left out."""
    width = PERIODS[period]
    marks, args = _layer_filter(layers)
    words = dict(
        conn.execute(
            "SELECT substr(published_date, 1, ?), SUM(words) FROM articles WHERE published_date IS NOT NULL GROUP BY 1",
            (width,),
        ).fetchall()
    )
    series: dict[str, dict[str, float]] = {key: {} for key in sorted(words)}
    for key, label, count in conn.execute(
        f"""SELECT substr(a.published_date, 1, ?), s.label, COUNT(*)
            FROM spans s JOIN articles a ON a.id = s.article_id
            WHERE a.published_date IS NOT NULL AND s.layer IN ({marks}) GROUP BY 1, 2""",
        [width, *args],
    ):
        if words.get(key):
            series[key][label] = 1000 * count / words[key]
    return series


def top_phrases(conn: sqlite3.Connection, labels: Iterable[str] = LOADED_LABELS, *, limit: int = 20) -> list[Phrase]:
    """The most repeated loaded phrases (case-folded), with how many articles and outlets use them."""
    marks, args = _layer_filter(labels)
    rows = conn.execute(
        f"""SELECT lower(trim(s.text)) AS phrase, s.label, COUNT(*), COUNT(DISTINCT s.article_id),
                   COUNT(DISTINCT COALESCE(a.outlet, ''))
            FROM spans s JOIN articles a ON a.id = s.article_id
            WHERE s.label IN ({marks}) AND length(trim(s.text)) > 0
            GROUP BY phrase, s.label ORDER BY COUNT(*) DESC, phrase LIMIT ?""",
        [*args, limit],
    )
    return [Phrase(*row) for row in rows]


def republication_edges(clusters: Iterable[Cluster]) -> Counter[tuple[str, str]]:
    """(original's outlet, copy's outlet) -> number of stories copied that way."""
    edges: Counter[tuple[str, str]] = Counter()
    for cluster in clusters:
        source = cluster.original.outlet or UNKNOWN_OUTLET
        for member in cluster.members[1:]:
            target = member.outlet or UNKNOWN_OUTLET
            if target != source:
                edges[(source, target)] += 1
    return edges


def syndication_edges(conn: sqlite3.Connection) -> Counter[tuple[str, str]]:
    """(outlet named as the source in the text, e.g. "By RT"; outlet that ran it) -> articles."""
    rows = conn.execute(
        f"""SELECT y.name, COALESCE(a.outlet, '{UNKNOWN_OUTLET}'), COUNT(*)
            FROM syndications y JOIN articles a ON a.id = y.article_id GROUP BY 1, 2"""
    )
    return Counter({(name, outlet): count for name, outlet, count in rows})


@dataclass
class CorpusSummary:
    """Everything the corpus report shows, gathered in one pass over the store."""

    articles: int
    failed: int
    outlets: int
    labels: list[str]
    profiles: list[OutletProfile]
    series: dict[str, dict[str, float]]
    phrases: list[Phrase]
    clusters: list[Cluster]
    copy_edges: Counter[tuple[str, str]]
    syndication_edges: Counter[tuple[str, str]]
    failures: list[tuple[str, str]]


def summarise(
    conn: sqlite3.Connection, *, max_outlets: int = 15, max_labels: int = 10, max_failures: int = 50
) -> CorpusSummary:
    from unspin.corpus import dedup, store

    counts = store.counts(conn)
    clusters = dedup.find_clusters(conn)
    return CorpusSummary(
        articles=counts.articles,
        failed=counts.failed,
        outlets=counts.outlets,
        labels=labels(conn)[:max_labels],
        profiles=outlet_profiles(conn)[:max_outlets],
        series=_busiest_series(conn),
        phrases=top_phrases(conn),
        clusters=clusters,
        copy_edges=republication_edges(clusters),
        syndication_edges=syndication_edges(conn),
        failures=[(row[0], row[1]) for row in store.failures(conn, max_failures)],
    )


def _busiest_series(conn: sqlite3.Connection) -> dict[str, dict[str, float]]:
    """Monthly series, or daily when all dated articles fall within one month."""
    monthly = over_time(conn, period="month")
    return monthly if len(monthly) > 1 else over_time(conn, period="day")
