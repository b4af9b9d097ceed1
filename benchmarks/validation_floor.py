"""The validation floor: the ESR suite's rules as plain DuckDB SQL, beside Great Expectations.

    python benchmarks/validation_floor.py [--year 2024] [--scale 1.0] [--repeat 3]

Generates the year's ESR extract with every ESR fault of the sample generator injected (so
that rules find something), stages it in DuckDB as the pipeline does, then times, --repeat
times: the pipeline's validation (the frame streamed from DuckDB by batch, each batch
validated with the committed GX suite; GX imported and set up before the clock starts) and the floor
(every row rule of the same suite counted in one SQL scan of the same frame relation, the
uniqueness rule in a second). Prints both, the
ratio, and each rule's failing-row count from both sides, which must agree. Benchmark only:
the pipeline validates with Great Expectations; this measures what the rule engine costs.
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ESR = "esr_staff_in_post"


def _value(kwargs: dict, name: str, parameters: dict):
    value = kwargs.get(name)
    if isinstance(value, dict) and "$PARAMETER" in value:
        return parameters[value["$PARAMETER"]]
    return value


def _failing(expectation: dict, parameters: dict) -> tuple[str, dict]:
    """One expectation as a count of failing rows over the relation `frame` (column names come
    from the committed suite, values are bound)."""
    kind, kwargs = expectation["type"], expectation["kwargs"]
    column = f'"{kwargs["column"]}"' if "column" in kwargs else None
    if kind == "expect_column_values_to_not_be_null":
        return f"count(*) filter (where {column} is null)", {}
    if kind == "expect_column_values_to_be_null":
        return f"count(*) filter (where {column} is not null)", {}
    if kind == "expect_column_values_to_be_in_set":
        values = [str(v) for v in _value(kwargs, "value_set", parameters)]
        return (f"count(*) filter (where {column} is not null and not "
                f"list_contains($v, {column}::varchar))", {"v": values})
    if kind == "expect_column_values_to_match_regex":
        return (f"count(*) filter (where {column} is not null and not "
                f"regexp_matches({column}::varchar, $v))", {"v": kwargs["regex"]})
    if kind == "expect_column_value_lengths_to_be_between":
        low, high = kwargs.get("min_value"), kwargs.get("max_value")
        return (f"count(*) filter (where {column} is not null and (length({column}) < "
                f"coalesce($low, 0) or length({column}) > coalesce($high, 1e18)))",
                {"low": low, "high": high})
    if kind == "expect_column_values_to_be_between":
        low_op = "<=" if kwargs.get("strict_min") else "<"
        high_op = ">=" if kwargs.get("strict_max") else ">"
        return (f"count(*) filter (where {column} is not null and ({column} {low_op} "
                f"coalesce($low, -1e18) or {column} {high_op} coalesce($high, 1e18)))",
                {"low": kwargs.get("min_value"), "high": kwargs.get("max_value")})
    raise ValueError(kind)


def floor_counts(con: duckdb.DuckDBPyConnection, suite: dict, frame_sql: str,
                 parameters: dict) -> dict[str, int]:
    """Each rule's failing rows, by plain SQL over the validation frame's relation."""
    con.execute(f"create or replace temp view frame as {frame_sql}")
    counts, row_rules, bound = {}, [], {}
    for expectation in suite["expectations"]:
        rule, kind = expectation["meta"]["rule"], expectation["type"]
        kwargs = expectation["kwargs"]
        if kind == "expect_table_columns_to_match_set":
            present = {r[0] for r in con.execute("describe frame").fetchall()}
            counts[rule] = len(set(kwargs["column_set"]) - present)
        elif kind == "expect_table_row_count_to_be_between":
            rows = con.execute("select count(*) from frame").fetchall()[0][0]
            counts[rule] = int(rows < (kwargs.get("min_value") or 0))
        elif kind == "expect_column_values_to_be_unique":
            column = f'"{kwargs["column"]}"'
            counts[rule] = con.execute(
                f"select coalesce(sum(n), 0) from (select count(*) as n from frame where "
                f"{column} is not null group by {column} having count(*) > 1)").fetchall()[0][0]
        else:
            expression, values = _failing(expectation, parameters)
            # Each expression's parameters renamed apart, so that one query scans the frame once.
            for name, value in values.items():
                bound[f"{name}{len(bound)}"] = value
                expression = expression.replace(f"${name}", f"${name}{len(bound) - 1}")
            row_rules.append((rule, expression))
    if row_rules:
        found = con.execute("select " + ", ".join(e for _, e in row_rules) + " from frame",
                            bound).fetchall()[0]
        counts |= {rule: n for (rule, _), n in zip(row_rules, found, strict=True)}
    return counts


class FingerprintClock:
    """Seconds Great Expectations spends fingerprinting each batch's frame (it hashes every
    frame under 1 GB, a batch marker the pipeline never reads, with no public switch). Wraps
    GX's hash function in this benchmark's process only, calling it unchanged, so that the
    rule engine's own cost can be read apart from it."""

    def __init__(self) -> None:
        from great_expectations.execution_engine import pandas_execution_engine as engine

        self.seconds, original = 0.0, engine.hash_pandas_dataframe

        def timed(df):
            started = time.perf_counter()
            try:
                return original(df)
            finally:
                self.seconds += time.perf_counter() - started

        engine.hash_pandas_dataframe = timed


def measure(esr_csv: Path, year: int, repeat: int, workdir: Path) -> dict:
    """Time the pipeline's validation of one ESR file (the frame streamed from DuckDB by batch,
    each batch validated by the committed GX suite; GX imported and set up before the clock
    starts) and the floor on the same staged table, `repeat` times each; compare the findings."""
    import pandas as pd

    from wres_pipeline import contracts
    from wres_pipeline.ingest.readers import read_raw
    from wres_pipeline.ingest.staging import release_raw, stage
    from wres_pipeline.organisations.trusts import trusts_in_year
    from wres_pipeline.resources import DATABASE_CONFIG
    from wres_pipeline.validation.batches import batch_count, validate_batches
    from wres_pipeline.validation.frames import frame_sql
    from wres_pipeline.validation.gx_runner import validate
    from wres_pipeline.validation.rules import year_parameters
    from wres_pipeline.validation.suites import suite_path

    esr = contracts.load(ESR)
    suite = json.loads(suite_path(ESR).read_text(encoding="utf-8"))
    codes = trusts_in_year(year).column("organisation_code").to_pylist()
    parameters = year_parameters(year, codes, [])
    validate(pd.DataFrame({"x": [1]}), "staff_survey", parameters)  # GX imported and set up
    fingerprint = FingerprintClock()
    raw = read_raw(esr, esr_csv)
    database = workdir / "validation_floor.duckdb"
    gx_runs, floor_runs, fingerprint_runs = [], [], []
    for _ in range(repeat):
        with duckdb.connect(str(database), config=DATABASE_CONFIG) as con:
            rows = stage(con, esr, raw)
            started = time.perf_counter()
            floor = floor_counts(con, suite, frame_sql(esr), parameters)
            floor_runs.append(time.perf_counter() - started)
            started, fingerprint.seconds = time.perf_counter(), 0.0
            batches = batch_count(esr, rows)
            findings, _ = validate_batches(con, esr, rows, parameters)
            release_raw(con, esr)
            gx_runs.append(time.perf_counter() - started)
            fingerprint_runs.append(fingerprint.seconds)
        database.unlink()
    gx = {f.outcome.rule.id: f.outcome.failed for f in findings}
    gx_s, floor_s = statistics.median(gx_runs), statistics.median(floor_runs)
    rules_s = statistics.median(g - f for g, f in zip(gx_runs, fingerprint_runs, strict=True))
    return {"rows": rows, "batches": batches, "gx_s": round(gx_s, 2),
            "fingerprint_s": round(statistics.median(fingerprint_runs), 2),
            "without_fingerprint_s": round(rules_s, 2),
            "without_fingerprint_over_floor": round(rules_s / floor_s, 1),
            "gx_runs_s": [round(s, 2) for s in gx_runs], "floor_s": round(floor_s, 2),
            "floor_runs_s": [round(s, 2) for s in floor_runs],
            "gx_over_floor": round(gx_s / floor_s, 1), "findings_identical": gx == floor,
            "failing_rows": {rule: [gx.get(rule), n] for rule, n in floor.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from wres_pipeline.sample.faults import FAULTS
    from wres_pipeline.sample.generate import generate_year

    faults = [name for name in FAULTS if name.startswith("esr_")]
    with tempfile.TemporaryDirectory() as tmp:
        made = generate_year(args.year, Path(tmp) / "landing", scale=args.scale, faults=faults)
        print(f"{args.year}: {made.esr_rows:,} ESR rows (faults: {', '.join(faults)})")
        figures = measure(made.folder / f"{ESR}.csv", args.year, args.repeat, Path(tmp))
    print(f"{'rule':34s} {'GX':>8s} {'floor':>8s}")
    for rule, (gx, floor) in figures["failing_rows"].items():
        mark = "" if gx == floor else "  DIFFERENT"
        print(f"{rule:34s} {gx if gx is not None else '-'!s:>8s} {floor:>8d}{mark}")
    print(f"\nvalidation ({figures['batches']} batch(es) of the frame, GX suite), median of "
          f"{args.repeat}: {figures['gx_s']:.2f} s (runs {figures['gx_runs_s']})")
    print(f"DuckDB validation floor, median of {args.repeat}: {figures['floor_s']:.2f} s "
          f"(runs {figures['floor_runs_s']})")
    print(f"validation / floor: {figures['gx_over_floor']}x (target of issue 19: 3x or less); "
          f"findings {'identical' if figures['findings_identical'] else 'DIFFERENT'}")
    print(f"of which GX fingerprinting each batch's frame: {figures['fingerprint_s']:.2f} s; "
          f"validation without it: {figures['without_fingerprint_s']:.2f} s = "
          f"{figures['without_fingerprint_over_floor']}x the floor")


if __name__ == "__main__":
    main()
