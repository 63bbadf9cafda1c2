"""Republisher boilerplate and syndication lines: split them from the article body, keep them as evidence.

Sites that republish articles wrap them in their own lines (a byline naming the original
outlet, the republisher's dateline, region/theme tags, disclaimers, fair-use notices,
"follow us" and "become a member" appeals, "the original source of this article is ...").
They are not what the article says, so they are taken out of the analysed body, but they
say where the piece comes from, so each is kept as a :class:`Boilerplate` and the outlets
they name become :class:`Syndication` entries.

The rules are line-level: a line is boilerplate only when the *whole* line matches a rule
(long lines only for rules with phrases no article sentence uses), so body sentences that
merely mention Facebook or copyright stay in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unspin.document import Boilerplate, Syndication


def _key(name: str) -> str:
    """How outlet names are compared: case, punctuation, spaces and a leading "The" ignored."""
    return re.sub(r"\W", "", name.casefold().removeprefix("the "))


#: News agencies and broadcasters whose name alone in a byline ("By RT") means the piece is theirs.
KNOWN_AGENCIES = frozenset(
    _key(name)
    for name in (
        "AFP", "Agence France-Presse", "Al Jazeera", "ANSA", "AP", "Associated Press", "BBC",
        "Bloomberg", "CNN", "dpa", "EFE", "IANS", "IRNA", "Kyodo", "PTI", "Press TV", "Reuters",
        "RIA Novosti", "RT", "Sputnik", "TASS", "UPI", "Xinhua", "Yonhap",
    )
)

#: The kind :func:`_classify` gives an empty line (kept in the body as paragraph spacing).
_BLANK = "blank"

#: Lines longer than this are body paragraphs for every rule except the long-notice ones.
MAX_SHORT_LINE = 300

#: Lines longer than this are body paragraphs for every rule (disclaimers run to ~1,000 characters);
#: it also bounds the work of the long-notice patterns on hostile input.
MAX_NOTICE_LINE = 3_000

#: Longest line taken for a title when the caller did not say which line is the title.
MAX_TITLE_CHARS = 250

#: A first line ending in "." is a title only if this short ("Dallas Police Dept."); longer, it is a lead sentence.
MAX_TITLE_WORDS_WITH_FULL_STOP = 12

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
#: An outlet or agency name as it follows "By", "source is", "appeared on": capitalised words.
_NAME = r"(?P<name>[A-Z0-9][\w&'’.\-]*(?:\s+(?:[A-Z0-9&][\w&'’.\-]*|of|the|and|for|de|du|al))*?)"
_NAME_END = r"(?=\s*(?:[,;:()]|\.(?:\s|$)|\s+(?:under|on|at|in|and|with|Copyright)\b|©|$))"

#: Inline HTML tags left in copied text (``<u>RT</u>``); the words inside stay.
_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|br|cite|em|font|i|mark|p|s|small|span|strong|sub|sup|u)\b[^<>]{0,200}?/?>",
    re.IGNORECASE,
)

#: A wire credit at the start of the lead: "WASHINGTON (Reuters) -", "(AP) —". It stays in the body.
_WIRE_CREDIT = re.compile(
    r"^(?:[A-Z][A-Za-z.,'/ -]{0,60}?\s*)?\((?P<name>[A-Z][\w&.' -]{0,30}?)\)\s*(?:[-—–]{1,2}|:)\s"
)


@dataclass
class Cleaned:
    """The body to analyse (title line first, as in PTC files) and what was taken out of it."""

    text: str
    title: str | None
    boilerplate: list[Boilerplate] = field(default_factory=list)
    syndicated_from: list[Syndication] = field(default_factory=list)
    publisher: str | None = None


@dataclass(frozen=True)
class _Rule:
    """A boilerplate kind and the whole-line pattern that finds it.

    ``cites`` says what the named group ``name`` is: ``OUTLET`` (the outlet the piece comes
    from), ``NAME`` (a byline: an outlet only if it is a known agency or cited as an outlet
    elsewhere, otherwise a person) or nothing. Citing rules are case-sensitive (their fixed
    phrases are marked ``(?i:...)``) so that the name is a capitalised name; the others ignore case.
    ``short`` limits the rule to lines of at most :data:`MAX_SHORT_LINE` characters.
    """

    kind: str
    pattern: re.Pattern[str]
    cites: str = ""
    short: bool = True


OUTLET = "outlet"
NAME = "name"


def _rule(kind: str, pattern: str, *, cites: str = "", short: bool = True) -> _Rule:
    return _Rule(kind, re.compile(pattern, 0 if cites else re.IGNORECASE), cites, short)


#: What a republisher calls the piece it reprints ("This report was originally published by ...").
_PIECE = r"(?:article|story|piece|post|report|column|essay|commentary|op-ed)"

#: Checked in order; the first rule whose pattern matches the start of a line decides its kind.
RULES: tuple[_Rule, ...] = (
    _rule("original_source", rf"^(?i:(?:The\s+)?original\s+source\s+of\s+this\s+article\s+is)\s+{_NAME}{_NAME_END}", cites=OUTLET),
    _rule(
        "original_source",
        rf"^(?i:(?:This\s+{_PIECE}\s+(?:was\s+)?|It\s+was\s+)?"
        r"(?:(?:originally|first)\s+(?:appeared|published|ran)|was\s+(?:originally|first)\s+published)"
        rf"(?:\s+by\s+[^,]{{1,60}}?\s+(?:at|on|in)|\s+(?:in|on|at|by))?)\s+{_NAME}{_NAME_END}",
        cites=OUTLET,
    ),
    _rule(
        "original_source",
        rf"^(?i:(?:This\s+{_PIECE}\s+(?:is|was|has\s+been)\s+)?(?:Republished|Reprinted|Reproduced|Cross-posted)"
        rf"\s+(?:with\s+permission\s+)?from)\s+{_NAME}{_NAME_END}",
        cites=OUTLET,
    ),
    _rule(
        "original_source",
        rf"^(?:This\s+{_PIECE}\s+(?:is|was|has\s+been)\s+)?"
        r"(?:originally\s+published|republished|reprinted|reproduced)\b.{0,120}\b(?:permission|license|licence)\b",
    ),
    _rule("original_source", rf"^Source:\s+{_NAME}{_NAME_END}", cites=NAME),
    _rule("byline", rf"^By\s+{_NAME}\s*$", cites=NAME),
    _rule("articles_by", rf"^Articles\s+by:\s*{_NAME}\s*$", cites=NAME),
    _rule("dateline", rf"^(?P<publisher>[A-Z][\w&'’.\- ]{{1,60}}),\s+{_DATE}\s*$"),
    _rule("dateline", rf"^(?:Published|Updated|Posted|Last\s+updated)(?:\s+on)?:?\s+{_DATE}\b.{{0,40}}$"),
    _rule("region", r"^Regions?:\s*\S.*$"),
    _rule("theme", r"^(?:Themes?|Topics?|Tags?|Categor(?:y|ies)|Filed\s+under|In-depth\s+Report):\s*\S.*$"),
    _rule(
        "disclaimer",
        r"^(?:Disclaimer\b|.*\bsole\s+responsibility\s+of\s+the\s+author|"
        r".*\bviews\s+expressed\b.*\bdo\s+not\s+necessarily\s+reflect\b)",
        short=False,
    ),
    _rule(
        "fair_use",
        r"^(?:.*\bcontains\s+copyrighted\s+material\b|.*\bfair\s+use\b.*\b(?:17\s+U\.?S\.?C|Section\s+107)\b)",
        short=False,
    ),
    _rule(
        "social",
        r"^(?:Comment\s+on\b.*\b(?:Facebook|Twitter|Telegram)\b|"
        r"(?:Follow|Like|Join|Find)\s+(?:us|\w+)\s+on\s+(?:Facebook|Twitter|X|Telegram|Instagram|YouTube|Gab|VK|Rumble|social\s+media)\b|"
        r"Share\s+(?:this|on)\b|Tweet\s+this\b|Click\s+(?:here\s+)?to\s+(?:share|tweet|comment)\b)",
    ),
    _rule(
        "membership",
        r"^(?:Become\s+a\s+(?:Member|Patron|Subscriber|Supporter)\b|Subscribe\s+to\s+(?:our|the)\b|"
        r"Sign\s+up\s+(?:for|to)\s+(?:our|the)\b.*\b(?:newsletter|updates|alerts)\b|"
        r"Support\s+(?:us|our\s+work|independent\s+(?:media|journalism))\b|(?:Please\s+)?Donate\b|Make\s+a\s+donation\b)",
    ),
    _rule("read_more", r"^(?:Read\s+more|Related|See\s+also|Also\s+read|More\s+on\s+this\s+story|Related\s+articles?)\s*:"),
    _rule(
        "copyright",
        rf"^(?i:(?:Copyright\s*(?:©|\(c\))?|©|\(c\))\s*\d{{4}})\s+{_NAME}(?=(?:\s*\([^()]{{0,40}}\))?,?\s+(?i:Distributed\s+by)\s)",
        cites=OUTLET,
    ),
    _rule("copyright", rf"^(?i:(?:Copyright\s*(?:©|\(c\))?|©|\(c\))\s*\d{{4}}|Copyright\s*(?:©|\(c\)))\s+{_NAME}{_NAME_END}", cites=NAME),
    _rule(
        "copyright",
        r"^(?:(?:Copyright\s*)?(?:©|\(c\))|Copyright\s+\d{4}\b|Copyright\b.{0,80}\b\d{4}\.?$|"
        r"All\s+rights\s+reserved\b|.*\bAll\s+rights\s+reserved\.?$)",
    ),
    _rule(
        "contact",
        r"^(?:For\s+(?:media|press)\s+(?:inquiries|enquiries)\b|Contact(?:\s+us)?\s*:|E-?mail\s*:|"
        r"Send\s+(?:us\s+)?(?:your\s+)?(?:news\s+)?tips\b)",
    ),
    _rule("caption", r"^(?:Photo|Image|Picture|Featured\s+image|Video)(?:\s+credits?)?\s*:\s*\S.{0,150}$"),
    _rule("markup", r"^[-—–_*=~#•·\s]{3,}$"),
    _rule("advert", r"^(?:Advertisement|Sponsored(?:\s+content)?|ADVERTISEMENT)\s*$"),
)


def split(text: str, *, title: str | None = None) -> Cleaned:
    """Separate republisher boilerplate from ``text`` and rebuild the body as ``title``, blank line, body.

    ``title`` is the page's title when the caller knows it (HTML); otherwise the first
    non-empty line is taken for the title when it looks like one.
    """
    lines = [line.rstrip() for line in text.split("\n")]
    found = _Findings()
    kinds = [_classify(line, found) for line in lines]
    found.publisher = _confirmed_publisher(found.dateline_names, lines, kinds)
    _mark_outlet_labels(lines, kinds, found)

    body: list[str] = []
    for line, kind in zip(lines, kinds):
        if kind is None:
            body.append(_strip_markup(line, found))
        elif kind == _BLANK:
            body.append("")
        else:
            found.boilerplate.append(Boilerplate(kind, _plain(line)))
    opens_with_body = next((kind for kind in kinds if kind != _BLANK), None) is None
    title, body = _take_title(body, title, found, guess=opens_with_body)
    _note_wire_credit(body, found)
    body_text = _joined(body)
    full = "\n\n".join(part for part in (title, body_text) if part)
    return Cleaned(
        text=full,
        title=title,
        boilerplate=found.boilerplate,
        syndicated_from=found.syndications(),
        publisher=found.publisher,
    )


@dataclass
class _Findings:
    """What the rules found while reading the lines, in order."""

    boilerplate: list[Boilerplate] = field(default_factory=list)
    cited: list[tuple[str, str, str]] = field(default_factory=list)  # (OUTLET or NAME, name, evidence)
    dateline_names: list[str] = field(default_factory=list)
    publisher: str | None = None

    def cite(self, cites: str, name: str, evidence: str) -> None:
        self.cited.append((cites, name.strip(" ."), evidence.strip().rstrip(".")))

    def syndications(self) -> list[Syndication]:
        """One entry per outlet, first evidence first; a byline counts only for a known agency or an outlet cited elsewhere."""
        outlets = {_key(name) for cites, name, _ in self.cited if cites == OUTLET}
        merged: dict[str, Syndication] = {}
        for cites, name, evidence in self.cited:
            key = _key(name)
            if not key or (cites == NAME and key not in outlets and key not in KNOWN_AGENCIES):
                continue
            if key in merged:
                evidences = merged[key].attrs["evidences"]
                if evidence not in evidences:
                    evidences.append(evidence)
            else:
                merged[key] = Syndication(name, evidence, {"evidences": [evidence]})
        return list(merged.values())


def _classify(line: str, found: _Findings) -> str | None:
    """The boilerplate kind of ``line``, :data:`_BLANK` for an empty one, None for body text."""
    plain = _plain(line)
    if not plain:
        return _BLANK
    if len(plain) > MAX_NOTICE_LINE:
        return None
    for rule in RULES:
        if rule.short and len(plain) > MAX_SHORT_LINE:
            continue
        match = rule.pattern.match(plain)
        if match is None:
            continue
        if rule.cites:
            found.cite(rule.cites, match.group("name"), plain[: match.end("name")])
        if match.groupdict().get("publisher"):
            found.dateline_names.append(match.group("publisher").strip())
        return rule.kind
    return None


def _confirmed_publisher(names: list[str], lines: list[str], kinds: list[str | None]) -> str | None:
    """The X of a dateline "X, September 19, 2016" that other boilerplate names too ("Become a Member of X").

    A dateline alone may name a place ("Rome, August 22, 2018"); the site's own appeals and notices name the site.
    """
    notices = [_plain(line).casefold() for line, kind in zip(lines, kinds) if kind not in (None, _BLANK, "dateline")]
    return next((name for name in names if any(name.casefold() in notice for notice in notices)), None)


def _mark_outlet_labels(lines: list[str], kinds: list[str | None], found: _Findings) -> None:
    """A line that is nothing but an outlet named elsewhere ("RT" under "By RT") is a label, not body."""
    names = {_key(name) for _, name, _ in found.cited}
    if found.publisher:
        names.add(_key(found.publisher))
    for index, line in enumerate(lines):
        if kinds[index] is None and _key(_plain(line)) in names:
            kinds[index] = "source_label"


def _note_wire_credit(body: list[str], found: _Findings) -> None:
    """A wire credit opening the lead ("(Reuters) -") names the source; the lead itself stays in the body."""
    lead = next((line.strip() for line in body if line.strip()), "")
    match = _WIRE_CREDIT.match(lead)
    if match:
        found.cite(OUTLET, match.group("name"), match.group(0).strip())


def _take_title(
    body: list[str], title: str | None, found: _Findings, *, guess: bool
) -> tuple[str | None, list[str]]:
    """The title and the body without it; a body line repeating a known title is dropped.

    With no ``title`` given and ``guess`` set (the text opens with a body line, not boilerplate),
    the first line is the title when it looks like one.
    """
    first = next((i for i, line in enumerate(body) if line.strip()), None)
    if title is not None:
        title = " ".join(_strip_markup(title, found).split()) or None
        if title and first is not None and _same_line(body[first], title):
            body = body[first + 1 :]
        return title, body
    if not guess or first is None or not _looks_like_title(body[first], body[first + 1 :]):
        return None, body
    return " ".join(body[first].split()), body[first + 1 :]


def _looks_like_title(line: str, rest: list[str]) -> bool:
    """Short, followed by more text, and not a sentence: a full stop only ends a few-word title."""
    plain = line.strip().rstrip("'\"’”")
    return (
        len(plain) <= MAX_TITLE_CHARS
        and not plain.endswith((",", ";", ":"))
        and (not plain.endswith(".") or len(plain.split()) <= MAX_TITLE_WORDS_WITH_FULL_STOP)
        and any(other.strip() for other in rest)
    )


def _same_line(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _joined(lines: list[str]) -> str:
    """Lines back together with runs of blank lines shortened to one, none at either end."""
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1]):
            out.append(line if line.strip() else "")
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _plain(line: str) -> str:
    return " ".join(_INLINE_TAG.sub("", line).split())


def _strip_markup(line: str, found: _Findings) -> str:
    """Remove leftover inline tags from a body line (kept as ``markup`` evidence); the words stay."""
    stripped, count = _INLINE_TAG.subn("", line)
    if count:
        found.boilerplate.append(Boilerplate("markup", _tagged_fragment(line)))
    return stripped


def _tagged_fragment(line: str) -> str:
    """From the first tag to the last one: the evidence without copying the whole paragraph."""
    tags = list(_INLINE_TAG.finditer(line))
    return line[tags[0].start() : tags[-1].end()]
