"""Validate a large table in batches, so that memory stays flat as the year grows.

The validation frame (frames.py) is written once into a temporary DuckDB table, where DuckDB
holds it compressed, and the raw text is let go. Great Expectations then validates it one batch
of rows at a time, each a pandas frame of at most about `BATCH_ROWS` rows. The batches' failing
rows, which are kept, and their counts are put together into one outcome per rule, with the same
findings as one validation of the whole frame:

- a row-level rule (a value present, parsing, matching a pattern, in a set or a range) looks at
  one row at a time, so it fails the same rows in any batch;
- a uniqueness rule looks at every row with the same key: rows are batched by a hash of the
  key, so rows with the same key always share a batch;
- the table-level rules a suite may hold here (its columns, at least one row) hold for every
  non-empty batch exactly when they hold for the table.

A suite with any other kind of rule (one that sums or compares across rows) is validated in one
batch, as is any table of up to `BATCH_ROWS` rows: every table but the ESR extract.
"""

import gc
import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import duckdb
import numpy as np

from wres_pipeline.contracts import Contract
from wres_pipeline.validation.frames import ALIGNED, frame_sql, to_pandas
from wres_pipeline.validation.gx_runner import Outcome, validate
from wres_pipeline.validation.rules import TEXT_SUFFIX, Rule
from wres_pipeline.validation.suites import rules_in_suite

if TYPE_CHECKING:
    import pandas as pd

# About 100 MiB of pandas frame a batch for the ESR extract (GX's working copies come on top);
# fewer, larger batches would pay GX's fixed cost per expectation less often.
BATCH_ROWS = 400_000
FRAME = "validation_frame"  # a temporary table: only this connection sees it
ROW = "frame_row"  # a row's position in the whole frame (the staging table's order)

ROW_RULES = {
    "expect_column_values_to_not_be_null", "expect_column_values_to_be_null",
    "expect_column_values_to_match_regex", "expect_column_values_to_be_in_set",
    "expect_column_values_to_be_between", "expect_column_value_lengths_to_be_between",
    "expect_column_pair_values_a_to_be_greater_than_b",
}
KEY_RULES = {"expect_column_values_to_be_unique": "column",
             "expect_compound_columns_to_be_unique": "column_list"}


@dataclass(frozen=True)
class Finding:
    """One rule over the whole table: its outcome, and a frame of exactly its failing rows (in
    the table's order) whose positions the outcome gives."""

    outcome: Outcome
    failing: "pd.DataFrame"


def batch_key(rules: list[Rule]) -> list[str] | None:
    """The columns rows are batched by (those every uniqueness rule shares; [] when there is
    no such rule), or None when the suite must be validated in one batch."""
    key = None
    for rule in rules:
        if rule.expectation in KEY_RULES:
            columns = rule.kwargs[KEY_RULES[rule.expectation]]
            columns = [columns] if isinstance(columns, str) else list(columns)
            key = columns if key is None else [c for c in key if c in columns]
        elif rule.expectation == "expect_table_row_count_to_be_between":
            if rule.kwargs.get("max_value") is not None:
                return None
        elif rule.expectation != "expect_table_columns_to_match_set" \
                and rule.expectation not in ROW_RULES:
            return None
    return [] if key is None else (key or None)


def write_frame(con: duckdb.DuckDBPyConnection, contract: Contract, rows: int,
                batch_rows: int = BATCH_ROWS) -> int:
    """Write the validation frame, each row with its position and batch, into a temporary
    table; return the number of batches."""
    key = batch_key(rules_in_suite(contract.name))
    batches = 1 if key is None or rows <= batch_rows else math.ceil(rows / batch_rows)
    # Rows with the same key have the same hash, so they fall in the same batch.
    batch = f"hash({', '.join(key)}) % $batches" if key else f"{ROW} % $batches"
    con.execute(f"create or replace temp table {FRAME} as "
                f"select *, {batch} as batch from ({frame_sql(contract, position=ROW)})",
                {"batches": batches})
    aligned = con.sql(f"select bool_and({ALIGNED}) from {FRAME}").fetchall()[0][0]
    if aligned is False:  # None: an empty table
        raise RuntimeError(f"staging.{contract.name} and raw.{contract.name} do not line up")
    return batches


def frames(con: duckdb.DuckDBPyConnection, batches: int):
    """Each non-empty batch of the written frame, as the pandas frame GX validates, in order."""
    for batch in range(batches):
        table = con.execute(
            f"select * exclude (batch, {ALIGNED}) from {FRAME} where batch = $batch "
            f"order by {ROW}", {"batch": batch}).to_arrow_table()
        if table.num_rows or batches == 1:
            yield to_pandas(table)


def validate_batches(con: duckdb.DuckDBPyConnection, contract: Contract, batches: int,
                     parameters: dict) -> tuple[list[Finding], list[dict]]:
    """Validate every batch of the written frame; one finding per rule, and GX's result for
    each batch."""
    import pandas as pd

    parts: dict[str, list[tuple[Outcome, pd.DataFrame]]] = {}
    results = []
    for frame in frames(con, batches):
        outcomes, result = validate(frame, contract.name, parameters)
        results.append(result)
        for outcome in outcomes:
            # Only the failing rows, and the columns that report them, outlive the batch.
            failing = frame.take(outcome.positions)[_reported(frame, outcome.rule)]
            parts.setdefault(outcome.rule.id, []).append((outcome, failing))
        del frame, outcomes
        # GX's context and results hold reference cycles: collected now, a batch's memory is
        # free before the next batch is built (else RSS grew by about 100 MiB a batch).
        gc.collect()
    con.sql(f"drop table {FRAME}")
    return [_merge(part) for part in parts.values()], results


def _reported(frame: "pd.DataFrame", rule: Rule) -> list[str]:
    columns = [c for column in rule.columns for c in (column, column + TEXT_SUFFIX)]
    return ["source_file", "source_row", ROW] + [c for c in columns if c in frame]


def _merge(parts: list) -> Finding:
    import pandas as pd

    outcomes = [outcome for outcome, _ in parts]
    failing = pd.concat([f for _, f in parts]).sort_values(ROW, kind="stable") \
        .reset_index(drop=True) if len(parts) > 1 else parts[0][1].reset_index(drop=True)
    errors = list(dict.fromkeys(o.error for o in outcomes if o.error))
    outcome = replace(
        outcomes[0], success=all(o.success for o in outcomes),
        failed=sum(o.failed for o in outcomes), checked=sum(o.checked for o in outcomes),
        positions=np.arange(len(failing), dtype=np.int64), error="; ".join(errors) or None)
    return Finding(outcome, failing)
