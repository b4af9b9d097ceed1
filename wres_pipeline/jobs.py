"""Jobs: one WRES year end to end, and the cross-year time series; and the phases in which many
years are backfilled, read from the asset graph.

A year's assets split in two: those that read nothing of another year (most of the work:
landing, validating, the workforce, most counts), which many years can run side by side; and
those downstream of an asset that reads an earlier year's published outputs (indicator 3's
window, the Model Employer baseline, the trend tables), which must wait, year by year, until
the year before has published. The second part runs layer by layer. Nothing here names an
asset: the split follows the partition mappings the assets declare.
"""

import dagster as dg

from wres_pipeline.layers import LAYERS
from wres_pipeline.publish.time_series import time_series

# Every per-year asset, from the landing zone to the report, for one partition (the
# partitions, one per WRES year, come from the selected assets).
wres_year_job = dg.define_asset_job(
    "wres_year", selection=dg.AssetSelection.all() - dg.AssetSelection.assets(time_series),
    description="Ingest, validate, compute, publish and report one WRES year.",
)

# The time series reads every year's published files; run it after the years.
time_series_job = dg.define_asset_job(
    "wres_time_series", selection=dg.AssetSelection.assets(time_series),
    description="Rebuild the time series from every published year.",
)

WITHIN_THE_YEAR = "within the year"


def _reads_another_year(graph, key: dg.AssetKey, parent: dg.AssetKey) -> bool:
    """Does the asset read a partition of its parent other than its own year?"""
    mapping = graph.get_partition_mapping(key, parent)
    if isinstance(mapping, dg.IdentityPartitionMapping):
        return False
    return not (isinstance(mapping, dg.TimeWindowPartitionMapping)
                and mapping.start_offset == 0 and mapping.end_offset == 0)


def backfill_phases(graph) -> dict[str, list[dg.AssetKey]]:
    """The phases of a backfill, in order: the year's own work, then, layer by layer, every
    asset that reads (or is downstream of one that reads) an earlier year."""
    years = {key for key in graph.get_all_asset_keys()
             if graph.get(key).is_partitioned and graph.get(key).is_materializable}
    # Earlier years are read as they published (publish/latest_snapshot, not materialisable).
    readers = {key for key in years for parent in graph.get(key).parent_keys
               if graph.get(parent).is_partitioned and _reads_another_year(graph, key, parent)}
    waiting, frontier = set(readers), set(readers)
    while frontier:  # and every descendant among the year's assets
        frontier = {c for k in frontier for c in graph.get(k).child_keys if c in years} - waiting
        waiting |= frontier
    phases = {WITHIN_THE_YEAR: sorted(years - waiting)}
    for layer in LAYERS:
        keys = sorted(k for k in waiting if k.path[0] == layer)
        if keys:
            phases[layer] = keys
    return phases
