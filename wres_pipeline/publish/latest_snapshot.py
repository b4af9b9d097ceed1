"""What a later year reads of an earlier one: each year's published internal snapshot, as its
LATEST names it, seen by Dagster as an observed source asset whose data version is the
snapshot id.

A year reads earlier years only from what they published (wres_pipeline/exchange.py):
indicator 3's window reads the year before, Model Employer targets the baseline year, the
trend tables and the report the years before. Those reads are declared as dependencies on this
asset's earlier partitions, never on another year's materialisable assets, because Dagster
treats a dependency as hard: an asset backfill would hold a year until an earlier year's asset
had run (not published: the read would still depend on timing), and a year that failed would
stop every later year, where the pipeline publishes the later year with what has been
published (and says so). Years launched together are put in order by their runs instead
(wres_pipeline/year_order.py), and by the command line's phases.

`publish/snapshot` records an observation of its year here each time it publishes, so a year
built before an earlier year republished shows as stale in the Dagster UI; "Observe" reads every
year's LATEST again.
"""

from pathlib import Path

import dagster as dg

from wres_pipeline.layers import asset_key
from wres_pipeline.partitions import wres_year_partitions
from wres_pipeline.publish.snapshot import latest, published_years

LATEST_SNAPSHOT = asset_key("publish/latest_snapshot")
# Partition mappings of the reads, each strictly to earlier years (tests/test_layers.py).
YEAR_BEFORE = dg.TimeWindowPartitionMapping(start_offset=-1, end_offset=-1,
                                            allow_nonexistent_upstream_partitions=True)
FIVE_YEARS_BEFORE = dg.TimeWindowPartitionMapping(start_offset=-5, end_offset=-1,
                                                  allow_nonexistent_upstream_partitions=True)
EVERY_YEAR_BEFORE = dg.TimeWindowPartitionMapping(start_offset=-100, end_offset=-1,
                                                  allow_nonexistent_upstream_partitions=True)


def observation(year: int, snapshot_id: str) -> dg.AssetObservation:
    """The observation `publish/snapshot` records when it has published the year."""
    return dg.AssetObservation(asset_key=LATEST_SNAPSHOT, partition=str(year),
                               tags={"dagster/data_version": snapshot_id},
                               metadata={"wres_year": year, "snapshot_id": snapshot_id})


DESCRIPTION = (
    "Each WRES year's published internal snapshot, as its LATEST names it (the data version is "
    "the snapshot id): what later years read of it, for indicator 3's window, the Model "
    "Employer baseline, the trend tables and the report. publish/snapshot records it each time "
    "a year publishes; a year built from an earlier snapshot than the one recorded here is "
    "stale. Observe reads every year's LATEST again.")


@dg.observable_source_asset(
    key=LATEST_SNAPSHOT, description=DESCRIPTION, group_name=LATEST_SNAPSHOT.path[0],
    partitions_def=wres_year_partitions, required_resource_keys={"settings"},
    tags={"dagster/kind/parquet": ""},
)
def latest_snapshot(context) -> dg.DataVersionsByPartition:
    """Every published year's LATEST internal snapshot id, read again from the folder."""
    root = Path(context.resources.settings.paths.published) / "internal"
    return dg.DataVersionsByPartition(
        {str(year): latest(root, year) for year in published_years(root)})
