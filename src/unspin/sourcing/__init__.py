"""Whom an article relies on: quotes with their speakers, and the checkable claims it makes.

``add_quotes`` runs first: ``add_claims`` takes a claim's authority from the quotes layer.
"""

from __future__ import annotations

from unspin.sourcing.claims import add_claims
from unspin.sourcing.quotes import add_quotes

ANALYSERS = [add_quotes, add_claims]
