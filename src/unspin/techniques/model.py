"""The shipped technique model: ONNX encoder + token heads, numpy span classifier, tuned config.

Loaded lazily, once per process (``load()`` caches), from ``unspin/data/techniques/``. Needs only
onnxruntime, tokenizers and numpy. A missing or unreadable file raises :class:`ModelError` naming it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from unspin.errors import ModelError
from unspin.techniques import decode, infer, windows
from unspin.techniques.definitions import NAMES

CONFIG_FILE = "config.json"


@dataclass(frozen=True)
class Detection:
    """A technique found in a text: offsets, technique name, calibrated confidence, the cue's token."""

    start: int
    end: int
    technique: str
    score: float
    cue_start: int
    cue_end: int


def default_dir() -> Path:
    return Path(str(resources.files("unspin") / "data" / "techniques"))


class TechniqueModel:
    """Finds technique spans in a text (``find``) or labels given spans (``classify``)."""

    def __init__(self, folder: str | Path, encoder: infer.Encoder | None = None) -> None:
        """``encoder`` replaces the ONNX graph (e.g. the torch checkpoint in benchmarks)."""
        folder = Path(folder)
        self.config = _read_json(folder / CONFIG_FILE)
        try:
            self.max_length = int(self.config["max_length"])
            self.stride = int(self.config["stride"])
            self.thresholds = self.config["thresholds"]
            self.calibration = self.config["calibration"]
            names = tuple(self.config["labels"])
            files = {key: folder / self.config["files"][key] for key in ("model", "tokenizer", "span_head")}
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"{folder / CONFIG_FILE}: missing or bad field ({exc})") from exc
        if names != NAMES:
            raise ModelError(f"{folder / CONFIG_FILE}: labels differ from the 14 PTC techniques")
        self.tokenizer = guarded(files["tokenizer"], lambda p: windows.load_tokenizer(str(p)))
        self.head = guarded(files["span_head"], _read_span_head)
        self.encoder = encoder or _onnx_encoder(guarded(files["model"], onnx_session))

    def encode(self, text: str) -> infer.TokenOutputs:
        return infer.encode_article(text, self.tokenizer, self.encoder, max_length=self.max_length, stride=self.stride)

    def find(self, text: str, outputs: infer.TokenOutputs | None = None) -> list[Detection]:
        """Technique spans in ``text``; a fragment gets a second technique when that one is likely too."""
        outputs = outputs or self.encode(text)
        found, probs = self.candidates(outputs)
        return self.label(outputs, found, probs)

    def candidates(self, outputs: infer.TokenOutputs) -> tuple[list[decode.Fragment], np.ndarray]:
        """Fragments above the presence threshold and their technique probabilities ``[n, 14]``."""
        if not len(outputs.tokens.ids):
            return [], np.zeros((0, len(NAMES)), np.float32)
        found = decode.fragments(outputs.text, outputs.tokens.offsets, self.presence(outputs),
                                 self.thresholds["presence"], outputs.probs[:, infer.BEGIN], self.thresholds["begin"],
                                 content_words_only=self.thresholds.get("content_words_only", False))
        return found, infer.classify(outputs, self.head, [(f.start, f.end) for f in found])

    def label(self, outputs: infer.TokenOutputs, found: list[decode.Fragment], probs: np.ndarray) -> list[Detection]:
        """One detection per fragment for its best technique, plus one for the runner-up if likely enough.

        Raw score = mean P(inside) × P(technique); below ``min_score`` nothing is reported.
        """
        detections = []
        for fragment, p in zip(found, probs):
            for rank, k in enumerate(np.argsort(-p)[:2]):
                raw = fragment.presence * float(p[k])
                if rank == 1 and p[k] < self.thresholds["second_label"] or raw < self.thresholds.get("min_score", 0.0):
                    break
                cue = _cue(outputs, fragment, int(k))
                detections.append(Detection(fragment.start, fragment.end, NAMES[k], self.calibrated(raw), *cue))
        return detections

    def classify(self, text: str, spans: list[tuple[int, int]]) -> list[str]:
        """The most likely technique of each given ``(start, end)`` span, in order."""
        probs = infer.classify(self.encode(text), self.head, spans)
        return [NAMES[int(k)] for k in probs.argmax(axis=1)]

    def presence(self, outputs: infer.TokenOutputs) -> np.ndarray:
        return infer.presence(outputs.probs, self.thresholds.get("presence_mix", 0.0))

    def sentence_score(self, outputs: infer.TokenOutputs, start: int, end: int) -> float:
        """Calibrated probability that ``[start, end)`` (a sentence) holds a technique fragment."""
        if not len(outputs.tokens.ids):
            return 0.0
        return self.calibrated(infer.sentence_raw(outputs, start, end, self.thresholds.get("presence_mix", 0.0)), "sentence")

    def calibrated(self, raw: float, kind: str = "span") -> float:
        """Platt scaling fitted on the dev split: raw model score -> probability of being right."""
        a, b = self.calibration[kind]
        raw = min(max(raw, 1e-6), 1 - 1e-6)
        return float(1.0 / (1.0 + np.exp(-(a * np.log(raw / (1 - raw)) + b))))


def _cue(outputs: infer.TokenOutputs, fragment: decode.Fragment, k: int, width: int = 1) -> tuple[int, int]:
    """Characters of the strongest token for technique ``k`` in the fragment, widened to its words."""
    column = outputs.probs[fragment.first : fragment.last + 1, k]
    best = fragment.first + int(column.argmax())
    first, last = max(fragment.first, best - width), min(fragment.last, best + width)
    start, end = decode.snap_to_words(outputs.text, int(outputs.tokens.offsets[first, 0]),
                                      int(outputs.tokens.offsets[last, 1]))
    return max(start, fragment.start), min(end, fragment.end)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: cannot read model config ({exc.__class__.__name__})") from exc


def _read_span_head(path: Path) -> infer.SpanHead:
    with np.load(path) as weights:
        return infer.SpanHead(*(weights[key].astype(np.float32) for key in ("w1", "b1", "w2", "b2")))


def onnx_session(path: Path):
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _onnx_encoder(session) -> infer.Encoder:
    def run(ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        logits, hidden = session.run(None, {"input_ids": ids, "attention_mask": mask})
        return logits, hidden

    return run


def guarded(path: Path, loader):
    """Run ``loader(path)``, turning any failure into a ModelError that names the file."""
    if not path.is_file():
        raise ModelError(f"{path}: model file missing (reinstall unspin or rebuild the model)")
    try:
        return loader(path)
    except Exception as exc:  # onnxruntime/tokenizers raise their own types for corrupt files
        raise ModelError(f"{path}: cannot load model file ({exc.__class__.__name__}: {str(exc)[:200]})") from exc


@lru_cache(maxsize=4)
def load(folder: str | None = None) -> TechniqueModel:
    """The model in ``folder`` (default: the shipped one), loaded once per process."""
    return TechniqueModel(folder or default_dir())
