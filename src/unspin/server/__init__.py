"""``unspin serve``: the web page and REST API over the Python API (no analysis logic here).

Needs the ``server`` extra (FastAPI, uvicorn, python-multipart).
"""

from __future__ import annotations

from unspin.server.app import ServerSettings, create_app

__all__ = ["ServerSettings", "create_app"]
