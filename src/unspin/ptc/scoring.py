"""The official PTC metrics: SI and FLC (partial-overlap P/R/F1) and TC (micro-F1).

SI: predicted and gold spans of an article are each merged where they overlap; precision is
the sum over predicted spans s and gold spans t of |s∩t|/|s| divided by the number of predicted
spans, recall the sum of |s∩t|/|t| divided by the number of gold spans (all articles pooled).
FLC: the same, counting a predicted span only against gold spans of the same technique.
TC: labels of given spans compared; micro-F1 (= accuracy when every gold span is predicted once).
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

from unspin.ptc.io import Label


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    n_pred: int
    n_gold: int


@dataclass(frozen=True)
class Result:
    """An overall score plus, for FLC and TC, one score per technique."""

    overall: Score
    per_technique: dict[str, Score] = field(default_factory=dict)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping ``(start, end)`` spans joined into one (touching spans stay apart)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _score(precision_sum: float, recall_sum: float, n_pred: int, n_gold: int) -> Score:
    precision = precision_sum / n_pred if n_pred else 0.0
    recall = recall_sum / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, n_pred, n_gold)


def _overlap_sums(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> tuple[float, float]:
    precision_sum = recall_sum = 0.0
    for s_start, s_end in pred:
        for t_start, t_end in gold:
            common = min(s_end, t_end) - max(s_start, t_start)
            if common > 0:
                precision_sum += common / (s_end - s_start)
                recall_sum += common / (t_end - t_start)
    return precision_sum, recall_sum


def _grouped(labels: Iterable[Label], by_technique: bool) -> dict[tuple[str, str], list[tuple[int, int]]]:
    groups: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for label in labels:
        groups[(label.article_id, label.technique if by_technique else "")].append((label.start, label.end))
    return {key: merge_spans(spans) for key, spans in groups.items()}


def _partial_overlap(gold: Iterable[Label], pred: Iterable[Label], by_technique: bool) -> Result:
    gold_groups, pred_groups = _grouped(gold, by_technique), _grouped(pred, by_technique)
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0, 0])
    for key in set(gold_groups) | set(pred_groups):
        g, p = gold_groups.get(key, []), pred_groups.get(key, [])
        precision_sum, recall_sum = _overlap_sums(p, g)
        row = totals[key[1]]
        row[0] += precision_sum
        row[1] += recall_sum
        row[2] += len(p)
        row[3] += len(g)
    overall = _score(*(sum(row[i] for row in totals.values()) for i in range(4)))
    per_technique = {name: _score(*row) for name, row in sorted(totals.items())} if by_technique else {}
    return Result(overall, per_technique)


def score_si(gold: Iterable[Label], pred: Iterable[Label]) -> Result:
    """Span identification: techniques ignored, overlapping spans merged per article."""
    return _partial_overlap(gold, pred, by_technique=False)


def score_flc(gold: Iterable[Label], pred: Iterable[Label]) -> Result:
    """Fragment-level classification: partial overlap counted only between same-technique spans."""
    return _partial_overlap(gold, pred, by_technique=True)


def score_tc(gold: Iterable[Label], pred: Iterable[Label]) -> Result:
    """Technique classification of given spans: a predicted label is right if gold has it on that span.

    A span labelled twice in gold (two techniques) needs both labels predicted to count twice.
    """
    gold_at: dict[tuple[str, int, int], Counter] = defaultdict(Counter)
    pred_at: dict[tuple[str, int, int], Counter] = defaultdict(Counter)
    for label in gold:
        gold_at[(label.article_id, label.start, label.end)][label.technique] += 1
    for label in pred:
        pred_at[(label.article_id, label.start, label.end)][label.technique] += 1
    correct, n_pred, n_gold = Counter(), Counter(), Counter()
    for key in set(gold_at) | set(pred_at):
        correct.update(gold_at[key] & pred_at[key])
        n_pred.update(pred_at[key])
        n_gold.update(gold_at[key])
    names = sorted(set(n_pred) | set(n_gold))
    per_technique = {
        name: _score(correct[name], correct[name], n_pred[name], n_gold[name]) for name in names
    }
    total_correct = sum(correct.values())
    overall = _score(total_correct, total_correct, sum(n_pred.values()), sum(n_gold.values()))
    return Result(overall, per_technique)


SCORERS = {"si": score_si, "flc": score_flc, "tc": score_tc}


def bootstrap_f1(scorer: Callable[[list[Label], list[Label]], Result], gold: Iterable[Label], pred: Iterable[Label], *, resamples: int = 1000,
                 seed: int = 0) -> tuple[float, float]:
    """95% interval of the overall F1 when the articles are resampled with replacement.

    A dev split of a few dozen articles gives F1 scores that move by several points with the
    articles drawn; the interval says how far. Each drawn copy of an article keeps its own id,
    so copies are scored as separate articles.
    """
    gold, pred = list(gold), list(pred)
    by_article: dict[str, tuple[list[Label], list[Label]]] = defaultdict(lambda: ([], []))
    for label in gold:
        by_article[label.article_id][0].append(label)
    for label in pred:
        by_article[label.article_id][1].append(label)
    ids = sorted(by_article)
    rng = random.Random(seed)
    scores = []
    for _ in range(resamples):
        drawn_gold: list[Label] = []
        drawn_pred: list[Label] = []
        for copy, article_id in enumerate(rng.choices(ids, k=len(ids))):
            article_gold, article_pred = by_article[article_id]
            drawn_gold += [replace(label, article_id=f"{article_id}#{copy}") for label in article_gold]
            drawn_pred += [replace(label, article_id=f"{article_id}#{copy}") for label in article_pred]
        scores.append(scorer(drawn_gold, drawn_pred).overall.f1)
    scores.sort()
    return scores[int(0.025 * (resamples - 1))], scores[int(round(0.975 * (resamples - 1)))]
