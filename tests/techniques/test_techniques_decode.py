import numpy as np

from unspin.techniques import decode, windows


def test_snap_widens_to_whole_words_and_trims_space():
    text = "They slammed the plan"
    assert decode.snap_to_words(text, 7, 10) == (5, 12)  # "amm" -> "slammed"
    assert decode.snap_to_words(text, 4, 13) == (5, 12)  # " slammed " -> "slammed"


def test_snap_stops_at_punctuation_but_keeps_hyphenated_words_whole():
    text = 'a "so-called" b, c'
    start, end = decode.snap_to_words(text, 4, 5)
    assert text[start:end] == "so-called"
    start, end = decode.snap_to_words(text, 2, 9)
    assert text[start:end] == '"so-called'
    start, end = decode.snap_to_words(text, 14, 15)
    assert text[start:end] == "b"


def test_snap_never_ends_inside_a_word_of_any_script():
    text = "an imperative vis-à-vis Syria"
    start, end = decode.snap_to_words(text, 3, 18)  # "imperative vis-"
    assert text[start:end] == "imperative vis-à-vis"
    start, end = decode.snap_to_words(text, 18, 19)  # "à"
    assert text[start:end] == "vis-à-vis"
    decomposed = "a nai\u0308ve and cafe\u0301 plan"  # accents as combining marks
    start, end = decode.snap_to_words(decomposed, 2, 5)  # "nai" without its diaeresis
    assert decomposed[start:end] == "nai\u0308ve"
    start, end = decode.snap_to_words(decomposed, 12, 16)  # "cafe" without its acute accent
    assert decomposed[start:end] == "cafe\u0301"
    greek, cyrillic = "in Ελλα\u0301δα today", "near Ростов-на-Дону now"
    assert greek[slice(*decode.snap_to_words(greek, 3, 7))] == "Ελλα\u0301δα"
    assert cyrillic[slice(*decode.snap_to_words(cyrillic, 5, 11))] == "Ростов-на-Дону"


def test_fragments_of_tokenised_text_cover_whole_words(shipped_or_training_tokenizer):
    """The tokenizer splits these words into pieces (and drops combining accents from its offsets):
    a run over the first pieces only still gives the whole word."""
    for text, word in [("an imperative vis-à-vis Syria", "imperative vis-à-vis"),
                       ("in Ελλα\u0301δα today", "Ελλα\u0301δα"),
                       ("near Ростов-на-Дону now", "Ростов-на-Дону")]:
        tokens = windows.tokenize(shipped_or_training_tokenizer, text)
        first = int(np.searchsorted(tokens.offsets[:, 0], text.index(word)))
        presence = np.zeros(len(tokens.ids))
        presence[first : first + 4] = 0.9
        (fragment,) = decode.fragments(text, tokens.offsets, presence, 0.5)
        assert text[fragment.start : fragment.end] == word


def test_snap_keeps_words_with_an_apostrophe_whole():
    text = "He doesn't want Russia’s 'help'"
    start, end = decode.snap_to_words(text, 3, 8)  # "doesn" -> "doesn't"
    assert text[start:end] == "doesn't"
    start, end = decode.snap_to_words(text, 9, 15)  # "t want" -> "doesn't want"
    assert text[start:end] == "doesn't want"
    start, end = decode.snap_to_words(text, 16, 20)
    assert text[start:end] == "Russia’s"
    start, end = decode.snap_to_words(text, 26, 30)  # quote marks around a word are not apostrophes
    assert text[start:end] == "help"


def test_a_run_cut_at_an_apostrophe_becomes_one_fragment():
    text = "They doesn't want it"
    offsets = np.array([[0, 4], [5, 10], [10, 11], [11, 12], [13, 17], [18, 20]])
    presence = np.array([0.1, 0.9, 0.2, 0.9, 0.9, 0.1])
    (fragment,) = decode.fragments(text, offsets, presence, 0.5)
    assert text[fragment.start : fragment.end] == "doesn't want"


def test_token_runs_split_on_threshold_and_begin():
    presence = np.array([0.1, 0.9, 0.8, 0.2, 0.7, 0.9, 0.9])
    assert decode.token_runs(presence, 0.5) == [(1, 2), (4, 6)]
    begin = np.array([0, 0.9, 0, 0, 0.9, 0, 0.95])
    assert decode.token_runs(presence, 0.5, begin, 0.9) == [(1, 2), (4, 5), (6, 6)]


def test_fragments_use_token_offsets_and_drop_tiny_spans():
    text = "We are facing a brutal, savage war ."
    offsets = np.array([(0, 2), (3, 6), (7, 13), (14, 15), (16, 22), (22, 23), (24, 30), (31, 34), (35, 36)])
    presence = np.array([0, 0, 0, 0, 0.9, 0.9, 0.9, 0, 0.9])
    found = decode.fragments(text, offsets, presence, 0.5)
    assert [text[f.start : f.end] for f in found] == ["brutal, savage"]
    assert (found[0].first, found[0].last) == (4, 6)
    assert abs(found[0].presence - 0.9) < 1e-6


def test_token_range_maps_characters_to_tokens():
    offsets = np.array([(0, 2), (3, 6), (7, 13)])
    assert decode.token_range(offsets, 3, 6) == (1, 1)
    assert decode.token_range(offsets, 4, 9) == (1, 2)
    assert decode.token_range(offsets, 13, 20) is None


def test_function_word_fragments_can_be_dropped():
    text = "It is a brutal war"
    offsets = np.array([(0, 2), (3, 5), (6, 7), (8, 14), (15, 18)])
    presence = np.array([0.9, 0.9, 0.1, 0.9, 0.1])
    kept = decode.fragments(text, offsets, presence, 0.5, content_words_only=True)
    assert [text[f.start : f.end] for f in kept] == ["brutal"]
    assert len(decode.fragments(text, offsets, presence, 0.5)) == 2


def test_a_cut_inside_a_word_gives_one_fragment():
    text = "a shameful act"
    offsets = np.array([(0, 1), (2, 7), (7, 10), (11, 14)])  # "shame" + "##ful"
    presence = np.array([0.1, 0.9, 0.9, 0.1])
    begin = np.array([0.0, 0.9, 0.9, 0.0])
    found = decode.fragments(text, offsets, presence, 0.5, begin, 0.5)
    assert [(text[f.start : f.end], f.first, f.last) for f in found] == [("shameful", 1, 2)]


def _trimmed(text: str, **kwargs) -> str:
    return text[slice(*decode.trim_edges(text, 0, len(text), **kwargs))]


def test_unpaired_quote_marks_and_punctuation_are_trimmed_from_edges():
    assert _trimmed('"not only ') == "not only"
    assert _trimmed('" but refusing,') == "but refusing"
    assert _trimmed("infidels” and") == "infidels” and"  # a mark inside the span stays
    assert _trimmed("brutal, savage —") == "brutal, savage"
    assert _trimmed("(so to speak") == "so to speak"


def test_paired_quote_marks_and_brackets_stay():
    assert _trimmed('"so-called" experts') == '"so-called" experts'
    assert _trimmed("“evil”") == "“evil”"
    assert _trimmed("(a big lie)") == "(a big lie)"
    assert _trimmed('"evil".') == '"evil"'


def test_edge_words_are_trimmed_only_when_asked_and_a_content_word_is_left():
    words = frozenset({"as", "of", "and", "the"})
    assert _trimmed("would make as") == "would make as"
    assert _trimmed("would make as", edge_words=words) == "would make"
    assert _trimmed('infidels" and', edge_words=words) == "infidels"
    assert _trimmed('"of the enemy', edge_words=words) == "enemy"
    assert _trimmed("as of the", edge_words=words) == "as of the"  # nothing but edge words: kept as is


def test_fragments_lose_unpaired_marks_at_their_edges():
    text = 'He said "not only" and " but refusing" then.'
    offsets = np.array([(0, 2), (3, 7), (8, 9), (9, 12), (13, 17), (17, 18), (19, 22), (23, 24), (25, 28),
                        (29, 37), (37, 38), (39, 43), (43, 44)])
    presence = np.array([0, 0, 0.9, 0.9, 0.9, 0, 0, 0.9, 0.9, 0.9, 0, 0, 0])
    found = decode.fragments(text, offsets, presence, 0.5)
    assert [text[f.start : f.end] for f in found] == ["not only", "but refusing"]
    assert [(f.first, f.last) for f in found] == [(2, 4), (7, 9)]
