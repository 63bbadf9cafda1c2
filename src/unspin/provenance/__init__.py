"""Where an article comes from: its outlet's profile and the profiles of the outlets it says it came from."""

from __future__ import annotations

from unspin.document import Document
from unspin.provenance.credits import OUTLET, agency_credit, credit_kind
from unspin.provenance.outlets import domain_of, profile, resolve


def outlet_candidates(doc: Document) -> list[str]:
    """Names the input gives for its outlet, most trustworthy first.

    URL domain, the record's ``outlet``, the page's site name, the republisher the
    cleaning step found in a dateline, then a byline only when it names a known outlet.
    """
    src = doc.source
    found = [domain_of(src.url) if src.url else None, src.outlet, src.site_name, doc.provenance.outlet]
    if src.author and resolve(src.author):
        found.append(src.author)
    return [name.strip() for name in found if name and name.strip()]


def profile_outlet(doc: Document) -> None:
    """Set ``provenance.outlet`` and its profile, add a bare agency credit ("Reuters - ...") the
    cleaning step leaves, and mark every credit ``kind`` outlet or author (a person: "Reprinted with
    permission from Chuck Baldwin"); outlets get their profile as ``reliability``."""
    candidates = outlet_candidates(doc)
    if candidates:
        chosen = next((name for name in candidates if resolve(name)), candidates[0])
        doc.provenance.outlet = chosen
        doc.provenance.outlet_profile = profile(chosen)
    credit = agency_credit(doc)
    if credit is not None and resolve(credit.name) not in {resolve(s.name) for s in doc.provenance.syndicated_from}:
        doc.provenance.syndicated_from.append(credit)
    for syndication in doc.provenance.syndicated_from:
        syndication.attrs["kind"] = credit_kind(syndication)
        if syndication.attrs["kind"] == OUTLET:
            syndication.attrs["reliability"] = profile(syndication.name)


ANALYSERS = [profile_outlet]
