"""unspin: show how a news article tries to persuade, and where it comes from.

Public API::

    report = unspin.analyze(text, title=None, url=None, outlet=None)
    report = unspin.analyze_file("article.html")
    print(report.to_json())
"""

from __future__ import annotations

__version__ = "0.1.0"

from unspin.document import Document, Span  # noqa: E402
from unspin.errors import InputError, ModelError, ReportError, UnspinError  # noqa: E402
from unspin.pipeline import analyze, analyze_document, analyze_file  # noqa: E402
from unspin.report import Report  # noqa: E402

__all__ = [
    "Document",
    "InputError",
    "ModelError",
    "Report",
    "ReportError",
    "Span",
    "UnspinError",
    "__version__",
    "analyze",
    "analyze_document",
    "analyze_file",
]
