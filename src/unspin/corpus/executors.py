"""Where analysis runs: in this process (``local``) or on a Dask cluster (``dask``).

An executor maps a function over batches of inputs and yields each batch's results back to the
caller, which is the only process that writes the store. Results may come back in any order.
At most a few batches per worker are in flight, so memory stays flat however big the corpus.
"""

from __future__ import annotations

import logging
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Protocol

#: Batches in flight per worker: enough to keep workers busy while the writer stores results.
BATCHES_PER_WORKER = 2


class Executor(Protocol):
    def map(self, fn: Callable[..., Any], batches: Iterable[Any], *args: Any) -> Iterator[Any]: ...

    def close(self) -> None: ...


class _Closing:
    """``with make_executor(...) as executor:`` closes the executor (and its cluster) however the block ends."""

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class LocalExecutor(_Closing):
    """Everything in this process, one batch after another: the reference the others must match."""

    workers = 1

    def map(self, fn: Callable[..., Any], batches: Iterable[Any], *args: Any) -> Iterator[Any]:
        for batch in batches:
            yield fn(batch, *args)


class DaskExecutor(_Closing):
    """Batches analysed on Dask workers: a new LocalCluster of ``workers`` processes, or the cluster at ``scheduler``.

    Workers need unspin installed (the same version) and load models once per process; only
    inputs and result records cross the network, and the store stays with this client.
    """

    def __init__(self, scheduler: str | None = None, workers: int = 2) -> None:
        from dask.distributed import Client, LocalCluster

        self._cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self._cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                silence_logs=logging.ERROR,  # start-up and shutdown chatter would break the progress bar
            )
            self.client = Client(self._cluster)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, fn: Callable[..., Any], batches: Iterable[Any], *args: Any) -> Iterator[Any]:
        from dask.distributed import as_completed

        todo = iter(batches)

        def submit(batch: Any) -> Any:
            return self.client.submit(fn, batch, *args, pure=False)

        running = as_completed([submit(b) for b in islice(todo, self.workers * BATCHES_PER_WORKER)])
        for future in running:
            result = future.result()
            future.release()
            following = next(todo, None)
            if following is not None:
                running.add(submit(following))
            yield result

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_executor(kind: str = "local", *, scheduler: str | None = None, workers: int = 2) -> Executor:
    """The executor named on the command line (``local`` or ``dask``)."""
    if kind == "local":
        return LocalExecutor()
    if kind == "dask":
        return DaskExecutor(scheduler, workers)
    raise ValueError(f"unknown executor {kind!r} (choose local or dask)")
