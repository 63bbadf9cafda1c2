"""The corpus report as one standalone HTML file: tables and embedded PNG charts, no scripts, no network.

Every string from the corpus is escaped, and a Content-Security-Policy forbids anything but
inline styles and embedded images, so an article cannot make the report fetch or run anything.
"""

from __future__ import annotations

import base64
from html import escape
from typing import Iterable, Sequence

from unspin.corpus import plots
from unspin.corpus.aggregates import CorpusSummary

#: Clusters listed in full; the rest are counted.
MAX_CLUSTERS = 50

_CSS = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: .5em 0 1em; font-size: .9em; }
th, td { border-bottom: 1px solid #e4e4e4; padding: .25em .6em; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #777; } .stats span { margin-right: 2em; font-size: 1.1em; }
img { max-width: 100%; } details { margin: .6em 0; } summary { cursor: pointer; }
"""

_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def render(summary: CorpusSummary, *, title: str = "unspin corpus report") -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        '<p class="stats">'
        f"<span><b>{summary.articles:,}</b> articles</span><span><b>{summary.outlets:,}</b> outlets</span>"
        f"<span><b>{len(summary.clusters):,}</b> republished stories</span>"
        f"<span><b>{summary.failed:,}</b> failed inputs</span></p>",
        _outlets_section(summary),
        _time_section(summary),
        _phrases_section(summary),
        _republication_section(summary),
        _failures_section(summary),
        '<p class="muted">Reliability labels describe outlets, never prove anything about one article. '
        "Rates count the spans the analysers found per 1,000 words; they are estimates, not verdicts.</p>",
        "</body></html>",
    ]
    return "\n".join(parts)


def _img(png: bytes, alt: str) -> str:
    return f'<img alt="{escape(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}">'


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f'<th{" class=n" if i in numeric else ""}>{escape(h)}</th>' for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f'<td{" class=n" if i in numeric else ""}>{_cell(v)}</td>' for i, v in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: object) -> str:
    if value is None or value == "":
        return '<span class="muted">–</span>'
    if isinstance(value, float):
        return f"{value:.2f}"
    return escape(str(value))


def _outlets_section(s: CorpusSummary) -> str:
    if not s.profiles:
        return "<h2>Outlets</h2><p>No articles yet.</p>"
    chart = _img(plots.technique_mix(s.profiles, s.labels), "technique mix per outlet") if s.labels else (
        '<p class="muted">No technique or rhetoric spans stored yet.</p>'
    )
    rows = [
        [p.outlet, p.articles, p.words, p.reliability_label, p.label_source, *(p.rates.get(label, 0.0) for label in s.labels)]
        for p in s.profiles
    ]
    numeric = {1, 2, *range(5, 5 + len(s.labels))}
    table = _table(["outlet", "articles", "words", "reliability", "label from", *s.labels], rows, numeric)
    return (
        "<h2>Technique mix per outlet</h2>"
        "<p>Spans per 1,000 words, by outlet (articles in brackets), beside the outlet's reliability label.</p>"
        f"{chart}{table}"
    )


def _time_section(s: CorpusSummary) -> str:
    if len(s.series) < 2 or not s.labels:
        return '<h2>Over time</h2><p class="muted">Fewer than two days with dated articles.</p>'
    top = s.labels[:6]
    rows = [[period, *(values.get(label, 0.0) for label in top)] for period, values in s.series.items()]
    return (
        "<h2>Over time</h2><p>Spans per 1,000 words per period (articles with a publication date).</p>"
        + _img(plots.over_time(s.series, top), "techniques over time")
        + _table(["period", *top], rows, set(range(1, len(top) + 1)))
    )


def _phrases_section(s: CorpusSummary) -> str:
    if not s.phrases:
        return '<h2>Top loaded phrases</h2><p class="muted">No loaded-language spans stored.</p>'
    rows = [[p.text, p.label, p.count, p.articles, p.outlets] for p in s.phrases]
    return "<h2>Top loaded phrases</h2>" + _table(["phrase", "label", "times", "articles", "outlets"], rows, {2, 3, 4})


def _republication_section(s: CorpusSummary) -> str:
    parts = ["<h2>Republication</h2>"]
    if s.copy_edges or s.syndication_edges:
        parts.append(_img(plots.republication_graph(s.copy_edges, s.syndication_edges), "republication graph"))
    if not s.clusters:
        parts.append('<p class="muted">No near-duplicate articles found.</p>')
        return "".join(parts)
    parts.append(
        f"<p>{len(s.clusters):,} stories appear more than once (MinHash estimate of word-shingle Jaccard "
        "similarity to the earliest copy, which is the probable original).</p>"
    )
    for cluster in s.clusters[:MAX_CLUSTERS]:
        original = cluster.original
        rows = [
            [("original" if i == 0 else "copy"), m.record_id, m.outlet, m.published, m.title, m.similarity]
            for i, m in enumerate(cluster.members)
        ]
        parts.append(
            f"<details open><summary><b>{escape(original.title or original.record_id)}</b> — "
            f"{len(cluster.members)} articles{_in_outlets(cluster.outlets)} "
            f"(lowest similarity {cluster.similarity:.2f})</summary>"
            + _table(["", "id", "outlet", "published", "title", "similarity"], rows, {5})
            + "</details>"
        )
    if len(s.clusters) > MAX_CLUSTERS:
        parts.append(f'<p class="muted">… and {len(s.clusters) - MAX_CLUSTERS:,} more (see `unspin corpus duplicates`).</p>')
    return "".join(parts)


def _in_outlets(outlets: list[str]) -> str:
    return f" in {len(outlets)} outlets" if outlets else ""


def _failures_section(s: CorpusSummary) -> str:
    if not s.failed:
        return ""
    shown = f" (first {len(s.failures)})" if len(s.failures) < s.failed else ""
    return f"<h2>Failed inputs{shown}</h2>" + _table(["input", "reason"], s.failures)
