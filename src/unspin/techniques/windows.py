"""Cut an article into overlapping encoder windows and put per-window outputs back together.

Training and inference share this module so that both see exactly the same windows; offsets
come from the tokenizer's offset mapping, so they are ``str`` indices even on non-ASCII text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from tokenizers import Tokenizer


@dataclass(frozen=True)
class Tokens:
    """An article's word pieces: ids and ``(start, end)`` character offsets, no special tokens."""

    ids: np.ndarray
    offsets: np.ndarray


@dataclass(frozen=True)
class Windows:
    """Encoder input: ``ids``/``mask`` are ``[n_windows, max_length]``; ``starts`` maps row -> first token."""

    ids: np.ndarray
    mask: np.ndarray
    starts: np.ndarray
    lengths: np.ndarray


def load_tokenizer(path: str) -> Tokenizer:
    tokenizer = Tokenizer.from_file(path)
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def special_ids(tokenizer: Tokenizer) -> tuple[int, int]:
    """Ids of the tokens the encoder expects around a window, as its own post-processor adds them.

    ``[CLS]``/``[SEP]`` for BERT-style encoders (MiniLM), ``<s>``/``</s>`` for MPNet: looking them up
    by name would silently pick MPNet's leftover BERT ``[CLS]`` entry (id 105, not its ``<s>``).
    """
    encoding = tokenizer.encode("", add_special_tokens=True)
    ids = [i for i, real in zip(encoding.ids, encoding.attention_mask) if real]
    if len(ids) < 2:
        raise ValueError("tokenizer adds no start/end tokens around a sequence")
    return ids[0], ids[-1]


def tokenize(tokenizer: Tokenizer, text: str) -> Tokens:
    encoding = tokenizer.encode(text, add_special_tokens=False)
    offsets = np.asarray(encoding.offsets, dtype=np.int64).reshape(-1, 2)
    return Tokens(np.asarray(encoding.ids, dtype=np.int64), offsets)


def window_starts(n_tokens: int, size: int, stride: int) -> list[int]:
    """First token of each window: every ``stride`` tokens, the last one flush with the end."""
    if n_tokens <= size:
        return [0]
    starts = list(range(0, n_tokens - size, stride))
    starts.append(n_tokens - size)
    return starts


def make_windows(tokens: Tokens, *, max_length: int, stride: int, cls_id: int, sep_id: int) -> Windows:
    """``[CLS] piece... [SEP]`` rows padded with 0; each row holds ``max_length - 2`` pieces at most."""
    size = max_length - 2
    starts = window_starts(len(tokens.ids), size, stride)
    ids = np.zeros((len(starts), max_length), dtype=np.int64)
    mask = np.zeros_like(ids)
    lengths = np.zeros(len(starts), dtype=np.int64)
    for row, start in enumerate(starts):
        piece = tokens.ids[start : start + size]
        ids[row, 0] = cls_id
        ids[row, 1 : 1 + len(piece)] = piece
        ids[row, 1 + len(piece)] = sep_id
        mask[row, : len(piece) + 2] = 1
        lengths[row] = len(piece)
    return Windows(ids, mask, np.asarray(starts, dtype=np.int64), lengths)


def centrality(length: int) -> np.ndarray:
    """Weight of each position in a window: highest in the middle, where the context is widest."""
    position = np.arange(length)
    return np.minimum(position + 1, length - position).astype(np.float32)


def stitch(windows: Windows, per_window: np.ndarray, n_tokens: int) -> np.ndarray:
    """Average per-window token outputs ``[n_windows, max_length, d]`` into ``[n_tokens, d]``.

    Positions near a window's middle weigh more than those near its edges.
    """
    out = np.zeros((n_tokens, per_window.shape[-1]), dtype=np.float32)
    weight = np.zeros((n_tokens, 1), dtype=np.float32)
    for row, (start, length) in enumerate(zip(windows.starts, windows.lengths)):
        w = centrality(int(length))[:, None]
        out[start : start + length] += per_window[row, 1 : 1 + length] * w
        weight[start : start + length] += w
    return out / np.maximum(weight, 1e-9)


def most_central(windows: Windows, per_window: np.ndarray, n_tokens: int) -> np.ndarray:
    """For each token, the output of the window where it sits most centrally (no averaging)."""
    out = np.zeros((n_tokens, per_window.shape[-1]), dtype=np.float32)
    best = np.full(n_tokens, -1.0, dtype=np.float32)
    for row, (start, length) in enumerate(zip(windows.starts, windows.lengths)):
        w = centrality(int(length))
        target = slice(start, start + length)
        better = w > best[target]
        out[target][better] = per_window[row, 1 : 1 + length][better]
        best[target] = np.maximum(best[target], w)
    return out


def transfer(values: np.ndarray, source: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Per-token ``values`` of one tokenization, carried to another by character overlap.

    ``source``/``target`` are ``[n, 2]`` character offsets. Each target token gets the mean of the
    source tokens its characters overlap, or the nearest source token's where none does, so a
    teacher with other word pieces (MPNet's) can teach a student (MiniLM's).
    """
    out = np.zeros((len(target), values.shape[1]), dtype=np.float32)
    if len(source) == 0 or len(target) == 0:
        return out
    running = np.concatenate([np.zeros((1, values.shape[1])), np.cumsum(values, axis=0, dtype=np.float64)])
    first = np.searchsorted(source[:, 1], target[:, 0], side="right")  # first source ending after the start
    after = np.searchsorted(source[:, 0], target[:, 1], side="left")   # first source starting at or after the end
    overlaps = after > first
    count = np.maximum(after - first, 1)[:, None]
    out[overlaps] = ((running[after] - running[first]) / count)[overlaps]
    nearest = np.minimum(first, len(source) - 1)
    out[~overlaps] = values[nearest[~overlaps]]
    return out
