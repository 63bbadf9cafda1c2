"""The unspin.report/1 JSON: every span carries its own text, and a report loads back unchanged."""

import json

import pytest

from unspin import Report, ReportError
from unspin.document import Boilerplate, Document, Source, Span, Syndication


def _report() -> Report:
    text = "Ünïcode title 😀\n\nThey 'mistakenly' struck, analysts said."
    doc = Document(text, title="Ünïcode title 😀", source=Source(path="a.txt", outlet="Example"))
    start = text.index("'mistakenly'")
    doc.add("findings", Span(start, start + 12, "scare_quote", 0.8, "why"))
    doc.add("techniques", Span(start, start + 12, "Loaded_Language", 0.6, "loaded", {"cue": "mistakenly"}))
    doc.provenance.syndicated_from.append(Syndication("RT", "By RT", {"reliability": {"label": -1}}))
    doc.provenance.boilerplate.append(Boilerplate("byline", "By RT"))
    doc.summaries["techniques"] = {"article_score": 0.6}
    return Report(doc)


def test_json_has_the_schema_keys_and_span_texts():
    data = json.loads(_report().to_json())
    assert data["schema"] == "unspin.report/1"
    for key in ("title", "text", "source", "findings", "techniques", "quotes", "claims", "provenance"):
        assert key in data
    finding = data["findings"][0]
    assert finding["kind"] == "scare_quote"
    assert finding["text"] == data["text"][finding["start"] : finding["end"]] == "'mistakenly'"
    assert data["techniques"][0]["technique"] == "Loaded_Language"
    assert data["techniques"][0]["cue"] == "mistakenly"
    assert data["provenance"]["syndicated_from"][0] == {"name": "RT", "evidence": "By RT", "reliability": {"label": -1}}
    assert data["summary"]["counts"]["findings"] == {"scare_quote": 1}
    assert data["summary"]["techniques"] == {"article_score": 0.6}


def test_report_round_trips():
    report = _report()
    again = Report.from_json(report.to_json())
    assert again.to_dict() == report.to_dict()


@pytest.mark.parametrize(
    "payload",
    ["not json", "[]", '{"schema": "other/1"}', '{"schema": "unspin.report/1"}',
     '{"schema": "unspin.report/1", "text": "abc", "findings": [{"kind": "x", "start": 2, "end": 9}]}',
     '{"schema": "unspin.report/1", "text": "abc", "title": 5}'],
)
def test_malformed_reports_raise_report_error(payload):
    with pytest.raises(ReportError):
        Report.from_json(payload)
