"""Saved-web-page fixtures built in the tests: an article wrapped in the clutter of a real site."""

from __future__ import annotations

import html

#: Words that appear only in the clutter around the article; none may reach the body text.
CLUTTER_MARKERS = ("NAVMENU", "SCRIPTCODE", "STYLECODE", "SHAREBUTTON", "READERCOMMENT", "SITEFOOTER", "SIDEBARLINK")


def web_page(title: str, paragraphs: list[str], *, canonical: str, site_name: str, published: str) -> str:
    """A page with navigation, scripts, share buttons, a comments section and a footer around ``paragraphs``.

    Paragraph text is inserted as HTML (so leftover ``<u>`` tags stay markup), the title escaped.
    """
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    t = html.escape(title)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{t} | {html.escape(site_name)}</title>
<link rel="canonical" href="{canonical}">
<meta property="og:site_name" content="{html.escape(site_name)}">
<meta property="og:title" content="{t}">
<meta property="article:published_time" content="{published}">
<meta name="author" content="Jane Reporter">
<script>var SCRIPTCODE = 1; function track() {{ return "SCRIPTCODE"; }}</script>
<style>.STYLECODE {{ color: red; }}</style>
</head><body>
<header><nav class="menu"><ul>
<li><a href="/">NAVMENU Home</a></li><li><a href="/world">NAVMENU World</a></li><li><a href="/about">NAVMENU About us</a></li>
</ul></nav></header>
<main><article>
<h1>{t}</h1>
{body}
<div class="share-buttons"><a href="#">SHAREBUTTON Facebook</a> <a href="#">SHAREBUTTON Twitter</a></div>
</article>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/x">SIDEBARLINK Another story entirely</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p class="author">reader42</p><p>READERCOMMENT This is the worst piece of journalism I have read all year and I want my time back.</p></div>
</section></main>
<footer class="site-footer"><p>SITEFOOTER Copyright 2016 Example Media Group. All rights reserved.</p></footer>
<script>document.write("SCRIPTCODE")</script>
</body></html>"""
