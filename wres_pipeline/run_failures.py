"""Every failed run explained: a summary of what failed and why, beside the data, and sent on
to people where `[alerts]` says (wres_pipeline/alerts.py).

The sensor watches every job of the code location: a year run (`wres_year`), the time series,
and the runs the UI starts from the asset graph or an asset backfill (`__ASSET_JOB`), whoever or
whatever launched them (a person, the schedule, the landing-zone sensor, a backfill). Runs the
command line executes in its own process print the same account themselves.
"""

from pathlib import Path

import dagster as dg

from wres_pipeline.alerts import Alert, deliver
from wres_pipeline.failures import root_cause
from wres_pipeline.resources import WresSettings


def started_by(run: dg.DagsterRun) -> str:
    """Who or what launched the run, from the tags Dagster and the sensors set."""
    tags = run.tags
    if "dagster/backfill" in tags:
        return f"backfill {tags['dagster/backfill']}"
    if "dagster/schedule_name" in tags:
        return f"schedule {tags['dagster/schedule_name']}"
    if "dagster/sensor_name" in tags:
        return f"sensor {tags['dagster/sensor_name']}" + (
            f" ({tags['wres/trigger']})" if "wres/trigger" in tags else "")
    return tags.get("wres/trigger", "manual (the UI or the command line)")


def failure_summary(run: dg.DagsterRun, failures: list, checks: list,
                    run_message: str = "") -> str:
    """A Markdown account of a failed run: its year, which steps failed and why (the error the
    asset raised, as the command line gives it), and which checks failed."""
    lines = [f"# Run {run.run_id} failed", "",
             f"- job: {run.job_name}", f"- WRES year: {run.tags.get('dagster/partition', '-')}",
             f"- started by: {started_by(run)}", "", "## Failed steps", ""]
    lines += [f"- `{event.step_key}`: {root_cause(event.step_failure_data.error)}"
              for event in failures] or [f"- (none: {run_message or 'the run failed'})"]
    lines += ["", "## Failed checks", ""]
    lines += [f"- {check.severity.value.lower()} `{check.asset_key.to_user_string()}` "
              f"`{check.check_name}`: {check.description or ''}" for check in checks] \
        or ["- (none)"]
    return "\n".join(lines) + "\n"


def subject(run: dg.DagsterRun, failures: list) -> str:
    year = run.tags.get("dagster/partition")
    where = f" at {failures[0].step_key}" if failures else ""
    return f"WRES pipeline: the run for {year or run.job_name} failed{where}"


@dg.run_failure_sensor(default_status=dg.DefaultSensorStatus.RUNNING,
                       description="Writes a summary of what failed and why for every failed run "
                                   "of this code location (year runs, asset backfills, "
                                   "schedule and sensor runs) beside the data "
                                   "(operations/run_failures/), and sends it where [alerts] "
                                   "says.")
def run_failure_summary(context: dg.RunFailureSensorContext, settings: WresSettings):
    run = context.dagster_run
    records = context.instance.all_logs(run.run_id,
                                        of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION)
    checks = [r.dagster_event.event_specific_data for r in records
              if not r.dagster_event.event_specific_data.passed]
    failures = context.get_step_failure_events()
    text = failure_summary(run, failures, checks, context.failure_event.message or "")
    target = Path(settings.paths.operations) / "run_failures" / f"{run.run_id}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    context.log.info(f"run failure summary: {target}")
    alert = Alert(subject(run, failures), text, run.run_id,
                  run.tags.get("dagster/partition", ""))
    for problem in deliver(alert, settings.alerts):
        context.log.warning(f"alert not delivered: {problem}")
