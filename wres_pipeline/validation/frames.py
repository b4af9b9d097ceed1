"""The frame Great Expectations validates: a staging table beside the text each typed value was
read from, so a rule can tell a blank from a value that did not parse."""

from typing import TYPE_CHECKING

import duckdb

from wres_pipeline.contracts import Contract
from wres_pipeline.validation.rules import is_typed, text_column, unparsed_column

if TYPE_CHECKING:  # pandas is imported where a frame is built, not at start-up
    import pandas as pd


def _frame_expression(column) -> str:
    # Dates are compared as ISO text and decimals as floats: GX's pandas engine handles both.
    if column.type == "DATE":
        return f"strftime(s.{column.name}, '%Y-%m-%d') as {column.name}"
    if column.type.startswith("DECIMAL"):
        return f"cast(s.{column.name} as double) as {column.name}"
    return f"s.{column.name}"


def frame_sql(contract: Contract) -> str:
    """SELECT of the validation frame; identifiers come from the contract, never from data."""
    selected = ["s.source_file", "s.source_row"]
    selected += [_frame_expression(c) for c in contract.columns]
    selected += [f"nullif(trim(r.{c.name}), '') as {text_column(c)}"
                 for c in contract.columns if is_typed(c)]
    selected += [f"case when s.{c.name} is null then nullif(trim(r.{c.name}), '') end "
                 f"as {unparsed_column(c)}" for c in contract.columns if is_typed(c)]
    # staging.<table> is a row-for-row projection of raw.<table> (no filter, join or sort), so
    # the two line up by position; validate_table checks that they do.
    return (f"select {', '.join(selected)} from staging.{contract.name} as s "
            f"positional join raw.{contract.name} as r")


def validation_frame(con: duckdb.DuckDBPyConnection, contract: Contract) -> "pd.DataFrame":
    misaligned = con.sql(
        f"select count(*) from staging.{contract.name} as s positional join "
        f"raw.{contract.name} as r where s.source_row is distinct from r.source_row "
        "or s.source_file is distinct from r.source_file").fetchall()[0][0]
    if misaligned:
        raise RuntimeError(f"staging.{contract.name} and raw.{contract.name} do not line up")
    # Through Arrow: several times faster than DuckDB's own pandas conversion for text columns.
    return con.sql(frame_sql(contract)).to_arrow_table().to_pandas()
