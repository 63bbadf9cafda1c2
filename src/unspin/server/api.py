"""The REST API: analyse an article (JSON or upload), render the HTML report, list the labels."""

from __future__ import annotations

from typing import Any, Callable

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from unspin import __version__
from unspin.errors import ReportError
from unspin.ingest import RawArticle
from unspin.limits import MAX_ARTICLE_CHARS
from unspin.render.legend import label_style
from unspin.report import SCHEMA, Report
from unspin.rhetoric.kinds import KINDS
from unspin.server import inputs
from unspin.server.errors import ApiError
from unspin.server.gate import AnalysisGate
from unspin.techniques.definitions import TECHNIQUES

#: Turns one read article into a report; the real pipeline by default, a fake in unit tests.
Analyse = Callable[[RawArticle], Report]

_ARTICLE_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": inputs.ArticleIn.model_json_schema()},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {"type": "string", "format": "binary", "description": "a .txt or .html article"},
                    "url": {"type": "string"},
                    "outlet": {"type": "string"},
                },
            }
        },
    },
}

_REPORT_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "oneOf": [
                    inputs.ArticleIn.model_json_schema(),
                    {"type": "object", "description": f"an {SCHEMA} report, rendered without analysing again",
                     "required": ["schema", "text"]},
                ]
            }
        },
        "multipart/form-data": _ARTICLE_BODY["content"]["multipart/form-data"],
    },
}

_ERRORS = {
    code: {"description": text, "content": {"application/json": {"example": {"error": text}}}}
    for code, text in {
        400: "malformed JSON or upload",
        413: "request body over the size limit",
        415: "unsupported content or file type",
        422: "invalid fields, or an article unspin cannot analyse",
        503: "server busy (see Retry-After)",
        504: "analysis timed out",
    }.items()
}


def router(analyse: Analyse, gate: AnalysisGate, is_ready: Callable[[], bool]) -> APIRouter:
    api = APIRouter()

    @api.post(
        "/api/analyze",
        summary="Analyse one article",
        description=f"JSON `{{\"text\": ...}}` or `{{\"html\": ..., \"url\": ...}}`, or a multipart upload "
        f"of a `.txt`/`.html` file in the field `file`. Returns the `{SCHEMA}` report.",
        openapi_extra={"requestBody": _ARTICLE_BODY},
        responses={**_ERRORS, 200: {"description": f"the {SCHEMA} report", "content": {"application/json": {}}}},
    )
    async def analyze(request: Request) -> JSONResponse:
        raw = await _article(request)
        return JSONResponse(await gate.run(lambda: analyse(raw).to_dict()))

    @api.post(
        "/api/report.html",
        summary="The standalone HTML report",
        description=f"Same inputs as `/api/analyze`, or an `{SCHEMA}` report (as returned by it) to render "
        "without analysing again. Returns one self-contained HTML file.",
        openapi_extra={"requestBody": _REPORT_BODY},
        responses={**_ERRORS, 200: {"content": {"text/html": {}}, "description": "the HTML report"}},
        response_class=HTMLResponse,
    )
    async def report_html(request: Request) -> HTMLResponse:
        from unspin.render.html import render_html

        if inputs.media_type(request) == "application/json":
            data = await inputs.read_json_object(request)
            if "schema" in data:
                return HTMLResponse(await gate.run(render_html, _report_from(data)))
            raw = inputs.article_from_json(data)
        else:
            raw = await _article(request)
        return HTMLResponse(await gate.run(lambda: render_html(analyse(raw))))

    @api.get("/api/techniques", summary="Labels with titles, definitions and colours")
    async def techniques() -> dict[str, list[dict[str, str]]]:
        return {
            "techniques": [_label("techniques", name) for name in TECHNIQUES],
            "findings": [_label("findings", name) for name in KINDS],
        }

    @api.get("/healthz", summary="Liveness, and whether the models are warm")
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "ready": is_ready(), "busy": gate.busy}

    return api


async def _article(request: Request) -> RawArticle:
    kind = inputs.media_type(request)
    if kind == "application/json":
        return inputs.article_from_json(await inputs.read_json_object(request))
    if kind == "multipart/form-data":
        return await inputs.article_from_upload(request)
    raise ApiError(415, f"unsupported content type {kind or '(none)'!r}; send application/json or multipart/form-data")


def _report_from(data: dict[str, Any]) -> Report:
    """A posted report is untrusted too: any shape error is the caller's (422), never a crash."""
    if len(str(data.get("text", ""))) > MAX_ARTICLE_CHARS:
        raise ApiError(422, f"report text is over the limit of {MAX_ARTICLE_CHARS:,} characters")
    try:
        return Report.from_dict(data)
    except ReportError as exc:
        raise ApiError(422, str(exc)) from None
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise ApiError(422, f"malformed report: {exc}") from None


def _label(layer: str, name: str) -> dict[str, str]:
    style = label_style(layer, name)
    return {"name": name, "title": style.title, "definition": style.description, "colour": style.colour,
            "paint": style.paint}
