"""The PTC training data as the model sees it: articles, gold spans, the fixed dev split."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from unspin.ptc import io as ptc_io
from unspin.techniques.definitions import NAMES


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    labels: list[ptc_io.Label]


def load(ptc_dir: str | Path) -> list[Article]:
    """Every labelled article of a PTC folder (``articles/`` + ``labels-TC.tsv``), sorted by id."""
    ptc_dir = Path(ptc_dir)
    texts = ptc_io.read_articles(ptc_dir / "articles")
    by_article: dict[str, list[ptc_io.Label]] = defaultdict(list)
    for label in ptc_io.read_labels(ptc_dir / "labels-TC.tsv"):
        if label.technique not in NAMES:
            raise ValueError(f"unknown technique {label.technique!r} in {ptc_dir}")
        by_article[label.article_id].append(label)
    return [Article(article_id, text, by_article.get(article_id, [])) for article_id, text in texts.items()]


def split(articles: list[Article], *, dev_share: float, seed: int) -> tuple[list[Article], list[Article]]:
    """(train, dev) split by article: a seeded shuffle of the sorted ids, so it never changes."""
    ids = sorted(article.id for article in articles)
    random.Random(seed).shuffle(ids)
    dev_ids = set(ids[: round(len(ids) * dev_share)])
    return [a for a in articles if a.id not in dev_ids], [a for a in articles if a.id in dev_ids]
