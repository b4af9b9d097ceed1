"""Load raw Arrow tables into typed DuckDB staging tables with the staging SQL files."""

from collections.abc import Iterable
from pathlib import Path

import duckdb
import pyarrow as pa

from wres_pipeline import reference
from wres_pipeline.contracts import Contract
from wres_pipeline.ingest.readers import SOURCE_FILE_TYPE, read_raw
from wres_pipeline.sql import create_table, drop_relation, insert_rows

RAW_SCHEMA = "raw"
STAGING_SCHEMA = "staging"


def stage(con: duckdb.DuckDBPyConnection, contract: Contract, raw: pa.Table) -> int:
    """Stage one raw table (see stage_parts)."""
    return stage_parts(con, contract, [raw])


def stage_parts(con: duckdb.DuckDBPyConnection, contract: Contract,
                parts: Iterable[pa.Table]) -> int:
    """Type the rows as sent, part after part, into `staging.<table>` through the contract's
    staging SQL (`assets/<layer>/<table>.sql`); return the rows staged.

    While a part is staged, `raw.<table>` is a view of its Arrow table. Of each part only the
    text validation quotes is kept (each typed column's, and each row's file and number:
    validation/frames.raw_columns), in a table of an in-memory catalog that DuckDB spills to
    disk beyond the database's memory limit; `raw.<table>` shows it until `release_raw` ends
    it. So the text of one part at most is held in Python's memory, however large the year.
    The text is never written into the year's database file (the archive keeps every file as
    sent, and quarantine the text of every failing row)."""
    attached = {name for (name,) in con.sql("select database_name from duckdb_databases()")
                .fetchall()}
    if RAW_SCHEMA not in attached:
        con.sql(f"attach ':memory:' as {RAW_SCHEMA}")
    con.sql(f"create schema if not exists {STAGING_SCHEMA}")
    # After a load passed, staging.<table> is a view of it (validation/accepted.py); the new
    # load is a table again until it passes.
    drop_relation(con, STAGING_SCHEMA, contract.name)
    release_raw(con, contract)
    compression = {c.name: c.compression for c in contract.columns if c.compression}
    staged = f"{STAGING_SCHEMA}.{contract.name}"
    for index, part in enumerate(parts):
        con.register(_arrow_name(contract), part)
        del part  # the registration holds it until it is unregistered
        con.sql(f"create or replace view {RAW_SCHEMA}.{contract.name} as "
                f"select * from {_arrow_name(contract)}")
        if index == 0:
            create_table(con, staged, contract.staging_sql, compression=compression)
            con.execute(f"create table {_kept_name(contract)} as select "
                        f"{_sent_columns(contract)} from {_arrow_name(contract)}").fetchall()
        else:
            insert_rows(con, staged, contract.staging_sql)
            con.execute(f"insert into {_kept_name(contract)} select "
                        f"{_sent_columns(contract)} from {_arrow_name(contract)}").fetchall()
        con.unregister(_arrow_name(contract))
        # Arrow's allocator keeps what a part freed for reuse unless told to hand it back:
        # 170 MB of a national ESR file's parts stayed held through validation.
        pa.default_memory_pool().release_unused()
    # A checkpoint compresses the in-memory catalog's tables as a database file's are: the
    # text kept of a national ESR file took 104 MB as inserted, 3 after.
    con.sql(f"checkpoint {RAW_SCHEMA}")
    con.sql(f"create or replace view {RAW_SCHEMA}.{contract.name} as "
            f"select * from {_kept_name(contract)}")
    canonical_spelling(con, contract)
    return con.execute(f"select count(*) from {STAGING_SCHEMA}.{contract.name}").fetchall()[0][0]


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
    """End `raw.<table>` and let its text go (it is also gone when `con` closes)."""
    con.sql(f"drop view if exists {RAW_SCHEMA}.{contract.name}")
    con.sql(f"drop table if exists {_kept_name(contract)}")
    con.unregister(_arrow_name(contract))


def _arrow_name(contract: Contract) -> str:
    return f"raw_rows_{contract.name}"


def _kept_name(contract: Contract) -> str:
    return f"{RAW_SCHEMA}.{contract.name}__sent"


def _sent_columns(contract: Contract) -> str:
    """The raw columns validation quotes (validation/frames.raw_columns), as a select list."""
    from wres_pipeline.validation.frames import raw_columns

    return ", ".join(raw_columns(contract))


def read_files(contract: Contract, paths: list[Path]) -> pa.Table:
    """All of one table's files as one raw table (an empty raw table when there are none)."""
    tables = [read_raw(contract, path) for path in paths]
    if not tables:
        fields = [(name, pa.string()) for name in contract.column_names]
        return pa.schema(fields + [("source_file", SOURCE_FILE_TYPE),
                                   ("source_row", pa.int64())]) \
            .empty_table()
    return pa.concat_tables(tables)
