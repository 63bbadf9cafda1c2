"""unspin's own exceptions: callers catch these, never a library's."""

from __future__ import annotations


class UnspinError(Exception):
    """Base class of every error unspin raises on purpose."""


class InputError(UnspinError):
    """An input cannot be analysed; ``source`` names it and ``reason`` says why in words."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelError(UnspinError):
    """A shipped model file is missing or unusable."""


class ReportError(UnspinError):
    """A report document does not follow the ``unspin.report/1`` schema."""
