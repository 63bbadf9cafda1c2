"""The article named in the issue: an RT piece republished by Global Research."""

from pathlib import Path

import pytest

import unspin
from unspin.sourcing.speakers import name_key

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "globalresearch-rt-deir-ez-zor.txt"


@pytest.fixture(scope="module")
def report():
    if not SAMPLE.is_file():
        pytest.skip("../shared is not available")
    return unspin.analyze_file(SAMPLE).to_dict()


EXPECTED = {
    "Vitaly Churkin": "Russia's Ambassador",
    "Samantha Power": "envoy",
    "Joshua Landis": "Center for Middle Eastern Studies, University of Oklahoma",
    "William Jones": "Washington Bureau Chief of Executive Intelligence Review",
    "Gregory Copley": "editor of Defense & Foreign Affairs",
    "Abayomi Azikiwe": "editor at Pan-African News Wire",
}


@pytest.mark.parametrize("speaker,affiliation", EXPECTED.items())
def test_speakers_with_their_stated_affiliation(report, speaker, affiliation):
    sources = report["summary"]["sources"]["sources"]
    matching = [s for s in sources if set(name_key(speaker)) <= set(name_key(s["speaker"]))]
    assert matching, f"{speaker} not among {[s['speaker'] for s in sources]}"
    assert affiliation in matching[0]["affiliation"]
    quoted = [q for q in report["quotes"] if q["kind"] == "direct" and q["speaker"] == matching[0]["speaker"]]
    assert quoted


def test_landis_back_references_resolve_to_him(report):
    landis = [q for q in report["quotes"] if q["speaker"] == "Joshua Landis" and q["kind"] == "direct"]
    assert len(landis) >= 4
    assert any(q["text"].startswith('"This was a very embarrassing') for q in landis)
    assert any(q["text"].startswith('"As we\'ve heard') for q in landis)


def test_62_killed_claim_attributed_to_ministry(report):
    claims = [c for c in report["claims"] if c["text"].startswith("62 people were killed")]
    (claim,) = claims
    assert claim["attributed_to"] == "Russian Ministry of Defense"
    assert claim["figures"][0]["value"] == 62
    assert claim["rank"] == 1


def test_syndicated_from_rt_via_global_research(report):
    provenance = report["provenance"]
    assert provenance["outlet"] == "Global Research"
    outlet = provenance["outlet_profile"]
    assert (outlet["domain"], outlet["reliability_label"], outlet["label_source"]) == ("globalresearch.ca", -2, "wikipedia")
    (rt,) = [s for s in provenance["syndicated_from"] if s["name"] == "RT"]
    assert (rt["reliability"]["domain"], rt["reliability"]["reliability_label"]) == ("rt.com", -1)
    assert rt["reliability"]["label_source"] == "newsguard"
    assert "not this article" in rt["reliability"]["note"]


def test_he_after_an_organisation_is_still_the_analyst(report):
    (last,) = [q for q in report["quotes"] if q["kind"] == "direct" and q["text"].startswith('"This is problematic')]
    assert last["speaker"] == "Abayomi Azikiwe"


def test_hypothetical_scare_quote_gets_no_organisation_speaker(report):
    assert not [q for q in report["quotes"] if q["kind"] == "direct" and "unintentional" in q["text"] and q["speaker"]]
