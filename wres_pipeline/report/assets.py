"""The site asset: the year's reader-facing site, from the public snapshots alone."""

import dagster as dg

from wres_pipeline.completion import state
from wres_pipeline.layers import layer_asset
from wres_pipeline.partitions import year_of
from wres_pipeline.publish.assets import snapshot
from wres_pipeline.publish.latest_snapshot import EVERY_YEAR_BEFORE, latest_snapshot
from wres_pipeline.report.data import NATIONAL_SQL
from wres_pipeline.report.serve import DEFAULT_PORT, site_url
from wres_pipeline.report.site import build
from wres_pipeline.report.site_data import SQL_FILES
from wres_pipeline.resources import WresSettings
from wres_pipeline.year_order import READS_EARLIER_YEARS, wait_for_earlier_years


@layer_asset("report/site", sql=NATIONAL_SQL + SQL_FILES, code=("report", "completion"),
             op_tags=READS_EARLIER_YEARS,
             # The year's public snapshot, and every earlier year's as published (the trends).
             deps=[snapshot, dg.AssetDep(latest_snapshot, partition_mapping=EVERY_YEAR_BEFORE)],
             kinds={"html", "xlsx"})
def site(context: dg.AssetExecutionContext, settings: WresSettings):
    """The year's site, opened offline in any browser: an index with a search box, the national
    data report, and a page for every trust, ICB, region and trust type (each indicator in plain
    words with its interval, the levels above, peers, one- and five-year changes and a trend
    chart, what was withheld and why; Model Employer in people; data-quality notes), charts as
    SVG with their data tables, a CSV file per page and the year's XLSX workbook. Built from the
    public snapshots alone (this year's and every earlier year's LATEST) and published by one
    rename. Browse it with `wres-pipeline serve`."""
    paths = settings.paths
    year = year_of(context)
    wait_for_earlier_years(context, year, "every earlier year's public snapshot (trends)")
    built = build(paths.published, year, settings.validation.unknown_share_warning,
                  settings.validation.headcount_tolerance)
    return dg.MaterializeResult(metadata={
        "wres_year": year, "index": dg.MetadataValue.path(str(built.index)),
        "open_in_browser": dg.MetadataValue.url(built.index.absolute().as_uri()),
        "serve": dg.MetadataValue.url(site_url(DEFAULT_PORT, year)),
        "serve_command": "wres-pipeline serve",
        "pages": built.pages, "files": built.files, "build": built.build,
        "seconds_by_stage": dg.MetadataValue.json(built.seconds),
        "public_snapshot": built.snapshot_id,
        # The snapshots the year's outputs were carried through for: the command line reads
        # it to know the year complete, and stale once an earlier year republishes
        # (wres_pipeline/completion.py).
        "built_from": dg.MetadataValue.json(state(paths.published, year)),
    })
