"""Years launched together publish in year order: a step that reads earlier years waits while an
earlier year launched with it is still running.

A later year reads earlier years only from what they published (wres_pipeline/exchange.py),
and the asset graph cannot put one year's reading steps after another year's publication
(publish/latest_snapshot says why). Runs launched together (the runs of one backfill, asset or
job, or of one landing-zone sensor tick) run side by side, two at a time by the run queue, so
that one year's own work (landing, validation, the workforce, most counts) overlaps the year
before's; the first step of a year that reads an earlier year (indicator 3's window, the Model
Employer baseline, the trend tables, the report) then waits here until every earlier year of
its group that has started has finished, published or failed, and reads what it published.

Only runs that have started are waited for: the queue starts a group's runs in the order they
were queued, which is year order, so an earlier year has always started unless another run of
that year holds it back; waiting for a queued run could then hold both run slots forever. A
year built before such an earlier year republished shows as stale (wres_pipeline/staleness.py).
Runs outside a group (one year from the UI or the schedule, the command line, tests) do not
wait: the command line orders its own phases.
"""

import time

import dagster as dg

GROUP_TAGS = ("dagster/backfill", "wres/batch")  # a backfill's id; a sensor tick's batch
# Started and not finished (a queued or not yet submitted run is never waited for).
RUNNING = [dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED,
           dg.DagsterRunStatus.CANCELING]
# Steps that read earlier years run after the year's other ready steps, so that those overlap
# the earlier year's run rather than wait with it.
READS_EARLIER_YEARS = {"dagster/priority": "-1"}
TIMEOUT_SECONDS = 4 * 3600
POLL_SECONDS = 2.0


def group_of(tags: dict) -> tuple[str, str] | None:
    """The tag that groups the run with the runs launched with it, and its value."""
    return next(((key, tags[key]) for key in GROUP_TAGS if key in tags), None)


def earlier_running(instance: dg.DagsterInstance, run: dg.DagsterRun,
                    year: int) -> list[tuple[int, str]]:
    """(year, run id) of every started, unfinished run of the run's group for a year before
    `year`."""
    group = group_of(run.tags)
    if group is None:
        return []
    records = instance.get_run_records(dg.RunsFilter(tags=dict([group]), statuses=RUNNING))
    found = []
    for record in records:
        other = record.dagster_run
        partition = other.tags.get("dagster/partition", "")
        if other.run_id != run.run_id and partition.isdigit() and int(partition) < year:
            found.append((int(partition), other.run_id))
    return sorted(found)


def wait_for_earlier_years(context: dg.AssetExecutionContext, year: int, reads: str,
                           timeout: float = TIMEOUT_SECONDS) -> None:
    """Wait until no earlier year of this run's group is running, before reading `reads`
    from what earlier years published (the step's log says what it waits for)."""
    wait(context.instance, context.run, year, reads, context.log, timeout)


def wait(instance: dg.DagsterInstance, run: dg.DagsterRun, year: int, reads: str, log,
         timeout: float = TIMEOUT_SECONDS) -> None:
    """Wait until no earlier year of `run`'s group is running; a run that has not finished in
    `timeout` seconds stops this one with the reason."""
    deadline, told = time.monotonic() + timeout, None
    while running := earlier_running(instance, run, year):
        if running != told:
            log.info(f"{year} reads {reads}: waiting for " + ", ".join(
                f"{y} (run {r[:8]})" for y, r in running) + " to finish first")
            told = running
        if time.monotonic() > deadline:
            raise dg.Failure(
                f"{year} reads {reads}, but " + ", ".join(f"{y} (run {r})" for y, r in running)
                + f" launched with it had not finished after {timeout:g} s: rerun {year} once "
                "it has")
        time.sleep(POLL_SECONDS)
