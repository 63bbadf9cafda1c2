from typer.testing import CliRunner

from unspin.cli import app
from unspin.ptc import io as ptc_io

ARTICLE = ("Traitors sell out the nation\n\n"
           "The corrupt, lying elites in Brüssel betrayed us all — a disgusting, shameful disgrace.\n"
           "They want you to be afraid, so afraid that you will never question them.\n")


def test_predict_writes_spans_with_raw_file_offsets(tmp_path, shipped_model):
    (tmp_path / "article9.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "pred.tsv"
    result = CliRunner().invoke(app, ["ptc", "predict", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    labels = ptc_io.read_labels(out)
    assert labels and all(label.article_id == "9" and label.end <= len(ARTICLE) for label in labels)
    assert any("disgusting" in ARTICLE[label.start : label.end] or "corrupt" in ARTICLE[label.start : label.end]
               for label in labels)


def test_classify_fills_each_template_row_in_order(tmp_path, shipped_model):
    (tmp_path / "article9.txt").write_text(ARTICLE, encoding="utf-8")
    start = ARTICLE.index("disgusting")
    template = tmp_path / "template.tsv"
    template.write_text(f"9\t?\t{start}\t{start + 10}\n9\t?\t0\t8\n")
    out = tmp_path / "tc.tsv"
    result = CliRunner().invoke(app, ["ptc", "classify", str(tmp_path), "--spans", str(template), "-o", str(out)])
    assert result.exit_code == 0, result.output
    labels = ptc_io.read_labels(out)
    assert [(label.start, label.end) for label in labels] == [(start, start + 10), (0, 8)]
    assert all(label.technique != ptc_io.UNKNOWN for label in labels)


def test_classify_refuses_spans_of_missing_articles(tmp_path, shipped_model):
    (tmp_path / "article9.txt").write_text(ARTICLE, encoding="utf-8")
    template = tmp_path / "template.tsv"
    template.write_text("10\t?\t0\t5\n")
    result = CliRunner().invoke(app, ["ptc", "classify", str(tmp_path), "--spans", str(template), "-o", str(tmp_path / "o.tsv")])
    assert result.exit_code == 2 and "article10.txt" in result.output
