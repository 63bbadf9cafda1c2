"""Request bodies -> :class:`RawArticle`: JSON (``text`` or ``html``) or a multipart file upload.

Everything here is untrusted: the upload's file name only picks the reader by its suffix and is
never used as a path.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request

from unspin.document import Source
from unspin.ingest import RawArticle
from unspin.ingest.files import HTML_SUFFIXES, TEXT_SUFFIXES
from unspin.ingest.text import decode, scrub
from unspin.server.errors import ApiError

UPLOAD_SUFFIXES = tuple(sorted(TEXT_SUFFIXES | HTML_SUFFIXES))

#: Multipart form field names other than the file that an upload may carry.
_UPLOAD_FIELDS = ("url", "outlet")


class ArticleIn(BaseModel):
    """An article as JSON: plain ``text`` (optionally with ``title``) or a web page's ``html``."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = None
    html: str | None = None
    title: str | None = Field(None, max_length=1_000)
    url: str | None = Field(None, max_length=2_048)
    outlet: str | None = Field(None, max_length=200)

    @model_validator(mode="after")
    def _one_body(self) -> "ArticleIn":
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        if self.html is not None and self.title is not None:
            raise ValueError("'title' goes with 'text'; an HTML page carries its own title")
        return self

    def to_raw(self) -> RawArticle:
        source = Source(url=self.url, outlet=self.outlet)
        if self.html is not None:
            return RawArticle(name="<request html>", html=self.html, source=source)
        text = f"{self.title.strip()}\n\n{self.text}" if self.title else self.text
        return RawArticle(name="<request text>", text=text, source=source)


async def read_json_object(request: Request) -> dict[str, Any]:
    """The body as a JSON object, or 400 when it is not one."""
    try:
        data = json.loads(await request.body(), object_pairs_hook=_scrubbed)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ApiError(400, f"malformed JSON: {exc}") from None
    except RecursionError:
        raise ApiError(400, "malformed JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise ApiError(400, "the JSON body must be an object")
    return data


def _scrubbed(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object's keys and string values without lone surrogates ("\\ud800"), which no answer could encode.

    json calls this for every object, innermost first, so nested objects are already clean; strings
    in arrays are cleaned here, arrays of arrays too.
    """
    return {scrub(key): _scrubbed_value(value) for key, value in pairs}


def _scrubbed_value(value: Any) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        stack, top = [value], value
        while stack:  # iterative: a deeply nested array must not exhaust the recursion limit
            items = stack.pop()
            for i, item in enumerate(items):
                if isinstance(item, str):
                    items[i] = scrub(item)
                elif isinstance(item, list):
                    stack.append(item)
        return top
    return value


def article_from_json(data: dict[str, Any]) -> RawArticle:
    try:
        return ArticleIn.model_validate(data).to_raw()
    except ValidationError as exc:
        raise ApiError(422, _validation_message(exc)) from None


async def article_from_upload(request: Request) -> RawArticle:
    """The uploaded ``file`` (``.txt``/``.html`` and kin) decoded like a file on disk."""
    try:
        form = await request.form(max_files=1, max_fields=len(_UPLOAD_FIELDS))
    except HTTPException as exc:  # Starlette's answer to a multipart body it cannot parse
        raise ApiError(400, f"malformed upload: {exc.detail}") from None
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise ApiError(422, "the upload needs a file in the form field 'file'")
    suffix = _suffix(upload.filename or "")
    if suffix not in UPLOAD_SUFFIXES:
        raise ApiError(415, f"unsupported file type {suffix or '(none)'!r}; upload one of {', '.join(UPLOAD_SUFFIXES)}")
    name = f"<upload{suffix}>"
    content = decode(await upload.read(), name=name)
    fields = {key: value for key in _UPLOAD_FIELDS if isinstance(value := form.get(key), str) and value}
    source = Source(**fields)
    if suffix in HTML_SUFFIXES:
        return RawArticle(name=name, html=content, source=source)
    return RawArticle(name=name, text=content, source=source)


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _suffix(filename: str) -> str:
    """The lower-case suffix of an untrusted file name (either slash counts as a separator)."""
    return PurePosixPath(filename.replace("\\", "/")).suffix.lower()


def _validation_message(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)
