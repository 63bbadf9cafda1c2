"""Tune decoding thresholds and calibrate confidences on the dev split, then score it.

    python -m unspin.techniques.tune --model DIR --run runs/NAME [--ptc ../shared/ptc]

Runs the exported (ONNX) model over the run's dev articles only, picks the presence/begin
thresholds that maximise SI F1, then the minimum span score and second-label threshold that
maximise SI F1 + FLC F1 (one output file serves both tasks), fits Platt
scaling for span and sentence confidences (ECE reported with 2-fold cross-fitting, so the
calibration is never scored on the articles it was fitted on), and writes the chosen values to
``DIR/config.json`` and every score to ``DIR/dev_scores.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from unspin.ptc import io as ptc_io
from unspin.ptc import scoring
from unspin.techniques import corpus, decode, infer, sentences
from unspin.techniques.definitions import NAMES
from unspin.techniques.model import TechniqueModel

PRESENCE_GRID = [round(x, 2) for x in np.arange(0.2, 0.81, 0.05)]
MIX_GRID = [0.0, 0.5, 1.0]
BEGIN_GRID = [0.3, 0.5, 0.7, 0.9, 1.01]
MIN_SCORE_GRID = [0.0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]
SECOND_GRID = [0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 1.01]


def fit_platt(raw: np.ndarray, target: np.ndarray, steps: int = 100) -> tuple[float, float]:
    """``(a, b)`` minimising log loss of ``sigmoid(a * logit(raw) + b)`` (Newton steps, tiny ridge)."""
    x = np.log(np.clip(raw, 1e-6, 1 - 1e-6) / (1 - np.clip(raw, 1e-6, 1 - 1e-6)))
    X = np.stack([x, np.ones_like(x)], axis=1)
    w = np.array([1.0, 0.0])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-X @ w))
        gradient = X.T @ (p - target) + 1e-3 * w
        hessian = (X * (p * (1 - p))[:, None]).T @ X + 1e-3 * np.eye(2)
        w -= np.linalg.solve(hessian, gradient)
    return float(w[0]), float(w[1])


def apply_platt(raw: np.ndarray, ab: tuple[float, float]) -> np.ndarray:
    x = np.log(np.clip(raw, 1e-6, 1 - 1e-6) / (1 - np.clip(raw, 1e-6, 1 - 1e-6)))
    return 1 / (1 + np.exp(-(ab[0] * x + ab[1])))


def ece(confidence: np.ndarray, target: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error over equal-width confidence bins."""
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        inside = which == b
        if inside.any():
            total += inside.sum() * abs(confidence[inside].mean() - target[inside].mean())
    return float(total / max(len(target), 1))


def cross_fitted_ece(raw: np.ndarray, target: np.ndarray, group: np.ndarray) -> float:
    """ECE of Platt scaling fitted on one half of the articles and applied to the other, both ways."""
    halves = group % 2 == 0
    calibrated = np.empty_like(raw)
    for held in (halves, ~halves):
        calibrated[held] = apply_platt(raw[held], fit_platt(raw[~held], target[~held]))
    return ece(calibrated, target)


def _score_dict(result: scoring.Result) -> dict:
    row = lambda s: {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                     "n_pred": s.n_pred, "n_gold": s.n_gold}
    return {"overall": row(result.overall), "per_technique": {k: row(v) for k, v in result.per_technique.items()}}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _as_labels(found: list[tuple[str, object]]) -> list[ptc_io.Label]:
    return [ptc_io.Label(i, d.technique, d.start, d.end) for i, d in found]


def _choose_decoding(model: TechniqueModel, dev: list, encoded: list) -> dict:
    """Thresholds for ``dev`` (sets ``model.thresholds``) and the grids they were chosen from.

    Presence/begin/mix maximise SI F1; then the minimum span score and second-label threshold
    maximise SI F1 + FLC F1 (one output file serves both tasks).
    """
    gold = [label for article in dev for label in article.labels]
    si = {}
    for mix in MIX_GRID:
        mixed = [infer.presence(out.probs, mix) for out in encoded]
        for presence in PRESENCE_GRID:
            for begin in BEGIN_GRID:
                for content in (False, True):
                    pred = [ptc_io.Label(article.id, "?", f.start, f.end) for article, out, p in zip(dev, encoded, mixed)
                            for f in decode.fragments(article.text, out.tokens.offsets, p, presence,
                                                      out.probs[:, infer.BEGIN], begin, content_words_only=content)]
                    si[(mix, presence, begin, content)] = scoring.score_si(gold, pred).overall.f1
    # Fragments of function words only ("It is") mean nothing to a reader: always dropped, and the
    # SI F1 that costs on dev is recorded in the grid (``.../False`` vs ``.../True``).
    mix, presence, begin, content = max((key for key in si if key[3]), key=si.get)
    model.thresholds = {"presence_mix": mix, "presence": presence, "begin": begin, "content_words_only": content,
                        "second_label": 1.01, "min_score": 0.0}
    candidates = [model.candidates(out) for out in encoded]
    both = {}
    for min_score in MIN_SCORE_GRID:
        for second in SECOND_GRID:
            model.thresholds.update(min_score=min_score, second_label=second)
            labels = _as_labels(_predict(model, dev, encoded, candidates))
            both[(min_score, second)] = (scoring.score_si(gold, labels).overall.f1, scoring.score_flc(gold, labels).overall.f1)
    min_score, second = max(both, key=lambda key: sum(both[key]))
    model.thresholds.update(min_score=min_score, second_label=second)
    return {"si": si, "both": both, "candidates": candidates}


def _predict(model: TechniqueModel, dev: list, encoded: list, candidates: list) -> list[tuple[str, object]]:
    return [(article.id, d) for article, out, (found, probs) in zip(dev, encoded, candidates)
            for d in model.label(out, found, probs)]


def cross_fitted(model: TechniqueModel, dev: list, encoded: list) -> dict:
    """SI/FLC on each half of dev with thresholds tuned on the other half, pooled.

    The headline dev scores choose thresholds on the very articles they score; this estimate never
    does, so the gap between the two shows how much of the dev score is tuning.
    """
    saved = dict(model.thresholds)
    pooled = []
    for parity in (0, 1):
        tune_on = [n for n in range(len(dev)) if n % 2 != parity]
        score_on = [n for n in range(len(dev)) if n % 2 == parity]
        _choose_decoding(model, [dev[n] for n in tune_on], [encoded[n] for n in tune_on])
        held, held_out = [dev[n] for n in score_on], [encoded[n] for n in score_on]
        pooled += _as_labels(_predict(model, held, held_out, [model.candidates(out) for out in held_out]))
    model.thresholds = saved
    gold = [label for article in dev for label in article.labels]
    return {"si": _score_dict(scoring.score_si(gold, pooled)), "flc": _score_dict(scoring.score_flc(gold, pooled))}


def tune(model_dir: Path, run: Path, ptc: str, stride: int | None = None) -> dict:
    split = json.loads((run / "run.json").read_text())
    dev_ids = set(split["dev_ids"])
    dev = [a for a in corpus.load(ptc) if a.id in dev_ids]
    gold = [label for article in dev for label in article.labels]
    model = TechniqueModel(model_dir)
    model.stride = stride or model.stride
    started = time.time()
    encoded = [model.encode(article.text) for article in dev]
    seconds = time.time() - started

    model.calibration = {"span": [1.0, 0.0], "sentence": [1.0, 0.0]}
    held_out_estimate = cross_fitted(model, dev, encoded)
    grids = _choose_decoding(model, dev, encoded)
    found = _predict(model, dev, encoded, grids["candidates"])
    mix = model.thresholds["presence_mix"]

    # span confidence: raw = presence * technique probability; right = overlaps gold of that technique
    gold_at = {}
    for label in gold:
        gold_at.setdefault((label.article_id, label.technique), []).append((label.start, label.end))
    raw = np.array([d.score for _, d in found])
    right = np.array([any(_overlaps((d.start, d.end), g) for g in gold_at.get((i, d.technique), []))
                      for i, d in found], dtype=float)
    article_index = {article.id: n for n, article in enumerate(dev)}
    span_group = np.array([article_index[i] for i, _ in found])
    span_ab = fit_platt(raw, right)

    # sentence confidence: raw = highest token presence probability; right = holds a gold span
    s_raw, s_right, s_group = [], [], []
    for n, (article, out) in enumerate(zip(dev, encoded)):
        spans = [(label.start, label.end) for label in article.labels]
        for start, end in sentences.split(article.text):
            s_raw.append(infer.sentence_raw(out, start, end, mix))
            s_right.append(float(any(_overlaps((start, end), g) for g in spans)))
            s_group.append(n)
    s_raw, s_right, s_group = np.array(s_raw), np.array(s_right), np.array(s_group)
    sentence_ab = fit_platt(s_raw, s_right)

    tc_pred = []
    for article, out in zip(dev, encoded):
        probs = infer.classify(out, model.head, [(label.start, label.end) for label in article.labels])
        tc_pred += [ptc_io.Label(article.id, NAMES[int(p.argmax())], label.start, label.end)
                    for p, label in zip(probs, article.labels)]

    final = _as_labels(found)
    scores = {
        "train_articles": len(split["train_ids"]),
        "dev_articles": len(dev),
        "dev_gold_spans": len(gold),
        "thresholds": dict(model.thresholds),
        "grid_si_f1": {f"{m}/{p}/{b}/{c}": round(f, 4) for (m, p, b, c), f in grids["si"].items()},
        "grid_si_flc_f1": {f"{m}/{s}": [round(v, 4) for v in pair] for (m, s), pair in grids["both"].items()},
        "si": _score_dict(scoring.score_si(gold, final)),
        "flc": _score_dict(scoring.score_flc(gold, final)),
        "tc": _score_dict(scoring.score_tc(gold, tc_pred)),
        "cross_fitted": held_out_estimate,
        "interval_95": {task: scoring.bootstrap_f1(scoring.SCORERS[task], gold, labels)
                        for task, labels in (("si", final), ("flc", final), ("tc", tc_pred))},
        "calibration": {
            "span": {"platt": span_ab, "ece_raw": ece(raw, right), "ece_cross_fitted": cross_fitted_ece(raw, right, span_group),
                     "n": int(len(raw)), "share_right": float(right.mean()) if len(right) else 0.0},
            "sentence": {"platt": sentence_ab, "ece_raw": ece(s_raw, s_right),
                         "ece_cross_fitted": cross_fitted_ece(s_raw, s_right, s_group), "n": int(len(s_raw)),
                         "share_with_propaganda": float(s_right.mean())},
        },
        "stride": model.stride,
        "encode_seconds": round(seconds, 2),
    }
    config = json.loads((model_dir / "config.json").read_text())
    config["stride"] = model.stride
    config["thresholds"] = scores["thresholds"]
    config["calibration"] = {"span": list(span_ab), "sentence": list(sentence_ab)}
    (model_dir / "config.json").write_text(json.dumps(config, indent=1))
    (model_dir / "dev_scores.json").write_text(json.dumps(scores, indent=1))
    return scores


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, help="exported model folder (config.json, model.onnx, ...)")
    parser.add_argument("--run", required=True, help="training run folder (run.json lists the dev articles)")
    parser.add_argument("--ptc", default="../shared/ptc")
    parser.add_argument("--stride", type=int, default=None, help="window stride at inference (default: config's)")
    args = parser.parse_args(argv)
    scores = tune(Path(args.model), Path(args.run), args.ptc, args.stride)
    print(json.dumps({k: scores[k] for k in ("thresholds", "stride", "encode_seconds")}))
    for task in ("si", "flc", "tc"):
        print(task, scores[task]["overall"])
    for task in ("si", "flc"):
        print(task, "thresholds tuned on the other half of dev:", scores["cross_fitted"][task]["overall"])
    print("calibration", json.dumps(scores["calibration"]))


if __name__ == "__main__":
    main()
