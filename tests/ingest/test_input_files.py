"""Files, folders and stdin: every input kind, and every bad input as a one-line InputError."""

from __future__ import annotations

import io
import json
import sys

import pytest

from unspin import limits
from unspin.errors import InputError
from unspin.ingest import RawArticle
from unspin.ingest.files import iter_inputs, read_article

ARTICLE = "A headline about the harbour\n\nThe council voted to close the bridge, officials said.\n"
PAGE = (
    "<!DOCTYPE html><html><head><title>Bridge closes</title></head><body><article><h1>Bridge closes</h1>"
    "<p>The council voted on Tuesday to close the old harbour bridge for repairs, officials said, "
    "and traffic will be diverted through the town centre for at least six months.</p></article></body></html>"
)


def write(path, data):
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(path)


@pytest.mark.parametrize("suffix", [".txt", ".text", ".md"])
def test_text_files_are_read_as_text(tmp_path, suffix):
    raw = read_article(write(tmp_path / f"a{suffix}", ARTICLE))
    assert raw.text == ARTICLE and raw.html is None
    assert raw.source.path == raw.name == str(tmp_path / f"a{suffix}")


@pytest.mark.parametrize("suffix", [".html", ".htm", ".HTML"])
def test_html_files_are_read_as_html(tmp_path, suffix):
    raw = read_article(write(tmp_path / f"a{suffix}", PAGE))
    assert raw.html == PAGE and raw.text is None


def test_unknown_extension_is_sniffed(tmp_path):
    assert read_article(write(tmp_path / "page.php", PAGE)).html == PAGE
    assert read_article(write(tmp_path / "story", ARTICLE)).text == ARTICLE


def test_stdin_bytes(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("cp1252"))))
    raw = read_article("-")
    assert raw.name == "-" and raw.text == ARTICLE


def test_latin1_file_with_crlf_keeps_its_characters(tmp_path):
    text = "Caf\u00e9 owners prot\u00e9st\r\n\r\nLe caf\u00e9 \u00e9tait ferm\u00e9 \u00e0 cause de la gr\u00e8ve, ont dit les \u00e9l\u00e8ves.\r\n"
    raw = read_article(write(tmp_path / "fr.txt", text.encode("latin-1")))
    assert raw.text == text


def expect_error(path, reason):
    with pytest.raises(InputError) as caught:
        read_article(path)
    assert caught.value.source == path
    assert reason in caught.value.reason
    assert "\n" not in str(caught.value)


def test_missing_file(tmp_path):
    expect_error(str(tmp_path / "nope.txt"), "no such file")


def test_directory(tmp_path):
    expect_error(str(tmp_path), "is a directory")


def test_empty_file(tmp_path):
    expect_error(write(tmp_path / "empty.txt", b""), "empty")


def test_whitespace_only_file(tmp_path):
    expect_error(write(tmp_path / "blank.txt", b"  \r\n\n\t "), "empty")


def test_binary_file(tmp_path):
    expect_error(write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)), "binary")


def test_undecodable_file(tmp_path):
    expect_error(write(tmp_path / "noise.txt", bytes(range(0x80, 0x100)) * 4), "cannot decode")


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_INPUT_BYTES", 100)
    path = write(tmp_path / "big.txt", ARTICLE * 10)
    monkeypatch.setattr("builtins.open", lambda *a, **k: pytest.fail("read an oversized file"))
    expect_error(path, "size limit")


def test_oversized_stdin(monkeypatch):
    monkeypatch.setattr(limits, "MAX_INPUT_BYTES", 100)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode() * 10)))
    expect_error("-", "size limit")


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path / "secret.txt", ARTICLE)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)  # chmod 000 does not stop root, who runs CI containers
    expect_error(path, "permission denied")


def test_folder_is_searched_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    write(tmp_path / "b" / "2.txt", ARTICLE)
    write(tmp_path / "a.html", PAGE)
    write(tmp_path / "README.md", "not an article")
    write(tmp_path / "notes.pdf", b"%PDF-1.4")
    (tmp_path / ".venv").mkdir()
    write(tmp_path / ".venv" / "LICENSE.txt", "licence text")
    write(tmp_path / ".hidden.txt", ARTICLE)
    write(tmp_path / "c.jsonl", json.dumps({"text": "Body of a record, long enough."}) + "\n")
    names = [item.name for item in iter_inputs([str(tmp_path)])]
    assert names == [str(tmp_path / "a.html"), str(tmp_path / "b" / "2.txt"), f"{tmp_path / 'c.jsonl'}:1"]


def test_iter_inputs_yields_errors_and_goes_on(tmp_path):
    good = write(tmp_path / "good.txt", ARTICLE)
    empty = write(tmp_path / "empty.txt", b"")
    items = list(iter_inputs([str(tmp_path / "missing.txt"), empty, str(tmp_path / "nothing-here"), good]))
    assert [type(item) for item in items] == [InputError, InputError, InputError, RawArticle]
    assert items[-1].text == ARTICLE


def test_empty_folder_is_an_error(tmp_path):
    (tmp_path / "sub").mkdir()
    (error,) = iter_inputs([str(tmp_path / "sub")])
    assert isinstance(error, InputError) and "no .txt" in error.reason
