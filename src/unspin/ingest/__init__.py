"""Reading inputs: bytes or records in, :class:`RawArticle` out. One module per input kind."""

from __future__ import annotations

from dataclasses import dataclass, field

from unspin.document import Source


@dataclass
class RawArticle:
    """One article as read, before cleaning: plain ``text`` or ``html``, plus what the input said about it.

    ``name`` identifies the input in messages (a path, ``-`` for stdin, ``file.jsonl:7`` for a record).
    """

    name: str
    text: str | None = None
    html: str | None = None
    source: Source = field(default_factory=Source)
