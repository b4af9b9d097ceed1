"""Validate a large table in batches, so that memory stays flat as the year grows.

The validation frame (frames.py) comes from DuckDB in one query, sorted by batch and streamed,
and Great Expectations validates it one batch of rows at a time, each a pandas frame of about
`BATCH_ROWS` rows. Each batch's failing rows are kept; they and the batches' counts are put
together into one outcome per rule, with the same findings as one validation of the whole frame:

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


def batch_count(contract: Contract, rows: int, batch_rows: int = BATCH_ROWS) -> int:
    """How many batches a table of `rows` rows is validated in."""
    key = batch_key(rules_in_suite(contract.name))
    return 1 if key is None or rows <= batch_rows else math.ceil(rows / batch_rows)


def frames(con: duckdb.DuckDBPyConnection, contract: Contract,
           batches: int) -> Iterator["pd.DataFrame"]:
    """Each non-empty batch of the validation frame, as the pandas frame GX validates.

    One query computes the frame with each row's batch, sorted by batch (DuckDB sorts within
    its memory limit, spilling to disk), and streams it: a batch is built from the stream's
    blocks as they arrive, and only one batch is held at a time."""
    key = (batch_key(rules_in_suite(contract.name)) if batches > 1 else None) or []
    reader = con.sql(frame_sql(contract, ROW, key),
                     params={"batches": batches}).to_arrow_reader()
    pending, current = [], 0
    for block in reader:
        if pc.all(block[ALIGNED]).as_py() is False:
            raise RuntimeError(f"staging.{contract.name} and raw.{contract.name} do not line up")
        ids = block["batch"].to_numpy(zero_copy_only=False)
        starts = [0] + list(np.flatnonzero(np.diff(ids)) + 1)
        for start, stop in zip(starts, starts[1:] + [len(ids)], strict=True):
            if ids[start] != current and pending:
                yield _frame(pending, reader.schema)
                pending = []
            current = ids[start]
            pending.append(block.slice(start, stop - start))
    if pending or batches == 1:  # an empty table is one empty batch
        yield _frame(pending, reader.schema)


def _frame(blocks: list[pa.RecordBatch], schema: pa.Schema) -> "pd.DataFrame":
    return to_pandas(pa.Table.from_batches(blocks, schema).drop_columns(["batch", ALIGNED]))


def validate_batches(con: duckdb.DuckDBPyConnection, contract: Contract, batches: int,
                     parameters: dict) -> tuple[list[Finding], list[dict]]:
    """Validate every batch of `staging.<table>`; one finding per rule, and GX's result for
    each batch."""
    import pandas as pd

    parts: dict[str, list[tuple[Outcome, pd.DataFrame]]] = {}
    results = []
    for frame in frames(con, contract, batches):
        outcomes, result = validate(frame, contract.name, parameters)
        results.append(result)
        for outcome in outcomes:
            # Only the failing rows, and the columns that report them, outlive the batch.
            failing = frame.take(outcome.positions)[_reported(frame, outcome.rule)]
            parts.setdefault(outcome.rule.id, []).append((outcome, failing))
        del frame, outcomes
        # GX's context and results hold reference cycles: collected now, and Arrow's pool told
        # to hand back what it keeps, a batch's memory is free before the next batch is built
        # (else RSS grew by about 100 MiB a batch).
        gc.collect()
        pa.default_memory_pool().release_unused()
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
