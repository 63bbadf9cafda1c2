"""Regressions for bugs the fuzzing found: each test fails on the code before its fix."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings, strategies as st

from unspin.document import Document
from unspin.rhetoric import ANALYSERS as RHETORIC
from unspin.rhetoric.text import MAX_SENTENCE_CHARS, sentence_start


def test_one_line_input_full_of_quotes_is_not_quadratic():
    """72,000 characters on one line took 55 s in the scare-quote finder (every quote rescanned the line)."""
    doc = Document("the 'so-called' x and 'y' " * 3_000)
    began = time.monotonic()
    for analyser in RHETORIC:
        analyser(doc)
    assert time.monotonic() - began < 20
    assert len(doc.spans("findings")) >= 3_000


def test_sentence_start_looks_back_a_bounded_stretch():
    text = "word " * 10_000
    assert sentence_start(text, len(text) - 1) == len(text) - 1 - MAX_SENTENCE_CHARS
    assert sentence_start("One. Two three", 10) == 5


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(st.integers(0, 50), max_size=30), st.integers(-5, 1_600))
def test_in_quotes_binary_search_agrees_with_a_scan(gaps, pos):
    """The sourcing quote lookup went from a scan per token (quadratic) to a binary search."""
    from unspin.sourcing.quotes import _in_quotes

    quotes, at = [], 0
    for gap in gaps:  # in text order, never overlapping, like find_quotes
        start, at = at + gap, at + gap + 3 + gap % 7
        quotes.append((start, at))
    assert _in_quotes(pos, quotes) == any(s <= pos < e for s, e in quotes)


def test_lone_surrogates_in_a_jsonl_batch_are_replaced_not_a_crash(tmp_path):
    """A JSON escape like \\ud800 made a lone surrogate that no writer could encode: exit 1 'unexpected'."""
    from typer.testing import CliRunner

    from unspin.cli import app

    batch = tmp_path / "b.jsonl"
    batch.write_text('{"text": "Title\\n\\nHe said \\"x\\ud800\\" today.", "outlet": "A\\udfff"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(batch), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert '"outlet": "A\ufffd"' in result.stdout and "x\ufffd" in result.stdout


def test_deeply_nested_jsonl_line_is_one_bad_record(tmp_path):
    """'[[[[...' raised RecursionError, which ended the whole batch with exit 1."""
    from unspin.ingest.files import iter_inputs
    from unspin.errors import InputError

    batch = tmp_path / "b.jsonl"
    batch.write_text("[" * 100_000 + '\n{"text": "Fine article text here."}\n', encoding="utf-8")
    first, second = list(iter_inputs([str(batch)]))
    assert isinstance(first, InputError) and "nested too deeply" in first.reason
    assert second.text == "Fine article text here."


def test_server_json_with_lone_surrogates_or_deep_nesting_is_not_500():
    from fastapi.testclient import TestClient

    from unspin.pipeline import build_document
    from unspin.report import Report
    from unspin.server.app import create_app

    with TestClient(create_app(analyse=lambda raw: Report(build_document(raw)))) as client:
        ok = client.post("/api/analyze", content='{"text": "Title\\n\\nSaid \\"x\\ud800\\".", "outlet": "\\udfff"}',
                         headers={"content-type": "application/json"})
        assert ok.status_code == 200 and ok.json()["source"]["outlet"] == "\ufffd"
        report = client.post("/api/report.html", content='{"schema": "unspin.report/1", "text": "T\\n\\nBody.", '
                             '"summary": {"extra": ["\\ud800", ["x\\udfff"]]}}', headers={"content-type": "application/json"})
        assert report.status_code == 200 and "\ufffd" in report.text
        deep = client.post("/api/analyze", content="[" * 100_000, headers={"content-type": "application/json"})
        assert deep.status_code == 400 and "nested too deeply" in deep.json()["error"]


def test_innermost_quote_is_found_among_thousands():
    from unspin.rhetoric.quoting import find_quotations, innermost

    text = "He said 'a' and 'b' " * 2_000 + '"They call it \'peace\' here," he said.'
    quotes = find_quotations(text)
    inner = text.index("'peace'")
    outer = innermost(quotes, inner, inner + len("'peace'"))
    assert outer is not None and text[outer.start : outer.end].startswith('"They call it')
    assert innermost(quotes, 9, 10) is not None and innermost(quotes, 3, 4) is None


def test_malformed_ipv6_url_is_no_crash():
    """urlsplit raises ValueError on 'http://[::1'; provenance and the corpus store let it escape."""
    from unspin import analyze
    from unspin.corpus.store import _host

    report = analyze("Title\n\nA plain sentence about the weather.", url="http://[::1")
    assert report.to_dict()["source"]["url"] == "http://[::1"
    assert _host("http://[::1") is None


def test_lone_surrogates_in_api_metadata_are_replaced():
    from unspin import analyze

    report = analyze("Title\n\nA plain sentence.", url="\ud800", outlet="A\udfff")
    report.to_json().encode("utf-8")
    assert report.to_dict()["source"]["outlet"] == "A\ufffd"


def test_huge_web_page_is_refused_not_extracted_for_minutes(tmp_path):
    """A 19 MB page (under the 20 MB input limit) spent ~5 minutes in extraction; pages have their own limit now."""
    from unspin import analyze_file, limits
    from unspin.errors import InputError

    paragraph = '<p>The minister said "so-called" reform, reportedly.</p>\n'
    page = tmp_path / "big.html"
    page.write_text("<html><body><article>" + paragraph * (limits.MAX_HTML_CHARS // len(paragraph) + 1)
                    + "</article></body></html>", encoding="utf-8")
    began = time.monotonic()
    with pytest.raises(InputError, match="web page is .* over the limit"):
        analyze_file(page)
    assert time.monotonic() - began < 5
