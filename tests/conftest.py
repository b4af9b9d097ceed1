"""Shared fixtures: sample landing folders generated once per test session, and a helper that
materialises one WRES year through Dagster with every folder under a temporary root."""

import warnings

import dagster as dg
import pytest

from wres_pipeline.definitions import defs
from wres_pipeline.resources import (
    MethodSettings,
    PipelinePaths,
    PublishSettings,
    ValidationSettings,
)
from wres_pipeline.sample.generate import generate_year

warnings.filterwarnings("ignore", category=dg.PreviewWarning)

TEST_SEED = 7
TEST_SCALE = 0.01
VALIDATION = ValidationSettings(max_quarantine_share=0.005, headcount_tolerance=0.05,
                                unknown_share_warning=0.10)
METHOD = MethodSettings.from_settings()  # config.toml's method, as a run reads it


def materialize_year(paths: PipelinePaths, year: int, validation=VALIDATION, method=METHOD,
                     instance: dg.DagsterInstance | None = None):
    """Run every per-year asset for one year; failures are returned, not raised."""
    return dg.materialize(
        [a for a in defs.assets if a.partitions_def is not None], partition_key=str(year),
        resources={"paths": paths, "validation": validation, "method": method,
                   "publishing": PublishSettings.from_settings()},
        instance=instance or dg.DagsterInstance.ephemeral(), raise_on_error=False,
    )


def failed_checks(result) -> dict[str, dg.AssetCheckEvaluation]:
    return {e.check_name: e for e in result.get_asset_check_evaluations() if not e.passed}


@pytest.fixture(scope="session")
def landing_2024(tmp_path_factory):
    """A clean 2024 landing folder at test scale (about 16,000 assignments)."""
    landing = tmp_path_factory.mktemp("landing")
    generate_year(2024, landing, seed=TEST_SEED, scale=TEST_SCALE)
    return landing


def pytest_terminal_summary(terminalreporter):
    """Print the size of the bad-input catalogue (tests/reliability/catalogue.py) and how its
    cases fared in this session."""
    from collections import Counter

    from tests.reliability.catalogue import CATALOGUE

    outcomes = Counter(type(case.outcome).__name__.lower() for case in CATALOGUE)
    results = Counter()
    for status in ("passed", "failed", "error", "skipped"):
        results[status] = sum(1 for report in terminalreporter.stats.get(status, [])
                              if "test_bad_input[" in getattr(report, "nodeid", ""))
    ran = sum(results.values())
    terminalreporter.write_line(
        f"bad-input catalogue: {len(CATALOGUE)} cases ("
        + ", ".join(f"{n} {kind}" for kind, n in sorted(outcomes.items())) + ")"
        + (f"; this run: {results['passed']} passed, {results['failed'] + results['error']} "
           f"failed" if ran else "; not run in this session"))
