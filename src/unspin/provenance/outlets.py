"""Outlet names and URLs -> labelled domains -> a profile that describes the outlet.

Names are matched through aliases derived from the labelled domains themselves
(``globalresearch.ca`` <-> "Global Research", ``rt.com`` <-> "RT"), plus a short
hand-curated table for names that do not spell their domain (``CURATED_ALIASES``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from unspin.provenance.labels import DATASET, LABEL_SOURCE_NAMES, LABEL_TEXT, outlet_labels

NOTE = "A label describes the outlet, not this article."

#: Curated by hand: common outlet names whose letters do not match their domain's first label.
CURATED_ALIASES = {
    "associated press": "apnews.com",
    "ap": "apnews.com",
    "agence france presse": "afp.com",
    "agence france-presse": "afp.com",
    "new york times": "nytimes.com",
    "wall street journal": "wsj.com",
    "russia today": "rt.com",
    "sputnik": "sputniknews.com",
    "sputnik news": "sputniknews.com",
    "global research": "globalresearch.ca",
    "centre for research on globalization": "globalresearch.ca",
    "center for research on globalization": "globalresearch.ca",
    "bbc": "bbc.co.uk",
    "bbc news": "bbc.co.uk",
    "abc news": "abcnews.go.com",
    "cbs news": "cbsnews.com",
    "nbc news": "nbcnews.com",
    "xinhua": "xinhuanet.com",
    "huffington post": "huffingtonpost.com",
    "los angeles times": "latimes.com",
    "new york post": "nypost.com",
    "daily mail": "dailymail.co.uk",
    "mail online": "dailymail.co.uk",
    "the telegraph": "telegraph.co.uk",
    "press tv": "presstv.ir",
    "tass": "tass.com",
    "zero hedge": "zerohedge.com",
}

#: Preferred top-level endings when several labelled domains share a first label (bbc.com, bbc.co.uk).
_TLD_PREFERENCE = (".com", ".org", ".net", ".co.uk")

#: Host prefixes that name a page variant, not another outlet.
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")

_DOMAIN_LIKE = re.compile(r"^(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[:/].*)?$", re.IGNORECASE)


def domain_of(url_or_host: str) -> str | None:
    """The lower-case host of a URL or bare host, without ``www.``/``m.`` and port."""
    text = url_or_host.strip()
    if not text:
        return None
    try:
        host = urlsplit(text if "//" in text else f"//{text}").hostname or ""
    except ValueError:  # "http://[::1": urlsplit refuses malformed IPv6 hosts
        return None
    host = host.lower().rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host if "." in host else None


def labelled_domain(host: str) -> str | None:
    """The labelled domain for a host, trying the host and then its parent domains."""
    labels = outlet_labels()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        candidate = ".".join(parts[i:])
        if candidate in labels:
            return candidate
    return None


def name_key(name: str) -> str:
    """A name reduced to lower-case letters and digits ("The Global-Research" -> "theglobalresearch")."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]", "", folded.replace("&", "and"))


@cache
def _aliases() -> dict[str, str]:
    """Name key -> labelled domain, from each domain's first label and the curated table."""
    by_key: dict[str, list[str]] = {}
    for domain in outlet_labels():
        by_key.setdefault(name_key(domain.split(".")[0]), []).append(domain)
    aliases = {key: min(domains, key=_domain_rank) for key, domains in by_key.items()}
    aliases.update({name_key(name): domain for name, domain in CURATED_ALIASES.items()})
    return aliases


def _domain_rank(domain: str) -> tuple[int, str]:
    ends = [i for i, tld in enumerate(_TLD_PREFERENCE) if domain.endswith(tld)]
    return (ends[0] if ends else len(_TLD_PREFERENCE), domain)


def resolve(name_or_url: str) -> str | None:
    """The labelled domain an outlet name, host or URL refers to, or None when unknown."""
    text = name_or_url.strip()
    if not text:
        return None
    if _DOMAIN_LIKE.match(text):
        host = domain_of(text)
        found = labelled_domain(host) if host else None
        if found:
            return found
    key = name_key(text)
    aliases = _aliases()
    for candidate in (key, key.removeprefix("the"), f"the{key}"):
        if candidate and candidate in aliases:
            return aliases[candidate]
    return None


def profile(name_or_url: str) -> dict[str, Any]:
    """What the shipped labels say about an outlet; ``known: False`` when they say nothing."""
    domain = resolve(name_or_url)
    if domain is None:
        return {"name": name_or_url.strip(), "known": False}
    label = outlet_labels()[domain]
    return {
        "name": name_or_url.strip(),
        "domain": domain,
        "known": True,
        "reliability_label": label.reliability_label,
        "label_text": LABEL_TEXT.get(label.reliability_label, "unknown label"),
        "newsguard_score": label.newsguard_score,
        "label_source": label.label_source,
        "label_source_name": LABEL_SOURCE_NAMES.get(label.label_source, label.label_source),
        "dataset": DATASET,
        "note": NOTE,
    }
