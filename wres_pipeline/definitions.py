"""The WRES pipeline's Dagster code location: assets, resources and the executor.

Runs use the in-process executor: a year's steps share its DuckDB file, which allows one writer
process, so they run one after another inside one process; different years run in parallel as
separate runs, each in its own database.
"""

import warnings

import dagster as dg

from wres_pipeline.core.reconciliation import trust_reconciliation
from wres_pipeline.core.workforce import workforce
from wres_pipeline.indicators.counts import (
    counts,
    disciplinary_inputs,
    return_counts,
    survey_counts,
    workforce_counts,
)
from wres_pipeline.indicators.results import model_employer, trust_distribution, wres_indicators
from wres_pipeline.jobs import time_series_job, wres_year_job
from wres_pipeline.organisations.assets import extracts, trusts_in_year
from wres_pipeline.publish.assets import snapshot
from wres_pipeline.publish.latest_snapshot import latest_snapshot
from wres_pipeline.publish.time_series import time_series
from wres_pipeline.report.assets import site
from wres_pipeline.run_failures import run_failure_summary
from wres_pipeline.schedules import annual_wres_run
from wres_pipeline.sensors import landing_zone_sensor
from wres_pipeline.settings import current
from wres_pipeline.staging.assets import esr_staff_in_post, staff_survey, trust_return

# Partitioned asset checks warn in every process in Dagster 1.13; the feature is what we rely on.
warnings.filterwarnings("ignore", category=dg.PreviewWarning)
warnings.filterwarnings("ignore", category=dg.BetaWarning)

# Runs print their events to the console at INFO (the step's start, output and checks are all
# in the event log and the UI whatever the level): at Dagster's default, DEBUG, the daemon's
# output is thousands of engine lines a day. The command line sets its own level per run.
CONSOLE = dg.LoggerDefinition(
    dg.colored_console_logger.logger_fn,
    config_schema={"log_level": dg.Field(str, is_required=False, default_value="INFO"),
                   "name": dg.Field(str, is_required=False, default_value="dagster")},
    description="The console at INFO.")

defs = dg.Definitions(
    # In the order the data walks (wres_pipeline/layers.py); earlier years come in only as
    # they published (publish/latest_snapshot).
    assets=[latest_snapshot, extracts, trusts_in_year,
            esr_staff_in_post, trust_return, staff_survey,
            workforce, trust_reconciliation,
            workforce_counts, disciplinary_inputs, return_counts, survey_counts, counts,
            wres_indicators, trust_distribution, model_employer,
            snapshot, time_series,
            site],
    # The one settings object everything is built from (wres_pipeline/settings.py).
    resources={"settings": current()},
    jobs=[wres_year_job, time_series_job],
    schedules=[annual_wres_run],
    sensors=[landing_zone_sensor, run_failure_summary],
    executor=dg.in_process_executor,
    loggers={"console": CONSOLE},
)
