"""Rule-based rhetoric analysers: scare quotes, loaded questions, hedges and vague attributions."""

from __future__ import annotations

ANALYSERS: list = []
