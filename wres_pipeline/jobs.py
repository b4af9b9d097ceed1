"""Jobs: one WRES year end to end, and the cross-year time series."""

import dagster as dg

from wres_pipeline.indicators.time_series import TIME_SERIES

# Every per-year asset, from the landing zone to the indicators, for one partition (the
# partitions, one per WRES year, come from the selected assets).
wres_year_job = dg.define_asset_job(
    "wres_year", selection=dg.AssetSelection.all() - dg.AssetSelection.assets(TIME_SERIES),
    description="Ingest, validate and compute the indicators of one WRES year.",
)

# The time series reads every year's published files; run it after the years.
time_series_job = dg.define_asset_job(
    "wres_time_series", selection=dg.AssetSelection.assets(TIME_SERIES),
    description="Rebuild the time series from every published year.",
)
