from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture
def shared() -> Path:
    """The project's shared data (../shared); tests that need it skip where it is absent."""
    if not (SHARED / "ptc").is_dir():
        pytest.skip("../shared is not available")
    return SHARED
