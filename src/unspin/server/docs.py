"""OpenAPI docs at ``/docs`` with Swagger UI served from this process (no CDN, no inline script).

FastAPI's built-in page loads Swagger UI from a CDN and starts it with an inline script, which a
strict Content-Security-Policy forbids; the ``swagger-ui-bundle`` package ships the same files.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

DOCS_PAGE = Path(__file__).with_name("static") / "docs.html"


def install(app: FastAPI) -> None:
    """Add ``/docs`` (the page) and ``/docs/assets`` (Swagger UI's own files) to ``app``."""
    app.mount("/docs/assets", StaticFiles(directory=swagger_ui_path), name="swagger-ui")

    @app.get("/docs", include_in_schema=False)
    async def swagger() -> FileResponse:
        return FileResponse(DOCS_PAGE)
