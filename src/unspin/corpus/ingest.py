"""Ingest: read inputs, analyse the new ones through an executor, and write each outcome to the store.

Resumable and idempotent: an input already stored is skipped before analysis (by a hash of the
input), and an article is stored at most once (by a unique hash of its cleaned text and metadata),
each in its own transaction, so a run killed at any point loses at most the articles in flight
and a re-run picks up exactly where it stopped. Inputs that fail are recorded by name with their
reason and tried again on the next run (a success clears the record).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from unspin.corpus import dedup, store
from unspin.corpus.executors import Executor, LocalExecutor
from unspin.corpus.store import Analysed, Failed
from unspin.document import Document
from unspin.errors import InputError, ModelError
from unspin.ingest import RawArticle
from unspin.ingest.files import iter_inputs
from unspin.pipeline import Analyser, analyze_document, build_document

#: Inputs sent to a worker at once: big enough to amortise the round trip, small enough to lose little.
BATCH_SIZE = 8


@dataclass
class IngestResult:
    added: int = 0
    duplicates: int = 0  # new inputs whose article was already stored (same cleaned text and metadata)
    skipped: int = 0  # inputs stored by an earlier run
    failed: int = 0

    @property
    def seen(self) -> int:
        return self.added + self.duplicates + self.skipped + self.failed


def record_id(raw: RawArticle) -> str:
    """The id a listing shows: the input's ``id`` field, else the file name (``batch.jsonl:7`` for a record)."""
    return raw.source.id or Path(raw.name).name


def _digest(parts: Sequence[str | None]) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def input_hash(raw: RawArticle) -> str:
    """Identity of an input before analysis: what it says and the metadata it carries."""
    src = raw.source
    return _digest([record_id(raw), raw.text, raw.html, src.url, src.outlet, src.published])


def content_hash(doc: Document, rid: str) -> str:
    """Identity of an article: its cleaned text, title and metadata (republisher wrapping excluded)."""
    src = doc.source
    return _digest([rid, doc.title, doc.text, src.url, src.outlet, src.published])


def analyse(raw: RawArticle, analysers: Sequence[Analyser] | None = None) -> Analysed | Failed:
    """Clean, analyse and sign one input (runs on a worker)."""
    try:
        doc = build_document(raw)
        report = analyze_document(doc, analysers)
    except InputError as exc:
        return Failed(raw.name, exc.reason)
    except ModelError:
        raise  # every article would fail the same way: stop the run instead
    except Exception as exc:  # noqa: BLE001 - one broken article must not end a corpus run; it is logged and retried
        return Failed(raw.name, f"analysis failed: {type(exc).__name__}: {exc}")
    rid = record_id(raw)
    body_start = doc.title_end
    return Analysed(
        input_hash=input_hash(raw),
        input_name=raw.name,
        record_id=rid,
        content_hash=content_hash(doc, rid),
        report=report.to_dict(),
        body_start=body_start,
        minhash=dedup.signature_bytes(doc.text[body_start:]),
    )


def analyse_batch(raws: list[RawArticle], analysers: Sequence[Analyser] | None = None) -> list[Analysed | Failed]:
    return [analyse(raw, analysers) for raw in raws]


def count_inputs(paths: Sequence[str]) -> int:
    """How many inputs ``paths`` hold (one reading pass), for the progress bar's total and ETA."""
    return sum(1 for _ in iter_inputs(paths))


def ingest(
    paths: Sequence[str],
    db: str | Path,
    *,
    executor: Executor | None = None,
    analysers: Sequence[Analyser] | None = None,
    batch_size: int = BATCH_SIZE,
    on_progress: Callable[[IngestResult], None] | None = None,
) -> IngestResult:
    """Analyse every new input of ``paths`` into the store at ``db``; return what happened to the inputs."""
    conn = store.open_store(db)
    result = IngestResult()
    report = on_progress or (lambda _: None)
    try:
        todo = _unseen(conn, iter_inputs(paths), result, report)
        for outcomes in (executor or LocalExecutor()).map(analyse_batch, _batches(todo, batch_size), analysers):
            for outcome in outcomes:
                _tally(result, outcome, store.save(conn, outcome))
                report(result)
    finally:
        conn.close()
    return result


def _unseen(
    conn, inputs: Iterable[RawArticle | InputError], result: IngestResult, report: Callable[[IngestResult], None]
) -> Iterator[RawArticle]:
    """Inputs not stored yet; unreadable ones are recorded as failures right here (they need no analysis)."""
    for item in inputs:
        if isinstance(item, InputError):
            store.save(conn, Failed(item.source, item.reason))
            result.failed += 1
        elif store.is_known(conn, input_hash(item)):
            result.skipped += 1
        else:
            yield item
            continue
        report(result)


def _batches(items: Iterable[RawArticle], size: int) -> Iterator[list[RawArticle]]:
    batch: list[RawArticle] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _tally(result: IngestResult, outcome: Analysed | Failed, added: bool) -> None:
    if isinstance(outcome, Failed):
        result.failed += 1
    elif added:
        result.added += 1
    else:
        result.duplicates += 1
