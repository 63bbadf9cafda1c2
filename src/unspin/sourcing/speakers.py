"""Who says something: speech cues, their subjects, the speaker's name and stated role.

Rules on top of spaCy's parse: a speech verb's subject is the speaker; an entity around
the subject gives the name; an apposition ("William Jones, Washington bureau chief of
...") , an ``of`` phrase ("Joshua Landis of the Center for ...") or the words before the
name ("Russia's Ambassador Vitaly Churkin") give the affiliation. Surnames and pronouns
are mapped back to the full name the text gave earlier.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from spacy.tokens import Doc, Span, Token

from unspin.sourcing.gender import FEMALE, PRONOUN_GENDER, mention_evidence, word_gender

#: Verbs that introduce what someone said or wrote (lemmas).
SPEECH_VERBS = frozenset(
    """say tell add ask note write explain declare state continue conclude claim insist argue warn
    tweet post reply respond answer charge cry decry lament deplore call describe express slam
    criticize criticise accuse praise announce admit acknowledge concede confirm deny reveal testify
    predict promise vow urge complain recall suggest stress emphasize emphasise observe remark comment
    shout scream joke quip agree report allege assert contend maintain reiterate repeat recount
    utter denounce condemn blast thunder muse wonder query demand plead counter retort add
    observe mention point caution signal hail laud proclaim boast brag teach utter appeal speak profess
    define exclaim bark huff snap gush rave opine label dub brand term cite order decree reject dismiss deride
    ridicule mock restate rule threaten specify prescribe recommend protest assure reassure remind""".split()
)

#: Verbs that report a statement in indirect speech ("X said that ...") when they have a clause.
INDIRECT_VERBS = frozenset(
    """say tell claim state report announce insist warn argue add note explain suggest admit
    acknowledge deny confirm reveal write testify predict allege assert contend maintain stress
    believe""".split()
)

PRONOUNS = frozenset({"he", "she", "they", "it"})
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they"}

#: Nouns of speech whose possessor is the speaker ("his 1984 description of Hitler as "a very great
#: man"", "her claim that "..."", "Trump's words").
SPEECH_NOUNS = frozenset(
    """description claim comment remark word statement accusation warning promise assertion insistence
    admission response reply answer plea vow boast quip characterization phrase declaration""".split()
)
_REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself"})
_NOT_SPEAKERS = frozenset({"this", "that", "which", "who", "what", "there", "i", "we", "you", "one"})
MAX_TITLE_WORDS = 3
#: A title abbreviation ("Rev.", "Sgt.") is at most this long, period included.
MAX_ABBREVIATION_CHARS = 5

#: Speech verbs whose object is what was said, never whom it was said to: after a comma and before their
#: "object" and a comma, the object is the inverted subject (", explained the professor, ...").
INVERSION_VERBS = frozenset(
    "say explain add note write continue conclude observe remark insist argue declare state recall".split()
)

#: "in the words of X", "in X's eyes", "in his view": X's words or opinion.
VIEW_NOUNS = frozenset({"words", "eyes", "view", "opinion", "estimation", "judgment", "judgement"})

#: Verbs whose subject spoke just before ("Adachi added", "she continued").
CONTINUING_VERBS = frozenset({"add", "continue"})

#: Verbs that introduce a reply with "back" ("Porterfield shot back:").
_BACK_VERBS = frozenset({"shoot", "hit", "fire", "push"})

#: What one "uses" when quoted words are one's own ('used the term "silent donation"').
_TERM_NOUNS = frozenset({"term", "word", "words", "phrase", "expression", "label", "language"})


#: Verbs that introduce a rule with "down" ("Deuteronomy laid down,").
_DOWN_VERBS = frozenset({"lay", "set"})

#: Verbs that quote a text only when a text is their subject ("it begins", "the letter reads").
TEXT_VERBS = frozenset({"begin", "read", "go", "open"})

#: How many sentences back "it says" looks for the document it means.
DOCUMENT_SENTENCES = 2

#: Names a reverent capital "He" inside a sentence refers to ("God made that clear when He told Adam").
DIVINE_NAMES = frozenset({"God", "Christ", "Jesus", "Lord"})

#: Things that "say" something in a text but are never "he" or "she".
DOCUMENT_NOUNS = frozenset(
    "letter report statement document article story study book paper survey poll note text guidelines "
    "rescript memo tweet post email complaint indictment filing ruling decision law bill editorial column "
    "encyclical exhortation catechism declaration constitution suit lawsuit lesson settlement agreement "
    "treaty verdict motion resolution petition memorandum manifesto charter statute amendment".split()
)
#: Head nouns of groups and institutions: "the group said" is never "he" or "she", nor a person
#: spoken of before.
GROUP_NOUNS = frozenset(
    "group government ministry department office committee agency organisation organization company "
    "party campaign council court army front movement conference church network union administration "
    "commission coalition force forces institute center centre university association team board bureau "
    "embassy authority authorities police military regime website site outlet newspaper channel station "
    "magazine paper media firm school college family side country state city nation".split()
)
#: Determiners that make a description point back to someone already on stage ("the analyst said").
_DEFINITE = frozenset({"the", "this", "that"})
_QUANTIFIERS = frozenset({"no", "any", "every", "each", "neither", "either"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "mr.", "mrs.", "ms.", "dr."})
_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP")
NAME_PARTICLES = frozenset("de da del della der di du la le van von bin ibn al el y dos das ter ten".split())


@dataclass
class Mention:
    """A speaker as the text names them at one place."""

    name: str
    start: int
    end: int
    named: bool
    affiliation: str | None = None
    pronoun: bool = False
    is_org: bool = False
    plural: bool = False
    person: bool = False
    definite: bool = False


def is_speech_verb(token: Token) -> bool:
    """A verb of saying, "wanted to know" or "put it"; not "added his name to"."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if lemma == "add":
        return not any(o.pos_ in ("NOUN", "PROPN") for o in objects)
    if lemma == "put":
        return any(o.lower_ == "it" for o in objects)
    if lemma == "see":  # 'As he sees it, "..."', not "he sees it as a threat"
        marked = any(c.lower_ == "as" and c.dep_ == "mark" for c in token.children)
        return marked and any(o.lower_ == "it" for o in objects)
    if lemma == "refer":  # "referred to Jews as "monkeys and pigs"", not "referred to the report"
        return any(c.lower_ == "as" for c in token.children)
    if lemma in _BACK_VERBS:  # "shot back:", "hit back"
        return any(c.lower_ == "back" for c in token.children)
    if lemma == "quote":  # "To quote Cajetan again:", "Reuters quoted X as saying"; not "Crux quoted him under"
        return _quoted_author(token) is not None or _quoted_as_saying(token) is not None
    if lemma == "use":  # 'used the term "silent donation"'
        return any(o.lemma_.lower() in _TERM_NOUNS for o in objects)
    if lemma in _DOWN_VERBS:  # "Deuteronomy laid down,", "the council set down"
        return any(c.lower_ == "down" and c.dep_ == "prt" for c in token.children)
    if lemma in TEXT_VERBS:  # "it begins", "the letter reads"; not "she began to", "he read the letter"
        subject = subject_of(token)
        is_text = subject is not None and (subject.lower_ == "it" or subject.lemma_.lower() in DOCUMENT_NOUNS)
        return is_text and not objects
    return lemma in SPEECH_VERBS or (lemma == "know" and token.head.lemma_.lower() == "want")


def _quoted_author(verb: Token) -> Token | None:
    """The name after an infinitive "to quote" ("To quote Cajetan again:"): the words are the author's."""
    if verb.lemma_.lower() != "quote" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "PROPN"), None)


def _quoted_as_saying(verb: Token) -> Token | None:
    """The person an outlet "quoted ... as saying" ("Reuters quoted Minister Sigmar Gabriel as saying"):
    the words are that person's, the outlet only reports them."""
    if verb.lemma_.lower() not in ("quote", "cite"):
        return None
    says = any(c.lower_ == "as" and any(is_speech_verb(g) for g in c.children) for c in verb.children)
    return next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("PROPN", "NOUN")), None) if says else None


def speaker_of_noun(noun: Token) -> Token | None:
    """The possessor of a noun of speech ("his description", "Ferrara's claim"), if any."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in SPEECH_NOUNS:
        return None
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, borrowed from the verb it hangs on for "went on to slam", "adding".

    The passive subject of the speech verb itself is the one spoken about ("X had been
    accused of ..."), not the speaker; one borrowed from above may speak ("was overheard saying").
    """
    if verb.dep_ == "parataxis":  # '"...," writes Royal, "..."': the name after a parenthetical verb speaks
        # not LifeSiteNews in "X told LifeSiteNews", but Royal in "Francis, writes Royal,"
        inverted = verb.doc[verb.i - 1].text == "," or not any(c.dep_ == "nsubj" for c in verb.children)
        for child in verb.children:
            if child.pos_ == "PROPN" and child.left_edge.i == verb.i + 1 and (child.dep_ == "nsubj" or inverted):
                return child
    quoted = _quoted_author(verb) or _inverted_object(verb)
    if quoted is not None:
        return quoted
    for depth in range(4):
        quoted = _quoted_as_saying(verb)
        if quoted is not None:  # "Reuters quoted Sigmar Gabriel as saying"
            return quoted
        subjects = [
            c
            for c in verb.children
            if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and depth > 0) or (c.dep_ == "dep" and name_after_title(c))
        ]
        if subjects:  # the nearest: '"Most Holy Father," it begins' makes both subjects
            child = min(subjects, key=lambda c: abs(c.i - verb.i))
            if child.lower_ in ("who", "that", "which", *_REFLEXIVES) and verb.dep_ == "relcl":  # "Trump, who spoke"
                return _person_above(verb.head)
            return child
        for child in verb.children:
            if child.dep_ == "agent" and not _reported_in(verb):
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "dep") and verb.head is not verb:
            verb = _main_clause_verb(verb) or verb.head
            if verb.pos_ == "ADP" and verb.head is not verb:  # "defended X by claiming that ..."
                verb = verb.head
            continue
        return None
    return None


def _main_clause_verb(participle: Token) -> Token | None:
    """The verb a participle set off by a comma belongs to when the parser hung it on a relative clause:
    "Benedict warned against the kind of "accommodation" Faggioli is calling for, writing that ..." is
    Benedict writing."""
    doc = participle.doc
    if participle.tag_ != "VBG" or participle.dep_ != "advcl" or participle.head.dep_ != "relcl":
        return None
    if participle.i == 0 or doc[participle.i - 1].text != ",":
        return None
    return next((a for a in participle.head.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _inverted_object(verb: Token) -> Token | None:
    """The subject after a parenthetical speech verb that the parser took for its object: ", explained the
    Italian professor and theologian, ..." (a verb with no subject between commas)."""
    doc = verb.doc
    if verb.lemma_.lower() not in INVERSION_VERBS or verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.left_edge.i == verb.i + 1), None)
    after = doc[obj.right_edge.i + 1] if obj is not None and obj.right_edge.i + 1 < len(doc) else None
    return obj if after is not None and after.text == "," and obj.pos_ in ("NOUN", "PROPN") else None


def _reported_in(verb: Token) -> bool:
    """ "remarks after his address, reported by the newspaper Die Tagespost": a participle that names
    where words were reported, whose agent is the outlet, not the speaker."""
    return verb.lemma_.lower() == "report" and verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "advcl")


def _person_above(token: Token) -> Token:
    """The person a relative clause's noun belongs to: "Joseph Shaw, the spokesman for the Filial
    Correction, who wrote" attaches "who" to "Correction"; the writer is Shaw."""
    node = token
    for _ in range(6):
        if node.ent_type_ == "PERSON":
            return node
        named = _named_as(node)
        if named is not None:  # "Sadikov is the student politician who told", "remember Sadikov as the ... who"
            return named
        if node.dep_ == "appos" and node.pos_ == "NOUN" and node.head.pos_ == "PROPN":
            return node.head  # "Mouqawamah Music, a site that openly calls for"
        if node.dep_ not in ("appos", "conj", "pobj", "prep", "compound") or node.head is node:
            break
        node = node.head
    return token


def _named_as(description: Token) -> Token | None:
    """The name a description is predicated of: "Sadikov is the student politician", "remember Sadikov as
    the student politician"."""
    if description.dep_ == "attr":
        return next((c for c in description.head.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
    if description.dep_ == "pobj" and description.head.lower_ == "as":
        verb = description.head.head
        return next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "PROPN"), None)
    return None


def according_to(token: Token) -> Token | None:
    """The object of "according to" when ``token`` is its "according", of "in the words of X" or the
    owner of "in X's eyes"."""
    if token.lower_ in VIEW_NOUNS and token.head.lower_ == "in":  # "in the words of X", "in Müller's eyes"
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        of = (g for c in token.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj")
        return owner or next(of, None)
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def name_after_title(token: Token) -> Token | None:
    """The name that PTC's line splitting cut off after a title ("said the Rev." / "David W. Dockery, ...")."""
    doc, i = token.doc, token.i
    word = token.text[:-1] if token.text.endswith(".") else token.text
    if token.text == word:  # "Sgt" "." as two tokens
        if i + 1 >= len(doc) or doc[i + 1].text != ".":
            return None
        i += 1
    if not (word.isalpha() and word[:1].isupper() and len(word) < MAX_ABBREVIATION_CHARS):
        return None
    following = doc[i + 1 : i + 3]
    if "\n" not in doc[i].whitespace_ and not any(t.is_space and "\n" in t.text for t in following):
        return None
    name = next((t for t in following if not t.is_space), None)
    return name if name is not None and name.ent_type_ == "PERSON" and name.ent_iob_ == "B" else None


def mention(head: Token) -> Mention | None:
    """The speaker named by a subject token, or None for "it", "this", "we"..."""
    broken = name_after_title(head)
    if broken is not None:
        head = _entity_of(broken).root
    lower = head.lower_
    group = [g for c in head.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if lower == "one" and group and group[0].tag_ == "NNS" and group[0].lower_ not in ("times", "ways"):
        span = head.doc[head.i : group[0].i + 1]  # "One of Awan's lawyers told"
        return Mention(_clean(span.text), span.start_char, span.end_char, named=False)
    if lower in _NOT_SPEAKERS or head.pos_ in ("NUM", "PUNCT", "SYM", "DET"):
        return None
    if lower in PRONOUNS or head.pos_ == "PRON" or lower in _POSSESSIVE_PRONOUNS:
        named = next((c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
        if named is not None:  # "what he, Müller, himself told the pope"
            return mention(named)
        lower = _POSSESSIVE_PRONOUNS.get(lower, lower)  # "his claim": he
        if lower not in PRONOUNS:
            return None
        return Mention(lower, head.idx, head.idx + len(head), named=False, pronoun=True)
    doc = head.doc
    if any(c.lower_ == "whose" for c in head.children):  # "Farrakhan, whose name, the ADL wrote, is"
        named = next((c for c in head.children if c.dep_ == "conj" and c.pos_ == "PROPN"), None)
        return mention(named) if named is not None else None
    person = next((c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    titled = head.pos_ == "NOUN" or (head.pos_ == "PROPN" and not head.ent_type_)  # "The President of AMANA, X"
    if person is None and titled and head.lower_ not in DOCUMENT_NOUNS | GROUP_NOUNS:
        person = _name_set_off(head) or _name_after_coordinated_role(head)
    if person is not None and head.ent_type_ != "PERSON":  # "that most American of writers, Thomas Wolfe, put it"
        return mention(person)
    entity = _entity_of(head)
    if entity is not None:
        tokens = [t for t in entity if t.lower_ not in ("the",) and t.lower_ not in HONORIFICS and t.pos_ != "PART"]
        tokens = tokens or list(entity)
        span = doc[tokens[0].i : tokens[-1].i + 1]
        return Mention(
            _clean(span.text),
            span.start_char,
            span.end_char,
            named=True,
            affiliation=affiliation(span),
            is_org=entity.label_ != "PERSON" and not _has_role(entity),
            person=entity.label_ == "PERSON" or _has_role(entity),
        )
    if head.pos_ == "PROPN":
        span = _proper_name(head)
        return Mention(_clean(span.text), span.start_char, span.end_char, named=True, affiliation=affiliation(span))
    if any(c.dep_ == "det" and c.lower_ in _QUANTIFIERS for c in head.children):  # "no refugee wants ..."
        return None
    span = _noun_phrase(head)
    named = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if named is not None:  # "the photographer, Askia Muhammad, told ..."
        found = mention(named)
        if found is not None:
            found.affiliation = found.affiliation or _clean(span.text)
            return found
    return Mention(
        _clean(span.text),
        span.start_char,
        span.end_char,
        named=False,
        plural=head.tag_ in ("NNS", "NNPS"),
        definite=_describes_someone_on_stage(head),
    )


def _name_set_off(head: Token) -> Token | None:
    """The person named between commas after a description and its phrase ("The chairman of the
    House Intelligence Committee, Devin Nunes, said"), however the parser attached the name."""
    for token in head.subtree:
        if token.i > head.i and token.ent_type_ == "PERSON" and token.ent_iob_ == "B":
            entity = _entity_of(token)
            if entity is not None and head.doc[entity.start - 1].text == ",":
                return entity.root
    return None


def _name_after_coordinated_role(head: Token) -> Token | None:
    """The name closing a coordinated role: ""...," noted SAF founder and Executive Vice President Alan M.
    Gottlieb" is one person with two roles (a title must stand before the name: "the teacher and John
    Smith" are two people)."""
    for child in head.children:
        entity = _entity_of(child) if child.dep_ == "conj" and child.ent_type_ == "PERSON" else None
        if entity is None:
            continue
        between = head.doc[head.i + 1 : entity.start]
        titles = [t for t in between if t.dep_ != "cc"]
        coordinated = any(t.dep_ == "cc" for t in between)
        if coordinated and titles and all(t.is_title and t.pos_ in ("PROPN", "NOUN") for t in titles):
            return entity.root
    return None


def _describes_someone_on_stage(head: Token) -> bool:
    """ "the tough-talking politician", "the analyst": a definite description of one person, which
    news style uses for someone already named; not "the cardinal's office", "the group", "the letter"."""
    children = list(head.children)
    return (
        head.tag_ == "NN"
        and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in children)
        and not any(c.dep_ in ("poss", "prep", "compound", "relcl", "acl") for c in children)
        and head.lower_ not in DOCUMENT_NOUNS | GROUP_NOUNS
    )


def _entity_of(token: Token) -> Span | None:
    """The name entity around ``token``, read from its IOB tags (``doc.ents`` rebuilds every span per call)."""
    if token.ent_type_ not in _NAME_LABELS:
        return None
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I" and doc[start - 1].text != ",":  # not "Eizenkot, Zakkout"
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].text != ",":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def _proper_name(head: Token) -> Span:
    """The head with the proper nouns joined to it ("Vitaly Churkin" from "Churkin")."""
    start = head.i
    while start > 0 and head.doc[start - 1].pos_ == "PROPN" and head.doc[start - 1].head.i in range(start, head.i + 1):
        if head.doc[start - 1].lower_ in HONORIFICS:
            break
        start -= 1
    return head.doc[start : head.i + 1]


def _noun_phrase(head: Token) -> Span:
    """Determiners, modifiers and compounds left of the head ("a government spokesman")."""
    left = [c for c in head.lefts if c.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "case")]
    start = min([head.i] + [c.left_edge.i for c in left])
    return head.doc[start : head.i + 1]


def affiliation(name: Span) -> str | None:
    """The role or organisation the text gives beside a name, if any."""
    head = name.root
    for child in head.children:
        if child.dep_ == "appos" and child.i >= name.end and _entity_label(child) != "PERSON" and not _acronym(child):
            return _clean(head.doc[child.left_edge.i : child.right_edge.i + 1].text)
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "at", "from", "with") and child.i >= name.end:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and (objects[0].pos_ == "PROPN" or _entity_label(objects[0]) in ("ORG", "GPE", "NORP")):
                return _clean(head.doc[objects[0].left_edge.i : child.right_edge.i + 1].text)
    before = [t for t in head.doc[head.left_edge.i : name.start] if t.dep_ != "det" and t.lower_ not in HONORIFICS]
    before = [t for t in before if not t.is_punct or t.text in "'’"]
    if before and any(t.pos_ in ("PROPN", "NOUN", "ADJ") for t in before):
        return _clean(head.doc[before[0].i : name.start].text)
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":
        role = head.head
        return _clean(head.doc[role.left_edge.i : role.i + 1].text)
    return None


def _title_before(name: Span) -> tuple[str, ...]:
    """Title words right before a name: "Prime Minister" in "Hungarian Prime Minister Viktor Orban"."""
    words = []
    i = name.start - 1
    while i >= 0 and len(words) < MAX_TITLE_WORDS:
        token = name.doc[i]
        if not (token.is_title or token.is_upper) or token.pos_ not in ("PROPN", "NOUN", "ADJ") or token.ent_type_ == "PERSON":
            break
        words.append(token.lower_.rstrip("."))
        i -= 1
    return tuple(reversed(words))


def _names_a_text(entity: Span) -> bool:
    """A name the text gives a document ("the pope's exhortation, Amoris Laetitia", "the encyclical
    Veritatis Splendor"): a work, never "he" or "she", whatever NER called it."""
    root, before = entity.root, entity.doc[entity.start - 1] if entity.start else None
    return (root.dep_ == "appos" and root.head.lemma_.lower() in DOCUMENT_NOUNS) or (
        before is not None and before.pos_ == "NOUN" and before.lemma_.lower() in DOCUMENT_NOUNS
    )


def _has_role(entity: Span) -> bool:
    """A proper name with a role in apposition ("Gregory Copley, editor of ...") names a person, whatever NER said."""
    return all(t.pos_ == "PROPN" for t in entity) and any(
        c.dep_ == "appos" and c.i >= entity.end and (c.pos_ == "NOUN" or any(d.dep_ == "det" for d in c.children))
        for c in entity.root.children
    )


def _plausible_name(span: Span) -> bool:
    """Every word of a name is capitalised but particles ("Juan de la Cruz", "Osama bin Laden")."""
    return all(t.text[:1].isupper() or t.lower_ in NAME_PARTICLES or not t.is_alpha for t in span)


def _acronym(token: Token) -> bool:
    """ "(FSA)" after "Free Syrian Army" repeats the name; it is no role."""
    return token.is_upper and token.left_edge.i == token.right_edge.i


def _is_acronym(name: str) -> bool:
    return name.isalpha() and name.isupper() and 2 <= len(name) <= 4


def _entity_label(token: Token) -> str | None:
    entity = _entity_of(token)
    return entity.label_ if entity is not None else None


def _clean(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:-\u2014\u2013")
    for prefix in ("the ", "The "):
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
            break
    return text


def _last_word(name: str) -> str | None:
    key = name_key(name)
    return key[-1] if key else None


@lru_cache(maxsize=4096)
def name_key(name: str) -> tuple[str, ...]:
    """Lower-case ASCII words of a name without honorifics, for comparing names."""
    folded = unicodedata.normalize("NFKD", name.replace("\u2019", "'")).encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in folded.replace("'s", " ")).split()
    return tuple(w for w in words if w not in HONORIFICS and w not in ("the", "a", "an"))


class Registry:
    """Full names and roles the text gave, for resolving "Landis", "the Pope" and "he" later on."""

    def __init__(self, doc: Doc, quoted: Callable[[int], bool]) -> None:
        self.people: list[tuple[int, str, str | None]] = []  # (char offset, name, affiliation)
        self.persons: set[tuple[str, ...]] = set()  # name keys of people (not outlets or agencies)
        self.speakers: list[tuple[int, str, bool]] = []  # (offset, who, named): one person who spoke, for "he said"
        self.groups: list[tuple[int, str]] = []  # unnamed groups who spoke ("the authors"), for "they said"
        self.sources: list[tuple[int, str]] = []  # unnamed sources and texts that spoke ("the letter asks")
        self.introduced: list[tuple[int, str, bool]] = []  # (offset, name, is subject): people taking the stage
        self.titled: list[tuple[int, tuple[str, ...], str]] = []  # ("prime", "minister") -> "Viktor Orban"
        self.adding = [  # people who "added" or "continued" (whatever NER called them): they spoke just before
            (t.idx, _clean(_proper_name(t).text))
            for t in doc
            if t.dep_ == "nsubj"
            and t.pos_ == "PROPN"
            and t.head.lemma_.lower() in CONTINUING_VERBS
            and not quoted(t.idx)
        ]
        self._gender_votes: dict[str, Counter] = {}  # last name -> evidence for "he" or "she"
        self._sentence_starts = [s.start_char for s in doc.sents]
        self._pronoun_subjects = {  # sentence -> "he"/"she" as its main subject: the topic goes on there
            self._sentence_of(t.idx): PRONOUN_GENDER[t.lower_]
            for t in doc
            if t.lower_ in ("he", "she") and t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and not quoted(t.idx)
        }
        self.divine = [(t.idx, t.text) for t in doc if t.text in DIVINE_NAMES and not quoted(t.idx)]
        self.reverent = {  # "when He told Adam": a capital He after a word is God's (not '..., "Church," He added')
            t.idx
            for t in doc
            if t.text in ("He", "His", "Him") and t.i != t.sent.start and doc[t.i - 1].is_alpha and not quoted(t.idx)
        }
        self.documents = [  # (offset, phrase): texts the article talks about, for "it says"
            (t.idx, _clean(_noun_phrase(t).text))
            for t in doc
            if t.pos_ == "NOUN" and t.lemma_.lower() in DOCUMENT_NOUNS and not quoted(t.idx)
        ]
        surnames = {name_key(e.text)[-1] for e in doc.ents if e.label_ == "PERSON" and len(name_key(e.text)) > 1}
        self.works = {name_key(e.text) for e in doc.ents if _names_a_text(e)}  # "the exhortation, Amoris Laetitia"
        for entity in doc.ents:
            if name_key(entity.text) in self.works:
                continue
            # NER often calls a lone surname an organisation ("Weinandy sent the letter"): the surname decides.
            if entity.label_ == "PERSON" or _has_role(entity) or _last_word(entity.text) in surnames:
                tokens = [t for t in entity if t.lower_ not in HONORIFICS and t.pos_ != "PART"]
                if not tokens:
                    continue
                span = doc[tokens[0].i : tokens[-1].i + 1]
                if not _plausible_name(span):  # NER's "Disapproval for Kavanaugh"
                    continue
                name = _clean(span.text)
                self.people.append((span.start_char, name, affiliation(span)))
                self.persons.add(name_key(name))
                if not quoted(span.start_char) and name_key(name):
                    votes = self._gender_votes.setdefault(name_key(name)[-1], Counter())
                    votes.update(mention_evidence(entity, quoted))
                title = _title_before(span)
                if title:
                    self.titled.append((span.start_char, title, name))
                if quoted(span.start_char) or entity.root.dep_ == "poss" or any(t.tag_ == "POS" for t in entity):
                    continue
                root = entity.root  # "The photographer, Askia Muhammad, told": the name in apposition too
                subject = root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "appos" and root.head.dep_ == "nsubj")
                if len(span) > 1 or subject:  # a full name, or "Weinandy sent the letter" (resolved below)
                    self.introduced.append((span.start_char, name, subject))

    def full_name(self, name: str, before: int, *, titles: bool = True) -> str:
        """The longest earlier (else any) name that ends with ``name``'s last word, or with ``titles``
        the person a title names ("Pope" -> "Pope Francis"; not for "the US", an entity of its own)."""
        key = name_key(name)
        if not key:
            return name
        matches = [
            (pos, full)
            for pos, full, _ in self.people
            if name_key(full) and name_key(full)[-1] == key[-1] and len(name_key(full)) > len(key)
        ]
        if not matches:
            return (self.by_title(name, before) if titles and len(key) == 1 else None) or name
        earlier = [m for m in matches if m[0] < before] or matches
        return self._likeliest(earlier, before)

    def by_title(self, phrase: str, before: int) -> str | None:
        """The person the text named with this title ("the Pope" -> "Pope Francis", "the prime minister")."""
        key = name_key(phrase)
        if not 1 <= len(key) <= MAX_TITLE_WORDS:
            return None
        if _is_acronym(phrase):  # "the IG" for "DOJ Inspector General Michael Horowitz"; "US" is no title
            initials = key[0]
            matches = [
                (pos, full)
                for pos, title, full in self.titled
                if len(title) >= len(initials) and "".join(w[0] for w in title[-len(initials) :]) == initials
            ]
        else:
            matches = [(pos, full) for pos, full, _ in self.people if set(key) <= set(name_key(full)[:-1])]
            matches += [(pos, full) for pos, title, full in self.titled if set(key) <= set(title)]
        earlier = [m for m in matches if m[0] < before] or matches
        return self._likeliest(earlier, before) if earlier else None

    def _likeliest(self, matches: list[tuple[int, str]], before: int) -> str:
        """The candidate the text names most often (by last name), then the longest name, then the first introduced."""
        mentions: dict[str, int] = {}
        for _, name, _ in self.people:
            last = name_key(name)[-1:]
            if last:
                mentions[last[0]] = mentions.get(last[0], 0) + 1
        counts = {name_key(full): mentions.get(name_key(full)[-1], 0) if name_key(full) else 0 for _, full in matches}
        best = max(matches, key=lambda m: (counts[name_key(m[1])], len(name_key(m[1])), -m[0]))
        return best[1]

    def person_opening(self, words: tuple[str, ...], after: int, within: int) -> str | None:
        """The person the text names after ``after`` whose name starts within the first ``within``
        of ``words``: a title-case headline fools NER ("Hungary PM Viktor Orban Vows" as an ORG)."""
        found = []
        for pos, name, _ in self.people:
            key = name_key(name)
            if pos < after or len(key) < 2 or key not in self.persons:
                continue
            for i in range(min(within, len(words))):
                if words[i : i + len(key)] == key or words[i] == key[-1]:  # "Viktor Orban", or "Farrakhan Says"
                    found.append((i, -len(key), name))
        return min(found)[2] if found else None

    def names_between(self, start: int, end: int) -> bool:
        return any(start <= p < end for p, _, _ in self.people)

    def affiliation_of(self, full_name: str) -> str | None:
        key = name_key(full_name)
        for _, name, role in self.people:
            if role and key and name_key(name) and name_key(name)[-1] == key[-1]:
                return role
        return None

    def resolve(self, found: Mention) -> str:
        """The full name a named mention stands for ("Landis" -> "Joshua Landis"), without remembering it."""
        return self.full_name(found.name, found.start, titles=not found.is_org or _is_acronym(found.name))

    def note_speaker(self, found: Mention) -> str:
        """Remember a named speaker; returns the full name. "He said" later refers back to the latest one."""
        name = self.resolve(found)
        if name_key(name) in self.works:  # a work the text named, whatever NER said, is no "he"
            return name
        if found.person:
            self.persons.add(name_key(name))
        if name_key(name) in self.persons:
            self.speakers.append((found.start, name, True))
        self.people.append((found.start, found.name, found.affiliation))
        return name

    def note_unnamed_speaker(self, found: Mention) -> None:
        """Remember "a government spokesman said" ("He added" means him) or "the authors say" ("they");
        "she said" keeps the woman it refers to on stage as the latest speaker."""
        if found.pronoun:
            gender = PRONOUN_GENDER.get(found.name.lower())
            referent = self.referent(found.start, gender) if gender else None
            if referent is not None:
                self.speakers.append((found.start, *referent))
            return
        self.sources.append((found.start, found.name))
        titled = None if found.plural else self.described(found)
        if titled:  # "the prime minister noted" -> Viktor Orban
            self.speakers.append((found.start, titled, True))
            return
        if found.plural:
            self.groups.append((found.start, found.name))
        elif name_key(found.name)[-1:] and name_key(found.name)[-1] not in DOCUMENT_NOUNS | GROUP_NOUNS:
            self.speakers.append((found.start, found.name, False))  # "the letter", "the group" are no "he"

    def described(self, found: Mention) -> str | None:
        """The named person a title ("the prime minister") or a definite description ("the
        tough-talking politician", "the analyst") stands for: the person on stage at that point."""
        titled = self.by_title(found.name, found.start)
        if titled:
            return titled
        if found.name.lower().startswith(("a ", "an ")) and not found.plural:
            return self._named_next(found.start)
        role = None if found.plural else self.by_role(found.name, found.start)
        if role:
            return role
        if not found.definite:
            return None
        added = self._adding_next(found.start)
        if added:
            return added
        gender = self.gender_of(found.name)  # "the widow" is someone the text made a "she"
        referent = self.referent(found.start, gender)
        if referent and gender and self.gender_of(referent[0]) != gender:
            return None
        return referent[0] if referent and referent[1] else None

    def by_role(self, phrase: str, before: int) -> str | None:
        """The latest person the text gave a role with all of ``phrase``'s words ("the pastoral assistant"
        for "Irmgard Lehner, the pastoral assistant of the Wels church")."""
        key = set(name_key(phrase))
        matches = [
            (pos, name)
            for pos, name, role in self.people
            if role and pos < before and key and key <= set(name_key(role))
        ]
        return self.full_name(max(matches)[1], before) if matches else None

    def _adding_next(self, pos: int) -> str | None:
        """A person named for the first time in the next sentence as going on speaking ("The public
        defender ... saying ... Adachi added, ...") is the one the description meant."""
        following = self._sentence_of(pos) + 1
        for p, name in self.adding:
            if self._sentence_of(p) == following:
                earlier = any(q < pos and name_key(n)[-1:] == name_key(name)[-1:] for q, n, _ in self.people)
                return None if earlier else name
        return None

    def _named_next(self, pos: int) -> str | None:
        """The person the next sentence introduces as its subject: "A journalist announced ... The
        photographer, Askia Muhammad, told ..." (a newcomer named right after the description)."""
        following = self._sentence_of(pos) + 1
        return next((n for p, n, subject in self.introduced if subject and self._sentence_of(p) == following), None)

    def group_referent(self, pos: int) -> tuple[str, bool] | None:
        """Whom "they" at ``pos`` means: the latest group that spoke ("the authors"), or the latest
        named speaker when they spoke since ("Fastiggi and Goldstein contend. They declare ...")."""
        group = max(((p, name) for p, name in self.groups if p < pos), default=None)
        named = max(((p, name) for p, name, is_named in self.speakers if is_named and p < pos), default=None)
        if named and (group is None or named[0] > group[0]):
            return named[1], True
        return (group[1], False) if group else None

    def referent(self, pos: int, gender: str | None = None) -> tuple[str, bool] | None:
        """Whom "he"/"she" (``gender``) at ``pos`` means, and whether named: the latest person of that
        gender who spoke, unless such a person introduced by full name in a later sentence took the
        stage since. A person introduced as an object in a sentence whose subject is "he" leaves the
        stage to that "he" ("He began by attacking Barack Obama. He asked ...")."""
        sentence = self._sentence_of(pos)
        speaker = max(
            ((p, n, named) for p, n, named in self.speakers if p < pos and self._fits(n, gender)), default=None
        )
        people = [
            (p, n)
            for p, n, subject in self.introduced
            if p < pos
            and (subject or self._sentence_of(p) < sentence)  # "In an interview with X, he said": not X
            and (subject or not self._topic_goes_on(self._sentence_of(p), gender))
            and self._fits(n, gender)
        ]
        person = max(people, default=None)
        # "She said": the woman who spoke, not "Georgetown Prep" named since. Only for "she": most people
        # the news names without a clue to their gender are men, so "he" may well be the newcomer.
        if gender == FEMALE and speaker and person and self.gender_of(speaker[1]) == FEMALE:
            person = person if self.gender_of(person[1]) else None
        if person and (speaker is None or self._sentence_of(person[0]) > self._sentence_of(speaker[0])):
            full = self.full_name(person[1], pos)
            # a lone surname only as the subject of the pronoun's own sentence ("Trump quoted ... as he urged")
            if len(name_key(full)) > 1 or self._sentence_of(person[0]) == sentence:
                return full, True
        return (speaker[1], speaker[2]) if speaker else None

    def gender_of(self, name: str) -> str | None:
        """"m", "f" or None: from what the text says around the person's name, else from a title or
        role noun in the name itself ("Pope Francis", "the elderly widow")."""
        key = name_key(name)
        votes = self._gender_votes.get(key[-1]) if key else None
        if votes:
            ranked = votes.most_common(2)
            if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
                return ranked[0][0]
        return next((g for g in map(word_gender, key) if g), None)

    def _topic_goes_on(self, sentence: int, gender: str | None) -> bool:
        """Whether the sentence's main subject is "he" or "she" (of ``gender``, when known)."""
        pronoun = self._pronoun_subjects.get(sentence)
        return pronoun is not None and gender in (None, pronoun)

    def _fits(self, name: str, gender: str | None) -> bool:
        return gender is None or self.gender_of(name) in (None, gender)

    def speaker_since(self, since: int, pos: int) -> tuple[str, bool] | None:
        """Who spoke last between ``since`` and ``pos`` (a named person, or an unnamed source or text:
        "The letter ... asks ..."), and whether named, unless another person took the stage in a later
        sentence: whom an unattributed quote paragraph there continues."""
        candidates = [(p, n, True) for p, n, named in self.speakers if named]
        candidates += [(p, n, False) for p, n in self.sources]
        speaker = max(((p, n, named) for p, n, named in candidates if since <= p < pos), default=None)
        if speaker is None:
            return None
        sentence = self._sentence_of(speaker[0])
        others = [n for p, n, _ in self.introduced if speaker[0] < p < pos and self._sentence_of(p) > sentence]
        if any(name_key(n)[-1:] != name_key(speaker[1])[-1:] for n in others):
            return None
        return speaker[1], speaker[2]

    def divine_referent(self, pos: int) -> tuple[str, bool] | None:
        """Whom a reverent capital "He" at ``pos`` means: the latest of God, Christ, Jesus, the Lord named before."""
        if pos not in self.reverent:
            return None
        latest = max(((p, name) for p, name in self.divine if p < pos), default=None)
        return (latest[1], True) if latest else None

    def document_referent(self, pos: int) -> tuple[str, bool] | None:
        """Which text "it says" at ``pos`` means: the latest one named in the last few sentences."""
        latest = max(((p, phrase) for p, phrase in self.documents if p < pos), default=None)
        if latest is None or self._sentence_of(pos) - self._sentence_of(latest[0]) > DOCUMENT_SENTENCES:
            return None
        return latest[1], False

    def _sentence_of(self, pos: int) -> int:
        return bisect.bisect_right(self._sentence_starts, pos)


#: Words a speaker's name may carry or lack and still be the same speaker.
_TITLES = frozenset(
    "president pope cardinal bishop archbishop rep sen senator prime minister pm secretary ambassador "
    "st saint dr mr mrs ms governor".split()
)


def same_speaker(predicted: str, gold: list[str]) -> bool:
    """Names match when one's words (without titles) are contained in the other's ("Trump" ~ "Donald Trump")."""
    words = set(name_key(predicted)) - _TITLES
    for name in gold:
        other = set(name_key(name)) - _TITLES
        if words and other and (words <= other or other <= words):
            return True
    return False
