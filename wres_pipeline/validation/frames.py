"""The frame Great Expectations validates: a staging table beside the text each typed value was
read from, so a rule can tell a blank from a value that did not parse."""

from typing import TYPE_CHECKING

import duckdb

from wres_pipeline.contracts import Contract
from wres_pipeline.validation.rules import is_typed, text_column, unparsed_column

if TYPE_CHECKING:  # pandas is imported where a frame is built, not at start-up
    import pandas as pd
    import pyarrow as pa


ALIGNED = "staging_row_is_raw_row"


def _frame_expression(column) -> str:
    # Dates are compared as ISO text and decimals as floats: GX's pandas engine handles both.
    if column.type == "DATE":
        return f"strftime(s.{column.name}, '%Y-%m-%d') as {column.name}"
    if column.type.startswith("DECIMAL"):
        return f"cast(s.{column.name} as double) as {column.name}"
    return f"s.{column.name}"


def raw_columns(contract: Contract) -> list[str]:
    """The columns of `raw.<table>` the frame reads: the text of each typed column, and each
    row's file and number."""
    return [c.name for c in contract.columns if is_typed(c)] + ["source_file", "source_row"]


def frame_sql(contract: Contract, position: str | None = None,
              batch_by: list[str] | None = None) -> str:
    """SELECT of the validation frame; identifiers come from the contract, never from data.

    With `position`, a column of that name gives each row's position in the staging table.
    With `batch_by` as well, only the rows of batch `$batch` of `$batches`, by a hash of those
    columns (of the row's position where they are all blank), in the table's order."""
    columns = contract.columns
    selected = ["s.source_file", "s.source_row"] + ([f"s.rowid as {position}"] if position
                                                    else [])
    quoted = [c for c in columns if is_typed(c)]
    selected += [_frame_expression(c) for c in columns]
    selected += [f"nullif(trim(r.{c.name}), '') as {text_column(c)}" for c in quoted]
    selected += [f"case when s.{c.name} is null then nullif(trim(r.{c.name}), '') end "
                 f"as {unparsed_column(c)}" for c in quoted]
    # staging.<table> is a row-for-row projection of raw.<table> (no filter, join or sort), so
    # the two line up by position; ALIGNED says, row by row, that they do. A frame that quotes
    # no text reads staging alone.
    joined = f" positional join raw.{contract.name} as r" if quoted else ""
    selected.append("(s.source_file is not distinct from r.source_file and s.source_row "
                    f"is not distinct from r.source_row) as {ALIGNED}" if quoted
                    else f"true as {ALIGNED}")
    where = ""
    if position and batch_by:
        # Rows with the same key have the same hash, so they fall in the same batch. A row
        # whose key is all blank has no key to share (a uniqueness rule passes over it), so it
        # is spread by its position: a file of blank keys must not make one batch of it all.
        # The parameters are cast to the hash's type: uncast, DuckDB filtered 20x slower.
        key = ", ".join(f"s.{column}" for column in batch_by)
        blank = " and ".join(f"s.{column} is null" for column in batch_by)
        where = (f" where (case when {blank} then hash(s.rowid) else hash({key}) end) "
                 "% $batches::ubigint = $batch::ubigint")
    return f"select {', '.join(selected)} from staging.{contract.name} as s{joined}{where}"


def validation_frame(con: duckdb.DuckDBPyConnection, contract: Contract) -> "pd.DataFrame":
    """The frame in the shape GX's pandas engine handles fastest, with the same values.

    Through Arrow (several times faster than DuckDB's own pandas conversion), in one chunk per
    column: GX selects rows once or twice per expectation, and pandas takes from a many-chunk
    Arrow column by first joining its chunks. Text with few distinct values (codes, grades,
    groups: nearly every column) becomes categorical, so selecting, hashing and matching work on
    small integer codes and each distinct text once; near-unique text (ids) stays Arrow text,
    where a categorical would cost more to build than it saves."""
    import pyarrow.compute as pc

    table = con.sql(frame_sql(contract)).to_arrow_table()
    if pc.all(table[ALIGNED]).as_py() is False:  # None: an empty table
        raise RuntimeError(f"staging.{contract.name} and raw.{contract.name} do not line up")
    return to_pandas(table.drop_columns([ALIGNED]))


def to_pandas(table: "pa.Table") -> "pd.DataFrame":
    """The Arrow table as the validation frame (see validation_frame)."""
    import pandas as pd

    arrow = dict(zip(table.column_names, table.columns, strict=True))
    del table  # column by column: each Arrow column is freed once converted
    return pd.DataFrame({name: _pandas_column(arrow.pop(name)) for name in list(arrow)},
                        copy=False)


def _pandas_column(column: "pa.ChunkedArray") -> "pd.Series":
    import pyarrow as pa
    import pyarrow.compute as pc

    column = column.combine_chunks()
    if pa.types.is_string(column.type) and not _near_unique(column):
        column = pc.dictionary_encode(column)
    return column.to_pandas()


def _near_unique(column: "pa.Array", sample: int = 10_000) -> bool:
    import pyarrow.compute as pc

    head = column.slice(0, sample)
    return len(head) > 0 and pc.count_distinct(head).as_py() > len(head) // 2
