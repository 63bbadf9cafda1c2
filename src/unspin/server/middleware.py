"""ASGI middleware: a cap on request body size, and security headers on every response."""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from unspin.server.errors import ApiError, error_response

#: For the web page: only our own files, nothing inline, no framing, no plugins.
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

#: Swagger UI (self-hosted) sets inline styles from its script; it still loads nothing foreign.
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)

#: The standalone HTML report carries its own hash-based policy in a <meta> tag (only its exact
#: inline style and script run); the header adds a sandbox, so it runs in an opaque origin apart
#: from this site, and forbids framing, plugins, forms and <base>.
REPORT_CSP = "sandbox allow-scripts; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"


class BodySizeLimit:
    """Refuse bodies over ``max_bytes``: by Content-Length before reading, and by counting while streaming.

    A body must also arrive within ``timeout_s`` of its first read (408 otherwise), so a client that
    trickles bytes cannot hold a connection and a request slot for ever.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, timeout_s: float = 30.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await error_response(413, self._message())(scope, receive, send)
            return
        received = 0
        deadline: float | None = None
        complete = False

        async def counted_receive() -> Message:
            nonlocal received, deadline, complete
            if complete:  # after the body only a disconnect can come, whenever it comes
                return await receive()
            loop = asyncio.get_running_loop()
            deadline = deadline or loop.time() + self.timeout_s
            try:
                message = await asyncio.wait_for(receive(), max(deadline - loop.time(), 0.0))
            except asyncio.TimeoutError:
                raise ApiError(408, f"request body not received within {self.timeout_s:g} s") from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise ApiError(413, self._message())
                complete = not message.get("more_body", False)
            return message

        await self.app(scope, counted_receive, send)

    def _message(self) -> str:
        return f"request body is over the size limit of {self.max_bytes:,} bytes"


class SecurityHeaders:
    """Content-Security-Policy (strict, looser only where the page needs it) plus nosniff and friends."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = _csp_for(scope["path"]).encode()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                headers += [
                    (b"content-security-policy", csp),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _csp_for(path: str) -> str:
    if path == "/docs" or path.startswith("/docs/"):
        return DOCS_CSP
    if path == "/api/report.html":
        return REPORT_CSP
    return STRICT_CSP


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
