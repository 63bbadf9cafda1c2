from unspin.sourcing.evaluate import (
    DEV_ARTICLES,
    GOLD,
    HELDOUT2_ARTICLES,
    HELDOUT3_ARTICLES,
    HELDOUT4_ARTICLES,
    HELDOUT5_ARTICLES,
    Score,
    evaluate,
    load_gold,
    main,
    same_speaker,
)


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
    total = Score(tp=1, fp=2, fn=3) + Score(tp=10, fp=20, fn=30)
    assert (total.tp, total.fp, total.fn) == (11, 22, 33)


def test_annotations_cover_enough_articles_and_quotes():
    gold = load_gold(GOLD)
    with_speaker = [r for records in gold.values() for r in records if r["speaker"] and not r.get("unclear")]
    assert len(gold) >= 15
    assert len(with_speaker) >= 100
    assert set(gold) - DEV_ARTICLES  # some articles stay held out
    assert HELDOUT2_ARTICLES <= set(gold) and not HELDOUT2_ARTICLES & DEV_ARTICLES
    assert len(HELDOUT2_ARTICLES) >= 8
    assert HELDOUT3_ARTICLES <= set(gold) and not HELDOUT3_ARTICLES & (DEV_ARTICLES | HELDOUT2_ARTICLES)
    heldout3 = [r for a in HELDOUT3_ARTICLES for r in gold[a] if r["speaker"] and not r.get("unclear")]
    assert len(HELDOUT3_ARTICLES) >= 8 and len(heldout3) >= 120
    assert HELDOUT4_ARTICLES <= set(gold)
    assert not HELDOUT4_ARTICLES & (DEV_ARTICLES | HELDOUT2_ARTICLES | HELDOUT3_ARTICLES)
    heldout4 = [r for a in HELDOUT4_ARTICLES for r in gold[a] if r["speaker"] and not r.get("unclear")]
    assert len(HELDOUT4_ARTICLES) >= 8 and len(heldout4) >= 120
    assert HELDOUT5_ARTICLES <= set(gold)
    assert not HELDOUT5_ARTICLES & (DEV_ARTICLES | HELDOUT2_ARTICLES | HELDOUT3_ARTICLES | HELDOUT4_ARTICLES)
    heldout5 = [r for a in HELDOUT5_ARTICLES for r in gold[a] if r["speaker"] and not r.get("unclear")]
    assert len(HELDOUT5_ARTICLES) >= 8 and len(heldout5) >= 120


def test_speaker_attribution_on_annotated_ptc_articles(shared):
    # Measured with the round 5 rules (docs/sourcing.md): dev+heldout+heldout2+heldout3 0.869 F1 / 0.904
    # precision, heldout 0.888, heldout2 0.901, heldout3 0.784, heldout4 (tuned on in round 5) 0.863.
    # Regression guards a little below those; they say nothing about unseen articles (heldout5).
    splits = ("dev", "heldout", "heldout2", "heldout3", "heldout4")
    scores = {split: evaluate(split, shared, learned=False) for split in splits}
    tuning = scores["dev"] + scores["heldout"] + scores["heldout2"] + scores["heldout3"]
    assert tuning.f1 >= 0.86, tuning.as_dict()
    assert tuning.precision >= 0.89, tuning.as_dict()
    assert scores["heldout"].f1 >= 0.87, scores["heldout"].as_dict()
    assert scores["heldout2"].f1 >= 0.88, scores["heldout2"].as_dict()
    assert scores["heldout3"].f1 >= 0.77, scores["heldout3"].as_dict()
    assert scores["heldout4"].f1 >= 0.84, scores["heldout4"].as_dict()


def test_the_printout_shows_only_the_splits_asked_for(shared, capsys):
    assert main(["--split", "heldout", "--shared", str(shared)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["heldout"]


def test_heldout8_is_scored_only_by_name(monkeypatch, tmp_path, capsys):
    """heldout8 waits, unscored, for one final measurement: the default and ``all`` leave it out."""
    import unspin.sourcing.evaluate as evaluate_module

    scored: list[str] = []
    monkeypatch.setattr(evaluate_module, "evaluate", lambda split, *_, **__: scored.append(split) or Score())
    (tmp_path / "ptc" / "articles").mkdir(parents=True)
    main(["--shared", str(tmp_path)])
    assert not {"heldout8", "heldout9", "heldout10"} & set(scored) and "heldout7" in scored
    scored.clear()
    main(["--shared", str(tmp_path), "--split", "heldout8"])
    assert scored == ["heldout8"]
    assert "heldout8" in capsys.readouterr().out


def test_the_training_pool_matches_the_texts_and_stays_apart_from_every_evaluation_set(shared):
    """tests/data/quotes/pool-*.jsonl: training data for a learned attributor, never evaluation."""
    gold = load_gold(GOLD)
    pool: dict[str, list[dict]] = {}
    for path in sorted(GOLD.parent.glob("pool-*.jsonl")):
        for article, records in load_gold(path).items():
            assert article not in pool, f"{article} annotated twice ({path.name})"
            pool[article] = records
    assert len(pool) >= 100
    assert not set(pool) & set(gold)  # no article of dev..heldout10
    for article, records in pool.items():
        folders = {r["folder"] for r in records}
        assert len(folders) == 1 and folders <= {"articles", "unlabeled"}, article
        text = (shared / "ptc" / folders.pop() / f"article{article}.txt").read_text(encoding="utf-8")
        for r in records:
            assert text[r["start"] : r["start"] + len(r["check"])] == r["check"], (article, r["start"])
