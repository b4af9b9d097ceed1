"""Where a whole year's wall time goes (issue 19): start-up and imports, Dagster's run creation,
each stage's steps, Dagster between the steps, event writes, and what the command does after
the run. Read from the Dagster instance the run wrote and the benchmark probe's timings file,
and, for the imports, from fresh processes that import only that."""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMPORTS = {"dagster": "import dagster",
           "the code location (wres_pipeline.definitions)": "import wres_pipeline.definitions",
           "great_expectations (in the first validation)": "import great_expectations"}


def import_seconds(repeat: int = 3) -> dict[str, float]:
    """Median seconds to import each of IMPORTS in a fresh process (Python's own start-up
    subtracted)."""
    def timed(code: str) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
        return time.perf_counter() - started

    bare = statistics.median(timed("pass") for _ in range(repeat))
    return {"python start-up": round(bare, 2)} | {
        name: round(statistics.median(timed(code) for _ in range(repeat)) - bare, 2)
        for name, code in IMPORTS.items()}


def run_breakdown(home: Path, timings: Path, started: float, wall: float) -> dict:
    """The last wres_year run at `home`, split along its events; `started` is the epoch second
    the command was started, `wall` its wall seconds."""
    os.environ["DAGSTER_HOME"] = str(home)
    import dagster as dg

    with dg.DagsterInstance.get() as instance:
        record = instance.get_run_records(dg.RunsFilter(job_name="wres_year"), limit=1)[0]
        entries = instance.all_logs(record.dagster_run.run_id)
    created = record.create_timestamp.timestamp()
    spans, opened = [], {}
    for entry in entries:
        event = entry.dagster_event
        if event is None or not event.step_key:
            continue
        if event.event_type_value == "STEP_START":
            opened[event.step_key] = entry.timestamp
        elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE"):
            spans.append((opened.pop(event.step_key), entry.timestamp))
    first, last = min(s for s, _ in spans), max(e for _, e in spans)
    in_steps = sum(e - s for s, e in spans)
    events = [line.split("\t") for line in timings.read_text(encoding="utf-8").splitlines()
              if line.startswith("events\t")]
    return {
        "start_up_to_run_created_s": round(created - started, 2),
        "run_created_to_first_step_s": round(first - created, 2),
        "steps_s": round(in_steps, 2),
        "between_steps_s": round(last - first - in_steps, 2),
        "after_the_run_s": round(started + wall - last, 2),
        "events_written": len(events),
        "event_writes_s": round(sum(float(line[3]) for line in events), 2),
        "events_in_year_run": len(entries),
    }


def breakdown_lines(figures: dict) -> list[str]:
    """The breakdown of one scale's median whole-year run, as printed."""
    whole, split = figures["whole_year"], figures["whole_year"]["breakdown"]
    stages = whole["stages_s"]
    lines = [f"  whole year: {whole['s']} s (runs {whole['runs_s']}), peak {whole['peak_mib']:,} "
             f"MiB, {figures['whole_year_vs_floor']}x the DuckDB floor of {figures['floor_s']} s"]
    rows = [("start-up and imports, to the run's creation", "start_up_to_run_created_s"),
            ("run creation, to the first step", "run_created_to_first_step_s"),
            ("steps", "steps_s")]
    lines += [f"    {name:<47}{split[key]:>6} s" for name, key in rows]
    lines += [f"      {stage:<45}{seconds:>6} s" for stage, seconds in stages.items()]
    rows = [("Dagster between the steps", "between_steps_s"),
            ("after the run (time series, coverage, exit)", "after_the_run_s")]
    lines += [f"    {name:<47}{split[key]:>6} s" for name, key in rows]
    lines += [f"    event writes (within the above): {split['events_written']} events, "
              f"{split['event_writes_s']} s"]
    lines += [f"    import {name}: {seconds} s" for name, seconds in
              figures["imports_s"].items()]
    return lines
