"""Benchmarks for corpus mode: a synthetic republication corpus, near-duplicate quality and speed, ingest rate.

The synthetic corpus mixes distinct articles (sentences drawn from real articles, e.g. the PTC
corpus, or from a word-level generator when no corpus is at hand) with republished copies made the
way republishers make them: a new headline, re-wrapped lines, a republisher's byline and footer,
a trimmed ending, a few edited words. Ground truth is known, so recall and precision are exact.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from itertools import accumulate, combinations
from pathlib import Path
from typing import Iterable, Sequence

from unspin.corpus import dedup

#: Republisher lines a copy may be wrapped in (they stay in the body here: the harder case).
_WRAPPERS = (
    ("By {outlet}\n\nGlobal Research, {date}\n\n", "\n\nThe original source of this article is {outlet}\n\nCopyright © {outlet}, 2016"),
    ("Originally published by {outlet} on {date}.\n\n", "\n\nFollow us on Facebook and Twitter. Become a member!"),
    ("", "\n\nThis article was first published by {outlet}. Republished with permission."),
)
_OUTLETS = ("RT", "Sputnik", "Reuters", "AP", "TASS", "Xinhua")


@dataclass
class Synthetic:
    key: int
    story: int
    title: str
    body: str
    is_copy: bool


def sentence_pool(folder: str | Path | None, rng: random.Random) -> list[str]:
    """Body lines of the article files in ``folder``; without one, sentences of Zipf-distributed made-up words."""
    if folder is not None and Path(folder).is_dir():
        lines = []
        for path in sorted(Path(folder).glob("*.txt")):
            body = path.read_text(encoding="utf-8", errors="replace").split("\n")[1:]
            lines.extend(line.strip() for line in body if len(line.split()) >= 6)
        if lines:
            return lines
    vocabulary = [f"w{i}" for i in range(20_000)]
    cumulative = list(accumulate(1 / (rank + 1) for rank in range(len(vocabulary))))
    return [" ".join(rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(8, 30))) + "." for _ in range(20_000)]


def generate(count: int, pool: list[str], *, copy_share: float = 0.3, seed: int = 0) -> list[Synthetic]:
    """``count`` articles of which about ``copy_share`` are republished copies of another one (1-3 per story)."""
    rng = random.Random(seed)
    items: list[Synthetic] = []
    story = 0
    while len(items) < count:
        sentences = rng.sample(pool, rng.randint(8, 30))
        original = Synthetic(len(items), story, " ".join(rng.sample(pool, 1)[0].split()[:10]), "\n\n".join(sentences), False)
        items.append(original)
        copies = rng.randint(1, 3) if rng.random() < copy_share / (1 - copy_share) / 2 else 0
        for _ in range(min(copies, count - len(items))):
            items.append(Synthetic(len(items), story, f"Republished: {original.title}", republish(sentences, rng), True))
        story += 1
    rng.shuffle(items)
    return items


def republish(sentences: list[str], rng: random.Random) -> str:
    """A copy as a republisher makes it: maybe trimmed, lightly edited, re-wrapped, with their own lines around it."""
    kept = sentences[: max(1, round(len(sentences) * rng.uniform(0.6, 1.0)))] if rng.random() < 0.5 else sentences
    words = " \n".join(kept).split(" ")
    for _ in range(int(len(words) * rng.uniform(0, 0.02))):  # edits: up to 2% of the words changed or dropped
        spot = rng.randrange(len(words))
        words[spot] = rng.choice(("", "reportedly", "the", words[spot].upper()))
    body = _rewrap(" ".join(w for w in words if w), rng.choice((60, 80, 100, 10_000)))
    head, foot = rng.choice(_WRAPPERS)
    fields = {"outlet": rng.choice(_OUTLETS), "date": f"September {rng.randint(1, 28)}, 2016"}
    return head.format(**fields) + body + foot.format(**fields)


def _rewrap(text: str, width: int) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def true_pairs(items: Iterable[Synthetic]) -> set[frozenset[int]]:
    stories: dict[int, list[int]] = {}
    for item in items:
        stories.setdefault(item.story, []).append(item.key)
    return {frozenset(p) for keys in stories.values() for p in combinations(keys, 2)}


def cluster_pairs(clusters: Iterable[set[int]]) -> set[frozenset[int]]:
    return {frozenset(p) for members in clusters for p in combinations(sorted(members), 2)}


@dataclass
class DedupResult:
    articles: int
    copies: int
    seconds: float
    recall: float
    precision: float
    clusters: int


def measure_dedup(items: list[Synthetic], threshold: float = dedup.THRESHOLD) -> DedupResult:
    """Time the whole near-duplicate pass (signatures, LSH, clusters) and score it against the ground truth."""
    started = time.perf_counter()
    signatures = ((item.key, dedup.signature(item.body)) for item in items)
    clusters = dedup.group(dedup.similar_pairs(((k, s) for k, s in signatures if s is not None), threshold))
    seconds = time.perf_counter() - started
    truth, found = true_pairs(items), cluster_pairs(clusters)
    hits = len(truth & found)
    return DedupResult(
        articles=len(items),
        copies=sum(item.is_copy for item in items),
        seconds=seconds,
        recall=hits / len(truth) if truth else 1.0,
        precision=hits / len(found) if found else 1.0,
        clusters=len(clusters),
    )


@dataclass
class BruteForceResult:
    sample: int
    seconds: float
    pairs_per_second: float
    found_pairs: int

    def extrapolate(self, articles: int) -> float:
        """Seconds brute force would take for ``articles`` (it grows with the square of the count)."""
        return articles * (articles - 1) / 2 / self.pairs_per_second


def measure_brute_force(items: list[Synthetic], sample: int, threshold: float = dedup.THRESHOLD) -> BruteForceResult:
    """Exact Jaccard of every pair of shingle sets in a sample: the baseline LSH avoids."""
    chosen = items[:sample]
    started = time.perf_counter()
    sets = [set(dedup.shingle_hashes(item.body).tolist()) for item in chosen]
    found = 0
    for a, b in combinations(sets, 2):
        union = len(a | b)
        if union and len(a & b) / union >= threshold:
            found += 1
    seconds = time.perf_counter() - started
    pairs = len(chosen) * (len(chosen) - 1) / 2
    return BruteForceResult(len(chosen), seconds, pairs / seconds, found)


@dataclass
class IngestRate:
    executor: str
    workers: int
    articles: int
    startup_seconds: float
    seconds: float

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds


def write_jsonl(items: Iterable[Synthetic], path: Path) -> Path:
    """The synthetic articles as a JSONL batch, the way a user would feed them to ``unspin corpus ingest``."""
    import json

    with path.open("w", encoding="utf-8") as handle:
        for item in items:
            record = {"id": f"synthetic-{item.key}", "title": item.title, "text": item.body}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def measure_ingest(batch: Path, workdir: Path, setups: Sequence[tuple[str, int]]) -> list[IngestRate]:
    """Articles/s of a full ingest (analysers, store) of ``batch`` for each (executor, workers) into a fresh store."""
    from unspin.corpus.executors import make_executor
    from unspin.corpus.ingest import ingest

    rates = []
    for kind, workers in setups:
        db = workdir / f"bench-{kind}-{workers}.sqlite"
        started = time.perf_counter()
        with make_executor(kind, workers=workers) as executor:
            ready = time.perf_counter()
            result = ingest([str(batch)], db, executor=executor)
            done = time.perf_counter()
        rates.append(IngestRate(kind, workers, result.added, ready - started, done - ready))
    return rates
