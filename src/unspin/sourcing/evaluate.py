"""Precision, recall and F1 of speaker attribution against hand-annotated PTC quotes.

    python -m unspin.sourcing.evaluate [--split dev|heldout|heldout2|...|heldout10|all ...] [--rules] [--shared ../shared]

The annotations (``tests/data/quotes/ptc-speakers.jsonl``) give, for every double-quoted
span of 144 PTC articles, the opening mark's offset and the speaker a careful reader names
(``null`` for scare quotes and titles, ``unclear: true`` for quotes whose speaker the text
leaves open; those are not scored). The article texts are read from ``shared/ptc``. ``all`` (the
default) leaves out heldout8 to heldout10, the test sets of the learned attributors (named to score).

Scoring, per gold quote: the system's innermost direct quote covering the opening mark is
its answer. Same speaker (see :func:`same_speaker`) -> true positive; another speaker ->
false positive and false negative; none -> false negative. A speaker given to a gold
``null`` quote, or to a quote that matches no gold quote, is a false positive.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from unspin.document import Document
from unspin.sourcing.quotes import add_quotes
from unspin.sourcing.speakers import same_speaker

REPO = Path(__file__).resolve().parents[3]
GOLD = REPO / "tests" / "data" / "quotes" / "ptc-speakers.jsonl"
SHARED = REPO.parent / "shared"

#: Articles whose errors were looked at while writing and tuning the rules (five from the
#: start, then four, three, two newly annotated, the last four of the first sixteen, and one
#: more newly annotated). The "heldout" articles (the rest but heldout2 to heldout5) were
#: annotated after tuning had begun; their errors were first looked at, and tuned on, in round 3.
DEV_ARTICLES = frozenset(
    {
        *("729410793", "728343601", "765953146", "999000158", "111111131"),
        *("999001032", "725731328", "721890296", "770376380"),
        *("729668796", "111111112", "723823436"),
        *("696264594", "722512241"),
        *("761674108", "758477392", "727658675", "712382330"),
        "703698295",
    }
)

#: A second held-out set, annotated before the second tuning round changed any rule; its score
#: with the rules as they were then was recorded first, and its errors were looked at only
#: after the rules of that round were final. Round 3 tuned on it: tuning data since.
HELDOUT2_ARTICLES = frozenset(
    {"730268758", "752287274", "757611486", "788173482", "728169864", "701225819", "725824328", "111111135"}
)

#: A third held-out set, annotated before the third tuning round changed any rule (the eight
#: unannotated PTC articles under 25,000 characters with the most quotes of five words or more);
#: its score with the rules as they were then was recorded first, and its errors were looked at
#: only after that round's rules were final. Round 4 tuned on it: tuning data since.
HELDOUT3_ARTICLES = frozenset(
    {"725498022", "111111132", "777488669", "761334950", "786527921", "773520636", "788056108", "737194975"}
)

#: A fourth held-out set, annotated before the fourth tuning round changed any rule: a seeded
#: random draw (``random.Random(4).sample``) from the unannotated PTC articles under 25,000
#: characters with at least 8 quotes, taken in that order until 120 gold quotes had a speaker.
#: Its score with the round 3 rules was recorded first; heldout3 became tuning data in round 4, and
#: heldout4 itself in round 5.
HELDOUT4_ARTICLES = frozenset(
    {
        *("727869189", "731513824", "704856340", "793534424", "757243988", "765197039", "711596363"),
        *("703821117", "701553469", "696694316", "758469195", "771879020", "730573740", "699478811"),
    }
)

#: A fifth held-out set, annotated before the fifth tuning round changed any rule, by the same
#: rule as heldout4 with seed 5, applied when the 55 articles above were annotated (89 candidates)::
#:
#:     import random
#:     from unspin.sourcing.marks import find_quotes
#:     done = set(load_gold())  # the 55 articles annotated before heldout5
#:     texts = {p.stem[len("article") :]: p.read_text(encoding="utf-8") for p in (SHARED / "ptc" / "articles").glob("*.txt")}
#:     candidates = [a for a, t in texts.items() if a not in done and len(t) < 25_000 and len(find_quotes(t)) >= 8]
#:     order = random.Random(5).sample(sorted(candidates), len(candidates))
#:
#: taken from the start of ``order`` until at least 8 articles and 120 gold quotes had a speaker
#: (the 15th reached 133). Its score with the round 4 rules was recorded, looking at the aggregate only.
HELDOUT5_ARTICLES = frozenset(
    {
        *("795379208", "732610971", "761610997", "999000599", "780619695", "698092698", "773937361"),
        *("732154721", "701837665", "727174208", "711622457", "763260610", "774007496", "999000184"),
        "764664283",
    }
)

#: A sixth held-out set, annotated after round 5 and before anybody ran the system on it, by the
#: heldout5 rule with seed 6, applied when the 70 articles above were annotated (74 candidates)::
#:
#:     import random
#:     from unspin.sourcing.marks import find_quotes
#:     done = set(load_gold())  # the 70 articles annotated before heldout6
#:     texts = {p.stem[len("article") :]: p.read_text(encoding="utf-8") for p in (SHARED / "ptc" / "articles").glob("*.txt")}
#:     candidates = [a for a, t in texts.items() if a not in done and len(t) < 25_000 and len(find_quotes(t)) >= 8]
#:     order = random.Random(6).sample(sorted(candidates), len(candidates))
#:
#: taken from the start of ``order`` until at least 8 articles and 120 gold quotes had a speaker
#: (the 13th reached 121). Scored with the round 5 rules only after these annotations were committed,
#: looking at the aggregate only.
HELDOUT6_ARTICLES = frozenset(
    {
        *("999001621", "707451080", "786344683", "755459860", "699291100", "111111113", "727569885"),
        *("782149225", "769962328", "764715911", "698018235", "727493378", "740356006"),
    }
)

#: A seventh held-out set, annotated after the learned-attributor experiments and before anybody ran
#: the system on it, by the heldout6 rule with seed 7, applied when the 83 articles above were
#: annotated (61 candidates)::
#:
#:     import random
#:     from unspin.sourcing.marks import find_quotes
#:     done = set(load_gold())  # the 83 articles annotated before heldout7
#:     texts = {p.stem[len("article") :]: p.read_text(encoding="utf-8") for p in (SHARED / "ptc" / "articles").glob("*.txt")}
#:     candidates = [a for a, t in texts.items() if a not in done and len(t) < 25_000 and len(find_quotes(t)) >= 8]
#:     order = random.Random(7).sample(sorted(candidates), len(candidates))
#:
#: taken from the start of ``order`` until at least 8 articles and 120 gold quotes had a speaker
#: (the 12th reached 107, the 13th 127). The test set of the first learned attributor (scored once, with the
#: rules beside it: docs/sourcing.md); since then in ``all`` and a training set of the second.
HELDOUT7_ARTICLES = frozenset(
    {
        *("731762731", "718595845", "741923579", "776368676", "704591553", "706600938", "787529309"),
        *("765982381", "706777811", "737255982", "769427494", "999000312", "765385479"),
    }
)

#: An eighth held-out set, the test set of the second learned attributor (trained on every set above and
#: the training pool): drawn before anybody read these articles from the 48 PTC articles annotated nowhere
#: (neither above nor in the pool), under 25,000 characters, with at least 8 quotes, and annotated before
#: the system was run on them::
#:
#:     import random
#:     from unspin.sourcing.marks import find_quotes
#:     done = set(load_gold()) | pool_articles  # the 96 articles above and the 87 PTC articles of pool-0..2
#:     texts = {p.stem[len("article") :]: p.read_text(encoding="utf-8") for p in (SHARED / "ptc" / "articles").glob("*.txt")}
#:     candidates = [a for a, t in texts.items() if a not in done and len(t) < 25_000 and len(find_quotes(t)) >= 8]
#:     order = random.Random(9).sample(sorted(candidates), len(candidates))
#:
#: fixed in advance as the first 20 of ``order`` (no stopping rule). Kept out of every other split, even
#: ``all``: scored once, for the second attributor, and nothing is tuned on it.
HELDOUT8_ARTICLES = frozenset(
    {
        *("772947654", "785801366", "761564397", "735815173", "727128296", "729561658", "111111123"),
        *("758756657", "776616374", "999001619", "713130996", "787142429", "780787440", "702077783"),
        *("761897089", "729368012", "770877978", "776049384", "999001226", "730036755"),
    }
)

#: A ninth held-out set, a second test set of the second learned attributor: positions 20-39 of the
#: heldout8 draw's ``order`` (same code, same seed), fixed in advance, annotated before the system was
#: run on them. Kept out of every other split, even ``all``.
HELDOUT9_ARTICLES = frozenset(
    {
        *("781847297", "767129999", "724791253", "698503276", "706636401", "707772906", "732708002"),
        *("738207834", "779394730", "729651527", "782017101", "727634031", "721406153", "999001293"),
        *("999000675", "790665855", "730559808", "778664280", "759468687", "776373795"),
    }
)

#: A tenth held-out set, the last 8 articles of the heldout8 draw's ``order`` (positions 40-47), annotated
#: before the system was run on them; the test set of the third learned attributor.
HELDOUT10_ARTICLES = frozenset(
    {
        *("758669180", "757171650", "765913191", "787668628"),
        *("730222442", "766632016", "781768042", "999000145"),
    }
)

SPLITS = ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8",
          "heldout9", "heldout10", "all")
#: Splits that ``all`` leaves out: test sets kept for one method's measurement, scored only by name.
UNSCORED = ("heldout8", "heldout9", "heldout10")
#: Every split but "heldout" (the annotated articles in none of these) and "all", by name.
NAMED_SPLITS = {
    "dev": DEV_ARTICLES,
    "heldout2": HELDOUT2_ARTICLES,
    "heldout3": HELDOUT3_ARTICLES,
    "heldout4": HELDOUT4_ARTICLES,
    "heldout5": HELDOUT5_ARTICLES,
    "heldout6": HELDOUT6_ARTICLES,
    "heldout7": HELDOUT7_ARTICLES,
    "heldout8": HELDOUT8_ARTICLES,
    "heldout9": HELDOUT9_ARTICLES,
    "heldout10": HELDOUT10_ARTICLES,
}

@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "Score") -> "Score":
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.errors + other.errors)

    def as_dict(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }


def load_gold(path: Path = GOLD) -> dict[str, list[dict]]:
    by_article: dict[str, list[dict]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            by_article.setdefault(record["article"], []).append(record)
    return by_article


def score_article(text: str, gold: list[dict], score: Score, article: str, learned: bool = True) -> None:
    doc = Document(text, title=text.split("\n", 1)[0] or None)  # as the PTC reader builds it
    add_quotes(doc, learned=learned)
    predicted = [s for s in doc.spans("quotes") if s.label == "direct"]
    matched: set[int] = set()
    for record in gold:
        if text[record["start"] : record["start"] + len(record["check"])] != record["check"]:
            raise ValueError(f"article {article}: annotation at {record['start']} does not match the text")
        covering = [i for i, s in enumerate(predicted) if s.start <= record["start"] < s.end]
        answer = min(covering, key=lambda i: predicted[i].end - predicted[i].start) if covering else None
        if answer is not None:
            matched.add(answer)
        if record.get("unclear"):
            continue
        speaker = predicted[answer].attrs.get("speaker") if answer is not None else None
        names = [record["speaker"], *record.get("aliases", [])] if record["speaker"] else []
        if names and speaker and same_speaker(speaker, names):
            score.tp += 1
            continue
        if not speaker and not names:
            continue
        if speaker:
            score.fp += 1
        if names:
            score.fn += 1
        score.errors.append({"article": article, "start": record["start"], "gold": record["speaker"], "predicted": speaker})
    for i, span in enumerate(predicted):
        if i not in matched and span.attrs.get("speaker"):
            score.fp += 1
            score.errors.append({"article": article, "start": span.start, "gold": None, "predicted": span.attrs["speaker"]})


def evaluate(split: str = "all", shared: Path = SHARED, gold_path: Path = GOLD, learned: bool = True) -> Score:
    gold = load_gold(gold_path)
    score = Score()
    for article, records in sorted(gold.items()):
        if not _in_split(article, split):
            continue
        text = (shared / "ptc" / "articles" / f"article{article}.txt").read_text(encoding="utf-8")
        score_article(text, records, score, article, learned)
    return score


def _in_split(article: str, split: str) -> bool:
    """Tuned on: dev since round 1, heldout (the rest) and heldout2 since round 3, heldout3 since round 4,
    heldout4 since round 5; heldout5 to heldout10 never; heldout8 to heldout10 only in their own splits (not in ``all``)."""
    if split in NAMED_SPLITS:
        return article in NAMED_SPLITS[split]
    if any(article in NAMED_SPLITS[test] for test in UNSCORED):
        return False  # in no other split, not even "all": see UNSCORED
    if split == "heldout":
        return not any(article in articles for articles in NAMED_SPLITS.values())
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--split", nargs="+", choices=SPLITS, default=["all"], help="the splits to score and whose errors --errors lists"
    )
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", action="store_true", help="list every wrong or missed attribution")
    parser.add_argument("--rules", action="store_true", help="score the rules alone, without the learned attributor")
    args = parser.parse_args(argv)
    if not (args.shared / "ptc" / "articles").is_dir() or not args.gold.is_file():
        print(f"skipped: needs {args.shared}/ptc/articles and {args.gold}")
        return 0
    every = "all" in args.split
    in_all = [s for s in SPLITS if s != "all" and s not in UNSCORED]
    names = [s for s in SPLITS if s != "all" and (s in args.split or every and s in in_all)]
    results = {split: evaluate(split, args.shared, args.gold, learned=not args.rules) for split in names}
    if every:
        results["all"] = sum((results[s] for s in in_all), Score())  # each article parsed once
    for split, score in results.items():
        print(split, json.dumps(score.as_dict()))
    if args.errors:
        for split in ["all"] if every else names:
            for error in results[split].errors:
                print(json.dumps(error, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
