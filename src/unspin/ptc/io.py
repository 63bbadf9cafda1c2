"""Read and write PTC article folders and label files.

Articles are ``article<ID>.txt`` files; labels are tab-separated rows
``ID<TAB>TECHNIQUE<TAB>START<TAB>END`` (TC/FLC) or ``ID<TAB>START<TAB>END`` (SI), with
``START`` inclusive and ``END`` exclusive offsets into the file read as a Python ``str``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from unspin.errors import InputError
from unspin.limits import MAX_INPUT_BYTES

_ARTICLE_FILE = re.compile(r"^article(.+)\.txt$")

#: The technique placeholder of SI rows and of classification templates.
UNKNOWN = "?"


@dataclass(frozen=True)
class Label:
    """One labelled fragment: ``technique`` is :data:`UNKNOWN` for SI rows."""

    article_id: str
    technique: str
    start: int
    end: int


def _read_text(path: str | Path, what: str) -> str:
    """A UTF-8 file (universal newlines, as in the official tools), refused over the input size limit."""
    try:
        if Path(path).stat().st_size > MAX_INPUT_BYTES:
            raise InputError(str(path), f"{what} is over the size limit of {MAX_INPUT_BYTES:,} bytes")
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read {what} ({exc.__class__.__name__})") from exc


def read_article(path: str | Path) -> str:
    """Article text exactly as the offsets see it."""
    return _read_text(path, "article")


def read_articles(folder: str | Path) -> dict[str, str]:
    """``{article id: text}`` for every ``article<ID>.txt`` in ``folder``, sorted by id."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(str(folder), "not a folder of article<ID>.txt files")
    found = {}
    for path in sorted(folder.iterdir()):
        match = _ARTICLE_FILE.match(path.name)
        if match and path.is_file():
            found[match.group(1)] = read_article(path)
    if not found:
        raise InputError(str(folder), "no article<ID>.txt files found")
    return found


def read_labels(path: str | Path) -> list[Label]:
    """Rows of a TC/FLC (4 columns) or SI (3 columns) label file, in file order."""
    lines = _read_text(path, "label file").splitlines()
    return [_parse_row(line, str(path), number) for number, line in enumerate(lines, 1) if line.strip()]


def _parse_row(line: str, path: str, number: int) -> Label:
    fields = line.rstrip("\r\n").split("\t")
    if len(fields) == 3:
        fields.insert(1, UNKNOWN)
    if len(fields) != 4:
        raise InputError(path, f"line {number}: expected 3 or 4 tab-separated fields, got {len(fields)}")
    article_id, technique, start, end = fields
    try:
        start_i, end_i = int(start), int(end)
    except ValueError:
        raise InputError(path, f"line {number}: offsets must be integers") from None
    if not 0 <= start_i < end_i:
        raise InputError(path, f"line {number}: bad span {start_i}-{end_i}")
    return Label(article_id.strip(), technique.strip(), start_i, end_i)


def format_labels(labels: Iterable[Label], *, with_technique: bool = True) -> str:
    """Label rows as file text: 4 columns, or the 3 SI columns when ``with_technique`` is false."""
    rows = []
    for label in labels:
        middle = [label.technique] if with_technique else []
        rows.append("\t".join([label.article_id, *middle, str(label.start), str(label.end)]))
    return "".join(row + "\n" for row in rows)


def write_labels(path: str | Path, labels: Iterable[Label], *, with_technique: bool = True) -> None:
    Path(path).write_text(format_labels(labels, with_technique=with_technique), encoding="utf-8")
