"""The report in a terminal (rich): the article with numbered highlights, notes, legend and tables.

Article text only ever enters rich as :class:`rich.text.Text` (never as a markup string), so
brackets and tags in an article print as they are. Without a terminal rich drops the colours and
the numbered ``[n]`` markers keep the output readable as plain text.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from unspin.document import Document, Span
from unspin.render.legend import (
    CONTEXT_LAYERS,
    LabelStyle,
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
from unspin.report import Report



def print_report(report: Report, console: Console) -> None:
    """Print ``report`` on ``console``."""
    for part in renderables(report):
        console.print(part)


def renderables(report: Report) -> list[RenderableType]:
    """Everything the terminal shows for one report, top to bottom."""
    doc = report.document
    layers = marked_layers(doc)
    numbered = numbered_spans(doc, layers)
    parts: list[RenderableType] = [_header(doc), article_text(doc, numbered)]
    if numbered:
        parts += [_legend_line(doc, layers), _notes_table(doc, numbered), _counts_table(doc, layers)]
    else:
        parts.append(Text("No findings.", style="dim"))
    for layer in (*CONTEXT_LAYERS, "sentences"):
        if doc.layers.get(layer):
            parts.append(_layer_table(doc, layer))
    parts += [_provenance_table(doc), _summary_table(report)]
    return [part for part in parts if part is not None]


def article_text(doc: Document, numbered: list[tuple[str, Span]]) -> Text:
    """The article with every span styled and a ``[n]`` marker after each numbered span."""
    context = [span for layer in CONTEXT_LAYERS for span in doc.spans(layer)]
    marked = [span for _, span in numbered]
    styles = [label_style(layer, span.label) for layer, span in numbered]
    styles += [label_style(layer, span.label) for layer in CONTEXT_LAYERS for span in doc.spans(layer)]
    spans = marked + context
    ending: dict[int, list[int]] = {}
    for index, span in enumerate(marked):
        ending.setdefault(span.end, []).append(index)
    out = Text()
    for seg in segments(len(doc.text), spans, cuts=[doc.title_end]):
        style = _segment_style([(spans[i], styles[i]) for i in seg.covering])
        if seg.end <= doc.title_end:
            style += Style(bold=True)
        out.append(doc.text[seg.start : seg.end], style=style)
        for index in ending.get(seg.end, ()):
            out.append(f"[{index + 1}]", style=Style(color=styles[index].colour, bold=True))
    return out


def _segment_style(covering: list[tuple[Span, LabelStyle]]) -> Style:
    """Tint from the innermost tinted span; underline for underline kinds; italic for quiet layers."""
    def innermost(paint: str) -> LabelStyle | None:
        found = [(span.end - span.start, style) for span, style in covering if style.paint == paint]
        return min(found, key=lambda item: item[0])[1] if found else None

    tint, underline, quiet = innermost("tint"), innermost("underline"), innermost("quiet")
    style = Style()
    if tint:
        style += Style(bgcolor=tint.pastel, color="black")
    if underline:
        style += Style(underline=True, bold=True, color=None if tint else underline.colour)
    if quiet:
        style += Style(italic=True)
    return style


def _header(doc: Document) -> RenderableType:
    title = Text(doc.title or "Untitled article", style="bold")
    facts = source_facts(doc.source)
    line = Text(" · ").join(Text(f"{label}: {value}", style="dim") for label, value in facts)
    return Group(Rule(title), line) if facts else Rule(title)


def _legend_line(doc: Document, layers: list[str]) -> Text:
    parts = [
        Text.assemble(("■ ", Style(color=entry.style.colour)), f"{entry.style.title} ({entry.count})")
        for entry in legend(doc, layers)
    ]
    return Text.assemble("\nLegend: ", Text("  ").join(parts))


def _notes_table(doc: Document, numbered: list[tuple[str, Span]]) -> Table:
    table = Table(title="Findings", box=box.SIMPLE_HEAD, show_lines=False, expand=True, title_justify="left")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("What", ratio=1)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Passage and explanation", ratio=2)
    for number, (layer, span) in enumerate(numbered, start=1):
        style = label_style(layer, span.label)
        what = Text.assemble((style.title, Style(color=style.colour, bold=True)), ("\n" + layer_title(layer), "dim"))
        note = Text.assemble((f"“{shorten(doc.span_text(span), 160)}”", "italic"))
        for line in (span.explanation, plain({k: span.attrs[k] for k in attr_columns(layer, [span.attrs])})):
            if line:
                note.append("\n" + line)
        table.add_row(Text(str(number)), what, Text(score_text(span.score)), note)
    return table


def _counts_table(doc: Document, layers: list[str]) -> Table:
    table = Table(title="Legend and counts", box=box.SIMPLE_HEAD, expand=True, title_justify="left")
    table.add_column("Label", ratio=1)
    table.add_column("Count", justify="right", no_wrap=True)
    table.add_column("Mean score", justify="right", no_wrap=True)
    table.add_column("What it means", ratio=2)
    previous_layer = None
    for entry in legend(doc, layers):
        if entry.style.layer != previous_layer:
            table.add_row(Text(layer_title(entry.style.layer), style="bold underline"))
            previous_layer = entry.style.layer
        table.add_row(
            Text.assemble(("■ ", Style(color=entry.style.colour)), entry.style.title),
            Text(str(entry.count)),
            Text(score_text(entry.mean_score)),
            Text(entry.style.description, style="dim"),
        )
    return table


def _layer_table(doc: Document, layer: str) -> Table:
    """A context layer (quotes, claims, ...) as rows of passage + attrs; sentences as the top-scored few."""
    spans = doc.spans(layer)
    if layer == "sentences":
        spans = sorted(spans, key=lambda span: -span.score)[:5]
    columns = attr_columns(layer, [span.attrs for span in spans])
    title = "Highest-scoring sentences" if layer == "sentences" else layer_title(layer)
    table = Table(title=title, box=box.SIMPLE_HEAD, expand=True, title_justify="left")
    for key in columns:
        table.add_column(Text(humanize(key)), ratio=1)
    table.add_column("Passage", ratio=3)
    table.add_column("Score", justify="right", no_wrap=True)
    for span in spans:
        passage = Text(f"“{shorten(doc.span_text(span), 200)}”")
        if span.explanation:
            passage.append("\n" + span.explanation, style="dim")
        cells = [Text(plain(span.attrs.get(key))) for key in columns]
        table.add_row(*cells, passage, Text(score_text(span.score)))
    return table


def _provenance_table(doc: Document) -> Table | None:
    prov = doc.provenance
    rows: list[tuple[str, RenderableType]] = []
    if prov.outlet:
        rows.append(("Outlet", Text(plain(prov.outlet))))
    if prov.outlet_profile:
        caveat = Text(PROFILE_CAVEAT, style="dim italic")
        rows.append(("Outlet profile", Group(value_renderable(without_caveat(prov.outlet_profile)), caveat)))
    for credit in credits(prov.syndicated_from):
        quoted = ", ".join(f"“{shorten(line, 200)}”" for line in credit.evidence)
        line = Text.assemble((credit.name, "bold"), (f" (evidence: {quoted})" if quoted else "", "dim"))
        rows.append((credit.label, Group(line, value_renderable(credit.attrs)) if plain(credit.attrs) else line))
    for boiler in prov.boilerplate:
        kind = plain(boiler.kind).replace("_", " ")
        rows.append((f"Removed: {kind}", Text(shorten(plain(boiler.text), 200), style="dim")))
    if not rows:
        return None
    table = Table(title="Provenance", box=box.SIMPLE_HEAD, expand=True, title_justify="left", show_header=False)
    table.add_column("Field", no_wrap=True, style="bold")
    table.add_column("Value", ratio=1)
    for label, value in rows:
        table.add_row(Text(label), value)
    return table


def _summary_table(report: Report) -> Table:
    summary: dict[str, Any] = report.summary()
    table = Table(title="Summary", box=box.SIMPLE_HEAD, title_justify="left", show_header=False, expand=True)
    table.add_column("Field", no_wrap=True, style="bold")
    table.add_column("Value", ratio=1)
    table.add_row(Text("Words"), Text(str(summary.get("words", 0))))
    for layer, counts in summary.get("counts", {}).items():
        by_title = plain({label_style(layer, label).title: count for label, count in counts.items()})
        table.add_row(Text(layer_title(layer)), Text(f"{sum(counts.values())} ({by_title})"))
    for key, value in summary.items():
        if key not in ("words", "counts"):
            table.add_row(Text(humanize(key)), value_renderable(value))
    return table


def value_renderable(value: Any, depth: int = 0) -> RenderableType:
    """A mapping as a two-column grid, a list of mappings as a table, anything else as one line."""
    if depth < MAX_DEPTH and isinstance(value, dict):
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(ratio=1)
        for key, item in value.items():
            if plain(item):
                grid.add_row(Text(humanize(str(key))), value_renderable(item, depth + 1))
        return grid
    if depth < MAX_DEPTH and isinstance(value, list) and value and all(isinstance(row, dict) for row in value):
        keys = list(dict.fromkeys(key for row in value for key in row))
        table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
        for key in keys:
            table.add_column(Text(humanize(str(key))))
        for row in value:
            table.add_row(*(Text(plain(row.get(key))) for key in keys))
        return table
    return Text(plain(value))
