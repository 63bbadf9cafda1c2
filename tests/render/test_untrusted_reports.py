"""A report posted to the server is untrusted JSON: odd types render as text, never crash or inject."""

from __future__ import annotations

import io

from rich.console import Console

from unspin.render.html import render_html
from unspin.render.terminal import print_report
from unspin.report import SCHEMA, Report

DEEP: dict = {}
_level = DEEP
for _ in range(300):  # deeper than any renderer should follow
    _level["k"] = {}
    _level = _level["k"]

HOSTILE = {
    "schema": SCHEMA,
    "title": "T",
    "text": "T\n\nBody <svg onload=alert(1)> text here.",
    "source": {"url": 5, "outlet": ["<b>x</b>"], "published": {"when": "<i>now</i>"}},
    "findings": [
        {"kind": "<img src=x onerror=alert(1)>", "start": 3, "end": 7, "score": 0.5,
         "explanation": "</mark><script>alert(1)</script>", "nested": {"a": ["<u>1</u>", 2]}, "[/bold]": "[/]"},
    ],
    "quotes": [{"kind": "quote", "start": 8, "end": 12, "speaker": {"name": "<speaker>"}, "affiliation": None, "[/]": "x"}],
    "provenance": {
        "outlet": 7,
        "outlet_profile": ["not", "<a mapping>"],
        "syndicated_from": [{"name": 3, "evidence": ["<e>"]}],
        "boilerplate": [{"kind": 1, "text": ["<t>"]}],
    },
    "summary": {"words": 4, "counts": {}, "extra": {"deep": [{"x": "<y>", "[/]": float("nan")}]}, "deeper": DEEP},
}


def test_hostile_report_renders_as_escaped_html():
    page = render_html(Report.from_dict(HOSTILE))
    assert page.count("<script") == 1
    for raw in ("<svg", "<img", "<b>x", "<i>now", "<u>1", "<speaker>", "<a mapping>", "<e>", "<t>", "<y>"):
        assert raw not in page, raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "&lt;a mapping&gt;" in page


def test_hostile_report_renders_in_the_terminal():
    out = io.StringIO()
    print_report(Report.from_dict(HOSTILE), Console(file=out, width=100))
    assert "</mark><script>alert(1)</script>" in out.getvalue() and "<a mapping>" in out.getvalue()


def test_nested_results_render_as_tables():
    report = Report.from_dict({**HOSTILE, "summary": {"sources": {"sources": [{"speaker": "Ann <A>", "direct": 2}]}}})
    page = render_html(report)
    assert "<th>Speaker</th><th>Direct</th>" in page and "<td>Ann &lt;A&gt;</td><td>2</td>" in page
    out = io.StringIO()
    print_report(report, Console(file=out, width=100))
    assert "Ann <A>" in out.getvalue()
