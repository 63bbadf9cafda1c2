"""The analysed document as a versioned JSON report (``unspin.report/1``) and back."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, fields
from typing import Any

from unspin import __version__
from unspin.document import Boilerplate, Document, Provenance, Source, Span, Syndication
from unspin.errors import ReportError

SCHEMA = "unspin.report/1"

#: Layers written as top-level lists, in this order; each span object has these common keys.
LAYERS = ("findings", "techniques", "sentences", "quotes", "claims")
_COMMON = ("start", "end", "text", "score", "explanation")


def _label_key(layer: str) -> str:
    """The JSON key that carries a span's label: ``technique`` for techniques, else ``kind``."""
    return "technique" if layer == "techniques" else "kind"


class Report:
    """A :class:`Document` after analysis, with (de)serialisation to the JSON schema."""

    def __init__(self, document: Document) -> None:
        self.document = document

    # Convenience views -------------------------------------------------
    @property
    def text(self) -> str:
        return self.document.text

    @property
    def title(self) -> str | None:
        return self.document.title

    def spans(self, layer: str) -> list[Span]:
        return self.document.spans(layer)

    @property
    def findings(self) -> list[Span]:
        return self.document.spans("findings")

    @property
    def techniques(self) -> list[Span]:
        return self.document.spans("techniques")

    @property
    def provenance(self) -> Provenance:
        return self.document.provenance

    def summary(self) -> dict[str, Any]:
        """Counts per layer and label, plus article-level summaries the analysers left."""
        doc = self.document
        counts = {
            layer: dict(Counter(s.label for s in doc.layers.get(layer, [])))
            for layer in LAYERS
            if layer != "sentences" and doc.layers.get(layer)
        }
        return {"words": doc.word_count(), "counts": counts, **doc.summaries}

    # Serialisation ----------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "unspin_version": __version__,
            "title": doc.title,
            "text": doc.text,
            "source": asdict(doc.source),
        }
        for layer in LAYERS:
            out[layer] = [_span_to_dict(doc, layer, s) for s in doc.spans(layer)]
        prov = doc.provenance
        out["provenance"] = {
            "outlet": prov.outlet,
            "outlet_profile": prov.outlet_profile,
            "syndicated_from": [{"name": s.name, "evidence": s.evidence, **s.attrs} for s in prov.syndicated_from],
            "boilerplate": [asdict(b) for b in prov.boilerplate],
        }
        out["summary"] = self.summary()
        return out

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Report":
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise ReportError(f"not an {SCHEMA} report")
        try:
            source_keys = {f.name for f in fields(Source)}
            source = {k: v for k, v in (data.get("source") or {}).items() if k in source_keys}
            # Offsets index ``text`` and the title is its first line; other fields are rendered as given.
            _check_strings({"text": data["text"]}, nullable=False)
            _check_strings({"title": data.get("title")}, nullable=True)
            doc = Document(
                data["text"],
                title=data.get("title"),
                source=Source(**source),
                provenance=_provenance_from_dict(data.get("provenance") or {}),
            )
            for layer in LAYERS:
                for item in data.get(layer) or []:
                    doc.add(layer, _span_from_dict(layer, item))
            extra = data.get("summary") or {}
            doc.summaries = {k: v for k, v in extra.items() if k not in ("words", "counts")}
        except (KeyError, TypeError, ValueError) as exc:
            raise ReportError(f"malformed report: {exc}") from exc
        return cls(doc)

    @classmethod
    def from_json(cls, text: str) -> "Report":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReportError(f"report is not JSON: {exc}") from exc
        return cls.from_dict(data)


def _check_strings(values: dict[str, Any], *, nullable: bool) -> None:
    for key, value in values.items():
        if not (isinstance(value, str) or (nullable and value is None)):
            raise TypeError(f"{key} must be a string{' or null' if nullable else ''}")


def _span_to_dict(doc: Document, layer: str, span: Span) -> dict[str, Any]:
    return {
        _label_key(layer): span.label,
        "start": span.start,
        "end": span.end,
        "text": doc.span_text(span),
        "score": round(float(span.score), 4),
        "explanation": span.explanation,
        **span.attrs,
    }


def _span_from_dict(layer: str, item: dict[str, Any]) -> Span:
    key = _label_key(layer)
    attrs = {k: v for k, v in item.items() if k not in _COMMON and k != key}
    return Span(
        start=int(item["start"]),
        end=int(item["end"]),
        label=str(item[key]),
        score=float(item.get("score", 1.0)),
        explanation=str(item.get("explanation", "")),
        attrs=attrs,
    )


def _provenance_from_dict(data: dict[str, Any]) -> Provenance:
    synd = []
    for s in data.get("syndicated_from") or []:
        attrs = {k: v for k, v in s.items() if k not in ("name", "evidence")}
        synd.append(Syndication(name=s["name"], evidence=s["evidence"], attrs=attrs))
    return Provenance(
        outlet=data.get("outlet"),
        outlet_profile=data.get("outlet_profile"),
        syndicated_from=synd,
        boilerplate=[Boilerplate(kind=b["kind"], text=b["text"]) for b in data.get("boilerplate") or []],
    )
