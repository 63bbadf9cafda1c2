"""Properties of normalising and cleaning that must hold for any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from unspin.ingest.clean import split
from unspin.ingest.text import normalize

LINES = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="<"), max_size=80),
        st.sampled_from(["By RT", "Region: Europe", "Copyright © X 2020", "Share this article", "", "<u>x</u> y"]),
    ),
    max_size=12,
)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_normalize_is_idempotent_and_leaves_only_tab_and_newline_controls(text):
    once = normalize(text)
    assert normalize(once) == once
    assert "\r" not in once and "\ufeff" not in once[:1]
    assert all(ch in "\t\n" or not (ord(ch) < 32 or ord(ch) == 127) for ch in once)


@settings(max_examples=100, deadline=None)
@given(LINES)
def test_cleaning_invents_no_text(lines):
    text = normalize("\n".join(lines))
    cleaned = split(text)
    source_lines = {" ".join(line.replace("<u>", "").replace("</u>", "").split()) for line in text.split("\n")}
    for line in cleaned.text.split("\n"):
        assert not line.strip() or " ".join(line.replace("<u>", "").replace("</u>", "").split()) in source_lines
    assert "\n\n\n" not in cleaned.text and cleaned.text == cleaned.text.strip("\n")
