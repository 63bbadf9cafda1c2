"""Fuzzing the HTTP API in-process (FastAPI TestClient): a known 4xx with a JSON error, or a valid report."""

from __future__ import annotations

import fuzz
import pytest
from hypothesis import given, settings

pytest.importorskip("fastapi", reason="the server extra is not installed")


@pytest.fixture(scope="module")
def client():
    from fastapi.testclient import TestClient

    from unspin.server.app import create_app

    with TestClient(create_app(), raise_server_exceptions=False) as test_client:
        yield test_client


@settings(settings.get_profile("hardening"), max_examples=50)
@given(fuzz.server_requests())
def test_api_answers_any_request_without_a_server_error(client, request):
    fuzz.check_server(client, request)
