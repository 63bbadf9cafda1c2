"""Speed and memory of technique detection: shipped ONNX model vs the same weights on torch fp32.

    python -m unspin.techniques.bench --articles DIR -n 50 --backend onnx|torch [--checkpoint PT]

One backend per process, so each peak RSS is its own. The torch side runs the fine-tuned
checkpoint (the ``[train]`` extra) through the same windows and decoding, fp32, so the
comparison isolates the runtime (onnxruntime int8 vs torch eager fp32).
"""

from __future__ import annotations

import argparse
import json
import resource
import time

from unspin.ptc import io as ptc_io


def _articles(folder: str, n: int) -> list[str]:
    texts = list(ptc_io.read_articles(folder).values())
    return [texts[i % len(texts)] for i in range(n)]


def _torch_model(checkpoint: str):
    """A TechniqueModel whose encoder is the torch checkpoint (shipped config, tokenizer, span head)."""
    import torch

    from unspin.techniques import model as model_mod
    from unspin.techniques import train

    net = train.TechniqueModel(train.default_encoder_dir())
    net.load_state_dict(torch.load(checkpoint, weights_only=False)["model"])
    net.eval()
    return model_mod.TechniqueModel(model_mod.default_dir(), encoder=train.torch_encoder(net))


def measure(folder: str, n: int, backend: str, checkpoint: str | None) -> dict:
    from unspin.document import Document
    from unspin.techniques import analyser, model as model_mod, windows

    started = time.perf_counter()
    model = _torch_model(checkpoint) if backend == "torch" else model_mod.load()
    load_seconds = time.perf_counter() - started
    texts = _articles(folder, n)
    tokens = sum(len(windows.tokenize(model.tokenizer, text).ids) for text in texts)
    started = time.perf_counter()
    for text in texts:
        analyser.detect_with(model, Document(text))
    seconds = time.perf_counter() - started
    return {
        "backend": backend, "articles": n, "words_per_article": round(sum(len(t.split()) for t in texts) / n),
        "load_seconds": round(load_seconds, 2), "seconds": round(seconds, 2),
        "articles_per_second": round(n / seconds, 2), "tokens_per_second": round(tokens / seconds),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", required=True, help="folder of article<ID>.txt files")
    parser.add_argument("-n", type=int, default=50)
    parser.add_argument("--backend", choices=["onnx", "torch"], default="onnx")
    parser.add_argument("--checkpoint", default=None, help="torch checkpoint for --backend torch")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.articles, args.n, args.backend, args.checkpoint)))


if __name__ == "__main__":
    main()
