"""``unspin analyze``: read inputs, run the pipeline, hand each report to the writer for the format.

Exit codes: 0 every input analysed; 2 some input could not be read or analysed (each listed at the
end as ``error: <input>: <reason>``), or a usage/output problem; 1 anything else that stops the run,
such as a missing model file or a bug (one line; ``--debug`` prints a bug's traceback).
"""

from __future__ import annotations

import os
import sys
import traceback
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Callable, Iterable, Iterator, List, Optional

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from unspin.cli import app
from unspin.cli.options import SPEAKERS_HELP, Speakers
from unspin.errors import InputError, UnspinError
from unspin.ingest import RawArticle
from unspin.ingest.files import BATCH_SUFFIXES, STDIN, iter_inputs
from unspin.pipeline import analyze_many, default_analysers
from unspin.render.output import OutputError, open_writer


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    html = "html"


@app.command()
def analyze(
    paths: List[str] = typer.Argument(
        ..., metavar="PATH...", help="Article files (.txt, .html), folders, .jsonl/.csv batches, or - for stdin."
    ),
    fmt: Format = typer.Option(
        Format.text, "--format", "-f", help="text: terminal; json: one object (an array for several inputs); "
        "jsonl: one report per line; html: standalone page (one per input in the -o directory)."
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Write here instead of stdout (a directory for html with several inputs)."
    ),
    clean: bool = typer.Option(
        True, "--clean/--no-clean", help="--no-clean analyses the text exactly as given (PTC offsets)."
    ),
    speakers: Speakers = typer.Option(Speakers.learned, "--speakers", help=SPEAKERS_HELP),
    debug: bool = typer.Option(False, "--debug", help="Print the traceback of an unexpected error."),
) -> None:
    """Show how articles try to persuade: techniques, rhetoric, quotes, claims and provenance."""
    many = expects_many(paths)
    try:
        writer = open_writer(fmt.value, output, many=many)
    except OutputError as exc:
        _fail(str(exc), 2)
    failures: list[InputError] = []
    seen = 0
    inputs = _Named(iter_inputs(paths))
    show_progress = many and sys.stderr.isatty() and not (fmt is Format.text and output is None and sys.stdout.isatty())
    try:
        with writer, _progress(show_progress) as advance:
            analysers = None if speakers is Speakers.learned else default_analysers(learned_speakers=False)
            for result in analyze_many(inputs, clean=clean, analysers=analysers):
                seen += 1
                if isinstance(result, InputError):
                    failures.append(result)
                else:
                    writer.write(result)
                advance(seen, len(failures))
    except BrokenPipeError:  # the reader went away (``| head``): stop quietly, like other Unix tools
        _silence_stdout()
        raise typer.Exit(1) from None
    except UnspinError as exc:  # known, but not about one input (a model file missing): no traceback needed
        _fail(f"{inputs.where}{exc}", 1)
    except Exception as exc:  # one line for the user; the traceback only on request
        if debug:
            traceback.print_exc()
        hint = "" if debug else " (--debug shows the traceback)"
        _fail(f"{inputs.where}unexpected {type(exc).__name__}: {exc}{hint}", 1)
    for failure in failures:
        typer.echo(f"error: {_one_line(str(failure))}", err=True)
    if failures:
        if seen > 1:
            typer.echo(f"{len(failures)} of {seen} inputs failed", err=True)
        raise typer.Exit(2)


def expects_many(paths: Iterable[str]) -> bool:
    """Several reports are possible: several paths, a folder or a batch file. Decided before reading."""
    paths = list(paths)
    if len(paths) != 1:
        return True
    path = paths[0]
    return path != STDIN and (os.path.isdir(path) or Path(path).suffix.lower() in BATCH_SUFFIXES)


class _Named:
    """Passes inputs through and remembers the name of the one being analysed, for error messages."""

    def __init__(self, items: Iterable[RawArticle | InputError]) -> None:
        self.items = items
        self.current: str | None = None

    def __iter__(self) -> Iterator[RawArticle | InputError]:
        for item in self.items:
            self.current = item.source if isinstance(item, InputError) else item.name
            yield item

    @property
    def where(self) -> str:
        """``"<input>: "`` for a message prefix, or nothing before the first input."""
        return f"{self.current}: " if self.current else ""


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[int, int], None]]:
    """A transient spinner on stderr with counts, or a no-op."""
    if not enabled:
        yield lambda done, failed: None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("analysing…", total=None)
        yield lambda done, failed: progress.update(task, description=f"{done} inputs read, {failed} failed")


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file descriptor (an in-process test runner): nothing will be flushed to a pipe


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _fail(message: str, code: int) -> None:
    typer.echo(f"error: {_one_line(message)}", err=True)
    raise typer.Exit(code)
