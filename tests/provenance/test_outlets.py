from unspin.document import Document, Source, Syndication
from unspin.provenance import profile_outlet
from unspin.provenance.outlets import domain_of, profile, resolve


def test_domain_of_strips_scheme_www_and_port():
    assert domain_of("https://www.RT.com:443/news/1") == "rt.com"
    assert domain_of("m.bbc.co.uk") == "bbc.co.uk"
    assert domain_of("not a url") is None


def test_names_resolve_through_domain_derived_aliases():
    assert resolve("Global Research") == "globalresearch.ca"
    assert resolve("RT") == "rt.com"
    assert resolve("The Guardian") == "theguardian.com"
    assert resolve("GLOBAL-research") == "globalresearch.ca"
    assert resolve("Reuters") == "reuters.com"


def test_names_resolve_through_curated_aliases_and_subdomains():
    assert resolve("Associated Press") == "apnews.com"
    assert resolve("The New York Times") == "nytimes.com"
    assert resolve("https://edition.cnn.com/2019/x") == "cnn.com"
    assert resolve("news.bbc.co.uk") == "bbc.co.uk"


def test_profile_of_known_outlet_says_which_source_labelled_it():
    rt = profile("RT")
    assert rt["known"] is True
    assert rt["domain"] == "rt.com"
    assert rt["reliability_label"] == -1
    assert rt["label_source"] == "newsguard"
    assert rt["newsguard_score"] == 32.5
    assert "not this article" in rt["note"]


def test_profile_of_unknown_outlet():
    assert profile("The Daily Nowhere Gazette") == {"name": "The Daily Nowhere Gazette", "known": False}
    assert resolve("") is None


def test_url_wins_over_outlet_name():
    doc = Document("Body.", source=Source(url="https://www.globalresearch.ca/x", outlet="RT"))
    profile_outlet(doc)
    assert doc.provenance.outlet == "globalresearch.ca"
    assert doc.provenance.outlet_profile["reliability_label"] == -2


def test_site_name_then_cleaning_publisher_then_known_byline():
    doc = Document("Body.", source=Source(site_name="Reuters"))
    profile_outlet(doc)
    assert doc.provenance.outlet_profile["domain"] == "reuters.com"

    doc = Document("Body.")
    doc.provenance.outlet = "Global Research"
    profile_outlet(doc)
    assert doc.provenance.outlet_profile["domain"] == "globalresearch.ca"

    doc = Document("Body.", source=Source(author="Associated Press"))
    profile_outlet(doc)
    assert doc.provenance.outlet == "Associated Press"


def test_a_person_byline_is_not_an_outlet():
    doc = Document("Body.", source=Source(author="Jane Q. Writer"))
    profile_outlet(doc)
    assert doc.provenance.outlet is None
    assert doc.provenance.outlet_profile is None


def test_unknown_outlet_is_profiled_as_unknown():
    doc = Document("Body.", source=Source(outlet="Nowhere Weekly"))
    profile_outlet(doc)
    assert doc.provenance.outlet_profile == {"name": "Nowhere Weekly", "known": False}


def test_no_outlet_leaves_provenance_empty():
    doc = Document("Just a body without any metadata.")
    profile_outlet(doc)
    assert doc.provenance.outlet is None and doc.provenance.outlet_profile is None


def test_syndication_sources_get_their_own_profile():
    doc = Document("Body.")
    doc.provenance.syndicated_from.append(Syndication("RT", "By RT"))
    doc.provenance.syndicated_from.append(Syndication("Nowhere Wire", "Source: Nowhere Wire"))
    profile_outlet(doc)
    rt, other = doc.provenance.syndicated_from
    assert rt.attrs["reliability"]["label_source"] == "newsguard"
    assert other.attrs["reliability"] == {"name": "Nowhere Wire", "known": False}


def test_in_body_syndication_found_by_cleaning_gets_profiles():
    import unspin

    report = unspin.analyze(
        "WASHINGTON (Reuters) - The Senate voted on Tuesday.\n\nThis article originally appeared on The Guardian.",
        title="Senate votes",
        url="https://www.example-unknown-news.org/x",
        analysers=[profile_outlet],
    ).to_dict()
    provenance = report["provenance"]
    assert provenance["outlet_profile"] == {"name": "example-unknown-news.org", "known": False}
    domains = {s["name"]: s["reliability"].get("domain") for s in provenance["syndicated_from"]}
    assert domains == {"Reuters": "reuters.com", "The Guardian": "theguardian.com"}


def test_bare_agency_credit_opening_the_lead():
    doc = Document("Senate votes\n\nReuters - The Senate voted on Tuesday.", title="Senate votes")
    profile_outlet(doc)
    (credit,) = doc.provenance.syndicated_from
    assert (credit.name, credit.evidence) == ("Reuters", "Reuters -")
    assert credit.attrs["reliability"]["domain"] == "reuters.com"


def test_dash_after_an_ordinary_word_is_no_credit():
    doc = Document("Senate votes\n\nSenators - most of them - voted on Tuesday.", title="Senate votes")
    profile_outlet(doc)
    assert doc.provenance.syndicated_from == []


def test_credit_already_found_by_cleaning_is_not_repeated():
    doc = Document("Senate votes\n\nReuters - The Senate voted.", title="Senate votes")
    doc.provenance.syndicated_from.append(Syndication("Reuters", "By Reuters"))
    profile_outlet(doc)
    assert [s.evidence for s in doc.provenance.syndicated_from] == ["By Reuters"]
