"""Saved web pages: the article body and metadata, without the site's clutter."""

from __future__ import annotations

import pytest

from unspin.errors import InputError
from unspin.ingest.html import extract

from .pages import CLUTTER_MARKERS, web_page

PARAGRAPHS = [
    "The city council voted on Tuesday to close the old harbour bridge for repairs, a decision that will divert traffic for at least six months.",
    "\"We had no choice after the inspection report,\" said council member Ana Ruiz, who chairs the transport committee.",
    "Local businesses said they were not consulted and warned that the closure would cost them customers during the busy summer season.",
]


@pytest.fixture
def page():
    return extract(
        web_page(
            "Harbour bridge to close for six months",
            PARAGRAPHS,
            canonical="https://news.example/2016/bridge",
            site_name="Harbour Gazette",
            published="2016-09-19T08:00:00Z",
        ),
        name="bridge.html",
    )


def test_body_is_the_article_paragraphs_separated_by_blank_lines(page):
    assert page.text.split("\n\n") == PARAGRAPHS


def test_clutter_is_not_body_text(page):
    for marker in CLUTTER_MARKERS:
        assert marker not in page.text


def test_title_is_not_repeated_in_the_body(page):
    assert page.title == "Harbour bridge to close for six months"
    assert page.title not in page.text


def test_metadata_comes_from_the_page(page):
    assert page.source.url == "https://news.example/2016/bridge"
    assert page.source.site_name == "Harbour Gazette"
    assert page.source.published == "2016-09-19"
    assert page.source.author == "Jane Reporter"


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Nothing here</title></head><body></body></html>",
        "<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/w'>World news today</a></li></ul></nav>"
        "<footer>Copyright Example Media</footer></body></html>",
        "<html><head><script>var article = 'not text';</script></head><body><script>render()</script></body></html>",
    ],
)
def test_page_without_article_text_is_refused(html):
    with pytest.raises(InputError) as caught:
        extract(html, name="empty.html")
    assert caught.value.source == "empty.html"
