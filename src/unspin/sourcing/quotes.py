"""Direct quotes and indirect attributions, each with its speaker (layer ``quotes``).

A direct quote's speaker is found, in order of trust, by: the speech verb its words hang on
in the parse ('"...," Landis told RT'; 'Horowitz said Comey "concealed..."'); "according to
X" or another speech verb in the same sentence; a transcript label ("SMITH: "...")", a
line ending in a colon just before ("Said James O'Keefe, founder ...:") or a colon after any
verb ("Marczak defended the curriculum: "...""); a headline that
opens with a person; and last, the speaker of the quote just before when this one opens a
new line or sentence with no cue of its own (a quote running on over paragraphs). Names,
titles and pronouns are resolved through :class:`~unspin.sourcing.speakers.Registry`.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from unspin.document import Document, Span, strip_whitespace
from unspin.sourcing.gender import PRONOUN_GENDER
from unspin.sourcing.marks import find_quotes
from unspin.sourcing.nlp import parsed
from unspin.sourcing.speakers import (
    INDIRECT_VERBS,
    Mention,
    Registry,
    according_to,
    is_speech_verb,
    mention,
    name_key,
    speaker_of_noun,
    subject_of,
)

#: Quotes without a speaker shorter than this many words are left to the scare-quote finder.
MIN_UNATTRIBUTED_WORDS = 5

#: A quote of at most this many words is often a term or scare quote: it needs a speech verb close
#: above it in the parse, or a plain verb of saying in its sentence ("..., the three bishops said").
SHORT_QUOTE_WORDS = 2
CORE_SPEECH_VERBS = frozenset({"say", "tell", "write", "state", "claim", "according"})

#: Modals that make speech hypothetical: 'The US might say the strike was "unintentional"' is the
#: writer's scare quote, not the US's word.
HYPOTHETICAL_MODALS = frozenset({"might", "may", "could", "would", "should"})

#: Verbs that name a thing; in the passive without an agent nobody is quoted ("what is called "..."").
NAMING_VERBS = frozenset({"call", "dub", "label", "term", "brand", "name", "nickname"})

#: Quotes whose words all start with a capital (but these) are titles, up to this many words.
MAX_TITLE_WORDS = 10
TITLE_SMALL_WORDS = frozenset("a an the of in on at to for and or by with from about as vs".split())

#: Words in a line ending in a colon that announce a list of someone's quotes ("Some Farrakhan quotes:").
LIST_WORDS = frozenset({"quotes", "quote", "quotations", "words", "remarks", "statement", "statements"})

#: A headline quotes the person it opens with when the name starts within this many words.
HEADLINE_NAME_OFFSET = 3

#: How many words of a separately parsed sentence right after a quote may hold its cue ("Landis told RT").
FOLLOWING_CUE_TOKENS = 6

#: How far (characters, lines) a new-line quote without a cue may be from the last quote to share its speaker.
CONTINUATION_GAP_CHARS = 200
CONTINUATION_GAP_LINES = 2
CONTINUATION_SAME_LINE_CHARS = 60
TOPIC_PREFIX_CHARS = 40

#: How many non-blank lines back an unattributed quote paragraph looks for the person who spoke last.
PARAGRAPH_LINES = 2

#: A headline that addresses someone: "Ex-Muslim Catholics to Pope Francis: "..."" quotes the first party.
_HEADLINE_ADDRESS = re.compile(r"^(?P<who>[A-Z][^:\n]{1,60}?) to (?P<whom>[A-Z][^:\n]{1,60}):\s*$")

#: A parenthetical reference after a quote: "(Eric John, The Popes, 181)".
_CITATION = re.compile(r"[ \t]*\((?P<who>[A-Z][\w.'\u2019 -]{2,40}?),")

#: The end of a nested single quote: a closing mark before a space, punctuation or the outer close.
_NESTED_CLOSE = re.compile("[\u2019'](?=[\\s,.;:!?\u201d\"])")

_LABEL = re.compile(r"(?:^|\n)[ \t]*(?P<label>[A-Z][A-Za-z.'\u2019-]+(?: [A-Z][A-Za-z.'\u2019-]+){0,2})[ \t]*:[ \t]*$")

#: Confidence of each way of finding a speaker, kept as the span's score.
CONFIDENCE = {
    "parse": 0.9,
    "sentence": 0.8,
    "label": 0.8,
    "citation": 0.8,
    "colon": 0.7,
    "continuation": 0.6,
    "headline": 0.6,
    None: 0.3,
}


@dataclass
class Attribution:
    speaker: str | None
    affiliation: str | None
    named: bool
    cue: str | None
    how: str | None
    speaker_start: int | None = None
    speaker_end: int | None = None
    #: How likely the speaker is right, where a calibrated model chose it (else the rule's ``CONFIDENCE``).
    confidence: float | None = None


@dataclass
class RuleAnswers:
    """What the rules found for one document: the parse, every quote, the names the text gave,
    each quote's attribution (``None``: no speaker found) and the speech verbs they used."""

    sdoc: Doc
    direct: list[tuple[int, int]]
    registry: Registry
    answers: list[tuple[int, int, Attribution | None]]
    used_verbs: set[int]

    def quoted(self, pos: int) -> bool:
        return _in_quotes(pos, self.direct)


def add_quotes(doc: Document, learned: bool = True) -> None:
    """Add direct quotes and indirect attributions to ``quotes`` and a source list to the summaries.

    Each direct quote's speaker is chosen by the shipped learned attributor among the rules' candidates
    (``learned=False``: the rules' own answer; docs/sourcing.md has both measured)."""
    rules = rule_answers(doc)
    if learned:
        from unspin.sourcing import attributor  # it builds on this module, so it is imported late

        answers = attributor.load().answers(doc, rules)
    else:
        answers = rules.answers
    for start, end, found in answers:
        if found is not None and found.speaker:
            doc.add("quotes", _direct_span(start, end, found))
        elif len(doc.text[start:end].split()) >= MIN_UNATTRIBUTED_WORDS:
            doc.add("quotes", _direct_span(start, end, Attribution(None, None, False, None, None)))
    attributed = [(s.start, s.end, s.attrs["speaker"]) for s in doc.layers.get("quotes", []) if s.attrs["speaker"]]
    for span in _indirect(rules.sdoc, doc.text, rules.direct, attributed, rules.used_verbs, rules.registry):
        doc.add("quotes", span)
    doc.summaries["sources"] = source_summary(doc.spans("quotes"))


def add_quotes_by_rules(doc: Document) -> None:
    """:func:`add_quotes` with the rules alone choosing speakers: about 0.2-0.6 s less per article on
    2 cores (no cross-encoder), less accurate (docs/sourcing.md has both measured)."""
    add_quotes(doc, learned=False)


def rule_answers(doc: Document) -> RuleAnswers:
    """The hand-written rules' speaker for every quote that is not a title or a noun modifier."""
    sdoc = parsed(doc)
    direct = find_quotes(doc.text)
    registry = Registry(sdoc, lambda pos: _in_quotes(pos, direct))
    _note_speakers(sdoc, direct, registry)
    answers: list[tuple[int, int, Attribution | None]] = []
    last: Attribution | None = None
    last_end = -1
    used_verbs: set[int] = set()
    for start, end in direct:
        if (start >= doc.title_end and _title(sdoc, start, end)) or _modifier(sdoc, start, end):
            continue
        found, verb = _attribute(sdoc, doc.text, start, end, direct, registry)
        if found is None:
            found = _citation(sdoc, doc.text, end, registry)
        if found is None:
            found = _headline(sdoc, start, doc.title_end, registry)
        if found is None and last is not None and _continues(doc.text, last_end, start, registry):
            found = Attribution(last.speaker, last.affiliation, last.named, None, "continuation")
        if found is None:
            found = _paragraph_speaker(doc.text, start, registry)
        if verb is not None:
            used_verbs.add(verb.i)
        answers.append((start, end, found if found is not None and found.speaker else None))
        if found is not None and found.speaker:
            last, last_end = found, end
        elif len(doc.text[start:end].split()) >= MIN_UNATTRIBUTED_WORDS:
            last, last_end = None, end
    return RuleAnswers(sdoc, direct, registry, answers, used_verbs)


def candidate_attribution(token: Token, registry: Registry) -> Attribution | None:
    """Whom ``token`` names as a speaker, resolved as the rules resolve names (full name, title,
    pronoun), without noting it as having spoken."""
    found = mention(token)
    return _attribution(found, token.text, None, token.idx, registry, note=False) if found is not None else None


def _attribute(
    sdoc: Doc, text: str, start: int, end: int, quotes: list[tuple[int, int]], registry: Registry
) -> tuple[Attribution | None, Token | None]:
    inside = sdoc.char_span(start, end, alignment_mode="expand")
    if inside is None or len(inside) == 0:
        return None, None
    nested = _nested_cue(sdoc, text, start, end, registry)
    if nested is not None:
        return nested
    if _named_by_nobody(inside):
        return None, None  # 'what is called "transignification" and "transfiguration"'
    short = len(inside.text.split()) <= SHORT_QUOTE_WORDS
    for verb, subject in _parse_cues(inside, max_steps=3 if short else 4, nouns=not short):
        if _hypothetical(verb):
            continue
        found = _resolve(subject, verb, "parse", start, registry, quotes)
        if found:
            return found, verb
    if short and _term(sdoc, inside):
        return None, None
    found, verb = _first_sentence_cue(_sentence_cues(sdoc, inside, quotes), short, start, registry, quotes)
    if found:
        return found, verb
    found = _before(sdoc, text, start, registry, quotes) or _colon_intro(sdoc, text, start, registry, quotes)
    if found:
        return found, None
    # '"Satan." He states to his audience: "..."': a colon intro right after speaks for this quote too
    cues = _sentence_cues(sdoc, inside, quotes, introducing=True)
    return _first_sentence_cue(cues, short, start, registry, quotes)


def _nested_cue(sdoc: Doc, text: str, start: int, end: int, registry: Registry) -> tuple[Attribution, Token] | None:
    """A quoted report that opens by quoting someone ('"‘Take the guns first,’ Trump said ..."'):
    the cue right after the nested quote, inside the outer one, names who spoke."""
    if text[start + 1 : start + 2] not in ("‘", "'"):
        return None
    close = _NESTED_CLOSE.search(text, start + 2, end)
    if close is None:
        return None
    after = sdoc.char_span(close.end(), end, alignment_mode="expand")
    if after is None:
        return None
    for token in list(after)[:FOLLOWING_CUE_TOKENS]:
        if is_speech_verb(token) and not _hypothetical(token):
            subject = subject_of(token)
            found = mention(subject) if subject is not None and subject.i >= after.start else None
            attribution = _attribution(found, token.text, "parse", start, registry) if found is not None else None
            if attribution is not None:
                return attribution, token
    return None


def _first_sentence_cue(
    cues, short: bool, start: int, registry: Registry, quotes: list[tuple[int, int]]
) -> tuple[Attribution | None, Token | None]:
    for verb, subject, how in cues:
        core = verb.lemma_.lower() in CORE_SPEECH_VERBS or verb.lower_ == "according"  # lemma "accord"
        if short and (not core or _hypothetical(verb)):
            continue
        found = _resolve(subject, verb, how, start, registry, quotes)
        if found:
            return found, verb
    return None, None


def _title(sdoc: Doc, start: int, end: int) -> bool:
    """A title ("Black Muslim Religion in the Nation of Islam", "60 Minutes", "Gang of Eight"): the
    writer's naming of a work or thing, not anyone's words."""
    inside = sdoc.char_span(start, end, alignment_mode="expand")
    if inside is None:
        return False
    words = [t for t in inside if not t.is_punct and not t.is_space]
    return (
        2 <= len(words) <= MAX_TITLE_WORDS
        and not inside.text.rstrip("\"\u201d\u2019 ").endswith((".", "!", "?"))  # "America First." is a slogan
        and words[0].lower_ not in TITLE_SMALL_WORDS
        and all(w.text[:1].isupper() or w.text[:1].isdigit() or w.lower_ in TITLE_SMALL_WORDS for w in words)
    )


def _modifier(sdoc: Doc, start: int, end: int) -> bool:
    """Quoted nouns that modify the noun right after them ('"red flag" laws', '"mental health"
    regulations') are the writer's term for a kind of thing, not anyone's words."""
    inside = sdoc.char_span(start, end, alignment_mode="expand")
    if inside is None:
        return False
    words = [t for t in inside if not t.is_punct and not t.is_space]
    if not words or len(words) > SHORT_QUOTE_WORDS:
        return False
    tops = [t for t in words if not inside.start <= t.head.i < inside.end]
    noun = tops[-1].head if tops else None
    if noun is None or any(t.head != noun or t.dep_ not in ("amod", "compound", "nmod") for t in tops):
        return False
    if words[-1].pos_ not in ("NOUN", "PROPN") or noun.pos_ not in ("NOUN", "PROPN"):
        return False  # an adjective ('a "classic" move', '"unusually contrite" Bergoglio') is someone's judgement
    return noun.i >= inside.end and all(t.is_punct or t.is_space for t in sdoc[inside.end : noun.i])


def _named_by_nobody(inside: SpacySpan) -> bool:
    """Quoted words a passive verb of naming without an agent hangs them on (a few steps up) are a name,
    not anyone's words ('what is called "transignification" and "transfiguration"')."""
    for token in inside:
        head = token.head
        for _ in range(3):
            if not inside.start <= head.i < inside.end and _passive_naming(head):
                return True
            head = head.head
    return False


def _passive_naming(verb: Token) -> bool:
    """ "is called", "– also called" (which the parser may tag as a past tense), with nobody who calls."""
    children = [c.dep_ for c in verb.children]
    return (
        verb.lemma_.lower() in NAMING_VERBS
        and (verb.dep_ in ("acl", "amod", "dep") or "auxpass" in children)
        and verb.tag_ in ("VBN", "VBD")
        and not any(d in ("nsubj", "agent") for d in children)
    )


def _term(sdoc: Doc, inside: SpacySpan) -> bool:
    """A short quoted noun with its article outside the marks after a preposition ('injured in a "sonic
    attack"', 'approved of by the "cool kids"'), with no speech verb close above it, is the writer's term
    for a thing, not the words of someone speaking elsewhere in the sentence."""
    words = [t for t in inside if not t.is_punct and not t.is_space]
    noun = words[-1] if words else None
    before = sdoc[inside.start - 1] if inside.start else None
    if noun is None or before is None or before.dep_ != "det" or before.head != noun or noun.pos_ != "NOUN":
        return False
    return noun.dep_ == "pobj" and noun.head.lower_ != "as"


def _hypothetical(verb: Token) -> bool:
    """ "might say", "may come forward one day and declare", "don't speak out": speech nobody made."""
    verbs = [verb, verb.head] if verb.dep_ in ("conj", "xcomp") else [verb]
    return any(
        (c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_MODALS) or c.dep_ == "neg" for v in verbs for c in v.children
    )


def _parse_cues(inside: SpacySpan, max_steps: int, nouns: bool = True):
    """Speech verbs outside the quote that the quoted words hang on, nearest first, and with ``nouns``
    nouns of speech with a possessor ("his description of Hitler as "a very great man"")."""
    for token in inside:
        if inside.start <= token.head.i < inside.end or token.head is token:
            continue
        head, steps = token.head, 0
        while steps < max_steps:
            if not inside.start <= head.i < inside.end:
                subject = subject_of(head) if is_speech_verb(head) else speaker_of_noun(head) if nouns else None
                if subject is not None:
                    yield head, subject
            if head.head is head:
                break
            head, steps = head.head, steps + 1


def _sentence_cues(sdoc: Doc, inside: SpacySpan, quotes: list[tuple[int, int]], introducing: bool = False):
    """"according to X" and speech verbs in the sentences the quote touches, nearest first; with
    ``introducing``, only those of a sentence right after that introduces the next quote with a colon."""
    sentences = {inside[0].sent, inside[-1].sent}
    if inside.start > 0 and inside[0].sent.start == inside.start:
        before = sdoc[inside.start - 1]
        if before.text not in (".", "!", "?", ":") and "\n" not in before.whitespace_ and not before.is_space:
            sentences.add(before.sent)  # 'Yore called the case "a scandal ..."' split at the quote by the parser
    tokens = set() if introducing else {t for s in sentences for t in s}
    after = inside.end
    if after < len(sdoc) and sdoc[after].idx - inside.end_char <= 3 and sdoc[after].sent not in sentences:
        # '"...," Landis told RT.' parsed as its own sentence: only its first few words.
        following = list(sdoc[after].sent)
        own = next((i for i, t in enumerate(following) if _in_quotes(t.idx, quotes)), len(following))
        colon = any(t.text == ":" for t in following[:own])  # "Porterfield shot back:" introduces the next quote
        if colon == introducing:
            tokens |= set(following[:FOLLOWING_CUE_TOKENS])
    tokens = sorted(tokens, key=lambda t: t.i)
    outside = [t for t in tokens if not inside.start <= t.i < inside.end and not _in_quotes(t.idx, quotes)]
    outside.sort(key=lambda t: t.i - inside.end if t.i >= inside.end else (inside.start - t.i) * 2)
    for token in outside:
        source = according_to(token)
        if source is not None:
            yield token, source, "sentence"
        elif is_speech_verb(token):
            subject = subject_of(token)
            if subject is not None:
                yield token, subject, "sentence"


def _before(sdoc: Doc, text: str, start: int, registry: Registry, quotes: list[tuple[int, int]]) -> Attribution | None:
    """A transcript label ("SMITH:") or a line ending in a colon right before the quote."""
    line_start = text.rfind("\n", 0, start) + 1
    prefix = text[max(0, line_start - 1) : start]
    label = _LABEL.search(prefix)
    if label:
        name = label.group("label").title() if label.group("label").isupper() else label.group("label")
        full = registry.full_name(name, start)
        if label.group("label").isupper() or full != name:  # "SMITH:" or a name the text gave, not "On Hezbollah:"
            return Attribution(full, registry.affiliation_of(full), True, ":", "label")
    if text[line_start:start].strip():
        return None
    previous_end = line_start - 1
    previous_start = text.rfind("\n", 0, max(0, previous_end)) + 1
    previous = text[previous_start:previous_end].rstrip()
    if previous_end <= previous_start or not previous.endswith((":", ",")):
        return None
    line = sdoc.char_span(previous_start, previous_end, alignment_mode="expand")
    if line is None:
        return None
    if previous.endswith(","):  # "... wrote to me today saying," and the quote on the next line
        words = [t for t in line if not t.is_punct and not t.is_space]
        if not words or not is_speech_verb(words[-1]):
            return None
    for token in line:
        if is_speech_verb(token) and not _in_quotes(token.idx, quotes):  # not 'is to "ask questions"'
            subject = subject_of(token)
            if subject is not None:
                found = _resolve(subject, token, "colon", start, registry, quotes)
                if found:
                    return found
    root = next((t for t in line if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")), None)
    subject = subject_of(root) if root is not None else None
    if subject is not None and not _in_quotes(subject.idx, quotes):  # "Yesterday's New York Times recognized ...:"
        found = mention(subject)
        if found is not None and found.named:
            return _attribution(found, root.text, "colon", start, registry)
    if any(t.lower_ in LIST_WORDS for t in line):  # "Some Farrakhan quotes:"
        for token in line:
            if token.pos_ == "PROPN" and not _in_quotes(token.idx, quotes):
                found = mention(token)
                if found is not None and found.named:
                    return _attribution(found, ":", "colon", start, registry)
    return None


def _colon_intro(
    sdoc: Doc, text: str, start: int, registry: Registry, quotes: list[tuple[int, int]]
) -> Attribution | None:
    """A quote right after a colon (on its line or opening the next) is the words of the clause's subject,
    whatever the verb ("Chris Marczak, defended the curriculum: "..."", "the nonsense Fastiggi and
    Goldstein expect us to swallow:")."""
    before = text[:start].rstrip()
    if not before.endswith(":") or text[len(before) : start].count("\n") > 1:
        return None
    colon = sdoc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None:
        return None
    verb = colon[0].head
    if _in_quotes(verb.idx, quotes) and colon.start > 0:  # the parser hung the colon on the quote
        verb = sdoc[colon.start - 1]
    for _ in range(3):  # up to the clause's verb, past one inside the quote the parser hung it on
        if (verb.pos_ in ("VERB", "AUX") and not _in_quotes(verb.idx, quotes)) or verb.head == verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_ == "be" or _in_quotes(verb.idx, quotes):
        return None  # "The remarks ... were:" gives the words, not the speaker
    subject = subject_of(verb)
    found = mention(subject) if subject is not None and not _in_quotes(subject.idx, quotes) else None
    if found is None or not (found.named or found.pronoun or registry.described(found)):  # or "the cardinal"
        return None
    return _attribution(found, verb.text, "colon", start, registry)


def _citation(sdoc: Doc, text: str, end: int, registry: Registry) -> Attribution | None:
    """A reference right after the quote names its author: '"... ever since." (Eric John, The Popes, 181)'."""
    cited = _CITATION.match(text, end)
    if cited is None:
        return None
    name = sdoc.char_span(cited.start("who"), cited.end("who"))
    if name is None or not all(t.ent_type_ == "PERSON" for t in name):
        return None
    full = registry.full_name(name.text, end)
    return Attribution(full, registry.affiliation_of(full), True, "(", "citation")


def _headline(sdoc: Doc, start: int, title_end: int, registry: Registry) -> Attribution | None:
    """A headline "X to Y: "..."" quotes X; one that opens with a person the article names ("Keith
    Ellison Defends Louis Farrakhan: "...", "Pope Francis Denounces "..."") quotes that person. Names
    are matched against the body's, as title case fools NER ("Hungary PM Viktor Orban Vows" is an ORG to it)."""
    if start >= title_end:
        return None
    addressed = _HEADLINE_ADDRESS.match(sdoc.text[:start])
    if addressed:  # "Ex-Muslim Catholics to Pope Francis: "...""
        name = registry.full_name(addressed.group("who"), start)
        return Attribution(name, registry.affiliation_of(name), True, "headline", "headline")
    known = registry.person_opening(name_key(sdoc.text[:start]), title_end, HEADLINE_NAME_OFFSET + 1)
    if known is None:
        return None
    name = registry.full_name(known, start)
    return Attribution(name, registry.affiliation_of(name), True, "headline", "headline")


def _resolve(
    subject: Token, verb: Token, how: str, at: int, registry: Registry, quotes: list[tuple[int, int]]
) -> Attribution | None:
    if _in_quotes(subject.idx, quotes):
        return None
    subject = _main_subject(subject)
    found = mention(subject)
    if found is None:
        return None
    return _attribution(found, verb.text, how, at, registry)


def _main_subject(subject: Token) -> Token:
    """ "he" or "she" in a clause of time or manner is the main clause's named subject ("Elijah set the
    record straight when he answered"), even one NER missed."""
    if subject.lower_ not in ("he", "she") or subject.head.dep_ != "advcl":
        return subject
    main = next((c for c in subject.head.head.children if c.dep_ == "nsubj"), None)
    if main is None or main.pos_ != "PROPN" or main.tag_ != "NNP" or main.ent_type_ not in ("", "PERSON"):
        return subject
    return main


def _attribution(
    found: Mention, cue: str, how: str | None, at: int, registry: Registry, note: bool = True
) -> Attribution | None:
    if found.pronoun:
        pronoun = found.name.lower()
        if pronoun == "it":
            referent = registry.document_referent(found.start)
        elif pronoun == "they":
            referent = registry.group_referent(found.start)
        else:
            referent = registry.divine_referent(found.start) or registry.referent(
                found.start, PRONOUN_GENDER.get(pronoun)
            )
        if referent is None:
            return None
        name, named = referent
        affiliation = registry.affiliation_of(name) if named else None
        return Attribution(name, affiliation, named, cue, how, found.start, found.end)
    titled = None if found.named else registry.described(found)
    if titled:
        found = Mention(titled, found.start, found.end, named=True)
    name = (registry.note_speaker(found) if note else registry.resolve(found)) if found.named else found.name
    affiliation = found.affiliation or (registry.affiliation_of(name) if found.named else None)
    return Attribution(name, affiliation, found.named, cue, how, found.start, found.end)


def _note_speakers(sdoc: Doc, quotes: list[tuple[int, int]], registry: Registry) -> None:
    """Every named subject of a speech cue outside quotes, so that a later "he said" can refer back to it."""
    for token in sdoc:
        source = according_to(token)
        if source is None and is_speech_verb(token) and not any(is_speech_verb(a) for a in token.ancestors):
            source = subject_of(token)  # not Bacon in "Hadeed told reporters Bacon had threatened to sue him"
        if source is None or _in_quotes(source.idx, quotes):
            continue
        found = mention(source)
        if found is not None and found.named:
            registry.note_speaker(found)
        elif found is not None:
            registry.note_unnamed_speaker(found)


def _continues(text: str, last_end: int, start: int, registry: Registry) -> bool:
    """A quote soon after the last attributed one that opens a new line or a new sentence ('... Copley said. "...'),
    or goes on in the same or the next sentence with nobody else named between ('"...," And as for
    France, "..."', '..." Such acts are "...')."""
    gap = text[last_end:start]
    line_start = text.rfind("\n", 0, start) + 1
    prefix = text[line_start:start].strip()
    if not prefix or (prefix.endswith(":") and len(prefix) <= TOPIC_PREFIX_CHARS):  # a new line, or "On Hezbollah:"
        return len(gap) <= CONTINUATION_GAP_CHARS and gap.count("\n") <= CONTINUATION_GAP_LINES
    if len(gap) > CONTINUATION_SAME_LINE_CHARS or "\n" in gap:
        return False
    if gap.rstrip().endswith("."):
        return True
    new_sentence = gap.lstrip()[:1].isupper()  # '..." Such acts are "...'
    return (new_sentence or gap.rstrip().endswith(",")) and not registry.names_between(last_end, start)


def _paragraph_speaker(text: str, start: int, registry: Registry) -> Attribution | None:
    """A paragraph that opens with a quote and names no speaker continues the person who spoke
    last in the paragraphs just before (the news convention), if nobody else took the stage since."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return None
    since = line_start
    for _ in range(PARAGRAPH_LINES):
        since = text.rfind("\n", 0, max(0, since - 1)) + 1
        while since > 0 and not text[since : text.find("\n", since, start)].strip():  # blank lines between
            since = text.rfind("\n", 0, since - 1) + 1
    found = registry.speaker_since(since, start)
    if found is None:
        return None
    speaker, named = found
    return Attribution(speaker, registry.affiliation_of(speaker) if named else None, named, None, "continuation")


def _in_quotes(pos: int, quotes: list[tuple[int, int]]) -> bool:
    """Binary search: quotes are in text order and never overlap (a scan per token was quadratic)."""
    i = bisect.bisect_right(quotes, (pos, math.inf)) - 1
    return i >= 0 and quotes[i][0] <= pos < quotes[i][1]


def _direct_span(start: int, end: int, found: Attribution) -> Span:
    if found.speaker:
        explanation = f"Direct quote attributed to {found.speaker}" + (f" ({found.affiliation})" if found.affiliation else "")
        if found.how == "continuation":
            explanation += ", continuing the quote before it"
        if found.confidence is not None:
            explanation += f"; speaker confidence {found.confidence:.2f} (learned attributor)"
    else:
        explanation = "Quoted words; the text does not say who said them"
    return Span(
        start,
        end,
        "direct",
        score=CONFIDENCE[found.how] if found.confidence is None else found.confidence,
        explanation=explanation,
        attrs=_attrs(found),
    )


def _attrs(found: Attribution) -> dict:
    return {
        "speaker": found.speaker,
        "affiliation": found.affiliation,
        "named": found.named,
        "cue": found.cue,
        "speaker_start": found.speaker_start,
        "speaker_end": found.speaker_end,
    }


def _indirect(
    sdoc: Doc,
    text: str,
    quotes: list[tuple[int, int]],
    attributed: list[tuple[int, int, str]],
    used_verbs: set[int],
    registry: Registry,
) -> list[Span]:
    """Reported speech outside quotation marks: "X said (that) ...", "according to X".

    A sentence whose direct quote already has the same speaker adds nothing and is skipped.
    """
    spans = []
    for sentence in sdoc.sents:
        for token in sentence:
            if token.i in used_verbs or _in_quotes(token.idx, quotes):
                continue
            source = according_to(token)
            if source is not None:
                cue = "according to"
            elif (
                token.lemma_.lower() in INDIRECT_VERBS
                and token.pos_ == "VERB"
                and _reports_clause(token)
                and not _hypothetical(token)
            ):
                source, cue = subject_of(token), token.text
            else:
                continue
            if source is None or _in_quotes(source.idx, quotes):
                continue
            found = mention(source)
            if found is None:
                continue
            attribution = _attribution(found, cue, "sentence", sentence.start_char, registry)
            if attribution is None or any(
                sentence.start_char <= s < sentence.end_char and who == attribution.speaker for s, _, who in attributed
            ):
                continue
            start, end = strip_whitespace(text, sentence.start_char, sentence.end_char)
            spans.append(
                Span(
                    start,
                    end,
                    "indirect",
                    score=0.7,
                    explanation=f"Reported speech attributed to {attribution.speaker}",
                    attrs=_attrs(attribution),
                )
            )
            break
    return spans


def _reports_clause(verb: Token) -> bool:
    return any(child.dep_ == "ccomp" for child in verb.children) or (
        verb.dep_ in ("parataxis", "ROOT") and any(c.dep_ == "ccomp" for c in verb.head.children if c is not verb)
    )



def source_summary(quotes: list[Span]) -> dict:
    """Who is quoted, with what role, how often; how many sources go unnamed. Shown, not judged."""
    sources: dict[str, dict] = {}
    unnamed = 0
    unattributed = 0
    for span in quotes:
        speaker = span.attrs.get("speaker")
        if not speaker:
            unattributed += 1
            continue
        entry = sources.setdefault(
            speaker,
            {"speaker": speaker, "affiliation": None, "named": span.attrs.get("named", False), "direct": 0, "indirect": 0},
        )
        entry["affiliation"] = entry["affiliation"] or span.attrs.get("affiliation")
        entry[span.label] += 1
        if not span.attrs.get("named"):
            unnamed += 1
    listed = sorted(sources.values(), key=lambda e: (-(e["direct"] + e["indirect"]), e["speaker"]))
    organisations = sorted({e["affiliation"] for e in listed if e["affiliation"]})
    return {
        "sources": listed,
        "distinct_speakers": sum(1 for e in listed if e["named"]),
        "affiliations": organisations,
        "unnamed_source_mentions": unnamed,
        "unattributed_quotes": unattributed,
    }
