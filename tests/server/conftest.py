"""End-to-end fixtures: one real ``unspin serve`` subprocess and one headless Chromium per session."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import httpx
import pytest

import unspin

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)

#: A small article of our own, used where ../shared is absent: scare quotes, hedges, a loaded question.
FALLBACK_ARTICLE = (
    "Coincidence: offensive launched straight after the strike?\n\n"
    "If Russia bombed allies just as the US 'mistakenly' did, the envoy would protest, analysts said.\n\n"
    '"It is highly suspicious that the US chose to conduct this particular air strike at this time," '
    "Ambassador Vitaly Churkin said. The so-called \"moderate\" rebels reportedly advanced.\n\n"
    "The US envoy expressed \"regret\" over the strike. 62 people were killed, according to the ministry."
)


@pytest.fixture(scope="session")
def sample_text() -> str:
    """The RT article republished by Global Research (``../shared``), else a small article of our own."""
    path = REPO.parent / "shared" / "samples" / "globalresearch-rt-deir-ez-zor.txt"
    return path.read_text(encoding="utf-8") if path.is_file() else FALLBACK_ARTICLE


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_command(port: int) -> list[str]:
    return [sys.executable, "-c", "from unspin.cli import main; main()", "serve", "--host", "127.0.0.1", "--port", str(port)]


def package_env() -> dict[str, str]:
    """The environment with this checkout's ``src`` on PYTHONPATH, so a non-installed tree works too."""
    src = str(Path(unspin.__file__).resolve().parents[1])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    return env


@pytest.fixture(scope="session")
def unspin_env() -> dict[str, str]:
    return package_env()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``unspin serve`` on 127.0.0.1 (free port), ready once /healthz says the models are warm."""
    port = free_port()
    log = (tmp_path_factory.mktemp("server") / "serve.log").open("w")
    process = subprocess.Popen(serve_command(port), stdout=log, stderr=subprocess.STDOUT, env=package_env())
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, process, log.name)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _wait_ready(base: str, process: subprocess.Popen, log_name: str, timeout_s: float = 180) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"unspin serve exited with {process.returncode}: {Path(log_name).read_text()[-2000:]}")
        try:
            if httpx.get(base + "/healthz", timeout=2).json().get("ready"):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"unspin serve not ready after {timeout_s} s: {Path(log_name).read_text()[-2000:]}")


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """Headless Debian Chromium through selenium (skipped, with the reason, when either is missing)."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("chromium and chromedriver are not installed (run .ci/install-browser)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_argument("--window-size=1280,1600")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``tests/artifacts/`` for screenshots; it ignores itself in git."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / ".gitignore").write_text("*\n")
    return ARTIFACTS
