"""Shared render values: provenance credits labelled as outlets or credited authors."""

from __future__ import annotations

from unspin.document import Syndication
from unspin.render.values import CREDITED_AUTHOR, SYNDICATED_FROM, credits


def test_a_credited_person_is_labelled_author_and_listed_after_outlets():
    shown = credits(
        [
            Syndication("Chuck Baldwin", "Reprinted with permission from Chuck Baldwin", {"kind": "author"}),
            Syndication("RT", "By RT", {"kind": "outlet", "evidences": ["By RT", "Source: RT"], "reliability": {"domain": "rt.com"}}),
        ]
    )
    assert [(credit.label, credit.name) for credit in shown] == [(SYNDICATED_FROM, "RT"), (CREDITED_AUTHOR, "Chuck Baldwin")]
    outlet, author = shown
    assert outlet.evidence == ["By RT", "Source: RT"] and outlet.attrs == {"reliability": {"domain": "rt.com"}}
    assert author.evidence == ["Reprinted with permission from Chuck Baldwin"] and author.attrs == {}


def test_an_entry_without_kind_from_an_older_report_is_an_outlet():
    (credit,) = credits([Syndication("RT", "By RT", {"reliability": "unreliable"})])
    assert credit.label == SYNDICATED_FROM and credit.evidence == ["By RT"] and credit.attrs == {"reliability": "unreliable"}


def test_untrusted_values_become_plain_text():
    (credit,) = credits([Syndication(3, ["<e>"], {"kind": ["author"], "evidences": "not a list"})])  # type: ignore[arg-type]
    assert credit.label == SYNDICATED_FROM and credit.name == "3" and credit.evidence == ["<e>"]
