"""Files, folders and stdin: find the inputs, check them, and hand each to the reader for its kind."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterable, Iterator

from unspin import limits
from unspin.document import Source
from unspin.errors import InputError
from unspin.ingest import RawArticle, batch
from unspin.ingest.text import decode

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
BATCH_SUFFIXES = frozenset({".jsonl", ".csv"})
#: What a folder given as input is searched for (``.md`` left out: folders often hold a README).
FOLDER_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm"}) | BATCH_SUFFIXES

STDIN = "-"


def read_article(path: str) -> RawArticle:
    """Read one article file (or ``-`` for stdin) as text or HTML, refusing bad input with an InputError."""
    data = _read_stdin() if path == STDIN else _read_file(path)
    content = decode(data, name=path)
    source = Source(path=path)
    if _is_html(path, content):
        return RawArticle(name=path, html=content, source=source)
    return RawArticle(name=path, text=content, source=source)


def iter_inputs(paths: Iterable[str]) -> Iterator[RawArticle | InputError]:
    """Every article in ``paths`` (files, folders, batches, ``-``); a bad one is yielded as its error."""
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            found = _folder_files(path)
            if not found:
                yield InputError(path, "folder has no .txt, .html, .htm, .jsonl or .csv files")
            for file in found:
                yield from _inputs_of(file)
        else:
            yield from _inputs_of(path)


def _inputs_of(path: str) -> Iterator[RawArticle | InputError]:
    suffix = Path(path).suffix.lower()
    if suffix in BATCH_SUFFIXES and path != STDIN:
        reader = batch.read_jsonl if suffix == ".jsonl" else batch.read_csv
        yield from reader(path)
        return
    try:
        yield read_article(path)
    except InputError as exc:
        yield exc


def _folder_files(folder: str) -> list[str]:
    """Article and batch files under ``folder``, sorted; hidden files and folders (``.git``, ``.venv``) skipped."""
    root = Path(folder)
    return sorted(
        str(p)
        for p in root.rglob("*")
        if p.suffix.lower() in FOLDER_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
        and p.is_file()
    )


def _read_file(path: str) -> bytes:
    """The file's bytes, after checking (before reading) that it exists, is a file and is not too big."""
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if os.path.isdir(path):
        raise InputError(path, "is a directory, not an article file")
    _check_size(path, size)
    try:
        with open(path, "rb") as handle:
            return handle.read(limits.MAX_INPUT_BYTES + 1)
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def _read_stdin() -> bytes:
    data = sys.stdin.buffer.read(limits.MAX_INPUT_BYTES + 1)
    _check_size(STDIN, len(data))
    return data


def _check_size(name: str, size: int) -> None:
    if size > limits.MAX_INPUT_BYTES:
        raise InputError(name, f"input is over the size limit of {limits.MAX_INPUT_BYTES:,} bytes")


def _is_html(path: str, content: str) -> bool:
    """By extension when it is known, otherwise by sniffing the start of the content."""
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return True
    if suffix in TEXT_SUFFIXES:
        return False
    return looks_like_html(content)


def looks_like_html(content: str) -> bool:
    """An HTML document starts with a doctype or an ``<html>``/``<head>``/``<body>`` tag near the top."""
    head = content[:2048].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<body")) or "<html" in head[:512]
