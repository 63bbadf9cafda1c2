"""The HTTP layer in process (FastAPI TestClient) with a fake analysis: inputs, every error status,
limits, concurrency and the security headers. The real pipeline is exercised end to end elsewhere."""

from __future__ import annotations

import re
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server]')")
from fastapi.testclient import TestClient  # noqa: E402

from unspin.document import Span  # noqa: E402
from unspin.ingest import RawArticle  # noqa: E402
from unspin.pipeline import build_document  # noqa: E402
from unspin.report import SCHEMA, Report  # noqa: E402
from unspin.server import ServerSettings, create_app  # noqa: E402
from unspin.server.app import STATIC  # noqa: E402
from unspin.techniques.definitions import TECHNIQUES  # noqa: E402

ARTICLE = "Officials reportedly said the plan may work.\n\nCritics called it a \"reform\"."


def fake_analyse(raw: RawArticle) -> Report:
    """Real ingest, fake analysis: one hedge span on the first word, so the HTTP layer has a span to carry."""
    doc = build_document(raw)
    first = doc.text.split(maxsplit=1)[0]
    doc.add("findings", Span(0, len(first), "hedge", 0.5, "fake finding"))
    return Report(doc)


def client_for(analyse=fake_analyse, **settings) -> TestClient:
    return TestClient(create_app(analyse, ServerSettings(**settings)), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client():
    with client_for() as test_client:
        yield test_client


def assert_error(response, status: int, fragment: str = "") -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and isinstance(body["error"], str) and body["error"]
    assert fragment.lower() in body["error"].lower()
    return body


# ---------------------------------------------------------------- successful analyses


def test_json_text_returns_the_report_schema(client):
    response = client.post("/api/analyze", json={"text": ARTICLE, "title": "A title", "url": "https://example.org/a"})
    assert response.status_code == 200
    report = response.json()
    assert report["schema"] == SCHEMA
    assert report["title"] == "A title" and report["text"].startswith("A title\n\n")
    assert report["source"]["url"] == "https://example.org/a"
    assert report["findings"][0] == {
        "kind": "hedge", "start": 0, "end": 1, "text": "A", "score": 0.5, "explanation": "fake finding",
    }
    assert Report.from_dict(report).text == report["text"]


def test_json_html_is_extracted_before_analysis(client):
    page = "<html><head><title>Page title</title></head><body><article><p>" + "Body text here. " * 20 + "</p></article></body></html>"
    report = client.post("/api/analyze", json={"html": page, "url": "https://example.org/p"}).json()
    assert "<p>" not in report["text"] and "Body text here." in report["text"]
    assert report["source"]["url"] == "https://example.org/p"


@pytest.mark.parametrize("name", ["article.txt", "../../etc/passwd.txt", "C:\\temp\\a.TXT"])
def test_text_upload_uses_the_name_only_for_its_suffix(client, name):
    response = client.post("/api/analyze", files={"file": (name, ARTICLE.encode("utf-8"), "text/plain")})
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["text"].startswith("Officials") and report["source"]["path"] is None


def test_html_upload_with_url_field(client):
    page = b"<html><body><article><p>" + b"An uploaded page with text. " * 20 + b"</p></article></body></html>"
    response = client.post("/api/analyze", files={"file": ("page.html", page, "text/html")}, data={"url": "https://example.org/u"})
    assert response.status_code == 200, response.text
    assert "An uploaded page" in response.json()["text"]
    assert response.json()["source"]["url"] == "https://example.org/u"


# ---------------------------------------------------------------- every error status


@pytest.mark.parametrize("body", [b"{not json", b"\xff\xfe\x00", b"[1, 2]", b'"text"'])
def test_malformed_json_is_400(client, body):
    assert_error(client.post("/api/analyze", content=body, headers={"content-type": "application/json"}), 400)


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("multipart/form-data", b"no boundary given"),
        ("multipart/form-data; boundary=x", b"--x\r\nContent-Type: text/plain\r\n\r\nno disposition\r\n--x--\r\n"),
    ],
)
def test_malformed_multipart_is_400(client, content_type, body):
    response = client.post("/api/analyze", content=body, headers={"content-type": content_type})
    assert_error(response, 400, "malformed upload")


def test_body_over_the_cap_is_413_by_content_length():
    with client_for(max_body_bytes=1000) as small:
        assert_error(small.post("/api/analyze", json={"text": "x" * 2000}), 413, "size limit")


def test_body_over_the_cap_is_413_when_streamed_without_length():
    def chunks():
        for _ in range(10):
            yield b"x" * 300

    with client_for(max_body_bytes=1000) as small:
        response = small.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert "content-length" not in response.request.headers
        assert_error(response, 413, "size limit")


def test_upload_over_the_cap_is_413():
    with client_for(max_body_bytes=1000) as small:
        assert_error(small.post("/api/analyze", files={"file": ("a.txt", b"word " * 500)}), 413)


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", ""])
def test_other_content_types_are_415(client, content_type):
    headers = {"content-type": content_type} if content_type else {}
    assert_error(client.post("/api/analyze", content=b"hello", headers=headers), 415, "content type")


@pytest.mark.parametrize("name", ["report.pdf", "script.js", "noextension", "article.txt.exe"])
def test_other_file_types_are_415(client, name):
    assert_error(client.post("/api/analyze", files={"file": (name, b"some text")}), 415, "file type")


@pytest.mark.parametrize(
    "payload, fragment",
    [
        ({"text": "a", "html": "<p>b</p>"}, "exactly one"),
        ({}, "exactly one"),
        ({"text": 42}, "text"),
        ({"text": "a", "colour": "red"}, "colour"),
        ({"html": "<p>x</p>", "title": "t"}, "title"),
        ({"text": "a", "url": "https://example.org/" + "x" * 3000}, "url"),
    ],
)
def test_invalid_fields_are_422(client, payload, fragment):
    assert_error(client.post("/api/analyze", json=payload), 422, fragment)


def test_input_error_from_the_pipeline_is_422_with_its_reason(client):
    assert_error(client.post("/api/analyze", json={"text": "   \n  "}), 422, "no article text")
    assert_error(client.post("/api/analyze", files={"file": ("a.txt", b"\x00\x01\x02" * 50)}), 422, "binary")


def test_upload_without_a_file_field_is_422(client):
    assert_error(client.post("/api/analyze", data={"url": "https://example.org"}, files={"other": ("a.txt", b"x")}), 422, "file")


def test_unknown_path_and_method_answer_json(client):
    assert_error(client.get("/api/nothing"), 404)
    assert_error(client.get("/api/analyze"), 405)


def test_an_unexpected_failure_is_500_without_internals():
    def broken(raw: RawArticle) -> Report:
        raise RuntimeError("secret detail")

    with client_for(broken) as failing:
        body = assert_error(failing.post("/api/analyze", json={"text": ARTICLE}), 500)
        assert "secret" not in body["error"]


def test_saturated_server_answers_503_with_retry_after():
    release = threading.Event()

    def slow(raw: RawArticle) -> Report:
        if raw.name != "<warm-up>":
            release.wait(10)
        return fake_analyse(raw)

    with client_for(slow, workers=1, queue=1, retry_after_s=7) as busy:
        results: list[int] = []
        threads = [
            threading.Thread(target=lambda: results.append(busy.post("/api/analyze", json={"text": ARTICLE}).status_code))
            for _ in range(2)
        ]
        for thread in threads:
            thread.start()
        _wait_until(lambda: busy.get("/healthz").json()["busy"] == 2)
        refused = busy.post("/api/analyze", json={"text": ARTICLE})
        assert_error(refused, 503, "busy")
        assert refused.headers["retry-after"] == "7" and refused.headers["connection"] == "close"
        release.set()
        for thread in threads:
            thread.join(10)
        assert results == [200, 200]
        assert busy.post("/api/analyze", json={"text": ARTICLE}).status_code == 200


def test_slow_analysis_is_504_and_keeps_its_slot_until_done():
    release = threading.Event()

    def slow(raw: RawArticle) -> Report:
        if raw.name != "<warm-up>":
            release.wait(10)
        return fake_analyse(raw)

    with client_for(slow, workers=1, queue=0, timeout_s=0.2) as slow_client:
        assert_error(slow_client.post("/api/analyze", json={"text": ARTICLE}), 504, "longer than")
        assert slow_client.get("/healthz").json()["busy"] == 1
        release.set()
        _wait_until(lambda: slow_client.get("/healthz").json()["busy"] == 0)


def _wait_until(condition, timeout_s: float = 5) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


# ---------------------------------------------------------------- the HTML report


def test_report_html_from_an_article(client):
    response = client.post("/api/report.html", json={"text": "Readers wrote <script>alert(1)</script> here, reportedly."})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "<script>alert(1)</script>" not in response.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "sandbox" in response.headers["content-security-policy"]


def test_report_html_from_a_posted_report_skips_analysis(client):
    report = client.post("/api/analyze", json={"text": ARTICLE}).json()
    report["findings"][0]["explanation"] = "edited by the caller"
    response = client.post("/api/report.html", json=report)
    assert response.status_code == 200 and "edited by the caller" in response.text


@pytest.mark.parametrize(
    "mutate",
    [
        lambda r: r.update(schema="other/1"),
        lambda r: r["findings"][0].update(end=10**6),
        lambda r: r.update(provenance=[1, 2]),
        lambda r: r.update(text=None),
    ],
)
def test_report_html_refuses_a_malformed_report_with_422(client, mutate):
    report = client.post("/api/analyze", json={"text": ARTICLE}).json()
    mutate(report)
    assert_error(client.post("/api/report.html", json=report), 422)


def test_report_html_accepts_uploads_and_refuses_other_types(client):
    assert client.post("/api/report.html", files={"file": ("a.txt", ARTICLE.encode())}).status_code == 200
    assert_error(client.post("/api/report.html", files={"file": ("a.doc", b"x")}), 415)


# ---------------------------------------------------------------- metadata endpoints


def test_techniques_lists_titles_definitions_and_colours(client):
    data = client.get("/api/techniques").json()
    assert [t["name"] for t in data["techniques"]] == list(TECHNIQUES)
    assert {"scare_quote", "hedge", "loaded_question"} <= {f["name"] for f in data["findings"]}
    for item in data["techniques"] + data["findings"]:
        assert re.fullmatch(r"#[0-9a-f]{6}", item["colour"]) and item["title"] and item["definition"]
    assert len({t["colour"] for t in data["techniques"]}) == len(TECHNIQUES)


def test_the_first_analysis_is_the_warm_up_even_without_start_up():
    seen: list[str] = []

    def recording(raw: RawArticle) -> Report:
        seen.append(raw.name)
        return fake_analyse(raw)

    cold = TestClient(create_app(recording))  # not entered: the start-up warm-up never ran
    assert cold.get("/healthz").json()["ready"] is False
    assert cold.post("/api/analyze", json={"text": ARTICLE}).status_code == 200
    assert seen == ["<warm-up>", "<request text>"] and cold.get("/healthz").json()["ready"] is True


def test_healthz_reports_warm_models(client):
    _wait_until(lambda: client.get("/healthz").json()["ready"])
    assert client.get("/healthz").json()["status"] == "ok"


def test_openapi_documents_both_input_kinds(client):
    spec = client.get("/openapi.json").json()
    content = spec["paths"]["/api/analyze"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(content)
    assert {"/api/report.html", "/api/techniques", "/healthz"} <= set(spec["paths"])


def test_docs_page_loads_swagger_from_this_server(client):
    page = client.get("/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/") for s in sources)
    for source in sources:
        assert client.get(source).status_code == 200, source


# ---------------------------------------------------------------- security of the page


def test_every_response_carries_strict_headers(client):
    for response in (client.get("/"), client.get("/static/app.js"), client.post("/api/analyze", json={})):
        csp = response.headers["content-security-policy"]
        for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
                          "base-uri 'none'", "frame-ancestors 'none'"):
            assert directive in csp
        assert "unsafe" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"


class _PageAudit(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, inline styles and handlers, foreign URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script":
            self._in_script = True
            if not (values.get("src") or "").startswith(("/static/", "/docs/assets/")):
                self.problems.append(f"script without a local src: {values}")
        if tag == "style" or "style" in values:
            self.problems.append(f"inline style on <{tag}>")
        self.problems += [f"handler {name} on <{tag}>" for name in values if name.startswith("on")]
        for name in ("src", "href"):
            if values.get(name) and not values[name].startswith(("/", "#")):
                self.problems.append(f"non-local {name}={values[name]}")

    def handle_endtag(self, tag):
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append("inline script")


def test_page_has_no_inline_script_style_or_foreign_asset():
    for name in ("index.html", "docs.html"):
        audit = _PageAudit()
        audit.feed((STATIC / name).read_text(encoding="utf-8"))
        assert audit.problems == [], name


def test_page_script_never_parses_strings_as_markup():
    for path in Path(STATIC).glob("*.js"):
        source = path.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                     "setAttribute(\"style\"", "createContextualFragment"):
            assert sink not in source, f"{path.name} uses {sink}"
    css = (STATIC / "app.css").read_text(encoding="utf-8")
    assert "@import" not in css and "url(" not in css


def test_speakers_setting_comes_from_the_environment(monkeypatch):
    """``unspin serve --speakers rules`` sets UNSPIN_SPEAKERS so that every server process reads it."""
    from unspin.server.app import SPEAKERS_VARIABLE

    monkeypatch.delenv(SPEAKERS_VARIABLE, raising=False)
    assert ServerSettings().learned_speakers
    monkeypatch.setenv(SPEAKERS_VARIABLE, "rules")
    assert not ServerSettings().learned_speakers


def test_rules_only_server_never_loads_the_attributor(monkeypatch):
    from unspin.errors import ModelError
    from unspin.sourcing import attributor

    def refuse(folder=None):
        raise ModelError("attributor asked for")

    monkeypatch.setattr(attributor, "load", refuse)
    with TestClient(create_app(settings=ServerSettings(learned_speakers=False))) as rules_only:
        answer = rules_only.post("/api/analyze", json={"text": 'Talks\n\n"We will not give up," Senator Jane Roe said.'})
    assert answer.status_code == 200, answer.text
    assert [q["speaker"] for q in answer.json()["quotes"] if q["kind"] == "direct"] == ["Jane Roe"]
