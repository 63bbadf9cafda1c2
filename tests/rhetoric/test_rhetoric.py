"""The rhetoric analysers together: kinds legend, exact offsets on awkward text, the real sample."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import unspin
from unspin import rhetoric
from unspin.document import Document
from unspin.pipeline import default_analysers
from unspin.rhetoric.kinds import KINDS


def analysed(text: str, title: str | None = None) -> Document:
    doc = Document(text, title=title)
    for analyser in rhetoric.ANALYSERS:
        analyser(doc)
    return doc


def test_pipeline_runs_every_rhetoric_analyser():
    assert rhetoric.ANALYSERS == [rhetoric.find_scare_quotes, rhetoric.find_loaded_questions, rhetoric.find_hedges]
    assert all(analyser in default_analysers() for analyser in rhetoric.ANALYSERS)


def test_every_kind_has_a_title_and_description():
    assert set(KINDS) == {"scare_quote", "loaded_question", "rhetorical_question", "hedge", "vague_attribution"}
    assert all(kind.title and len(kind.description) > 40 for kind in KINDS.values())


_AWKWARD = st.lists(
    st.sampled_from(
        list("ab Z?!.,:;'\"\n-") + ["\u2018", "\u2019", "\u201c", "\u201d", "\u00ab", "\u00bb", "\u0301", "\U0001F600",
                                      "\u00e9", "\u00a0", " so-called ", " analysts said ", " Isn't ", " reportedly ",
                                      " coincidence ", " don't ", " the '90s ", " said "]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_AWKWARD)
def test_spans_fit_the_text_and_quotes_stay_on_one_line(text):
    doc = analysed(text, title=text.split("\n", 1)[0] or None)
    for span in doc.spans("findings"):
        cue = doc.span_text(span)
        assert cue and cue == cue.strip()
        assert span.label in KINDS and 0.0 <= span.score <= 1.0 and span.explanation
        assert "\n" not in cue


def test_shared_sample_yields_the_expected_findings(gr_sample: Path):
    text = gr_sample.read_text(encoding="utf-8").strip()
    doc = analysed(text, title=text.split("\n", 1)[0])
    by_text = {doc.span_text(s): s for s in doc.spans("findings")}
    for cue in ("'mistakenly'", "'mistaken'"):
        assert by_text[cue].label == "scare_quote" and by_text[cue].score >= 0.8
    title_question = by_text["Coincidence: ISIS launched offensive straight after US strike on Syrian troops?"]
    assert title_question.label == "loaded_question" and title_question.score >= 0.9
    assert by_text["analysts said"].label == "vague_attribution"
    assert by_text["reportedly"].label == "hedge"
    assert by_text['"regret"'].score <= 0.2  # expressed "regret": Power's own word, quoted


def test_through_the_public_api():
    body = (
        "If Russia bombed Washington allies just as the US 'mistakenly' did, there would be a stink, analysts said.\n\n"
        '"Is it a coincidence that the fighters were ready?" Copley asked.'
    )
    report = unspin.analyze(body, title="Coincidence: ISIS attacked right after the US strike?")
    findings = report.to_dict()["findings"]
    kinds = {(f["kind"], f["text"]) for f in findings}
    assert ("scare_quote", "'mistakenly'") in kinds
    assert ("vague_attribution", "analysts said") in kinds
    assert ("loaded_question", "Coincidence: ISIS attacked right after the US strike?") in kinds
    assert all(report.text[f["start"] : f["end"]] == f["text"] for f in findings)
