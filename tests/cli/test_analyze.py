"""``unspin analyze`` through typer's CliRunner: every format, batches, and every bad-input kind."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unspin import limits, pipeline
from unspin.cli import app

ARTICLE = (
    "Coincidence: strike came straight after the truce?\n\n"
    "If Russia bombed allies just as the US 'mistakenly' did, analysts said, the envoy would protest.\n\n"
    "Readers wrote <script>alert(1)</script> and <img src=x onerror=alert(1)> and "
    '<a href="javascript:alert(1)">click</a>.\n'
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def two_articles(tmp_path: Path) -> list[Path]:
    paths = []
    for name in ("one.txt", "two.txt"):
        path = tmp_path / "in" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(ARTICLE.replace("Coincidence", name), encoding="utf-8")
        paths.append(path)
    return paths


def run(runner: CliRunner, *args: str, **kwargs):
    return runner.invoke(app, ["analyze", *args], **kwargs)


def assert_one_error_line(result, name: str, reason: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {name}: ") and reason in lines[0], result.stderr
    assert "Traceback" not in result.output and result.stdout == ""


# Formats ----------------------------------------------------------------------------------------
def test_text_format_shows_the_article_with_markers_and_tables(runner, article):
    result = run(runner, str(article))
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.stdout  # not a terminal: plain text
    assert "<script>alert(1)</script>" in result.stdout
    assert re.search(r"'mistakenly'\[\d+\]", result.stdout)
    assert "Legend and counts" in result.stdout and "Scare quotes" in result.stdout
    assert result.stderr == ""


def test_json_format_is_the_report_schema(runner, article):
    result = run(runner, str(article), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["schema"] == "unspin.report/1"
    kinds = {finding["kind"] for finding in report["findings"]}
    assert {"scare_quote", "loaded_question"} <= kinds
    for finding in report["findings"]:
        assert report["text"][finding["start"] : finding["end"]] == finding["text"]


def test_json_for_several_inputs_is_an_array_in_input_order(runner, two_articles):
    result = run(runner, *map(str, two_articles), "-f", "json")
    assert result.exit_code == 0, result.output
    reports = json.loads(result.stdout)
    assert [r["source"]["path"] for r in reports] == [str(p) for p in two_articles]


def test_json_for_a_folder_is_an_array_even_with_one_article(runner, article):
    result = run(runner, str(article.parent), "-f", "json")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)


def test_jsonl_prints_one_report_per_line(runner, two_articles):
    result = run(runner, str(two_articles[0].parent), "-f", "jsonl")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all(json.loads(line)["schema"] == "unspin.report/1" for line in lines)


def test_html_to_stdout_escapes_every_payload(runner, article):
    result = run(runner, str(article), "-f", "html")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert page.startswith("<!doctype html>")
    assert page.count("<script") == 1 and "<img" not in page and "<a href=\"javascript" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;a href=&quot;javascript:alert(1)&quot;&gt;click&lt;/a&gt;" in page


def test_html_to_a_file(runner, article, tmp_path):
    out = tmp_path / "report.html"
    result = run(runner, str(article), "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and out.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_html_for_several_inputs_writes_one_page_each_into_a_directory(runner, two_articles, tmp_path):
    out = tmp_path / "pages"
    result = run(runner, *map(str, two_articles), str(two_articles[0]), "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["one-2.html", "one.html", "two.html"]


def test_html_for_several_inputs_without_a_directory_is_refused_before_analysis(runner, two_articles, tmp_path):
    result = run(runner, *map(str, two_articles), "-f", "html")
    assert result.exit_code == 2 and "need -o DIRECTORY" in result.stderr
    existing = tmp_path / "file.html"
    existing.write_text("x")
    result = run(runner, *map(str, two_articles), "-f", "html", "-o", str(existing))
    assert result.exit_code == 2 and "is a file" in result.stderr


def test_text_and_json_to_an_output_file(runner, article, tmp_path):
    for fmt in ("text", "json"):
        out = tmp_path / f"out.{fmt}"
        result = run(runner, str(article), "-f", fmt, "-o", str(out))
        assert result.exit_code == 0 and result.stdout == ""
        written = out.read_text(encoding="utf-8")
        assert "\x1b[" not in written and "mistakenly" in written


def test_stdin(runner):
    result = run(runner, "-", "-f", "json", input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["source"]["path"] == "-"


def test_unwritable_output(runner, article, tmp_path):
    result = run(runner, str(article), "-o", str(tmp_path / "no" / "such" / "dir" / "out.txt"))
    assert result.exit_code == 2 and result.stderr.startswith("error: ") and "cannot write" in result.stderr


def test_bad_format_is_a_usage_error(runner, article):
    result = run(runner, str(article), "-f", "pdf")
    assert result.exit_code == 2


# Bad input -----------------------------------------------------------------------------------------
def test_missing_file(runner, tmp_path):
    path = tmp_path / "nope.txt"
    assert_one_error_line(run(runner, str(path)), str(path), "no such file")


def test_folder_without_articles(runner, tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    assert_one_error_line(run(runner, str(tmp_path)), str(tmp_path), "folder has no")


def test_binary_file(runner, tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    assert_one_error_line(run(runner, str(path)), str(path), "binary")


def test_empty_file(runner, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert_one_error_line(run(runner, str(path)), str(path), "empty")


def test_file_over_the_size_cap(runner, article, monkeypatch):
    monkeypatch.setattr(limits, "MAX_INPUT_BYTES", 50)
    assert_one_error_line(run(runner, str(article)), str(article), "size limit")


def test_undecodable_file(runner, tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    assert_one_error_line(run(runner, str(path)), str(path), "cannot decode")


def test_batch_goes_on_after_bad_inputs_and_lists_them_at_the_end(runner, article, tmp_path):
    missing = tmp_path / "missing.txt"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    result = run(runner, str(missing), str(article), str(empty), "-f", "jsonl")
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 1 and json.loads(result.stdout)["source"]["path"] == str(article)
    assert result.stderr.splitlines() == [
        f"error: {missing}: no such file",
        f"error: {empty}: file is empty",
        "2 of 3 inputs failed",
    ]


def test_bad_records_of_a_jsonl_batch_are_listed(runner, tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n{not json\n", encoding="utf-8")
    result = run(runner, str(batch), "-f", "json")
    assert result.exit_code == 2
    assert len(json.loads(result.stdout)) == 1
    assert result.stderr.splitlines()[0].startswith(f"error: {batch}:2: invalid JSON")
    assert result.stderr.splitlines()[-1] == "1 of 2 inputs failed"


def test_unexpected_error_is_one_line_with_exit_1(runner, article, monkeypatch):
    def broken(doc):
        raise RuntimeError("analyser exploded")

    monkeypatch.setattr(pipeline, "default_analysers", lambda: [broken])
    result = run(runner, str(article))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {article}: unexpected RuntimeError: analyser exploded (--debug shows the traceback)"
    ]
    debug = run(runner, str(article), "--debug")
    assert debug.exit_code == 1 and "Traceback" in debug.stderr and "analyser exploded" in debug.stderr


def test_html_pages_of_batch_records_are_named_after_file_line_and_id(runner, tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps({"id": i, "text": ARTICLE}) for i in ("x/../y", "z")) + "\n", encoding="utf-8")
    out = tmp_path / "pages"
    result = run(runner, str(batch), "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["batch.jsonl-1-x-..-y.html", "batch.jsonl-2-z.html"]


def test_json_array_of_a_batch_where_everything_failed_is_empty(runner, tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text("[1]\n", encoding="utf-8")
    result = run(runner, str(batch), "-f", "json")
    assert result.exit_code == 2 and json.loads(result.stdout) == []


def test_a_known_non_input_error_is_one_line_without_traceback_hint(runner, article, monkeypatch):
    from unspin.errors import ModelError

    def missing_model(doc):
        raise ModelError("technique model file not found: reinstall unspin")

    monkeypatch.setattr(pipeline, "default_analysers", lambda: [missing_model])
    result = run(runner, str(article))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {article}: technique model file not found: reinstall unspin"]


def test_html_for_one_input_into_an_existing_directory(runner, article, tmp_path):
    out = tmp_path / "pages"
    out.mkdir()
    result = run(runner, str(article), "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == ["article.html"]


QUOTED = 'Talks\n\n"We will not give up," Senator Jane Roe said on Monday.\n'


@pytest.mark.parametrize("choice, loads_model", [("rules", False), ("learned", True)])
def test_speakers_option_chooses_who_names_the_speaker(runner, tmp_path, monkeypatch, choice, loads_model):
    """--speakers rules never touches the learned attributor (faster); the default uses it."""
    from unspin.errors import ModelError
    from unspin.sourcing import attributor

    def refuse(folder=None):
        raise ModelError("attributor asked for")

    monkeypatch.setattr(attributor, "load", refuse)
    path = tmp_path / "quoted.txt"
    path.write_text(QUOTED, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "--format", "json", "--speakers", choice])
    if loads_model:
        assert result.exit_code == 1 and "attributor asked for" in result.output
    else:
        assert result.exit_code == 0, result.output
        quotes = json.loads(result.stdout)["quotes"]
        assert [q["speaker"] for q in quotes if q["kind"] == "direct"] == ["Jane Roe"]
