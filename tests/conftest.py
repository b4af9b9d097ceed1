"""Shared fixtures: sample landing folders generated once per test session, and a helper that
materialises one WRES year through Dagster with every folder under a temporary root."""

import warnings

import dagster as dg
import pytest

from wres_pipeline.definitions import defs
from wres_pipeline.layers import LAYERS
from wres_pipeline.resources import PathsSettings, WresSettings
from wres_pipeline.sample.generate import generate_year
from wres_pipeline.settings import current

warnings.filterwarnings("ignore", category=dg.PreviewWarning)

TEST_SEED = 7
TEST_SCALE = 0.01
# The settings a run reads (config.toml's), the one copy tests override section by section.
SETTINGS = current()
VALIDATION = SETTINGS.validation
METHOD = SETTINGS.method


def settings_for(paths: PathsSettings, **sections) -> WresSettings:
    """The run's settings with every folder under a test's own root (and any other section
    replaced)."""
    return SETTINGS.replace(paths=paths, **sections)


def materialize_year(paths: PathsSettings, year: int, validation=VALIDATION, method=METHOD,
                     instance: dg.DagsterInstance | None = None, upto: str = LAYERS[-1],
                     asset: str | None = None, publish=None):
    """Run the per-year assets of one year, from the first layer to `upto`, or only `asset`
    (a key such as "staging/trust_return") and the assets it reads: a test stops at the layer
    or the asset under test. Failures are returned, not raised."""
    year_assets = [a for a in defs.assets if isinstance(a, dg.AssetsDefinition)
                   and a.partitions_def is not None]
    selection = dg.AssetSelection.assets(dg.AssetKey.from_user_string(asset)).upstream() \
        if asset else [key for a in year_assets for key in a.keys
                       if LAYERS.index(key.path[0]) <= LAYERS.index(upto)]
    return dg.materialize(
        year_assets, partition_key=str(year), selection=selection,
        resources={"settings": settings_for(paths, validation=validation, method=method,
                                            **({"publish": publish} if publish else {}))},
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
