"""Load raw Arrow tables into typed DuckDB staging tables with the staging SQL files."""

from pathlib import Path

import duckdb
import pyarrow as pa

from wres_pipeline import reference
from wres_pipeline.contracts import Contract
from wres_pipeline.ingest.readers import read_raw
from wres_pipeline.sql import create_table, drop_relation

RAW_SCHEMA = "raw"
STAGING_SCHEMA = "staging"


def stage(con: duckdb.DuckDBPyConnection, contract: Contract,
          raw: pa.Table | None = None) -> int:
    """Type the rows as sent, `raw.<table>`, into `staging.<table>` through the contract's
    staging SQL (`assets/<layer>/<table>.sql`).

    `raw.<table>` lives in an in-memory catalog: validation quotes the text that was sent from
    it, and `release_raw` ends it. It is never copied into the year's database file (the archive
    keeps every file as sent, and quarantine the text of every failing row). The pipeline fills
    it block by block (`begin_raw`, `append_raw`), so that DuckDB holds the text compressed and
    can spill it to disk; given `raw`, an Arrow table read whole, it is a view of that table."""
    _attach_raw(con)
    con.sql(f"create schema if not exists {STAGING_SCHEMA}")
    # After a load passed, staging.<table> is a view of it (validation/accepted.py); the new
    # load is a table again until it passes.
    drop_relation(con, STAGING_SCHEMA, contract.name)
    if raw is not None:
        _drop_raw(con, contract)
        con.register(_arrow_name(contract), raw)  # holds `raw` until release_raw
        con.sql(f"create view {RAW_SCHEMA}.{contract.name} as "
                f"select * from {_arrow_name(contract)}")
    compression = {c.name: c.compression for c in contract.columns if c.compression}
    rows = create_table(con, f"{STAGING_SCHEMA}.{contract.name}", contract.staging_sql,
                        compression=compression)
    canonical_spelling(con, contract)
    return rows


def begin_raw(con: duckdb.DuckDBPyConnection, contract: Contract) -> None:
    """An empty `raw.<table>` for `append_raw` to fill."""
    _attach_raw(con)
    _drop_raw(con, contract)
    columns = [(name, pa.string()) for name in contract.column_names]
    con.register(_arrow_name(contract), pa.schema(
        columns + [("source_file", pa.string()), ("source_row", pa.int64())]).empty_table())
    con.sql(f"create table {RAW_SCHEMA}.{contract.name} as select * from "
            f"{_arrow_name(contract)}")
    con.unregister(_arrow_name(contract))


def append_raw(con: duckdb.DuckDBPyConnection, contract: Contract, blocks) -> int:
    """Add one file's rows (readers.raw_blocks) to `raw.<table>`, a block at a time; return
    how many. Rows are numbered as each block is read; where the file needs its records
    counted instead (blank lines, quoted line breaks), the numbers are corrected at the end."""
    table, rows = f"{RAW_SCHEMA}.{contract.name}", 0
    for block in blocks:
        con.register("raw_block", pa.Table.from_batches([block]))
        con.sql(f"insert into {table} by name select * from raw_block")
        con.unregister("raw_block")
        rows += block.num_rows
    pa.default_memory_pool().release_unused()  # the blocks are in DuckDB now
    if blocks.numbers is not None:
        provisional = pa.array(range(blocks.offset, blocks.offset + rows), pa.int64())
        con.register("raw_numbers", pa.table({"provisional": provisional,
                                              "number": pa.array(blocks.numbers, pa.int64())}))
        con.execute(f"update {table} set source_row = n.number from raw_numbers as n "
                    f"where {table}.source_file = $name and {table}.source_row = n.provisional",
                    {"name": blocks.name})
        con.unregister("raw_numbers")
    return rows


def _attach_raw(con: duckdb.DuckDBPyConnection) -> None:
    attached = {name for (name,) in con.sql("select database_name from duckdb_databases()")
                .fetchall()}
    if RAW_SCHEMA not in attached:
        con.sql(f"attach ':memory:' as {RAW_SCHEMA}")


def _drop_raw(con: duckdb.DuckDBPyConnection, contract: Contract) -> None:
    kinds = con.execute("select 'view' from duckdb_views() where database_name = $db and "
                        "view_name = $name union all select 'table' from duckdb_tables() "
                        "where database_name = $db and table_name = $name",
                        {"db": RAW_SCHEMA, "name": contract.name}).fetchall()
    for (kind,) in kinds:
        if kind == "view":
            con.sql(f"drop view {RAW_SCHEMA}.{contract.name}")
        else:
            con.sql(f"drop table {RAW_SCHEMA}.{contract.name}")


def canonical_spelling(con: duckdb.DuckDBPyConnection, contract: Contract) -> None:
    """Coded values are matched as codes, not as typed. A value that equals one of its column's
    listed values once case and runs of spaces are set aside (`band 5`, `WHITE`, `q14A`) takes
    the listed spelling; one that is an alias in the contract's `aliases_from` (an ethnic
    category's Data Dictionary description), compared whole, takes its code. Anything else
    stays as sent, for validation to report. Values are rewritten in place (an UPDATE keeps
    the staged rows in the raw rows' order, which validation relies on), only where they
    differ, so a file sent as the contract says costs one distinct scan per coded column."""
    table = f"{STAGING_SCHEMA}.{contract.name}"
    for column in contract.columns:
        listed = _spellings(column)
        if not listed:
            continue
        sent = [v for (v,) in con.sql(f"select distinct {column.name} from {table}").fetchall()
                if v is not None]
        for value in sent:
            code = listed.get(reference.spelling(value))
            if code is not None and code != value:
                con.execute(f"update {table} set {column.name} = $code "
                            f"where {column.name} = $sent", {"code": code, "sent": value})


def _spellings(column) -> dict[str, str]:
    """Each accepted spelling of the column's coded values (as `spelling()` writes it) and the
    value it stands for."""
    if column.type != "VARCHAR":
        return {}
    spelling = reference.spelling
    listed = {spelling(v): v for v in column.allowed() or ()}
    if column.spellings_from:
        listed |= {spelling(v): v for v in reference.values_from(column.spellings_from)}
    if column.aliases_from:
        path, alias, code = column.aliases_from.split(":")
        rows = reference.table(path.removeprefix("reference/").removesuffix(".csv"))
        listed |= {spelling(row[alias]): row[code] for row in rows}
    return listed


def release_raw(con: duckdb.DuckDBPyConnection, contract: Contract) -> None:
    """End `raw.<table>` and let its rows go (they are also gone when `con` closes)."""
    _drop_raw(con, contract)
    con.unregister(_arrow_name(contract))  # none is registered when blocks filled it


def _arrow_name(contract: Contract) -> str:
    return f"raw_rows_{contract.name}"


def read_files(contract: Contract, paths: list[Path]) -> pa.Table:
    """All of one table's files as one raw table (an empty raw table when there are none)."""
    tables = [read_raw(contract, path) for path in paths]
    if not tables:
        fields = [(name, pa.string()) for name in contract.column_names]
        return pa.schema(fields + [("source_file", pa.string()), ("source_row", pa.int64())]) \
            .empty_table()
    return pa.concat_tables(tables)
