"""Loaded and rhetorical questions: leading forms, headlines, quoted speakers, and plain questions."""

from __future__ import annotations

import pytest

from unspin.rhetoric import find_loaded_questions

TITLE = "'Coincidence: ISIS launched offensive straight after US strike on Syrian troops?'"


def test_title_with_label_and_question_is_a_loaded_question(analyse):
    text = f"{TITLE}\n\nThe US coalition carried out airstrikes on Saturday."
    [(cue, span)] = analyse(find_loaded_questions, text, title=TITLE)
    assert cue == TITLE.strip("'")
    assert span.label == "loaded_question" and span.score >= 0.9
    assert "headline" in span.explanation and "Coincidence" in span.explanation


@pytest.mark.parametrize(
    "question, label",
    [
        ("Is it a coincidence that the fighters were ready at once?", "loaded_question"),
        ("Who is Samantha Power really working for?", "loaded_question"),
        ("So who benefits from the chaos?", "loaded_question"),
        ("What is the ministry hiding?", "loaded_question"),
        ("Could it be that the strike was planned?", "loaded_question"),
        ("Isn't it obvious that they lied?", "rhetorical_question"),
        ("Why would anyone believe the Pentagon now?", "rhetorical_question"),
        ("How can anyone trust these figures?", "rhetorical_question"),
        ("Do we really believe this was an accident?", "rhetorical_question"),
    ],
)
def test_leading_forms_in_the_body(analyse, question, label):
    text = f"The strike killed 62 soldiers. {question} Officials did not answer."
    [(cue, span)] = analyse(find_loaded_questions, text)
    assert cue == question
    assert span.label == label and span.score >= 0.6


@pytest.mark.parametrize(
    "question",
    [
        "When will the meeting take place?",
        "What did the minister say about the budget?",
        "Is the museum open on Sundays?",
        "How many people attended?",
    ],
)
def test_plain_information_questions_in_the_body_do_not_fire(analyse, question):
    assert analyse(find_loaded_questions, f"Reporters asked one thing. {question} The answer came later.") == []


def test_plain_question_alone_on_its_line_does_not_fire(analyse):
    assert analyse(find_loaded_questions, "Ebola is back.\n\nWhat is Ebola?\n\nA virus.", title="Ebola is back.") == []


def test_headline_question_without_cue_is_moderate(analyse):
    title = "Will the ceasefire hold?"
    [(cue, span)] = analyse(find_loaded_questions, f"{title}\n\nTalks resumed.", title=title)
    assert cue == title and span.label == "loaded_question"
    assert 0.4 <= span.score <= 0.6


def test_one_word_label_with_colon_in_a_headline(analyse):
    title = "Hypocrisy: will the minister resign?"
    [(cue, span)] = analyse(find_loaded_questions, f"{title}\n\nShe did not.", title=title)
    assert cue == title
    assert span.label == "loaded_question" and span.score >= 0.85 and "'Hypocrisy:'" in span.explanation


@pytest.mark.parametrize(
    "text, title",
    [
        ("Interview.\n\nDB: And who can forget the footage?\n\nCM: Nobody.", "Interview."),
        ("Poll: do voters back the plan?\n\nMost do.", "Poll: do voters back the plan?"),
    ],
)
def test_speaker_tags_and_format_labels_are_not_insinuations(analyse, text, title):
    assert all(span.score <= 0.55 and "labels" not in span.explanation for _, span in analyse(find_loaded_questions, text, title=title))


def test_question_in_a_direct_quotation_is_the_speakers(analyse):
    writer = analyse(find_loaded_questions, "Is it a coincidence that they left at once? Nobody knows.")
    speaker = analyse(find_loaded_questions, '"Is it a coincidence that they left at once?" Copley asked.')
    assert [c for c, _ in speaker] == [c for c, _ in writer] == ["Is it a coincidence that they left at once?"]
    assert speaker[0][1].score == pytest.approx(writer[0][1].score / 2, abs=0.01)
    assert "quotation" in speaker[0][1].explanation and "quotation" not in writer[0][1].explanation


def test_quoted_subheading_is_the_writers_choice(analyse):
    text = "Jones criticised the envoy.\n\n'Who is Samantha Power working for?'\n\nHe went on."
    [(cue, span)] = analyse(find_loaded_questions, text)
    assert cue == "Who is Samantha Power working for?"
    assert span.score >= 0.9 and "subheading" in span.explanation and "quotation" not in span.explanation


def test_question_after_a_lead_in_colon_starts_after_it(analyse):
    text = '"I ask myself the question: who is Samantha Power working for? Is it the US government?" he said.'
    [(cue, _)] = analyse(find_loaded_questions, text)
    assert cue == "who is Samantha Power working for?"


def test_question_marks_in_urls_and_across_lines(analyse):
    assert analyse(find_loaded_questions, "See https://example.com/?q=coincidence for more.") == []
    found = analyse(find_loaded_questions, "A long paragraph ends here.\nIsn't it obvious?")
    assert [c for c, _ in found] == ["Isn't it obvious?"]


def test_offsets_are_exact_on_non_ascii_text(analyse):
    text = "Caf\u00e9 \U0001F600 na\u0308ive. Wasn\u2019t it \u00e9vident que \u00e7a?! Fin."
    [(cue, span)] = analyse(find_loaded_questions, text)
    assert cue == "Wasn\u2019t it \u00e9vident que \u00e7a?!"
    assert span.label == "rhetorical_question"
