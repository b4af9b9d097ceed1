"""Backfill many WRES years at once from the command line, in parallel processes.

Each year runs in its own process and its own DuckDB file, so years never contend for a
database. The first of the phases read from the asset graph (`jobs.backfill_phases`: everything
that reads nothing of another year, which is reading, archiving, validating and most counting)
runs `workers` years side by side. A year reads earlier years only from what they
published (indicator 3's year before, the Model Employer baseline, the report's trends), so the
later phases run one year after another, in year order, each year published before the next
starts. A year that fails a phase is left out of the later phases and reported.

Another backfill or run may be building earlier years at the same time: a year built before
the year it reads was published is stale once that year publishes. Last of all, the backfill
rebuilds every stale published year from its first year on, in order, so whichever of two
overlapping backfills finishes last leaves every year built from what the years before it
published (wres_pipeline/staleness.py).
"""

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from wres_pipeline.instance import create_storage
from wres_pipeline.runner import YearRun


@dataclass(frozen=True)
class PhaseResult:
    phase: str
    seconds: float
    runs: list[YearRun]


def _run_phase_for_year(dagster_home: str, phase: str, year: int) -> YearRun:
    """One Dagster run of the year for the phases named (joined by ' + ')."""
    os.environ["DAGSTER_HOME"] = dagster_home
    import dagster as dg

    from wres_pipeline.definitions import defs
    from wres_pipeline.jobs import backfill_phases
    from wres_pipeline.runner import run_year

    phases = backfill_phases(defs.resolve_asset_graph())
    keys = set().union(*(phases[p] for p in phase.split(" + ")))
    with dg.DagsterInstance.get() as instance:
        return run_year(defs, instance, year, asset_selection=sorted(keys))


def backfill(years: list[int], workers: int, dagster_home: str, report=print,
             current=None) -> list:
    """Run the years phase by phase, `workers` years at a time; returns each phase's result
    (the ingest phase, the phases after it, then the stale years rebuilt, if any). `current`:
    the settings, whose published folder and Dagster instance say which years are stale."""

    from wres_pipeline.definitions import defs
    from wres_pipeline.jobs import backfill_phases

    # Create the instance's storage here, once: workers racing to create it would collide.
    create_storage()
    phases = list(backfill_phases(defs.resolve_asset_graph()))
    results = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        started = time.perf_counter()
        runs = list(pool.map(_run_phase_for_year, [dagster_home] * len(years),
                             [phases[0]] * len(years), years))
        results.append(_report(phases[0], time.perf_counter() - started, runs, report))
        remaining = sorted(r.year for r in runs if r.success)
        rest = " + ".join(phases[1:])
        started = time.perf_counter()
        # In year order, one run each: a year is published before the next reads it.
        runs = [pool.submit(_run_phase_for_year, dagster_home, rest, year).result()
                for year in remaining]
        results.append(_report(rest, time.perf_counter() - started, runs, report))
        if current is not None:
            started = time.perf_counter()
            stale = _rebuild_stale(pool, dagster_home, years[0], current, report)
            if stale:
                results.append(_report("stale years rebuilt", time.perf_counter() - started,
                                       stale, report))
    return results


def _rebuild_stale(pool, dagster_home: str, first: int, current, report) -> list[YearRun]:
    """Rebuild, in year order, each published year from `first` on that is stale now (checked
    just before its turn: a year rebuilt can make the next stale)."""
    import dagster as dg

    from wres_pipeline import staleness
    from wres_pipeline.completion import BuiltFrom
    from wres_pipeline.definitions import defs
    from wres_pipeline.jobs import backfill_phases

    runs = []
    built = BuiltFrom(dg.DagsterInstance.get())
    for year in staleness.published_years(current.paths.published):
        why = staleness.reasons(built, current.paths.published, year)
        if year < first or not why or not (Path(current.paths.landing) / str(year)).is_dir():
            continue
        report(f"{year}: stale ({'; '.join(why)}); rebuilding")
        runs.append(pool.submit(_run_phase_for_year, dagster_home,
                                " + ".join(backfill_phases(defs.resolve_asset_graph())),
                                year).result())
    return runs


def _report(phase: str, seconds: float, runs: list[YearRun], report) -> PhaseResult:
    failed = [r.year for r in runs if not r.success]
    report(f"{phase}: {len(runs) - len(failed)} of {len(runs)} years succeeded in "
           f"{seconds:.1f} s" + (f"; failed: {failed}" if failed else ""))
    for run in runs:
        if not run.success:
            report(f"  {run.year} failed: {run.error}")
    return PhaseResult(phase, seconds, runs)
