"""The annual schedule: once the collection has closed, run the current WRES year.

WRES year Y describes 31 March Y and trusts submit over the summer, so the run is set for a
month-day after the collection closes (`[schedule] collection_closes`, default 1 September) and
targets the year of that date.
"""

import dagster as dg

from wres_pipeline.jobs import wres_year_job
from wres_pipeline.settings import current


def _cron(month_day: str) -> str:
    month, day = (int(part) for part in month_day.split("-"))
    return f"0 6 {day} {month} *"


@dg.schedule(job=wres_year_job, cron_schedule=_cron(current().schedule.collection_closes),
             execution_timezone="Europe/London",
             description="Each year after the collection closes, run that WRES year end to end.")
def annual_wres_run(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    year = context.scheduled_execution_time.year
    return dg.RunRequest(run_key=f"annual-{year}", partition_key=str(year),
                         tags={"wres/trigger": "annual schedule"})
