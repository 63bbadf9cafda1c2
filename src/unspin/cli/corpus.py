"""``unspin corpus``: ingest many articles into a SQLite store, list republished stories, report (``corpus`` extra)."""

from __future__ import annotations

import functools
import json
import sqlite3
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from unspin.cli import app
from unspin.cli.options import SPEAKERS_HELP, Speakers

corpus_app = typer.Typer(name="corpus", help="Analyse many articles into one store and query it.", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")

DB_OPTION = typer.Option(..., "--db", help="The corpus store (an SQLite file).")


class Format(str, Enum):
    text = "text"
    json = "json"


class ExecutorKind(str, Enum):
    local = "local"
    dask = "dask"


def _add_row(table: Table, *values: object) -> None:
    """Cells as plain text: titles and outlet names are untrusted and must not be read as rich markup."""
    table.add_row(*(Text("–" if value is None or value == "" else str(value)) for value in values))


def require_corpus_extra() -> None:
    """Stop with one line when the optional corpus dependencies are missing."""
    for module in ("datasketch", "dask.distributed", "matplotlib"):
        try:
            __import__(module)
        except ImportError:
            typer.echo(f"unspin corpus needs the corpus extra ({module} is missing): pip install 'unspin[corpus]'", err=True)
            raise typer.Exit(2) from None


def _open(db: Path, *, create: bool = False) -> sqlite3.Connection:
    from unspin.corpus.store import StoreError, open_store

    require_corpus_extra()
    try:
        return open_store(db, create=create)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


def _store_errors(command):
    """A store that breaks mid-command (disk full, corrupt pages, unwritable path) ends in one line, exit 2.

    Each article is committed on its own, so what was stored before the fault stays, and a later
    ``ingest`` resumes from there.
    """

    @functools.wraps(command)
    def guarded(*args, **kwargs):
        from unspin.corpus.store import StoreError

        try:
            return command(*args, **kwargs)
        except StoreError as exc:
            typer.echo(f"error: {exc}", err=True)
        except sqlite3.Error as exc:
            typer.echo(f"error: {kwargs.get('db')}: {_store_problem(exc)}", err=True)
        raise typer.Exit(2)

    return guarded


def _store_problem(exc: sqlite3.Error) -> str:
    reason = " ".join(str(exc).split())
    if "full" in reason:
        return f"cannot write the store ({reason}); what was stored is kept: free space and run again to resume"
    if "malformed" in reason or "not a database" in reason:
        return f"the store is corrupt ({reason}); restore a backup or ingest into a new store"
    return f"store error ({reason})"


@corpus_app.command()
@_store_errors
def ingest(
    inputs: list[str] = typer.Argument(..., help="Files, folders, .jsonl/.csv batches."),
    db: Path = DB_OPTION,
    executor: ExecutorKind = typer.Option(ExecutorKind.local, help="Analyse here (local) or on Dask workers."),
    scheduler: str = typer.Option(None, help="Address of a running Dask scheduler (tcp://host:8786); default: a new local cluster."),
    workers: int = typer.Option(2, min=1, help="Worker processes of the new local Dask cluster."),
    speakers: Speakers = typer.Option(Speakers.learned, "--speakers", help=SPEAKERS_HELP),
) -> None:
    """Analyse every new input into the store; a re-run skips what is stored and retries failures."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from unspin.corpus import ingest as corpus_ingest
    from unspin.corpus.executors import make_executor
    from unspin.pipeline import default_analysers

    _open(db, create=True).close()
    console = Console(stderr=True)
    with console.status("counting inputs…"):
        total = corpus_ingest.count_inputs(inputs)
    columns = (
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
    )
    with make_executor(executor.value, scheduler=scheduler, workers=workers) as runner, Progress(*columns, console=console) as bar:
        task = bar.add_task("ingest", total=total, rate="")

        def show(result: corpus_ingest.IngestResult) -> None:
            bar.update(task, completed=result.seen)
            speed = bar.tasks[task].speed
            bar.update(task, rate=f"{speed:.1f} articles/s" if speed else "")

        analysers = None if speakers is Speakers.learned else default_analysers(learned_speakers=False)
        result = corpus_ingest.ingest(inputs, db, executor=runner, analysers=analysers, on_progress=show)
    typer.echo(
        f"{result.added} added, {result.skipped} already stored, {result.duplicates} duplicates, "
        f"{result.failed} failed (see: unspin corpus stats --db {db})"
    )


@corpus_app.command()
@_store_errors
def stats(db: Path = DB_OPTION, format: Format = typer.Option(Format.text, "--format", help="text or json.")) -> None:
    """How many articles, failed inputs, spans per layer and outlets the store holds."""
    from dataclasses import asdict

    from unspin.corpus import store

    conn = _open(db)
    counts = asdict(store.counts(conn))
    counts["schema_version"] = store.schema_version(conn)
    if format is Format.json:
        typer.echo(json.dumps(counts, ensure_ascii=False))
        return
    failures = store.failures(conn, limit=20)
    console = Console()
    console.print(
        f"{counts['articles']:,} articles from {counts['outlets']:,} outlets, {counts['failed']:,} failed inputs, "
        f"{counts['spans']:,} spans " + ", ".join(f"({n:,} {layer})" for layer, n in counts["layers"].items()),
        markup=False, highlight=False,
    )
    if failures:
        table = Table("failed input", "reason", title="Failed inputs (retried on the next ingest)")
        for row in failures:
            _add_row(table, row["input_name"], row["reason"])
        console.print(table)


@corpus_app.command()
@_store_errors
def duplicates(
    db: Path = DB_OPTION,
    format: Format = typer.Option(Format.text, "--format", help="text or json."),
    threshold: float = typer.Option(None, min=0.05, max=1.0, help="Similarity from which articles count as one story (default 0.35)."),
) -> None:
    """Stories republished by several outlets: members, outlets, dates, the probable original, similarity."""
    from unspin.corpus import dedup

    conn = _open(db)
    threshold = threshold or dedup.THRESHOLD
    clusters = dedup.find_clusters(conn, threshold)
    if format is Format.json:
        listing = {"threshold": threshold, "clusters": [cluster.to_dict() for cluster in clusters]}
        typer.echo(json.dumps(listing, ensure_ascii=False))
        return
    console = Console()
    if not clusters:
        console.print("No near-duplicate articles found.")
    for number, cluster in enumerate(clusters, start=1):
        table = Table("", "id", "outlet", "published", "title", "similarity", title_justify="left",
                      title=Text(f"{number}. {len(cluster.members)} articles, outlets: {', '.join(cluster.outlets) or 'unknown'}"))
        for index, member in enumerate(cluster.members):
            _add_row(table, "original" if index == 0 else "copy", member.record_id, member.outlet,
                     member.published, member.title, f"{member.similarity:.2f}")
        console.print(table)


@corpus_app.command()
@_store_errors
def report(
    db: Path = DB_OPTION,
    output: Path = typer.Option(None, "-o", "--output", help="Also write a standalone HTML report with charts here."),
) -> None:
    """Technique mix per outlet, over time, loaded phrases, reliability labels, republication: tables and HTML."""
    from unspin.corpus import aggregates

    summary = aggregates.summarise(_open(db))
    _print_summary(summary)
    if output is not None:
        from unspin.corpus import html_report

        output.write_text(html_report.render(summary), encoding="utf-8")
        typer.echo(f"wrote {output}")


def _print_summary(summary) -> None:
    console = Console()
    console.print(
        f"{summary.articles:,} articles, {summary.outlets:,} outlets, "
        f"{len(summary.clusters):,} republished stories, {summary.failed:,} failed"
    )
    top = summary.labels[:6]
    outlets = Table("outlet", "articles", "reliability", *top, title="Spans per 1,000 words by outlet", title_justify="left")
    for profile in summary.profiles:
        _add_row(outlets, profile.outlet, profile.articles, profile.reliability_label,
                 *(f"{profile.rates.get(label, 0.0):.2f}" for label in top))
    console.print(outlets)
    if summary.phrases:
        phrases = Table("phrase", "label", "times", "outlets", title="Top loaded phrases", title_justify="left")
        for phrase in summary.phrases[:10]:
            _add_row(phrases, phrase.text, phrase.label, phrase.count, phrase.outlets)
        console.print(phrases)
    if summary.clusters:
        stories = Table("original", "outlet", "copies", "outlets", "similarity", title="Republished stories", title_justify="left")
        for cluster in summary.clusters[:10]:
            _add_row(stories, cluster.original.record_id, cluster.original.outlet, len(cluster.members) - 1,
                     ", ".join(cluster.outlets), f"{cluster.similarity:.2f}")
        console.print(stories)
