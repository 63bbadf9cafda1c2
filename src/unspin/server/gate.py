"""Bounded analysis: a few worker threads, a short queue, and a clear refusal when both are full.

Analysis is CPU-bound and blocking, so it never runs on the event loop. Requests beyond
``workers + queue`` are refused at once (503 + Retry-After) instead of piling up; a request that
waits longer than ``timeout_s`` gets a 504 while its thread finishes (its slot is freed only then,
so timed-out work still counts against the bound).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable, TypeVar

from unspin.server.errors import ApiError

T = TypeVar("T")


class AnalysisGate:
    def __init__(self, *, workers: int, queue: int, timeout_s: float, retry_after_s: int) -> None:
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="unspin-analysis")
        self._capacity = workers + queue
        self._admitted = 0
        self._timeout_s = timeout_s
        self._retry_after_s = retry_after_s

    @property
    def busy(self) -> int:
        """Requests admitted and not yet finished (running or queued)."""
        return self._admitted

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        """Run ``fn(*args)`` on a worker thread, or refuse with 503 when the gate is full."""
        if self._admitted >= self._capacity:
            raise ApiError(
                503,
                f"server busy: {self._admitted} analyses in progress; retry in {self._retry_after_s} s",
                # Closing the connection frees it now, and a client retrying after Retry-After
                # does not race the server's keep-alive timeout on a stale connection.
                {"Retry-After": str(self._retry_after_s), "Connection": "close"},
            )
        self._admitted += 1
        loop = asyncio.get_running_loop()
        future = self._executor.submit(fn, *args)
        future.add_done_callback(lambda _: _call_in_loop(loop, self._release))
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self._timeout_s)
        except asyncio.TimeoutError:
            raise ApiError(504, f"analysis took longer than {self._timeout_s:g} s") from None

    def submit_background(self, fn: Callable[[], object]) -> Future:
        """Start ``fn`` on a worker without a slot (used to warm the models at start-up)."""
        return self._executor.submit(fn)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _release(self) -> None:
        self._admitted -= 1


def _call_in_loop(loop: asyncio.AbstractEventLoop, fn: Callable[[], None]) -> None:
    """Thread-safe callback into the event loop; a loop already closed at shutdown is ignored."""
    try:
        loop.call_soon_threadsafe(fn)
    except RuntimeError:
        pass
