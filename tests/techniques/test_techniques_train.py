"""Training data preparation (needs the [train] extra; skipped without torch). No model is trained."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch")

from unspin.ptc import io as ptc_io  # noqa: E402
from unspin.techniques import corpus, infer, train, windows  # noqa: E402

TEXT = "Title\n\nThe corrupt elite betrayed us all.\n"


@pytest.fixture()
def article() -> corpus.Article:
    start = TEXT.index("corrupt elite")
    return corpus.Article("1", TEXT, [ptc_io.Label("1", "Name_Calling,Labeling", start, start + len("corrupt elite"))])


def test_examples_without_a_teacher_carry_the_gold_spans(article, shipped_or_training_tokenizer):
    (example,) = train.build_examples([article], shipped_or_training_tokenizer, max_length=32, stride=24)
    inside = example["targets"][:, infer.PRESENCE]
    assert set(np.unique(inside)) == {0.0, 1.0}
    assert len(example["spans"]) == 1


def test_a_teacher_on_other_word_pieces_is_mixed_into_the_targets(article, shipped_or_training_tokenizer):
    tokens = windows.tokenize(shipped_or_training_tokenizer, TEXT)
    teacher = {"1": np.full((len(tokens.ids), infer.N_TOKEN_OUTPUTS), 0.5, dtype=np.float32)}
    (example,) = train.build_examples([article], shipped_or_training_tokenizer, max_length=32, stride=24,
                                      teacher=teacher, share=0.5)
    real = example["targets"][1 : 1 + example["length"], infer.PRESENCE]
    assert set(np.unique(real)) == {0.25, 0.75}  # half gold (0 or 1), half teacher (0.5)
    assert not example["targets"][0].any()  # the [CLS] position stays untaught
