"""What each year's report, and the time series, were last built from, read from their own
materialisations in the Dagster instance.

The year's last asset (the site, with the national report) records in its materialisation's metadata
(`built_from`) the snapshot each edition's LATEST named when it was written, and the earlier
years' public snapshots it drew its trends from; the time series records the snapshot of every
year it stacked (`snapshots`). A run killed part-way through publishing (one edition moved, or
the dataset half refreshed) never reaches the report, so its record names older snapshots and
the next run of the year is not skipped as unchanged: it finishes the job. An earlier year
republished since makes the report, or the series, stale (wres_pipeline/staleness.py).
"""

from pathlib import Path

import dagster as dg

from wres_pipeline.layers import asset_key
from wres_pipeline.publish.snapshot import latest, published_years

EDITIONS = ("internal", "public")
REPORT = asset_key("report/site")
TIME_SERIES = asset_key("publish/time_series")


def pointers(published: Path, year: int) -> dict[str, str | None]:
    """The snapshot each edition's LATEST names for the year."""
    return {edition: latest(Path(published) / edition, year) for edition in EDITIONS}


def report_years(published: Path, year: int) -> dict[str, str]:
    """The public snapshot of every earlier year, which the year's report draws trends from."""
    public = Path(published) / "public"
    return {str(y): latest(public, y) for y in published_years(public) if y < year}


def state(published: Path, year: int) -> dict:
    """What a report written now would be built from (its `built_from` metadata)."""
    return pointers(published, year) | {"report_years": report_years(published, year)}


class BuiltFrom:
    """The records the report and the time series left in the Dagster instance."""

    def __init__(self, instance: dg.DagsterInstance):
        self.instance = instance

    def _latest(self, key: dg.AssetKey, partition: str | None, entry: str) -> dict | None:
        found = self.instance.fetch_materializations(
            dg.AssetRecordsFilter(asset_key=key, asset_partitions=[partition]
                                  if partition else None), limit=1).records
        if not found:
            return None
        value = found[0].asset_materialization.metadata.get(entry)
        return value.value if value is not None else None

    def report(self, year: int) -> dict | None:
        """What the year's report was last built from (None: never built)."""
        return self._latest(REPORT, str(year), "built_from")

    def series(self) -> dict[int, str] | None:
        """The snapshot of every year the time series last stacked (None: never built)."""
        found = self._latest(TIME_SERIES, None, "snapshots")
        return None if found is None else {int(y): s for y, s in found.items()}


def completed(built: BuiltFrom, published: Path, year: int) -> bool:
    """Were the snapshots LATEST names now carried through to the dataset and report?"""
    return built.report(year) == state(published, year)
