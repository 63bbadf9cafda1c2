"""Fixtures shared by every test package: the read-only data in ``../shared`` (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"


@pytest.fixture
def shared() -> Path:
    """``../shared``; the test is skipped on a clone without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def gr_sample(shared: Path) -> Path:
    """The Global Research republication of an RT article (``../shared/samples``)."""
    path = shared / "samples" / "globalresearch-rt-deir-ez-zor.txt"
    if not path.is_file():
        pytest.skip(f"{path} is not present")
    return path
