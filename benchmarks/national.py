"""Benchmark the pipeline at national scale, the way a user runs it: fresh processes from the
command line, Dagster and Great Expectations start-up included.

    python benchmarks/national.py                     # one national year (scale 1.0)
    python benchmarks/national.py --scales 1,2,4      # and the same year at 2x and 4x
    python benchmarks/national.py --backfill          # and 2015-2025 in parallel

Prints, per scale: generation; the DuckDB floor (DuckDB alone reading the raw files and
computing the grouped counts); each phase as its own process (wall time and peak RSS); the
whole year as one process, with seconds per stage and where its wall time went (start-up and
imports, Dagster's run creation, each stage, Dagster between the steps, event writes: see
benchmarks/breakdown.py); a rerun of the unchanged year; the pandas baseline; the validation
of the ESR extract beside its DuckDB floor (benchmarks/validation_floor.py). Once: the
import time of Dagster, the code location and Great Expectations, each in a fresh process.
The floor, the whole year and the baseline run --repeat times (3 by default) and report the
median, with every run's figure beside it: one run varies by 5-10 %. Figures are printed and
saved to benchmarks/output/, never asserted.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for the benchmarks package, run as a script

from benchmarks.breakdown import breakdown_lines, import_seconds, run_breakdown  # noqa: E402
from benchmarks.measure import (  # noqa: E402
    median_run,
    read_and_sql_seconds,
    stage_seconds,
    timed_process,
)
from benchmarks.validation_floor import measure as measure_validation  # noqa: E402

CLI = [sys.executable, "-m", "wres_pipeline.cli"]


def phases() -> list[str]:
    """The backfill's phases, as the asset graph gives them (wres_pipeline/jobs.py)."""
    from wres_pipeline.definitions import defs
    from wres_pipeline.jobs import backfill_phases

    return list(backfill_phases(defs.resolve_asset_graph()))


def floor_seconds(landing: Path) -> float:
    """DuckDB alone: read the raw files and compute the counts the indicators rest on."""
    started = time.perf_counter()
    with duckdb.connect() as con:
        con.sql(f"""create table esr as select * from read_csv('{landing}/esr_staff_in_post.csv',
                    all_varchar = true)""")
        con.sql("""select organisation_code, left(ethnic_category, 1) as g,
                          count(distinct person_id) from esr group by all""").fetchall()
        con.sql("""select organisation_code, clinical, pay_grade, left(ethnic_category, 1),
                          count(distinct person_id) from esr group by all""").fetchall()
        con.sql(f"""select organisation_code, ethnic_group, sum(respondents::bigint),
                    sum(positive::bigint) from read_csv('{landing}/staff_survey.csv',
                    all_varchar = true) group by all""").fetchall()
        con.sql(f"""select count(*) from read_csv('{landing}/trust_returns/*.csv',
                    all_varchar = true, union_by_name = true)""").fetchall()
    return time.perf_counter() - started


def one_scale(scale: float, year: int, workdir: Path, repeat: int) -> dict:
    from wres_pipeline.sample.generate import generate_year

    data, home = workdir / "data", workdir / "home"
    env = dict(os.environ, WRES_DATA_DIR=str(data), DAGSTER_HOME=str(home))
    made = generate_year(year, data / "landing", scale=scale)
    floors = [floor_seconds(made.folder) for _ in range(repeat)]
    figures = {"scale": scale, "esr_rows": made.esr_rows, "generate_s": round(made.seconds, 2),
               "floor_s": round(statistics.median(floors), 2),
               "floor_runs_s": [round(f, 2) for f in floors]}
    for phase in phases():
        seconds, peak, _ = timed_process(CLI + ["run", "--years", str(year), "--phase", phase],
                                         env)
        figures[f"phase {phase}"] = {"s": round(seconds, 1), "peak_mib": round(peak)}
    # The phases above published the year: --force rebuilds it all in one process.
    runs = [whole_year(env, home, workdir / f"timings-{i}.tsv", year) for i in range(repeat)]
    figures["whole_year"] = median_run(runs)
    published = {p: p.stat().st_mtime_ns for p in (data / "published").rglob("*") if p.is_file()}
    seconds, _, _ = timed_process(CLI + ["run", "--years", str(year)], env)
    unchanged = published == {p: p.stat().st_mtime_ns for p in (data / "published").rglob("*")
                              if p.is_file()}
    figures["rerun_unchanged"] = {"s": round(seconds, 1), "published_bytes_unchanged": unchanged}
    stages = figures["whole_year"]["stages_s"]
    steps = stages["ingest"] + stages["indicators"]
    compute = figures["whole_year"]["read_and_sql_s"]["total"]
    figures["whole_year_vs_floor"] = round(figures["whole_year"]["s"] / figures["floor_s"], 1)
    # The pipeline's compute is its own reading of the raw files and its SQL (staging, core,
    # indicators): the work the floor does with DuckDB alone. The steps' wall time adds
    # archiving, loading reference tables and Dagster's bookkeeping of each step.
    figures["compute_vs_floor"] = round(compute / figures["floor_s"], 1)
    figures["ingest_and_indicator_steps_vs_floor"] = round(steps / figures["floor_s"], 1)
    figures["pandas_baseline"] = pandas_baseline(data, year, compute, repeat)
    # "In every run": run i of the compute against run i of the floor and of the baseline.
    computes = figures["whole_year"]["compute_runs_s"]
    figures["worst_run"] = {
        "compute_vs_floor": round(max(c / f for c, f in zip(computes, floors, strict=True)), 2),
        "pandas_over_compute": round(min(p / c for p, c in zip(
            figures["pandas_baseline"]["runs_s"], computes, strict=True)), 2)}
    figures["validation"] = measure_validation(made.folder / "esr_staff_in_post.csv", year,
                                               repeat, workdir)
    figures["us_per_row"] = round(1e6 * figures["whole_year"]["s"] / made.esr_rows, 2)
    figures["bytes_per_row"] = round(figures["whole_year"]["peak_mib"] * 2**20 / made.esr_rows)
    return figures


def whole_year(env: dict, home: Path, timings: Path, year: int) -> dict:
    """One `wres-pipeline run --years <year> --force`: wall seconds, peak RSS, seconds per stage,
    the pipeline's own compute and where the wall time went."""
    started = time.time()
    seconds, peak, _ = timed_process(CLI + ["run", "--years", str(year), "--force"],
                                     env | {"WRES_TIMINGS": str(timings),
                                            "WRES_PROBE": str(ROOT / "benchmarks" / "probe.py")})
    return {"s": round(seconds, 1), "peak_mib": round(peak), "stages_s": stage_seconds(home),
            "read_and_sql_s": read_and_sql_seconds(timings, year),
            "breakdown": run_breakdown(home, timings, started, seconds)}


def pandas_baseline(data: Path, year: int, compute_seconds: float, repeat: int) -> dict:
    """Time the plain pandas implementation (the median of `repeat` runs, each a fresh process
    as each pipeline run is) and check it agrees with the published figures."""
    import pandas as pd

    from benchmarks.pandas_baseline import compare
    from wres_pipeline.publish.snapshot import latest
    from wres_pipeline.reference import table
    from wres_pipeline.settings import current

    questions = {r["question_code"]: int(r["indicator"]) for r in table("survey_questions")
                 if int(r["survey_year"]) == year - 1}
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        saved = Path(tmp) / "baseline.parquet"
        for _ in range(repeat):
            done = subprocess.run(
                [sys.executable, str(ROOT / "benchmarks" / "pandas_run.py"),
                 str(data / "landing" / str(year)), str(saved),
                 repr(current().method.z), json.dumps(questions)],
                check=True, capture_output=True, text=True)
            times.append(float(done.stdout.split()[-1]))
        baseline = pd.read_parquet(saved)
    seconds = statistics.median(times)
    root = data / "published" / "internal"
    pipeline = pd.read_parquet(root / str(year) / latest(root, year) / "indicators.parquet")
    pipeline = pipeline[pipeline["level"] == "trust"].astype({"area_code": str, "measure": str,
                                                              "breakdown": str, "group": str})
    rows, worst = compare(baseline, pipeline[["area_code", "indicator", "measure", "breakdown",
                                              "group", "value", "ci_lower", "ci_upper"]])
    return {"s": round(seconds, 2), "runs_s": [round(t, 2) for t in times],
            "rows_compared": rows, "max_relative_difference": worst,
            "baseline_over_pipeline_compute": round(seconds / compute_seconds, 2)}


def backfill(scale: float, workdir: Path) -> dict:
    from wres_pipeline.sample.generate import generate_year

    data = workdir / "data"
    for year in range(2015, 2026):
        generate_year(year, data / "landing", scale=scale)
    env = dict(os.environ, WRES_DATA_DIR=str(data), DAGSTER_HOME=str(workdir / "home"))
    seconds, peak, output = timed_process(CLI + ["backfill", "--years", "2015-2025",
                                                 "--workers", "2"], env)
    return {"years": 11, "scale": scale, "wall_s": round(seconds, 1), "peak_mib": round(peak),
            "log": [line for line in output.splitlines() if "years" in line]}


def summary(results: dict) -> list[str]:
    """The figures beside the targets of issues 7 and 19, for reading (nothing is asserted)."""
    lines = [""]
    for r in results["runs"]:
        lines.append(f"scale {r['scale']} ({r['esr_rows']:,} ESR rows):")
        lines += breakdown_lines(r | {"imports_s": results["imports_s"]})
    lines += ["", "scale  whole s  whole/floor  valid./floor (no GX fingerprint)  peak MiB  "
              "compute/floor (worst)  pandas/compute (worst)  rerun s  us/row  bytes/row"]
    for r in results["runs"]:
        worst, valid = r["worst_run"], r["validation"]
        lines.append(
            f"{r['scale']:>5}  {r['whole_year']['s']:>7}  {r['whole_year_vs_floor']:>11}  "
            f"{valid['gx_over_floor']:>12} ({valid['without_fingerprint_over_floor']:>4})"
            f"{'':18}  {r['whole_year']['peak_mib']:>8,}  "
            f"{r['compute_vs_floor']:>7} ({worst['compute_vs_floor']:>5})        "
            f"{r['pandas_baseline']['baseline_over_pipeline_compute']:>7} "
            f"({worst['pandas_over_compute']:>5})         {r['rerun_unchanged']['s']:>7}  "
            f"{r['us_per_row']:>6}  {r['bytes_per_row']:>9}")
    lines.append("targets (issue 19): whole year <= 8x the floor, validation <= 3x its floor, "
                 "peak <= 1,024 MiB at 1x and <= 1,536 MiB at 4x, compute within 3x the floor "
                 "and pandas/compute >= 3 in every run")
    if "backfill" in results:
        lines.append(f"backfill of {results['backfill']['years']} years: "
                     f"{results['backfill']['wall_s']} s wall (target <= 180 s)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--scales", default="1")
    parser.add_argument("--backfill", action="store_true")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of the floor, the whole year and the baseline (median kept)")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "output",
                        help="folder for the JSON of figures")
    args = parser.parse_args()
    results = {"machine": f"{os.cpu_count()} cores", "runs": [],
               "imports_s": import_seconds(args.repeat)}
    for scale in (float(s) for s in args.scales.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            figures = one_scale(scale, args.year, Path(tmp), args.repeat)
        results["runs"].append(figures)
        print(json.dumps(figures, indent=1))
    if args.backfill:
        with tempfile.TemporaryDirectory() as tmp:
            results["backfill"] = backfill(float(args.scales.split(",")[0]), Path(tmp))
        print(json.dumps(results["backfill"], indent=1))
    print("\n".join(summary(results)))
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / f"national-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(
        json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
