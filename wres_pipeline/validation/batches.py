"""Validate a large table in batches, so that memory stays flat as the year grows.

Great Expectations validates a large table one batch of rows at a time, each a pandas frame of
about `BATCH_ROWS` rows streamed from DuckDB (frames.py), so that only one batch is held at a
time, with every rule of the suite:

- a suite with uniqueness rules is batched by a hash of their key, so that rows with the same
  key always share a batch and each batch finds the repeats among them; each batch is one scan
  of the staged table, its rows in the table's order. Nothing is sorted: sorting the whole frame
  by batch took DuckDB about as long as GX took to validate it. A row whose key is blank has no
  key to share, and is spread by its position;
- a suite without is cut into consecutive batches of the frame in the table's order.

A row-level rule (a value present, parsing, matching a pattern, in a set or a range) looks at
one row at a time, so it fails the same rows in any batch; the table-level rules a suite may
hold (its columns, at least one row) hold for every non-empty batch exactly when they hold for
the table. Each batch's failing rows are kept; they and the batches' counts are put together
into one outcome per rule, in the suite's order, with the same findings as one validation of
the whole frame. A suite with any other kind of rule (one that sums or compares across rows) is
validated in one batch, as is any table of up to `BATCH_ROWS` rows: every table but the ESR
extract.

One pass, not two: validating the uniqueness rules apart, on a frame of the key alone, cost a
second GX run per batch (about 0.4 s of fixed cost each) and a second fingerprint of the key
column (GX hashes every frame it is given), 2 s of the ESR extract's 10 s at national size.
"""

import gc
import math
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

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
    key, keyed = None, []
    for rule in rules:
        if rule.expectation in KEY_RULES:
            columns = rule.kwargs[KEY_RULES[rule.expectation]]
            columns = [columns] if isinstance(columns, str) else list(columns)
            key = columns if key is None else [c for c in key if c in columns]
            keyed.append((rule, columns))
        elif rule.expectation == "expect_table_row_count_to_be_between":
            if rule.kwargs.get("max_value") is not None:
                return None
        elif rule.expectation != "expect_table_columns_to_match_set" \
                and rule.expectation not in ROW_RULES:
            return None
    if key is None:
        return []
    if not key or not all(_passes_over_blank_key(rule, columns, key) for rule, columns in keyed):
        return None
    return key


def _passes_over_blank_key(rule: Rule, columns: list[str], key: list[str]) -> bool:
    # Rows whose batch key is blank are spread by position (frames.frame_sql), so every
    # uniqueness rule must leave them out: a single column's rule skips blanks, a compound
    # rule skips rows as its `ignore_row_if` says (GX's default: all its columns blank).
    if rule.expectation == "expect_column_values_to_be_unique":
        return True
    ignored = rule.kwargs.get("ignore_row_if", "all_values_are_missing")
    return ignored == "any_value_is_missing" or \
        (ignored == "all_values_are_missing" and set(columns) == set(key))


def batch_count(contract: Contract, rows: int, batch_rows: int = BATCH_ROWS) -> int:
    """How many batches a table of `rows` rows is validated in."""
    return _count(batch_key(rules_in_suite(contract.name)), rows, batch_rows)


def _count(key: list[str] | None, rows: int, batch_rows: int) -> int:
    return 1 if key is None or rows <= batch_rows else math.ceil(rows / batch_rows)


def frames(con: duckdb.DuckDBPyConnection, contract: Contract,
           batch_rows: int) -> Iterator["pd.DataFrame"]:
    """The whole validation frame in the table's order, as consecutive pandas frames of
    `batch_rows` rows (the last may be shorter; an empty table is one empty frame)."""
    reader = con.sql(frame_sql(contract, ROW)).to_arrow_reader()
    pending, held, made = [], 0, 0
    for block in _checked(reader, contract):
        while len(block):
            taken = block.slice(0, batch_rows - held)
            pending.append(taken)
            held, block = held + len(taken), block.slice(len(taken))
            if held == batch_rows:
                yield _frame(pending, reader.schema)
                pending, held, made = [], 0, made + 1
    if pending or not made:
        yield _frame(pending, reader.schema)


def key_frames(con: duckdb.DuckDBPyConnection, contract: Contract, key: list[str],
               batches: int) -> Iterator["pd.DataFrame"]:
    """Each non-empty batch of the validation frame, the batch given by a hash of the key
    (frames.frame_sql), its rows in the table's order. One query a batch, each scanning the
    staged table for its rows: four scans took less than the frame's one sort by batch."""
    sql = frame_sql(contract, ROW, key)
    for batch in range(batches):
        reader = con.sql(sql, params={"batches": batches, "batch": batch}).to_arrow_reader()
        blocks = list(_checked(reader, contract))
        if sum(len(block) for block in blocks):
            yield _frame(blocks, reader.schema)


def _checked(reader: pa.RecordBatchReader, contract: Contract) -> Iterator[pa.RecordBatch]:
    for block in reader:
        if pc.all(block[ALIGNED]).as_py() is False:
            raise RuntimeError(f"staging.{contract.name} and raw.{contract.name} do not line up")
        yield block


def _frame(blocks: list[pa.RecordBatch], schema: pa.Schema) -> "pd.DataFrame":
    return to_pandas(pa.Table.from_batches(blocks, schema).drop_columns([ALIGNED]))


def validate_batches(con: duckdb.DuckDBPyConnection, contract: Contract, rows: int,
                     parameters: dict, batch_rows: int = BATCH_ROWS,
                     ) -> tuple[list[Finding], list[dict]]:
    """Validate `staging.<table>` (`rows` rows) in batches of about `batch_rows` rows where
    its suite allows; one finding per rule, in the suite's order, and GX's result for each
    batch."""
    suite = rules_in_suite(contract.name)
    key = batch_key(suite)
    batches = _count(key, rows, batch_rows)
    if batches == 1:
        chunks = frames(con, contract, max(rows, 1))
    elif key:
        chunks = key_frames(con, contract, key, batches)
    else:
        chunks = frames(con, contract, math.ceil(rows / batches))
    parts: dict[str, list] = {rule.id: [] for rule in suite}
    results: list[dict] = []
    # Each batch ends with a garbage collection (see _validate_pass). With the process's
    # objects frozen first, each of those collections scans only what the batch made: a full
    # collection took 0.25 s with Dagster, GX and pandas loaded, per batch and per table. What
    # was garbage before is collected after, once unfrozen, as Python's collector sees fit.
    gc.freeze()
    try:
        _validate_pass(chunks, contract, parameters, parts, results)
    finally:
        gc.unfreeze()
    return [_merge(part) for part in parts.values() if part], results


def _validate_pass(batches: Iterator["pd.DataFrame"], contract: Contract, parameters: dict,
                   parts: dict[str, list], results: list[dict]) -> None:
    for frame in batches:
        outcomes, result = validate(frame, contract.name, parameters)
        results.append(result)
        for outcome in outcomes:
            # Only the failing rows, and the columns that report them, outlive the batch.
            failing = frame.take(outcome.positions)[_reported(frame, outcome.rule)]
            parts[outcome.rule.id].append((outcome, failing))
        del frame, outcomes
        # GX's context and results hold reference cycles: collected now, and Arrow's pool told
        # to hand back what it keeps, a batch's memory is free before the next batch is built
        # (else RSS grew by about 100 MiB a batch).
        gc.collect()
        pa.default_memory_pool().release_unused()


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
