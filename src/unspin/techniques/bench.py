"""Speed and memory of technique detection: shipped ONNX model vs the same weights on torch fp32.

    python -m unspin.techniques.bench --articles DIR -n 50 --backend onnx|torch|pipeline [--checkpoint PT]

One backend per process, so each peak RSS is its own. Two torch baselines run the fine-tuned
checkpoint (the ``[train]`` extra), fp32:

- ``torch``: our own code through the same windows and decoding, so the comparison isolates the
  runtime (onnxruntime int8 vs torch eager fp32);
- ``pipeline``: a plain Hugging Face ``token-classification`` pipeline over the same encoder and
  token head (what a user of ``transformers`` would write; it finds tokens, not labelled spans).
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
    from unspin.techniques import model as model_mod
    from unspin.techniques import train

    net = train.load_checkpoint(checkpoint)
    net.eval()
    return model_mod.TechniqueModel(model_mod.default_dir(), encoder=train.torch_encoder(net))


def _hf_pipeline(checkpoint: str, max_length: int):
    """``transformers.pipeline("token-classification")`` on the checkpoint's encoder + token head.

    Windows of ``max_length`` tokens without overlap (``stride=0``), as the shipped config runs.
    """
    from transformers import AutoModelForTokenClassification, AutoTokenizer, pipeline

    from unspin.techniques import infer, train

    net = train.load_checkpoint(checkpoint)
    config = net.encoder.config
    config.num_labels = infer.N_TOKEN_OUTPUTS
    tagger = AutoModelForTokenClassification.from_config(config)
    missing, unexpected = tagger.base_model.load_state_dict(net.encoder.state_dict(), strict=False)
    if missing or any(not key.startswith("pooler.") for key in unexpected):
        raise RuntimeError(f"encoder weights do not fit the tagger: missing {missing}, unexpected {unexpected}")
    tagger.classifier.load_state_dict(net.token_head.state_dict())
    tagger.eval()
    tokenizer = AutoTokenizer.from_pretrained(train.default_encoder_dir(), model_max_length=max_length)
    return pipeline("token-classification", model=tagger, tokenizer=tokenizer, device="cpu",
                    aggregation_strategy="simple", stride=0)


def measure(folder_of_articles: str, n: int, backend: str, checkpoint: str | None) -> dict:
    from unspin.document import Document
    from unspin.techniques import analyser, model as model_mod, windows

    folder = model_mod.default_dir()
    config = json.loads((folder / model_mod.CONFIG_FILE).read_text(encoding="utf-8"))
    started = time.perf_counter()
    if backend == "pipeline":
        run = _hf_pipeline(checkpoint, int(config["max_length"]))
    else:  # the torch backend must not hold the ONNX session too: each backend's peak RSS is its own
        model = _torch_model(checkpoint) if backend == "torch" else model_mod.load()
        run = lambda text: analyser.detect_with(model, Document(text))  # noqa: E731
    load_seconds = time.perf_counter() - started
    texts = _articles(folder_of_articles, n)
    tokenizer = windows.load_tokenizer(str(folder / config["files"]["tokenizer"]))
    tokens = sum(len(windows.tokenize(tokenizer, text).ids) for text in texts)
    started = time.perf_counter()
    for text in texts:
        run(text)
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
    parser.add_argument("--backend", choices=["onnx", "torch", "pipeline"], default="onnx")
    parser.add_argument("--checkpoint", default=None, help="torch checkpoint for --backend torch or pipeline")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.articles, args.n, args.backend, args.checkpoint)))


if __name__ == "__main__":
    main()
