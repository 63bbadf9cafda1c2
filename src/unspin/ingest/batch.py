"""Batches: JSONL lines or CSV rows, each a record with ``text`` or ``html`` and optional metadata.

One bad record is yielded as an :class:`InputError` named ``file:LINE`` and the batch goes on.
"""

from __future__ import annotations

import csv
import json
import sys
from typing import Any, BinaryIO, Iterator, Mapping

from unspin import limits
from unspin.document import Source
from unspin.errors import InputError
from unspin.ingest import RawArticle
from unspin.ingest.text import scrub

#: Optional string fields a record may carry besides ``text``/``html``.
METADATA_FIELDS = ("id", "title", "url", "outlet", "published")

#: Rows may hold whole articles, far beyond csv's default field limit of 128 KiB.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

_MAX_UTF8_BYTES_PER_CHAR = 4


def read_jsonl(path: str) -> Iterator[RawArticle | InputError]:
    """One record per non-empty line of a JSON Lines file; lines are decoded one by one, so one bad line stays one error."""
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield _open_error(path, exc)
        return
    with handle:
        for line_no, line in enumerate(_lines(handle), start=1):
            name = f"{path}:{line_no}"
            if line is None:
                yield InputError(name, f"record is over the limit of {limits.MAX_RECORD_CHARS:,} characters")
                continue
            try:
                text = line.decode("utf-8-sig" if line_no == 1 else "utf-8")
            except UnicodeDecodeError:
                yield InputError(name, "line is not UTF-8")
                continue
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                yield InputError(name, f"invalid JSON ({exc.msg} at column {exc.colno})")
                continue
            except RecursionError:  # '[[[[...' deeper than the parser's stack
                yield InputError(name, "invalid JSON (nested too deeply)")
                continue
            yield _checked_record(record, name)


def _lines(handle: BinaryIO) -> Iterator[bytes | None]:
    """The file's lines as bytes; None for a line too long to be a record (its bytes are skipped unread)."""
    most = limits.MAX_RECORD_CHARS * _MAX_UTF8_BYTES_PER_CHAR
    while line := handle.readline(most + 1):
        if len(line) > most:
            while line and not line.endswith(b"\n"):
                line = handle.readline(most)
            yield None
        else:
            yield line


def read_csv(path: str) -> Iterator[RawArticle | InputError]:
    """One record per row of a CSV file whose header names the fields."""
    try:
        handle = open(path, encoding="utf-8-sig", errors="strict", newline="")
    except OSError as exc:
        yield _open_error(path, exc)
        return
    with handle:
        reader = csv.DictReader(handle, strict=True)
        try:
            fields = reader.fieldnames
        except (csv.Error, UnicodeDecodeError) as exc:
            yield InputError(path, f"cannot read the CSV header: {exc}")
            return
        if not fields or not ({"text", "html"} & set(fields)):
            yield InputError(path, "CSV header has no 'text' or 'html' column")
            return
        row = 1
        while True:
            row += 1
            name = f"{path}:{row}"
            try:
                record = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                yield InputError(name, f"broken CSV ({exc}); the rest of the file is skipped")
                return
            if None in record:
                yield InputError(name, "row has more fields than the header")
                continue
            yield _checked_record({k: v for k, v in record.items() if v not in (None, "")}, name)


def _checked_record(record: Any, name: str) -> RawArticle | InputError:
    """A RawArticle from one decoded record, or the InputError that says what is wrong with it."""
    if not isinstance(record, Mapping):
        return InputError(name, f"record is a JSON {type(record).__name__}, not an object")
    record = {key: scrub(value) if isinstance(value, str) else value for key, value in record.items()}
    body_key = "text" if record.get("text") is not None else "html" if record.get("html") is not None else None
    if body_key is None:
        return InputError(name, "record has no 'text' or 'html' field")
    for key in (body_key, *METADATA_FIELDS):
        value = record.get(key)
        if value is not None and not isinstance(value, str) and not (key == "id" and isinstance(value, int)):
            return InputError(name, f"field '{key}' must be a string, not {type(value).__name__}")
    body = record[body_key]
    if not body.strip():
        return InputError(name, f"field '{body_key}' is empty")
    if len(body) > limits.MAX_RECORD_CHARS:
        return InputError(name, f"record is over the limit of {limits.MAX_RECORD_CHARS:,} characters")
    title = (record.get("title") or "").strip()
    source = Source(
        path=name,
        url=record.get("url"),
        outlet=record.get("outlet"),
        published=record.get("published"),
        id=None if record.get("id") is None else str(record["id"]),
    )
    if body_key == "html":
        return RawArticle(name=name, html=body, source=source)
    return RawArticle(name=name, text=f"{title}\n\n{body}" if title else body, source=source)


def _open_error(path: str, exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError(path, "no such file")
    if isinstance(exc, PermissionError):
        return InputError(path, "permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError(path, "is a directory, not a batch file")
    return InputError(path, f"cannot read: {exc.strerror or exc}")
