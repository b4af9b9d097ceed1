"""Benchmark: ingest, validate and compute one national-scale WRES year; print where time goes.

    python benchmarks/ingest_validate_national.py [--year 2024] [--scale 1.0]

Times, for the ESR extract (about 1.5 million assignment rows), reading and staging, then
validation (frame from DuckDB, GX suite, quarantine); then the whole year through Dagster
(all extracts, checks, reconciliation and indicators) in this process, with seconds per stage.
Figures are printed, never asserted.
"""

import argparse
import resource
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

STAGES = {"staging": "ingest and validate", "organisations": "ingest and validate",
          "core/trust_reconciliation": "reconcile", "core/workforce": "indicators",
          "indicators": "indicators", "publish": "publish", "report": "report"}


def stage_seconds(instance, run_id: str) -> dict[str, float]:
    """Seconds per pipeline stage, from the run's step start and success events."""
    starts, totals = {}, {}
    for entry in instance.all_logs(run_id):
        event = entry.dagster_event
        if event is None or not event.step_key:
            continue
        if event.event_type_value == "STEP_START":
            starts[event.step_key] = entry.timestamp
        elif event.event_type_value == "STEP_SUCCESS":
            key = event.step_key.replace("__", "/", 1)
            stage = next(v for k, v in STAGES.items() if key.startswith(k))
            totals[stage] = totals.get(stage, 0.0) + entry.timestamp - starts[event.step_key]
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()

    import dagster as dg

    from wres_pipeline import contracts
    from wres_pipeline.ingest.readers import read_raw
    from wres_pipeline.ingest.staging import stage
    from wres_pipeline.organisations.trusts import trusts_in_year
    from wres_pipeline.reference import table
    from wres_pipeline.sample.generate import generate_year
    from wres_pipeline.validation.gx_runner import validate
    from wres_pipeline.validation.rules import year_parameters
    from wres_pipeline.validation.table import validate_table

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        made = generate_year(args.year, root / "landing", scale=args.scale)
        print(f"{args.year}: {made.esr_rows:,} ESR rows generated in {made.seconds:.1f} s")
        esr = contracts.load("esr_staff_in_post")
        codes = trusts_in_year(args.year).column("organisation_code").to_pylist()
        questions = [r["question_code"] for r in table("survey_questions")
                     if int(r["survey_year"]) == args.year - 1]
        parameters = year_parameters(args.year, codes, questions)
        started = time.perf_counter()
        validate(pd.DataFrame({"x": [1]}), "staff_survey", parameters)
        print(f"Great Expectations import and set-up: {time.perf_counter() - started:.1f} s")

        with duckdb.connect(str(root / "bench.duckdb")) as con:
            started = time.perf_counter()
            raw = read_raw(esr, made.folder / "esr_staff_in_post.csv")
            read_s = time.perf_counter() - started
            stage(con, esr, raw)
            stage_s = time.perf_counter() - started - read_s
            print(f"ESR read {read_s:.1f} s, staged in DuckDB {stage_s:.1f} s")
            started = time.perf_counter()
            result = validate_table(con, esr, args.year, parameters, root / "validation",
                                    dg.AssetKey(["staging", "esr_staff_in_post"]), 0.005)
            print(f"ESR validation ({len(result.checks)} checks, {result.rows:,} rows): "
                  f"{time.perf_counter() - started:.1f} s")

        from wres_pipeline.definitions import defs
        from wres_pipeline.resources import PathsSettings
        from wres_pipeline.settings import current

        instance = dg.DagsterInstance.ephemeral()
        started = time.perf_counter()
        run = dg.materialize(
            [a for a in defs.assets
             if isinstance(a, dg.AssetsDefinition) and a.partitions_def is not None],
            partition_key=str(args.year),
            resources={"settings": current().replace(
                paths=PathsSettings.under(root / "pipeline", root / "landing"))},
            instance=instance, raise_on_error=False)
        print(f"whole year through Dagster (ingest, validate, indicators): "
              f"{time.perf_counter() - started:.1f} s, success={run.success}")
        for stage, seconds in stage_seconds(instance, run.run_id).items():
            print(f"  {stage}: {seconds:.1f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS): {peak:,.0f} MB")


if __name__ == "__main__":
    main()
