"""Jobs: one WRES year end to end, and the cross-year time series."""

import dagster as dg

from wres_pipeline.publish.time_series import TIME_SERIES

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

# A parallel backfill runs every year through these phases in order, years side by side within a
# phase, so that what a year reads from an earlier year (indicator 3's window, Model Employer's
# baseline, the report's trends) is published before it is needed.
_RETURN_COUNTS = dg.AssetKey(["indicators", "return_counts"])
_MODEL_EMPLOYER = dg.AssetKey(["indicators", "model_employer"])
_REPORT = dg.AssetKey(["report", "national_report"])
_YEAR_ASSETS = dg.AssetSelection.all() - dg.AssetSelection.assets(TIME_SERIES)
_REPORT_PHASE = dg.AssetSelection.assets(_REPORT)
_PUBLISH_PHASE = dg.AssetSelection.assets(_MODEL_EMPLOYER).downstream() - _REPORT_PHASE
_INDICATOR_PHASE = (dg.AssetSelection.assets(_RETURN_COUNTS).downstream() & _YEAR_ASSETS) \
    - _PUBLISH_PHASE - _REPORT_PHASE
BACKFILL_PHASES = {
    "ingest and inputs": _YEAR_ASSETS - _INDICATOR_PHASE - _PUBLISH_PHASE - _REPORT_PHASE,
    "indicators": _INDICATOR_PHASE,
    "publish": _PUBLISH_PHASE,
    "report": _REPORT_PHASE,
}
