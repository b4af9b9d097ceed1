"""Materialise WRES years through Dagster from the command line, printing progress.

Each year is one run of the code location's asset job on the persistent instance, so the runs,
materialisations and their metadata are all visible in the Dagster UI afterwards.
"""

from dataclasses import dataclass

import dagster as dg

from wres_pipeline.failures import root_cause


@dataclass(frozen=True)
class CheckOutcome:
    asset: str
    name: str
    passed: bool
    severity: str
    description: str | None


@dataclass(frozen=True)
class YearRun:
    year: int
    success: bool
    run_id: str
    rows: dict[str, int]
    error: str | None
    checks: tuple[CheckOutcome, ...] = ()
    skipped: tuple[str, ...] = ()


def run_time_series(defs: dg.Definitions, instance: dg.DagsterInstance) -> YearRun:
    """Rebuild the time series from every published year (after the years have run)."""
    job = defs.resolve_job_def("wres_time_series")
    result = job.execute_in_process(
        instance=instance, raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}})
    return _summary(job, result, year=0)


def run_year(defs: dg.Definitions, instance: dg.DagsterInstance, year: int,
             asset_selection: list | None = None) -> YearRun:
    """Materialise every asset of one WRES year (or a selection); never raises for a failed
    step."""
    job = defs.resolve_job_def("wres_year")
    result = job.execute_in_process(
        partition_key=str(year), instance=instance, raise_on_error=False,
        asset_selection=asset_selection,
        # The command prints its own summary; Dagster's step log stays in the instance and UI.
        run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}},
    )
    return _summary(job, result, year)


def _summary(job, result, year: int) -> YearRun:
    rows = {}
    for event in result.get_asset_materialization_events():
        materialization = event.event_specific_data.materialization
        count = materialization.metadata.get("dagster/row_count")
        rows[materialization.asset_key.to_user_string()] = count.value if count else None
    error = None
    if not result.success:
        failures = [e for e in result.all_events if e.is_step_failure]
        error = "; ".join(f"{e.step_key}: {root_cause(e.step_failure_data.error)}"
                          for e in failures) or "the run failed"
    checks = tuple(
        CheckOutcome(e.asset_key.to_user_string(), e.check_name, e.passed, e.severity.value,
                     e.description)
        for e in result.get_asset_check_evaluations())
    done = {key for key in rows}
    selected = result.dagster_run.asset_selection or job.asset_layer.executable_asset_keys
    skipped = tuple(sorted(key.to_user_string() for key in selected
                           if key.to_user_string() not in done))
    return YearRun(year, result.success, result.run_id, rows, error, checks, skipped)
