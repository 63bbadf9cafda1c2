"""Hedges and vague attributions: cue phrases found with word-bounded regular expressions.

A vague attribution credits a claim to people who are not named ("analysts said", "some say",
"it is believed"); a hedge softens a claim so the text need not stand behind it ("reportedly",
"allegedly", "may have"). The span is the cue phrase itself. Cues inside a direct quotation are the
speaker's: they keep part of their score and say so.
"""

from __future__ import annotations

import re

from unspin.document import Document, Span
from unspin.rhetoric.quoting import find_quotations, innermost, is_quoted_heading
from unspin.rhetoric.text import SPACE, Cue

HEDGE = "hedge"
VAGUE = "vague_attribution"
#: A cue in someone else's words keeps this share of its score.
QUOTED_FACTOR = 0.6

_GROUPS = (
    r"analysts|experts|observers|critics|commentators|officials|sources|insiders|diplomats|scholars|"
    r"scientists|researchers|pundits|skeptics|sceptics|activists|witnesses"
)
_GROUP_ADJECTIVES = (
    r"some|many|several|other|most|unnamed|anonymous|unidentified|certain|western|local|senior|independent|"
    r"leading|top|military|security|government|intelligence|political|foreign|media|press|news|unconfirmed"
)
_SAY = (
    r"said|say|says|believe|believed|believes|claim|claimed|claims|suggest|suggested|suggests|argue|argued|argues|"
    r"warn|warned|warns|note|noted|think|thought|fear|feared|told|agree|agreed|contend|insist|insisted|maintain|"
    r"estimate|estimated|point(?:ed)? out|allege|alleged|speculate|speculated|indicate|indicated"
)
_UNNAMED_WHO = "who are not named: the reader cannot check who they are, how many, or whether they are independent."


def _cue(name: str, pattern: str, kind: str, score: float, why: str) -> Cue:
    """Compile ``pattern`` case-insensitively, with its spaces matching any run of same-line whitespace."""
    return Cue(name, re.compile(r"\b" + pattern.replace(" ", SPACE) + r"\b", re.IGNORECASE), kind, score, why)


def _hedge_word(word: str, score: float, why: str) -> Cue:
    return _cue(word, word, HEDGE, score, f"'{{cue}}' {why}")


CUES = [
    _cue("group_says", rf"(?:(?:{_GROUP_ADJECTIVES}) ){{0,2}}(?P<who>{_GROUPS}) (?:have |had )?(?:{_SAY})",
         VAGUE, 0.85, f"'{{cue}}' credits the claim to {{who}} {_UNNAMED_WHO}"),
    _cue("says_group", rf"(?:said|say|says|according to) (?:(?:{_GROUP_ADJECTIVES}) ){{0,2}}(?P<who>{_GROUPS})"
         r"(?! (?:by|from|in|of|at) (?-i:[A-Z]))", VAGUE, 0.85,
         f"'{{cue}}' credits the claim to {{who}} {_UNNAMED_WHO}"),
    _cue("a_source", r"(?:an?|one) (?:(?:senior|unnamed|anonymous|western|local|government|military|intelligence|"
         r"security) ){0,2}(?P<who>source|official|analyst|expert|insider|diplomat) "
         r"(?:said|says|told|close to|familiar with)",
         VAGUE, 0.85, "'{cue}' relies on a single {who} who is not named, so the claim cannot be checked."),
    _cue("familiar_with", r"(?P<who>sources|people|persons|officials) (?:close to|familiar with)", VAGUE, 0.85,
         f"'{{cue}}' credits the claim to {{who}} {_UNNAMED_WHO}"),
    _cue("some_say", r"(?:some|many|others|most|some people|many people|most people) "
         r"(?:say|said|believe|believed|think|claim|claimed|argue|argued|suggest|suggested|feel|fear|worry|"
         r"speculate|contend|insist|maintain|allege)", VAGUE, 0.9,
         "'{cue}' credits a view to unnamed people: it could be anyone, or very few, and lets the text voice "
         "the view without owning it."),
    _cue("it_is_said", r"it (?:is|was|has been|had been) (?:widely |generally |often |commonly )?"
         r"(?:believed|said|thought|claimed|reported|alleged|rumou?red|understood|feared|suggested|argued|assumed)"
         r"(?! by (?:the )?(?-i:[A-Z]))",
         VAGUE, 0.9, "'{cue}' does not say who believes or says it, so the claim floats without a source."),
    _cue("is_said_to", r"(?:is|are|was|were) (?:widely )?(?:said|believed|thought|reported|rumou?red|alleged|"
         r"understood|claimed) to", VAGUE, 0.8,
         "'{cue}' does not say who says so, so the claim floats without a source."),
    _cue("there_are_reports", r"there (?:are|were|have been|has been|had been) (?:growing |unconfirmed |widespread |"
         r"persistent |some |many )?(?:reports|claims|rumou?rs|suggestions|allegations|indications)", VAGUE, 0.8,
         "'{cue}' mentions reports without saying whose, so they cannot be checked."),
    _cue("reports_say", r"(?:according to (?:some |unconfirmed |media |press |local |several |other |news )?reports"
         r"(?! (?:by|from|in|of|at) (?-i:[A-Z]))|(?:media |press |news |unconfirmed |some |local )?reports "
         r"(?:say|said|suggest|suggested|claim|claimed|indicate|indicated))", VAGUE, 0.85,
         "'{cue}' relies on reports without saying whose, so they cannot be checked."),
    _cue("rumour_has_it", r"rumou?r has it", VAGUE, 0.9, "'{cue}' passes on hearsay without a source."),
    _hedge_word("reportedly", 0.9, "passes on a claim without saying who reported it or standing behind it."),
    _hedge_word("allegedly", 0.9, "marks the claim as unproven and does not say who alleges it."),
    _hedge_word("purportedly", 0.9, "marks the claim as unproven and does not say who makes it."),
    _hedge_word("supposedly", 0.85, "passes on a claim while casting doubt on it, without saying why."),
    _hedge_word("ostensibly", 0.85, "suggests the stated reason is not the real one, without showing it."),
    _hedge_word("seemingly", 0.75, "softens the claim: it is how things look, not what is established."),
    _hedge_word("apparently", 0.7, "softens the claim: it is how things look, not what is established."),
    _hedge_word("presumably", 0.7, "presents a guess as if it were the natural assumption."),
    _cue("alleged", r"alleged(?= (?!(?:that|the|an?|he|she|they|it|his|her|their|in|by|to|on|at)\b)[^\W\d_])",
         HEDGE, 0.7, "'{cue}' marks something as claimed but unproven, without saying who claims it."),
    _cue("it_seems", r"it (?:seems|seemed|appears|appeared|would seem|would appear)", HEDGE, 0.7,
         "'{cue}' softens the claim: it is an impression, and the text does not say whose."),
    _cue("it_is_likely", r"it is (?:highly |very |quite |entirely )?(?:likely|possible|probable|conceivable) that",
         HEDGE, 0.6, "'{cue}' presents a guess as a probability without saying what evidence it rests on."),
    _cue("may_have", r"(?:may|might) (?:well )?have", HEDGE, 0.5,
         "'{cue}' raises a possibility without saying it happened; readers may still remember it as fact."),
]


def find_hedges(doc: Document) -> None:
    """Add ``hedge`` and ``vague_attribution`` findings, one per cue phrase, without overlaps."""
    quotes = find_quotations(doc.text)
    for cue, match in _without_overlaps(_all_matches(doc.text)):
        who = match.groupdict().get("who") or "people"
        explanation = cue.why.format(cue=match.group(0), who=who.lower())
        score = cue.score
        quote = innermost(quotes, match.start(), match.end())
        if quote is not None and not is_quoted_heading(doc.text, quote):
            score *= QUOTED_FACTOR
            explanation += " It is in a quotation, so it is the quoted speaker's wording, not the writer's."
        doc.add("findings", Span(match.start(), match.end(), cue.kind, round(score, 2), explanation))


def _all_matches(text: str) -> list[tuple[Cue, re.Match]]:
    return [(cue, match) for cue in CUES for match in cue.pattern.finditer(text)]


def _without_overlaps(found: list[tuple[Cue, re.Match]]) -> list[tuple[Cue, re.Match]]:
    """Keep the earliest, then longest, cue wherever cues overlap ('it is alleged' over 'alleged')."""
    kept: list[tuple[Cue, re.Match]] = []
    for cue, match in sorted(found, key=lambda pair: (pair[1].start(), -pair[1].end())):
        if not kept or match.start() >= kept[-1][1].end():
            kept.append((cue, match))
    return kept
