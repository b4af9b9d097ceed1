"""The Dagster UI shows a year stale once the year before republishes: the assets that read an
earlier year depend on its partition of publish/latest_snapshot, whose data version is the
snapshot id that publish/snapshot records each time the year publishes."""

import dagster as dg
import pytest
from dagster._core.definitions.data_version import CachingStaleStatusResolver, StaleStatus
from dagster._core.definitions.events import AssetKeyPartitionKey
from dagster._core.loader import LoadingContextForTest

from tests.conftest import materialize_year
from tests.reliability.editing import first_csv_return, read_rows, set_value
from wres_pipeline.definitions import defs
from wres_pipeline.indicators.counts import RETURN_COUNTS
from wres_pipeline.publish.assets import SNAPSHOT
from wres_pipeline.publish.latest_snapshot import LATEST_SNAPSHOT
from wres_pipeline.resources import PathsSettings
from wres_pipeline.sample.generate import generate_year

pytestmark = pytest.mark.slow


def _status(instance, year, key=SNAPSHOT):
    resolver = CachingStaleStatusResolver(instance, defs.resolve_asset_graph(),
                                          LoadingContextForTest(instance))
    return resolver.get_status(key, str(year)), resolver.get_stale_causes(key, str(year))


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
        assert any(c.dependency == AssetKeyPartitionKey(LATEST_SNAPSHOT, "2023")
                   for c in causes), causes
        # Indicator 3's window read 2023 as it published then; 2023 itself is current.
        assert _status(instance, 2024, RETURN_COUNTS)[0] == StaleStatus.STALE
        assert _status(instance, 2023)[0] == StaleStatus.FRESH
