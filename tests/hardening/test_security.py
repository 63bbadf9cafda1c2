"""Security: hostile markup through the HTML report, path traversal in names, SQL in corpus data and options,
oversized and slow request bodies. (Chromium runs the pages in ``tests/server/test_fuzz_xss_browser.py``.)"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import fuzz
import pytest
from hypothesis import given, settings
from typer.testing import CliRunner

from unspin.cli import app
from unspin.render.html import render_html
from unspin.report import Report

PAYLOADS, hostile_report, assert_inert = fuzz.PAYLOADS, fuzz.hostile_report, fuzz.assert_inert

@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_everywhere_in_the_html_report_stays_text(payload):
    page = render_html(hostile_report(payload))
    assert_inert(page)
    assert "Content-Security-Policy" in page


@settings(settings.get_profile("hardening"), max_examples=20)
@given(fuzz.hostile_text, fuzz.hostile_meta, fuzz.hostile_meta)
def test_analysed_hostile_article_renders_inert(text, title, url):
    from unspin import analyze
    from unspin.errors import InputError

    try:
        report = analyze(text, title=title, url=url, outlet=url)
    except InputError:
        return
    assert_inert(render_html(report))


def test_html_pages_of_a_batch_stay_in_the_output_folder(tmp_path: Path):
    records = [{"id": name, "text": "Plain text, reportedly."} for name in
               ("../../../escaped", "/etc/cron.d/x", "..\\..\\win", "a/../../b", "\x00nul", "CON")]
    batch = tmp_path / "b.jsonl"
    batch.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    out = tmp_path / "deep" / "out"
    result = CliRunner().invoke(app, ["analyze", str(batch), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(p for p in tmp_path.rglob("*.html"))
    assert len(written) == len(records) and all(p.parent == out for p in written)


@pytest.fixture(scope="module")
def client():
    pytest.importorskip("fastapi", reason="the server extra is not installed")
    from fastapi.testclient import TestClient

    from unspin.server.app import create_app

    with TestClient(create_app(), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize("name", ["../../../../tmp/PWNED.txt", "..\\..\\PWNED.txt", "/tmp/PWNED.html",
                                  "%2e%2e%2f%2e%2e%2fPWNED.txt", "PWNED.txt\x00.exe", "....//....//PWNED.txt"])
def test_upload_names_are_never_paths(client, name, tmp_path: Path):
    response = client.post("/api/analyze", files={"file": (name, b"Title\n\nSome text, reportedly.")})
    assert response.status_code in (200, 415, 422), response.text
    assert "PWNED" not in response.text  # the name picks the reader by suffix and goes nowhere else
    assert not Path("/tmp/PWNED.txt").exists() and not Path("/tmp/PWNED.html").exists()


def test_slow_request_body_gets_408_and_the_server_still_answers():
    import httpx

    from unspin.pipeline import build_document
    from unspin.server.app import ServerSettings, create_app

    server = create_app(analyse=lambda raw: Report(build_document(raw)), settings=ServerSettings(body_timeout_s=0.5))

    async def trickle():
        yield b'{"text": "'
        await asyncio.sleep(3)
        yield b'late"}'

    async def run() -> tuple[int, int]:
        transport = httpx.ASGITransport(app=server)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
            slow = await http.post("/api/analyze", content=trickle(), headers={"content-type": "application/json"})
            fine = await http.post("/api/analyze", json={"text": "Title\n\nOn time, reportedly."})
            return slow.status_code, fine.status_code

    assert asyncio.run(asyncio.wait_for(run(), 10)) == (408, 200)


def test_body_over_the_limit_is_refused_before_it_is_read(client):
    from unspin import limits

    response = client.post("/api/analyze", content=b"x" * 10,
                           headers={"content-type": "application/json", "content-length": str(limits.MAX_INPUT_BYTES + 1)})
    assert response.status_code == 413


SQL = ["'; DROP TABLE articles; --", "\" OR 1=1 --", "x') UNION SELECT report FROM articles --",
       "%' OR '%'='", "Robert'); DELETE FROM spans; --", "1; ATTACH DATABASE '/tmp/pwned.db' AS p; --"]


def test_sql_in_corpus_data_and_options_is_stored_as_text(tmp_path: Path):
    pytest.importorskip("datasketch", reason="the corpus extra is not installed")
    from unspin.corpus import store

    records = [{"id": sql, "outlet": sql, "title": sql, "url": f"https://example.com/{sql}", "published": sql,
                "text": f"Story {n}: the minister said \"{sql}\" was so-called 'fine', reportedly."}
               for n, sql in enumerate(SQL)]
    batch = tmp_path / "b.jsonl"
    batch.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    db = tmp_path / "c.sqlite"
    runner = CliRunner()
    assert runner.invoke(app, ["corpus", "ingest", str(batch), "--db", str(db)]).exit_code == 0
    for command in (["stats"], ["stats", "--format", "json"], ["duplicates", "--format", "json"], ["report"]):
        result = runner.invoke(app, ["corpus", *command, "--db", str(db)])
        assert result.exit_code == 0, result.output
    for option in (["--threshold", SQL[1]], ["--format", SQL[0]]):
        refused = runner.invoke(app, ["corpus", "duplicates", "--db", str(db), *option])
        assert refused.exit_code == 2 and "Traceback" not in refused.output
    conn = store.open_store(db)
    assert store.counts(conn).articles == len(SQL)
    assert sorted(r[0] for r in conn.execute("SELECT record_id FROM articles")) == sorted(SQL)
    assert conn.execute("SELECT COUNT(*) FROM spans").fetchone()[0] > 0
    conn.close()
    assert not Path("/tmp/pwned.db").exists()
    odd_db = tmp_path / "x'; DROP TABLE articles; --.sqlite"
    assert runner.invoke(app, ["corpus", "ingest", str(batch), "--db", str(odd_db)]).exit_code == 0
    assert odd_db.is_file()
