"""Saved web pages: trafilatura finds the main text and the page's own metadata."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from unspin import limits
from unspin.document import Source
from unspin.errors import InputError


@dataclass
class Page:
    """What a web page says: its body (paragraphs separated by blank lines), title and metadata."""

    text: str
    title: str | None
    source: Source


def extract(html: str, *, name: str) -> Page:
    """Main text and metadata of ``html``; navigation, scripts, comments and share buttons are left out."""
    if len(html) > limits.MAX_HTML_CHARS:
        raise InputError(name, f"web page is {len(html):,} characters, over the limit of {limits.MAX_HTML_CHARS:,}")
    found = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_precision=True,
    )
    if found is None or not (found.text or "").strip():
        raise InputError(name, "no article text found in the HTML page")
    title = _clean_line(found.title)
    body = _paragraphs(found.text, title)
    if not body:
        raise InputError(name, "no article text found in the HTML page (only a title)")
    return Page(
        text=body,
        title=title,
        source=Source(
            url=found.url or None,
            published=found.date or None,
            author=found.author or None,
            site_name=found.sitename or None,
        ),
    )


def _paragraphs(text: str, title: str | None) -> str:
    """One paragraph per trafilatura line, blank line between; a heading repeating the title goes."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if title and lines and lines[0] == title:
        lines = lines[1:]
    return "\n\n".join(lines)


def _clean_line(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None
