"""``unspin ptc``: score, predict and classify in the PTC (SemEval-2020 Task 11) file formats."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from unspin.cli import app
from unspin.errors import UnspinError

ptc_app = typer.Typer(help="PTC / SemEval-2020 Task 11 files: score predictions, predict spans, classify spans.",
                      no_args_is_help=True)
app.add_typer(ptc_app, name="ptc")


class Task(str, Enum):
    si = "si"
    flc = "flc"
    tc = "tc"


def _fail(exc: UnspinError) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(2)


@ptc_app.command()
def score(
    task: Task = typer.Option(..., help="si: spans; flc: spans with technique; tc: technique of given spans."),
    gold: Path = typer.Option(..., help="Gold label file (ID, TECHNIQUE, START, END; or ID, START, END for si)."),
    pred: Path = typer.Option(..., help="Predicted label file, same format."),
    bootstrap: int = typer.Option(0, min=0, max=100_000, help="Also print a 95% interval of the overall F1 "
                                  "over this many resamples of the articles (0: off)."),
) -> None:
    """Precision, recall and F1 by the official definitions (per technique for flc and tc)."""
    from unspin.ptc import io as ptc_io
    from unspin.ptc import scoring

    try:
        gold_labels, pred_labels = ptc_io.read_labels(gold), ptc_io.read_labels(pred)
    except UnspinError as exc:
        raise _fail(exc) from None
    scorer = scoring.SCORERS[task.value]
    result = scorer(gold_labels, pred_labels)
    table = Table(title=f"PTC {task.value.upper()}")
    for column in ("technique", "precision", "recall", "F1", "predicted", "gold"):
        table.add_column(column, justify="left" if column == "technique" else "right")
    for name, row in result.per_technique.items():
        table.add_row(name, f"{row.precision:.4f}", f"{row.recall:.4f}", f"{row.f1:.4f}", str(row.n_pred), str(row.n_gold))
    o = result.overall
    table.add_row("overall", f"{o.precision:.4f}", f"{o.recall:.4f}", f"{o.f1:.4f}", str(o.n_pred), str(o.n_gold),
                  style="bold", end_section=True)
    Console().print(table)
    if bootstrap:
        low, high = scoring.bootstrap_f1(scorer, gold_labels, pred_labels, resamples=bootstrap)
        typer.echo(f"overall F1 {o.f1:.4f}, 95% interval over {bootstrap} resamples of the articles: "
                   f"{low:.4f}-{high:.4f}")


@ptc_app.command()
def predict(
    articles: Path = typer.Argument(..., help="Folder of article<ID>.txt files."),
    out: Path = typer.Option(..., "-o", "--out", help="Output TSV: ID, TECHNIQUE, START, END."),
) -> None:
    """Find technique spans in every article (offsets into the raw files)."""
    from unspin.ptc import io as ptc_io
    from unspin.ptc import tasks

    try:
        labels = tasks.predict(ptc_io.read_articles(articles))
    except UnspinError as exc:
        raise _fail(exc) from None
    ptc_io.write_labels(out, labels)
    typer.echo(f"{len(labels)} spans written to {out}", err=True)


@ptc_app.command()
def classify(
    articles: Path = typer.Argument(..., help="Folder of article<ID>.txt files."),
    spans: Path = typer.Option(..., help="Template TSV: ID, ?, START, END (or ID, START, END)."),
    out: Path = typer.Option(..., "-o", "--out", help="Output TSV, the template's rows in order with techniques."),
) -> None:
    """Fill in the technique of each span of a template."""
    from unspin.ptc import io as ptc_io
    from unspin.ptc import tasks

    try:
        labels = tasks.classify(ptc_io.read_articles(articles), ptc_io.read_labels(spans))
    except UnspinError as exc:
        raise _fail(exc) from None
    ptc_io.write_labels(out, labels)
    typer.echo(f"{len(labels)} spans written to {out}", err=True)
