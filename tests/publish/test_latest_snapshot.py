"""publish/latest_snapshot, observed: each published year's LATEST internal snapshot id becomes
the data version of its partition (what the UI compares later years against)."""

import dagster as dg
from dagster._core.definitions.data_version import extract_data_version_from_entry
from dagster._core.definitions.observe import observe

from tests.conftest import settings_for
from wres_pipeline.publish.latest_snapshot import LATEST_SNAPSHOT, latest_snapshot
from wres_pipeline.resources import PathsSettings


def _published(root, year, snapshot_id):
    folder = root / "published" / "internal" / str(year)
    (folder / snapshot_id).mkdir(parents=True)
    (folder / "LATEST").write_text(snapshot_id + "\n", encoding="utf-8")


def test_observing_reads_every_published_years_latest(tmp_path):
    _published(tmp_path, 2022, "aaaa000000000001")
    _published(tmp_path, 2023, "bbbb000000000002")
    (tmp_path / "published" / "internal" / "2024").mkdir()  # being written: no LATEST yet
    paths = PathsSettings.under(tmp_path, tmp_path / "landing")
    with dg.DagsterInstance.ephemeral() as instance:
        result = observe([latest_snapshot], instance=instance,
                            resources={"settings": settings_for(paths)})
        assert result.success
        versions = {}
        for year in ("2022", "2023", "2024"):
            record = instance.get_latest_data_version_record(LATEST_SNAPSHOT, True, year)
            version = record and extract_data_version_from_entry(record.event_log_entry)
            versions[year] = version and version.value
    assert versions == {"2022": "aaaa000000000001", "2023": "bbbb000000000002", "2024": None}
