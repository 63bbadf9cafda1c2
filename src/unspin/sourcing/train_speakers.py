"""Train the learned speaker chooser and measure it against the rules alone, honestly.

    python -m unspin.sourcing.train_speakers [--shared ../shared] [--out PATH] [--folds 5] [--seeds 0 1 2]

Trains only on the 55 articles of the splits dev, heldout, heldout2, heldout3 and heldout4 of
:mod:`unspin.sourcing.evaluate` (selected by those names; an article of any other annotated set
is never read). Prints, with the scorer of ``evaluate`` on the same folds: grouped k-fold
cross-validation by article (rules alone vs rules + chooser), and train on the four tuning
splits / test on heldout4. Then trains on all 55 and writes the weights JSON. Needs the
``train`` extra (scikit-learn); inference does not.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import numpy as np

from unspin.document import Document, Span
from unspin.sourcing import evaluate
from unspin.sourcing.chooser import FEATURES, Candidate, Weights, choose, speaker_candidates, vector
from unspin.sourcing.evaluate import Score, same_speaker
from unspin.sourcing.quotes import (
    MIN_UNATTRIBUTED_WORDS,
    Attribution,
    _direct_span,
    rule_answers,
)

#: The splits annotated at commit 8ab1ffd: the only articles this trains or scores on.
TRAINING_SPLITS = ("dev", "heldout", "heldout2", "heldout3", "heldout4")
TRAINING_ARTICLES = 55
REGULARISATION_C = 1.0

#: Where the weights go: the chooser is an experiment that did not beat the rules (docs/sourcing.md),
#: so they are not package data.
OUT = evaluate.REPO / "build" / "speaker-chooser.json"


@dataclass
class Quote:
    start: int
    end: int
    rule: Attribution | None
    candidates: list[Candidate]
    labels: list[int] | None  # None: an unclear quote, not trained on


@dataclass
class Article:
    name: str
    split: str
    text: str
    gold: list[dict]
    quotes: list[Quote]


def split_of(article: str) -> str | None:
    """Which of :data:`TRAINING_SPLITS` an article is in; None for any other annotated set (a
    later held-out set must never leak into training, whatever ``evaluate`` calls "heldout")."""
    named = {
        "dev": evaluate.DEV_ARTICLES,
        "heldout2": evaluate.HELDOUT2_ARTICLES,
        "heldout3": evaluate.HELDOUT3_ARTICLES,
        "heldout4": evaluate.HELDOUT4_ARTICLES,
    }
    for split, articles in named.items():
        if article in articles:
            return split
    known = {"DEV_ARTICLES", "HELDOUT2_ARTICLES", "HELDOUT3_ARTICLES", "HELDOUT4_ARTICLES"}
    others = [v for k, v in vars(evaluate).items() if k.endswith("_ARTICLES") and k not in known]
    if any(article in ids for ids in others):
        return None
    return "heldout" if evaluate._in_split(article, "heldout") else None


def load_articles(shared: Path, gold_path: Path) -> list[Article]:
    gold = evaluate.load_gold(gold_path)
    chosen = {a: split_of(a) for a in sorted(gold)}
    chosen = {a: s for a, s in chosen.items() if s in TRAINING_SPLITS}
    if len(chosen) != TRAINING_ARTICLES:
        raise SystemExit(f"expected the {TRAINING_ARTICLES} articles of {TRAINING_SPLITS}, found {len(chosen)}")
    articles = []
    for name, split in chosen.items():
        text = (shared / "ptc" / "articles" / f"article{name}.txt").read_text(encoding="utf-8")
        articles.append(Article(name, split, text, gold[name], _quotes(text, gold[name])))
    return articles


def _quotes(text: str, gold: list[dict]) -> list[Quote]:
    doc = Document(text, title=text.split("\n", 1)[0] or None)  # as evaluate builds it
    rules = rule_answers(doc)
    quotes = []
    for (start, end, rule), candidates in zip(rules.answers, speaker_candidates(doc, rules)):
        covered = [g for g in gold if start <= g["start"] < end]
        quotes.append(Quote(start, end, rule, candidates, _labels(candidates, covered)))
    return quotes


def _labels(candidates: list[Candidate], gold: list[dict]) -> list[int] | None:
    """1 for the candidate the annotation names ("no speaker" for a scare quote or an unannotated span)."""
    record = gold[0] if gold else None
    if record is not None and record.get("unclear"):
        return None
    names = [record["speaker"], *record.get("aliases", [])] if record and record["speaker"] else []
    if not names:
        return [int(c.name is None) for c in candidates]
    return [int(c.name is not None and same_speaker(c.name, names)) for c in candidates]


def fit(articles: list[Article]) -> Weights:
    """Logistic regression on single candidates (is this the speaker?); the chooser takes the argmax."""
    from sklearn.linear_model import LogisticRegression

    rows, labels = [], []
    for article in articles:
        for quote in article.quotes:
            if quote.labels is not None:
                rows += [vector(c.features) for c in quote.candidates]
                labels += quote.labels
    model = LogisticRegression(C=REGULARISATION_C, max_iter=5000)
    model.fit(np.array(rows), np.array(labels))
    return Weights(model.coef_[0].copy(), float(model.intercept_[0]))


def rule_spans(article: Article) -> list[Span]:
    return _spans(article, [(q.start, q.end, q.rule) for q in article.quotes])


def chosen_spans(article: Article, weights: Weights) -> list[Span]:
    answers = []
    for quote in article.quotes:
        best = choose(quote.candidates, weights)
        found = None
        if best.name is not None:
            same_as_rule = quote.rule is not None and same_speaker(best.name, [quote.rule.speaker])
            own = Attribution(best.name, best.affiliation, best.named, None, None, best.start, best.end)
            found = quote.rule if same_as_rule else own
        answers.append((quote.start, quote.end, found))
    return _spans(article, answers)


def _spans(article: Article, answers: list[tuple[int, int, Attribution | None]]) -> list[Span]:
    """Direct-quote spans as ``add_quotes`` lists them."""
    spans = []
    for start, end, found in answers:
        if found is not None and found.speaker:
            spans.append(_direct_span(start, end, found))
        elif len(article.text[start:end].split()) >= MIN_UNATTRIBUTED_WORDS:
            spans.append(_direct_span(start, end, Attribution(None, None, False, None, None)))
    return spans


def score(articles: list[Article], spans_of) -> Score:
    """``evaluate``'s own scoring, with the system's answers supplied instead of recomputed."""
    total = Score()
    for article in articles:
        spans = spans_of(article)

        def supply(doc: Document) -> None:
            for span in spans:
                doc.add("quotes", span)

        with mock.patch.object(evaluate, "add_quotes", supply):
            evaluate.score_article(article.text, article.gold, total, article.name)
    return total


def folds(articles: list[Article], k: int, seed: int) -> list[list[Article]]:
    order = sorted(articles, key=lambda a: a.name)
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def cross_validate(articles: list[Article], k: int, seed: int) -> dict[str, tuple[Score, Score]]:
    """Per article (rules alone, rules + chooser), the chooser trained on the other folds."""
    results = {}
    for test in folds(articles, k, seed):
        weights = fit([a for a in articles if a not in test])
        for article in test:
            results[article.name] = (score([article], rule_spans), score([article], lambda a: chosen_spans(a, weights)))
    return results


def _row(label: str, pairs: list[tuple[Score, Score]]) -> str:
    rules, learned = (sum((pair[i] for pair in pairs), Score()).as_dict() for i in (0, 1))
    return (
        f"| {label} | {rules['precision']:.3f} / {rules['recall']:.3f} / **{rules['f1']:.3f}** "
        f"| {learned['precision']:.3f} / {learned['recall']:.3f} / **{learned['f1']:.3f}** |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=evaluate.SHARED)
    parser.add_argument("--gold", type=Path, default=evaluate.GOLD)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0], help="one cross-validation per fold shuffle")
    args = parser.parse_args(argv)
    if not (args.shared / "ptc" / "articles").is_dir():
        print(f"skipped: needs {args.shared}/ptc/articles")
        return 0
    articles = load_articles(args.shared, args.gold)
    print("| evaluation | rules alone (P / R / F1) | rules + chooser (P / R / F1) |")
    print("| --- | --- | --- |")
    summary = {}
    for seed in args.seeds:
        results = cross_validate(articles, args.folds, seed)
        for split in TRAINING_SPLITS:
            pairs = [results[a.name] for a in articles if a.split == split]
            print(_row(f"CV seed {seed}: {split} articles", pairs))
        print(_row(f"CV seed {seed}: all {len(articles)}, {args.folds} folds by article", list(results.values())))
        totals = [sum((pair[i] for pair in results.values()), Score()) for i in (0, 1)]
        summary[f"cv_seed_{seed}"] = {"rules": totals[0].as_dict(), "chooser": totals[1].as_dict()}
    tuning = [a for a in articles if a.split != "heldout4"]
    heldout4 = [a for a in articles if a.split == "heldout4"]
    weights = fit(tuning)
    pair = (score(heldout4, rule_spans), score(heldout4, lambda a: chosen_spans(a, weights)))
    print(_row("train dev+heldout+heldout2+heldout3, test heldout4", [pair]))
    summary["heldout4"] = {"rules": pair[0].as_dict(), "chooser": pair[1].as_dict()}
    final = fit(articles)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "model": "logistic regression over speaker candidates (unspin.sourcing.chooser)",
                "trained_on": f"{len(articles)} PTC articles of splits {', '.join(TRAINING_SPLITS)}",
                "C": REGULARISATION_C,
                "features": list(FEATURES),
                "coef": [round(float(c), 6) for c in final.coef],
                "intercept": round(final.intercept, 6),
                "measured": summary,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"weights written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
