"""The finding kinds the rhetoric analysers produce, with plain-words descriptions for legends.

One table, so renderers, docs and tests agree on the set of kinds and on what each means.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    title: str
    description: str


_ROWS = [
    ("scare_quote", "Scare quotes",
     "A word or short phrase put in quotation marks (or after 'so-called') without saying who said it. "
     "It signals that the writer doubts, mocks or distances themselves from the word, without arguing why."),
    ("loaded_question", "Loaded question",
     "A question that insinuates a claim instead of asking: 'Coincidence: ...?', 'Who is X working for?'. "
     "The writer suggests something without stating it, so it never has to be backed up."),
    ("rhetorical_question", "Rhetorical question",
     "A question asked for effect, with the answer implied: 'Isn't it obvious...?', 'Why would they...?'. "
     "It pushes the reader towards a conclusion instead of giving evidence for it."),
    ("hedge", "Hedge",
     "A word that softens or qualifies a claim: 'reportedly', 'allegedly', 'apparently', 'may have'. "
     "Fine when honest, but it lets a text pass on a claim without standing behind it."),
    ("vague_attribution", "Vague attribution",
     "A claim credited to people who are not named: 'analysts said', 'some say', 'it is believed'. "
     "The reader cannot check who says it, how many they are, or whether they are independent."),
]

#: kind name -> Kind, in legend order.
KINDS: dict[str, Kind] = {name: Kind(name, title, description) for name, title, description in _ROWS}
