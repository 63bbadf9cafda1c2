"""Whether the text makes a person a "he" or a "she", so that "she said" skips the men on stage.

Only the article's own evidence counts, no list of first names: a title before the name
("Mr.", "Sister", "Cardinal"), a role noun beside it ("spokeswoman", "the widow"), and the
pronoun that takes up a person who is the main subject of a sentence ("Yore ... She said").
"""

from __future__ import annotations

from typing import Callable

from spacy.tokens import Span, Token

MALE, FEMALE = "m", "f"

PRONOUN_GENDER = {
    "he": MALE, "him": MALE, "his": MALE, "himself": MALE,
    "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE,
}  # fmt: skip

_MALE_WORDS = frozenset(
    """mr mr. sir lord father fr fr. pope cardinal bishop archbishop monsignor msgr msgr. brother king prince
    imam rabbi sheikh man boy husband son widower spokesman chairman congressman businessman councilman
    actor priest monk grandfather uncle nephew boyfriend gentleman""".split()
)
_FEMALE_WORDS = frozenset(
    """mrs mrs. ms ms. miss madam sister sr sr. mother queen princess lady dame woman girl wife daughter
    widow spokeswoman chairwoman congresswoman businesswoman councilwoman actress nun grandmother aunt
    niece girlfriend""".split()
)

#: Roles in which a pronoun after the subject takes the subject up ("Trump defended his ...");
#: an object pronoun names someone else ("Trump praised her").
_TAKING_UP = frozenset({"nsubj", "nsubjpass", "poss"})

#: A title counts more than a pronoun, which may be misread.
TITLE_WEIGHT = 2


def word_gender(word: str) -> str | None:
    """The gender a title or role noun gives ("Sister", "spokeswoman"), if any."""
    lower = word.lower()
    if lower in _MALE_WORDS:
        return MALE
    if lower in _FEMALE_WORDS:
        return FEMALE
    return None


def mention_evidence(entity: Span, quoted: Callable[[int], bool]) -> list[str]:
    """Genders one mention of a person gives: titles and role nouns around the name, and the
    pronoun that takes the person up when they are the main subject of their sentence."""
    doc = entity.doc
    votes: list[str] = []
    titles = [t for t in doc[max(entity.sent.start, entity.start - 2) : entity.start]] + [entity[0]]
    titles += [c for c in entity.root.children if c.dep_ == "appos"]
    if entity.root.dep_ == "appos":
        titles.append(entity.root.head)
    for token in titles:
        gender = word_gender(token.text)
        if gender:
            votes += [gender] * TITLE_WEIGHT
    root = entity.root
    if root.dep_ == "nsubj" and root.head.dep_ == "ROOT":
        pronoun = _next_pronoun(root.head, entity, quoted)
        if pronoun is not None:
            votes.append(PRONOUN_GENDER[pronoun.lower_])
    return votes


def _next_pronoun(verb: Token, entity: Span, quoted: Callable[[int], bool]) -> Token | None:
    """The first he/she after the subject in its sentence, with no other person named between;
    else the he/she that is the next sentence's subject."""
    doc = verb.doc
    sentence = verb.sent
    for token in doc[entity.end : sentence.end]:
        if token.ent_type_ == "PERSON" or token.pos_ == "PROPN":  # "Geller praised Orban for his honesty"
            return None
        if token.lower_ in PRONOUN_GENDER and token.dep_ in _TAKING_UP and not quoted(token.idx):
            return token
    if sentence.end >= len(doc):
        return None
    following = doc[sentence.end].sent
    subjects = [t for t in following if t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and not quoted(t.idx)]
    if subjects and subjects[0].lower_ in ("he", "she"):
        return subjects[0]
    return None
