"""Backfill many WRES years at once from the command line, in parallel processes.

Each year runs in its own process and its own DuckDB file, so years never contend for a
database. Years go through the phases of `jobs.BACKFILL_PHASES` together, so anything a year
reads from the year before (or from the Model Employer baseline year) is published first. A year
that fails a phase is left out of the later phases and reported.
"""

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from wres_pipeline.instance import create_storage
from wres_pipeline.runner import YearRun


@dataclass(frozen=True)
class PhaseResult:
    phase: str
    seconds: float
    runs: list[YearRun]


def _run_phase_for_year(dagster_home: str, phase: str, year: int) -> YearRun:
    os.environ["DAGSTER_HOME"] = dagster_home
    import dagster as dg

    from wres_pipeline.definitions import defs
    from wres_pipeline.jobs import BACKFILL_PHASES
    from wres_pipeline.runner import run_year

    keys = BACKFILL_PHASES[phase].resolve(defs.resolve_asset_graph())
    with dg.DagsterInstance.get() as instance:
        return run_year(defs, instance, year, asset_selection=sorted(keys))


def backfill(years: list[int], workers: int, dagster_home: str, report=print) -> list:
    """Run the years phase by phase, `workers` years at a time; returns each phase's result."""

    from wres_pipeline.jobs import BACKFILL_PHASES

    # Create the instance's storage here, once: workers racing to create it would collide.
    create_storage()
    remaining, results = list(years), []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for phase in BACKFILL_PHASES:
            started = time.perf_counter()
            runs = list(pool.map(_run_phase_for_year, [dagster_home] * len(remaining),
                                 [phase] * len(remaining), remaining))
            seconds = time.perf_counter() - started
            results.append(PhaseResult(phase, seconds, runs))
            failed = [r.year for r in runs if not r.success]
            report(f"{phase}: {len(runs) - len(failed)} of {len(runs)} years succeeded in "
                   f"{seconds:.1f} s" + (f"; failed: {failed}" if failed else ""))
            for run in runs:
                if not run.success:
                    report(f"  {run.year} failed: {run.error}")
            remaining = [r.year for r in runs if r.success]
    return results
