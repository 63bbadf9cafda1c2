"""A real ``unspin serve`` on 127.0.0.1 under slow and oversized clients: it keeps answering everyone else,
and refuses bodies over the limit without reading them. (The 408 for a body that never completes is
tested in-process with a short timeout in ``tests/hardening/test_security.py``.)"""

from __future__ import annotations

import socket
import time
from urllib.parse import urlsplit

import httpx
import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server]')")

from unspin import limits  # noqa: E402


def _connect(base: str) -> socket.socket:
    parts = urlsplit(base)
    assert parts.hostname == "127.0.0.1"  # never anything but loopback
    return socket.create_connection((parts.hostname, parts.port), timeout=10)


def test_slow_clients_do_not_block_the_others(live_server):
    stalled = []
    try:
        for n in range(40):
            sock = _connect(live_server)
            if n % 2:  # headers that never end
                sock.sendall(b"POST /api/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            else:  # a body promised and never sent
                sock.sendall(b"POST /api/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                             b"Content-Length: 1000\r\n\r\n{\"text\": \"")
            stalled.append(sock)
        began = time.monotonic()
        health = httpx.get(live_server + "/healthz", timeout=10)
        answer = httpx.post(live_server + "/api/analyze", json={"text": "Title\n\nOn time, reportedly."}, timeout=60)
        assert health.status_code == 200 and answer.status_code == 200
        assert time.monotonic() - began < 30
    finally:
        for sock in stalled:
            sock.close()


def test_oversized_bodies_are_refused_unread(live_server):
    sock = _connect(live_server)
    try:
        sock.sendall(b"POST /api/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     + f"Content-Length: {limits.MAX_INPUT_BYTES + 1}\r\n\r\n".encode() + b"{\"text\": \"x")
        began = time.monotonic()
        head = sock.recv(200)
        assert head.startswith(b"HTTP/1.1 413") and time.monotonic() - began < 5
    finally:
        sock.close()

    def chunks():
        piece = b"x" * (1024 * 1024)
        for _ in range(limits.MAX_INPUT_BYTES // len(piece) + 2):
            yield piece

    try:
        response = httpx.post(live_server + "/api/analyze", content=chunks(),
                              headers={"content-type": "application/json"}, timeout=60)
        assert response.status_code == 413
    except httpx.HTTPError:
        pass  # the server may close the connection mid-upload instead; either way it did not take the body
    assert httpx.get(live_server + "/healthz", timeout=10).status_code == 200
