"""Speaker resolution through add_quotes: pronoun gender, topic, colon intros, continuation."""

from unspin.document import Document
from unspin.sourcing import add_quotes


def speakers(text):
    doc = Document(text)
    add_quotes(doc)
    return [q.attrs["speaker"] for q in doc.spans("quotes") if q.label == "direct"]


def test_she_skips_the_man_named_since():
    text = (
        "Attorney Elizabeth Yore spoke on the show. She is a child advocate.\n"
        '"This is a scandal," Yore said.\n'
        "She said she would argue that Bishop Juan Barros was involved in the abuse.\n"
        '"This is not simply a cover-up of an abuser," she said.'
    )
    assert speakers(text) == ["Elizabeth Yore", "Elizabeth Yore"]


def test_he_skips_a_widow():
    text = (
        "Attorney James Bacon said the case was closed.\n"
        "The elderly widow told reporters that she was afraid.\n"
        '"She is a lunatic, what are you going to do?" he said outside the courtroom.'
    )
    assert speakers(text) == ["James Bacon"]


def test_person_named_as_object_under_a_he_subject_does_not_take_the_stage():
    text = (
        'Shafayat Mohamed said he "got sacked from many boards."\n'
        "He began his speech by attacking President Barack Obama for supporting same-sex marriage.\n"
        'He asked the following, "Did you hear what President Obama said?"'
    )
    assert speakers(text)[-1] == "Shafayat Mohamed"
