"""``unspin bench techniques``: one row per backend with throughput and memory."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unspin.cli import app

TEXT = "Officials called the plan a disgraceful betrayal.\n\nThe shameful cowards ran away from the truth.\n"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    for n in (1, 2):
        (tmp_path / f"article{n}.txt").write_text(TEXT * n, encoding="utf-8")
    return tmp_path


def test_bench_times_the_shipped_model(articles: Path) -> None:
    result = CliRunner().invoke(app, ["bench", "techniques", str(articles), "-n", "3"])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if "onnx" in line)
    cells = [cell.strip() for cell in row.strip("│ ").split("│")]
    assert cells[0] == "onnx" and cells[1] == "3"
    assert float(cells[3]) > 0 and int(cells[5]) > 0  # articles/s, peak RSS MB


@pytest.mark.skipif(importlib.util.find_spec("torch") is not None, reason="torch is installed here")
def test_torch_comparison_needs_the_train_extra(articles: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["bench", "techniques", str(articles), "--checkpoint", str(tmp_path / "x.pt")])
    assert result.exit_code == 2
    assert "train extra" in result.output
