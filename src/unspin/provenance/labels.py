"""The shipped outlet reliability labels (Burdisso et al., NAACL 2024; Apache-2.0), read once."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: What each ``reliability_label`` value means, in the dataset's own terms.
LABEL_TEXT = {
    1: "reliable",
    0: "mixed reliability",
    -1: "unreliable",
    -2: "blacklisted on Wikipedia's perennial sources list",
}

#: Who gave a label, spelled out for readers.
LABEL_SOURCE_NAMES = {
    "mbfc": "Media Bias/Fact Check",
    "newsguard": "NewsGuard",
    "wikipedia": "Wikipedia perennial sources list",
    "manual": "manual annotation by the dataset authors",
}

DATASET = "Burdisso et al., 'Reliability Estimation of News Media Sources', NAACL 2024 (Apache-2.0)"


@dataclass(frozen=True)
class OutletLabel:
    domain: str
    reliability_label: int
    newsguard_score: float | None
    label_source: str


@cache
def outlet_labels() -> dict[str, OutletLabel]:
    """All labelled domains, keyed by domain (lower case, no ``www.``)."""
    raw = resources.files("unspin").joinpath("data/outlets/reliability-labels.csv").read_text("utf-8")
    labels = {}
    for row in csv.DictReader(io.StringIO(raw)):
        domain = row["domain"].strip().lower()
        score = row["newsguard_score"].strip()
        labels[domain] = OutletLabel(
            domain=domain,
            reliability_label=int(row["reliability_label"]),
            newsguard_score=float(score) if score else None,
            label_source=row["label_source"].strip(),
        )
    return labels
