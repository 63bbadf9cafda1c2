"""The report as one standalone HTML page: no network assets, everything from the article escaped.

Overlapping spans are drawn by cutting the text at every span boundary; each piece is one ``<mark>``
whose class names the set of labels covering it, and the generated CSS stacks one background layer
per label (tints for techniques, underline bands for rhetoric kinds). Legend checkboxes switch a
label's colour variable off with ``:has()``. The inline script only copies already-escaped notes into
the details panel; a Content-Security-Policy with hashes allows exactly that style and script.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from unspin import __version__
from unspin.document import Document, Span
from unspin.render.legend import (
    CONTEXT_LAYERS,
    LegendEntry,
    humanize,
    label_style,
    layer_title,
    legend,
    marked_layers,
    numbered_spans,
)
from unspin.render.segments import segments
from unspin.render.values import (
    MAX_DEPTH,
    PROFILE_CAVEAT,
    attr_columns,
    credits,
    plain,
    score_text,
    shorten,
    source_facts,
    without_caveat,
)
from unspin.report import SCHEMA, Report

DISCLAIMER = (
    "Automatic analysis: rules and models make mistakes. Treat highlights as prompts to read closely, "
    "not as verdicts."
)
#: Background opacity of each paint; underline bands are drawn opaque.
_ALPHA = {"tint": 0.3, "quiet": 0.22, "underline": 0.95}
#: Height and spacing of stacked underline bands, in em.
_BAND, _BAND_GAP = 0.14, 0.2


def e(value: Any) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return escape(value if isinstance(value, str) else plain(value), quote=True)


def safe_href(url: object) -> str | None:
    """``url`` if it is an absolute http(s) URL (anything else must never become a link)."""
    if not isinstance(url, str) or not url:
        return None
    candidate = url.strip()
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ch.isspace() or ord(ch) < 32 for ch in candidate):
        return None
    return candidate


def render_html(report: Report) -> str:
    """The whole page for ``report`` as one string."""
    doc = report.document
    marked = marked_layers(doc)
    context = [layer for layer in CONTEXT_LAYERS if doc.layers.get(layer)]
    numbered = numbered_spans(doc, marked) + numbered_spans(doc, context)
    entries = legend(doc, marked + context)
    index = {(entry.style.layer, entry.style.label): i for i, entry in enumerate(entries)}
    label_of = [index[(layer, span.label)] for layer, span in numbered]
    title_html, body_html, combos = article_html(doc, numbered, label_of, entries)
    css = _asset("report.css") + label_css(entries, combos)
    script = _asset("report.js")
    items: dict[str, list[str]] = {}
    for number, ((layer, span), label) in enumerate(zip(numbered, label_of), start=1):
        items.setdefault(layer if layer in context else "marked", []).append(_item(doc, number, layer, span, label))
    marked_items = items.get("marked", [])
    page_title = doc.title or shorten(doc.text, 80)
    return "".join(
        [
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{e(content_security_policy(css, script))}">\n',
            '<meta name="referrer" content="no-referrer">\n',
            f'<meta name="generator" content="unspin {e(__version__)}">\n',
            f"<title>{e(page_title)} · unspin report</title>\n<style>{css}</style>\n</head>\n<body>\n",
            _header(doc),
            '<main class="layout">\n<article class="card article" aria-label="Article text">',
            f'<h1 class="article-title">{title_html}</h1>' if title_html else "",
            f'<div class="article-body">{body_html}</div></article>\n',
            '<aside class="side">',
            _details_panel(),
            _legend_panel(entries),
            _summary_panel(report),
            "</aside>\n</main>\n",
            '<div class="panels">\n',
            _items_panel("findings", f"Findings ({len(marked_items)})", marked_items, wide=True),
            _quotes_panel(doc, items.get("quotes", [])),
            _items_panel("claims", f"Claims ({len(items.get('claims', []))})", items.get("claims", [])),
            _sentences_panel(doc),
            _provenance_panel(doc),
            _results_panel(report),
            "</div>\n",
            f"<footer><p>{e(DISCLAIMER)}</p>",
            f"<p>Made with unspin {e(__version__)} · report schema {e(SCHEMA)}</p></footer>\n",
            f"<script>{script}</script>\n</body>\n</html>\n",
        ]
    )


def content_security_policy(css: str, script: str) -> str:
    """Nothing may load; only this exact inline style and script may run."""
    return (
        "default-src 'none'; "
        f"style-src '{_sha256(css)}'; script-src '{_sha256(script)}'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _sha256(content: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(content.encode("utf-8")).digest()).decode("ascii")


def _asset(name: str) -> str:
    return (resources.files("unspin") / "data" / "render" / name).read_text(encoding="utf-8")


def article_html(
    doc: Document, numbered: list[tuple[str, Span]], label_of: list[int], entries: list[LegendEntry]
) -> tuple[str, str, dict[tuple[int, ...], int]]:
    """Title and body as escaped HTML with ``<mark>`` pieces, plus the label combinations used."""
    spans = [span for _, span in numbered]
    title_end = doc.title_end
    rest = doc.text[title_end:]
    body_start = title_end + len(rest) - len(rest.lstrip()) if title_end else 0
    starting: dict[int, list[int]] = {}
    for number, span in enumerate(spans, start=1):
        starting.setdefault(span.start, []).append(number)
    combos: dict[tuple[int, ...], int] = {}
    title_parts: list[str] = []
    body = _Paragraphs()
    for seg in segments(len(doc.text), spans, cuts=[title_end, body_start]):
        in_title = seg.end <= title_end
        anchors = "".join(f'<span class="anchor" id="m{number}"></span>' for number in starting.get(seg.start, ()))
        if in_title:
            title_parts.append(anchors)
        else:
            body.add(anchors)
        if title_end <= seg.start < body_start:
            continue
        text = doc.text[seg.start : seg.end]
        open_tag, close_tag = "", ""
        if seg.covering:
            labels = _stacking_order(seg.covering, spans, label_of, entries)
            combo = combos.setdefault(labels, len(combos))
            tip = "; ".join(
                f"{entries[label_of[i]].style.title} ({score_text(spans[i].score)})" for i in seg.covering
            )
            numbers = " ".join(str(i + 1) for i in seg.covering)
            focus = any(entries[label_of[i]].style.layer not in CONTEXT_LAYERS for i in seg.covering)
            tabindex = ' tabindex="0"' if focus else ""
            open_tag = f'<mark class="hl c{combo}"{tabindex} data-s="{numbers}" title="{e(tip)}">'
            close_tag = "</mark>"
        if in_title:
            title_parts.append(f"{open_tag}{e(text)}{close_tag}")
        else:
            body.add_text(text, open_tag, close_tag)
    return "".join(title_parts), body.html(), combos


class _Paragraphs:
    """Collects body pieces into ``<p>`` elements, one per line of the text; blank lines only separate."""

    def __init__(self) -> None:
        self.done: list[str] = []
        self.current: list[str] = []

    def add(self, html: str) -> None:
        if html:
            self.current.append(html)

    def add_text(self, text: str, open_tag: str, close_tag: str) -> None:
        for index, line in enumerate(text.split("\n")):
            if index:
                self._end()
            if line:
                self.current.append(f"{open_tag}{e(line)}{close_tag}")

    def _end(self) -> None:
        if self.current:
            self.done.append(f"<p>{''.join(self.current)}</p>")
            self.current = []

    def html(self) -> str:
        self._end()
        return "\n".join(self.done)


def _stacking_order(
    covering: tuple[int, ...], spans: list[Span], label_of: list[int], entries: list[LegendEntry]
) -> tuple[int, ...]:
    """Labels of a piece, top layer first: underline bands, then tints from the innermost span out."""
    ranked = sorted(
        covering,
        key=lambda i: (entries[label_of[i]].style.paint != "underline", spans[i].end - spans[i].start, label_of[i]),
    )
    return tuple(dict.fromkeys(label_of[i] for i in ranked))


def label_css(entries: list[LegendEntry], combos: dict[tuple[int, ...], int]) -> str:
    """Per-label colour variables, legend filters, swatches, bars and one background rule per combination."""
    top = max((entry.count for entry in entries), default=1)
    colours = ";".join(f"--l{i}:{entry.style.rgba(_ALPHA[entry.style.paint])}" for i, entry in enumerate(entries))
    rules = [f"\nbody{{{colours}}}"] if entries else ["\n"]
    for i, entry in enumerate(entries):
        off = f"body:has(#f{i}:not(:checked))"
        rules += [
            f"{off}{{--l{i}:transparent}}",
            f"{off} #findings .i{i}{{display:none}}",
            f".sw{i},.w{i}{{background:{entry.style.colour}}}",
            f".w{i}{{width:{max(4, round(100 * entry.count / top))}%}}",
            f".item.i{i}{{border-left-color:{entry.style.colour}}}",
        ]
    for labels, combo in combos.items():
        layers, bands = [], 0
        for label in labels:
            var = f"var(--l{label})"
            if entries[label].style.paint == "underline":
                low, high = f"{bands * _BAND_GAP:g}em", f"{bands * _BAND_GAP + _BAND:g}em"
                layers.append(f"linear-gradient(to top,transparent {low},{var} {low},{var} {high},transparent {high})")
                bands += 1
            else:
                layers.append(f"linear-gradient({var},{var})")
        padding = f";padding-bottom:{0.12 + _BAND_GAP * (bands - 1):g}em" if bands > 1 else ""
        rules.append(f".c{combo}{{background-image:{','.join(layers)}{padding}}}")
    return "\n".join(rules) + "\n"


def _item(doc: Document, number: int, layer: str, span: Span, label: int) -> str:
    style = label_style(layer, span.label)
    score = "" if layer in CONTEXT_LAYERS else f'<span class="score">score {score_text(span.score)}</span>'
    attrs = "".join(
        f"<dt>{e(key.replace('_', ' ').capitalize())}</dt><dd>{e(span.attrs[key])}</dd>"
        for key in attr_columns(layer, [span.attrs])
    )
    return (
        f'<li class="item i{label}" id="s{number}" data-l="{label}">'
        f'<div class="item-head"><strong>{e(style.title)}</strong>'
        f'<span class="layer">{e(layer_title(layer))}</span>{score}</div>'
        f"<blockquote>{e(shorten(doc.span_text(span), 400))}</blockquote>"
        + (f"<p>{e(span.explanation)}</p>" if span.explanation else "")
        + (f'<p class="hint def">{e(style.description)}</p>' if style.description else "")
        + (f"<dl>{attrs}</dl>" if attrs else "")
        + f'<a class="goto" href="#m{number}">Show in text</a></li>'
    )


def _header(doc: Document) -> str:
    facts = "".join(
        f"<li><b>{e(label)}</b>{_value_html(label, value)}</li>" for label, value in source_facts(doc.source)
    )
    return (
        '<header class="top"><p class="brand">unspin · how this article persuades</p>'
        + (f'<ul class="facts">{facts}</ul>' if facts else "")
        + "</header>\n"
    )


def _value_html(label: str, value: str) -> str:
    href = safe_href(value) if label == "URL" else None
    if href:
        return f'<a href="{e(href)}" rel="noopener noreferrer nofollow">{e(value)}</a>'
    return e(value)


def _details_panel() -> str:
    return (
        '<section class="card details" id="details" aria-live="polite"><h2>Selected passage'
        '<button type="button" class="close" id="details-close" aria-label="Close">✕</button></h2>'
        '<p class="hint" id="details-hint">Click, tap or tab to a highlighted passage to see what was found there. '
        "Hovering shows a short note.</p>"
        '<ol class="items" id="details-body"></ol></section>'
    )


def _legend_panel(entries: list[LegendEntry]) -> str:
    if not entries:
        return (
            '<section class="card legend"><h2>Legend</h2>'
            '<p class="empty">Nothing was found in this article.</p></section>'
        )
    groups: list[str] = []
    current = None
    for i, entry in enumerate(entries):
        if entry.style.layer != current:
            if current is not None:
                groups.append("</ul>")
            current = entry.style.layer
            groups.append(f"<h3>{e(layer_title(current))}</h3><ul>")
        checked = "" if current in CONTEXT_LAYERS else " checked"
        groups.append(
            f'<li><label title="{e(entry.style.description)}"><input type="checkbox" id="f{i}"{checked}>'
            f'<span class="sw sw{i}"></span><span class="name">{e(entry.style.title)}</span>'
            f'<span class="count">{entry.count}</span></label>'
            f'<span class="bar" aria-hidden="true"><i class="w{i}"></i></span></li>'
        )
    groups.append("</ul>")
    return (
        '<section class="card legend"><h2>Legend</h2>'
        '<p class="hint">Untick a label to hide its highlights. Quotes and claims start hidden.</p>'
        + "".join(groups)
        + "</section>"
    )


def _summary_panel(report: Report) -> str:
    """Counts and the one-value results, for the sidebar; nested results get their own panel."""
    summary = report.summary()
    rows = [("Words", summary.get("words", 0))]
    rows += [(layer_title(layer), sum(counts.values())) for layer, counts in summary.get("counts", {}).items()]
    rows += [(humanize(key), value) for key, value in _results(summary).items() if not isinstance(value, (dict, list))]
    body = "".join(f"<dt>{e(label)}</dt><dd>{e(value)}</dd>" for label, value in rows)
    return f'<section class="card summary"><h2>Summary</h2><dl class="kv">{body}</dl></section>'


def _results_panel(report: Report) -> str:
    """Article-level results the analysers left (``doc.summaries``) that are tables or mappings."""
    nested = {key: value for key, value in _results(report.summary()).items() if isinstance(value, (dict, list))}
    if not nested:
        return ""
    body = "".join(f"<h3>{e(humanize(key))}</h3>{value_html(value)}" for key, value in nested.items())
    return f'<section class="card wide" id="results"><h2>Article-level results</h2>{body}</section>\n'


def _results(summary: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in summary.items() if key not in ("words", "counts")}


def value_html(value: Any, depth: int = 0) -> str:
    """A mapping as a definition list, a list of mappings as a table, anything else as escaped text."""
    if depth < MAX_DEPTH and isinstance(value, dict):
        pairs = "".join(
            f"<dt>{e(humanize(str(key)))}</dt><dd>{value_html(item, depth + 1)}</dd>"
            for key, item in value.items()
            if plain(item)
        )
        return f'<dl class="kv">{pairs}</dl>'
    if depth < MAX_DEPTH and isinstance(value, list) and value and all(isinstance(row, dict) for row in value):
        keys = list(dict.fromkeys(key for row in value for key in row))
        head = "".join(f"<th>{e(humanize(str(key)))}</th>" for key in keys)
        rows = "".join("<tr>" + "".join(f"<td>{e(row.get(key))}</td>" for key in keys) + "</tr>" for row in value)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    return e(value)


def _items_panel(anchor: str, heading: str, items: list[str], *, wide: bool = False) -> str:
    if not items:
        return ""
    wide_class = " wide" if wide else ""
    return (
        f'<section class="card{wide_class}" id="{anchor}"><h2>{e(heading)}</h2>'
        f'<ol class="items">{"".join(items)}</ol></section>\n'
    )


def _quotes_panel(doc: Document, items: list[str]) -> str:
    """Who is quoted, how often, then every quote."""
    if not items:
        return ""
    tally: dict[tuple[str, str], int] = {}
    for span in doc.spans("quotes"):
        key = (plain(span.attrs.get("speaker")) or "Unknown speaker", plain(span.attrs.get("affiliation")))
        tally[key] = tally.get(key, 0) + 1
    rows = "".join(
        f'<tr><td>{e(speaker)}</td><td>{e(affiliation)}</td><td class="n">{count}</td></tr>'
        for (speaker, affiliation), count in sorted(tally.items(), key=lambda item: -item[1])
    )
    return (
        f'<section class="card" id="quotes"><h2>Quotes and sources ({len(items)})</h2>'
        '<table><thead><tr><th>Speaker</th><th>Affiliation</th><th class="n">Quotes</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        f'<details class="all"><summary>All {len(items)} quotes</summary><ol class="items">{"".join(items)}</ol></details>'
        "</section>\n"
    )


def _sentences_panel(doc: Document) -> str:
    spans = sorted(doc.spans("sentences"), key=lambda span: -span.score)[:5]
    if not spans:
        return ""
    rows = "".join(
        f'<tr><td>{e(shorten(doc.span_text(span), 300))}</td><td class="n">{score_text(span.score)}</td></tr>'
        for span in spans
    )
    return (
        '<section class="card" id="sentences"><h2>Highest-scoring sentences</h2>'
        f"<table><thead><tr><th>Sentence</th><th>Score</th></tr></thead><tbody>{rows}</tbody></table></section>\n"
    )


def _provenance_panel(doc: Document) -> str:
    prov = doc.provenance
    rows = []
    if prov.outlet:
        rows.append(("Outlet", e(prov.outlet)))
    if prov.outlet_profile:
        profile = value_html(without_caveat(prov.outlet_profile))
        rows.append(("Outlet profile", f'{profile}<p class="caveat">{e(PROFILE_CAVEAT)}</p>'))
    for credit in credits(prov.syndicated_from):
        quoted = ", ".join(f"<q>{e(line)}</q>" for line in credit.evidence)
        evidence = f" (evidence: {quoted})" if quoted else ""
        extra = value_html(credit.attrs) if plain(credit.attrs) else ""
        rows.append((credit.label, f"<strong>{e(credit.name)}</strong>{evidence}{extra}"))
    if prov.boilerplate:
        removed = "".join(
            f"<details><summary>{e(plain(boiler.kind).replace('_', ' '))}</summary><pre>{e(boiler.text)}</pre></details>"
            for boiler in prov.boilerplate
        )
        rows.append((f"Removed from the body ({len(prov.boilerplate)})", removed))
    rows += [(label, _value_html(label, value)) for label, value in source_facts(doc.source)]
    if not rows:
        return ""
    body = "".join(f"<dt>{e(label)}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<section class="card" id="provenance"><h2>Provenance and source</h2><dl class="kv">{body}</dl></section>\n'
