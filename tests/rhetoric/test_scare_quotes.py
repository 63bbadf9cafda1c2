"""Scare quotes: short ironic quotes and 'so-called', told apart from apostrophes and real quotations."""

from __future__ import annotations

import pytest

from unspin.rhetoric import find_scare_quotes


def texts(found):
    return [text for text, _ in found]


@pytest.mark.parametrize(
    "text, cue",
    [
        ("If Russia bombed allies just as the US 'mistakenly' did, there would be a stink.", "'mistakenly'"),
        ("They took advantage of the so-called 'mistaken' strike.", "'mistaken'"),
        ("The \u2018humanitarian\u2019 convoy carried weapons.", "\u2018humanitarian\u2019"),
        ("The \u201cmoderate rebels\u201d shelled the town.", "\u201cmoderate rebels\u201d"),
        ('The "free and fair election" was held at gunpoint.', '"free and fair election"'),
    ],
)
def test_short_unattributed_quote_is_a_scare_quote(analyse, text, cue):
    found = analyse(find_scare_quotes, text)
    assert texts(found) == [cue]
    span = found[0][1]
    assert span.label == "scare_quote" and span.score >= 0.6
    assert cue in span.explanation and "doubt" in span.explanation


def test_so_called_before_quotes_scores_highest(analyse):
    [(_, so_called)] = analyse(find_scare_quotes, "the so-called 'mistaken' strike")
    [(_, plain)] = analyse(find_scare_quotes, "the 'mistaken' strike")
    assert so_called.score > plain.score
    assert "so-called" in so_called.explanation


@pytest.mark.parametrize(
    "text, cue",
    [
        ("The so-called experts were wrong again.", "so-called experts"),
        ("A so called expert spoke.", "so called expert"),
        ("The self-styled guardians of democracy met.", "self-styled guardians"),
    ],
)
def test_distancing_word_without_quotes(analyse, text, cue):
    found = analyse(find_scare_quotes, text)
    assert texts(found) == [cue]
    assert "distances" in found[0][1].explanation


@pytest.mark.parametrize(
    "text",
    [
        "Russia's envoy said they don't know.",
        "In the '90s and the '80s it was different.",
        "They played rock 'n' roll all night.",
        "The players' union and James' car.",
        "It's the workers' 'n' bosses' day.",
        "Sales in \u201890s Britain were \u2018n\u2019 low.",
    ],
)
def test_apostrophes_are_not_quotes(analyse, text):
    assert analyse(find_scare_quotes, text) == []


@pytest.mark.parametrize(
    "text",
    [
        'He called it "a deal that nobody in Washington wanted" yesterday.',
        "She read the book 'War and Peace' twice.",
        "They watched 'Game of Thrones' every week.",
        "The word 'freedom' appears often.",
        "The word khalifa means \u201csuccessor\u201d in Arabic.",
        "He shouted 'Why not?' at them.",
        "'Info leak to terrorists ahead of strike can't be ruled out'",
        "\"Who knows\"",
    ],
)
def test_long_quotes_titles_mentions_and_headings_are_not_scare_quotes(analyse, text):
    assert analyse(find_scare_quotes, text) == []


@pytest.mark.parametrize(
    "text, cue, verb",
    [
        ('US envoy Samantha Power expressed "regret" over the strike.', '"regret"', "expressed"),
        ('The FSA kicked them out, calling them "infidels" and "crusaders."', '"infidels"', "calling"),
        ('"Nonsense," he said.', '"Nonsense,"', "said"),
        ('The US might say that the strike was "unintentional," but it was not.', '"unintentional,"', "say"),
    ],
)
def test_partial_quotation_after_speech_verb_scores_low(analyse, text, cue, verb):
    found = dict(analyse(find_scare_quotes, text))
    span = found[cue]
    assert span.score <= 0.2
    assert "partial quotation" in span.explanation and verb in span.explanation


def test_speech_earlier_in_sentence_is_weaker_evidence(analyse):
    text = 'Copley said, noting that a similar thing is unfolding in Iraq, where forces are "totally disorganized."'
    [(_, span)] = analyse(find_scare_quotes, text)
    assert 0.2 < span.score < 0.5 and "partial quotation" in span.explanation


def test_speech_after_unpunctuated_quote_is_not_attribution(analyse):
    [(_, span)] = analyse(find_scare_quotes, "The 'experts' say otherwise.")
    assert span.score >= 0.6


def test_scare_quote_inside_a_quotation_says_whose_doubt(analyse):
    text = '"They used the so-called \'mistaken\' strike as cover," he said. The \'mistaken\' strike.'
    found = analyse(find_scare_quotes, text)
    inside, outside = (span for _, span in found if "mistaken" in _)
    assert "speaker" in inside.explanation
    assert "speaker" not in outside.explanation


@pytest.mark.parametrize(
    "text",
    [
        "He called it 'one\ntwo' then.",
        'A paragraph opens "a quote\n\nthat" never closes on its line.',
        "The so-called\nexperts",
    ],
)
def test_quotes_never_span_line_breaks(analyse, text):
    assert analyse(find_scare_quotes, text) == []


def test_offsets_are_exact_on_non_ascii_text(analyse):
    text = "Le pr\u00e9sident \U0001F600 a\u0301 dit: la \u00ab\u00a0v\u00e9rit\u00e9\u00a0\u00bb. Die 'Wahrheit' \u2014 \u2018\u00e7a\u2019!"
    found = texts(analyse(find_scare_quotes, text))
    assert "'Wahrheit'" in found and "\u2018\u00e7a\u2019" in found
