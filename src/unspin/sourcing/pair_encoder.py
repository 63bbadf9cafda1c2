"""The speaker attributor's pair encoder: batching (numpy, used at inference) and training (torch).

This module imports nothing from unspin and torch only inside the training functions, so that it
runs as a plain script on a machine that has torch and transformers but not this package's
dependencies (a GPU machine), on the pairs that ``train_attributor prepare`` wrote::

    python src/unspin/sourcing/pair_encoder.py fit --pairs runs/v2/pairs.json.gz --encoder DIR \\
        --layers 6 --epochs 3 --fold 0 --out runs/v2/l6e3      # out-of-fold logits of fold 0
    python src/unspin/sourcing/pair_encoder.py fit ... --fold all  # the final model (final.pt)
    python src/unspin/sourcing/pair_encoder.py export --out runs/v2/l6e3 --encoder DIR --int8

A pairs file holds, per article, its cross-validation fold and, per quote, the encoder inputs of
each candidate (``rows``) and which one the annotation names (``labels``; null: an unclear quote,
never trained on).
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import math
import random
import sys
import time
from pathlib import Path
from typing import Callable

import numpy as np

log = logging.getLogger("unspin.pair_encoder")

#: Pairs per encoder call at inference.
BATCH = 64
#: Word pieces per pair, specials included (the exported model's example input).
MAX_LENGTH = 128


def padded(rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """``(ids, mask)`` arrays ``[len(rows), longest]``, padded with 0."""
    width = max((len(r) for r in rows), default=0)
    ids = np.zeros((len(rows), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = row
        mask[i, : len(row)] = 1
    return ids, mask


def batched_logits(rows: list[list[int]], run: Callable[[np.ndarray, np.ndarray], np.ndarray],
                   batch: int = BATCH) -> np.ndarray:
    """``run(ids, mask)`` (an encoder: ONNX at inference, torch in training) over every pair, in
    batches of pairs of similar length (less padding); the logits in the order of ``rows``."""
    out = np.zeros(len(rows), dtype=np.float32)
    order = sorted(range(len(rows)), key=lambda k: len(rows[k]))
    for i in range(0, len(order), batch):
        chunk = order[i : i + batch]
        out[chunk] = run(*padded([rows[k] for k in chunk]))
    return out


# --- pairs files -------------------------------------------------------------------------------------


def read_pairs(path: Path) -> list[dict]:
    """The articles of a pairs file: ``{"name", "split", "folder", "fold", "quotes": [{"labels", "rows"}]}``."""
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return json.load(stream)["articles"]


def write_pairs(path: Path, articles: list[dict], meta: dict) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        json.dump({**meta, "articles": articles}, stream)


def flat(articles: list[dict], scored_only: bool = True) -> tuple[list[list[int]], list[int], list[tuple[str, int, int]]]:
    """(rows, targets, (article, quote, candidate) keys) of every pair (``scored_only``: of quotes with labels)."""
    rows, targets, keys = [], [], []
    for article in articles:
        for q, quote in enumerate(article["quotes"]):
            if scored_only and quote["labels"] is None:
                continue
            for c, row in enumerate(quote["rows"]):
                rows.append(row)
                targets.append(quote["labels"][c] if quote["labels"] is not None else 0)
                keys.append((article["name"], q, c))
    return rows, targets, keys


def logits_by_quote(keys, values) -> dict[str, dict[int, list[float]]]:
    found: dict[str, dict[int, list[float]]] = {}
    for (article, q, _), value in zip(keys, values):
        found.setdefault(article, {}).setdefault(q, []).append(float(value))
    return found


# --- the torch model (the [train] extra, or any machine with torch and transformers) -----------------


def build_model(encoder_dir: str, layers: int):
    import torch
    from torch import nn
    from transformers import AutoModel

    class PairScorer(nn.Module):
        """The encoder's first ``layers`` layers and one logit from the ``[CLS]`` state."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(encoder_dir, local_files_only=True, attn_implementation="eager",
                                                     dtype=torch.float32)
            self.encoder.encoder.layer = nn.ModuleList(self.encoder.encoder.layer[:layers])
            self.encoder.config.num_hidden_layers = layers
            self.dropout = nn.Dropout(0.1)
            self.head = nn.Linear(self.encoder.config.hidden_size, 1)

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state[:, 0]
            return self.head(self.dropout(hidden)).squeeze(-1)

    return PairScorer().float()


def device_of() -> str:
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def units(keys: list[tuple[str, int, int]], listwise: bool) -> list[list[int]]:
    """What a batch is made of: single pairs, or (``listwise``) every pair of one quote together."""
    if not listwise:
        return [[i] for i in range(len(keys))]
    quotes: dict[tuple[str, int], list[int]] = {}
    for i, (article, q, _) in enumerate(keys):
        quotes.setdefault((article, q), []).append(i)
    return list(quotes.values())


def train(rows: list[list[int]], targets: list[int], keys: list[tuple[str, int, int]], args: argparse.Namespace):
    """Binary cross-entropy on single pairs ("is this the speaker?"), plus, with ``--listwise W``, W times
    the cross-entropy of the annotated speaker among each quote's candidates (batches of whole quotes);
    AdamW, linear warm-up and decay; on a GPU when there is one (bfloat16 autocast there; on a CPU only
    with ``--bf16``)."""
    import torch

    device = device_of()
    torch.manual_seed(args.seed)
    model = build_model(args.encoder, args.layers).to(device)
    model.train()
    order = units(keys, args.listwise > 0)
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
        for batch_units in _batches(order, args.batch):
            batch = [k for unit in batch_units for k in unit]
            ids, mask = (torch.from_numpy(a).to(device) for a in padded([rows[k] for k in batch]))
            with torch.autocast(device, dtype=torch.bfloat16, enabled=args.bf16 or device == "cuda"):
                logits = model(ids, mask).float()
            target = torch.tensor([float(targets[k]) for k in batch], device=device)
            loss = loss_fn(logits, target)
            if args.listwise > 0:
                loss = loss + args.listwise * _listwise_loss(logits, target, [len(u) for u in batch_units])
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            step += 1
            if step % 200 == 0:
                log.info("epoch %d step %d/%d loss %.4f %.0fs", epoch, step, steps, loss.item(), time.time() - began)
    model.eval()
    return model


def _batches(order: list[list[int]], size: int):
    """Consecutive units until a batch holds at least ``size`` pairs."""
    batch: list[list[int]] = []
    for unit in order:
        batch.append(unit)
        if sum(len(u) for u in batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _listwise_loss(logits, target, sizes: list[int]):
    """Mean over quotes with an annotated candidate of -log softmax(that candidate) among the quote's."""
    import torch

    losses = []
    for chunk, wanted in zip(torch.split(logits, sizes), torch.split(target, sizes)):
        if wanted.sum() > 0:
            losses.append(torch.logsumexp(chunk, 0) - torch.logsumexp(chunk[wanted > 0], 0))
    return torch.stack(losses).mean() if losses else logits.sum() * 0.0


def predict(model, rows: list[list[int]]) -> np.ndarray:
    """Float32 logits (no autocast), the encoder's answers as exported."""
    import torch

    device = next(model.parameters()).device

    def run(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return model(torch.from_numpy(ids).to(device), torch.from_numpy(mask).to(device)).float().cpu().numpy()

    with torch.no_grad():
        return batched_logits(rows, run)


# --- commands ------------------------------------------------------------------------------------------

#: The settings that make a model (recorded with every output).
RECIPE = ("layers", "epochs", "batch", "lr", "seed", "bf16", "listwise")


def run_fit(args: argparse.Namespace) -> None:
    """``--fold K``: train on the other folds, save the logits of fold K's pairs (all quotes, unclear ones
    too) to ``OUT/fold{K}.json``; ``--fold all``: train on everything, save ``OUT/final.pt``."""
    import torch

    articles = read_pairs(args.pairs)
    recipe = {k: getattr(args, k) for k in RECIPE}
    recipe["device"] = (f"{torch.cuda.get_device_name(0)} (bfloat16 autocast)" if device_of() == "cuda"
                        else f"cpu ({'bfloat16 autocast' if args.bf16 else 'float32'})")
    began = time.time()
    if args.fold == "all":
        model = train(*flat(articles), args)
        torch.save({"model": model.state_dict(), "recipe": recipe}, args.out / "final.pt")
        log.info("final model (%d articles) in %.0fs", len(articles), time.time() - began)
        return
    fold = int(args.fold)
    test = [a for a in articles if a["fold"] == fold]
    model = train(*flat([a for a in articles if a["fold"] != fold]), args)
    rows, _, keys = flat(test, scored_only=False)
    logits = logits_by_quote(keys, predict(model, rows))
    (args.out / f"fold{fold}.json").write_text(json.dumps({"recipe": recipe, "articles": [a["name"] for a in test],
                                                           "logits": logits}))
    log.info("fold %d (%d articles) in %.0fs", fold, len(test), time.time() - began)


def run_export(args: argparse.Namespace) -> None:
    """``OUT/final.pt`` as ONNX ``OUT/model.onnx`` (``--int8``: dynamically quantised weights)."""
    import torch

    saved = torch.load(args.out / "final.pt", weights_only=False, map_location="cpu")
    model = build_model(args.encoder, saved["recipe"]["layers"])
    model.load_state_dict(saved["model"])
    model.eval()
    fp32 = args.out / ("model.fp32.onnx" if args.int8 else "model.onnx")
    ids = torch.ones((2, MAX_LENGTH), dtype=torch.long)
    torch.onnx.export(
        model, (ids, torch.ones_like(ids)), str(fp32), dynamo=False, opset_version=17,
        input_names=["input_ids", "attention_mask"], output_names=["logit"],
        dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                      "logit": {0: "batch"}},
    )
    if args.int8:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(fp32), str(args.out / "model.onnx"), weight_type=QuantType.QInt8)
        fp32.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("fit", "export"))
    parser.add_argument("--pairs", type=Path, help="pairs file written by train_attributor prepare")
    parser.add_argument("--encoder", required=True, help="pretrained encoder folder (all-MiniLM-L6-v2)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--fold", default="all", help="a fold number, or 'all' for the final model")
    parser.add_argument("--layers", type=int, default=3, help="keep the encoder's first N layers")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--listwise", type=float, default=0.0,
                        help="weight of the per-quote cross-entropy beside the pairwise loss (0: pairs alone)")
    parser.add_argument("--threads", type=int, default=2, help="CPU threads (no GPU)")
    parser.add_argument("--bf16", action="store_true", help="bfloat16 autocast on a CPU (always on a GPU)")
    parser.add_argument("--int8", action="store_true", help="export: dynamic int8 quantisation (onnxruntime)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s",
                        handlers=[logging.StreamHandler(), logging.FileHandler(args.out / "train.log")])
    import torch

    torch.set_num_threads(args.threads)
    {"fit": run_fit, "export": run_export}[args.command](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
