"""Credit lines that name a person are author credits, not outlets the piece was syndicated from."""

from __future__ import annotations

import pytest

import unspin
from unspin import provenance

BODY = "The council met on Monday and voted to close the bridge for repairs.\n\nIt reopens in May."


def credits(credit_line: str) -> list[dict]:
    report = unspin.analyze(f"{BODY}\n\n{credit_line}", title="Bridge closes", analysers=provenance.ANALYSERS)
    return report.to_dict()["provenance"]["syndicated_from"]


@pytest.mark.parametrize(
    "line, name",
    [
        ("Reprinted with permission from Chuck Baldwin.", "Chuck Baldwin"),
        ("This article was originally published by John Smith.", "John Smith"),
        ("Republished with permission from Caitlin Johnstone", "Caitlin Johnstone"),
    ],
)
def test_a_person_credited_is_an_author_without_an_outlet_profile(line, name):
    [credit] = credits(line)
    assert credit["name"] == name and credit["kind"] == "author"
    assert credit["evidence"].startswith(line.split()[0])
    assert "reliability" not in credit  # a reliability label describes outlets, not people


@pytest.mark.parametrize(
    "line, name, domain",
    [
        ("Reprinted with permission from Consortiumnews.com", "Consortiumnews.com", "consortiumnews.com"),
        ("This report was originally published by Tyler Durden at Zero Hedge", "Zero Hedge", "zerohedge.com"),
        # a labelled site named after its writer stays an outlet
        ("Reprinted with permission from Paul Craig Roberts", "Paul Craig Roberts", "paulcraigroberts.org"),
        ("By RT", "RT", "rt.com"),
    ],
)
def test_known_outlets_stay_outlets_with_their_profile(line, name, domain):
    [credit] = credits(line)
    assert credit["name"] == name and credit["kind"] == "outlet"
    assert credit["reliability"]["domain"] == domain


@pytest.mark.parametrize(
    "line, name",
    [
        ("Reprinted with permission from The Future of Freedom Foundation", "The Future of Freedom Foundation"),
        ("Reprinted with permission from Mish\u2019s Global Economic Trend Analysis", "Mish\u2019s Global Economic Trend Analysis"),
        ("This article originally appeared on Lakeside Daily", "Lakeside Daily"),
        ("Reprinted with permission from Breitbart London", "Breitbart London"),  # person-shaped, not a person
    ],
)
def test_unlabelled_outlets_are_told_from_people(line, name):
    [credit] = credits(line)
    assert credit["name"] == name and credit["kind"] == "outlet"
    assert credit["reliability"]["known"] is False
