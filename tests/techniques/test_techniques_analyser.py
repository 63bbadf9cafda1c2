from unspin.techniques import sentences
from unspin.techniques.analyser import explain, summarise
from unspin.techniques.features import recurrences, span_features
from unspin.techniques.model import Detection


def test_explanation_names_technique_cue_and_definition():
    text = explain("Loaded_Language", "slam")
    assert text == 'Loaded language: "slam" — uses words with strong emotional connotations to sway the reader.'


def test_long_cues_are_shortened_and_flattened():
    text = explain("Doubt", "word\n" * 50)
    assert "\n" not in text and "…" in text and len(text) < 250


def test_summary_counts_techniques_and_flagged_sentences():
    found = [Detection(0, 4, "Doubt", 0.9, 0, 4), Detection(5, 9, "Doubt", 0.8, 5, 9),
             Detection(5, 9, "Slogans", 0.4, 5, 9)]
    summary = summarise(found, [0.9, 0.1, 0.6, 0.0])
    assert summary["counts"] == {"Doubt": 2, "Slogans": 1}
    assert summary["sentences_flagged"] == 2 and summary["share_sentences_flagged"] == 0.5
    assert summary["article_score"] == 0.4


def test_summary_of_empty_text():
    assert summarise([], [])["article_score"] == 0.0


def test_sentences_split_lines_and_sentence_ends_but_not_initials():
    text = 'A title?\n\nMr. Smith said the U.S. army is "evil." Then he left! ok no. Yes\n  \nLast one'
    pieces = [text[s:e] for s, e in sentences.split(text)]
    assert pieces == ["A title?", 'Mr. Smith said the U.S. army is "evil."', "Then he left! ok no.", "Yes", "Last one"]


def test_recurrence_counts_other_whole_word_occurrences():
    article = "Make America great again! We will make america great again. Greatness is not great."
    assert recurrences(article.lower(), "make America great again") == 1
    assert recurrences(article.lower(), "great") == 2  # not "greatness"
    assert recurrences(article.lower(), "nowhere") == 0
    assert span_features(article.lower(), "great")[1] == 1.0
