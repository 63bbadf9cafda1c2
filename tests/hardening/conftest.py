"""The fuzz targets live in ``benchmarks/fuzz.py`` (the long run uses them too); make them importable here."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

#: The suite's sample: fixed seed (same inputs every run), no example database, no per-example deadline
#: (``fuzz.bounded`` asserts the time bound itself, generously, as a training job may share the cores).
settings.register_profile(
    "hardening",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
                           HealthCheck.function_scoped_fixture],
)
