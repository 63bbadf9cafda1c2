import unspin
from unspin.pipeline import default_analysers
from unspin.techniques import detect


def test_detector_is_a_default_analyser():
    assert detect in default_analysers()


def test_report_json_has_techniques_sentences_and_summary(shipped_model):
    report = unspin.analyze("The corrupt, lying elites betrayed us all. It is a disgusting, shameful disgrace!",
                            title="Traitors sell out the nation")
    data = report.to_dict()
    assert data["techniques"] and {"technique", "start", "end", "text", "score", "explanation"} <= set(data["techniques"][0])
    for item in data["techniques"]:
        assert data["text"][item["start"] : item["end"]] == item["text"]
    assert data["sentences"] and all("score" in s for s in data["sentences"])
    assert data["summary"]["techniques"]["spans"] == len(data["techniques"])
