"""Plain-text bytes: UTF-8, BOM, detected legacy encodings, and the refusals."""

from __future__ import annotations

import pytest

from unspin.errors import InputError
from unspin.ingest.text import decode, normalize

FRENCH = "Le café était fermé à cause de la grève. Les élèves sont allés à l'école près du théâtre."
CURLY = "He called the strike “mistaken” — the café’s owner disagreed, naïvely, over 5 € coffee."


def test_utf8_is_decoded_as_is():
    assert decode(FRENCH.encode("utf-8"), name="a.txt") == FRENCH


def test_utf8_bom_is_stripped():
    assert decode(b"\xef\xbb\xbf" + FRENCH.encode(), name="a.txt") == FRENCH


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_latin1_french_is_detected(encoding):
    assert decode(FRENCH.encode(encoding), name="a.txt") == FRENCH


def test_cp1252_quotes_and_euro_are_detected():
    assert decode(CURLY.encode("cp1252"), name="a.txt") == CURLY


def test_utf16_with_bom_is_not_taken_for_binary():
    assert decode(FRENCH.encode("utf-16"), name="a.txt") == FRENCH


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b" \n\t\r\n ", "empty"),
        (b"PK\x03\x04\x00\x00binary zip header", "binary"),
        (b"text \x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11 more", "binary"),
        (bytes(range(0x80, 0x100)) * 3, "cannot decode"),
    ],
)
def test_bad_bytes_are_refused_with_a_reason(data, reason):
    with pytest.raises(InputError) as caught:
        decode(data, name="bad.txt")
    assert caught.value.source == "bad.txt"
    assert reason in caught.value.reason
    assert "\n" not in str(caught.value)


def test_normalize_line_ends_bom_and_controls():
    raw = "\ufeffTitle\r\n\r\nFirst line\rsecond\x00 line\x07\twith tab\x0c\n"
    assert normalize(raw) == "Title\n\nFirst line\nsecond line\twith tab\n"


def test_normalize_keeps_ordinary_text_unchanged():
    assert normalize(CURLY + "\n\n" + FRENCH) == CURLY + "\n\n" + FRENCH
