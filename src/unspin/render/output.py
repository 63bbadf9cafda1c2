"""Where reports go: one writer per output format, fed one report at a time (batches stream).

- ``text``: each report in turn (rich on a terminal, plain text in a file or pipe).
- ``json``: one object for a single input, a JSON array when the command was given several inputs
  (several paths, a folder or a JSONL/CSV batch), decided before any report is read.
- ``jsonl``: one compact report per line, always.
- ``html``: one standalone page; several inputs need a directory and get one page each.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TextIO

from rich.console import Console

from unspin.errors import UnspinError
from unspin.render.html import render_html
from unspin.render.terminal import print_report
from unspin.report import Report

FORMATS = ("text", "json", "jsonl", "html")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class OutputError(UnspinError):
    """The output cannot be written where asked (one line, like an input error)."""


class Writer:
    """Receives reports one by one; ``close`` finishes the output (closing an array, a file)."""

    def write(self, report: Report) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Nothing to finish by default."""

    def __enter__(self) -> "Writer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class TextWriter(Writer):
    def __init__(self, stream: TextIO | None) -> None:
        self.console = Console(file=stream, width=100) if stream else Console()
        self.count = 0

    def write(self, report: Report) -> None:
        if self.count:
            self.console.print()
        print_report(report, self.console)
        self.count += 1


class JsonWriter(Writer):
    """A single object, or a streamed array whose items are written as they come."""

    def __init__(self, stream: TextIO, *, many: bool) -> None:
        self.stream, self.many, self.count = stream, many, 0
        if many:
            stream.write("[")

    def write(self, report: Report) -> None:
        if self.many:
            self.stream.write(",\n" if self.count else "\n")
        self.stream.write(report.to_json())
        if not self.many:
            self.stream.write("\n")
        self.stream.flush()
        self.count += 1

    def close(self) -> None:
        if self.many:
            self.stream.write("\n]\n" if self.count else "]\n")
            self.stream.flush()


class JsonLinesWriter(Writer):
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, report: Report) -> None:
        self.stream.write(report.to_json(indent=None) + "\n")
        self.stream.flush()


class HtmlWriter(Writer):
    """One page to a stream (stdout or a file)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, report: Report) -> None:
        self.stream.write(render_html(report))
        self.stream.flush()


class HtmlFolderWriter(Writer):
    """One page per report in ``folder``, named after its input; names never repeat within a run."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.taken: set[str] = set()
        self.written: list[Path] = []

    def write(self, report: Report) -> None:
        path = self.folder / self._name(report)
        path.write_text(render_html(report), encoding="utf-8")
        self.written.append(path)

    def _name(self, report: Report) -> str:
        source = report.document.source
        base = "stdin" if source.path == "-" else Path(source.path).name if source.path else "report"
        if source.id:
            base = f"{base}-{source.id}"
        stem = re.sub(r"\.(txt|text|md|html?)$", "", base, flags=re.I)
        stem = _UNSAFE_NAME.sub("-", stem).strip("-.")[:80] or "report"
        name, number = f"{stem}.html", 1
        while name in self.taken:
            number += 1
            name = f"{stem}-{number}.html"
        self.taken.add(name)
        return name


class _ClosingWriter(Writer):
    """Wraps a writer whose output file this module opened, and closes the file after it."""

    def __init__(self, inner: Writer, handle: TextIO) -> None:
        self.inner, self.handle = inner, handle

    def write(self, report: Report) -> None:
        self.inner.write(report)

    def close(self) -> None:
        try:
            self.inner.close()
        finally:
            self.handle.close()


def open_writer(fmt: str, output: Path | None, *, many: bool) -> Writer:
    """The writer for ``fmt``, writing to ``output`` (stdout when None). Raises OutputError before any analysis."""
    if fmt not in FORMATS:
        raise OutputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "html" and (many or (output is not None and output.is_dir())):
        return _html_folder(output)
    if output is None:
        return _make(fmt, sys.stdout, many=many, to_file=False)
    try:
        handle = open(output, "w", encoding="utf-8", newline="\n")
    except OSError as exc:
        raise OutputError(f"{output}: cannot write: {exc.strerror or exc}") from None
    return _ClosingWriter(_make(fmt, handle, many=many, to_file=True), handle)


def _make(fmt: str, stream: TextIO, *, many: bool, to_file: bool) -> Writer:
    if fmt == "text":
        return TextWriter(stream if to_file else None)
    if fmt == "json":
        return JsonWriter(stream, many=many)
    if fmt == "jsonl":
        return JsonLinesWriter(stream)
    return HtmlWriter(stream)


def _html_folder(output: Path | None) -> HtmlFolderWriter:
    if output is None:
        raise OutputError("several inputs with --format html need -o DIRECTORY (one page per input)")
    if output.exists() and not output.is_dir():
        raise OutputError(f"{output}: is a file; several HTML reports need a directory")
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{output}: cannot create directory: {exc.strerror or exc}") from None
    return HtmlFolderWriter(output)
