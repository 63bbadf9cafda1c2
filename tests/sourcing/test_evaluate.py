from unspin.sourcing.evaluate import DEV_ARTICLES, GOLD, Score, evaluate, load_gold, same_speaker


def test_same_speaker_ignores_titles_and_partial_names():
    assert same_speaker("Trump", ["Donald Trump"])
    assert same_speaker("President Donald Trump", ["Donald Trump"])
    assert same_speaker("Gregory R. Copley", ["Gregory Copley"])
    assert same_speaker("P\u00e9ter Szijj\u00e1rt\u00f3", ["Peter Szijjarto"])
    assert not same_speaker("Melania Trump", ["Donald Trump"])
    assert not same_speaker("Pope", ["Pope Francis"])


def test_score_arithmetic():
    score = Score(tp=8, fp=2, fn=8)
    assert (score.precision, score.recall) == (0.8, 0.5)
    assert round(score.f1, 4) == round(2 * 0.8 * 0.5 / 1.3, 4)
    assert Score().f1 == 0.0


def test_annotations_cover_enough_articles_and_quotes():
    gold = load_gold(GOLD)
    with_speaker = [r for records in gold.values() for r in records if r["speaker"] and not r.get("unclear")]
    assert len(gold) >= 15
    assert len(with_speaker) >= 100
    assert set(gold) - DEV_ARTICLES  # some articles stay held out


def test_speaker_attribution_on_annotated_ptc_articles(shared):
    score = evaluate("all", shared)
    # Measured 0.816 F1 / 0.851 precision (docs/sourcing.md); a regression guard, not the 0.85 target.
    assert score.f1 >= 0.80, score.as_dict()
    assert score.precision >= 0.82, score.as_dict()
    held_out = evaluate("heldout", shared)
    assert held_out.f1 >= 0.70, held_out.as_dict()
