"""One way through: raw input -> clean body + provenance -> Document -> analysers -> Report."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Sequence

from unspin.document import Document, Source
from unspin.errors import InputError
from unspin.ingest import RawArticle
from unspin.ingest import clean as clean_mod
from unspin.ingest import files, html, text as text_mod
from unspin.limits import MAX_ARTICLE_CHARS
from unspin.report import Report

#: An analyser reads the document and adds spans, summaries or provenance facts to it.
Analyser = Callable[[Document], None]


def default_analysers(learned_speakers: bool = True) -> list[Analyser]:
    """The analysers ``analyze`` runs, in order. Imported here so start-up stays fast.

    Sourcing runs before rhetoric: the scare-quote rules read its ``quotes`` layer to leave out
    quoted words the text attributes to a named speaker. ``learned_speakers=False``: the rules alone
    name each quote's speaker (faster, less accurate).
    """
    from unspin import provenance, rhetoric, sourcing, techniques

    quotes = sourcing.ANALYSERS if learned_speakers else sourcing.RULE_ANALYSERS
    return [*provenance.ANALYSERS, *quotes, *rhetoric.ANALYSERS, techniques.detect]


def build_document(raw: RawArticle, *, clean: bool = True) -> Document:
    """Turn a read input into a Document: extract HTML, then split boilerplate from the body.

    With ``clean=False`` the text is analysed exactly as given (PTC mode: offsets into the raw file).
    """
    # Metadata must encode as UTF-8 in every writer: lone surrogates (possible in a Python str) become U+FFFD.
    source = Source(**{k: text_mod.scrub(v) if isinstance(v, str) else v for k, v in vars(raw.source).items()})
    title = None
    if raw.html is not None:
        page = html.extract(raw.html, name=raw.name)
        body = page.text
        title = page.title
        source = _merge_sources(source, page.source)
    elif raw.text is not None:
        body = text_mod.normalize(raw.text)
    else:
        raise InputError(raw.name, "record has neither text nor html")

    if not clean:
        doc = Document(body, source=source)
        doc.title = body.split("\n", 1)[0] or None
        return _checked(doc, raw.name)

    cleaned = clean_mod.split(body, title=title)
    doc = Document(cleaned.text, title=cleaned.title, source=source)
    doc.provenance.boilerplate.extend(cleaned.boilerplate)
    doc.provenance.syndicated_from.extend(cleaned.syndicated_from)
    # What the caller says wins; then the republisher the text names; then the page's site name.
    doc.provenance.outlet = source.outlet or cleaned.publisher or source.site_name
    return _checked(doc, raw.name)


def _checked(doc: Document, name: str) -> Document:
    if not doc.text.strip():
        raise InputError(name, "no article text found")
    if len(doc.text) > MAX_ARTICLE_CHARS:
        raise InputError(name, f"article is {len(doc.text):,} characters, over the limit of {MAX_ARTICLE_CHARS:,}")
    return doc


def _merge_sources(given: Source, found: Source) -> Source:
    """Metadata the caller gave wins over what the page itself says."""
    merged = Source(**vars(found))
    for key, value in vars(given).items():
        if value is not None:
            setattr(merged, key, value)
    return merged


def analyze_document(doc: Document, analysers: Sequence[Analyser] | None = None) -> Report:
    """Run ``analysers`` (default: all) over ``doc`` and wrap the result as a Report."""
    for analyser in default_analysers() if analysers is None else analysers:
        analyser(doc)
    return Report(doc)


def analyze(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    clean: bool = True,
    analysers: Sequence[Analyser] | None = None,
) -> Report:
    """Analyse an article given as text. A ``title`` given here is put before the body."""
    if not isinstance(text, str):
        raise InputError("<text>", f"expected str, got {type(text).__name__}")
    if title:
        text = f"{title.strip()}\n\n{text}"
    raw = RawArticle(name="<text>", text=text, source=Source(url=url, outlet=outlet))
    return analyze_document(build_document(raw, clean=clean), analysers)


def analyze_file(path: str | Path, *, clean: bool = True, analysers: Sequence[Analyser] | None = None) -> Report:
    """Analyse one article file (``.txt``, ``.html``/``.htm``, or ``-`` for stdin)."""
    raw = files.read_article(str(path))
    return analyze_document(build_document(raw, clean=clean), analysers)


def analyze_many(
    raws: Iterable[RawArticle | InputError], *, clean: bool = True, analysers: Sequence[Analyser] | None = None
) -> Iterable[Report | InputError]:
    """Analyse a stream of inputs; a bad one yields its InputError and the stream goes on."""
    chosen = None if analysers is None else list(analysers)
    for raw in raws:
        if isinstance(raw, InputError):
            yield raw
            continue
        try:
            doc = build_document(raw, clean=clean)
            if chosen is None:  # set up (and load models) only once a good input arrives
                chosen = default_analysers()
            yield analyze_document(doc, chosen)
        except InputError as exc:
            yield exc
