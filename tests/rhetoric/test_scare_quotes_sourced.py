"""Scare quotes read the sourcing analyser's ``quotes`` layer: a named speaker's quoted word is not irony."""

from __future__ import annotations

from pathlib import Path

import pytest

import unspin
from unspin import rhetoric, sourcing
from unspin.pipeline import default_analysers
from unspin.rhetoric import find_scare_quotes

SOURCED = [*sourcing.ANALYSERS, *rhetoric.ANALYSERS]


def scare_quotes(report: unspin.Report) -> dict[str, dict]:
    return {f["text"]: f for f in report.to_dict()["findings"] if f["kind"] == "scare_quote"}


def test_pipeline_runs_sourcing_before_rhetoric():
    order = default_analysers()
    assert order.index(sourcing.ANALYSERS[0]) < order.index(find_scare_quotes)


@pytest.mark.parametrize(
    "text, quoted",
    [
        ('Defence Minister John Smith expressed "regret" over the strike.', '"regret"'),
        ('Smith called them "infidels", he said.', '"infidels"'),
        ('Senator Jane Doe slammed the bill as "a disgrace".', '"a disgrace"'),
    ],
)
def test_quote_attributed_to_a_named_speaker_is_not_a_scare_quote(text, quoted):
    report = unspin.analyze(text, analysers=SOURCED)
    assert any(q["text"] == quoted and q["named"] for q in report.to_dict()["quotes"])
    assert quoted not in scare_quotes(report)
    # Without the quotes layer the rule falls back on its own speech-verb cue: still listed, low.
    alone = scare_quotes(unspin.analyze(text, analysers=rhetoric.ANALYSERS))
    assert alone[quoted]["score"] <= 0.2


def test_quote_attributed_to_an_unnamed_speaker_stays_low_and_says_who():
    found = scare_quotes(unspin.analyze('Critics called the plan "reckless".', analysers=SOURCED))
    reckless = found['"reckless"']
    assert reckless["score"] <= 0.2
    assert "Critics" in reckless["explanation"] and "partial quotation" in reckless["explanation"]


def test_unattributed_scare_quotes_stay_beside_attributed_quotes():
    """With the rules naming speakers: on a two-sentence text whose only person speaks, the learned
    attributor gives him the short "moderate rebels" as well (keeping such short phrases unattributed
    cost F1 over 258 annotated articles, so its answer stands; see the speakers model card)."""
    text = (
        'Defence Minister John Smith expressed "regret" over the strike.\n\n'
        'The "moderate rebels" shelled the town, which the US \'mistakenly\' hit.'
    )
    found = scare_quotes(unspin.analyze(text, analysers=[*sourcing.RULE_ANALYSERS, *rhetoric.ANALYSERS]))
    assert set(found) == {'"moderate rebels"', "'mistakenly'"}
    assert all(f["score"] >= 0.6 for f in found.values())


def test_shared_sample_keeps_its_scare_quotes_and_drops_named_partial_quotations(gr_sample: Path):
    report = unspin.analyze_file(gr_sample, analysers=SOURCED)
    found = scare_quotes(report)
    assert found["'mistakenly'"]["score"] >= 0.8
    assert found["'mistaken'"]["score"] >= 0.8  # inside Copley's attributed quote: the quote is his, the irony too
    for partial in ('"regret"', '"infidels"', '"crusaders."', '"uniquely hypocritical and cynical"'):
        assert partial not in found
