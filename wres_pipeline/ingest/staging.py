"""Load raw Arrow tables into typed DuckDB staging tables with the staging SQL files."""

from pathlib import Path

import duckdb
import pyarrow as pa

from wres_pipeline.contracts import Contract
from wres_pipeline.ingest.readers import read_raw
from wres_pipeline.paths import REFERENCE_DIR
from wres_pipeline.sql import create_table

RAW_SCHEMA = "raw"
STAGING_SCHEMA = "staging"


def stage(con: duckdb.DuckDBPyConnection, contract: Contract, raw: pa.Table) -> int:
    """Keep the rows as sent in `raw.<table>`, then type them into `staging.<table>` through
    `assets/staging/<table>.sql`. The raw text stays so every error can quote what was sent."""
    con.sql(f"create schema if not exists {RAW_SCHEMA}")
    con.sql(f"create schema if not exists {STAGING_SCHEMA}")
    con.register("incoming_raw", raw)
    try:
        con.sql(f"create or replace table {RAW_SCHEMA}.{contract.name} as "
                "select * from incoming_raw")
    finally:
        con.unregister("incoming_raw")
    return create_table(con, f"{STAGING_SCHEMA}.{contract.name}", f"staging/{contract.name}.sql")


def read_files(contract: Contract, paths: list[Path]) -> pa.Table:
    """All of one table's files as one raw table (an empty raw table when there are none)."""
    tables = [read_raw(contract, path) for path in paths]
    if not tables:
        fields = [(name, pa.string()) for name in contract.column_names]
        return pa.schema(fields + [("source_file", pa.string()), ("source_row", pa.int64())]) \
            .empty_table()
    return pa.concat_tables(tables)


def load_reference_table(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Make `reference/<name>.csv` the table `reference.<name>` (all columns text)."""
    con.sql("create schema if not exists reference")
    con.execute(f"create or replace table reference.{name} as "
                "select * from read_csv($path, all_varchar = true, header = true)",
                {"path": str(REFERENCE_DIR / f"{name}.csv")}).fetchall()
