"""The terminal report: article text verbatim (markup-looking text stays text), markers, tables, plain without a TTY."""

from __future__ import annotations

import io

from conftest import BODY, TITLE
from rich.console import Console

from unspin.render.legend import marked_layers, numbered_spans
from unspin.render.terminal import article_text, print_report


def _render(report, **kwargs) -> str:
    out = io.StringIO()
    print_report(report, Console(file=out, width=110, **kwargs))
    return out.getvalue()


def test_plain_output_without_a_terminal_has_no_escape_codes(report):
    text = _render(report)
    assert "\x1b[" not in text
    assert "[bold]not markup[/bold]" in text  # not swallowed as rich markup
    assert "<script>alert(1)</script>[6]" in text


def test_coloured_output_on_a_terminal(report):
    assert "\x1b[" in _render(report, force_terminal=True, color_system="truecolor")


def test_article_keeps_every_character_and_numbers_each_finding(report):
    doc = report.document
    numbered = numbered_spans(doc, marked_layers(doc))
    shown = article_text(doc, numbered).plain
    for number in range(1, len(numbered) + 1):
        assert f"[{number}]" in shown
    stripped = shown
    for number in range(len(numbered), 0, -1):
        stripped = stripped.replace(f"[{number}]", "")
    assert stripped == f"{TITLE}\n\n{BODY}"


def test_overlapping_spans_combine_tint_and_underline(report):
    doc = report.document
    shown = article_text(doc, numbered_spans(doc, marked_layers(doc)))
    start = shown.plain.index("'mistakenly'")
    styles = [span.style for span in shown.spans if span.start <= start < span.end]
    assert any(style.bgcolor for style in styles) and any(style.underline for style in styles)


def test_tables_cover_every_layer_and_provenance(report):
    text = _render(report)
    for expected in (
        "Legend and counts", "Loaded language", "Scare quotes", "Big <claim>", "Quotes", "Vitaly Churkin",
        "Russia <UN>", "Claims", "the ministry", "Highest-scoring sentences", "Provenance", "globalresearch.ca",
        "A label describes the outlet, not this article.", "Syndicated from", "“By RT”",
        "Removed: disclaimer", "Summary", "Propaganda share",
    ):
        assert expected in text, expected


def test_article_without_findings(empty_report):
    text = _render(empty_report)
    assert "Nothing to see here." in text and "No findings." in text and "Legend" not in text


def _provenance_lines(report) -> list[str]:
    text = _render(report)
    return text[text.index("Provenance") : text.index("Summary")].splitlines()


def test_a_credited_person_is_a_credited_author_not_a_syndication(author_credited):
    lines = _provenance_lines(author_credited)
    assert any(
        "Credited author" in line and "Chuck Baldwin (evidence: “Reprinted with permission from Chuck Baldwin”)" in line
        for line in lines
    ), lines
    assert not any("Syndicated from" in line or "Kind" in line for line in lines)


def test_a_credited_outlet_is_syndicated_from_with_its_profile(outlet_credited):
    lines = _provenance_lines(outlet_credited)
    assert any("Syndicated from" in line and "RT (evidence: “This article was originally published by RT”)" in line for line in lines)
    assert any("rt.com" in line for line in lines)
    assert not any("Credited author" in line or "Kind" in line for line in lines)
