from typer.testing import CliRunner

from unspin.cli import app


def test_score_prints_overall_and_per_technique_rows(tmp_path):
    gold, pred = tmp_path / "gold.tsv", tmp_path / "pred.tsv"
    gold.write_text("1\tDoubt\t0\t10\n1\tSlogans\t20\t30\n")
    pred.write_text("1\tDoubt\t5\t15\n")
    result = CliRunner().invoke(app, ["ptc", "score", "--task", "flc", "--gold", str(gold), "--pred", str(pred)])
    assert result.exit_code == 0, result.output
    overall = next(line for line in result.output.splitlines() if "overall" in line)
    assert "0.5000" in overall and "0.2500" in overall and "0.3333" in overall
    assert "Slogans" in result.output


def test_score_si_accepts_three_column_files(tmp_path):
    gold, pred = tmp_path / "gold.tsv", tmp_path / "pred.tsv"
    gold.write_text("1\t0\t10\n")
    pred.write_text("1\t0\t10\n")
    result = CliRunner().invoke(app, ["ptc", "score", "--task", "si", "--gold", str(gold), "--pred", str(pred)])
    assert result.exit_code == 0
    assert "1.0000" in next(line for line in result.output.splitlines() if "overall" in line)


def test_missing_file_is_a_one_line_error(tmp_path):
    gold = tmp_path / "gold.tsv"
    gold.write_text("1\t0\t10\n")
    result = CliRunner().invoke(app, ["ptc", "score", "--task", "si", "--gold", str(gold), "--pred", str(tmp_path / "nope.tsv")])
    assert result.exit_code == 2
    assert "nope.tsv" in result.output and "Traceback" not in result.output


def test_score_prints_a_bootstrap_interval_on_request(tmp_path):
    gold, pred = tmp_path / "gold.tsv", tmp_path / "pred.tsv"
    gold.write_text("".join(f"{n}\tDoubt\t0\t10\n" for n in range(6)))
    pred.write_text("".join(f"{n}\tDoubt\t0\t10\n" for n in range(3)))
    args = ["ptc", "score", "--task", "si", "--gold", str(gold), "--pred", str(pred)]
    plain = CliRunner().invoke(app, args)
    assert plain.exit_code == 0 and "interval" not in plain.output
    result = CliRunner().invoke(app, args + ["--bootstrap", "100"])
    assert result.exit_code == 0, result.output
    assert "95% interval over 100 resamples of the articles" in result.output
