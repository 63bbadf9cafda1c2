"""``unspin corpus``: ingest, stats, duplicates and report as scripts see them."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from unspin.cli import app

runner = CliRunner()


def _run(*args: str):
    result = runner.invoke(app, ["corpus", *args])
    assert result.exit_code == 0, result.output
    return result


def test_ingest_stats_duplicates_report(corpus_inputs, tmp_path):
    db = str(tmp_path / "corpus.sqlite")
    out = _run("ingest", *corpus_inputs["paths"], "--db", db)
    assert "6 added" in out.stdout and "2 failed" in out.stdout
    _run("ingest", *corpus_inputs["paths"], "--db", db)

    stats = json.loads(_run("stats", "--db", db, "--format", "json").stdout)
    assert (stats["articles"], stats["failed"]) == (6, 2)

    listing = json.loads(_run("duplicates", "--db", db, "--format", "json").stdout)
    assert [[m["id"] for m in c["members"]] for c in listing["clusters"]] == [["rt-1", "gr-1"]]
    assert all(0 < m["similarity"] <= 1 for m in listing["clusters"][0]["members"])

    text = _run("duplicates", "--db", db).stdout
    assert "rt-1" in text and "original" in text

    html = tmp_path / "report.html"
    shown = _run("report", "--db", db, "-o", str(html)).stdout
    assert "Spans per 1,000 words by outlet" in shown
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_missing_store_is_one_line_error(tmp_path):
    result = runner.invoke(app, ["corpus", "stats", "--db", str(tmp_path / "nope.sqlite")])
    assert result.exit_code == 2
    assert "no such corpus store" in result.output


def test_bench_corpus_reports_quality_and_speed():
    result = runner.invoke(app, ["bench", "corpus", "--size", "400", "--sample", "60", "--ingest-articles", "0", "--json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)["dedup"]
    assert row["articles"] == 400 and row["copies"] > 50
    assert row["recall"] >= 0.95 and row["precision"] >= 0.99
    assert row["brute_force_sample"] == 60 and row["speedup"] > 0


def test_ingest_with_rules_alone_never_loads_the_attributor(tmp_path, monkeypatch):
    from unspin.errors import ModelError
    from unspin.sourcing import attributor

    def refuse(folder=None):
        raise ModelError("attributor asked for")

    monkeypatch.setattr(attributor, "load", refuse)
    article = tmp_path / "quoted.txt"
    article.write_text('Talks\n\n"We will not give up," Senator Jane Roe said on Monday.\n', encoding="utf-8")
    db = tmp_path / "c.sqlite"
    result = CliRunner().invoke(app, ["corpus", "ingest", str(article), "--db", str(db), "--speakers", "rules"])
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output
