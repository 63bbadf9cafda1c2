"""Scare quotes: a short word or phrase quoted to doubt or mock it, and 'so-called' without quotes.

A quote the sourcing analyser attributes to a named speaker (layer ``quotes``, which the
pipeline fills first) is that speaker's word, not the writer's irony, and is not reported. Without
that layer, or for a quote it leaves unattributed, a short quote right after a verb of speech
("expressed 'regret'", "calling them 'infidels'") is taken for a partial quotation: kept with a
low score and says so. Quotes after a naming cue ("the word", "titled", "the book") mention a word
or a title and are skipped.
"""

from __future__ import annotations

import re

from unspin.document import Document, Span
from unspin.rhetoric.quoting import Quoted, find_quotations, innermost, is_quoted_heading
from unspin.rhetoric.text import SPACE, line_bounds, sentence_start, words_before

LABEL = "scare_quote"
MAX_WORDS = 4
MAX_CHARS = 60
#: Words before the quote searched for a verb of speech (same sentence only).
SPEECH_WINDOW = 6
#: How far back in the sentence a verb of speech still counts (~100 words): bounds the work per quote.
SPEECH_LOOKBACK_CHARS = 600

_DASH = "[-\u2010\u2011\u2013]"
_DISTANCING = re.compile(rf"\b(?:so(?:{_DASH}|{SPACE})called|self{_DASH}(?:styled|proclaimed))\b", re.IGNORECASE)
_DISTANCING_BEFORE = re.compile(rf"{_DISTANCING.pattern}{SPACE}$", re.IGNORECASE)
#: Characters before a quote searched for its "so-called" cue (the cue and some spacing).
_CUE_CHARS = 40
_NEXT_WORD = re.compile(rf"{SPACE}(\w[\w'\u2019\u2010\u2011\u2013-]*)")

#: Verbs of speech and reaction that introduce a partial quotation ("expressed 'regret'").
_SPEECH_VERBS = """
say says said saying tell tells told telling ask asks asked asking
write writes wrote writing spoke speaking add adds added adding state states
stated claim claims claimed claiming call calls called calling describe describes described
describing dub dubs dubbed dubbing term termed label labels labelled labeled brand
branded tweet tweets tweeted posted insist insists insisted argue argues argued arguing
note notes noted noting explain explains explained explaining reply replies replied respond
responded warn warns warned warning announce announced declare declares declared express expresses
expressed expressing voice voiced urge urged quote quoted quoting admit admitted acknowledge
acknowledged deny denies denied promise promised vow vowed suggest suggests suggested slam
slams slammed slamming blast blasts blasted blasting condemn condemned denounce denounced accuse accused accusing
criticise criticised criticize criticized praise praised hail hailed dismiss dismissed reject rejected
mention mentioned refer refers referred referring allege alleges alleged
""".split()
_SPEECH = re.compile(
    r"\b(?:" + "|".join(_SPEECH_VERBS) + r"|according to|put it|in (?:his|her|their) words)\b", re.IGNORECASE
)
#: "'No,' he said": a quote that ends in a comma or full stop, then a speaker and a verb of speech.
_SPEECH_AFTER = re.compile(rf"^,?{SPACE}(?:[\w'\u2019.-]+{SPACE}){{0,3}}?({_SPEECH.pattern})", re.IGNORECASE)
_NAMING = re.compile(
    r"\b(?:titled|entitled|headlined|named|nicknamed|known as|means|meaning|stands for|translates as|"
    r"hashtag|word|words|term|terms|phrase|slogan|"
    r"book|film|movie|song|album|show|series|documentary|play|novel|poem|column|op-ed)$",
    re.IGNORECASE,
)
_SMALL_WORDS = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"}


def find_scare_quotes(doc: Document) -> None:
    """Add ``scare_quote`` findings for short ironic quotes and for unquoted 'so-called X'."""
    quotes = find_quotations(doc.text)
    speakers = _attributed_speakers(doc)
    for quote in quotes:
        span = _judge_quote(doc.text, quote, quotes, speakers.get((quote.start, quote.end)))
        if span is not None:
            doc.add("findings", span)
    for span in _unquoted_distancing(doc.text):
        doc.add("findings", span)


def _attributed_speakers(doc: Document) -> dict[tuple[int, int], tuple[str, bool]]:
    """``(start, end)`` of each direct quote the ``quotes`` layer gives a speaker -> (speaker, named).

    Empty when sourcing has not run: the scare-quote rules then fall back on their own speech-verb cue.
    """
    return {
        (span.start, span.end): (span.attrs["speaker"], bool(span.attrs.get("named")))
        for span in doc.spans("quotes")
        if span.label == "direct" and span.attrs.get("speaker")
    }


def _judge_quote(text: str, quote: Quoted, quotes: list[Quoted], speaker: tuple[str, bool] | None) -> Span | None:
    """A finding for ``quote`` if it is short enough to be a scare quote and not a title, a mention
    or a named speaker's word (``speaker``: who the quotes layer says said it, and whether named)."""
    if not quote.closed or quote.end - quote.start - 2 > MAX_CHARS or is_quoted_heading(text, quote):
        return None
    inner = text[slice(*quote.inner)]
    words = inner.rstrip(",.;:").split()
    if not words or len(words) > MAX_WORDS or inner != inner.strip() or inner[-1] in "?!":
        return None
    if not any(ch.isalpha() for ch in inner):
        return None
    line_start, _ = line_bounds(text, quote.start)
    shown = text[quote.start : quote.end]
    # The cue sits right before the quote; searching the whole line was quadratic on one-line input.
    distancing = _DISTANCING_BEFORE.search(text, max(line_start, quote.start - _CUE_CHARS), quote.start)
    if distancing:
        cue = distancing.group(0).strip()
        return _span(text, quote, quotes, 0.95,
                     f"{shown} is put in quotation marks after '{cue}', which signals doubt about the word.")
    if _NAMING.search(words_before(text, quote.start, 2).rstrip(",:")) or _is_title_case(words):
        return None
    if speaker is not None:
        who, named = speaker
        if named:
            return None
        return _span(text, quote, quotes, 0.15,
                     f"{shown} is attributed to {who} (not named), so it is probably a partial quotation of their "
                     "words rather than irony; it only signals doubt if the writer uses it to keep their distance.")
    partial = _partial_quotation(text, quote, inner)
    if partial is not None:
        verb, near = partial
        where = f"right after '{verb}'" if near else f"in a sentence that already reports speech ('{verb}')"
        return _span(text, quote, quotes, 0.15 if near else 0.35,
                     f"{shown} comes {where}, so it is probably a partial quotation of someone's words rather "
                     "than irony; it only signals doubt if the writer uses it to keep their distance.")
    score = 0.55 + (0.15 if len(words) == 1 else 0) + (0.15 if inner.islower() else 0)
    return _span(text, quote, quotes, score,
                 f"{shown} is put in quotation marks without saying who said it, "
                 "which signals the writer doubts or mocks the word.")


def _partial_quotation(text: str, quote: Quoted, inner: str) -> tuple[str, bool] | None:
    """The verb of speech that makes ``quote`` someone's words, and whether it is close by.

    Close: within ``SPEECH_WINDOW`` words before, or a speaker and verb right after a quote that ends
    in a comma ("'No,' he said"). Anywhere earlier in the sentence counts too, as weaker evidence.
    """
    start = max(sentence_start(text, quote.start), quote.start - SPEECH_LOOKBACK_CHARS)
    before = list(_SPEECH.finditer(text, start, quote.start))
    if before:
        last = before[-1]
        return last.group(0), len(text[last.end() : quote.start].split()) <= SPEECH_WINDOW
    after = text[quote.end : quote.end + 60]
    if inner[-1] in ",." or after.startswith(","):
        match = _SPEECH_AFTER.match(after)
        if match:
            return match.group(1), True
    return None


def _span(text: str, quote: Quoted, quotes: list[Quoted], score: float, explanation: str) -> Span:
    outer = innermost(quotes, quote.start, quote.end)
    if outer is not None and not is_quoted_heading(text, outer):
        explanation += " It sits inside a quotation, so the doubt is the quoted speaker's, repeated by the article."
    return Span(quote.start, quote.end, LABEL, round(score, 2), explanation)


def _is_title_case(words: list[str]) -> bool:
    """Two or more capitalised words ('Game of Thrones'): a title or a name, not irony."""
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return len(words) > 1 and bool(content) and all(w[0].isupper() for w in content)


def _unquoted_distancing(text: str) -> list[Span]:
    """'so-called experts': the cue plus the word it distances (a quoted word is judged as a quote)."""
    spans = []
    for cue in _DISTANCING.finditer(text):
        following = _NEXT_WORD.match(text, cue.end())
        if following is None:
            continue
        spans.append(Span(cue.start(), following.end(1), LABEL, 0.8,
                          f"'{cue.group(0)}' distances the writer from the word '{following.group(1)}': "
                          "it suggests the label is undeserved without saying why."))
    return spans
