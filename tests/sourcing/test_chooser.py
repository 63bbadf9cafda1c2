"""The learned speaker chooser (an experiment): candidates and their features, the numpy scorer,
and the training script's article selection and scoring plumbing. No training here."""

import json

import numpy as np
import pytest

from unspin.document import Document
from unspin.sourcing import evaluate, train_speakers
from unspin.sourcing.chooser import FEATURES, Candidate, Weights, choose, load_weights, speaker_candidates, vector
from unspin.sourcing.quotes import add_quotes, rule_answers


def quote_candidates(text):
    doc = Document(text)
    rules = rule_answers(doc)
    return {doc.text[start:end]: cands for (start, end, _), cands in zip(rules.answers, speaker_candidates(doc, rules))}


def by_name(cands):
    return {c.name: c.features for c in cands}


def test_the_rules_answer_is_a_candidate_with_its_tier_and_the_cue_it_hangs_on():
    text = 'Senator John Smith spoke in Ohio.\n"We will win this fight," Smith said.'
    (cands,) = quote_candidates(text).values()
    smith = by_name(cands)["John Smith"]
    assert smith["rule_parse"] == 1.0 and smith["cue_subject"] == 1.0 and smith["cue_above_quote"] == 1.0
    assert smith["person"] == 1.0 and smith["named"] == 1.0
    assert "Ohio" in by_name(cands) and by_name(cands)["Ohio"].get("rule_parse", 0.0) == 0.0
    assert cands[-1].name is None and cands[-1].features["none"] == 1.0
    assert cands[-1].features["none_rule_none"] == 0.0


def test_subject_of_the_reported_clause_is_marked_as_such():
    text = (
        "The public defender told reporters that Zarate was "
        '"extremely relieved and very grateful" after the verdict.'
    )
    (cands,) = quote_candidates(text).values()
    features = by_name(cands)
    assert features["Zarate"]["reported_subject"] == 1.0
    assert features["Zarate"].get("cue_subject", 0.0) == 0.0
    assert features["public defender"]["cue_subject"] == 1.0
    assert features["public defender"]["description"] == 1.0


def test_according_to_and_a_short_scare_quote():
    text = (
        'According to Reuters, the minister called the plan "a disgrace to the nation and to its people."\n'
        'The so-called "moderates" met in Geneva on Monday.'
    )
    quotes = quote_candidates(text)
    long_quote = next(c for q, c in quotes.items() if q.startswith('"a disgrace'))
    assert by_name(long_quote)["Reuters"]["according_to"] == 1.0
    scare = next(c for q, c in quotes.items() if "moderates" in q)
    nobody = scare[-1].features
    assert nobody["none_short"] == 1.0 and nobody["none_rule_none"] == 1.0 and nobody["none_has_verb"] == 0.0


def test_rule_answers_are_what_add_quotes_lists():
    text = (
        'Senator John Smith spoke in Ohio.\n"We will win this fight," Smith said.\n'
        '"And we will not stop until the end of the year," he added.'
    )
    doc = Document(text)
    add_quotes(doc)
    listed = [(q.start, q.attrs["speaker"]) for q in doc.spans("quotes") if q.label == "direct"]
    answers = [(start, found.speaker) for start, _, found in rule_answers(Document(text)).answers]
    assert listed == answers == [(text.index('"We'), "John Smith"), (text.index('"And'), "John Smith")]


def weights(**coefficients):
    return Weights(np.array([coefficients.get(name, 0.0) for name in FEATURES]), 0.0)


def test_the_scorer_takes_the_argmax_and_can_choose_nobody():
    cands = [
        Candidate("Ann Lee", features={"candidate": 1.0, "person": 1.0}),
        Candidate("Acme", features={"candidate": 1.0, "org": 1.0}),
        Candidate(None, features={"none": 1.0}),
    ]
    assert choose(cands, weights(person=2.0, org=1.0, none=0.5)).name == "Ann Lee"
    assert choose(cands, weights(person=-1.0, org=1.5, none=0.5)).name == "Acme"
    assert choose(cands, weights(none=3.0)).name is None
    assert weights(person=2.0).scores(cands).tolist() == [2.0, 0.0, 0.0]


def test_unknown_features_and_mismatched_weight_files_are_refused(tmp_path):
    with pytest.raises(ValueError):
        vector({"no_such_feature": 1.0})
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"features": list(FEATURES), "coef": [0.5] * len(FEATURES), "intercept": -1.0}))
    loaded = load_weights(path)
    assert loaded.intercept == -1.0 and loaded.coef.shape == (len(FEATURES),)
    path.write_text(json.dumps({"features": list(FEATURES[:-1]), "coef": [0.5] * (len(FEATURES) - 1), "intercept": 0}))
    with pytest.raises(ValueError):
        load_weights(path)


def test_training_never_selects_an_article_of_another_annotated_set(monkeypatch):
    dev_article = sorted(evaluate.DEV_ARTICLES)[0]
    assert train_speakers.split_of(dev_article) == "dev"
    assert train_speakers.split_of(sorted(evaluate.HELDOUT4_ARTICLES)[0]) == "heldout4"
    assert train_speakers.split_of("123456789") == "heldout"  # annotated, in no named split
    monkeypatch.setattr(evaluate, "HELDOUT9_ARTICLES", frozenset({"123456789"}), raising=False)
    assert train_speakers.split_of("123456789") is None


def test_scoring_plumbing_uses_the_evaluate_scorer_on_supplied_answers():
    text = 'Senator John Smith spoke in Ohio.\n"We will win this fight," Smith said.'
    gold = [{"article": "t", "start": 34, "check": '"We will win', "speaker": "John Smith"}]
    article = train_speakers.Article("t", "dev", text, gold, train_speakers._quotes(text, gold))
    assert article.quotes[0].labels == [int(c.name == "John Smith") for c in article.quotes[0].candidates]
    rules = train_speakers.score([article], train_speakers.rule_spans)
    assert (rules.tp, rules.fp, rules.fn) == (1, 0, 0)
    nobody = train_speakers.score([article], lambda a: train_speakers.chosen_spans(a, weights(none=5.0)))
    assert (nobody.tp, nobody.fp, nobody.fn) == (0, 0, 1)
