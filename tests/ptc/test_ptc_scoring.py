import pytest

from unspin.ptc.io import Label
from unspin.ptc.scoring import bootstrap_f1, merge_spans, score_flc, score_si, score_tc


def spans(*rows):
    return [Label(*row) for row in rows]


def test_identical_spans_score_one():
    gold = spans(("1", "Doubt", 0, 10), ("1", "Slogans", 20, 30))
    result = score_si(gold, gold)
    assert (result.overall.precision, result.overall.recall, result.overall.f1) == (1.0, 1.0, 1.0)


def test_disjoint_spans_score_zero():
    result = score_si(spans(("1", "?", 0, 10)), spans(("1", "?", 10, 20)))
    assert result.overall.f1 == 0.0


def test_half_overlap_scores_half():
    result = score_si(spans(("1", "?", 0, 10)), spans(("1", "?", 5, 15)))
    assert result.overall.precision == pytest.approx(0.5)
    assert result.overall.recall == pytest.approx(0.5)
    assert result.overall.f1 == pytest.approx(0.5)


def test_prediction_inside_gold_is_precise_but_half_recalled():
    result = score_si(spans(("1", "?", 0, 10)), spans(("1", "?", 0, 5)))
    assert result.overall.precision == pytest.approx(1.0)
    assert result.overall.recall == pytest.approx(0.5)
    assert result.overall.f1 == pytest.approx(2 / 3)


def test_one_prediction_over_two_gold_spans():
    result = score_si(spans(("1", "?", 0, 10), ("1", "?", 20, 30)), spans(("1", "?", 5, 25)))
    assert result.overall.precision == pytest.approx(0.5)  # (5/20 + 5/20) / 1
    assert result.overall.recall == pytest.approx(0.5)  # (5/10 + 5/10) / 2


def test_duplicate_and_overlapping_spans_are_merged_for_si():
    gold = spans(("1", "Doubt", 0, 10), ("1", "Loaded_Language", 0, 10))
    pred = spans(("1", "?", 0, 6), ("1", "?", 4, 10), ("1", "?", 0, 10))
    result = score_si(gold, pred)
    assert (result.overall.n_gold, result.overall.n_pred) == (1, 1)
    assert result.overall.f1 == pytest.approx(1.0)


def test_articles_are_kept_apart():
    assert score_si(spans(("1", "?", 0, 10)), spans(("2", "?", 0, 10))).overall.f1 == 0.0


def test_no_predictions_score_zero_not_error():
    result = score_si(spans(("1", "?", 0, 10)), [])
    assert (result.overall.precision, result.overall.recall, result.overall.f1) == (0.0, 0.0, 0.0)


def test_merge_keeps_touching_spans_apart():
    assert merge_spans([(5, 8), (0, 5), (2, 4)]) == [(0, 5), (5, 8)]


def test_flc_counts_only_same_technique_overlap():
    gold = spans(("1", "Doubt", 0, 10), ("1", "Slogans", 20, 30))
    pred = spans(("1", "Doubt", 0, 10), ("1", "Doubt", 20, 30))
    result = score_flc(gold, pred)
    assert result.overall.precision == pytest.approx(0.5)
    assert result.overall.recall == pytest.approx(0.5)
    assert result.per_technique["Doubt"].precision == pytest.approx(0.5)
    assert result.per_technique["Doubt"].recall == pytest.approx(1.0)
    assert result.per_technique["Slogans"].recall == 0.0
    assert score_si(gold, pred).overall.f1 == pytest.approx(1.0)


def test_flc_keeps_a_double_labelled_fragment_twice():
    gold = spans(("1", "Doubt", 0, 10), ("1", "Loaded_Language", 0, 10))
    result = score_flc(gold, spans(("1", "Doubt", 0, 10)))
    assert result.overall.precision == pytest.approx(1.0)
    assert result.overall.recall == pytest.approx(0.5)


def test_tc_is_accuracy_on_given_spans():
    gold = spans(("1", "Doubt", 0, 10), ("1", "Slogans", 20, 30), ("2", "Repetition", 0, 4))
    pred = spans(("1", "Doubt", 0, 10), ("1", "Doubt", 20, 30), ("2", "Repetition", 0, 4))
    result = score_tc(gold, pred)
    assert result.overall.f1 == pytest.approx(2 / 3)
    assert result.per_technique["Doubt"].precision == pytest.approx(0.5)
    assert result.per_technique["Slogans"].recall == 0.0


def test_tc_duplicate_gold_span_needs_both_labels():
    gold = spans(("1", "Doubt", 0, 10), ("1", "Loaded_Language", 0, 10))
    assert score_tc(gold, spans(("1", "Doubt", 0, 10), ("1", "Doubt", 0, 10))).overall.f1 == pytest.approx(0.5)
    assert score_tc(gold, list(reversed(gold))).overall.f1 == pytest.approx(1.0)


def test_bootstrap_interval_is_a_point_when_every_article_scores_the_same():
    gold = [Label(str(n), "Doubt", 0, 10) for n in range(5)]
    pred = [Label(str(n), "Doubt", 0, 5) for n in range(5)]
    assert bootstrap_f1(score_si, gold, pred, resamples=50) == pytest.approx((2 / 3, 2 / 3))


def test_bootstrap_interval_spans_articles_that_disagree():
    gold = [Label(str(n), "Doubt", 0, 10) for n in range(20)]
    pred = [Label(str(n), "Doubt", 0, 10) for n in range(10)]  # half the articles found, half missed
    low, high = bootstrap_f1(score_si, gold, pred, resamples=200, seed=1)
    f1 = score_si(gold, pred).overall.f1
    assert low < f1 < high
    assert 0.0 < low and high <= 1.0
