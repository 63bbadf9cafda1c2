"""Label titles and colours: every known technique and rhetoric kind has its own, unknown labels still get one."""

from __future__ import annotations

import re

from unspin.render.legend import KIND_COLOURS, TECHNIQUE_COLOURS, label_style, mix_with_white
from unspin.rhetoric.kinds import KINDS
from unspin.techniques.definitions import NAMES, TECHNIQUES


def test_every_technique_has_a_distinct_colour_and_its_title():
    assert set(TECHNIQUE_COLOURS) == set(NAMES)
    assert len(set(TECHNIQUE_COLOURS.values())) == len(NAMES)
    style = label_style("techniques", "Loaded_Language")
    assert style.title == TECHNIQUES["Loaded_Language"].title and style.paint == "tint"


def test_every_rhetoric_kind_has_a_colour_title_and_description():
    assert set(KINDS) <= set(KIND_COLOURS)
    style = label_style("findings", "scare_quote")
    assert style.title == KINDS["scare_quote"].title and style.description and style.paint == "underline"


def test_unknown_labels_get_a_stable_valid_colour_and_a_readable_title():
    style = label_style("new_layer", "some_label")
    assert re.fullmatch(r"#[0-9a-f]{6}", style.colour)
    assert style.title == "Some label"
    assert label_style("new_layer", "some_label").colour == style.colour


def test_pastel_is_lighter_than_the_colour():
    assert mix_with_white("#000000", 0.5) == "#808080"
    assert mix_with_white("#e15759", 0.0) == "#e15759"
