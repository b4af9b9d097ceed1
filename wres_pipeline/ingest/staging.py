"""Load raw Arrow tables into typed DuckDB staging tables with the staging SQL files."""

from pathlib import Path

import duckdb
import pyarrow as pa

from wres_pipeline.contracts import Contract
from wres_pipeline.ingest.readers import read_raw
from wres_pipeline.paths import REFERENCE_DIR
from wres_pipeline.sql import create_table

STAGING_SCHEMA = "staging"


def stage(con: duckdb.DuckDBPyConnection, contract: Contract, raw: pa.Table) -> int:
    """Create `staging.<contract>` from the raw rows through `assets/staging/<contract>.sql`."""
    con.sql(f"create schema if not exists {STAGING_SCHEMA}")
    con.register(f"raw_{contract.name}", raw)
    try:
        return create_table(con, f"{STAGING_SCHEMA}.{contract.name}",
                            f"staging/{contract.name}.sql")
    finally:
        con.unregister(f"raw_{contract.name}")


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
