from unspin.document import Document
from unspin.ptc import tasks
from unspin.techniques import analyser, display
from unspin.techniques.model import Detection

LOADED = "Loaded_Language"


def _at(text: str, piece: str, technique: str = LOADED, score: float = 0.5, occurrence: int = 0) -> Detection:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(piece, start + 1)
    return Detection(start, start + len(piece), technique, score, start, start + len(piece))


def _texts(text: str, found: list[Detection]) -> list[str]:
    return [text[d.start : d.end] for d in found]


def test_function_words_and_loose_marks_are_trimmed_from_shown_fragments():
    text = 'She would make as much noise, of hostility, "infidels" and " but refusing to talk like an ass.'
    found = [_at(text, "would make as"), _at(text, "of hostility"), _at(text, 'infidels" and'),
             _at(text, '" but refusing'), _at(text, "like an")]
    shown = [display.trimmed(text, d) for d in found]
    assert _texts(text, shown) == ["would make", "hostility", "infidels", "refusing", "like"]


def test_a_cue_on_a_trimmed_word_becomes_the_whole_fragment():
    text = "the regime of terror"
    found = Detection(0, 20, LOADED, 0.5, 0, 3)  # cue "the"
    shown = display.trimmed(text, found)
    assert text[shown.start : shown.end] == "regime of terror"
    assert (shown.cue_start, shown.cue_end) == (shown.start, shown.end)


def test_pieces_of_one_phrase_and_technique_are_joined():
    text = "Power would make as much of a stink as she possibly could."
    found = [_at(text, "would make", score=0.2), _at(text, "much", score=0.45), _at(text, "stink", score=0.3),
             _at(text, "she possibly could", score=0.4)]
    (joined,) = display.join_neighbours(text, found)
    assert text[joined.start : joined.end] == "would make as much of a stink as she possibly could"
    assert joined.score == 0.45 and text[joined.cue_start : joined.cue_end] == "much"


def test_pieces_stay_apart_across_other_techniques_sentences_quotes_and_content_words():
    text = 'a brutal, savage war. Cruel "thugs" and "crooks" win big over the three lazy cowards'
    found = [_at(text, "brutal"), _at(text, "savage"), _at(text, "war", "Name_Calling,Labeling"),
             _at(text, "Cruel"), _at(text, "thugs"), _at(text, "crooks"), _at(text, "win"),
             _at(text, "lazy"), _at(text, "cowards")]
    joined = display.join_neighbours(text, found)
    assert _texts(text, joined) == ["brutal, savage", "war", "Cruel", "thugs", "crooks", "win", "lazy cowards"]
    text = "lies, all of the lies and the lies"
    found = [_at(text, "lies"), _at(text, "lies", occurrence=1), _at(text, "lies", occurrence=2)]
    assert _texts(text, display.join_neighbours(text, found)) == ["lies", "lies and the lies"]  # 3 words: apart


def test_readable_trims_then_joins():
    text = "They were throwing a monkey wrench into the whole thing, of course."
    found = [_at(text, "throwing a"), _at(text, "monkey wrench into the"), _at(text, "whole thing, of")]
    assert _texts(text, display.readable(text, found)) == ["throwing a monkey wrench into the whole thing"]


class _FixedModel:
    """Stands in for the technique model: always the same fragments, so both paths can be compared."""

    def __init__(self, found):
        self.found = found

    def encode(self, text):
        return None

    def find(self, text, outputs=None):
        return list(self.found)

    def sentence_score(self, outputs, start, end):
        return 0.0


def test_documents_show_readable_fragments_while_ptc_predict_keeps_the_scored_ones():
    text = "It would make as much of a stink as possible."
    model = _FixedModel([_at(text, "would make as"), _at(text, "much of"), _at(text, "stink")])
    doc = Document(text)
    analyser.detect_with(model, doc)
    assert [doc.span_text(s) for s in doc.spans("techniques")] == ["would make as much of a stink"]
    assert doc.summaries["techniques"]["spans"] == 1
    predicted = tasks.predict({"1": text}, model)
    assert [text[label.start : label.end] for label in predicted] == ["would make as", "much of", "stink"]
