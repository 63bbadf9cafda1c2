"""Find quoted stretches of text, telling quotation marks apart from apostrophes.

Scare quotes need the short quoted stretches; questions and hedges need to know whether they sit
inside someone else's words. Quotes never run across a line break: a paragraph that opens a straight
double quote and never closes it (the convention for quotations running over several paragraphs)
counts as quoted to its end.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

#: Characters after which a single quote mark may open a quotation.
_OPEN_CONTEXT = " \t\u00a0([{/\u2014\u2013-\"\u201c\u00ab"
#: Word-initial elisions that look like an opening single quote: '90s, '16, rock 'n' roll, 'em, 'til.
#: A line wholly in quotes with at most this many words is a quoted (sub)heading.
HEADING_MAX_WORDS = 20
#: Quotations looked back over for one that holds a given stretch (see :func:`innermost`).
NESTING_SCAN = 64
_ELISION = re.compile(r"['\u2018](?:\d0s\b|\d\d\b|n['\u2019]|em\b|til\b|tis\b|twas\b|cause\b|bout\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Quoted:
    """A quoted stretch: ``start`` is the opening mark, ``end`` is just after the closing mark.

    An unclosed quote (``closed=False``) ends at the end of its line.
    """

    start: int
    end: int
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets of the text between the marks."""
        return self.start + 1, self.end - 1 if self.closed else self.end

    def contains(self, start: int, end: int) -> bool:
        return self.start < start and end <= self.end


def find_quotations(text: str) -> list[Quoted]:
    """All quoted stretches in ``text``, in order of their opening mark."""
    found: list[Quoted] = []
    pos = 0
    for line in text.split("\n"):
        found.extend(_double_quoted(line, pos))
        found.extend(_single_quoted(line, pos))
        pos += len(line) + 1
    return sorted(found, key=lambda q: (q.start, -q.end))


def innermost(quotes: list[Quoted], start: int, end: int) -> Quoted | None:
    """The smallest quotation that strictly contains ``start:end``, if any.

    Only the ``NESTING_SCAN`` quotations opening last before ``start`` can hold it: a quotation
    with more quotes inside is not prose, and scanning them all made one-line input quadratic.
    """
    before = bisect.bisect_left(quotes, start, key=lambda q: q.start)
    around = [q for q in quotes[max(0, before - NESTING_SCAN) : before] if q.contains(start, end)]
    return min(around, key=lambda q: q.end - q.start, default=None)


def is_quoted_heading(text: str, quote: Quoted) -> bool:
    """Whether ``quote`` is a quoted headline or subheading: the writer's choice, not just a report.

    It fills its line, is short, and does not end like a sentence of speech (``."``).
    """
    line_start = text.rfind("\n", 0, quote.start) + 1
    line_end = text.find("\n", quote.end)
    line_end = len(text) if line_end == -1 else line_end
    inner = text[slice(*quote.inner)].rstrip()
    return (
        quote.closed
        and not text[line_start : quote.start].strip()
        and not text[quote.end : line_end].strip()
        and len(inner.split()) <= HEADING_MAX_WORDS
        and not inner.endswith((".", ","))
    )


def _double_quoted(line: str, offset: int) -> list[Quoted]:
    """Straight double quotes alternate open/close; curly ones say which they are."""
    found = []
    straight_open = curly_open = None
    for i, char in enumerate(line):
        if char == '"':
            if straight_open is None:
                straight_open = i
            else:
                found.append(Quoted(offset + straight_open, offset + i + 1))
                straight_open = None
        elif char in "\u201c\u00ab" and curly_open is None:
            curly_open = i
        elif char in "\u201d\u00bb" and curly_open is not None:
            found.append(Quoted(offset + curly_open, offset + i + 1))
            curly_open = None
    for unclosed in (straight_open, curly_open):
        if unclosed is not None and line[unclosed + 1 :].strip():
            found.append(Quoted(offset + unclosed, offset + len(line), closed=False))
    return found


def _single_quoted(line: str, offset: int) -> list[Quoted]:
    """Pair single quote marks that sit at word edges; apostrophes inside words never count.

    An opening mark follows a space or bracket and precedes a non-space; a closing mark follows a
    non-space and precedes a non-letter. A closing-looking mark with nothing open is an apostrophe
    (``forces'``) and is skipped; an opening mark left unclosed is dropped.
    """
    found = []
    opened = None
    for i, char in enumerate(line):
        if char not in "'\u2018\u2019":
            continue
        before = line[i - 1] if i else " "
        after = line[i + 1] if i + 1 < len(line) else " "
        if opened is None:
            if (
                char != "\u2019"
                and before in _OPEN_CONTEXT
                and not after.isspace()
                and not _ELISION.match(line, i)
            ):
                opened = i
        elif char != "\u2018" and not before.isspace() and not after.isalnum() and i > opened + 1:
            found.append(Quoted(offset + opened, offset + i + 1))
            opened = None
    return found
