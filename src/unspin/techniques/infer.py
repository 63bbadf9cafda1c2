"""Backend-neutral inference: windows -> encoder -> stitched token outputs -> spans -> techniques.

The encoder is any callable ``(ids, mask) -> (token_logits, hidden)`` on numpy arrays, so the
training loop (torch) and the shipped model (onnxruntime) share every step after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import numpy as np
from threadpoolctl import ThreadpoolController
from tokenizers import Tokenizer

from unspin.techniques import decode, features, windows
from unspin.techniques.definitions import NAMES

Encoder = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]

#: Token-head columns: one per technique (in ``NAMES`` order), then "inside any span", then "span begins".
PRESENCE, BEGIN = len(NAMES), len(NAMES) + 1
N_TOKEN_OUTPUTS = len(NAMES) + 2


@dataclass(frozen=True)
class TokenOutputs:
    """One article's tokens with their stitched probabilities ``[n, N_TOKEN_OUTPUTS]`` and hidden states."""

    text: str
    tokens: windows.Tokens
    probs: np.ndarray
    hidden: np.ndarray


@dataclass(frozen=True)
class SpanHead:
    """The span classifier as numpy weights: ``[mean, first, last, features] -> GELU MLP -> 14 logits``."""

    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: np.ndarray

    def logits(self, vectors: np.ndarray) -> np.ndarray:
        """One BLAS thread: these products are tiny, and BLAS threads left spinning after them
        steal the cores from onnxruntime's next encoder call (1.6x slower end to end, measured)."""
        with _blas().limit(limits=1, user_api="blas"):
            h = vectors @ self.w1.T + self.b1
            h = 0.5 * h * (1.0 + np.tanh(0.7978845608 * (h + 0.044715 * h**3)))
            return h @ self.w2.T + self.b2


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def softmax(x: np.ndarray) -> np.ndarray:
    z = np.exp(x - x.max(axis=-1, keepdims=True))
    return z / z.sum(axis=-1, keepdims=True)


def encode_article(text: str, tokenizer: Tokenizer, encoder: Encoder, *, max_length: int, stride: int,
                   batch_size: int = 16) -> TokenOutputs:
    tokens = windows.tokenize(tokenizer, text)
    n = len(tokens.ids)
    if n == 0:
        return TokenOutputs(text, tokens, np.zeros((0, N_TOKEN_OUTPUTS), np.float32), np.zeros((0, 0), np.float32))
    cls_id, sep_id = windows.special_ids(tokenizer)
    cut = windows.make_windows(tokens, max_length=max_length, stride=stride, cls_id=cls_id, sep_id=sep_id)
    logits: list[np.ndarray] = [None] * len(cut.ids)  # type: ignore[list-item]
    hidden: list[np.ndarray] = [None] * len(cut.ids)  # type: ignore[list-item]
    for rows, width in _batches(cut.mask.sum(axis=1), batch_size):
        out_logits, out_hidden = encoder(cut.ids[rows, :width], cut.mask[rows, :width])
        for k, row in enumerate(rows):
            logits[row], hidden[row] = out_logits[k], out_hidden[k]
    probs = windows.stitch(cut, sigmoid(np.stack(logits)), n)
    return TokenOutputs(text, tokens, probs, windows.most_central(cut, np.stack(hidden), n))


def _batches(lengths: np.ndarray, batch_size: int) -> list[tuple[list[int], int]]:
    """Window rows in batches of equal real length, each padded only to that length.

    Usually every window is full but the last, so the last one no longer pays for padding.
    """
    by_length: dict[int, list[int]] = {}
    for row, length in enumerate(lengths.tolist()):
        by_length.setdefault(int(length), []).append(row)
    return [
        (rows[i : i + batch_size], length)
        for length, rows in sorted(by_length.items(), reverse=True)
        for i in range(0, len(rows), batch_size)
    ]


def span_vectors(outputs: TokenOutputs, ranges: list[tuple[int, int, int, int]]) -> np.ndarray:
    """Span-head inputs for ``(first_token, last_token, start_char, end_char)`` ranges."""
    lower = outputs.text.lower()
    rows = []
    for first, last, start, end in ranges:
        piece = outputs.hidden[first : last + 1]
        extra = features.span_features(lower, outputs.text[start:end])
        rows.append(np.concatenate([piece.mean(axis=0), piece[0], piece[-1], extra]))
    return np.stack(rows).astype(np.float32) if rows else np.zeros((0, 0), np.float32)


def classify(outputs: TokenOutputs, head: SpanHead, spans: list[tuple[int, int]]) -> np.ndarray:
    """Technique probabilities ``[len(spans), 14]`` for character spans (uniform where no token falls)."""
    probs = np.full((len(spans), len(NAMES)), 1.0 / len(NAMES), dtype=np.float32)
    ranges, rows = [], []
    for row, (start, end) in enumerate(spans):
        found = decode.token_range(outputs.tokens.offsets, start, end) if len(outputs.tokens.ids) else None
        if found:
            ranges.append((*found, start, end))
            rows.append(row)
    if rows:
        probs[rows] = softmax(head.logits(span_vectors(outputs, ranges)))
    return probs


def presence(probs: np.ndarray, mix: float = 0.0) -> np.ndarray:
    """P(token inside a technique span): the presence column, mixed with the best technique column."""
    return (1 - mix) * probs[:, PRESENCE] + mix * probs[:, : len(NAMES)].max(axis=1)


def sentence_raw(outputs: TokenOutputs, start: int, end: int, mix: float = 0.0) -> float:
    """Highest "inside a technique span" probability among the sentence's tokens (0 if it has none)."""
    offsets = outputs.tokens.offsets
    inside = (offsets[:, 0] < end) & (offsets[:, 1] > start)
    return float(presence(outputs.probs[inside], mix).max()) if inside.any() else 0.0
