"""Quote finding and the rules' speaker for each pattern (``learned=False``); the learned attributor
that chooses among the rules' candidates is tested in test_attributor.py and on the sample."""

import json

import pytest

from unspin.document import Document
from unspin.sourcing import add_quotes


def quotes_of(text):
    doc = Document(text)
    add_quotes(doc, learned=False)
    return doc, doc.spans("quotes")


def direct(text):
    return [q for q in quotes_of(text)[1] if q.label == "direct"]


def test_quote_then_told_outlet():
    text = (
        "Joshua Landis teaches at a university.\n"
        '"The US is very uncomfortable with this," Landis told RT.'
    )
    (quote,) = direct(text)
    assert quote.attrs["speaker"] == "Joshua Landis"
    assert quote.attrs["cue"] == "told"


def test_ambassador_before_name_is_the_affiliation():
    text = '"It is highly suspicious," Russia\'s Ambassador Vitaly Churkin said on Saturday.'
    (quote,) = direct(text)
    assert quote.attrs["speaker"] == "Vitaly Churkin"
    assert quote.attrs["affiliation"] == "Russia's Ambassador"
    span_text = text[quote.attrs["speaker_start"] : quote.attrs["speaker_end"]]
    assert span_text == "Vitaly Churkin"


def test_partial_quote_of_envoy():
    (quote,) = direct('US envoy Samantha Power expressed "regret" over the strike.')
    assert (quote.attrs["speaker"], quote.attrs["affiliation"]) == ("Samantha Power", "US envoy")


def test_according_to_with_of_affiliation():
    text = (
        "According to Joshua Landis of the Center for Middle Eastern Studies, University of Oklahoma, "
        'the US "is very uncomfortable in this new relationship with Russia."'
    )
    (quote,) = direct(text)
    assert quote.attrs["speaker"] == "Joshua Landis"
    assert quote.attrs["affiliation"] == "Center for Middle Eastern Studies, University of Oklahoma"


def test_apposition_gives_the_role():
    text = 'William Jones, the Washington bureau chief of Executive Intelligence Review, said: "She should be fired."'
    (quote,) = direct(text)
    assert quote.attrs["speaker"] == "William Jones"
    assert "Executive Intelligence Review" in quote.attrs["affiliation"]


def test_pronoun_and_split_quote_resolve_to_the_named_speaker():
    text = (
        "Gregory Copley, editor of Defense & Foreign Affairs, spoke to reporters.\n"
        '"It is a coincidence," he said. "It was a leak of targeting data to the fighters."'
    )
    first, second = direct(text)
    assert first.attrs["speaker"] == "Gregory Copley"
    assert second.attrs["speaker"] == "Gregory Copley"
    assert first.attrs["affiliation"] == "editor of Defense & Foreign Affairs"


def test_surname_and_pronoun_back_references_after_other_names():
    text = (
        "Abayomi Azikiwe, editor at Pan-African News Wire, was interviewed.\n"
        "Kerry and Lavrov agreed on a deal.\n"
        '"This is problematic for the United States and its allies," Azikiwe said.\n'
        '"It removes their main foreign policy imperative in the region," he added.'
    )
    first, second = direct(text)
    assert first.attrs["speaker"] == "Abayomi Azikiwe"
    assert second.attrs["speaker"] == "Abayomi Azikiwe"


def test_unquoted_paragraph_continuing_a_quote():
    text = (
        '"Is it a coincidence that they were ready?" Copley asked.\n\n'
        '"This perhaps indicates that there might well have been a leak of the targeting."'
    )
    first, second = direct(text)
    assert first.attrs["speaker"] == second.attrs["speaker"] == "Copley"
    assert second.score < first.score


def test_transcript_label():
    text = 'Omar Smith works on the campaign.\nSMITH: "That is not for them to know, that is not for them to know."'
    (quote,) = direct(text)
    assert quote.attrs["speaker"] == "Omar Smith"


def test_indirect_attribution_by_unnamed_analysts():
    doc, spans = quotes_of("The US would make a stink about it, analysts said, adding that the ceasefire is fragile.")
    (span,) = [s for s in spans if s.label == "indirect"]
    assert span.attrs["speaker"] == "analysts"
    assert span.attrs["named"] is False
    assert doc.summaries["sources"]["unnamed_source_mentions"] == 1


def test_indirect_said_that_and_according_to():
    doc, spans = quotes_of(
        "Officials said that the convoy was hit twice.\n62 people were killed, according to the Russian Ministry of Defense."
    )
    speakers = {s.attrs["speaker"] for s in spans if s.label == "indirect"}
    assert speakers == {"Officials", "Russian Ministry of Defense"}


def test_scare_quote_without_speaker_is_not_a_quote():
    _, spans = quotes_of('The so-called "moderate" rebels crossed the border.')
    assert spans == []


def test_long_quote_without_speaker_is_listed_as_unattributed():
    doc, spans = quotes_of('The slogan read: "we will never give up our land to anyone".\n')
    assert [s.attrs["speaker"] for s in spans] == [None]
    assert doc.summaries["sources"]["unattributed_quotes"] == 1


def test_article_without_quotes():
    doc, spans = quotes_of("The weather was fine. Markets were calm.")
    assert spans == []
    assert doc.summaries["sources"]["sources"] == []
    assert doc.summaries["sources"]["distinct_speakers"] == 0


def test_spans_have_exact_offsets_and_json_attrs():
    text = 'Caf\u00e9 owner \u00c9milie Dupont said: \u201cWe serve \U0001f600 everyone here,\u201d on Monday.\r\nMore text.'
    doc, spans = quotes_of(text)
    assert spans
    for span in spans:
        assert doc.text[span.start : span.end] == doc.span_text(span)
        json.dumps(span.attrs)
    json.dumps(doc.summaries["sources"])


@pytest.mark.parametrize("text", ['"', '""', '"a"', "\u201c\u201d \u201c"])
def test_degenerate_marks_do_not_break(text):
    quotes_of(text)


def test_unnamed_spokesman_is_the_he_of_the_next_quote():
    text = (
        "The rally was due in Woolwich, where Drummer Lee Rigby was killed.\n"
        'A government spokesman said such people "are not conducive to the public good".\n'
        'He added: "We condemn all those whose views run counter to our shared values."'
    )
    speakers = [q.attrs["speaker"] for q in direct(text)]
    assert speakers == ["A government spokesman", "A government spokesman"]


def test_they_refers_to_the_group_that_spoke():
    text = (
        "The authors say that the church has been silent for too long.\n"
        'They contest this, professing that "only the proclamation of the truth brings freedom to anyone."'
    )
    (quote,) = direct(text)
    assert quote.attrs["speaker"] == "authors"
    assert quote.attrs["named"] is False


def test_subject_borrowed_through_by_claiming_and_relative_clause():
    text = (
        'Jonathan Kuttab has defended it by claiming that the "distrust people feel towards them" is old.\n'
        'Orban echoed US President Donald Trump, who spoke about putting "America First."'
    )
    first, second = direct(text)
    assert first.attrs["speaker"] == "Jonathan Kuttab"
    assert second.attrs["speaker"] == "Donald Trump"


def test_headline_quotes_the_person_it_opens_with():
    doc = Document(
        'Keith Ellison Defends Louis Farrakhan: "He Had Something To Offer"\n\n'
        "Rep. Keith Ellison recently defended his ties to Nation of Islam leader Louis Farrakhan."
    )
    doc.title = doc.text.split("\n", 1)[0]
    add_quotes(doc, learned=False)
    (quote,) = doc.spans("quotes")
    assert quote.attrs["speaker"] == "Keith Ellison"


def test_acronym_in_apposition_is_not_an_affiliation():
    (first, second) = direct('The Free Syrian Army (FSA), an ally, kicked them out, calling them "infidels" and "crusaders."')
    assert first.attrs["speaker"] == "Free Syrian Army"
    assert first.attrs["affiliation"] != "FSA"


def test_definite_description_is_the_person_on_stage():
    text = (
        "Hungarian Prime Minister Viktor Orban gave an interview on Monday.\n"
        '"We do not consider these people to be refugees," Orban said.\n'
        'Instead, the tough-talking politician said they were regarded as "Muslim invaders."'
    )
    first, second = direct(text)
    assert second.attrs["speaker"] == "Viktor Orban"


def test_he_never_refers_to_an_organisation():
    text = (
        "Abayomi Azikiwe, editor at Pan-African News Wire, spoke to RT.\n"
        '"The deal is fragile," Azikiwe said.\n'
        "What is interesting, the analyst said, is that the Al-Nusra armed opposition group rejected "
        "this agreement, saying that it gave too much power to the government.\n"
        '"This is problematic for the United States and its allies in the region," he added.'
    )
    speakers = [q.attrs["speaker"] for q in direct(text)]
    assert speakers == ["Abayomi Azikiwe", "Abayomi Azikiwe"]


def test_hypothetical_speech_gives_a_scare_quote_no_speaker():
    text = 'The US might say that the strike was "unintentional," but its position has not changed.'
    assert direct(text) == []


def test_unattributed_quote_paragraph_continues_the_last_speaker():
    text = (
        "Elizabeth Yore is a lawyer who has handled abuse cases.\n"
        "Yore said the bishop was warned about the case in 2015 and ignored the warnings.\n"
        "\n"
        '"This is a scandal of epic proportions for the Church in Chile."'
    )
    (quote,) = direct(text)
    assert quote.attrs["speaker"] == "Elizabeth Yore"
    assert quote.score == 0.6  # a continuation, the least trusted way


def test_unattributed_quote_paragraph_after_someone_else_took_the_stage_has_no_speaker():
    text = (
        "Elizabeth Yore is a lawyer who has handled abuse cases.\n"
        "Yore said the bishop was warned about the case in 2015 and ignored the warnings.\n"
        "Cardinal Sean O'Malley met the victims in Rome.\n"
        '"This is a scandal of epic proportions for the Church in Chile."'
    )
    (quote,) = direct(text)
    assert quote.attrs["speaker"] is None


def test_headline_name_mislabelled_by_ner_is_matched_against_the_body():
    text = (
        'Hungary PM Viktor Orban Vows to "Fight Those Who Want to Change Europe"\n'
        "\n"
        "Hungary's Prime Minister Viktor Orban spoke in Budapest on Sunday."
    )
    doc = Document(text, title=text.split("\n", 1)[0])
    add_quotes(doc, learned=False)
    (quote,) = [q for q in doc.spans("quotes") if q.label == "direct"]
    assert quote.attrs["speaker"] == "Viktor Orban"


def test_person_in_apposition_to_a_description_is_the_speaker():
    text = 'As that most American of writers, Thomas Wolfe, put it, "You can\'t go home again."'
    (quote,) = direct(text)
    assert quote.attrs["speaker"] == "Thomas Wolfe"


def test_acronym_title_names_the_titled_person():
    text = (
        "On Monday, DOJ Inspector General Michael Horowitz testified before the Senate.\n"
        'The IG also described his report as a "thorough, comprehensive and objective recitation of the facts."'
    )
    (quote,) = direct(text)
    assert quote.attrs["speaker"] == "Michael Horowitz"


def test_it_begins_refers_to_the_document_named_before():
    text = (
        "A new open letter to the pope has gathered over 2,600 signatures.\n"
        '"Most Holy Father," it begins, "many of us have tried to contact you on many occasions."'
    )
    quotes = direct(text)
    assert quotes and all("letter" in q.attrs["speaker"] for q in quotes)
    assert not quotes[0].attrs["named"]


def test_negated_speech_verb_is_no_cue():
    text = (
        '"Bishops are quick learners," Thomas Weinandy wrote, claiming that many bishops do not speak out '
        'for fear they will be "marginalized or worse."'
    )
    first, second = direct(text)
    assert second.attrs["speaker"] == "Thomas Weinandy"


def test_quote_in_the_next_sentence_continues_when_nobody_else_is_named():
    text = (
        'The Catechism of the Catholic Church teaches that such acts are "intrinsically disordered." '
        'Such acts are "contrary to the natural law and close the act to the gift of life."'
    )
    first, second = direct(text)
    assert "Catechism" in first.attrs["speaker"]
    assert second.attrs["speaker"] == first.attrs["speaker"]


def test_quote_after_another_name_in_the_same_line_does_not_continue():
    text = (
        '"We will not give up the fight for our rights," Maria Lopez said. '
        'Governor Tom Hill called the protest "a publicity stunt by a few people."'
    )
    first, second = direct(text)
    assert first.attrs["speaker"] == "Maria Lopez"
    assert second.attrs["speaker"] == "Tom Hill"


def test_a_title_in_quotes_gets_no_speaker():
    text = (
        'King said President Obama had used the phrase in a "60 Minutes" appearance, and Edward Curtis, '
        'the author of "Black Muslim Religion in the Nation of Islam," said the group was small.'
    )
    assert direct(text) == []


def test_line_ending_in_a_speech_verb_and_comma_introduces_the_next_line_quote():
    text = (
        "In fact, a former student of his wrote to me today saying,\n"
        '"I see that he has been squashed by the bishops for speaking his mind."'
    )
    (quote,) = direct(text)
    assert quote.attrs["speaker"] == "a former student"
    assert not quote.attrs["named"]
