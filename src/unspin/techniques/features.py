"""Article-level signals a span's own words cannot show, fed to the span classifier.

*Repetition* is decided by whether the phrase recurs elsewhere in the article, which a
256-token window cannot see; so the classifier gets the recurrence count as an input.
"""

from __future__ import annotations

import math
import re

import numpy as np

#: Number of values :func:`span_features` returns (the span head's extra inputs).
N_FEATURES = 3

_EDGE_PUNCTUATION = " \t\n\"'“”‘’.,;:!?()[]{}-–—"


def normalise(phrase: str) -> str:
    return " ".join(phrase.lower().split()).strip(_EDGE_PUNCTUATION)


def recurrences(article_lower: str, phrase: str) -> int:
    """How many *other* times ``phrase`` (case-insensitive, whole words) occurs in the article."""
    key = normalise(phrase)
    if not key:
        return 0
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(word) for word in key.split()) + r"(?!\w)"
    return max(len(re.findall(pattern, article_lower)) - 1, 0)


def span_features(article_lower: str, phrase: str) -> np.ndarray:
    """``[log1p(recurrences), recurs at all, log1p(words)]`` for a span of the article."""
    repeats = recurrences(article_lower, phrase)
    return np.asarray(
        [math.log1p(repeats), float(repeats > 0), math.log1p(len(phrase.split()))], dtype=np.float32
    )
