"""Quote pairing, the base of the rhetoric rules: marks vs apostrophes, nesting, line breaks."""

from __future__ import annotations

from unspin.rhetoric.quoting import find_quotations, innermost, is_quoted_heading


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotations(text)]


def test_nested_single_quotes_inside_double_quotes():
    text = "\"the so-called 'mistaken' strike,\" he said. Russia's 'envoy' didn't."
    assert quoted(text) == ["\"the so-called 'mistaken' strike,\"", "'mistaken'", "'envoy'"]
    inner = find_quotations(text)[1]
    assert innermost(find_quotations(text), inner.start, inner.end).start == 0


def test_unclosed_paragraph_quote_runs_to_its_line_end_only():
    text = '"This quote goes on\n\nand the next paragraph is narration.'
    [quote] = find_quotations(text)
    assert not quote.closed and text[quote.start : quote.end] == '"This quote goes on'


def test_curly_and_guillemet_marks():
    assert quoted("He \u201cwon\u201d the \u00abvote\u00bb in \u201890s style.") == ["\u201cwon\u201d", "\u00abvote\u00bb"]


def test_quoted_heading_is_a_short_whole_line_without_full_stop():
    text = "'Who is he working for?'\n\n\"He is working for us.\"\n\nShe said 'no' today."
    heading, sentence, word = find_quotations(text)
    assert is_quoted_heading(text, heading)
    assert not is_quoted_heading(text, sentence) and not is_quoted_heading(text, word)
