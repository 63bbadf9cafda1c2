"""Credits: a bare agency credit opening the lead, and whether a credited name is an outlet or a person.

``unspin.ingest.clean`` finds bylines, "originally appeared on" lines and parenthesised wire
credits ("WASHINGTON (Reuters) -"); a lead that starts with the agency's name and a dash is
the one cue left, and only names in its list of known agencies count.

A credit line can name a person instead of an outlet ("Reprinted with permission from Chuck
Baldwin"): the piece is that writer's column, and a person is no node of the republication
graph. :func:`credit_kind` tells the two apart; the outlet labels and name cues decide first,
spaCy's named entities only the names that look like a person's.
"""

from __future__ import annotations

import re

from unspin.document import Document, Syndication
from unspin.ingest.clean import KNOWN_AGENCIES
from unspin.provenance.outlets import resolve

#: ``kind`` of a syndication entry: the outlet the piece comes from, or a person credited for it.
OUTLET = "outlet"
AUTHOR = "author"

_CREDIT = re.compile(r"(?P<name>[A-Z][\w&.' -]{0,40}?)\s+[-\u2014\u2013]{1,2}\s")

#: Words that make a credited name an organisation ("Canada Free Press", "Ron Paul Institute",
#: "The Spectator": a person's name takes no article).
OUTLET_WORDS = frozenset(
    """
    the news media times post press journal review report reporter daily weekly herald tribune gazette
    chronicle observer monitor insider today magazine network radio tv television channel broadcasting
    wire agency service foundation institute center centre council group project blog digest dispatch
    online inc llc ltd gmbh corp corporation company publishing publications analysis research world
    """.split()
)

#: A person's name as credit lines give it: two to four capitalised words or initials ("J. R. Smith").
_PERSON_SHAPE = re.compile(
    r"(?:[A-Z]\.|[A-Z][a-z]*(?:[A-Z][a-z]+)?(?:[-'\u2019][A-Z][a-z]+)*)"
    r"(?:\s+(?:[A-Z]\.|[A-Z][a-z]*(?:[A-Z][a-z]+)?(?:[-'\u2019][A-Z][a-z]+)*|Jr\.?|Sr\.?|II|III)){1,3}"
)


def agency_credit(doc: Document) -> Syndication | None:
    """The agency a lead like "Reuters - The Senate voted ..." credits, if any."""
    body = doc.text[doc.title_end :].lstrip()
    match = _CREDIT.match(body)
    if match is None or re.sub(r"\W", "", match.group("name").casefold()) not in KNOWN_AGENCIES:
        return None
    evidence = match.group(0).strip()
    return Syndication(match.group("name"), evidence, {"evidences": [evidence]})


def credit_kind(credit: Syndication) -> str:
    """:data:`AUTHOR` when the credited name is a person's, else :data:`OUTLET`.

    A labelled outlet or known agency is an outlet even when it carries a person's name
    ("Paul Craig Roberts" is paulcraigroberts.org); so is a name with an outlet word or a
    domain ("Consortiumnews.com"). A name shaped like a person's is a person only when spaCy
    reads it as one in its credit line ("Breitbart London" is not).
    """
    name = credit.name.strip()
    if resolve(name) or re.sub(r"\W", "", name.casefold()) in KNOWN_AGENCIES:
        return OUTLET
    if not _PERSON_SHAPE.fullmatch(name) or any(word.lower() in OUTLET_WORDS for word in re.split(r"[\s.\-]+", name)):
        return OUTLET
    return AUTHOR if _named_person(credit.evidence, name) else OUTLET


def _named_person(evidence: str, name: str) -> bool:
    """Whether spaCy's entities read ``name`` in its credit line as exactly one PERSON."""
    from unspin.sourcing.nlp import model  # spaCy loads only for a credit that may be a person

    line = evidence if name in evidence else f"{evidence} {name}"
    return any(ent.label_ == "PERSON" and ent.text == name for ent in model()(line).ents)
