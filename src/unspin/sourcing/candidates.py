"""Candidate speakers of a direct quote, for a learned scorer to choose among (see docs/sourcing.md).

For each quote the candidates are the rules' own answer, the people, organisations and groups
named in the quote's sentence and the two sentences before and the one after, the subjects of
speech verbs there (pronouns and role nouns included, resolved to names as the rules resolve
them), the person on stage ("he" at the quote), and "no speaker". Each carries hand features of
how the text links it to the quote and the places where the text mentions it, so that a model
reading the text can be shown which mention is meant.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from typing import Callable

from spacy.tokens import Doc, Span as SpacySpan, Token

from unspin.document import Document
from unspin.sourcing.quotes import Attribution, RuleAnswers, candidate_attribution
from unspin.sourcing.speakers import (
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    Registry,
    according_to,
    is_speech_verb,
    name_key,
    subject_of,
)

#: Sentences before and after the quote's own whose names are candidates.
SENTENCES_BEFORE = 2
SENTENCES_AFTER = 1

#: A name this close (characters) to a description the rules chose may be that description's name
#: ("noted SAF founder and Executive Vice President Alan M. Gottlieb").
BESIDE_CHARS = 60

#: Quotes of at most this many words are mostly terms and scare quotes.
SHORT_WORDS = 2

_ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP")
_RULE_TIERS = ("parse", "sentence", "label", "citation", "colon", "continuation", "headline")

#: Feature names, in the order of the weight vector. Candidate features are 0 for "no speaker"
#: and "none_*" features are 0 for every other candidate.
FEATURES = (
    "candidate",
    *(f"rule_{tier}" for tier in _RULE_TIERS),
    "person",
    "org",
    "gpe",
    "norp",
    "pronoun",
    "description",
    "named",
    "document_or_group",
    "cue_subject",
    "cue_subject_same_sentence",
    "cue_above_quote",
    "according_to",
    "other_subject",
    "object",
    "role_beside",
    "before_quote",
    "token_distance",
    "sentence_distance",
    "sentence_after",
    "in_other_quote",
    "mentions",
    "on_stage",
    "previous_speaker",
    "quoted_share",
    "beside_rule_speaker",
    "rule_unnamed",
    "rule_short",
    "rule_continuation_short",
    "reported_subject",
    "short_x_cue_subject",
    "none",
    "none_rule_none",
    "none_short",
    "none_words",
    "none_opens_line",
    "none_cue_in_sentence",
    "none_core_cue_in_sentence",
    "none_in_headline",
    "none_has_verb",
    "none_ends_sentence",
)

_CORE_CUES = frozenset({"say", "tell", "write", "state", "claim"})


@dataclass
class Candidate:
    """A possible speaker (``name`` None: nobody) with the features that link it to the quote and
    the character spans where the text mentions it near the quote (a name, "he", "the minister")."""

    name: str | None
    named: bool = False
    affiliation: str | None = None
    start: int | None = None
    end: int | None = None
    features: dict[str, float] = field(default_factory=dict)
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def nearest_mention(self, start: int, end: int) -> tuple[int, int] | None:
        """The mention closest to the quote ``start:end`` (None when the text gives none)."""
        if not self.mentions:
            return None
        return min(self.mentions, key=lambda m: start - m[1] if m[1] <= start else m[0] - end)


def vector(features: dict[str, float]) -> list[float]:
    unknown = set(features) - set(FEATURES)
    if unknown:
        raise ValueError(f"unknown features: {sorted(unknown)}")
    return [features.get(name, 0.0) for name in FEATURES]


@dataclass(frozen=True)
class Stage:
    """Who has spoken so far, as the rules see it: whom "he" means at the quote, the speaker of the
    quote before, and each speaker's share of the article's attributed quotes (by last name)."""

    on_stage: tuple[str, bool] | None
    previous: str | None
    shares: dict[str, float]


@dataclass
class QuoteContext:
    """What candidate extraction needs of the document, computed once per document."""

    sdoc: Doc
    in_quotes: Callable[[int], bool]
    title_end: int
    sentences: list[SpacySpan] = field(init=False)
    sentence_starts: list[int] = field(init=False)
    mentions: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.sentences = list(self.sdoc.sents)
        self.sentence_starts = [s.start for s in self.sentences]
        counts: dict[str, int] = {}
        for entity in self.sdoc.ents:
            key = name_key(entity.text)
            if key:
                counts[key[-1]] = counts.get(key[-1], 0) + 1
        self.mentions = counts

    def sentence_index(self, token_index: int) -> int:
        return bisect.bisect_right(self.sentence_starts, token_index) - 1


def candidates(
    context: QuoteContext,
    start: int,
    end: int,
    rule: Attribution | None,
    stage: Stage,
    registry: Registry,
) -> list[Candidate]:
    """Candidate speakers of the quote ``start:end`` with their features, "no speaker" last.

    ``rule`` is the rules' answer or None; ``stage`` who spoke before; names are resolved through
    ``registry`` as the rules resolve them.
    """
    sdoc, text = context.sdoc, context.sdoc.text
    inside = sdoc.char_span(start, end, alignment_mode="expand")
    words = len(text[start:end].split())
    short = words <= SHORT_WORDS
    found: dict[tuple[str, ...], Candidate] = {}
    cue_in_sentence = core_cue = False
    if inside is not None and len(inside):
        first = context.sentence_index(inside.start)
        last = context.sentence_index(inside.end - 1)
        window = context.sentences[max(0, first - SENTENCES_BEFORE) : last + SENTENCES_AFTER + 1]
        above = {a.i for t in inside for a in t.ancestors if not inside.start <= a.i < inside.end}
        for sentence in window:
            for token in sentence:
                if context.in_quotes(token.idx):
                    if inside.start <= token.i < inside.end:
                        continue
                if first <= context.sentence_index(token.i) <= last and is_speech_verb(token):
                    if not context.in_quotes(token.idx):
                        cue_in_sentence = True
                        core_cue = core_cue or token.lemma_.lower() in _CORE_CUES
                for head, relation, verb in _speaker_tokens(token):
                    if inside.start <= head.i < inside.end:
                        continue  # the quote's own words
                    resolved = candidate_attribution(head, registry)
                    key = name_key(resolved.speaker) if resolved is not None and resolved.speaker else ()
                    if not key:
                        continue
                    features = _token_features(context, head, relation, verb, inside, (first, last), above, short)
                    if rule is not None and rule.speaker_start is not None and not rule.named:
                        near, far = rule.speaker_start, rule.speaker_end
                        beside = near - BESIDE_CHARS <= head.idx < far + BESIDE_CHARS and not near <= head.idx < far
                        features["beside_rule_speaker"] = float(beside)
                    _merge(found, key, _candidate(resolved, features))
    if rule is not None and name_key(rule.speaker):
        features = {
            "candidate": 1.0,
            f"rule_{rule.how}": 1.0,
            "rule_unnamed": float(not rule.named),
            "rule_short": float(short),
            "rule_continuation_short": float(short and rule.how == "continuation"),
        }
        _merge(found, name_key(rule.speaker), _candidate(rule, features))
    if stage.on_stage is not None and name_key(stage.on_stage[0]):
        name, named = stage.on_stage
        _merge(found, name_key(name), Candidate(name, named, features={"candidate": 1.0, "on_stage": 1.0}))
    previous = name_key(stage.previous) if stage.previous else ()
    for candidate in found.values():
        key = name_key(candidate.name)
        candidate.features["mentions"] = math.log1p(context.mentions.get(key[-1], 0)) / 3
        candidate.features["named"] = float(candidate.named)
        candidate.features["quoted_share"] = stage.shares.get(key[-1], 0.0)
        same = bool(previous) and (set(previous) <= set(key) or set(key) <= set(previous))
        candidate.features["previous_speaker"] = float(same)
    line_start = text.rfind("\n", 0, start) + 1
    nobody = Candidate(
        None,
        features={
            "none": 1.0,
            "none_rule_none": float(rule is None),
            "none_short": float(short),
            "none_words": math.log1p(words) / 4,
            "none_opens_line": float(not text[line_start:start].strip()),
            "none_cue_in_sentence": float(cue_in_sentence),
            "none_core_cue_in_sentence": float(core_cue),
            "none_in_headline": float(start < context.title_end),
            "none_has_verb": float(inside is not None and any(t.pos_ in ("VERB", "AUX") for t in inside)),
            "none_ends_sentence": float(text[start:end].rstrip("\"\u201d\u2019 ")[-1:] in (".", "!", "?", ",")),
        },
    )
    return [*found.values(), nobody]


def _candidate(found: Attribution, features: dict[str, float]) -> Candidate:
    at = found.speaker_start, found.speaker_end
    mentions = [at] if None not in at else []
    return Candidate(found.speaker, found.named, found.affiliation, *at, features, mentions)


def _speaker_tokens(token: Token):
    """(speaker token, relation, speech verb or None) for each way ``token`` may name a speaker."""
    source = according_to(token)
    if source is not None:
        yield source, "according_to", None
    if is_speech_verb(token):
        subject = subject_of(token)
        if subject is not None:
            yield subject, "cue_subject", token
    if token.ent_iob_ == "B" and token.ent_type_ in _ENTITY_LABELS:
        yield token, "entity", None
    elif token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN", "PRON"):
        yield token, "other_subject", None


def _token_features(
    context: QuoteContext,
    head: Token,
    relation: str,
    verb: Token | None,
    inside: SpacySpan,
    sentences: tuple[int, int],
    above: set[int],
    short: bool,
) -> dict[str, float]:
    first, last = sentences
    sentence = context.sentence_index(head.i)
    label = head.ent_type_
    pronoun = head.pos_ == "PRON"
    features = {
        "candidate": 1.0,
        "person": float(label == "PERSON"),
        "org": float(label == "ORG"),
        "gpe": float(label == "GPE"),
        "norp": float(label == "NORP"),
        "pronoun": float(pronoun),
        "description": float(not label and not pronoun and head.pos_ == "NOUN"),
        "document_or_group": float(head.lemma_.lower() in DOCUMENT_NOUNS | GROUP_NOUNS),
        "before_quote": float(head.i < inside.start),
        "token_distance": math.log1p(head.i - inside.end if head.i >= inside.end else inside.start - head.i) / 5,
        "sentence_distance": float(max(first - sentence, 0)) / SENTENCES_BEFORE,
        "sentence_after": float(sentence > last),
        "in_other_quote": float(context.in_quotes(head.idx)),
        "role_beside": float(
            any(c.dep_ in ("appos", "compound") and c.pos_ == "NOUN" for c in head.children)
            or (head.dep_ in ("appos", "compound") and head.head.pos_ == "NOUN")
        ),
        "object": float(head.dep_ in ("dobj", "pobj", "dative")),
        "reported_subject": float(  # Zarate in "saying Zarate was "extremely relieved""
            head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "ccomp" and is_speech_verb(head.head.head)
        ),
    }
    if verb is not None:
        features["cue_subject"] = 1.0
        features["cue_subject_same_sentence"] = float(first <= context.sentence_index(verb.i) <= last)
        features["cue_above_quote"] = float(verb.i in above)
        features["short_x_cue_subject"] = float(short)
    elif relation == "according_to":
        features["according_to"] = 1.0
    elif relation == "other_subject":
        features["other_subject"] = 1.0
    return features


def _merge(found: dict[tuple[str, ...], Candidate], key: tuple[str, ...], new: Candidate) -> None:
    """One candidate per person: a surname or full name joins the candidate it is part of, keeping the
    strongest evidence (the larger value of each feature, the nearest mention's position)."""
    match = next((k for k in found if set(k) <= set(key) or set(key) <= set(k)), None)
    if match is None:
        found[key] = new
        return
    old = found[match]
    old.mentions += [m for m in new.mentions if m not in old.mentions]
    nearer = new.features.get("token_distance", math.inf) < old.features.get("token_distance", math.inf)
    for name, value in new.features.items():
        if name in ("token_distance", "before_quote"):
            old.features[name] = value if nearer or name not in old.features else old.features[name]
        elif name == "sentence_distance":
            old.features[name] = min(old.features.get(name, value), value)
        else:
            old.features[name] = max(old.features.get(name, 0.0), value)
    if old.start is None and new.start is not None:
        old.start, old.end = new.start, new.end
    if len(key) > len(match) and new.named:
        old.name, old.named = new.name, new.named


def speaker_candidates(doc: Document, rules: RuleAnswers) -> list[list[Candidate]]:
    """For each of ``rules.answers``, the candidate speakers a learned scorer picks among."""
    context = QuoteContext(rules.sdoc, rules.quoted, doc.title_end)

    counts: dict[str, int] = {}
    for _, _, found in rules.answers:
        if found is not None and name_key(found.speaker):
            counts[name_key(found.speaker)[-1]] = counts.get(name_key(found.speaker)[-1], 0) + 1
    shares = {key: count / max(1, sum(counts.values())) for key, count in counts.items()}
    listed, previous = [], None
    for start, end, found in rules.answers:
        stage = Stage(rules.registry.referent(start), previous, shares)
        listed.append(candidates(context, start, end, found, stage, rules.registry))
        previous = found.speaker if found is not None else previous
    return listed
