import json

import numpy as np
import pytest

from unspin.document import Document
from unspin.errors import ModelError
from unspin.techniques import detect, model as model_mod
from unspin.techniques.definitions import NAMES, TECHNIQUES


def _config(folder, **files):
    names = {"model": "model.onnx", "tokenizer": "tokenizer.json", "span_head": "span_head.npz", **files}
    (folder / "config.json").write_text(json.dumps({
        "labels": list(NAMES), "max_length": 256, "stride": 128,
        "thresholds": {"presence": 0.5, "begin": 0.5, "second_label": 1.0},
        "calibration": {"span": [1, 0], "sentence": [1, 0]}, "files": names,
    }))


def test_missing_config_names_the_file(tmp_path):
    with pytest.raises(ModelError, match="config.json"):
        model_mod.TechniqueModel(tmp_path)


def test_missing_model_file_names_the_file(tmp_path):
    _config(tmp_path)
    with pytest.raises(ModelError, match="tokenizer.json.*missing"):
        model_mod.TechniqueModel(tmp_path)


def test_corrupt_model_file_names_the_file(tmp_path, shipped_or_training_tokenizer):
    _config(tmp_path)
    shipped_or_training_tokenizer.save(str(tmp_path / "tokenizer.json"))
    np.savez(tmp_path / "span_head.npz", w1=np.zeros((2, 2)), b1=np.zeros(2), w2=np.zeros((14, 2)), b2=np.zeros(14))
    (tmp_path / "model.onnx").write_bytes(b"not an onnx graph")
    with pytest.raises(ModelError, match="model.onnx"):
        model_mod.TechniqueModel(tmp_path)


def test_config_with_other_labels_is_refused(tmp_path):
    _config(tmp_path)
    config = json.loads((tmp_path / "config.json").read_text())
    config["labels"] = ["A", "B"]
    (tmp_path / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError, match="labels"):
        model_mod.TechniqueModel(tmp_path)


def test_shipped_model_is_loaded_once(shipped_model):
    assert model_mod.load() is shipped_model


def test_shipped_model_finds_obvious_loaded_language(shipped_model):
    text = ("Senator Hall unveiled the bill on Tuesday.\n\n"
            "The disgusting, evil traitors in Congress slammed it as a vile, monstrous betrayal of every decent American.")
    found = shipped_model.find(text)
    loaded = [d for d in found if d.technique in ("Loaded_Language", "Name_Calling,Labeling")]
    assert loaded, found
    assert any(text.index("disgusting") < d.end and d.start < text.index("betrayal") + 8 for d in loaded)
    assert all(0 <= d.score <= 1 and 0 <= d.start < d.end <= len(text) for d in found)


def test_detect_fills_layers_with_valid_offsets_on_non_ascii_text(shipped_model):
    text = ("Zürich’s “naïve” élite 🙂 lies again\n\n"
            + "The corrupt, lying café mafia destroyed our beautiful nation — a shameful disgrace. " * 60)
    doc = Document(text)
    detect(doc)
    spans = doc.spans("techniques")
    assert spans
    for span in spans:
        assert doc.text[span.start : span.end].strip() == doc.text[span.start : span.end]
        assert span.label in NAMES and 0 <= span.score <= 1
        assert span.explanation.startswith(TECHNIQUES[span.label].title + ": \"")
    sentences = doc.spans("sentences")
    assert len(sentences) > 50 and all(s.label == "sentence" for s in sentences)
    summary = doc.summaries["techniques"]
    assert summary["spans"] == len(spans) and summary["sentences"] == len(sentences)
    assert 0 <= summary["article_score"] <= 1


def test_inference_never_imports_torch(shipped_model):
    import subprocess
    import sys

    code = ("import sys; from unspin.techniques import model; "
            "model.load().find('They slammed the disgusting plan.'); "
            "assert 'torch' not in sys.modules and 'transformers' not in sys.modules")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
