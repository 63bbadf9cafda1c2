"""The shared document: offsets are checked when spans are added and stay true."""

import pytest

from unspin.document import Document, Span


def test_add_rejects_spans_outside_the_text():
    doc = Document("short text")
    with pytest.raises(ValueError):
        doc.add("findings", Span(5, 50, "x"))
    with pytest.raises(ValueError):
        doc.add("findings", Span(4, 4, "x"))


def test_spans_come_back_in_text_order_per_layer():
    doc = Document("one two three four")
    doc.add("findings", Span(8, 13, "b"))
    doc.add("findings", Span(0, 3, "a"))
    doc.add("quotes", Span(4, 7, "q"))
    assert [doc.span_text(s) for s in doc.spans("findings")] == ["one", "three"]
    assert [doc.span_text(s) for s in doc.spans("quotes")] == ["two"]
    assert doc.spans("claims") == []


def test_title_end_and_lines():
    doc = Document("A title\n\nBody line one.\nBody line two.", title="A title")
    assert doc.text[: doc.title_end] == "A title"
    assert [doc.text[s:e] for s, e in doc.lines()] == ["A title", "Body line one.", "Body line two."]
    assert Document("no title here").title_end == 0


def test_strip_whitespace_narrows_to_the_words():
    from unspin.document import strip_whitespace

    text = "  a span \n"
    start, end = strip_whitespace(text, 0, len(text))
    assert text[start:end] == "a span"
    assert strip_whitespace("   ", 0, 3)[0] == strip_whitespace("   ", 0, 3)[1]
