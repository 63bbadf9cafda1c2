"""Article-level signals a span's own words cannot show, fed to the span classifier.

*Repetition* is decided by whether the phrase recurs elsewhere in the article, which a
256-token window cannot see; so the classifier gets the recurrence count as an input.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

#: Number of values :func:`span_features` returns (the span head's extra inputs).
N_FEATURES = 3

_EDGE_PUNCTUATION = " \t\n\"'“”‘’.,;:!?()[]{}-–—"


def normalise(phrase: str) -> str:
    return " ".join(phrase.lower().split()).strip(_EDGE_PUNCTUATION)


@lru_cache(maxsize=4)
def _single_spaced(article_lower: str) -> str:
    """The article with every whitespace run as one space (cached: every span of an article asks)."""
    return " ".join(article_lower.split())


def _is_word_char(text: str, at: int) -> bool:
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] == "_")


def recurrences(article_lower: str, phrase: str) -> int:
    """How many *other* times ``phrase`` (case-insensitive, whole words) occurs in the article.

    Words may be separated by any whitespace (a phrase can wrap a line). Non-overlapping matches,
    found with ``str.find`` on a single-spaced copy: a regex per span cost more than the model.
    """
    key = normalise(phrase)
    if not key:
        return 0
    text = _single_spaced(article_lower)
    count, at = 0, text.find(key)
    while at >= 0:
        end = at + len(key)
        if not _is_word_char(text, at - 1) and not _is_word_char(text, end):
            count += 1
            at = text.find(key, end)
        else:
            at = text.find(key, at + 1)
    return max(count - 1, 0)


def span_features(article_lower: str, phrase: str) -> np.ndarray:
    """``[log1p(recurrences), recurs at all, log1p(words)]`` for a span of the article."""
    repeats = recurrences(article_lower, phrase)
    return np.asarray(
        [math.log1p(repeats), float(repeats > 0), math.log1p(len(phrase.split()))], dtype=np.float32
    )
