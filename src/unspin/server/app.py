"""The app factory: wires the API, the web page, the limits and the security headers together."""

from __future__ import annotations

import logging
import os
import threading
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import AsyncIterator

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from unspin import __version__, limits
from unspin.errors import InputError, UnspinError
from unspin.ingest import RawArticle
from unspin.report import Report
from unspin.server import api, docs
from unspin.server.errors import ApiError, error_response, handle_api_error
from unspin.server.gate import AnalysisGate
from unspin.server.middleware import BodySizeLimit, SecurityHeaders

STATIC = Path(__file__).with_name("static")
log = logging.getLogger("unspin.server")

#: Analysed once at start-up so the first real request does not pay for loading the models.
_WARM_UP = RawArticle(
    name="<warm-up>",
    text='Warm-up\n\nOfficials said the "plan" may work, analysts say. Is it a coincidence? '
    '"We will see," the minister told reporters on Monday.',
)


#: ``rules``: the server's analyses name quotes' speakers by the rules alone (``unspin serve --speakers``
#: sets it, so that every server process reads the same choice).
SPEAKERS_VARIABLE = "UNSPIN_SPEAKERS"


def _learned_speakers_from_environment() -> bool:
    return os.environ.get(SPEAKERS_VARIABLE, "learned") != "rules"


@dataclass(frozen=True)
class ServerSettings:
    """Limits of one server process (the body cap comes from :mod:`unspin.limits`)."""

    workers: int = 2  #: analyses running at once, each on its own thread (CPU-bound)
    queue: int = 30  #: admitted requests waiting for a worker; beyond it the answer is 503
    timeout_s: float = 120.0  #: a request waiting longer for its analysis gets 504
    body_timeout_s: float = 30.0  #: a request body still arriving after this long gets 408 (slow-body clients)
    retry_after_s: int = 5  #: the Retry-After sent with a 503
    max_body_bytes: int = limits.MAX_INPUT_BYTES
    #: the learned attributor names quotes' speakers (False: the rules alone, faster)
    learned_speakers: bool = field(default_factory=_learned_speakers_from_environment)


def create_app(analyse: api.Analyse | None = None, settings: ServerSettings | None = None) -> FastAPI:
    """The ASGI app. ``analyse`` defaults to the full pipeline, with the analysers built once here."""
    settings = settings or ServerSettings()
    analyse = analyse or pipeline_analyse(settings.learned_speakers)
    gate = AnalysisGate(
        workers=settings.workers,
        queue=settings.queue,
        timeout_s=settings.timeout_s,
        retry_after_s=settings.retry_after_s,
    )
    warm = _WarmOnce(analyse)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        gate.submit_background(warm.ensure)
        yield
        gate.close()

    app = FastAPI(
        title="unspin",
        version=__version__,
        description="How a news article tries to persuade, whom it quotes and where it comes from.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.include_router(api.router(warm.analyse, gate, warm.is_done))
    docs.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    _add_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes, timeout_s=settings.body_timeout_s)
    app.add_middleware(SecurityHeaders)  # added last = outermost, so every answer carries the headers
    return app


def pipeline_analyse(learned_speakers: bool = True) -> api.Analyse:
    """The real pipeline: build the document, then run the default analysers (models load once, lazily)."""
    from unspin.pipeline import analyze_document, build_document, default_analysers

    analysers = default_analysers(learned_speakers)

    def analyse(raw: RawArticle) -> Report:
        return analyze_document(build_document(raw), analysers)

    return analyse


class _WarmOnce:
    """Runs one warm-up analysis before any real one, so lazily loaded models load once, in one thread.

    Start-up warms in the background; a request arriving earlier waits for that warm-up (or does it,
    when the app runs without its lifespan) instead of loading the same models concurrently.
    """

    def __init__(self, analyse: api.Analyse) -> None:
        self._analyse = analyse
        self._lock = threading.Lock()
        self._done = False

    def ensure(self) -> None:
        if self._done:
            return
        with self._lock:
            if self._done:
                return
            try:
                self._analyse(_WARM_UP)
            except Exception:  # the server still answers; the request that needs the model shows the error
                log.exception("warming the analysers failed")
            self._done = True

    def is_done(self) -> bool:
        return self._done

    def analyse(self, raw: RawArticle) -> Report:
        self.ensure()
        return self._analyse(raw)


def _add_error_handlers(app: FastAPI) -> None:
    """Every error leaves as JSON ``{"error": message}``."""

    async def input_error(request: Request, exc: Exception) -> JSONResponse:
        return error_response(422, str(exc))

    async def unspin_error(request: Request, exc: Exception) -> JSONResponse:
        log.error("analysis failed: %s", exc)
        return error_response(500, f"analysis failed: {exc}")

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        return error_response(exc.status_code, str(exc.detail), exc.headers)

    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return error_response(500, "internal server error")

    app.add_exception_handler(ApiError, handle_api_error)
    app.add_exception_handler(InputError, input_error)
    app.add_exception_handler(UnspinError, unspin_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, unexpected)
