"""Ingest through the public API: files and text in, a report whose body and provenance are right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import unspin
from unspin.errors import InputError
from unspin.ingest.files import iter_inputs
from unspin.pipeline import analyze_many

from .pages import CLUTTER_MARKERS, web_page

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NO_ANALYSERS: list = []  # ingest is under test here, not the analysers


def report_dict(report):
    return json.loads(report.to_json())


def test_example_text_file():
    report = report_dict(unspin.analyze_file(EXAMPLES / "republished-wire-story.txt", analysers=NO_ANALYSERS))
    assert report["title"].startswith("'Convenient timing?")
    assert report["text"].startswith(report["title"] + "\n\nA coalition drone that 'mistakenly' struck")
    provenance = report["provenance"]
    assert provenance["outlet"] == "World Affairs Monitor"
    assert [(s["name"], s["evidence"]) for s in provenance["syndicated_from"]] == [("Meridian News", "By Meridian News")]
    disclaimers = [b["text"] for b in provenance["boilerplate"] if b["kind"] == "disclaimer"]
    assert disclaimers and all(d not in report["text"] for d in disclaimers)
    assert "Disclaimer" not in report["text"] and "<u>" not in report["text"]


def test_example_web_page():
    report = report_dict(unspin.analyze_file(EXAMPLES / "republished-wire-story.html", analysers=NO_ANALYSERS))
    text = report["text"]
    assert text.startswith("'Convenient timing?") and "so-called 'peacekeepers'" in text
    for clutter in ("truthseeker88", "Related articles", "Privacy policy", "Share this article", "gtag", "Home"):
        assert clutter not in text
    assert report["source"]["url"].startswith("https://worldaffairsmonitor.example/2025/03/04/")
    assert report["provenance"]["syndicated_from"][0]["name"] == "Meridian News"
    assert "fair_use" in {b["kind"] for b in report["provenance"]["boilerplate"]}


def test_shared_sample_as_a_web_page(gr_sample, tmp_path):
    lines = [line for line in gr_sample.read_text(encoding="utf-8").split("\n") if line.strip()]
    page = tmp_path / "gr.html"
    page.write_text(
        web_page(lines[0], lines[1:], canonical="https://www.globalresearch.ca/coincidence/5546702",
                 site_name="Global Research", published="2016-09-19"),
        encoding="utf-8",
    )
    report = report_dict(unspin.analyze_file(page, analysers=NO_ANALYSERS))
    text = report["text"]
    for marker in CLUTTER_MARKERS:
        assert marker not in text
    assert text.startswith("'Coincidence: ISIS launched offensive straight after US strike on Syrian troops?'\n\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("If Russia bombed"))
    end = next(i for i, line in enumerate(lines) if line.startswith("The original source"))
    assert text.split("\n\n")[1:] == [line.replace("<u>", "").replace("</u>", "") for line in lines[start:end]]
    assert "as the US 'mistakenly' did" in text and "the so-called 'mistaken' strike" in text
    assert "Disclaimer" not in text and "fair use" not in text and "<u>" not in text
    assert [(s["name"], s["evidence"]) for s in report["provenance"]["syndicated_from"]] == [("RT", "By RT")]
    kinds = {b["kind"] for b in report["provenance"]["boilerplate"]}
    assert {"disclaimer", "fair_use", "original_source", "region", "theme"} <= kinds
    assert report["source"]["site_name"] == "Global Research"


def test_offsets_refer_to_the_reported_text_after_bom_and_crlf(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("\ufeffHeadline here\r\n\r\nBy AFP\r\n\r\nThe body says \u201cthis\u201d.\r\n".encode("utf-8"))
    report = unspin.analyze_file(path, analysers=NO_ANALYSERS)
    assert report.document.text == "Headline here\n\nThe body says \u201cthis\u201d."
    assert report.document.title == "Headline here" and report.document.title_end == len("Headline here")


def test_analyze_text_with_title_and_metadata():
    report = unspin.analyze(
        "By Reuters\n\nThe council voted to close the bridge.", title="Bridge to close",
        url="https://x.example/b", outlet="Gazette", analysers=NO_ANALYSERS,
    )
    assert report.document.text == "Bridge to close\n\nThe council voted to close the bridge."
    assert report.document.source.url == "https://x.example/b"
    assert [s.name for s in report.document.provenance.syndicated_from] == ["Reuters"]


def test_analyze_without_cleaning_keeps_the_text():
    text = "Headline\n\nBy RT\n\nBody."
    assert unspin.analyze(text, clean=False, analysers=NO_ANALYSERS).document.text == text


@pytest.mark.parametrize("path", ["missing.txt", "."])
def test_bad_file_raises_input_error(tmp_path, path):
    with pytest.raises(InputError):
        unspin.analyze_file(tmp_path / path, analysers=NO_ANALYSERS)


def test_text_that_is_only_boilerplate_is_refused():
    with pytest.raises(InputError):
        unspin.analyze("By RT\n\nRegion: Middle East\n\nCopyright © RT 2016", analysers=NO_ANALYSERS)


def test_examples_folder_streams_reports_and_one_error():
    results = list(analyze_many(iter_inputs([str(EXAMPLES)]), analysers=NO_ANALYSERS))
    errors = [r for r in results if isinstance(r, InputError)]
    assert len(errors) == 1 and errors[0].source.endswith("batch.jsonl:3")
    assert len(results) - len(errors) >= 5
