"""How the national benchmark measures a command: wall time and peak RSS of a fresh process,
seconds per stage from the Dagster event log, the pipeline's own compute from its
WRES_TIMINGS file, and the median of repeated runs."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEAK_RSS = ROOT / "benchmarks" / "peak_rss.py"


def timed_process(command: list[str], env: dict) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MiB) and output of a command run as a fresh process (through
    benchmarks/peak_rss.py, so that the peak is the command's own)."""
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryFile("w+") as log:
        figures = Path(tmp) / "figures"
        status = subprocess.run([sys.executable, str(PEAK_RSS), str(figures), *command],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                text=True).returncode
        log.seek(0)
        output = log.read()
        if status:
            raise RuntimeError(f"{' '.join(command)} failed:\n{output[-3000:]}")
        seconds, peak_kib = figures.read_text(encoding="utf-8").split()
    return float(seconds), int(peak_kib) / 1024, output


def stage_seconds(home: Path) -> dict[str, float]:
    """Seconds per stage of the last year run, from the Dagster instance at `home`."""
    os.environ["DAGSTER_HOME"] = str(home)
    import dagster as dg

    stages = {"ingest": 0.0, "validate": 0.0, "indicators": 0.0, "publish": 0.0, "report": 0.0}
    with dg.DagsterInstance.get() as instance:
        run = next(r for r in instance.get_runs() if r.job_name == "wres_year")
        starts = {}
        for entry in instance.all_logs(run.run_id):
            event = entry.dagster_event
            if event is None or not event.step_key:
                continue
            key = event.step_key
            ingest = key.startswith("staging") or key == "organisations__extracts"
            if event.event_type_value == "STEP_START":
                starts[key] = entry.timestamp
            elif event.event_type_value == "ASSET_MATERIALIZATION" and ingest:
                split = event.event_specific_data.materialization.metadata["seconds"].value
                stages["ingest"] += split["ingest"]
                stages["validate"] += split["validate"]
            elif event.event_type_value == "STEP_SUCCESS" and not ingest:
                group = ("report" if key.startswith("report") else "publish"
                         if key.startswith("publish") else "validate" if "reconciliation" in key
                         else "ingest" if "trusts_in_year" in key else "indicators")
                stages[group] += entry.timestamp - starts[key]
    return {k: round(v, 2) for k, v in stages.items()}


def median_run(runs: list[dict]) -> dict:
    """The run with the median wall time, its compute replaced by the median compute (a run's
    compute and its wall time vary independently), the highest peak, and every run's figures."""
    ordered = sorted(runs, key=lambda r: r["s"])
    result = dict(ordered[(len(ordered) - 1) // 2])
    result["read_and_sql_s"] = sorted((r["read_and_sql_s"] for r in runs),
                                      key=lambda c: c["total"])[(len(runs) - 1) // 2]
    result["peak_mib"] = max(r["peak_mib"] for r in runs)
    result["runs_s"] = [r["s"] for r in runs]
    result["compute_runs_s"] = [r["read_and_sql_s"]["total"] for r in runs]
    return result


def read_and_sql_seconds(timings: Path, year: int) -> dict[str, float]:
    """Seconds the year's run spent reading raw files and running SQL in the year's database,
    from its WRES_TIMINGS file (the time series the command builds afterwards is left out)."""
    totals = {"read": 0.0, "sql": 0.0}
    for line in timings.read_text(encoding="utf-8").splitlines():
        kind, _, database, seconds = line.split("\t")
        if kind == "read" or database == f"wres_{year}":
            totals[kind] += float(seconds)
    totals["total"] = totals["read"] + totals["sql"]
    return {k: round(v, 2) for k, v in totals.items()}
