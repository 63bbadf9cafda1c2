"""Fuzz targets for every entry point: hostile-input strategies (hypothesis) and one checker per entry point.

A checker feeds one generated input to its entry point and asserts the invariants of issue 8:
no crash, no hang (each input within ``MAX_SECONDS``), either a clear ``InputError`` (or HTTP 4xx,
or exit code 2 with ``error:`` lines) or a valid report whose every span's ``text`` equals
``body[start:end]`` and which survives ``Report.from_json(report.to_json())``. A broken invariant
is an ``AssertionError``; any other exception is a crash. Each checker returns the outcome's name.

Used twice: ``tests/hardening/`` runs a small fixed-seed sample, and ``benchmarks/reliability.py``
runs thousands of inputs and writes ``docs/reliability.md``.
"""

from __future__ import annotations

import csv
import io
import json
import time
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator

from hypothesis import strategies as st

from unspin.document import Boilerplate, Document, Source, Span, Syndication
from unspin.errors import InputError
from unspin.report import LAYERS, Report

#: The longest any single generated input may take through any entry point, in seconds. Generous
#: because a training job may share the two cores; a quadratic path on the larger inputs blows it.
MAX_SECONDS = 60.0

# Strategies -----------------------------------------------------------------------------------

#: Characters and pieces that have broken text tools before: controls, lone surrogates, BOMs,
#: bidi overrides, zero-width joiners, combining marks, emoji sequences, quote marks, markup.
TRICKY = [
    "\x00", "\x01", "\x1b[31m", "\x7f", "\r", "\r\n", "\n", "\n\n", "\t", "\x0b", "\x0c", "\u2028", "\u2029",
    "\ud800", "\udfff", "\udbff\udc00", "\ufeff", "\ufffd", "\uffff",
    "\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\u200e", "\u200b", "\u200c", "\u200d", "\u2060",
    "\u0301", "e\u0301", "\u0308\u0308\u0308", "\u0e01\u0e34\u0e4a", "\U0001f44d\U0001f3fd",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f1fa\U0001f1f8", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
    "\u05e2\u05d1\u05e8\u05d9\u05ea", "\u4e2d\u6587", "\ud55c\uad6d\uc5b4", "\U00010348", "\U0010ffff",
    '"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "`", "''", '""',
    "?", "!", ".", "...", "\u2026", ":", ";", ",", "-", "\u2014", "(", ")", "[", "]",
    "<", ">", "&", "&amp;", "&#0;", "&#x110000;", "<script>alert(1)</script>", "<b>", "</p>", "<!--", "-->",
    "<![CDATA[", "]]>", "{", "}", "\\", "\\u0000", "%s", "{0}", "$(id)", "'; DROP TABLE articles; --",
]

#: Words the analysers react to, so generated text reaches deep into their rules.
CUES = [
    "said", " said ", "told RT", "according to", "reportedly", "allegedly", "so-called", "self-styled",
    "Is it a coincidence?", "analysts say", "some say", "may", "might", "it is claimed", "Mr.", "Dr.",
    "Copyright", "\u00a9", "By RT", "Reuters", "This article originally appeared on", "Source:", "Related:",
    "The minister", "Vladimir Putin", "62 people were killed", "wrote", "asked", "Coincidence:",
]

_piece = st.one_of(
    st.sampled_from(TRICKY),
    st.sampled_from(CUES),
    st.text(max_size=12),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    st.from_regex(r"[A-Z][a-z]{1,9}( [a-z]{1,9}){0,6}[.?!]?", fullmatch=True),
)

#: Article-like text: a mix of the pieces above, sometimes repeated into a long single line.
hostile_text = st.one_of(
    st.lists(_piece, max_size=60).map("".join),
    st.builds(lambda piece, times: piece * times, st.lists(_piece, min_size=1, max_size=8).map("".join),
              st.integers(1, 200)),  # the largest inputs are timed apart (reliability.py)
    st.sampled_from(["", " ", "\n", " \t\r\n \u00a0\u3000 ", "\u200b\u200b", "\ufeff"]),
)

#: Optional metadata strings (titles, URLs, outlets), hostile too.
hostile_meta = st.one_of(
    st.none(),
    hostile_text.map(lambda s: s[:300]),
    st.sampled_from([
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
        "https://example.com/\"><script>alert(1)</script>", "http://[::1", "https://exa mple.com", "//evil.example",
        "file:///etc/passwd", "https://example.com/" + "a" * 5000, "https://\u202eexample.com",
    ]),
)


def _encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace") if encoding != "utf-8" else text.encode("utf-8", "surrogatepass")


_ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1", "koi8-r", "shift_jis", "gb18030", "cp1250"]

#: File contents: arbitrary bytes, text in (mixed) encodings, BOMs, NUL bytes.
hostile_bytes = st.one_of(
    st.binary(max_size=2_000),
    st.builds(_encoded, hostile_text, st.sampled_from(_ENCODINGS)),
    st.lists(st.builds(_encoded, hostile_text, st.sampled_from(_ENCODINGS)), max_size=4).map(b"".join),
    st.builds(lambda a, b: a + b, st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b""]),
              st.binary(max_size=500)),
)


def _nested(tags: list[str], depth: int, inner: str, close: bool) -> str:
    opened = "".join(f"<{tags[i % len(tags)]}>" for i in range(depth))
    closed = "".join(f"</{tags[i % len(tags)]}>" for i in reversed(range(depth))) if close else ""
    return opened + inner + closed


_TAGS = ["div", "p", "span", "b", "article", "section", "table", "td", "li", "ul", "a", "em", "blockquote", "font"]

#: Web pages: deeply nested, truncated, script-only, with hostile attributes and entities.
hostile_html = st.one_of(
    st.builds(
        lambda title, body, meta: (
            f"<!doctype html><html><head><title>{title}</title>"
            f'<meta property="og:site_name" content="{meta}"><meta name="author" content="{meta}">'
            f'<link rel="canonical" href="{meta}"></head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>'
        ),
        hostile_text.map(lambda s: s[:200]), hostile_text, hostile_text.map(lambda s: s[:100]),
    ),
    st.builds(_nested, st.lists(st.sampled_from(_TAGS), min_size=1, max_size=4), st.integers(1, 5_000),
              hostile_text, st.booleans()).map(lambda page: "<html><body>" + page),
    st.builds(lambda page, cut: page[:cut], st.builds(
        lambda body: f"<html><head><title>T</title></head><body><p>{body}</p><p>{body}</p></body></html>", hostile_text),
        st.integers(0, 400)),
    st.lists(st.sampled_from(["<script>alert(1)</script>", "<script src=x></script>", "<style>p{}</style>",
                              "<noscript>x</noscript>", "<!-- c -->", "<template>t</template>"]), max_size=30)
    .map(lambda parts: "<html><head></head><body>" + "".join(parts) + "</body></html>"),
    st.lists(st.sampled_from(["<", ">", "</", "<p", "=", '"', "'", "&", "&#", ";", "<!", "<?xml", "-->", "p", "\x00",
                              "<svg onload=alert(1)>", "<img src=x onerror=alert(1)>", "<iframe srcdoc='<script>x</script>'>"]),
             max_size=80).map(lambda parts: "<html><body>" + "".join(parts)),
)

_FIELDS = ["text", "html", "title", "url", "outlet", "published", "id", "extra"]
_json_value = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), hostile_text, hostile_meta,
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _jsonl_line(kind: str, record: dict[str, Any], junk: str) -> str:
    if kind == "object":
        return json.dumps(record, ensure_ascii=bool(len(junk) % 2))
    if kind == "array":
        return json.dumps(list(record.values()), default=str)
    if kind == "deep":
        return "[" * (len(junk) * 500 + 1)
    if kind == "truncated":
        line = json.dumps(record)
        return line[: len(line) // 2]
    return junk


#: JSON Lines batches: good records, wrong types, invalid lines, truncated lines, deep nesting.
hostile_jsonl = st.lists(
    st.builds(
        _jsonl_line,
        st.sampled_from(["object", "object", "object", "array", "deep", "truncated", "junk"]),
        st.dictionaries(st.sampled_from(_FIELDS), _json_value, max_size=6).map(
            lambda r: r if {"text", "html"} & set(r) else {**r, "text": "Plain article text, reportedly."}),
        hostile_text.map(lambda s: s.replace("\n", " ")[:80]),
    ),
    max_size=12,
).map(lambda lines: "\n".join(lines) + "\n")


def _csv_text(header: list[str], rows: list[list[str]], raw_tail: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue() + raw_tail


#: CSV batches: well-formed rows, broken quoting, ragged rows, stray carriage returns.
hostile_csv = st.builds(
    _csv_text,
    st.lists(st.sampled_from(_FIELDS), min_size=1, max_size=5, unique=True),
    st.lists(st.lists(hostile_text.map(lambda s: s[:200]), max_size=6), max_size=6),
    st.lists(st.sampled_from(['"', '""', ",", "\n", "\r", '"a"b', 'x,"y', "\x00", "text", '"unclosed\n']),
             max_size=12).map("".join),
)

#: A file to read: contents and the suffix that picks its reader.
hostile_file = st.one_of(
    st.tuples(hostile_bytes, st.sampled_from([".txt", ".md", ".html", ".htm", "", ".dat"])),
    st.tuples(hostile_html.map(lambda s: s.encode("utf-8", "surrogatepass")), st.sampled_from([".html", ".txt", ""])),
    st.tuples(hostile_jsonl.map(lambda s: s.encode("utf-8", "surrogatepass")), st.just(".jsonl")),
    st.tuples(hostile_csv.map(lambda s: s.encode("utf-8", "surrogatepass")), st.just(".csv")),
    st.tuples(hostile_bytes, st.sampled_from([".jsonl", ".csv"])),
)

# Hostile reports (for renderers) ---------------------------------------------------------------

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    "\"><img src=x onerror=\"window.__pwned=2\">",
    "'><svg onload=window.__pwned=3>",
    "javascript:window.__pwned=4",
    " JaVaScRiPt:window.__pwned=5",
    "data:text/html,<script>window.__pwned=6</script>",
    "</textarea></style></script><script>window.__pwned=7</script>",
    "<iframe srcdoc=\"<script>parent.__pwned=8</script>\"></iframe>",
    "{{constructor.constructor('window.__pwned=9')()}}",
    "<a href=\"javascript:window.__pwned=10\">x</a>",
    "<base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__pwned=11\">",
    "\u202e<script>window.__pwned=12</script>",
]


def hostile_report(payload: str) -> Report:
    """A report with ``payload`` in every place a user-visible string can come from."""
    text = f"{payload}\n\nThe minister said \"{payload}\" was so-called 'fine'. {payload} reportedly spread."
    doc = Document(text, title=payload, source=Source(path=payload, url=payload, outlet=payload, author=payload,
                                                       site_name=payload, published=payload, id=payload))
    body = text.index("The minister")
    doc.add("findings", Span(body, body + 12, "scare_quote", 0.9, explanation=payload, attrs={"cue": payload}))
    doc.add("quotes", Span(body + 18, body + 20 + len(payload), "direct", 0.9, explanation=payload,
                           attrs={"speaker": payload, "affiliation": payload}))
    doc.add("claims", Span(body, body + 5, payload, 0.5, explanation=payload))
    doc.provenance.outlet = payload
    doc.provenance.outlet_profile = {"label_text": payload, "label_source_name": payload, "note": payload}
    doc.provenance.syndicated_from.append(Syndication(payload, payload, {"url": payload}))
    doc.provenance.boilerplate.append(Boilerplate(payload, payload))
    doc.summaries["sources"] = {"speakers": [{"name": payload, "quotes": 1}], "note": payload}
    return Report(doc)


class ActiveContent(HTMLParser):
    """Whatever in a page could run code or load something: scripts, handlers, frames, script URLs, <base>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self.scripts.append(values)
        if tag in ("iframe", "frame", "object", "embed", "base", "svg", "img", "form"):
            self.problems.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in values and values["http-equiv"].lower() == "refresh":
            self.problems.append("meta refresh")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"handler {name}")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value is not None:
                if value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                    self.problems.append(f"{name}={value[:40]}")


def assert_inert(page: str) -> None:
    parser = ActiveContent()
    parser.feed(page)
    assert parser.problems == []
    assert len(parser.scripts) <= 1 and all("src" not in s for s in parser.scripts)  # only the report's own script
    assert "__pwned" not in page.split("<script", 1)[-1].split("</script>", 1)[0]  # never inside the script


# Invariants -----------------------------------------------------------------------------------


@contextmanager
def bounded(what: str) -> Iterator[None]:
    """No hang: the block must finish within ``MAX_SECONDS``."""
    began = time.monotonic()
    yield
    took = time.monotonic() - began
    assert took < MAX_SECONDS, f"{what} took {took:.1f} s (limit {MAX_SECONDS:.0f} s)"


def check_report_dict(data: dict[str, Any]) -> None:
    """Every span of every layer lies inside the text and quotes it exactly."""
    body = data["text"]
    assert isinstance(body, str) and body.strip()
    for layer in LAYERS:
        for item in data.get(layer) or []:
            start, end = item["start"], item["end"]
            assert 0 <= start <= end <= len(body), f"{layer} span {start}:{end} outside a text of {len(body)}"
            assert item["text"] == body[start:end], f"{layer} span text differs from body[{start}:{end}]"


def check_report(report: Report) -> None:
    """Spans are exact, and the report survives JSON and encodes as UTF-8 (what every writer does)."""
    data = report.to_dict()
    check_report_dict(data)
    encoded = report.to_json()
    encoded.encode("utf-8")
    assert Report.from_json(encoded).to_dict() == data


def _outcome(call) -> str:
    try:
        report = call()
    except InputError as exc:
        assert exc.reason and "\n" not in str(exc).strip(), f"unclear InputError: {exc!r}"
        return "input error"
    check_report(report)
    return "report"


def check_analyze(text: str, title: str | None, url: str | None, outlet: str | None, clean: bool) -> str:
    """``unspin.analyze`` on a str."""
    from unspin import analyze

    with bounded("analyze"):
        return _outcome(lambda: analyze(text, title=title, url=url, outlet=outlet, clean=clean))


def write_input(folder: Path, data: bytes, suffix: str, name: str = "input") -> Path:
    path = folder / f"{name}{suffix}"
    path.write_bytes(data)
    return path


def check_analyze_file(folder: Path, data: bytes, suffix: str) -> str:
    """``unspin.analyze_file`` on a file of any bytes (batch suffixes are read as one article file)."""
    from unspin import analyze_file

    path = write_input(folder, data, suffix if suffix not in (".jsonl", ".csv") else ".txt")
    with bounded("analyze_file"):
        return _outcome(lambda: analyze_file(path))


def check_iter_inputs(folder: Path, data: bytes, suffix: str) -> str:
    """``ingest.files.iter_inputs``, then the pipeline on each input: every item a RawArticle or an InputError."""
    from unspin.ingest import RawArticle
    from unspin.ingest.files import iter_inputs
    from unspin.pipeline import analyze_many

    path = write_input(folder, data, suffix)
    with bounded("iter_inputs"):
        items = list(iter_inputs([str(path)]))  # an empty batch yields nothing, like an empty folder listing
        assert all(isinstance(item, (RawArticle, InputError)) for item in items)
        results = list(analyze_many(items))
    assert len(results) == len(items)
    for result in results:
        if isinstance(result, Report):
            check_report(result)
    return "report" if any(isinstance(r, Report) for r in results) else "input error" if results else "empty batch"


def check_cli(runner, folder: Path, data: bytes, suffix: str, fmt: str) -> str:
    """``unspin analyze`` (typer CliRunner): exit 0, or 2 with one ``error:`` line per bad input; never a traceback."""
    from unspin.cli import app

    path = write_input(folder, data, suffix)
    with bounded("unspin analyze"):
        result = runner.invoke(app, ["analyze", str(path), "--format", fmt, "--output", str(folder / f"out-{fmt}")])
    assert result.exit_code in (0, 2), f"exit {result.exit_code}: {result.output[-500:]} {result.exception!r}"
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    if result.exit_code == 2:
        assert errors and all(line.startswith("error: ") or line.endswith(" inputs failed") for line in errors), errors
    written = folder / f"out-{fmt}"
    if result.exit_code == 0 and fmt in ("json", "jsonl"):
        content = written.read_text(encoding="utf-8")
        for data_item in _json_reports(content, fmt):
            check_report_dict(data_item)
    return "exit 0" if result.exit_code == 0 else "exit 2"


def _json_reports(content: str, fmt: str) -> list[dict]:
    if fmt == "jsonl":
        return [json.loads(line) for line in content.splitlines() if line.strip()]
    loaded = json.loads(content) if content.strip() else []
    return loaded if isinstance(loaded, list) else [loaded]


#: Answers the API may give a hostile request; 5xx means the server broke (503/504 are load, not fuzz).
API_STATUSES = {200, 400, 413, 415, 422}


def check_server(client, request: dict[str, Any]) -> str:
    """The API through FastAPI's TestClient: a known 4xx with a JSON ``error``, or 200 with a valid report."""
    with bounded("server request"):
        response = client.post(**request)
    assert response.status_code in API_STATUSES, f"HTTP {response.status_code}: {response.text[:300]}"
    if response.status_code != 200:
        error = response.json()["error"]
        assert isinstance(error, str) and error and "Traceback" not in error
        return f"HTTP {response.status_code}"
    if request["url"] == "/api/analyze":
        data = response.json()
        check_report_dict(data)
        assert Report.from_dict(data).to_dict() == data
    else:
        assert response.headers["content-type"].startswith("text/html")
    return "HTTP 200"


def server_requests() -> st.SearchStrategy[dict[str, Any]]:
    """POST requests to the analysis endpoints: JSON articles, raw bodies, uploads with hostile names."""
    json_article = st.fixed_dictionaries(
        {}, optional={"text": hostile_text, "html": hostile_html, "title": hostile_meta, "url": hostile_meta,
                      "outlet": hostile_meta, "extra": st.integers()},
    )
    upload_name = st.one_of(
        st.sampled_from(["../../etc/passwd.txt", "..\\..\\boot.ini.txt", "/etc/shadow.html", "a\x00.txt", "CON.txt",
                         ".txt", "x.TXT", "x.html.exe", "%2e%2e%2fetc.txt", "\u202etxt.html", "a/b/c.htm", "x" * 300 + ".txt"]),
        st.text(max_size=40).map(lambda s: s + ".txt"),
    )
    endpoint = st.sampled_from(["/api/analyze", "/api/report.html"])
    return st.one_of(
        # Encoded here as a real client would (ASCII escapes, so lone surrogates arrive as "\\ud800").
        st.builds(lambda url, body: {"url": url, "content": json.dumps(body),
                                     "headers": {"content-type": "application/json"}}, endpoint, json_article),
        st.builds(lambda url, body, kind: {"url": url, "content": body, "headers": {"content-type": kind}},
                  endpoint, hostile_bytes, st.sampled_from(["application/json", "text/plain", "multipart/form-data",
                                                            "multipart/form-data; boundary=x", ""])),
        st.builds(lambda url, name, data, meta: {"url": url, "files": {"file": (name, data)},
                                                 "data": {k: v for k, v in meta.items() if v}},
                  endpoint, upload_name, hostile_bytes,
                  st.fixed_dictionaries({"url": hostile_meta.map(lambda v: v and v.encode("utf-8", "replace").decode()),
                                         "outlet": st.sampled_from([None, "RT", "<b>x</b>"])})),
    )


def check_corpus_ingest(folder: Path, data: bytes, suffix: str) -> str:
    """``corpus.ingest`` of one input file: every input stored, failed or skipped; a re-run adds nothing."""
    from unspin.corpus import store
    from unspin.corpus.ingest import ingest

    path = write_input(folder, data, suffix)
    db = folder / "corpus.sqlite"
    with bounded("corpus ingest"):
        first = ingest([str(path)], db)
        again = ingest([str(path)], db)
    conn = store.open_store(db)
    try:
        counts = store.counts(conn)
        stored = conn.execute("SELECT report FROM articles").fetchall()
    finally:
        conn.close()
    assert again.added == 0 and again.seen == first.seen, (first, again)
    assert counts.articles == first.added and again.skipped == first.added + first.duplicates
    for row in stored:
        check_report_dict(json.loads(row["report"]))
    return "stored" if first.added else "failed"


def check_render_html(text: str, title: str | None, url: str | None) -> str:
    """``unspin.render.html`` of an analysed hostile article: nothing in the page can run or load."""
    from unspin import analyze
    from unspin.render.html import render_html

    with bounded("render_html"):
        try:
            report = analyze(text, title=title, url=url, outlet=url)
        except InputError:
            return "input error"
        assert_inert(render_html(report))
    return "inert page"


# PTC commands ---------------------------------------------------------------------------------

_offset = st.one_of(st.integers(-5, 400), st.sampled_from(["", "x", "1.5", "-0", "9" * 30, "\u0661"]))
_ptc_row = st.one_of(
    st.tuples(st.sampled_from(["1", "2", "01", "x", ""]), st.sampled_from(["?", "Loaded_Language", "", "\t"]),
              _offset, _offset).map(lambda row: "\t".join(str(field) for field in row)),
    st.tuples(st.sampled_from(["1"]), _offset, _offset).map(lambda row: "\t".join(str(field) for field in row)),
    st.lists(st.sampled_from(TRICKY + ["\t", "1", "?"]), max_size=12).map("".join),
)
#: A label/template TSV: mostly well-formed rows, some broken ones, any line ends.
ptc_tsv = st.lists(_ptc_row, max_size=8).map(lambda rows: "\n".join(rows))


def check_ptc(runner, folder: Path, article: bytes, template: str) -> str:
    """``unspin ptc predict|classify|score``: exit 0, or 2 with one ``error:`` line; offsets inside the article."""
    from unspin.cli import app

    articles = folder / "articles"
    articles.mkdir()
    (articles / "article1.txt").write_bytes(article)
    spans = folder / "template.tsv"
    spans.write_bytes(template.encode("utf-8", "surrogatepass"))
    outcomes = []
    for name, args in (
        ("predict", ["ptc", "predict", str(articles), "-o", str(folder / "pred.tsv")]),
        ("classify", ["ptc", "classify", str(articles), "--spans", str(spans), "-o", str(folder / "tc.tsv")]),
        ("score", ["ptc", "score", "--task", "si", "--gold", str(spans), "--pred", str(folder / "pred.tsv")]),
    ):
        with bounded(f"unspin ptc {name}"):
            result = runner.invoke(app, args)
        assert result.exit_code in (0, 2), f"ptc {name}: exit {result.exit_code}: {result.output[-500:]} {result.exception!r}"
        assert "Traceback" not in result.output
        if result.exit_code == 2:
            errors = [line for line in result.stderr.splitlines() if line.strip()]
            assert len(errors) == 1 and errors[0].startswith("error: "), errors
        outcomes.append(f"{name} {result.exit_code}")
    if (folder / "pred.tsv").exists():
        text = (articles / "article1.txt").read_text(encoding="utf-8")
        for line in (folder / "pred.tsv").read_text(encoding="utf-8").splitlines():
            _, _, start, end = line.split("\t")
            assert 0 <= int(start) < int(end) <= len(text), line
    return ", ".join(outcomes)
