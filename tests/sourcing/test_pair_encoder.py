"""The pair encoder's batching, pairs files and loss pieces (nothing here trains a model)."""

import ast
import math
from pathlib import Path

import numpy as np
import pytest

from unspin.sourcing import pair_encoder
from unspin.sourcing.pair_encoder import _batches, batched_logits, flat, logits_by_quote, padded, units

ARTICLES = [
    {"name": "a", "split": "pool", "fold": 0, "quotes": [
        {"labels": [0, 1, 0], "rows": [[1, 5, 2], [1, 6, 7, 2], [1, 2]]},
        {"labels": None, "rows": [[1, 9, 2], [1, 2]]},  # unclear: never trained on
    ]},
    {"name": "b", "split": "dev", "fold": 1, "quotes": [{"labels": [1, 0], "rows": [[1, 3, 2], [1, 4, 4, 4, 2]]}]},
]


def test_runs_as_a_plain_script_without_the_package():
    """The GPU machine has torch and transformers but not unspin's dependencies."""
    tree = ast.parse(Path(pair_encoder.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert not {name for name in imported if name.split(".")[0] == "unspin"}


def test_padded_rows_and_batched_logits_keep_the_order():
    ids, mask = padded([[1, 2, 3], [4]])
    assert ids.tolist() == [[1, 2, 3], [4, 0, 0]] and mask.tolist() == [[1, 1, 1], [1, 0, 0]]
    rows = [[7] * n for n in (5, 1, 3, 2, 4)]
    seen = []

    def encoder(ids, mask):
        seen.append(ids.shape)
        return mask.sum(axis=1).astype(np.float32)  # a "logit" equal to the row's length

    assert batched_logits(rows, encoder, batch=2).tolist() == [5, 1, 3, 2, 4]
    assert seen == [(2, 2), (2, 4), (1, 5)]  # similar lengths together: little padding


def test_pairs_file_round_trip_and_flat_views(tmp_path):
    path = tmp_path / "pairs.json.gz"
    pair_encoder.write_pairs(path, ARTICLES, {"folds": 5})
    articles = pair_encoder.read_pairs(path)
    assert articles == ARTICLES
    rows, targets, keys = flat(articles)
    assert targets == [0, 1, 0, 1, 0] and keys[0] == ("a", 0, 0) and keys[-1] == ("b", 0, 1)
    rows, targets, keys = flat(articles, scored_only=False)
    assert len(rows) == 7 and ("a", 1, 1) in keys  # the unclear quote gets logits too
    assert logits_by_quote(keys, range(7)) == {"a": {0: [0, 1, 2], 1: [3, 4]}, "b": {0: [5, 6]}}


def test_units_and_batches():
    keys = flat(ARTICLES)[2]
    assert units(keys, listwise=False) == [[0], [1], [2], [3], [4]]
    quotes = units(keys, listwise=True)
    assert quotes == [[0, 1, 2], [3, 4]]  # one quote's candidates stay together
    assert list(_batches(quotes, 3)) == [[[0, 1, 2]], [[3, 4]]]
    assert list(_batches(quotes, 4)) == [[[0, 1, 2], [3, 4]]]


def test_listwise_loss_is_the_annotated_candidates_cross_entropy():
    torch = pytest.importorskip("torch")
    logits = torch.tensor([2.0, 0.0, -1.0, 0.5, 0.5])
    target = torch.tensor([0.0, 1.0, 0.0, 0.0, 0.0])  # second quote: no annotated candidate, left out
    expected = math.log(math.exp(2.0) + math.exp(0.0) + math.exp(-1.0)) - 0.0
    assert pair_encoder._listwise_loss(logits, target, [3, 2]).item() == pytest.approx(expected, rel=1e-6)
    assert pair_encoder._listwise_loss(logits[3:], target[3:], [2]).item() == 0.0

