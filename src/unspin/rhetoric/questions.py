"""Loaded and rhetorical questions: questions that insinuate or argue instead of asking.

A question fires when it has a leading form ("Is it a coincidence that...?", "Who is X working
for?", "Isn't it...?", "Why would...?", "Coincidence: ...?") or when it is a headline or subheading,
where a question hints at a claim the article need not back up (a subheading counts when it is a
whole line in quotes, as republished RT pieces do). Ordinary questions in the body do not fire, even
when they stand alone on a line: in wire copy, one-sentence paragraphs are normal. A question
inside a direct quotation is the speaker's: it keeps half its score and says so.
"""

from __future__ import annotations

import re

from unspin.document import Document, Span
from unspin.rhetoric.quoting import Quoted, find_quotations, innermost, is_quoted_heading
from unspin.rhetoric.text import Cue, line_bounds, sentence_start

LOADED = "loaded_question"
RHETORICAL = "rhetorical_question"
#: Score of a headline or subheading question with no leading form.
TITLE_SCORE = 0.55
HEADING_SCORE = 0.45
#: A question in someone else's words keeps this share of its score.
QUOTED_FACTOR = 0.5

_QUESTION_MARK = re.compile(r"\?+[!?]*(?=[\s\"'\u201d\u2019\u00bb)\]]|$)")
_LEADING_JUNK = "\"'\u201c\u2018\u00ab([\u2014\u2013-"
_INTERROGATIVE = re.compile(
    r"(?i)(?:who|whom|whose|what|which|why|how|when|where|"
    r"is|are|was|were|do|does|did|can|could|will|would|should|has|have)\b"
)
_NEGATIVE_AUX = r"is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|must|wo|ca"


def _cue(name: str, pattern: str, kind: str, score: float, why: str, headline_only: bool = False) -> Cue:
    return Cue(name, re.compile(pattern), kind, score, why, headline_only)


#: Headline labels that announce a format, not an insinuation ("Poll: ...?", "Q: ...?").
_FORMAT_LABELS = r"q|question|questions|poll|quiz|faq|update|video|watch|live|interview|analysis|opinion|explainer"


CUES = [
    _cue("label_colon", rf"^(?!(?i:{_FORMAT_LABELS})\b)[A-Z][\w'\u2019-]*(?: [\w'\u2019-]+)?(?=:\s+\S)",
         LOADED, 0.85,
         "'{cue}:' labels the story and then asks a question: it insinuates the claim without stating it, "
         "so it never has to be backed up.", headline_only=True),
    _cue("coincidence", r"(?i)\b(?:a |just a |mere |pure )?coinciden(?:ce|tal)\b", LOADED, 0.9,
         "asking about '{cue}' hints that the events are connected, without showing that they are."),
    _cue("working_for", r"(?i)\bwho (?:is|are|was|were) .{1,60}?\b(?:really )?working for\b", LOADED, 0.9,
         "asking '{cue}' insinuates that someone secretly serves another master, without evidence."),
    _cue("who_benefits", r"(?i)\b(?:who benefits|cui bono)\b", LOADED, 0.85,
         "asking '{cue}' hints that whoever gains must be behind it."),
    _cue("hiding", r"(?i)\bwhat (?:is|are|was|were|has|have) .{1,60}?\b(?:hiding|afraid of|covering up)\b",
         LOADED, 0.85, "asking '{cue}' presumes that something is being hidden."),
    _cue("could_it_be", r"(?i)^(?:could|can|might) it (?:really |just |possibly )?be\b", LOADED, 0.7,
         "a question opening with '{cue}' floats a suspicion without committing to it."),
    _cue("negative", rf"(?i)^(?:{_NEGATIVE_AUX})n['\u2019]t\b", RHETORICAL, 0.75,
         "a question opening with '{cue}' expects the answer 'yes': it states an opinion while seeming to ask."),
    _cue("really", r"(?i)^(?:do|does|did|are|is|can|should|will) (?:we|you|they|anyone|anybody) "
         r"(?:really|seriously|honestly)\b", RHETORICAL, 0.7,
         "a question opening with '{cue}' implies the answer is 'no' instead of asking."),
    _cue("why_would", r"(?i)^why (?:would|should|else|on earth)\b", RHETORICAL, 0.7,
         "a question opening with '{cue}' implies there is no good reason, instead of asking for one."),
    _cue("how_can", r"(?i)^how (?:can|could) (?:anyone|anybody|we|you|they|one)\b", RHETORICAL, 0.65,
         "a question opening with '{cue}' implies the thing is unthinkable rather than asking how."),
    _cue("since_when", r"(?i)^since when\b", RHETORICAL, 0.7,
         "a question opening with '{cue}' mocks a claim instead of asking about it."),
    _cue("why", r"(?i)^why\b", RHETORICAL, 0.4,
         "a 'why' question in the text often suggests its own answer instead of giving evidence."),
]


def find_loaded_questions(doc: Document) -> None:
    """Add ``loaded_question`` / ``rhetorical_question`` findings for insinuating questions."""
    quotes = find_quotations(doc.text)
    title_line = _title_line(doc)
    for mark in _QUESTION_MARK.finditer(doc.text):
        quote = innermost(quotes, mark.start(), mark.end())
        start = _question_start(doc.text, mark.start(), quote)
        if start < mark.start():
            span = _judge(doc.text, start, mark.end(), quote, title_line)
            if span is not None:
                doc.add("findings", span)


def _title_line(doc: Document) -> tuple[int, int] | None:
    """The first non-empty line, when the document has a title (the title is that line)."""
    if not doc.title:
        return None
    return next(doc.lines(), None)


def _question_start(text: str, mark: int, quote: Quoted | None) -> int:
    """Where the question ending at ``mark`` begins: its sentence, its quotation, or after a lead-in colon."""
    start = sentence_start(text, mark)
    if quote is not None:
        start = max(start, quote.start + 1)
    bracket = text.rfind("(", start, mark)
    if bracket != -1 and ")" not in text[bracket:mark]:
        start = bracket + 1
    colon = text.rfind(": ", start, mark)
    if colon != -1 and len(text[start:colon].split()) > 2 and _INTERROGATIVE.match(text[colon + 2 : mark].lstrip()):
        start = colon + 2
    while start < mark and (text[start].isspace() or text[start] in _LEADING_JUNK):
        start += 1
    return start


def _judge(text: str, start: int, end: int, quote: Quoted | None, title_line: tuple[int, int] | None) -> Span | None:
    """Score the question ``text[start:end]`` from its leading form and its place in the article."""
    heading = quote is not None and is_quoted_heading(text, quote)
    if title_line is not None and line_bounds(text, start) == title_line:
        where, default = "The headline asks a question instead of stating a claim", TITLE_SCORE
    elif heading:
        where, default = "This subheading quotes a question instead of stating a claim", HEADING_SCORE
    else:
        where, default = "", None

    best = _best_cue(text[start:end], in_headline=bool(where))
    if best is not None:
        cue, found = best
        kind, score = cue.kind, cue.score + (0.05 if where else 0)
        why = cue.why.format(cue=found.group(0))
        explanation = f"{where}; {why}" if where else why[0].upper() + why[1:]
    elif default is not None:
        kind, score = LOADED, default
        explanation = f"{where}: it can suggest a claim that the article never has to back up."
    else:
        return None

    if quote is not None and not heading:
        score *= QUOTED_FACTOR
        explanation += (" The question is inside a quotation, so it is the quoted speaker's, not the writer's;"
                        " the article repeats it.")
    return Span(start, end, kind, round(min(score, 0.95), 2), explanation)


def _best_cue(question: str, *, in_headline: bool) -> tuple[Cue, re.Match] | None:
    """The strongest leading form in ``question`` (headline-only forms only in headlines)."""
    matches = [
        (cue, found)
        for cue in CUES
        if (in_headline or not cue.headline_only) and (found := cue.pattern.search(question))
    ]
    return max(matches, key=lambda pair: pair[0].score, default=None)
