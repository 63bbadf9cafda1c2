"""Rule-based rhetoric analysers: scare quotes, loaded questions, hedges and vague attributions.

Each analyser adds spans to the ``findings`` layer; the kinds and their plain-words descriptions
are in :mod:`unspin.rhetoric.kinds`.
"""

from __future__ import annotations

from unspin.rhetoric.hedges import find_hedges
from unspin.rhetoric.kinds import KINDS
from unspin.rhetoric.questions import find_loaded_questions
from unspin.rhetoric.scare_quotes import find_scare_quotes

#: The rhetoric analysers, in the order the pipeline runs them.
ANALYSERS = [find_scare_quotes, find_loaded_questions, find_hedges]

__all__ = ["ANALYSERS", "KINDS", "find_hedges", "find_loaded_questions", "find_scare_quotes"]
