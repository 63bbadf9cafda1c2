"""Whom an article relies on: quotes with their speakers, and the checkable claims it makes.

``add_quotes`` runs first: ``add_claims`` takes a claim's authority from the quotes layer.
"""

from __future__ import annotations

from unspin.sourcing.claims import add_claims
from unspin.sourcing.quotes import add_quotes, add_quotes_by_rules

ANALYSERS = [add_quotes, add_claims]
#: The same with the hand-written rules alone naming each quote's speaker: faster, less accurate.
RULE_ANALYSERS = [add_quotes_by_rules, add_claims]
