"""The Dagster UI shows a year stale once the year before republishes: each year's snapshot takes
the year before's as an upstream partition, and a snapshot's data version is its id."""

import dagster as dg
import pytest
from dagster._core.definitions.data_version import CachingStaleStatusResolver, StaleStatus
from dagster._core.loader import LoadingContextForTest

from tests.conftest import materialize_year
from tests.reliability.editing import first_csv_return, read_rows, set_value
from wres_pipeline.definitions import defs
from wres_pipeline.publish.assets import SNAPSHOT
from wres_pipeline.resources import PathsSettings
from wres_pipeline.sample.generate import generate_year

pytestmark = pytest.mark.slow


def _status(instance, year):
    resolver = CachingStaleStatusResolver(instance, defs.resolve_asset_graph(),
                                          LoadingContextForTest(instance))
    return resolver.get_status(SNAPSHOT, str(year)), resolver.get_stale_causes(SNAPSHOT, str(year))


def test_a_republished_year_makes_the_next_stale_in_dagster(tmp_path):
    paths = PathsSettings.under(tmp_path, tmp_path / "landing")
    with dg.DagsterInstance.ephemeral() as instance:
        for year in (2023, 2024):
            generate_year(year, tmp_path / "landing", seed=6, scale=0.003)
            assert materialize_year(paths, year, instance=instance).success
        assert _status(instance, 2024)[0] == StaleStatus.FRESH

        # The same 2023 again: the same snapshot id, so 2024 stays fresh.
        assert materialize_year(paths, 2023, instance=instance).success
        assert _status(instance, 2024)[0] == StaleStatus.FRESH

        folder = tmp_path / "landing" / "2023"
        file = first_csv_return(folder)
        rows = read_rows(folder / file)
        entered = int(rows[1][rows[0].index("entered_formal_disciplinary")])
        set_value(folder, file, 2, "entered_formal_disciplinary", str(entered + 1))
        assert materialize_year(paths, 2023, instance=instance).success
        status, causes = _status(instance, 2024)
        assert status == StaleStatus.STALE
        assert any(c.dependency and c.dependency.partition_key == "2023" for c in causes), causes
