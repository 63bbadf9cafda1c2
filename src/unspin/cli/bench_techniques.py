"""``unspin bench techniques``: articles/s, tokens/s and peak RSS of technique detection."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from unspin.cli.bench import bench_app


@bench_app.command("techniques")
def techniques(
    articles: Path = typer.Argument(..., help="Folder of article<ID>.txt files (e.g. ../shared/ptc/articles)."),
    n: int = typer.Option(50, "-n", min=1, help="Articles to analyse (the folder's files, repeated if needed)."),
    checkpoint: Path = typer.Option(None, help="Torch checkpoint of the same model: also time it on torch fp32, "
                                    "through our windows and through a plain transformers pipeline (needs the "
                                    "train extra)."),
) -> None:
    """Time the shipped ONNX model (and the torch checkpoint, if given), each backend in its own process."""
    backends = ["onnx"]
    if checkpoint is not None:
        if importlib.util.find_spec("torch") is None:
            typer.echo("error: --checkpoint needs the train extra (torch): pip install 'unspin[train]'", err=True)
            raise typer.Exit(2)
        backends += ["torch", "pipeline"]
    rows = []
    for backend in backends:
        command = [sys.executable, "-m", "unspin.techniques.bench", "--articles", str(articles), "-n", str(n),
                   "--backend", backend] + (["--checkpoint", str(checkpoint)] if backend != "onnx" else [])
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            typer.echo(f"error: {backend} benchmark failed: {done.stderr.strip().splitlines()[-1:]}", err=True)
            raise typer.Exit(2)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    table = Table("backend", "articles", "words/article", "articles/s", "tokens/s", "peak RSS MB", "load s",
                  title="Technique detection", title_justify="left")
    for row in rows:
        table.add_row(row["backend"], str(row["articles"]), str(row["words_per_article"]), f"{row['articles_per_second']:.2f}",
                      f"{row['tokens_per_second']:,}", str(row["peak_rss_mb"]), f"{row['load_seconds']:.1f}")
    console = Console()
    console.print(table)
    for row in rows[1:]:
        console.print(f"onnx / {row['backend']} speed: {rows[0]['articles_per_second'] / row['articles_per_second']:.1f}×")
