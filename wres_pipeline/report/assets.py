"""The report asset: the year's national data report, from the public snapshots alone."""

from pathlib import Path

import dagster as dg

from wres_pipeline.atomic import replace_if_changed
from wres_pipeline.completion import state
from wres_pipeline.layers import layer_asset
from wres_pipeline.partitions import year_of
from wres_pipeline.publish.assets import snapshot
from wres_pipeline.publish.latest_snapshot import EVERY_YEAR_BEFORE, latest_snapshot
from wres_pipeline.report.data import load
from wres_pipeline.report.page import render
from wres_pipeline.resources import WresSettings
from wres_pipeline.year_order import READS_EARLIER_YEARS, wait_for_earlier_years


def report_path(published: str | Path, year: int) -> Path:
    return Path(published) / "public" / "reports" / f"wres_national_report_{year}.html"


def write_report(published: str | Path, year: int) -> tuple[Path, str]:
    """Render and write the report atomically (unchanged content leaves the file alone)."""
    data = load(Path(published) / "public", year)
    target = report_path(published, year)
    page = render(data)
    replace_if_changed(target, lambda partial: partial.write_text(page, encoding="utf-8"))
    return target, data.snapshot_id


@layer_asset("report/national_report", code=("report", "atomic", "completion"),
             op_tags=READS_EARLIER_YEARS,
             # The year's public snapshot, and every earlier year's as published (the trends).
             deps=[snapshot, dg.AssetDep(latest_snapshot, partition_mapping=EVERY_YEAR_BEFORE)],
             kinds={"html"})
def national_report(context: dg.AssetExecutionContext, settings: WresSettings):
    """The national data report for the year: a self-contained HTML page (no scripts or
    external files) with headline figures against the previous year, trends since the first
    published year, trusts' likelihoods on a log scale, regions and trust types, Model
    Employer progress, data-quality notes and a method note, built from the public snapshots
    alone."""
    paths = settings.paths
    year = year_of(context)
    wait_for_earlier_years(context, year, "every earlier year's public snapshot (trends)")
    path, snapshot_id = write_report(paths.published, year)
    return dg.MaterializeResult(metadata={
        "wres_year": year, "report": dg.MetadataValue.path(str(path)),
        "open_in_browser": dg.MetadataValue.url(path.resolve().as_uri()),
        "public_snapshot": snapshot_id, "bytes": path.stat().st_size,
        # The snapshots the year's outputs were carried through for: the command line reads
        # it to know the year complete, and stale once an earlier year republishes
        # (wres_pipeline/completion.py).
        "built_from": dg.MetadataValue.json(state(paths.published, year)),
    })
