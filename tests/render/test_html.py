"""The standalone HTML report: self-contained, escaped, overlapping spans kept, every panel present."""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape

import pytest
from conftest import BODY, TITLE, build_document

from unspin.document import Document, Source, Span
from unspin.render.html import render_html, safe_href
from unspin.report import Report


def _inline(page: str, tag: str) -> str:
    return re.search(rf"<{tag}>(.*?)</{tag}>", page, re.S).group(1)


def _text_of(fragment: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", fragment))


def test_article_payloads_are_escaped_never_live(report):
    page = render_html(report)
    assert page.count("<script") == 1  # ours, at the end
    assert "<script>alert" not in page and "<img" not in page and "<b>after" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Big &lt;claim&gt;" in page  # a label from an unknown layer is escaped too
    assert "Russia &lt;UN&gt;" in page  # attrs
    assert not re.search(r"""href=["']?\s*javascript""", page, re.I)
    assert "alert" not in _inline(page, "script")


def test_page_is_standalone_and_csp_hashes_match(report):
    page = render_html(report)
    assert not re.search(r"<link|<iframe|<object|@import|url\(|<[a-z][^>]*\ssrc=", page, re.I)
    csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    assert "default-src 'none'" in csp
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        digest = base64.b64encode(hashlib.sha256(_inline(page, tag).encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp


def test_every_character_of_the_article_is_shown_once_in_order(report):
    page = render_html(report)
    title = re.search(r'<h1 class="article-title">(.*?)</h1>', page, re.S).group(1)
    body = re.search(r'<div class="article-body">(.*?)</div></article>', page, re.S).group(1)
    assert _text_of(title) == TITLE
    paragraphs = re.findall(r"<p>(.*?)</p>", body, re.S)
    assert [_text_of(p) for p in paragraphs] == [line for line in BODY.split("\n") if line]


def test_overlapping_spans_give_pieces_covered_by_all_of_them(report):
    page = render_html(report)
    mark = re.search(r'<mark class="hl (c\d+)" tabindex="0" data-s="([\d ]+)" title="([^"]*)">&#x27;mistakenly&#x27;</mark>', page)
    assert mark, "the scare quote inside two technique spans is one piece"
    assert len(mark.group(2).split()) == 3
    assert "Loaded language (0.91)" in unescape(mark.group(3)) and "Scare quotes" in unescape(mark.group(3))
    combo_rule = re.search(rf"\.{mark.group(1)}{{background-image:([^}}]+)}}", page).group(1)
    assert combo_rule.count("linear-gradient") == 3


def test_every_highlight_has_a_note_the_script_can_show(report):
    page = render_html(report)
    numbers = {n for group in re.findall(r'data-s="([\d ]+)"', page) for n in group.split()}
    notes = set(re.findall(r'<li class="item i\d+" id="s(\d+)"', page))
    anchors = set(re.findall(r'<span class="anchor" id="m(\d+)">', page))
    assert numbers and numbers <= notes and notes == anchors


def test_legend_filters_quotes_and_claims_start_hidden(report):
    page = render_html(report)
    boxes = {
        name: bool(checked)
        for checked, name in re.findall(
            r'<input type="checkbox" id="f\d+"( checked)?><span class="sw sw\d+"></span><span class="name">([^<]+)<', page
        )
    }
    assert boxes["Loaded language"] and boxes["Scare quotes"] and boxes["Big &lt;claim&gt;"]
    assert not boxes["Quote"] and not boxes["Claim"]


def test_panels_for_quotes_claims_provenance_and_summary(report):
    text = _text_of(render_html(report))
    for expected in (
        "Quotes and sources (1)", "Vitaly Churkin", "Claims (1)", "the ministry",
        "Provenance and source", "globalresearch.ca", "A label describes the outlet, not this article.",
        "Syndicated from", "By RT", "Removed from the body", "The views expressed <script>x()</script>",
        "Highest-scoring sentences", "Summary", "Propaganda share", "Findings (7)",
    ):
        assert expected in text, expected


def test_http_urls_become_links_and_others_stay_text():
    doc = Document("Body text here.", source=Source(url="https://example.org/a?b=1&c=<2>"))
    page = render_html(Report(doc))
    assert 'href="https://example.org/a?b=1&amp;c=&lt;2&gt;"' in page
    bad = render_html(Report(Document("Body.", source=Source(url="javascript:alert(1)"))))
    assert "href=\"javascript" not in bad and "javascript:alert(1)" in bad


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "http://", "//evil.org/x",
            "https://ok.org/\nx", "vbscript:x", "https://ok.org/ x", None, ""],
)
def test_safe_href_refuses_everything_but_absolute_http(url):
    assert safe_href(url) is None


def test_safe_href_keeps_http_and_https():
    assert safe_href("http://a.org") == "http://a.org"
    assert safe_href(" https://a.org/p?q=1 ") == "https://a.org/p?q=1"


def test_a_report_without_findings_or_title_still_renders():
    page = render_html(Report(Document("Just a <plain> body.")))
    assert "Nothing was found in this article." in page
    assert '<h1 class="article-title">' not in page
    assert "Just a &lt;plain&gt; body." in page


def test_a_report_loaded_back_from_json_renders_the_same(report):
    del report.document.layers["hyperbole"]  # the JSON schema carries only its known layers
    again = Report.from_json(report.to_json())
    assert render_html(again) == render_html(report)


def test_spans_in_the_whitespace_after_the_title_keep_their_anchor():
    doc = build_document()
    doc.add("findings", Span(len(TITLE), len(TITLE) + 5, "hedge"))
    page = render_html(Report(doc))
    number = re.search(r'id="s(\d+)"[^>]*>.*?Hedge', page).group(1)
    assert f'id="m{number}"' in page


def test_a_span_across_paragraphs_is_drawn_in_both():
    doc = Document("First line ends here.\n\nSecond line starts here.")
    doc.add("techniques", Span(11, 34, "Repetition"))
    page = render_html(Report(doc))
    paragraphs = re.findall(r"<p>(.*?)</p>", page, re.S)
    marks = [re.search(r'<mark [^>]*data-s="1"[^>]*>([^<]*)</mark>', p).group(1) for p in paragraphs[:2]]
    assert marks == ["ends here.", "Second line"]



def _provenance_panel(report) -> str:
    page = render_html(report)
    start = page.index('<section class="card" id="provenance">')
    return page[start : page.index("</section>", start)]


def test_a_credited_person_is_a_credited_author_not_a_syndication(author_credited):
    panel = _provenance_panel(author_credited)
    assert (
        "<dt>Credited author</dt><dd><strong>Chuck Baldwin</strong> "
        "(evidence: <q>Reprinted with permission from Chuck Baldwin</q>)</dd>"
    ) in panel
    assert not [label for label in ("Syndicated from", "<dt>Kind</dt>", "Reliability") if label in panel]


def test_a_credited_outlet_is_syndicated_from_with_its_profile(outlet_credited):
    panel = _provenance_panel(outlet_credited)
    assert "<dt>Syndicated from</dt><dd><strong>RT</strong> (evidence: <q>This article was originally published by RT</q>)" in panel
    assert "<dd>rt.com</dd>" in panel
    assert not [label for label in ("Credited author", "<dt>Kind</dt>") if label in panel]
