"""Turn rule outcomes into what people read: file, row, column and value of each failure; the
rows to quarantine; and the Dagster asset check results shown in the UI."""

from typing import TYPE_CHECKING

import dagster as dg
import numpy as np
import pyarrow as pa

from wres_pipeline.ingest.errors import shorten
from wres_pipeline.validation.gx_runner import Outcome
from wres_pipeline.validation.rules import TEXT_SUFFIX, Rule

if TYPE_CHECKING:  # pandas is imported where a frame is built, not at start-up
    import pandas as pd

SAMPLE_ROWS = 10
QUARANTINE_SCHEMA = pa.schema([
    ("rule", pa.string()), ("severity", pa.string()), ("source_file", pa.string()),
    ("source_row", pa.int64()), ("columns", pa.string()), ("value", pa.string()),
])


def problem(rule: Rule) -> str:
    """What a failing value of this rule is, in words."""
    if rule.problem:
        return rule.problem
    if rule.expectation == "expect_column_pair_values_a_to_be_greater_than_b":
        return f"has {rule.kwargs['column_B']} above {rule.kwargs['column_A']}"
    return {
        "expect_column_values_to_be_in_set": "is not a known value",
        "expect_table_row_count_to_be_between": "the table has no rows",
        "expect_table_columns_to_match_set": "the columns differ from the contract",
    }.get(rule.expectation, "fails the rule")


def _values(frame: "pd.DataFrame", rule: Rule, positions: np.ndarray) -> list[str]:
    """The failing values as sent (the raw text where the column is typed)."""
    import pandas as pd

    parts = []
    for column in rule.columns:
        source = column + TEXT_SUFFIX if column + TEXT_SUFFIX in frame else column
        values = frame[source].take(positions).to_numpy(dtype=object)
        parts.append(["" if v is None or v is pd.NA or v != v else str(v) for v in values])
    if len(rule.columns) == 1:
        return parts[0]
    return [", ".join(f"{c}={v}" for c, v in zip(rule.columns, row, strict=True))
            for row in zip(*parts, strict=True)]


def failures(frame: "pd.DataFrame", outcome: Outcome, limit: int | None = None) -> "pd.DataFrame":
    """File, row, column and value of the rule's failing rows (the first `limit`, or all)."""
    positions = outcome.positions if limit is None else outcome.positions[:limit]
    import pandas as pd

    return pd.DataFrame({
        "source_file": frame["source_file"].take(positions).to_numpy(dtype=object),
        "source_row": frame["source_row"].take(positions).to_numpy(),
        "column": ", ".join(outcome.rule.columns),
        "value": _values(frame, outcome.rule, positions),
    })


def message(frame: "pd.DataFrame", outcome: Outcome, files: tuple[str, ...] = ()) -> str:
    """One line naming the first failing file, row and column, and how many rows fail (for a
    rule about the whole table, the files it was read from)."""
    rule = outcome.rule
    if outcome.error:
        return f"{rule.id}: the check could not run: {outcome.error}"
    if not rule.row_level or not len(outcome.positions):
        read_from = f" (read from {', '.join(files)})" if files else ""
        return f"{rule.id}: {problem(rule)}{read_from}"
    first = failures(frame, outcome, 1).iloc[0]
    more = f" (and {outcome.failed - 1:,} more rows)" if outcome.failed > 1 else ""
    return (f"{first.source_file}, row {first.source_row}, column '{first.column}': "
            f"{shorten(first.value)!r} {problem(rule)}{more}")


def quarantine_table(frame: "pd.DataFrame", outcomes: list[Outcome]) -> pa.Table:
    """Every row failing a quarantining row-level rule, with the rule and the value sent."""
    parts = []
    for outcome in outcomes:
        if outcome.success or not outcome.rule.row_level or not outcome.rule.quarantine:
            continue
        rows = failures(frame, outcome)
        parts.append(pa.table({
            "rule": [outcome.rule.id] * len(rows),
            "severity": [outcome.rule.severity] * len(rows),
            "source_file": rows["source_file"].astype(str).tolist(),
            "source_row": rows["source_row"].astype("int64").tolist(),
            "columns": [", ".join(outcome.rule.columns)] * len(rows),
            "value": rows["value"].tolist(),
        }, schema=QUARANTINE_SCHEMA))
    return pa.concat_tables(parts) if parts else QUARANTINE_SCHEMA.empty_table()


def check_result(frame: "pd.DataFrame", outcome: Outcome, asset_key: dg.AssetKey,
                 year: int, files: tuple[str, ...] = ()) -> dg.AssetCheckResult:
    rule = outcome.rule
    metadata = {
        "wres_year": year,
        "rule": rule.why,
        "expectation": rule.expectation,
        "failed_rows": outcome.failed,
        "failed_percent": round(100 * outcome.failed / outcome.checked, 4) if outcome.checked
        else 0.0,
        "quarantined": rule.row_level and rule.quarantine and not outcome.success,
    }
    if not outcome.success:
        metadata["message"] = message(frame, outcome, files)
        if rule.row_level and len(outcome.positions):
            sample = failures(frame, outcome, SAMPLE_ROWS)
            lines = [f"| {r.source_file} | {r.source_row} | {r.column} | `{shorten(r.value)}` |"
                     for r in sample.itertuples()]
            metadata["failing_rows"] = dg.MetadataValue.md(
                "| file | row | column | value sent |\n|---|---:|---|---|\n" + "\n".join(lines))
    return dg.AssetCheckResult(
        asset_key=asset_key, check_name=rule.id, passed=outcome.success,
        severity=dg.AssetCheckSeverity.ERROR if rule.severity == "error"
        else dg.AssetCheckSeverity.WARN,
        metadata=metadata, description=metadata.get("message"),
    )


def compact(result_json: dict, keep: int = SAMPLE_ROWS) -> dict:
    """The GX result with its per-row lists cut to `keep` entries (counts stay whole)."""
    for item in result_json.get("results", []):
        details = item.get("result") or {}
        for key in ("unexpected_list", "unexpected_index_list", "partial_unexpected_list",
                    "partial_unexpected_index_list", "partial_unexpected_counts"):
            if isinstance(details.get(key), list):
                details[key] = details[key][:keep]
    return result_json
