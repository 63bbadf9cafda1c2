"""The 14 propaganda techniques of SemEval-2020 Task 11 (PTC), with plain-words definitions.

Names are exactly those of the PTC label files (Da San Martino et al., EMNLP 2019); definitions
paraphrase the task's annotation guidelines for a general reader.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Technique:
    name: str
    title: str
    definition: str


_ROWS = [
    ("Appeal_to_Authority", "Appeal to authority",
     "Says a claim is true because an authority or expert says so, without other evidence."),
    ("Appeal_to_fear-prejudice", "Appeal to fear or prejudice",
     "Seeks support for an idea by stirring anxiety, panic or existing prejudice against an alternative."),
    ("Bandwagon,Reductio_ad_hitlerum", "Bandwagon / Reductio ad Hitlerum",
     "Urges joining because 'everyone' does, or rejects an idea because a hated group supports it."),
    ("Black-and-White_Fallacy", "Black-and-white fallacy",
     "Presents two alternatives as the only options when more exist."),
    ("Causal_Oversimplification", "Causal oversimplification",
     "Blames a single cause for an outcome that has many."),
    ("Doubt", "Doubt",
     "Questions the credibility of someone or something without substantiating the doubt."),
    ("Exaggeration,Minimisation", "Exaggeration or minimisation",
     "Makes something seem much larger, better or worse, or much smaller and less important, than it is."),
    ("Flag-Waving", "Flag-waving",
     "Plays on patriotism or group identity to justify or promote an idea."),
    ("Loaded_Language", "Loaded language",
     "Uses words with strong emotional connotations to sway the reader."),
    ("Name_Calling,Labeling", "Name calling or labelling",
     "Attaches a label the audience fears, hates or admires to a person or group instead of arguing."),
    ("Repetition", "Repetition",
     "Repeats the same message over and over so that the audience comes to accept it."),
    ("Slogans", "Slogans",
     "A brief, striking phrase that works as an emotional appeal or a call to act."),
    ("Thought-terminating_Cliches", "Thought-terminating cliché",
     "A stock phrase that discourages critical thought and closes a discussion."),
    ("Whataboutism,Straw_Men,Red_Herring", "Whataboutism, straw man or red herring",
     "Deflects by pointing at the opponent's hypocrisy, attacks a distorted version of a position, "
     "or brings in an irrelevant issue."),
]

#: Technique name -> Technique, in the order of ``technique-names.txt``.
TECHNIQUES: dict[str, Technique] = {name: Technique(name, title, definition) for name, title, definition in _ROWS}

#: The label names in a fixed order (model output columns use this order).
NAMES: tuple[str, ...] = tuple(TECHNIQUES)
