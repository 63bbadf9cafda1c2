"""``unspin bench``: measurements that the README quotes, reproducible on any machine."""

from __future__ import annotations

import json
import random
import tempfile
from dataclasses import asdict
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from unspin.cli import app

bench_app = typer.Typer(name="bench", help="Measure speed and quality on generated or shipped data.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")


@bench_app.command("corpus")
def corpus(
    size: list[int] = typer.Option([10_000, 100_000], "--size", help="Synthetic corpus sizes for near-duplicate detection."),
    dedup: bool = typer.Option(True, "--dedup/--no-dedup", help="Run the near-duplicate benchmark."),
    sample: int = typer.Option(1_000, help="Articles compared pairwise by brute force (extrapolated to each size)."),
    ingest_articles: int = typer.Option(200, help="Articles for the ingest rate (0: skip)."),
    sentences: Path = typer.Option(None, help="Folder of .txt articles whose lines make the synthetic articles "
                                   "(e.g. ../shared/ptc/articles); default: made-up words."),
    seed: int = typer.Option(0, help="Random seed of the generator."),
    json_output: bool = typer.Option(False, "--json", help="Print the results as JSON."),
) -> None:
    """Near-duplicate recall, precision and time (vs brute force) and ingest articles/s (local, Dask 1 and 2 workers)."""
    from unspin.cli.corpus import require_corpus_extra
    from unspin.corpus import bench

    require_corpus_extra()
    console = Console(stderr=True)
    pool = bench.sentence_pool(sentences, random.Random(seed))
    results: dict = {"sentences": str(sentences) if sentences else "made-up words", "dedup": [], "ingest": []}
    for count in size if dedup else []:
        with console.status(f"near-duplicates on {count:,} synthetic articles…"):
            items = bench.generate(count, pool, seed=seed)
            measured = bench.measure_dedup(items)
            brute = bench.measure_brute_force(items, min(sample, count))
        results["dedup"].append(
            {**asdict(measured), "brute_force_sample": brute.sample, "brute_force_sample_seconds": round(brute.seconds, 2),
             "brute_force_extrapolated_seconds": round(brute.extrapolate(count), 1),
             "speedup": round(brute.extrapolate(count) / measured.seconds, 1)}
        )
    if ingest_articles:
        with tempfile.TemporaryDirectory() as tmp, console.status(f"ingesting {ingest_articles} articles…"):
            batch = bench.write_jsonl(bench.generate(ingest_articles, pool, seed=seed), Path(tmp) / "bench.jsonl")
            rates = bench.measure_ingest(batch, Path(tmp), [("local", 1), ("dask", 1), ("dask", 2)])
        results["ingest"] = [{**asdict(r), "per_second": round(r.per_second, 2)} for r in rates]
    if json_output:
        typer.echo(json.dumps(results, indent=2))
        return
    _print(results)


def _print(results: dict) -> None:
    console = Console()
    table = Table("articles", "copies", "recall", "precision", "LSH s", "brute force s (extrapolated)", "speed-up",
                  title=f"Near-duplicates (sentences: {results['sentences']})", title_justify="left")
    for row in results["dedup"]:
        table.add_row(f"{row['articles']:,}", f"{row['copies']:,}", f"{row['recall']:.4f}", f"{row['precision']:.4f}",
                      f"{row['seconds']:.1f}", f"{row['brute_force_extrapolated_seconds']:,.0f}", f"{row['speedup']:,.0f}×")
    console.print(table)
    if results["ingest"]:
        rates = Table("executor", "workers", "articles", "start-up s", "ingest s", "articles/s", title="Ingest", title_justify="left")
        for row in results["ingest"]:
            rates.add_row(row["executor"], str(row["workers"]), str(row["articles"]), f"{row['startup_seconds']:.1f}",
                          f"{row['seconds']:.1f}", f"{row['per_second']:.1f}")
        console.print(rates)
