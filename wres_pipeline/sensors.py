"""Sensors: run a year when its landing folder changes, and explain every failed run.

The landing sensor fingerprints each year folder (file names, sizes and modification times) and
requests a run of that year when the fingerprint changes, but only once every file has been
still for `[schedule] quiet_seconds`, so a file still being copied is never picked up.
"""

import hashlib
import json
import time
from pathlib import Path

import dagster as dg

from wres_pipeline.failures import root_cause
from wres_pipeline.ingest.landing import IGNORED_SUFFIXES
from wres_pipeline.jobs import wres_year_job
from wres_pipeline.partitions import wres_year_partitions
from wres_pipeline.resources import WresSettings


def fingerprint(folder: Path) -> tuple[str, float]:
    """A hash of the folder's files (name, size, modification time) and the newest change."""
    entries, newest = [], 0.0
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name.startswith((".", "~$")) \
                or path.name.endswith(IGNORED_SUFFIXES):
            continue
        stat = path.stat()
        entries.append(f"{path.relative_to(folder).as_posix()}|{stat.st_size}|{stat.st_mtime_ns}")
        newest = max(newest, stat.st_mtime)
    return hashlib.sha256("\n".join(entries).encode()).hexdigest()[:16], newest


def landing_changes(landing: Path, cursor: dict, now: float, quiet_seconds: float,
                    years: set[str]) -> tuple[list[dg.RunRequest], dict]:
    """Run requests for changed, settled year folders, and the new cursor."""
    requests, seen = [], dict(cursor)
    for folder in sorted(Path(landing).iterdir()) if Path(landing).is_dir() else []:
        if folder.name not in years or not folder.is_dir():
            continue
        digest, newest = fingerprint(folder)
        if not newest or seen.get(folder.name) == digest or now - newest < quiet_seconds:
            continue
        seen[folder.name] = digest
        requests.append(dg.RunRequest(run_key=f"landing-{folder.name}-{digest}",
                                      partition_key=folder.name,
                                      tags={"wres/trigger": "landing zone changed"}))
    return requests, seen


@dg.sensor(job=wres_year_job, minimum_interval_seconds=60,
           description="Runs a WRES year when files in its landing folder are added or changed "
                       "(once they have stopped changing).")
def landing_zone_sensor(context: dg.SensorEvaluationContext, settings: WresSettings):
    paths = settings.paths
    cursor = json.loads(context.cursor) if context.cursor else {}
    requests, cursor = landing_changes(
        Path(paths.landing), cursor, time.time(), settings.schedule.quiet_seconds,
        set(wres_year_partitions.get_partition_keys()))
    context.update_cursor(json.dumps(cursor, sort_keys=True))
    return requests or dg.SkipReason("no year folder has new or changed files")


def failure_summary(run: dg.DagsterRun, failures: list, checks: list) -> str:
    """A Markdown account of a failed run: which steps failed, why, and which checks."""
    lines = [f"# Run {run.run_id} failed", "",
             f"- job: {run.job_name}", f"- WRES year: {run.tags.get('dagster/partition', '-')}",
             f"- trigger: {run.tags.get('wres/trigger', 'manual')}", "", "## Failed steps", ""]
    lines += [f"- `{event.step_key}`: {root_cause(event.step_failure_data.error)}"
              for event in failures] or ["- (none)"]
    lines += ["", "## Failed checks", ""]
    lines += [f"- {check.severity.value.lower()} `{check.asset_key.to_user_string()}` "
              f"`{check.check_name}`: {check.description or ''}" for check in checks] \
        or ["- (none)"]
    return "\n".join(lines) + "\n"


@dg.run_failure_sensor(monitored_jobs=[wres_year_job],
                       default_status=dg.DefaultSensorStatus.RUNNING,
                       description="Writes a summary of what failed and why for every failed "
                                   "run, beside the data (operations/run_failures/).")
def run_failure_summary(context: dg.RunFailureSensorContext, settings: WresSettings):
    paths = settings.paths
    run = context.dagster_run
    records = context.instance.all_logs(run.run_id,
                                        of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION)
    checks = [r.dagster_event.event_specific_data for r in records
              if not r.dagster_event.event_specific_data.passed]
    target = Path(paths.operations) / "run_failures" / f"{run.run_id}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(failure_summary(run, context.get_step_failure_events(), checks),
                      encoding="utf-8")
    context.log.info(f"run failure summary: {target}")
