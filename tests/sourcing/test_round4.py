"""Round 4 patterns of speaker attribution, on sentences written for the test."""

from unspin.document import Document
from unspin.sourcing import add_quotes


def speakers(text):
    doc = Document(text)
    add_quotes(doc)
    return [q.attrs["speaker"] for q in doc.spans("quotes") if q.label == "direct"]


def test_colon_line_skips_speech_verbs_inside_quotes():
    text = (
        'A favourite trick of managers is to "ask questions" instead of giving orders, '
        "and Maria Delgado asked some pointed questions in her closing speech:\n"
        "\u201cWho decides what counts as success in this company?\u201d"
    )
    assert speakers(text) == ["Maria Delgado"]


def test_name_broken_after_a_title_at_the_line_end():
    text = (
        "\u201cThe class has been a blessing for the whole town,\u201d said the Rev.\n"
        "Thomas J. Whitfield, pastor at Grace Church in Milton."
    )
    assert speakers(text) == ["Thomas J. Whitfield"]


def test_an_editorial_is_no_he():
    text = (
        "Bishop Carl Henson met the families on Monday.\n"
        "An unsigned Herald editorial said the meeting came too late.\n"
        "He spoke of his \u201cdeep sorrow and regret\u201d at what had happened."
    )
    assert speakers(text) == ["Carl Henson"]


def test_quoted_words_modifying_a_noun_are_a_term():
    text = "The senator said he would fight the new \u201cred flag\u201d laws in every court of the state."
    assert speakers(text) == []
    text = "When Senator Hale promised to add \u201cmental health\u201d checks to gun sales, he said nothing of cost."
    assert speakers(text) == []


def test_nested_quote_takes_the_cue_inside_the_outer_quote():
    text = (
        "The newspaper report went on:\n"
        "\u201c\u2018We will close the border next week,\u2019 Governor Hal Brenner said at a meeting "
        "with county officials on Tuesday.\u201d"
    )
    assert speakers(text) == ["Hal Brenner"]


def test_laid_down_and_specified_introduce_a_text():
    text = (
        "Blasphemy was so grave that the Law specified, \u201cHe that blasphemeth shall surely be put to death.\u201d\n"
        "Against false witness, Deuteronomy laid down, "
        "\u201cThou shalt do to him as he meant to do to his brother.\u201d"
    )
    assert speakers(text) == ["Law", "Deuteronomy"]


def test_to_quote_a_name_gives_the_quoted_author():
    text = (
        "The Church has remedies for such a crisis.\n"
        "To quote Bellarmine again: \u201cA pope who is a manifest heretic ceases by himself to be pope.\u201d"
    )
    assert speakers(text) == ["Bellarmine"]


def test_used_the_term_is_a_cue():
    text = "In the memo, Karen Ostrowski used the term \u201cquiet donation\u201d for the company's help."
    assert speakers(text) == ["Karen Ostrowski"]


def test_a_capital_he_inside_a_sentence_is_god():
    text = (
        "Moses led the people out of Egypt.\n"
        "God made His will plain when He told Moses, \u201cThou shalt have no other gods before me.\u201d"
    )
    assert speakers(text) == ["God"]


def test_a_lawsuit_speaks_as_a_text():
    text = (
        "Parent Dana Whitlock said she was worried.\n"
        "The lawsuit charges that the class \u201cadvances and endorses one religion over all others.\u201d"
    )
    assert speakers(text) == ["lawsuit"]


def test_headline_x_to_y_quotes_x():
    title = "Veterans Group to Congress: \u201cKeep Your Promise on Health Care Now\u201d"
    doc = Document(title + "\n\nA veterans group wrote to Congress on Monday about delays at clinics.", title=title)
    add_quotes(doc)
    (quote,) = [q for q in doc.spans("quotes") if q.label == "direct"]
    assert quote.attrs["speaker"] == "Veterans Group"


def test_a_reference_after_the_quote_names_its_author():
    text = (
        "The cardinals alone elect the pope, and they \u201chave held that right ever since the eleventh "
        "century.\u201d (Margaret Holloway, The Papacy, 181)."
    )
    assert speakers(text) == ["Margaret Holloway"]


def test_protested_that_is_a_cue():
    text = (
        "Cardinal Pieter Vos, archbishop of Utrecht, protested that the new rule means that \u201cthe bishops "
        "fail to keep and hand on the faith.\u201d"
    )
    assert speakers(text) == ["Pieter Vos"]


def test_he_in_a_when_clause_is_the_main_subject():
    text = (
        "King Ahab blamed the prophet for the drought.\n"
        "Habakkuk set the record straight when he answered, \u201cI have not troubled Israel; but thou hast.\u201d"
    )
    assert speakers(text) == ["Habakkuk"]


def test_according_to_counts_for_a_short_quote():
    text = (
        "The district will keep the class.\n"
        "According to Elliott, the program is \u201cextremely rare\u201d and only a few districts have one."
    )
    assert speakers(text) == ["Elliott"]
