"""The reliability report: fuzz every entry point, time the worst inputs the limits allow, run the fault
and security tests, load the server, and print ``docs/reliability.md`` (Markdown) on stdout.

    nice -n 19 python benchmarks/reliability.py --inputs 10000 > docs/reliability.md

Generation is derandomized (hypothesis, fixed per entry point), so the inputs, their counts and their
outcomes are the same on every run of the same code; times vary with the machine and its load.
Progress goes to stderr. Not part of the test suite: ``tests/hardening/`` runs a small sample.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from hypothesis import HealthCheck, Phase, given, settings, strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fuzz  # noqa: E402

REPO = Path(__file__).resolve().parents[1]

#: Share of ``--inputs`` given to each entry point (cheap ones get more; analysis with spaCy is the slow part).
SHARES = {
    "unspin.analyze (str)": 0.08,
    "unspin.analyze_file (any bytes)": 0.25,
    "unspin.analyze_file (web pages)": 0.07,
    "ingest.files.iter_inputs + analyze_many (any file, batches)": 0.15,
    "unspin analyze CLI (CliRunner, text/json/jsonl/html)": 0.12,
    "server API (TestClient: JSON, raw bodies, uploads)": 0.23,
    "unspin ptc predict/classify/score (CliRunner)": 0.03,
    "corpus ingest (+ re-run)": 0.03,
    "render.html of analysed hostile text (XSS)": 0.04,
}

#: Every bug the hardening work found, with the commit that fixed it and the regression test that guards it.
BUGS = [
    ("Quadratic time on one-line input: every quote rescanned its whole line for the sentence start and the "
     "'so-called' cue (72,000 characters: 55 s in the scare-quote finder)", "716999e",
     "test_one_line_input_full_of_quotes_is_not_quadratic"),
    ("Quadratic time in sourcing: each spaCy token scanned every quote (`_in_quotes`); now a binary search",
     "95890af (in the sourcing commit; test 716999e)", "test_in_quotes_binary_search_agrees_with_a_scan"),
    ("Quadratic nesting and speech-verb scans per quote on one-line input (`innermost`, `_partial_quotation`)",
     "b9181e8", "test_innermost_quote_is_found_among_thousands"),
    ("Lone surrogates from JSON escapes (`\"\\ud800\"`) in a JSONL batch: `unspin analyze` exit 1 "
     "(UnicodeEncodeError); the same through the server: HTTP 500", "b9181e8",
     "test_lone_surrogates_in_a_jsonl_batch_are_replaced_not_a_crash"),
    ("A deeply nested JSONL line (`[[[[...`) raised RecursionError and ended the whole batch (exit 1); "
     "the server answered 500", "b9181e8", "test_deeply_nested_jsonl_line_is_one_bad_record"),
    ("A malformed IPv6 URL (`http://[::1`) raised ValueError in provenance (`unspin.analyze`) and in the corpus "
     "store", "4452f27", "test_malformed_ipv6_url_is_no_crash"),
    ("Lone surrogates in metadata given to `unspin.analyze` (url, outlet) made reports no writer could encode",
     "4452f27", "test_lone_surrogates_in_api_metadata_are_replaced"),
    ("`unspin corpus` commands printed a traceback (exit 1) on a full disk, a corrupt store or an unwritable "
     "path; now one `error:` line, exit 2, resumable", "5d21c87", "test_failures_store.py (7 tests)"),
    ("No server timeout for request bodies: a client trickling a body held a connection and a slot for ever; "
     "now 408 after 30 s", "8240cd1", "test_slow_request_body_gets_408_and_the_server_still_answers"),
    ("A 19 MB web page (under the 20 MB input limit) spent ~5 minutes in HTML extraction; pages over "
     "4,000,000 characters are now refused", "2ddcb0a", "test_huge_web_page_is_refused_not_extracted_for_minutes"),
]

#: The fault, security and browser tests whose results the report lists (run with pytest, one process).
FAULT_TESTS = [
    "tests/hardening/test_failures_store.py",
    "tests/hardening/test_failures_dask.py",
    "tests/hardening/test_failures_model.py",
    "tests/corpus/test_ingest.py::test_killed_ingest_resumes_with_every_article_once",
    "tests/hardening/test_security.py",
    "tests/server/test_failures_slow_clients.py",
    "tests/server/test_fuzz_xss_browser.py",
    "tests/hardening/test_regressions.py",
]


@dataclass
class Tally:
    inputs: int = 0
    outcomes: Counter = field(default_factory=Counter)
    crashes: list[str] = field(default_factory=list)
    max_s: float = 0.0
    total_s: float = 0.0


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def fuzz_entry_point(name: str, count: int, strategy: st.SearchStrategy, check: Callable[..., str]) -> Tally:
    """Run ``check`` on ``count`` generated inputs; a crash is recorded (with its input) and the run goes on."""
    tally = Tally()

    @settings(max_examples=count, derandomize=True, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(args: tuple) -> None:
        began = time.monotonic()
        try:
            outcome = check(*args)
        except Exception as exc:  # noqa: BLE001 - every failure is the finding; keep going
            outcome = "CRASH"
            where = traceback.extract_tb(exc.__traceback__)[-1]
            tally.crashes.append(f"{type(exc).__name__}: {str(exc)[:200]} at {Path(where.filename).name}:{where.lineno} "
                                 f"input={repr(args)[:300]}")
        took = time.monotonic() - began
        tally.inputs += 1
        tally.outcomes[outcome] += 1
        tally.max_s = max(tally.max_s, took)
        tally.total_s += took
        if tally.inputs % 250 == 0:
            _log(f"  {name}: {tally.inputs}/{count}")

    run()
    return tally


def entry_points(folder: Path) -> dict[str, tuple[st.SearchStrategy, Callable[..., str]]]:
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from unspin.server.app import create_app

    client = TestClient(create_app(), raise_server_exceptions=False).__enter__()
    runner = CliRunner()
    counter = iter(range(10**9))

    def fresh() -> Path:
        path = folder / str(next(counter))
        path.mkdir()
        return path

    return {
        "unspin.analyze (str)": (
            st.tuples(fuzz.hostile_text, fuzz.hostile_meta, fuzz.hostile_meta, fuzz.hostile_meta, st.booleans()),
            fuzz.check_analyze),
        "unspin.analyze_file (any bytes)": (
            st.tuples(fuzz.hostile_bytes, st.sampled_from([".txt", ".html", ""])),
            lambda data, suffix: fuzz.check_analyze_file(fresh(), data, suffix)),
        "unspin.analyze_file (web pages)": (
            st.tuples(fuzz.hostile_html),
            lambda page: fuzz.check_analyze_file(fresh(), page.encode("utf-8", "surrogatepass"), ".html")),
        "ingest.files.iter_inputs + analyze_many (any file, batches)": (
            fuzz.hostile_file, lambda data, suffix: fuzz.check_iter_inputs(fresh(), data, suffix)),
        "unspin analyze CLI (CliRunner, text/json/jsonl/html)": (
            st.tuples(fuzz.hostile_file, st.sampled_from(["text", "json", "jsonl", "html"])),
            lambda item, fmt: fuzz.check_cli(runner, fresh(), item[0], item[1], fmt)),
        "server API (TestClient: JSON, raw bodies, uploads)": (
            st.tuples(fuzz.server_requests()), lambda request: fuzz.check_server(client, request)),
        "corpus ingest (+ re-run)": (
            fuzz.hostile_file, lambda data, suffix: fuzz.check_corpus_ingest(fresh(), data, suffix)),
        "render.html of analysed hostile text (XSS)": (
            st.tuples(fuzz.hostile_text, fuzz.hostile_meta, fuzz.hostile_meta), fuzz.check_render_html),
        "unspin ptc predict/classify/score (CliRunner)": (
            st.tuples(fuzz.hostile_bytes, fuzz.ptc_tsv),
            lambda article, template: fuzz.check_ptc(runner, fresh(), article, template)),
    }


def worst_cases(folder: Path) -> list[tuple[str, str, float]]:
    """The largest inputs the limits let through (or just refuse), timed one by one."""
    from unspin import analyze, analyze_file, limits
    from unspin.errors import InputError

    piece = "the 'so-called' experts said \"x\" reportedly, "
    cases = {
        f"one line of {limits.MAX_ARTICLE_CHARS - 1:,} characters dense with quotes and cues": (
            lambda: analyze(piece * ((limits.MAX_ARTICLE_CHARS - 1) // len(piece)))),
        f"article of {limits.MAX_ARTICLE_CHARS - 1:,} characters in ordinary paragraphs": (
            lambda: analyze(("The minister said \"the plan\" may work, analysts say. Is it a coincidence? " * 8 + "\n\n")
                            * ((limits.MAX_ARTICLE_CHARS - 1) // 610))),
        "10 MB single line (refused by the article limit)": lambda: analyze("word 'x' " * (10 * 1024 * 1024 // 9)),
        f"web page of {limits.MAX_HTML_CHARS:,} characters (the page limit)": lambda: _page(folder, limits.MAX_HTML_CHARS),
        "JSONL line nested 100,000 deep": lambda: _deep_jsonl(folder),
    }
    rows = []
    for name, run in cases.items():
        _log(f"  worst case: {name}")
        began = time.monotonic()
        try:
            run()
            outcome = "report"
        except InputError as exc:
            outcome = f"InputError: {exc.reason}"
        except Exception as exc:  # noqa: BLE001
            outcome = f"CRASH {type(exc).__name__}: {exc}"
        rows.append((name, outcome, time.monotonic() - began))
    return rows


def _page(folder: Path, size: int):
    from unspin import analyze_file

    paragraph = "<p>The minister said \"the plan\" may work, analysts say. Is it a coincidence? Officials denied it.</p>\n"
    head, tail = "<html><head><title>Big page</title></head><body><article>", "</article></body></html>"
    body = "".join(paragraph.replace("plan", f"plan {n}") for n in range((size - len(head) - len(tail)) // (len(paragraph) + 6)))
    path = folder / "big.html"
    path.write_text(head + body + tail, encoding="utf-8")
    return analyze_file(path)


def _deep_jsonl(folder: Path):
    from unspin.ingest.files import iter_inputs

    path = folder / "deep.jsonl"
    path.write_text("[" * 100_000 + "\n", encoding="utf-8")
    (item,) = iter_inputs([str(path)])
    raise item


def run_fault_tests(folder: Path) -> list[tuple[str, str, float]]:
    """The fault, security and browser tests, with their outcome (passed/failed/skipped and why)."""
    report = folder / "faults.xml"
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "ignore::DeprecationWarning",
                    f"--junitxml={report}", *FAULT_TESTS], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rows = []
    for case in ET.parse(report).getroot().iter("testcase"):
        outcome = "passed"
        for kind in ("failure", "error", "skipped"):
            found = case.find(kind)
            if found is not None:
                outcome = f"{kind}: {(found.get('message') or '')[:120]}"
        module = case.get("classname", "").split(".")[-1]
        rows.append((f"{module}::{case.get('name')}", outcome, float(case.get("time", 0))))
    return rows


def run_load(count: int) -> dict:
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "load_server.py"), "--count", str(count),
                           "--concurrency", str(count)], cwd=REPO, capture_output=True, text=True, timeout=1800)
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        return {"passed": False, "errors": [done.stderr.strip()[-300:] or f"exit {done.returncode}"]}


def limits_table() -> list[tuple[str, str, str]]:
    from unspin import limits
    from unspin.server.app import ServerSettings

    rows = [(f"`unspin.limits.{name}`", f"{getattr(limits, name):,}", _doc_of(limits, name))
            for name in dir(limits) if name.isupper()]
    defaults = ServerSettings()
    for item in dataclasses.fields(ServerSettings):
        value = getattr(defaults, item.name)
        if isinstance(value, bool):  # a switch (learned speakers), not a limit
            continue
        rows.append((f"`ServerSettings.{item.name}`", f"{value:,}" if isinstance(value, int) else str(value), ""))
    return rows


def _doc_of(module, name: str) -> str:
    source = Path(module.__file__).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(source):
        if line.startswith(f"{name} ="):
            comment = []
            back = number - 1
            while back >= 0 and source[back].startswith("#:"):
                comment.insert(0, source[back][2:].strip())
                back -= 1
            return " ".join(comment)
    return ""


def markdown(args, tallies: dict[str, Tally], worst, faults, load, seconds: float) -> str:
    total = sum(t.inputs for t in tallies.values())
    crashes = sum(len(t.crashes) for t in tallies.values())
    out = [
        "# Reliability",
        "",
        f"Generated by `nice -n 19 python benchmarks/reliability.py --inputs {args.inputs}"
        + (f" --load {args.load}" if args.load != 100 else "") + " > docs/reliability.md` "
        f"({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} cores shared with other jobs; the run took {seconds / 60:.0f} min). "
        "Inputs are generated by hypothesis with derandomized seeds, so counts and outcomes repeat exactly on the "
        "same code; times depend on the machine's load.",
        "",
        "## Fuzzing: generated inputs per entry point",
        "",
        "Invariants checked on every input: no exception other than `InputError` (CLI: exit 0, or 2 with only "
        "`error:` lines; API: 200 or 400/413/415/422 with a JSON `error`), every span of every layer has "
        "`text == body[start:end]` inside the text, the report round-trips through "
        "`Report.from_json(report.to_json())` and encodes as UTF-8, corpus re-runs add nothing, rendered pages "
        f"contain nothing that can run, and no input takes over {fuzz.MAX_SECONDS:.0f} s. Strategies: "
        "`benchmarks/fuzz.py` (arbitrary bytes, invalid UTF-8 and mixed encodings, BOMs, NUL, lone surrogates, "
        "RTL/zero-width/combining characters, emoji, long repeated lines, deeply nested / truncated / script-only "
        "HTML, CSV with broken quoting, JSONL with invalid, truncated and deep lines, hostile URLs and upload names).",
        "",
        "| entry point | inputs | crashes | outcomes | mean s | max s |",
        "| --- | ---: | ---: | --- | ---: | ---: |",
    ]
    for name, tally in tallies.items():
        outcomes = ", ".join(f"{k}: {v:,}" for k, v in sorted(tally.outcomes.items()) if k != "CRASH")
        mean = tally.total_s / tally.inputs if tally.inputs else 0
        out.append(f"| {name} | {tally.inputs:,} | {len(tally.crashes)} | {outcomes} | {mean:.3f} | {tally.max_s:.1f} |")
    out += ["", f"**Total: {total:,} generated inputs, {crashes} crashes.**", ""]
    if crashes:
        out += ["Crashes (input abbreviated):", ""]
        for name, tally in tallies.items():
            out += [f"- {name}: `{c}`" for c in tally.crashes[:20]]
        out.append("")
    out += [
        "## Worst inputs the limits allow",
        "",
        "| input | outcome | seconds |",
        "| --- | --- | ---: |",
        *(f"| {name} | {outcome} | {secs:.1f} |" for name, outcome, secs in worst),
        "",
        "## Limits (one place: `src/unspin/limits.py`; the server's in `ServerSettings`)",
        "",
        "Every entry point goes through the same reader and `pipeline.build_document`, so the same limits hold for "
        "`unspin analyze`, the Python API, the server and corpus ingest: files and request bodies over "
        "`MAX_INPUT_BYTES` are refused before they are read (server: by Content-Length, else while streaming: 413); "
        "web pages over `MAX_HTML_CHARS` are refused before extraction; batch records over `MAX_RECORD_CHARS` are "
        "one failed record; articles over `MAX_ARTICLE_CHARS` after cleaning are refused with an `InputError` "
        "(not analysed in parts: the refusal says the size and the limit). The server also bounds time: a body must "
        "arrive within `body_timeout_s` (408), an analysis within `timeout_s` (504), and at most `workers + queue` "
        "requests are admitted (503 + Retry-After). Slow *headers* are left to uvicorn, which keeps answering other "
        "clients meanwhile (tested with 40 stalled connections); put a reverse proxy in front before exposing it.",
        "",
        "| limit | value | why |",
        "| --- | ---: | --- |",
        *(f"| {name} | {value} | {why} |" for name, value, why in limits_table()),
        "",
        "## Failures found and fixed",
        "",
        "Each has a regression test in `tests/hardening/test_regressions.py` (or the file named), run in this report "
        "below.",
        "",
        "| bug | fixed in | regression test |",
        "| --- | --- | --- |",
        *(f"| {bug} | {commit} | `{test}` |" for bug, commit, test in BUGS),
        "",
        "## Faults survived, security and browser tests (run now)",
        "",
        f"{sum(o == 'passed' for _, o, _ in faults)} of {len(faults)} passed.",
        "",
        "| test | outcome | seconds |",
        "| --- | --- | ---: |",
        *(f"| `{name}` | {outcome} | {secs:.1f} |" for name, outcome, secs in faults),
        "",
        "What they cover: a real full disk (a 256 KiB tmpfs; the test skips where `mount` is not allowed) and "
        "read-only or impossible store paths; a corrupt SQLite store (pages overwritten, truncated, not a store) for "
        "every corpus command; a Dask worker SIGKILLed mid-run (the run completes on the restarted worker) and an "
        "article that kills every worker (KilledWorker; the store stays consistent and a re-run stores the rest "
        "exactly once); SIGKILL of the ingest process (resume loses and duplicates nothing); model files missing "
        "or corrupted (a `ModelError` naming the file); XSS payloads in text, title, URL and every metadata field "
        "through the HTML report and the web page in headless Chromium; path traversal in upload names and batch "
        "page names; SQL in corpus data and options; slow and oversized request bodies against a live server.",
        "",
        "## Load held",
        "",
    ]
    if load:
        out += [
            f"`python benchmarks/load_server.py --count {args.load} --concurrency {args.load}` against a fresh "
            "`unspin serve` on 127.0.0.1 (2 analysis workers, queue 30):",
            "",
            f"- requests {load.get('requests')}, answers by status {load.get('statuses')}, passed: {load.get('passed')}",
            f"- analysed: {load.get('analyses_per_s')} per second; latency of answered analyses p50 "
            f"{(load.get('ok_latency_s') or {}).get('p50')} s, p95 {(load.get('ok_latency_s') or {}).get('p95')} s; "
            f"refusals (503 + Retry-After) answered in at most {(load.get('refused_latency_s') or {}).get('max')} s",
            f"- errors: {load.get('errors') or 'none'}",
            "",
            "More load figures (bursts of 200, clients that honour Retry-After): `docs/server.md`.",
        ]
    else:
        out.append("Not run (`--load 0`); see `docs/server.md`.")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="generated inputs in all (shared out by SHARES)")
    parser.add_argument("--load", type=int, default=100, help="concurrent requests for the load test (0: skip)")
    args = parser.parse_args(argv)
    began = time.monotonic()
    tallies: dict[str, Tally] = {}
    with tempfile.TemporaryDirectory(prefix="unspin-reliability-") as tmp:
        folder = Path(tmp)
        for name, (strategy, check) in entry_points(folder).items():
            count = max(1, round(args.inputs * SHARES[name]))
            _log(f"fuzzing {name}: {count} inputs")
            tallies[name] = fuzz_entry_point(name, count, strategy, check)
            _log(f"  done: {tallies[name].inputs} inputs, {len(tallies[name].crashes)} crashes")
        _log("worst cases")
        worst = worst_cases(folder)
        _log("fault, security and browser tests")
        faults = run_fault_tests(folder)
    _log("load test")
    load = run_load(args.load) if args.load else {}
    print(markdown(args, tallies, worst, faults, load, time.monotonic() - began), end="")
    crashed = any(t.crashes for t in tallies.values()) or any(o.startswith(("failure", "error")) for _, o, _ in faults)
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
