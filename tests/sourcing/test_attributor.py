"""The learned speaker attributor: candidates and their mentions, the shortlist, the encoder inputs
(markers around the quote and the candidate's mention), the combiner, the training script's article
selection and scoring plumbing, and the shipped model. Nothing here trains: a word-level tokenizer
built in the test stands in for MiniLM's where the logits are made up."""

import json

import numpy as np
import pytest
from tokenizers import Tokenizer, models, pre_tokenizers, processors

from unspin.document import Document
from unspin.sourcing import attributor, evaluate, train_attributor
from unspin.sourcing.attributor import MARKERS, Combiner, Vocabulary, pair_ids, shortlist
from unspin.sourcing.candidates import FEATURES, Candidate, speaker_candidates
from unspin.sourcing.quotes import add_quotes, rule_answers
from unspin.techniques import windows

TEXT = (
    "Senator John Smith spoke in Ohio on Monday.\n"
    '"We will win this fight," Smith said.\n'
    '"And we will not stop until the end of the year," he added.'
)


def quote_candidates(text):
    doc = Document(text)
    rules = rule_answers(doc)
    return [(doc.text[s:e], (s, e), found, cands)
            for (s, e, found), cands in zip(rules.answers, speaker_candidates(doc, rules))]


@pytest.fixture
def tokenizer():
    """A word-level tokenizer with BERT's specials and unused entries, lower-casing like MiniLM's."""
    words = sorted({w.strip('".,').lower() for w in TEXT.split()} | {'"', ",", ".", "nobody", "..."})
    vocab = {token: i for i, token in enumerate(["[PAD]", *MARKERS, "[UNK]", "[CLS]", "[SEP]", *words])}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    from tokenizers import normalizers

    tok.normalizer = normalizers.Lowercase()
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])]
    )
    return tok


def test_rule_answers_are_what_add_quotes_lists():
    doc = Document(TEXT)
    add_quotes(doc, learned=False)
    listed = [(q.start, q.attrs["speaker"]) for q in doc.spans("quotes") if q.label == "direct"]
    answers = [(start, found.speaker) for start, _, found in rule_answers(Document(TEXT)).answers]
    assert listed == answers == [(TEXT.index('"We'), "John Smith"), (TEXT.index('"And'), "John Smith")]


def test_a_candidate_keeps_every_mention_and_the_nearest_is_shown():
    (_, quote, _, cands), (_, later, _, later_cands) = quote_candidates(TEXT)
    smith = next(c for c in cands if c.name == "John Smith")
    mentioned = [TEXT[s:e] for s, e in smith.mentions]
    assert {"John Smith", "Smith", "he"} <= set(mentioned)
    assert TEXT[slice(*smith.nearest_mention(*quote))] == "Smith"
    smith_later = next(c for c in later_cands if c.name == "John Smith")
    assert TEXT[slice(*smith_later.nearest_mention(*later))] == "he"
    assert cands[-1].name is None and cands[-1].nearest_mention(*quote) is None


def test_shortlist_keeps_the_rules_answer_on_stage_and_nobody_and_the_nearest_others(monkeypatch):
    monkeypatch.setattr(attributor, "MAX_OTHERS", 1)
    cands = [
        Candidate("Far Away", mentions=[(0, 5)]),
        Candidate("The Rule", features={"rule_parse": 1.0}, mentions=[(1, 3)]),
        Candidate("Near By", mentions=[(90, 95)]),
        Candidate("On Stage", features={"on_stage": 1.0}),
        Candidate(None, features={"none": 1.0}),
    ]
    kept = [c.name for c in shortlist((100, 120), cands)]
    assert kept == ["The Rule", "Near By", "On Stage", None]


def test_pair_marks_the_quote_and_the_candidates_nearest_mention(tokenizer):
    vocabulary = Vocabulary.of(tokenizer)
    tokens = windows.tokenize(tokenizer, TEXT)
    (_, quote, _, cands), _ = quote_candidates(TEXT)
    smith = next(c for c in cands if c.name == "John Smith")
    ids = pair_ids(tokenizer, vocabulary, tokens, quote, smith)
    words = [tokenizer.id_to_token(i) for i in ids]
    assert words[:4] == ["[CLS]", "john", "smith", "[SEP]"] and words[-1] == "[SEP]"
    q0, q1 = words.index("[unused0]"), words.index("[unused1]")
    assert words[q0 + 1 : q1] == ['"', "we", "will", "win", "this", "fight", ",", '"']
    m0, m1 = words.index("[unused2]"), words.index("[unused3]")
    assert words[m0 + 1 : m1] == ["smith"] and m0 > q1  # "Smith said" after the quote, not "John Smith" before
    nobody = [tokenizer.id_to_token(i) for i in pair_ids(tokenizer, vocabulary, tokens, quote, cands[-1])]
    assert nobody[1] == "nobody" and "[unused2]" not in nobody and "[unused0]" in nobody


def test_pairs_stay_within_the_length_and_show_a_far_mention_as_a_snippet(tokenizer, monkeypatch):
    for name, value in {"MAX_LENGTH": 20, "QUOTE_HEAD": 3, "QUOTE_TAIL": 2, "SNIPPET_SIDE": 1}.items():
        monkeypatch.setattr(attributor, name, value)
    vocabulary = Vocabulary.of(tokenizer)
    tokens = windows.tokenize(tokenizer, TEXT)
    quote = (TEXT.index('"And'), len(TEXT) - len(" he added."))
    far = Candidate("Ohio", mentions=[(TEXT.index("Ohio"), TEXT.index("Ohio") + 4)])
    ids = pair_ids(tokenizer, vocabulary, tokens, quote, far)
    words = [tokenizer.id_to_token(i) for i in ids]
    assert len(ids) == 20 and words[-1] == "[SEP]"
    assert words.index("[unused2]") < words.index("...") < words.index("[unused0]")  # snippet, gap, quote
    assert words[words.index("[unused2]") + 1] == "ohio"
    assert words[words.index("[unused0]") :] == ["[unused0]", '"', "and", "we", "...", ",", '"', "[unused1]", "he", "added", "[SEP]"]


def test_vocabulary_needs_the_marker_tokens():
    bare = Tokenizer(models.WordLevel({"[UNK]": 0, "[CLS]": 1, "[SEP]": 2}, unk_token="[UNK]"))
    bare.post_processor = processors.TemplateProcessing(single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 1), ("[SEP]", 2)])
    with pytest.raises(ValueError):
        Vocabulary.of(bare)


def test_combiner_takes_the_argmax_of_logit_and_rule_features_and_round_trips(tmp_path):
    cands = [
        Candidate("Ann Lee", features={"candidate": 1.0, "rule_parse": 1.0}),
        Candidate("Acme", features={"candidate": 1.0}),
        Candidate(None, features={"none": 1.0}),
    ]
    logits = np.array([0.0, 2.0, 1.0])
    follows_encoder = Combiner(("rule_parse",), np.array([1.0, 0.0]), 0.0)
    trusts_rules = Combiner(("rule_parse",), np.array([1.0, 5.0]), 0.0)
    assert follows_encoder.choose(cands, logits).name == "Acme"
    assert trusts_rules.choose(cands, logits).name == "Ann Lee"
    assert Combiner((), np.array([1.0]), 0.0).choose(cands, np.array([0.0, 0.0, 3.0])).name is None
    path = tmp_path / "combiner.json"
    path.write_text(json.dumps(trusts_rules.to_json()))
    loaded = attributor.load_combiner(path)
    assert loaded.features == ("rule_parse",) and loaded.scores(cands, logits).tolist() == [5.0, 2.0, 1.0]
    path.write_text(json.dumps({"features": ["no_such_feature"], "coef": [1.0, 1.0], "intercept": 0.0}))
    with pytest.raises(ValueError):
        attributor.load_combiner(path)
    path.write_text(json.dumps({"features": [FEATURES[0]], "coef": [1.0], "intercept": 0.0}))
    with pytest.raises(ValueError):
        attributor.load_combiner(path)


def test_training_never_selects_the_test_set(monkeypatch):
    assert train_attributor.split_of(sorted(evaluate.DEV_ARTICLES)[0]) == "dev"
    assert train_attributor.split_of(sorted(evaluate.HELDOUT4_ARTICLES)[0]) == "heldout4"
    assert train_attributor.split_of(sorted(evaluate.HELDOUT7_ARTICLES)[0]) == "heldout7"
    assert train_attributor.split_of("123456789") == "heldout"  # annotated, in no named split
    test = sorted(evaluate.HELDOUT8_ARTICLES)[0]
    assert train_attributor.split_of(test) == train_attributor.TEST_SPLIT == "heldout8"
    assert train_attributor.TEST_SPLIT not in train_attributor.TRAINING_SPLITS
    assert train_attributor.split_of(sorted(evaluate.HELDOUT9_ARTICLES)[0]) == "heldout9"
    assert train_attributor.split_of(sorted(evaluate.HELDOUT10_ARTICLES)[0]) == "heldout10"
    assert not set(train_attributor.TEST_SPLITS) & set(train_attributor.TRAINING_SPLITS)
    monkeypatch.setattr(evaluate, "HELDOUT11_ARTICLES", frozenset({"123456789"}), raising=False)
    assert train_attributor.split_of("123456789") is None  # a later set, unknown here: never training


def test_folds_are_seeded_and_balanced():
    articles = [train_attributor.Article(str(i), "pool", "", [], []) for i in range(23)]
    fold = train_attributor.fold_of(articles)
    assert fold == train_attributor.fold_of(list(reversed(articles)))  # by name, not by order
    sizes = sorted(list(fold.values()).count(k) for k in range(train_attributor.FOLDS))
    assert sizes == [4, 4, 5, 5, 5]


def test_scoring_plumbing_uses_the_evaluate_scorer_on_chosen_answers():
    start = TEXT.index('"We')
    gold = [{"article": "t", "start": start, "check": TEXT[start : start + 12], "speaker": "John Smith"}]
    article = train_attributor.Article("t", "dev", TEXT, gold, train_attributor.quotes_of(TEXT, gold))
    first = article.quotes[0]
    assert first.labels == [int(c.name == "John Smith") for c in first.candidates]
    assert article.quotes[1].labels == [int(c.name is None) for c in article.quotes[1].candidates]
    rules = train_attributor.score(article, train_attributor.rules_of(article))
    assert (rules.tp, rules.fp, rules.fn) == (1, 1, 0)  # the second quote is not annotated: a false positive
    nobody = Combiner(("none",), np.array([0.0, 5.0]), 0.0)
    logits = {q: [0.0] * len(quote.candidates) for q, quote in enumerate(article.quotes)}
    answers = train_attributor.chosen(article, nobody, logits)
    assert answers == [None, None]
    silent = train_attributor.score(article, answers)
    assert (silent.tp, silent.fp, silent.fn) == (0, 0, 1)
    assert train_attributor.changed(article, answers) == 2
    keeps = train_attributor.chosen(article, Combiner(("rule_parse",), np.array([0.0, 5.0]), 0.0), logits)
    assert keeps[0] == first.rule  # the rules' own attribution (cue, tier) when it is the same speaker


def test_calibration_rows_and_fit():
    """``calibrate`` reads (share of the chosen candidate, right or not) per answered quote and fits a
    mapping under which higher shares mean likelier right answers."""
    start = TEXT.index('"We')
    gold = [{"article": "t", "start": start, "check": TEXT[start : start + 12], "speaker": "John Smith"}]
    article = train_attributor.Article("t", "dev", TEXT, gold, train_attributor.quotes_of(TEXT, gold))
    rule_first = Combiner(("rule_parse",), np.array([0.0, 5.0]), 0.0)
    logits = {q: [0.0] * len(quote.candidates) for q, quote in enumerate(article.quotes)}
    rows = train_attributor.chosen_shares(article, rule_first, logits)
    assert rows[0][1] is True and 0.5 < rows[0][0] <= 1  # John Smith, the annotated speaker, chosen
    assert all(right is False for _, right in rows[1:])  # the unannotated second quote: no right speaker
    rng = np.random.default_rng(0)
    shares = rng.uniform(0.2, 1.0, 400)
    synthetic = [(float(x), bool(rng.uniform() < x * 0.8)) for x in shares]  # right 80% as often as the share says
    mapping = train_attributor.fit_calibration(synthetic)
    assert mapping(0.3) < mapping(0.6) < mapping(0.95)
    assert mapping(0.95) == pytest.approx(0.76, abs=0.1)


def test_bootstrap_interval_of_the_difference():
    from unspin.sourcing.evaluate import Score

    same = [(Score(5, 1, 1), Score(5, 1, 1))] * 6
    assert train_attributor.bootstrap_difference(same, draws=200) == (0.0, 0.0)
    better = [(Score(3, 3, 3), Score(6, 0, 0))] * 6
    low, high = train_attributor.bootstrap_difference(better, draws=200)
    assert low == high == pytest.approx(0.5)


def test_the_shipped_attributor_loads_and_names_the_speaker_in_context():
    doc = Document(TEXT)
    add_quotes(doc)
    assert [q.attrs["speaker"] for q in doc.spans("quotes") if q.label == "direct"] == ["John Smith", "John Smith"]


def test_the_shipped_attributor_scores_every_shortlisted_candidate():
    doc = Document(TEXT)
    rules = rule_answers(doc)
    model = attributor.load()
    tokens = windows.tokenize(model.tokenizer, doc.text)
    (start, end, _), found = rules.answers[0], speaker_candidates(doc, rules)[0]
    candidates = shortlist((start, end), found)
    logits = model.logits([attributor.pair_ids(model.tokenizer, model.vocabulary, tokens, (start, end), c) for c in candidates])
    assert logits.shape == (len(candidates),) and np.isfinite(logits).all()
    named = {c.name: float(x) for c, x in zip(candidates, logits)}
    assert named["John Smith"] > named[None]  # the encoder itself prefers the named speaker to nobody


def test_a_missing_model_file_is_a_clear_error(tmp_path):
    from unspin.errors import ModelError

    with pytest.raises(ModelError, match="config.json"):
        attributor.LearnedAttributor(tmp_path)


def test_a_config_without_its_confidence_mapping_is_a_clear_error(tmp_path):
    import shutil

    from unspin.errors import ModelError

    for path in attributor.default_dir().iterdir():
        shutil.copy(path, tmp_path / path.name)
    config = json.loads((tmp_path / "config.json").read_text())
    del config["confidence"]
    (tmp_path / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError, match="confidence"):
        attributor.LearnedAttributor(tmp_path)


def test_calibration_maps_a_share_into_a_probability_in_order():
    calibration = attributor.Calibration(0.6, -0.3)
    values = [calibration(share) for share in (0.0, 0.2, 0.5, 0.9, 1.0)]
    assert values == sorted(values) and 0 < values[0] < values[-1] < 1
    assert calibration(0.5) == pytest.approx(1 / (1 + np.exp(0.3)))
    assert attributor.Calibration.from_json(calibration.to_json()) == calibration


def test_learned_speakers_carry_their_calibrated_confidence_as_the_score():
    doc = Document(TEXT)
    add_quotes(doc)
    direct = [q for q in doc.spans("quotes") if q.label == "direct"]
    model = attributor.load()
    assert all(0 < q.score < 1 for q in direct)
    assert all(f"speaker confidence {q.score:.2f}" in q.explanation for q in direct)
    rules = rule_answers(doc)
    (start, end, _), found = rules.answers[0], speaker_candidates(doc, rules)[0]
    candidates = shortlist((start, end), found)
    tokens = windows.tokenize(model.tokenizer, doc.text)
    logits = model.logits([pair_ids(model.tokenizer, model.vocabulary, tokens, (start, end), c) for c in candidates])
    expected = model.calibration(model.combiner.share(candidates, logits))
    assert direct[0].score == pytest.approx(expected, abs=0.02)  # int8: activations quantised per batch


def test_a_document_with_more_quotes_than_the_limit_keeps_the_rules_answers(monkeypatch):
    from unspin import limits

    doc = Document(TEXT)
    rules = rule_answers(doc)
    monkeypatch.setattr(limits, "MAX_LEARNED_QUOTES", 1)
    monkeypatch.setattr(attributor.LearnedAttributor, "logits", lambda *_: pytest.fail("the encoder ran"))
    assert attributor.load().answers(doc, rules) is rules.answers

