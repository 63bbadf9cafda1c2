"""JSONL and CSV batches: records become articles, bad records become errors, and the batch goes on."""

from __future__ import annotations

import csv
import json

import pytest

from unspin import limits
from unspin.errors import InputError
from unspin.ingest import RawArticle
from unspin.ingest.batch import read_csv, read_jsonl
from unspin.ingest.files import iter_inputs

BODY = "The council voted to close the bridge, officials said."


def jsonl(tmp_path, *lines):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_jsonl_records_with_metadata(tmp_path):
    path = jsonl(
        tmp_path,
        json.dumps({"id": 7, "title": "Bridge to close", "text": BODY, "url": "https://x.example/a",
                    "outlet": "Gazette", "published": "2020-01-02"}),
        json.dumps({"html": "<html><body><p>Hi</p></body></html>"}),
    )
    first, second = read_jsonl(path)
    assert first.name == f"{path}:1" and first.source.path == f"{path}:1"
    assert first.text == f"Bridge to close\n\n{BODY}"
    assert (first.source.id, first.source.url, first.source.outlet, first.source.published) == (
        "7", "https://x.example/a", "Gazette", "2020-01-02")
    assert second.html.startswith("<html>") and second.text is None and second.name == f"{path}:2"


def test_jsonl_goes_past_every_kind_of_bad_record(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_RECORD_CHARS", 200)
    good = json.dumps({"text": BODY})
    path = jsonl(
        tmp_path,
        good,
        "{not json",
        "[1, 2, 3]",
        json.dumps({"title": "no body"}),
        json.dumps({"text": 42}),
        json.dumps({"text": BODY, "url": ["a", "b"]}),
        json.dumps({"text": "   "}),
        json.dumps({"text": "x" * 300}),
        "",
        good,
    )
    items = list(read_jsonl(path))
    assert [isinstance(i, RawArticle) for i in items] == [True] + [False] * 7 + [True]
    reasons = [i.reason for i in items if isinstance(i, InputError)]
    for expected, reason in zip(
        ["invalid JSON", "not an object", "no 'text' or 'html'", "'text' must be a string",
         "'url' must be a string", "is empty", "over the limit"],
        reasons,
    ):
        assert expected in reason
    assert items[1].source == f"{path}:2" and items[-1].name == f"{path}:10"


def test_jsonl_line_not_utf8_is_one_error(tmp_path):
    path = tmp_path / "b.jsonl"
    good = json.dumps({"text": BODY}).encode()
    path.write_bytes(good + b"\n" + b'{"text": "caf\xe9"}\n' + good + b"\n")
    items = list(read_jsonl(str(path)))
    assert [type(i) for i in items] == [RawArticle, InputError, RawArticle]
    assert "not UTF-8" in items[1].reason


def test_jsonl_overlong_line_is_skipped_without_losing_the_next(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_RECORD_CHARS", 10)
    path = jsonl(tmp_path, json.dumps({"text": "x" * 200}), json.dumps({"text": "ok"}))
    items = list(read_jsonl(path))
    assert [type(i) for i in items] == [InputError, RawArticle]
    assert items[1].name == f"{path}:2" and items[1].text == "ok"


def write_csv(tmp_path, rows, header=("id", "title", "text", "outlet")):
    path = tmp_path / "batch.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def test_csv_records_and_big_fields(tmp_path):
    long_body = "A sentence about the harbour bridge. " * 10_000  # ~370 KB, over csv's default field limit
    path = write_csv(tmp_path, [("1", "Bridge", BODY, "Gazette"), ("2", "", long_body, "")])
    first, second = read_csv(path)
    assert first.name == f"{path}:2" and first.text == f"Bridge\n\n{BODY}" and first.source.outlet == "Gazette"
    assert second.text == long_body and second.source.outlet is None


def test_csv_bad_rows_are_errors(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_RECORD_CHARS", 100)
    path = write_csv(tmp_path, [("1", "", "", ""), ("2", "t", "y" * 150, ""), ("3", "t", BODY, "", "extra"), ("4", "", BODY, "")])
    items = list(read_csv(path))
    assert [type(i) for i in items] == [InputError, InputError, InputError, RawArticle]
    assert "no 'text' or 'html'" in items[0].reason and "over the limit" in items[1].reason
    assert items[3].name == f"{path}:5"


def test_csv_broken_quoting_is_reported(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text(f'id,text\n1,"{BODY}"\n2,"unterminated "quote" here\n', encoding="utf-8")
    items = list(read_csv(str(path)))
    assert isinstance(items[0], RawArticle)
    assert isinstance(items[-1], InputError) and "broken CSV" in items[-1].reason


def test_csv_without_text_column(tmp_path):
    (error,) = read_csv(write_csv(tmp_path, [("1", "t", "x", "o")], header=("id", "title", "body", "outlet")))
    assert isinstance(error, InputError) and "no 'text' or 'html' column" in error.reason


@pytest.mark.parametrize("name", ["missing.jsonl", "missing.csv"])
def test_missing_batch_file_via_iter_inputs(tmp_path, name):
    (error,) = iter_inputs([str(tmp_path / name)])
    assert isinstance(error, InputError) and error.reason == "no such file"


def test_shipped_example_batch_has_one_bad_record(tmp_path):
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "examples" / "batch.jsonl"
    items = list(iter_inputs([str(path)]))
    assert len(items) >= 3
    assert sum(isinstance(i, InputError) for i in items) == 1
