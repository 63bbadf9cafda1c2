"""The bounded load script against the live server: a burst is answered with 200 or 503 + Retry-After only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server]')")

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "load_server.py"


def run_script(env: dict[str, str], *args: str) -> tuple[int, dict]:
    done = subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=300)
    return done.returncode, json.loads(done.stdout) if done.stdout.strip() else {"stderr": done.stderr}


def test_a_burst_gets_only_200_or_503_with_retry_after(live_server, unspin_env, tmp_path):
    article = tmp_path / "short.txt"  # short, so the burst tests the limits rather than the analysers' speed
    article.write_text('Officials reportedly said the so-called "reform" may fail, analysts said. Really?\n')
    code, result = run_script(
        unspin_env, "--url", live_server, "--count", "60", "--concurrency", "60", "--article", str(article)
    )
    assert code == 0 and result["passed"], result
    assert result["requests"] == 60 and set(result["statuses"]) <= {"200", "503"}
    assert result["statuses"].get("200", 0) >= 1


def test_the_script_refuses_a_remote_server(unspin_env):
    code, result = run_script(unspin_env, "--url", "http://example.org:8000", "--count", "1", "--concurrency", "1")
    assert code == 2 and "127.0.0.1" in result["stderr"]
