"""Check-worthy claims (layer ``claims``): sentences asserting figures a reader could verify.

A sentence is a claim when it states a number, amount, percentage or dated fact; its score
(check-worthiness, 0-1) rises with money, percentages and casualties, with comparisons,
and with an attribution, which tells a reader whom to check with. The authority comes from
the ``quotes`` layer when the sourcing analyser ran first ("..., according to the Russian
Ministry of Defense"), else from an "according to" in the sentence itself.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from spacy.tokens import Span as SpacySpan

from unspin.document import Document, Span, strip_whitespace
from unspin.sourcing.nlp import parsed
from unspin.sourcing.speakers import according_to, mention

#: Entity labels that are figures, with the weight each gives a sentence.
FIGURE_WEIGHTS = {"MONEY": 0.45, "PERCENT": 0.45, "CARDINAL": 0.35, "QUANTITY": 0.35, "DATE": 0.15}
CASUALTY_WORDS = frozenset(
    "kill killed dead death deaths die died wound wounded injure injured casualty casualties victim victims "
    "massacre massacred murder murdered".split()
)
COMPARISON_WORDS = frozenset(
    "more less fewer than increase increased decrease decreased double doubled triple tripled highest lowest "
    "record largest biggest smallest compared rise rose fall fell drop dropped surge surged".split()
)
EXTRA_FIGURE_BONUS, MAX_EXTRA_BONUS = 0.05, 0.15
CASUALTY_BONUS, COMPARISON_BONUS, ATTRIBUTION_BONUS = 0.2, 0.1, 0.15

#: Sentences scoring below this are not listed (a bare weekday or "one of them" is no claim).
MIN_SCORE = 0.3

_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def add_claims(doc: Document) -> None:
    """Add one ``claim`` span per check-worthy sentence, best first in ``rank``."""
    sources = [(s.start, s.end, s.attrs.get("speaker")) for s in doc.spans("quotes") if s.attrs.get("speaker")]
    sdoc = parsed(doc)
    sentences = list(sdoc.sents)
    starts = [sentence.start for sentence in sentences]
    by_sentence: dict[int, list[dict[str, Any]]] = {}
    for entity in sdoc.ents:  # once for the document: Span.ents rescans all entities per sentence
        if _is_figure(entity):
            by_sentence.setdefault(bisect.bisect_right(starts, entity.start) - 1, []).append(_figure(entity))
    found = []
    for index, figures in sorted(by_sentence.items()):
        sentence = sentences[index]
        authority = _authority(sentence, sources)
        score = _score(sentence, figures, authority)
        if score >= MIN_SCORE:
            found.append((sentence, figures, authority, score))
    found.sort(key=lambda item: -item[3])
    for rank, (sentence, figures, authority, score) in enumerate(found, start=1):
        start, end = strip_whitespace(doc.text, sentence.start_char, sentence.end_char)
        doc.add(
            "claims",
            Span(
                start,
                end,
                "claim",
                score=score,
                explanation=_explain(figures, authority),
                attrs={"figures": figures, "attributed_to": authority, "unattributed": authority is None, "rank": rank},
            ),
        )


def _is_figure(entity: SpacySpan) -> bool:
    """Figures and dates with digits; "yesterday" or "Saturday" is no checkable date, "one of" no count."""
    if entity.label_ == "DATE":
        return any(c.isdigit() for c in entity.text)
    if entity.label_ == "CARDINAL" and entity.text.lower() == "one":  # "one of the victims" counts nothing
        return False
    return entity.label_ in FIGURE_WEIGHTS


def _figure(entity: SpacySpan) -> dict[str, Any]:
    """The figure with the noun it counts ("62 people"), its value and its unit."""
    root = entity.root
    noun = root.head if root.dep_ == "nummod" and root.head.i == entity.end else None
    text = entity.doc[entity.start : noun.i + 1].text if noun is not None else entity.text
    return {"value": _value(entity.text), "unit": _unit(entity), "kind": entity.label_.lower(), "text": text}


def _value(text: str) -> float | int | None:
    """The number a figure states ("$50,000" -> 50000, "6 million" -> 6000000, "two" -> 2), if it states one."""
    lower = text.lower()
    match = _NUMBER.search(lower)
    if match:
        value = float(match.group().replace(",", ""))
    else:
        words = [_WORDS[w] for w in re.findall(r"[a-z]+", lower) if w in _WORDS]
        if not words:
            return None
        value = float(words[0])
    for word, factor in _MULTIPLIERS.items():
        if word in lower:
            value *= factor
    return int(value) if value.is_integer() else value


def _unit(entity: SpacySpan) -> str | None:
    """What is counted: "percent", the currency, or the counted noun and what happened to it ("people killed")."""
    if entity.label_ == "PERCENT":
        return "percent"
    if entity.label_ == "MONEY":
        symbol = next((c for c in entity.text if c in "$€£¥"), None)
        return {"$": "dollars", "€": "euros", "£": "pounds", "¥": "yen"}.get(symbol, "money")
    if entity.label_ == "DATE":
        return "date"
    root = entity.root
    noun = root.head if root.dep_ in ("nummod", "quantmod") and root.head.pos_ in ("NOUN", "PROPN") else None
    if noun is None:
        return None
    what = noun.text
    verb = noun.head
    if noun.dep_ in ("nsubjpass", "nsubj", "dobj") and verb.lemma_.lower() in CASUALTY_WORDS:
        what = f"{what} {verb.text}"
    return what


def _authority(sentence: SpacySpan, sources: list[tuple[int, int, str]]) -> str | None:
    """Who the sentence's figures rest on: a speaker whose quote or attribution covers it, or "according to X"."""
    for start, end, speaker in sources:
        if start < sentence.end_char and sentence.start_char < end:
            return speaker
    for token in sentence:
        source = according_to(token)
        if source is not None:
            found = mention(source)
            if found is not None:
                return found.name
    return None


def _score(sentence: SpacySpan, figures: list[dict[str, Any]], authority: str | None) -> float:
    words = {t.lower_ for t in sentence} | {t.lemma_.lower() for t in sentence}
    weights = sorted((FIGURE_WEIGHTS[f["kind"].upper()] for f in figures), reverse=True)
    score = weights[0] + min(MAX_EXTRA_BONUS, EXTRA_FIGURE_BONUS * (len(weights) - 1))
    if words & CASUALTY_WORDS:
        score += CASUALTY_BONUS
    if words & COMPARISON_WORDS:
        score += COMPARISON_BONUS
    if authority:
        score += ATTRIBUTION_BONUS
    return round(min(1.0, score), 3)


def _explain(figures: list[dict[str, Any]], authority: str | None) -> str:
    stated = "; ".join(f["text"] + (f" ({f['unit']})" if f["unit"] and f["unit"] != "date" else "") for f in figures)
    if authority:
        return f"Checkable figures: {stated}. Attributed to {authority}."
    return f"Checkable figures: {stated}. Unattributed: the text names no source for these figures."

