"""The technique model's files missing or corrupted: a ModelError that names the file, never a library's error.

Built on a small model folder of our own (a temp copy, so the shipped files are never touched):
a real tokenizer, span head and ONNX-shaped file, each then removed or overwritten with junk.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from unspin.errors import ModelError

model = pytest.importorskip("unspin.techniques.model", reason="the technique model loader is not in this tree")


def _tokenizer(path: Path) -> None:
    from tokenizers import Tokenizer
    from tokenizers.models import WordLevel
    from tokenizers.pre_tokenizers import Whitespace

    tokenizer = Tokenizer(WordLevel({"[UNK]": 0, "the": 1}, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = Whitespace()
    tokenizer.save(str(path))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A model folder whose config and files are well formed, except the ONNX graph, which is junk."""
    from unspin.techniques.definitions import NAMES

    target = tmp_path / "techniques"
    shipped = model.default_dir()
    if (shipped / model.CONFIG_FILE).is_file():  # the real model: work on a copy of it
        shutil.copytree(shipped, target)
        return target
    target.mkdir()
    config = {
        "max_length": 16, "stride": 4, "thresholds": {"presence": 0.5, "begin": 0.5, "second_label": 0.5},
        "calibration": {"span": [1.0, 0.0]}, "labels": list(NAMES),
        "files": {"model": "model.onnx", "tokenizer": "tokenizer.json", "span_head": "span_head.npz"},
    }
    (target / model.CONFIG_FILE).write_text(json.dumps(config), encoding="utf-8")
    _tokenizer(target / "tokenizer.json")
    np.savez(target / "span_head.npz", w1=np.zeros((4, 4)), b1=np.zeros(4), w2=np.zeros((4, 14)), b2=np.zeros(14))
    (target / "model.onnx").write_bytes(b"\x08\x07not really a graph")
    return target


def _files(folder: Path) -> dict[str, Path]:
    config = json.loads((folder / model.CONFIG_FILE).read_text(encoding="utf-8"))
    return {key: folder / name for key, name in config["files"].items()}


def _load(folder: Path) -> None:
    model.TechniqueModel(folder)


@pytest.mark.parametrize("key", ["model", "tokenizer", "span_head"])
def test_missing_file_is_named(folder: Path, key: str):
    path = _files(folder)[key]
    path.unlink()
    with pytest.raises(ModelError, match="missing") as caught:
        _load(folder)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("key", ["model", "tokenizer", "span_head"])
@pytest.mark.parametrize("junk", [b"", b"\x00" * 64, b"PK\x03\x04 truncated zip", b"{\"not\": \"it\""])
def test_corrupt_file_is_named(folder: Path, key: str, junk: bytes):
    path = _files(folder)[key]
    path.write_bytes(junk)
    with pytest.raises(ModelError) as caught:
        _load(folder)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("content", [None, "", "{broken json", json.dumps({"labels": ["x"]}), json.dumps([1, 2])])
def test_missing_or_bad_config_is_named(folder: Path, content: str | None):
    config = folder / model.CONFIG_FILE
    if content is None:
        config.unlink()
    else:
        config.write_text(content, encoding="utf-8")
    with pytest.raises(ModelError) as caught:
        _load(folder)
    assert str(config) in str(caught.value)
