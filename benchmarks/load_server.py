"""Bounded load test of ``unspin serve``: N concurrent analyses on 127.0.0.1, then a verdict.

Sends ``--count`` POST /api/analyze requests at once (at most ``--concurrency`` open connections)
and passes when every request got an answer and the only 5xx answers are 503 with a Retry-After
header (the server's deliberate "busy" refusal). Without ``--url`` it starts ``unspin serve`` itself
on a free port and stops it afterwards. Only loopback addresses are accepted.

    python benchmarks/load_server.py --count 200 --concurrency 200
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import httpx

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO.parent / "shared" / "samples" / "globalresearch-rt-deir-ez-zor.txt"
MAX_COUNT = 1000
FALLBACK = (
    "Coincidence: offensive launched straight after the strike?\n\n"
    + "If Russia bombed allies just as the US 'mistakenly' did, the envoy would protest, analysts said. "
    "The so-called \"moderate\" rebels reportedly advanced, according to the ministry. " * 20
)


@dataclass
class Outcome:
    status: int | None  # None: no HTTP answer (connection error or client timeout)
    seconds: float
    retry_after: bool
    attempts: int = 1
    error: str = ""


async def one_request(client: httpx.AsyncClient, url: str, text: str, retries: int) -> Outcome:
    """One analysis; with ``retries`` > 0 a 503 is retried after the Retry-After it carries."""
    start = time.perf_counter()
    for attempt in range(1, retries + 2):
        try:
            response = await client.post(url + "/api/analyze", json={"text": text})
        except httpx.HTTPError as exc:
            return Outcome(None, time.perf_counter() - start, False, attempt, f"{type(exc).__name__}: {exc}")
        retry_after = response.headers.get("retry-after")
        if response.status_code != 503 or not retry_after or attempt > retries:
            break
        await asyncio.sleep(float(retry_after))
    return Outcome(response.status_code, time.perf_counter() - start, retry_after is not None, attempt)


async def run_load(url: str, text: str, count: int, concurrency: int, timeout_s: float, retries: int) -> tuple[list[Outcome], float]:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=timeout_s) as client:
        start = time.perf_counter()
        outcomes = await asyncio.gather(*(one_request(client, url, text, retries) for _ in range(count)))
        return list(outcomes), time.perf_counter() - start


def summarise(outcomes: list[Outcome], wall_s: float, concurrency: int) -> dict:
    """Counts per status, latency percentiles of answered requests, and the pass/fail verdict."""
    statuses = Counter(str(o.status) if o.status is not None else "no answer" for o in outcomes)
    bad = [o for o in outcomes if o.status is None or (o.status >= 500 and not (o.status == 503 and o.retry_after))]
    ok = sorted(o.seconds for o in outcomes if o.status == 200)
    refused = sorted(o.seconds for o in outcomes if o.status == 503)

    def pct(values: list[float], q: float) -> float | None:
        return round(values[min(len(values) - 1, int(q * len(values)))], 3) if values else None

    return {
        "requests": len(outcomes),
        "concurrency": concurrency,
        "wall_s": round(wall_s, 2),
        "statuses": dict(sorted(statuses.items())),
        "ok_latency_s": {"p50": pct(ok, 0.5), "p95": pct(ok, 0.95), "max": pct(ok, 1.0),
                         "mean": round(statistics.fmean(ok), 3) if ok else None},
        "refused_latency_s": {"p50": pct(refused, 0.5), "max": pct(refused, 1.0)},
        "analyses_per_s": round(len(ok) / wall_s, 1) if wall_s else None,
        "retried_requests": sum(o.attempts > 1 for o in outcomes),
        "errors": sorted({o.error or str(o.status) for o in bad}),
        "passed": not bad,
    }


@contextmanager
def local_server(speakers: str = "learned") -> Iterator[str]:
    """``unspin serve --speakers SPEAKERS`` on a free loopback port, until the block ends."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO / "src"), env.get("PYTHONPATH")) if p)
    command = [sys.executable, "-c", "from unspin.cli import main; main()", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--speakers", speakers]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            if process.poll() is not None:
                raise SystemExit(f"unspin serve exited with {process.returncode}")
            try:
                if httpx.get(url + "/healthz", timeout=2).json().get("ready"):
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("unspin serve did not become ready in 180 s")
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server on 127.0.0.1/localhost (default: start one)")
    parser.add_argument("--count", type=int, default=200, help=f"requests to send (at most {MAX_COUNT})")
    parser.add_argument("--concurrency", type=int, default=200, help="connections open at once")
    parser.add_argument("--article", type=Path, help="a .txt article to send (default: the shared sample)")
    parser.add_argument("--timeout", type=float, default=300.0, help="client timeout per request, seconds")
    parser.add_argument("--retries", type=int, default=0, help="retry a 503 this many times after its Retry-After")
    parser.add_argument("--speakers", choices=("learned", "rules"), default="learned",
                        help="the started server's --speakers (who names quotes' speakers)")
    args = parser.parse_args(argv)
    if not 1 <= args.count <= MAX_COUNT or not 1 <= args.concurrency <= args.count:
        parser.error(f"need 1 <= --concurrency <= --count <= {MAX_COUNT}")
    if args.url and urlsplit(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        parser.error("only a server on this machine (127.0.0.1) may be load-tested")
    path = args.article or (SAMPLE if SAMPLE.is_file() else None)
    text = path.read_text(encoding="utf-8") if path else FALLBACK

    def run(url: str) -> dict:
        outcomes, wall_s = asyncio.run(run_load(url.rstrip("/"), text, args.count, args.concurrency, args.timeout, args.retries))
        return summarise(outcomes, wall_s, args.concurrency)

    if args.url:
        result = run(args.url)
    else:
        with local_server(args.speakers) as url:
            result = run(url)
    result["article_chars"] = len(text)
    result["retries_allowed"] = args.retries
    print(json.dumps(result, indent=2))
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
