"""Hedges and vague attributions: each cue, word boundaries, named sources, quoted speakers."""

from __future__ import annotations

import pytest

from unspin.rhetoric import find_hedges


@pytest.mark.parametrize(
    "text, cue, kind",
    [
        ("The US is uncomfortable, analysts said, adding more.", "analysts said", "vague_attribution"),
        ("Experts say the dam will fail.", "Experts say", "vague_attribution"),
        ("Some say the war is over.", "Some say", "vague_attribution"),
        ("Critics claim the vote was rigged.", "Critics claim", "vague_attribution"),
        ("Many believe the strike was deliberate.", "Many believe", "vague_attribution"),
        ("Some people think so.", "Some people think", "vague_attribution"),
        ("Western observers noted the delay.", "Western observers noted", "vague_attribution"),
        ("It is believed that the convoy was hit.", "It is believed", "vague_attribution"),
        ("It is widely said that he fled.", "It is widely said", "vague_attribution"),
        ("The minister is said to have resigned.", "is said to", "vague_attribution"),
        ("Sources said the deal was off.", "Sources said", "vague_attribution"),
        ("The deal is off, said unnamed sources.", "said unnamed sources", "vague_attribution"),
        ("A senior official told reporters it failed.", "A senior official told", "vague_attribution"),
        ("People familiar with the talks disagreed.", "People familiar with", "vague_attribution"),
        ("According to reports, the town fell.", "According to reports", "vague_attribution"),
        ("There are reports of shelling.", "There are reports", "vague_attribution"),
        ("There have been reports coming out.", "There have been reports", "vague_attribution"),
        ("Media reports said the port closed.", "Media reports said", "vague_attribution"),
        ("US forces reportedly fled the town.", "reportedly", "hedge"),
        ("He allegedly took bribes.", "allegedly", "hedge"),
        ("The alleged attack never happened.", "alleged", "hedge"),
        ("The deal apparently collapsed.", "apparently", "hedge"),
        ("It seems the talks failed.", "It seems", "hedge"),
        ("The leak may have helped them.", "may have", "hedge"),
        ("It is likely that information was leaked.", "It is likely that", "hedge"),
    ],
)
def test_each_cue_is_found_as_its_phrase(analyse, text, cue, kind):
    [(found, span)] = analyse(find_hedges, text)
    assert found == cue
    assert span.label == kind and span.score >= 0.5
    assert cue in span.explanation


def test_vague_attribution_explanation_names_the_missing_source(analyse):
    [(_, span)] = analyse(find_hedges, "The US is uneasy, analysts said.")
    assert "analysts" in span.explanation and "not named" in span.explanation


@pytest.mark.parametrize(
    "text",
    [
        "The story went unreportedly far.",
        "An analystsaid typo and allegedlyX.",
        "The analyst said the deal was fragile.",
        "Joshua Landis, an analyst at Oklahoma, said so.",
        "According to reports by Reuters, the town fell.",
        "Some people were killed in the blast.",
        "Analysts\nsaid nothing across the paragraph break.",
        "The war may end soon.",
        "Gilani alleged, in court, that he was ill.",
        "He alleged that the money was gone.",
        "It was reported by the Mandalay Bay staff.",
    ],
)
def test_no_finding_without_a_whole_cue_on_one_line(analyse, text):
    assert analyse(find_hedges, text) == []


def test_overlapping_cues_give_one_finding(analyse):
    found = analyse(find_hedges, "It is alleged that he fled.")
    assert [cue for cue, _ in found] == ["It is alleged"]


def test_cue_inside_a_quotation_is_the_speakers(analyse):
    [(_, writer)] = analyse(find_hedges, "Kerry apparently agreed.")
    [(_, speaker)] = analyse(find_hedges, '"Kerry apparently agreed," he said.')
    assert speaker.score < writer.score
    assert "quotation" in speaker.explanation and "quotation" not in writer.explanation


def test_offsets_are_exact_on_non_ascii_text(analyse):
    text = "\U0001F4A5 Die Br\u00fccke \u2014 na\u0308ive \u00e9l\u00e8ves \u2014 was reportedly destroyed, s\u00f3urces aside; experts say \u4e2d\u6587."
    assert [cue for cue, _ in analyse(find_hedges, text)] == ["reportedly", "experts say"]
