"""Hand-built reports with every layer the renderers know, plus one they don't, and hostile text."""

from __future__ import annotations

import pytest

import unspin
from unspin import provenance
from unspin.document import Boilerplate, Document, Provenance, Source, Span, Syndication
from unspin.report import Report

TITLE = "Coincidence: strike <b>after</b> truce?"
BODY = (
    "If Russia bombed allies just as the US 'mistakenly' did, analysts said, the envoy would protest.\n\n"
    '"It is highly suspicious," Vitaly Churkin said. 62 people were killed, the ministry said.\n\n'
    "Readers wrote <script>alert(1)</script> and <img src=x onerror=alert(1)> [bold]not markup[/bold]."
)
TEXT = f"{TITLE}\n\n{BODY}"


def at(fragment: str, occurrence: int = 0) -> tuple[int, int]:
    """Offsets of ``fragment`` in TEXT (the ``occurrence``-th match)."""
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(fragment, start + 1)
    return start, start + len(fragment)


def span(fragment: str, label: str, **kwargs) -> Span:
    start, end = at(fragment)
    return Span(start, end, label, **kwargs)


def build_document() -> Document:
    doc = Document(
        TEXT,
        title=TITLE,
        source=Source(path="article.txt", url="javascript:alert(1)", outlet="Global <Research>"),
        provenance=Provenance(
            outlet="globalresearch.ca",
            outlet_profile={"domain": "globalresearch.ca", "reliability": "unreliable", "label_source": "mbfc"},
            syndicated_from=[Syndication("RT", "By RT", {"reliability": "unreliable"})],
            boilerplate=[Boilerplate("disclaimer", "The views expressed <script>x()</script> are the sole ...")],
        ),
    )
    doc.add("findings", span("Coincidence: strike <b>after</b> truce?", "loaded_question",
                             explanation="A question that insinuates <i>a claim</i>."))
    doc.add("findings", span("'mistakenly'", "scare_quote", explanation="Ironic quotes around one word."))
    doc.add("findings", span("analysts said", "vague_attribution", explanation="Unnamed analysts."))
    # Overlapping technique spans, one crossing the finding above.
    doc.add("techniques", span("bombed allies just as the US 'mistakenly'", "Loaded_Language", score=0.91,
                               explanation="Emotionally charged wording."))
    doc.add("techniques", span("just as the US 'mistakenly' did, analysts", "Doubt", score=0.55))
    doc.add("techniques", span("<script>alert(1)</script>", "Name_Calling,Labeling", score=0.4,
                               explanation="<script>alert(2)</script>"))
    doc.add("quotes", span('"It is highly suspicious,"', "quote",
                           attrs={"speaker": "Vitaly Churkin", "affiliation": "Russia <UN>"}))
    doc.add("claims", span("62 people were killed", "claim",
                           attrs={"figures": ["62"], "attributed_to": "the ministry"}))
    doc.add("sentences", span("62 people were killed, the ministry said.", "sentence", score=0.2))
    doc.add("hyperbole", span("<img src=x onerror=alert(1)>", "big_<claim>", score=0.7,
                              explanation="A layer no renderer knows."))
    doc.summaries["techniques"] = {"model": "tiny", "propaganda_share": 0.25}
    return doc


@pytest.fixture
def report() -> Report:
    return Report(build_document())


@pytest.fixture
def empty_report() -> Report:
    return Report(Document("Plain title\n\nNothing to see here.", title="Plain title"))


#: A short article whose last line credits a person, and one that credits an outlet.
CREDIT_BODY = "The council met on Monday and voted to close the bridge for repairs.\n\nIt reopens in May."
AUTHOR_CREDIT = "Reprinted with permission from Chuck Baldwin."
OUTLET_CREDIT = "This article was originally published by RT."


def credited(line: str) -> Report:
    """The article with ``line`` at its end, through cleaning and provenance (which marks each credit's kind)."""
    return unspin.analyze(f"{CREDIT_BODY}\n\n{line}", title="Bridge closes", analysers=provenance.ANALYSERS)


@pytest.fixture(scope="session")
def author_credited() -> Report:
    return credited(AUTHOR_CREDIT)


@pytest.fixture(scope="session")
def outlet_credited() -> Report:
    return credited(OUTLET_CREDIT)
