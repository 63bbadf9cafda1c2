"""``python -m unspin`` in a real subprocess: exit codes, stdout/stderr split, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ARTICLE = "Who is really behind this?\n\nThe 'experts' said, allegedly, <script>alert(1)</script>.\n"


def unspin(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "unspin", *args], input=stdin, capture_output=True, text=True, timeout=120
    )


def test_json_report_and_clean_exit(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    done = unspin("analyze", str(path), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["schema"] == "unspin.report/1" and done.stderr == ""


def test_text_from_stdin_is_plain_when_piped():
    done = unspin("analyze", "-", stdin=ARTICLE)
    assert done.returncode == 0, done.stderr
    assert "\x1b[" not in done.stdout and "<script>alert(1)</script>" in done.stdout


def test_html_page_escapes_the_article(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    done = unspin("analyze", str(path), "-f", "html")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("<script") == 1 and "&lt;script&gt;alert(1)&lt;/script&gt;" in done.stdout


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path):
    missing = tmp_path / "missing.txt"
    done = unspin("analyze", str(missing))
    assert done.returncode == 2
    assert done.stderr == f"error: {missing}: no such file\n" and done.stdout == ""


def test_help_lists_the_command():
    done = unspin("--help")
    assert done.returncode == 0 and "analyze" in done.stdout


def test_a_closed_pipe_stops_quietly(tmp_path: Path):
    for number in range(40):
        (tmp_path / f"a{number}.txt").write_text(ARTICLE * 20, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "unspin", "analyze", str(tmp_path), "-f", "jsonl"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert process.stdout.read(10) == b'{"schema":'
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    assert "Traceback" not in stderr and "unexpected" not in stderr and "Exception ignored" not in stderr
