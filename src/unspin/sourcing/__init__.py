"""Whom an article relies on: quotes with their speakers, and the checkable claims it makes."""

from __future__ import annotations

from unspin.sourcing.quotes import add_quotes

ANALYSERS = [add_quotes]
