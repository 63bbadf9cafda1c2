"""The one way through: text in, a report whose spans all index its text."""

import pytest

import unspin
from unspin import InputError
from unspin.document import Span

AWKWARD = (
    "'Coincidence: strikes came right after the talks?'\r\n\r\n"
    "Café owners 😀 said the army 'mistakenly' hit a school, analysts said.\r\n"
    "Some say the e\u0301vidence is \u200bthin, allegedly.\r\n"
)


def test_every_span_of_every_layer_indexes_the_text():
    data = unspin.analyze(AWKWARD).to_dict()
    assert "\r" not in data["text"]
    spans = [s for layer in ("findings", "techniques", "sentences", "quotes", "claims") for s in data[layer]]
    assert spans, "the awkward text should produce findings"
    for span in spans:
        assert data["text"][span["start"] : span["end"]] == span["text"]


def test_title_and_metadata_are_kept():
    report = unspin.analyze("Body text here, analysts said.", title="A headline", url="https://example.org/a", outlet="Example")
    assert report.title == "A headline"
    assert report.text.startswith("A headline\n\nBody")
    assert report.document.source.url == "https://example.org/a"


def test_custom_analysers_replace_the_defaults():
    def mark_first_word(doc):
        doc.add("findings", Span(0, doc.text.index(" "), "first_word"))

    report = unspin.analyze("Hello world, analysts said.", analysers=[mark_first_word])
    assert [(s.label, report.text[s.start : s.end]) for s in report.findings] == [("first_word", "Hello")]


@pytest.mark.parametrize("bad", ["", "   \n\n ", 42])
def test_bad_text_raises_input_error(bad):
    with pytest.raises(InputError):
        unspin.analyze(bad)


def test_analyze_many_goes_past_bad_records():
    from unspin.ingest import RawArticle
    from unspin.pipeline import analyze_many

    raws = [RawArticle("a", text="First article, analysts said."), InputError("b", "broken"), RawArticle("c", text="   ")]
    out = list(analyze_many(raws, analysers=[]))
    assert isinstance(out[0], unspin.Report)
    assert [type(o) for o in out[1:]] == [InputError, InputError]
