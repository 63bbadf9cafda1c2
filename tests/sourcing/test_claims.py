from unspin.document import Document
from unspin.sourcing import add_claims, add_quotes


def claims_of(text, with_quotes=True):
    doc = Document(text)
    if with_quotes:
        add_quotes(doc)
    add_claims(doc)
    return doc.spans("claims")


def test_casualty_figure_attributed_to_ministry():
    (claim,) = claims_of("62 people were killed, according to the Russian Ministry of Defense.")
    assert claim.attrs["attributed_to"] == "Russian Ministry of Defense"
    assert claim.attrs["unattributed"] is False
    (figure,) = claim.attrs["figures"]
    assert figure["value"] == 62 and figure["unit"] == "people killed" and figure["text"] == "62 people"


def test_attribution_found_without_the_quotes_layer():
    (claim,) = claims_of("62 people were killed, according to the Russian Ministry of Defense.", with_quotes=False)
    assert claim.attrs["attributed_to"] == "Russian Ministry of Defense"


def test_unattributed_figures_are_flagged():
    (claim,) = claims_of("The government spent $4.5 billion on the program.")
    assert claim.attrs["unattributed"] is True
    assert "Unattributed" in claim.explanation
    assert claim.attrs["figures"][0]["value"] == 4_500_000_000
    assert claim.attrs["figures"][0]["unit"] == "dollars"


def test_ranked_by_check_worthiness():
    text = (
        "The company hired 40 workers in 2015.\n"
        "Unemployment rose to 12 percent, more than double the rate of 2010, officials said.\n"
        "About 300 soldiers were wounded in the attack, according to the army."
    )
    claims = claims_of(text)
    ranked = sorted(claims, key=lambda c: c.attrs["rank"])
    assert [c.attrs["rank"] for c in ranked] == list(range(1, len(claims) + 1))
    assert [c.score for c in ranked] == sorted((c.score for c in claims), reverse=True)
    assert "hired 40 workers" in text[ranked[-1].start : ranked[-1].end]
    assert ranked[-1].attrs["unattributed"] and not ranked[0].attrs["unattributed"]
    assert all(0 <= c.score <= 1 for c in claims)


def test_sentences_without_figures_are_not_claims():
    assert claims_of("The minister spoke on Saturday about the weather. Nobody listened.") == []


def test_one_of_is_not_a_figure():
    assert claims_of("One of the biggest stories is being ignored, one reporter said.") == []
