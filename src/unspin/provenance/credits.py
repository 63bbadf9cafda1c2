"""A bare agency credit opening the lead ("Reuters - ..."), which the cleaning step leaves alone.

``unspin.ingest.clean`` finds bylines, "originally appeared on" lines and parenthesised wire
credits ("WASHINGTON (Reuters) -"); a lead that starts with the agency's name and a dash is
the one cue left, and only names in its list of known agencies count.
"""

from __future__ import annotations

import re

from unspin.document import Document, Syndication
from unspin.ingest.clean import KNOWN_AGENCIES

_CREDIT = re.compile(r"(?P<name>[A-Z][\w&.' -]{0,40}?)\s+[-\u2014\u2013]{1,2}\s")


def agency_credit(doc: Document) -> Syndication | None:
    """The agency a lead like "Reuters - The Senate voted ..." credits, if any."""
    body = doc.text[doc.title_end :].lstrip()
    match = _CREDIT.match(body)
    if match is None or re.sub(r"\W", "", match.group("name").casefold()) not in KNOWN_AGENCIES:
        return None
    evidence = match.group(0).strip()
    return Syndication(match.group("name"), evidence, {"evidences": [evidence]})
