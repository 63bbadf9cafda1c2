"""Plain text: bytes -> str (UTF-8 or detected), then one normal form that offsets refer to."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from unspin.errors import InputError

#: C0 control characters other than tab and newline (CR is turned into LF before this applies).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: UTF-16 surrogates alone are not characters: JSON escapes ("\\ud800") make them, and no encoder writes them.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

#: Share of control characters above which decoded bytes are taken for a binary file.
_MAX_CONTROL_SHARE = 0.05

_WESTERN_DEFAULT = "cp1252"


def decode(data: bytes, *, name: str) -> str:
    """Decode an input file's bytes: UTF-8 first (BOM stripped), otherwise the detected encoding.

    Refuses empty, binary and undecodable input with an :class:`InputError` that says which.
    """
    if not data.strip():
        raise InputError(name, "file is empty")
    if b"\x00" in data and not _looks_utf16(data):
        raise InputError(name, "looks like a binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _detected(data, name)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise InputError(name, "looks like a binary file (many control characters), not text")
    if not text.strip():
        raise InputError(name, "file is empty (only whitespace)")
    return text


def normalize(text: str) -> str:
    """The one text form unspin analyses: LF line ends, no BOM, no NUL or other C0 controls but tab/newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.lstrip("\ufeff")
    return _CONTROL.sub("", scrub(text))


def scrub(value: str) -> str:
    """``value`` with each lone surrogate replaced by U+FFFD (one for one), so it can be written as UTF-8."""
    return _LONE_SURROGATE.sub("\ufffd", value)


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 text has NUL bytes too; only its BOM tells it apart from binary data cheaply."""
    return data.startswith((b"\xff\xfe", b"\xfe\xff"))


def _detected(data: bytes, name: str) -> str:
    """The detected decoding; on a tie, windows-1252, the usual legacy encoding of Western news text.

    Short Latin-1/cp1252 texts score the same under cp1250, cp1257 and others, and the
    first of those is not the likeliest (the WHATWG encoding standard reads latin-1 as windows-1252).
    """
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(name, "cannot decode: not UTF-8 and no text encoding fits")
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    preferred = next((m for m in tied if m.encoding == _WESTERN_DEFAULT), best)
    return str(preferred)


def _control_share(text: str) -> float:
    sample = text[:100_000]
    return len(_CONTROL.findall(sample)) / max(len(sample), 1)
