"""Validate one staged table: run its suite, quarantine failing rows, publish the validated rows
downstream only when no error-level rule failed, and keep the GX result as JSON."""

import json
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import pyarrow as pa

from wres_pipeline.contracts import Contract
from wres_pipeline.ingest.staging import release_raw
from wres_pipeline.validation.accepted import accept_load
from wres_pipeline.validation.batches import BATCH_ROWS, validate_batches
from wres_pipeline.validation.findings import (
    QUARANTINE_SCHEMA,
    check_result,
    compact,
    quarantine_table,
)
from wres_pipeline.validation.rules import rule_prefix
from wres_pipeline.validation.suites import rules_in_suite


@dataclass(frozen=True)
class TableValidation:
    table: str
    checks: list[dg.AssetCheckResult]
    blocked: bool  # an error-level rule failed: validated.<table> gives what it gave before
    rows: int
    quarantined: int
    result_file: Path


def quarantine_check_name(contract: Contract) -> str:
    return f"{rule_prefix(contract)}quarantined_share"


def check_specs(contract: Contract, asset_key: dg.AssetKey) -> list[dg.AssetCheckSpec]:
    """One check per rule of the committed suite, plus the quarantined share; error-level rules
    block everything downstream."""
    specs = [dg.AssetCheckSpec(rule.id, asset=asset_key, description=rule.why,
                               blocking=rule.severity == "error")
             for rule in rules_in_suite(contract.name)]
    specs.append(dg.AssetCheckSpec(
        quarantine_check_name(contract), asset=asset_key, blocking=True,
        description=f"Share of {contract.name} rows quarantined: any is a warning; above the "
                    "configured maximum it blocks the year."))
    return specs


def validate_table(con: duckdb.DuckDBPyConnection, contract: Contract, year: int,
                   parameters: dict, results_dir: Path, asset_key: dg.AssetKey,
                   max_quarantine_share: float, files: tuple[str, ...] = (),
                   batch_rows: int = BATCH_ROWS) -> TableValidation:
    """Validate `staging.<table>` (read from `files`, named as they landed), in batches of at
    most `batch_rows` rows where the suite allows (batches.py)."""
    rows = con.sql(f"select count(*) from staging.{contract.name}").fetchall()[0][0]
    findings, gx_results = validate_batches(con, contract, rows, parameters, batch_rows)
    release_raw(con, contract)  # validation has quoted the text that was sent
    con.sql("create schema if not exists quarantine")
    con.register("incoming_quarantine", pa.concat_tables(
        [quarantine_table(f.failing, [f.outcome]) for f in findings]
        or [QUARANTINE_SCHEMA.empty_table()]))
    con.sql(f"create or replace table quarantine.{contract.name} as "
            "select distinct * from incoming_quarantine order by source_file, source_row, rule")
    con.unregister("incoming_quarantine")
    quarantined = con.sql(f"select count(distinct (source_file, source_row)) from "
                          f"quarantine.{contract.name}").fetchall()[0][0]
    checks = [check_result(f.failing, f.outcome, asset_key, year, files) for f in findings]
    checks.append(_quarantine_check(contract, asset_key, year, rows, quarantined,
                                    max_quarantine_share))
    blocked = any(not c.passed and c.severity == dg.AssetCheckSeverity.ERROR for c in checks)
    if not blocked:
        # Downstream reads validated.<table>; it changes only when the table passes.
        accept_load(con, contract)
    results_dir.mkdir(parents=True, exist_ok=True)
    result_file = results_dir / f"{contract.name}.json"
    kept = compact(gx_results[0]) if len(gx_results) == 1 else \
        {"batches": [compact(result) for result in gx_results]}
    result_file.write_text(json.dumps(kept, indent=1, default=str), encoding="utf-8")
    return TableValidation(contract.name, checks, blocked, rows, quarantined, result_file)


def _quarantine_check(contract, asset_key, year, rows, quarantined, maximum):
    share = quarantined / rows if rows else 0.0
    too_many = share > maximum
    return dg.AssetCheckResult(
        asset_key=asset_key, check_name=quarantine_check_name(contract),
        passed=quarantined == 0,
        severity=dg.AssetCheckSeverity.ERROR if too_many else dg.AssetCheckSeverity.WARN,
        metadata={"wres_year": year, "quarantined_rows": quarantined, "rows": rows,
                  "quarantined_share": round(share, 6), "maximum_share": maximum,
                  "quarantine_table": f"quarantine.{contract.name}"},
        description=(f"{quarantined:,} of {rows:,} {contract.name} rows quarantined "
                     f"({share:.2%}; the maximum is {maximum:.2%})") if quarantined else None,
    )
