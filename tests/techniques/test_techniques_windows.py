import numpy as np
import pytest
from tokenizers import Tokenizer
from tokenizers.models import WordLevel
from tokenizers.pre_tokenizers import Whitespace
from tokenizers.processors import RobertaProcessing

from unspin.techniques import windows


@pytest.fixture(scope="module")
def tokenizer(shipped_or_training_tokenizer):
    return shipped_or_training_tokenizer


def test_window_starts_cover_the_text_and_end_flush():
    assert windows.window_starts(10, 254, 128) == [0]
    assert windows.window_starts(600, 254, 128) == [0, 128, 256, 346]


def test_windows_hold_cls_pieces_sep_and_padding():
    tokens = windows.Tokens(np.arange(1, 8), np.array([(i, i + 1) for i in range(7)]))
    cut = windows.make_windows(tokens, max_length=6, stride=2, cls_id=101, sep_id=102)
    assert cut.starts.tolist() == [0, 2, 3]
    assert cut.ids[0].tolist() == [101, 1, 2, 3, 4, 102]
    assert cut.ids[2].tolist() == [101, 4, 5, 6, 7, 102]
    short = windows.make_windows(windows.Tokens(np.array([5]), np.array([(0, 1)])), max_length=6, stride=2,
                                 cls_id=101, sep_id=102)
    assert short.ids[0].tolist() == [101, 5, 102, 0, 0, 0]
    assert short.mask[0].tolist() == [1, 1, 1, 0, 0, 0]


def _roberta_style_tokenizer() -> Tokenizer:
    """A tiny MPNet-like tokenizer: ``<s>``/``</s>`` added by a RobertaProcessing, a stray ``[CLS]`` in its vocabulary."""
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "[UNK]": 3, "[CLS]": 4, "[SEP]": 5, "hello": 6}
    tokenizer = Tokenizer(WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = Whitespace()
    tokenizer.post_processor = RobertaProcessing(("</s>", 2), ("<s>", 0))
    tokenizer.enable_padding(pad_id=1, pad_token="<pad>", length=8)
    return tokenizer


def test_special_ids_come_from_the_post_processor_not_the_token_names(tokenizer):
    assert windows.special_ids(tokenizer) == (tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]"))
    assert windows.special_ids(_roberta_style_tokenizer()) == (0, 2)


def test_special_ids_refuse_a_tokenizer_that_adds_none():
    bare = Tokenizer(WordLevel({"[UNK]": 0}, unk_token="[UNK]"))
    with pytest.raises(ValueError):
        windows.special_ids(bare)


def test_stitch_averages_overlaps_and_prefers_central_positions():
    tokens = windows.Tokens(np.arange(7), np.zeros((7, 2), dtype=np.int64))
    cut = windows.make_windows(tokens, max_length=6, stride=2, cls_id=1, sep_id=2)
    per_window = np.zeros((len(cut.ids), 6, 1), dtype=np.float32)
    for row in range(len(cut.ids)):
        per_window[row, :, 0] = row  # every window says its own row number
    stitched = windows.stitch(cut, per_window, 7)
    assert stitched[0, 0] == 0 and stitched[6, 0] == 2
    assert 0 < stitched[3, 0] < 2
    central = windows.most_central(cut, per_window, 7)
    assert central[:, 0].tolist() == [0, 0, 0, 1, 1, 2, 2]  # ties keep the earlier window


def test_offsets_are_str_indices_on_non_ascii_text(tokenizer):
    text = "Zürich’s “naïve” leaders 🙂 slam the café — again."
    tokens = windows.tokenize(tokenizer, text)
    pieces = [text[start:end] for start, end in tokens.offsets]
    assert "slam" in pieces and "naïve" in pieces and "café" in pieces


def test_long_text_windows_keep_offsets(tokenizer):
    text = " ".join(f"Ünïcode word{i} — end." for i in range(2000))
    tokens = windows.tokenize(tokenizer, text)
    cut = windows.make_windows(tokens, max_length=256, stride=128, cls_id=101, sep_id=102)
    assert len(cut.ids) > 10 and cut.starts[-1] + cut.lengths[-1] == len(tokens.ids)
    last_start, last_end = tokens.offsets[-1]
    assert text[last_start:last_end] == "." and last_end == len(text)


def test_transfer_averages_the_source_tokens_a_target_token_overlaps():
    # "unspin it": source pieces "un" "spin" " it"-less "it"; target pieces "unspin" "it"
    source = np.array([[0, 2], [2, 6], [7, 9]])
    target = np.array([[0, 6], [7, 9]])
    values = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]], dtype=np.float32)
    out = windows.transfer(values, source, target)
    assert out.tolist() == [[0.5, 0.5], [0.5, 0.5]]


def test_transfer_splits_one_source_token_over_several_target_tokens():
    source = np.array([[0, 6]])
    target = np.array([[0, 2], [2, 6]])
    out = windows.transfer(np.array([[0.25, 0.75]], dtype=np.float32), source, target)
    assert out.tolist() == [[0.25, 0.75], [0.25, 0.75]]


def test_transfer_takes_the_nearest_source_token_where_none_overlaps():
    source = np.array([[0, 3], [5, 8]])
    target = np.array([[3, 5], [9, 10]])  # a gap between source tokens; past the last one
    values = np.array([[1.0], [2.0]], dtype=np.float32)
    assert windows.transfer(values, source, target).tolist() == [[2.0], [2.0]]


def test_transfer_is_the_identity_for_the_same_tokenization_on_non_ascii_text(tokenizer):
    tokens = windows.tokenize(tokenizer, "Ça «commence» — naïvement, 東京 déjà.")
    values = np.random.default_rng(0).random((len(tokens.ids), 3)).astype(np.float32)
    assert np.allclose(windows.transfer(values, tokens.offsets, tokens.offsets), values)
