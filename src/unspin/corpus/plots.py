"""Charts for the corpus report, drawn with matplotlib into PNG bytes (embedded, so the report needs no network).

Outlet names and labels come from untrusted input: matplotlib's mathtext is switched off so a
``$`` in a name is just a character, and long names are shortened.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from typing import Sequence

from unspin.corpus.aggregates import OutletProfile

MAX_NAME = 28
_STYLE = {"text.parse_math": False, "font.size": 9, "axes.spines.top": False, "axes.spines.right": False}


def _short(name: str) -> str:
    return name if len(name) <= MAX_NAME else name[: MAX_NAME - 1] + "…"


def _png(figure) -> bytes:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def technique_mix(profiles: Sequence[OutletProfile], labels: Sequence[str]) -> bytes:
    """Stacked horizontal bars: each outlet's spans per 1,000 words, split by label."""
    plt = _pyplot()
    with plt.rc_context(_STYLE):
        figure, axes = plt.subplots(figsize=(9, 0.45 * len(profiles) + 1.6))
        rows = list(reversed(profiles))
        left = [0.0] * len(rows)
        colours = plt.get_cmap("tab20").colors
        for index, label in enumerate(labels):
            values = [p.rates.get(label, 0.0) for p in rows]
            axes.barh(range(len(rows)), values, left=left, color=colours[index % len(colours)], label=_short(label))
            left = [a + b for a, b in zip(left, values)]
        axes.set_yticks(range(len(rows)), [f"{_short(p.outlet)} ({p.articles})" for p in rows])
        axes.set_xlabel("spans per 1,000 words")
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        return _png(figure)


def over_time(series: dict[str, dict[str, float]], labels: Sequence[str]) -> bytes:
    """One line per label: spans per 1,000 words in each period."""
    plt = _pyplot()
    periods = list(series)
    with plt.rc_context(_STYLE):
        figure, axes = plt.subplots(figsize=(9, 3.6))
        for label in labels:
            axes.plot(periods, [series[p].get(label, 0.0) for p in periods], marker="o", label=_short(label))
        axes.set_ylabel("spans per 1,000 words")
        axes.tick_params(axis="x", rotation=45)
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        return _png(figure)


def republication_graph(copies: Counter[tuple[str, str]], syndications: Counter[tuple[str, str]]) -> bytes:
    """Outlets on a circle; solid arrows: near-duplicate copies (original -> copy); dashed: "By X" credits."""
    plt = _pyplot()
    outlets = sorted({name for edge in (*copies, *syndications) for name in edge})
    angle = {name: 2 * math.pi * i / max(len(outlets), 1) for i, name in enumerate(outlets)}
    place = {name: (math.cos(a), math.sin(a)) for name, a in angle.items()}
    with plt.rc_context(_STYLE):
        figure, axes = plt.subplots(figsize=(7, 6))
        # Opposite bends, so a story both copied and credited shows both arrows.
        for edges, style, colour, bend in ((copies, "-", "#b03a2e", 0.15), (syndications, "--", "#2e6fb0", -0.15)):
            for (source, target), count in edges.items():
                axes.annotate(
                    "", xy=place[target], xytext=place[source],
                    arrowprops={"arrowstyle": "-|>", "linestyle": style, "color": colour,
                                "lw": 1 + math.log2(count), "shrinkA": 8, "shrinkB": 8,
                                "connectionstyle": f"arc3,rad={bend}"},
                )
        for name, (x, y) in place.items():
            axes.plot([x], [y], "o", color="#444", markersize=8)
            axes.text(x * 1.12, y * 1.12, _short(name), ha="left" if x >= 0 else "right", va="center")
        axes.plot([], [], "-", color="#b03a2e", label="copied text (original → copy)")
        axes.plot([], [], "--", color="#2e6fb0", label="credited source (\"By …\")")
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
        axes.set_xlim(-1.9, 1.9)
        axes.set_ylim(-1.4, 1.4)
        axes.set_aspect("equal")
        axes.axis("off")
        return _png(figure)
