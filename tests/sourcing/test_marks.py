from unspin.sourcing.marks import find_quotes


def quoted(text):
    return [text[s:e] for s, e in find_quotes(text)]


def test_straight_and_curly_quotes():
    text = 'He said "yes" and then \u201cno\u201d.'
    assert quoted(text) == ['"yes"', "\u201cno\u201d"]


def test_quote_split_by_he_said():
    text = '"We will win," he said. "It is certain."'
    assert quoted(text) == ['"We will win,"', '"It is certain."']


def test_multi_sentence_quote_over_lines_closes_at_its_mark():
    text = '"First sentence.\nSecond sentence," Trump said.\nNext.'
    assert quoted(text) == ['"First sentence.\nSecond sentence,"']


def test_multi_paragraph_quote_reopened_on_each_paragraph():
    text = '\u201cFirst paragraph goes on.\n\u201cSecond paragraph ends.\u201d she said.'
    assert quoted(text) == ["\u201cFirst paragraph goes on.", "\u201cSecond paragraph ends.\u201d"]


def test_nested_curly_quote_stays_inside():
    text = "He tweeted, \u201cShe told women: \u201cYou fail.\u201d Later more.\u201d End."
    assert quoted(text) == ["\u201cShe told women: \u201cYou fail.\u201d Later more.\u201d"]


def test_unclosed_quote_ends_with_its_line():
    text = 'A "dangling quote with no end\n' + "\n".join(["line"] * 10)
    assert quoted(text) == ['"dangling quote with no end']


def test_no_quotes_and_inch_marks():
    assert find_quotes("No quotes here at all.") == []
    assert quoted('A 12" pipe and a "word".') == ['"word"']


def test_a_quote_left_open_inside_a_sentence_ends_with_its_line_when_a_later_line_opens_one():
    text = (
        "The bishop says in his letter that \u201ceach person is to be respected.\n"
        "Other parishes do the same.\n"
        "Anna Berg says it has \u201can enormous power.\u201d\n"
        "\u201cWe stress the value of relationships,\u201d Berg explains."
    )
    assert quoted(text) == [
        "\u201ceach person is to be respected.",
        "\u201can enormous power.\u201d",
        "\u201cWe stress the value of relationships,\u201d",
    ]


def test_a_quoted_report_opening_a_paragraph_keeps_its_nested_quotes_over_lines():
    report = "\u201c\u2018It is a concern,\u2019 said Sgt.\nThe \u201cerpos\u201d give us that tool now.\u201d"
    assert quoted(report + "\nNext.") == [report]
