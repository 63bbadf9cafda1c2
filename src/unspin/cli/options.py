"""Options that several commands share."""

from __future__ import annotations

from enum import Enum


class Speakers(str, Enum):
    """Who names each quote's speaker (``--speakers``)."""

    learned = "learned"
    rules = "rules"


SPEAKERS_HELP = ("Who names each quote's speaker: learned (the cross-encoder over the rules' candidates; "
                 "more accurate) or rules (the hand-written rules alone; faster: 0.2-0.6 s less per article).")
