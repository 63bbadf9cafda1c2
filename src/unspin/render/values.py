"""Turn report values (scores, attrs, nested summaries) into short plain strings for any renderer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from unspin.document import Source, Syndication
from unspin.provenance.credits import AUTHOR
from unspin.render.legend import humanize

#: Shown beside every outlet profile (the profile itself may carry the same note; it is then left out there).
PROFILE_CAVEAT = "A label describes the outlet, not this article."

#: Attr columns shown first for a layer, in this order; other attrs follow in first-seen order.
PREFERRED_ATTRS = {
    "quotes": ("speaker", "affiliation"),
    "claims": ("figures", "attributed_to"),
}


#: Nesting below this depth is summarised as an ellipsis (a posted report may nest without end).
MAX_DEPTH = 6


def plain(value: Any, _depth: int = 0) -> str:
    """A compact one-line rendering: lists joined by commas, mappings as ``key: value`` pairs."""
    if value is None:
        return ""
    if _depth > MAX_DEPTH:
        return "…"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, dict):
        pairs = ((humanize(str(k)), plain(v, _depth + 1)) for k, v in value.items())
        return "; ".join(f"{key}: {text}" for key, text in pairs if text)
    if isinstance(value, (list, tuple, set)):
        return ", ".join(item for item in (plain(v, _depth + 1) for v in value) if item)
    return str(value)


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut at ``width`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def score_text(score: float) -> str:
    return f"{score:.2f}"


def attr_columns(layer: str, spans_attrs: list[dict[str, Any]]) -> list[str]:
    """The attr keys worth showing for a layer: preferred ones first, then the rest; offsets left out."""
    seen: dict[str, None] = dict.fromkeys(PREFERRED_ATTRS.get(layer, ()))
    for attrs in spans_attrs:
        seen.update(dict.fromkeys(attrs))
    return [
        key
        for key in seen
        if not key.endswith(("_start", "_end")) and any(plain(attrs.get(key)) for attrs in spans_attrs)
    ]


def source_facts(source: Source) -> list[tuple[str, str]]:
    """``(label, value)`` for every known field of where the article came from."""
    fields = (
        ("Outlet", source.outlet),
        ("Site", source.site_name),
        ("Author", source.author),
        ("Published", source.published),
        ("URL", source.url),
        ("File", source.path),
        ("Id", source.id),
    )
    return [(label, plain(value)) for label, value in fields if plain(value)]


def without_caveat(profile: Any) -> Any:
    """An outlet profile without entries that repeat :data:`PROFILE_CAVEAT` (renderers show it once, styled)."""
    if not isinstance(profile, dict):
        return profile
    return {key: value for key, value in profile.items() if value != PROFILE_CAVEAT}


#: How a ``provenance.syndicated_from`` entry is labelled, by its ``kind``: an outlet the piece came
#: from, or a person credited for it ("Reprinted with permission from Chuck Baldwin").
SYNDICATED_FROM = "Syndicated from"
CREDITED_AUTHOR = "Credited author"


@dataclass(frozen=True)
class Credit:
    """One syndication entry as every renderer shows it: label, name, evidence lines, other attrs."""

    label: str
    name: str
    evidence: list[str]
    attrs: dict[str, Any]


def credits(syndications: Iterable[Syndication]) -> list[Credit]:
    """The entries of ``syndicated_from``, outlets first, then credited authors.

    A person is no outlet: calling them "Syndicated from" would misstate where the piece comes
    from. Entries without ``kind`` (reports written before it existed) are outlets. ``kind`` and
    the evidence attrs are left out of ``attrs``: the label and the evidence already say them.
    """
    shown = []
    for synd in syndications:
        lines = synd.attrs.get("evidences")
        lines = lines if isinstance(lines, list) and lines else [synd.evidence]
        attrs = {key: value for key, value in synd.attrs.items() if key not in ("kind", "evidences")}
        label = CREDITED_AUTHOR if synd.attrs.get("kind") == AUTHOR else SYNDICATED_FROM
        shown.append(Credit(label, plain(synd.name), [plain(line) for line in lines if plain(line)], attrs))
    return sorted(shown, key=lambda credit: credit.label == CREDITED_AUTHOR)
