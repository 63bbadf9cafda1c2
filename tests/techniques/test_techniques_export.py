"""Export to ONNX (needs the [train] extra; skipped without torch), on a tiny random encoder: no training."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
onnx = pytest.importorskip("onnx")

import onnxruntime as ort  # noqa: E402

from unspin.techniques import export, train  # noqa: E402

SHIPPED_TOKENIZER = Path(export.__file__).parents[1] / "data" / "techniques" / "tokenizer.json"


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[Path, train.TechniqueModel]:
    root = tmp_path_factory.mktemp("export")
    encoder = root / "encoder"
    config = transformers.BertConfig(hidden_size=32, num_attention_heads=4, num_hidden_layers=2,
                                     intermediate_size=64, max_position_embeddings=64)
    torch.manual_seed(0)
    transformers.BertModel(config).save_pretrained(encoder)
    shutil.copyfile(SHIPPED_TOKENIZER, encoder / "tokenizer.json")
    model = train.TechniqueModel(str(encoder), attention="eager").eval()
    run_dir = root / "run"
    run_dir.mkdir()
    torch.save({"model": model.state_dict()}, run_dir / "last.pt")
    (run_dir / "run.json").write_text(json.dumps({"args": {"encoder": str(encoder), "max_length": 32, "eval_stride": 24}}))
    return run_dir, model


def _outputs(path: Path, ids: np.ndarray, mask: np.ndarray) -> list[np.ndarray]:
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run(None, {"input_ids": ids, "attention_mask": mask})


def _inputs() -> tuple[np.ndarray, np.ndarray]:
    ids = np.random.default_rng(0).integers(1000, 20000, size=(2, 20)).astype(np.int64)
    mask = np.ones_like(ids)
    mask[1, 12:] = 0  # a padded window
    return ids, mask


def test_the_fused_graph_gives_the_torch_model_outputs(run, tmp_path):
    run_dir, model = run
    export.export(run_dir, "last.pt", tmp_path, int8=False)
    ops = {node.op_type for node in onnx.load(tmp_path / "model.onnx").graph.node}
    assert "Attention" in ops  # fused, not the unfused MatMul/Softmax chain
    ids, mask = _inputs()
    logits, hidden = _outputs(tmp_path / "model.onnx", ids, mask)
    with torch.no_grad():
        want_logits, want_hidden = model(torch.from_numpy(ids), torch.from_numpy(mask))
    real = mask.astype(bool)
    np.testing.assert_allclose(logits[real], want_logits.numpy()[real], atol=1e-4)
    np.testing.assert_allclose(hidden[real], want_hidden.numpy()[real], atol=1e-4)


def test_int8_export_quantises_the_fused_attention(run, tmp_path):
    run_dir, _ = run
    export.export(run_dir, "last.pt", tmp_path, int8=True)
    ops = {node.op_type for node in onnx.load(tmp_path / "model.onnx").graph.node}
    assert "QAttention" in ops
    assert not (tmp_path / "model.fp32.onnx").exists()
    logits, _ = _outputs(tmp_path / "model.onnx", *_inputs())
    assert np.isfinite(logits).all()
    assert json.loads((tmp_path / "config.json").read_text())["training"]["int8"] is True
