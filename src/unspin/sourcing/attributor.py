"""A cross-encoder that reads a quote in its context and scores each candidate speaker.

Each (quote, candidate) pair becomes one encoder input: ``[CLS] name [SEP] context [SEP]``, where
the context is the article text around the quote with the quote between two marker tokens and the
candidate's nearest mention (its name, "he", "the minister") between two others; a mention too far
away for the window is shown as a short snippet before or after it. "No speaker" is the name
``nobody``. The encoder's logit for the pair ("is this the speaker?") is combined with the rules'
features by a logistic regression over candidates (:class:`Combiner`, its design in the model's
config); the argmax wins, and its softmax share, calibrated (:class:`Calibration`), is the answer's
confidence.

Training and inference share :func:`pair_ids`, so both see exactly the same inputs.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

from unspin import limits
from unspin.document import Document
from unspin.errors import ModelError
from unspin.sourcing.candidates import FEATURES, Candidate, speaker_candidates
from unspin.sourcing.pair_encoder import MAX_LENGTH, batched_logits
from unspin.sourcing.quotes import Attribution, RuleAnswers
from unspin.sourcing.speakers import same_speaker
from unspin.techniques import windows
from unspin.techniques.model import guarded, onnx_session

FORMAT = "unspin.speakers/1"
#: A long quote is shown by its first and last pieces, with "..." between.
QUOTE_HEAD = 20
QUOTE_TAIL = 8
#: Pieces of text after the quote (the rest of the budget goes before it, where most cues are).
AFTER_TOKENS = 24
#: Pieces on each side of a far mention shown as a snippet.
SNIPPET_SIDE = 5
MAX_NAME_TOKENS = 12
NOBODY = "nobody"
#: BERT vocabularies keep unused entries: two mark the quote, two the candidate's mention.
MARKERS = ("[unused0]", "[unused1]", "[unused2]", "[unused3]")
ELLIPSIS = "..."


#: Candidates beside the rules' answer, the person on stage and "no speaker" that the scorer reads:
#: the nearest ones (by their nearest mention). All of them would reach the gold speaker for 1,034
#: of the 1,068 scored quotes of the 55 training articles, the nearest five for 1,025, with 19% fewer pairs.
MAX_OTHERS = 5

_TIERS = ("rule_parse", "rule_sentence", "rule_label", "rule_citation", "rule_colon", "rule_continuation",
          "rule_headline")


def shortlist(quote: tuple[int, int], candidates: list[Candidate]) -> list[Candidate]:
    """The candidates the scorer reads, in their original order."""
    start, end = quote

    def distance(candidate: Candidate) -> int:
        mention = candidate.nearest_mention(start, end)
        if mention is None:
            return sys.maxsize
        return start - mention[1] if mention[1] <= start else mention[0] - end

    kept = {i for i, c in enumerate(candidates)
            if c.name is None or c.features.get("on_stage") or any(c.features.get(t) for t in _TIERS)}
    others = sorted((i for i in range(len(candidates)) if i not in kept), key=lambda i: distance(candidates[i]))
    kept.update(others[:MAX_OTHERS])
    return [c for i, c in enumerate(candidates) if i in kept]


@dataclass(frozen=True)
class Vocabulary:
    """The ids :func:`pair_ids` puts around and between pieces."""

    cls: int
    sep: int
    quote_open: int
    quote_close: int
    mention_open: int
    mention_close: int
    ellipsis: int

    @classmethod
    def of(cls, tokenizer: Tokenizer) -> "Vocabulary":
        start, end = windows.special_ids(tokenizer)
        ids = [tokenizer.token_to_id(token) for token in (*MARKERS, ELLIPSIS)]
        if None in ids:
            raise ValueError("tokenizer lacks the marker tokens " + ", ".join(MARKERS))
        return cls(start, end, *ids)


def pair_ids(
    tokenizer: Tokenizer,
    vocabulary: Vocabulary,
    tokens: windows.Tokens,
    quote: tuple[int, int],
    candidate: Candidate,
) -> list[int]:
    """Encoder input ids for one candidate of the quote ``quote`` (character offsets) in an article
    whose word pieces are ``tokens``."""
    name = candidate.name or NOBODY
    name_ids = tokenizer.encode(name, add_special_tokens=False).ids[:MAX_NAME_TOKENS]
    starts = tokens.offsets[:, 0]
    q0, q1 = (int(np.searchsorted(starts, at)) for at in quote)
    quoted = tokens.ids[q0:q1].tolist()
    if len(quoted) > QUOTE_HEAD + QUOTE_TAIL:
        quoted = quoted[:QUOTE_HEAD] + [vocabulary.ellipsis] + quoted[-QUOTE_TAIL:]
    quoted = [vocabulary.quote_open, *quoted, vocabulary.quote_close]
    mention = candidate.nearest_mention(*quote) if candidate.name else None
    span = _token_span(tokens, mention) if mention else None
    budget = MAX_LENGTH - 3 - len(name_ids) - len(quoted) - (2 if span else 0)
    after_n = min(AFTER_TOKENS, len(tokens.ids) - q1, max(budget // 3, 0))
    before_n = min(q0, max(budget - after_n, 0))
    lo, hi = q0 - before_n, q1 + after_n
    if span and not (lo <= span[0] and span[1] <= hi):  # a far mention: show it as a snippet
        snippet = (max(span[0] - SNIPPET_SIDE, 0), min(span[1] + SNIPPET_SIDE, len(tokens.ids)))
        cost = snippet[1] - snippet[0] + 1
        if span[0] < lo:
            lo = min(lo + cost, q0)
        else:
            hi = max(hi - cost, q1)
        pieces = _marked(tokens, snippet, span, vocabulary)
        context_before = _marked(tokens, (lo, q0), None, vocabulary)
        context_after = _marked(tokens, (q1, hi), None, vocabulary)
        if span[0] < q0:
            context_before = pieces + [vocabulary.ellipsis] + context_before
        else:
            context_after = context_after + [vocabulary.ellipsis] + pieces
    else:
        context_before = _marked(tokens, (lo, q0), span, vocabulary)
        context_after = _marked(tokens, (q1, hi), span, vocabulary)
    ids = [vocabulary.cls, *name_ids, vocabulary.sep, *context_before, *quoted, *context_after]
    return ids[: MAX_LENGTH - 1] + [vocabulary.sep]


def _token_span(tokens: windows.Tokens, mention: tuple[int, int]) -> tuple[int, int] | None:
    """Word pieces ``[first, last)`` that overlap the characters ``mention``."""
    inside = np.flatnonzero((tokens.offsets[:, 0] < mention[1]) & (tokens.offsets[:, 1] > mention[0]))
    return (int(inside[0]), int(inside[-1]) + 1) if len(inside) else None


def _marked(
    tokens: windows.Tokens, piece: tuple[int, int], span: tuple[int, int] | None, vocabulary: Vocabulary
) -> list[int]:
    """The ids of pieces ``[start, end)``, with the mention markers around ``span`` where it lies inside."""
    start, end = piece
    if span is None or not (start <= span[0] and span[1] <= end):
        return tokens.ids[start:end].tolist()
    return [
        *tokens.ids[start : span[0]].tolist(),
        vocabulary.mention_open,
        *tokens.ids[span[0] : span[1]].tolist(),
        vocabulary.mention_close,
        *tokens.ids[span[1] : end].tolist(),
    ]


#: Combiner inputs besides the encoder's logit: the rules' answer and its tier, "the rules found
#: nobody" and a short quote for "no speaker" (a few rule features; the rest is the encoder's job).
RULE_FEATURES = (
    *_TIERS,
    "none",
    "none_rule_none",
    "none_short",
)
#: Which inputs a combiner design uses besides the logit.
DESIGNS = {"encoder": (), "encoder+rules": RULE_FEATURES, "encoder+all": FEATURES}


@dataclass(frozen=True)
class Combiner:
    """Logistic regression over a candidate's encoder logit and some of its rule features."""

    features: tuple[str, ...]
    coef: np.ndarray  # [1 + len(features)]: the logit's weight first
    intercept: float

    def inputs(self, candidates: list[Candidate], logits: np.ndarray) -> np.ndarray:
        rows = [[c.features.get(name, 0.0) for name in self.features] for c in candidates]
        return np.column_stack([np.asarray(logits, dtype=float), np.array(rows, dtype=float).reshape(len(candidates), -1)])

    def scores(self, candidates: list[Candidate], logits: np.ndarray) -> np.ndarray:
        return self.inputs(candidates, logits) @ self.coef + self.intercept

    def choose(self, candidates: list[Candidate], logits: np.ndarray) -> Candidate:
        """The candidate with the highest score (the first on ties)."""
        return candidates[int(np.argmax(self.scores(candidates, logits)))]

    def share(self, candidates: list[Candidate], logits: np.ndarray) -> float:
        """The chosen candidate's softmax share of the scores: uncalibrated (see :class:`Calibration`)."""
        scores = self.scores(candidates, logits)
        weights = np.exp(scores - scores.max())
        return float(weights.max() / weights.sum())

    def to_json(self) -> dict:
        return {"features": list(self.features), "coef": [round(float(c), 6) for c in self.coef],
                "intercept": round(self.intercept, 6)}

    @classmethod
    def from_json(cls, data: dict) -> "Combiner":
        features = tuple(data["features"])
        unknown = set(features) - set(FEATURES)
        if unknown or len(data["coef"]) != 1 + len(features):
            raise ValueError(f"combiner does not match this code's features ({sorted(unknown)})")
        return cls(features, np.array(data["coef"], dtype=float), float(data["intercept"]))


@dataclass(frozen=True)
class Calibration:
    """Platt scaling of the chosen candidate's share into the probability that the speaker is right,
    fitted on cross-validated answers (``train_attributor calibrate``)."""

    slope: float
    intercept: float

    def __call__(self, share: float) -> float:
        share = min(max(share, 1e-6), 1 - 1e-6)
        return float(1 / (1 + np.exp(-(self.slope * np.log(share / (1 - share)) + self.intercept))))

    def to_json(self) -> dict:
        return {"slope": round(self.slope, 6), "intercept": round(self.intercept, 6)}

    @classmethod
    def from_json(cls, data: dict) -> "Calibration":
        return cls(float(data["slope"]), float(data["intercept"]))


def load_combiner(path: Path) -> Combiner:
    return Combiner.from_json(json.loads(path.read_text(encoding="utf-8")))


# --- the shipped model -----------------------------------------------------------------------------


def decide(rule: Attribution | None, best: Candidate, confidence: float | None = None) -> Attribution | None:
    """The chosen candidate as an attribution: the rules' own one (with its cue and affiliation)
    when it names the same speaker, nobody for the "no speaker" candidate; with ``confidence``."""
    if best.name is None:
        return None
    if rule is not None and same_speaker(best.name, [rule.speaker]):
        return replace(rule, confidence=confidence)
    return Attribution(best.name, best.affiliation, best.named, None, None, best.start, best.end, confidence)


class LearnedAttributor:
    """The shipped cross-encoder (ONNX) and combiner: one speaker per quote, from the rules' candidates."""

    def __init__(self, folder: str | Path) -> None:
        folder = Path(folder)
        config_path = folder / "config.json"
        config = guarded(config_path, lambda p: json.loads(p.read_text(encoding="utf-8")))
        if config.get("format") != FORMAT:
            raise ModelError(f"{config_path}: not an {FORMAT} model")
        self.tokenizer = guarded(folder / config["files"]["tokenizer"], lambda p: windows.load_tokenizer(str(p)))
        self.vocabulary = Vocabulary.of(self.tokenizer)
        self.session = guarded(folder / config["files"]["model"], onnx_session)
        try:
            self.combiner = Combiner.from_json(config["combiner"])
            self.calibration = Calibration.from_json(config["confidence"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"{config_path}: bad combiner or confidence ({exc})") from exc

    def logits(self, rows: list[list[int]]) -> np.ndarray:
        """The encoder's logit for each pair."""
        return batched_logits(rows, lambda ids, mask: self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0])

    def answers(self, doc: Document, rules: RuleAnswers) -> list[tuple[int, int, Attribution | None]]:
        """``rules.answers`` with each quote's speaker chosen by the combiner over the shortlisted candidates
        (the rules' answers unchanged for a document with more than ``limits.MAX_LEARNED_QUOTES`` quotes)."""
        if len(rules.answers) > limits.MAX_LEARNED_QUOTES:
            return rules.answers
        tokens = windows.tokenize(self.tokenizer, doc.text)
        shortlists = [shortlist((start, end), found) for (start, end, _), found
                      in zip(rules.answers, speaker_candidates(doc, rules))]
        rows = [pair_ids(self.tokenizer, self.vocabulary, tokens, (start, end), c)
                for (start, end, _), candidates in zip(rules.answers, shortlists) for c in candidates]
        logits = self.logits(rows)
        chosen, at = [], 0
        for (start, end, rule), candidates in zip(rules.answers, shortlists):  # never empty: "no speaker" is kept
            own = logits[at : at + len(candidates)]
            at += len(candidates)
            best = self.combiner.choose(candidates, own)
            chosen.append((start, end, decide(rule, best, self.calibration(self.combiner.share(candidates, own)))))
        return chosen


def default_dir() -> Path:
    return Path(str(resources.files("unspin") / "data" / "speakers"))


@lru_cache(maxsize=2)
def load(folder: str | None = None) -> LearnedAttributor:
    """The attributor in ``folder`` (default: the shipped one), loaded once per process."""
    return LearnedAttributor(folder or default_dir())
