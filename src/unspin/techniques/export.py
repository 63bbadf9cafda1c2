"""Export a trained checkpoint to the files inference needs (needs the ``[train]`` extra).

    python -m unspin.techniques.export --run runs/NAME [--checkpoint last.pt] --out DIR [--int8]

Writes ``model.onnx`` (encoder + token head; outputs token logits and hidden states),
``span_head.npz`` (the span classifier as numpy weights), ``tokenizer.json`` and a
``config.json`` with untuned thresholds (``python -m unspin.techniques.tune`` sets them on dev).
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import numpy as np
import torch

from unspin.techniques import train
from unspin.techniques.definitions import NAMES


class _Exported(torch.nn.Module):
    def __init__(self, model: train.TechniqueModel) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor):
        return self.model(input_ids, attention_mask)


def export(run: Path, checkpoint: str, out: Path, int8: bool) -> None:
    args = json.loads((run / "run.json").read_text())["args"]
    model = train.load_checkpoint(run / checkpoint, args["encoder"], attention="eager")
    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    ids = torch.ones((2, args["max_length"]), dtype=torch.long)
    fp32 = out / ("model.fp32.onnx" if int8 else "model.onnx")
    torch.onnx.export(
        _Exported(model), (ids, torch.ones_like(ids)), str(fp32), dynamo=False, opset_version=17,
        input_names=["input_ids", "attention_mask"], output_names=["token_logits", "hidden"],
        dynamic_axes={name: {0: "batch", 1: "tokens"} for name in ("input_ids", "attention_mask", "token_logits", "hidden")},
    )
    if int8:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(fp32), str(out / "model.onnx"), weight_type=QuantType.QInt8)
        fp32.unlink()
    head = model.numpy_span_head()
    np.savez_compressed(out / "span_head.npz", w1=head.w1, b1=head.b1, w2=head.w2, b2=head.b2)
    shutil.copyfile(Path(args["encoder"]) / "tokenizer.json", out / "tokenizer.json")
    (out / "config.json").write_text(json.dumps({
        "format": "unspin.techniques/1",
        "labels": list(NAMES),
        "max_length": args["max_length"],
        "stride": args["eval_stride"],
        "thresholds": {"presence": 0.5, "begin": 0.5, "second_label": 1.0},
        "calibration": {"span": [1.0, 0.0], "sentence": [1.0, 0.0]},
        "files": {"model": "model.onnx", "tokenizer": "tokenizer.json", "span_head": "span_head.npz"},
        "training": {"run": run.name, "checkpoint": checkpoint, "int8": int8, "args": args,
                     "teacher_args": _run_args(args.get("teacher")), "init_args": _run_args(args.get("init"))},
    }, indent=1))


def _run_args(checkpoint: str | None) -> dict | None:
    """The arguments of the run that wrote ``checkpoint`` (a student's teacher or starting point),
    so the model card can give the whole recipe."""
    if not checkpoint:
        return None
    run_file = Path(checkpoint).parent / "run.json"
    return json.loads(run_file.read_text())["args"] if run_file.is_file() else None


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--run", required=True, help="training run folder (has run.json and checkpoints)")
    parser.add_argument("--checkpoint", default="last.pt")
    parser.add_argument("--out", required=True)
    parser.add_argument("--int8", action="store_true", help="dynamic int8 quantisation (onnxruntime)")
    args = parser.parse_args(argv)
    export(Path(args.run), args.checkpoint, Path(args.out), args.int8)


if __name__ == "__main__":
    main()
