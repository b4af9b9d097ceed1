"""Run the project's SQL files (`assets/**.sql`) on DuckDB.

SQL lives in files an analyst can read; Python only chooses which file runs and binds values as
parameters (`$name`), never by formatting them into the text.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import duckdb

from wres_pipeline import probes
from wres_pipeline.paths import SQL_ASSETS_DIR


@cache
def sql_text(relative_path: str) -> str:
    """The text of `assets/<relative_path>`."""
    return (SQL_ASSETS_DIR / relative_path).read_text(encoding="utf-8")


def create_table(con: duckdb.DuckDBPyConnection, table: str, relative_path: str,
                 params: dict | None = None, compression: dict[str, str] | None = None) -> int:
    """Replace `table` with the result of a SQL file and return its row count.

    `table` is always one of the project's own table names (never input data), so it can be
    part of the statement; values go in `params`. `compression` stores the named columns with
    the given DuckDB compression (from the contracts, never from data): DuckDB takes it only in
    a table's declaration, so the table is declared from the query's columns, then filled.
    """
    with probes.span("sql", relative_path, con):
        # DuckDB 2.0 blocks the connection until a result is fully fetched: always fetchall().
        if compression:
            columns = con.execute(f"describe {sql_text(relative_path)}", params or {}).fetchall()
            declared = ", ".join(
                f'"{name}" {kind}' + (f" using compression {compression[name]}"
                                      if name in compression else "")
                for name, kind, *_ in columns)
            con.execute(f"create or replace table {table} ({declared})").fetchall()
            con.execute(f"insert into {table} {sql_text(relative_path)}", params or {}).fetchall()
        else:
            con.execute(f"create or replace table {table} as {sql_text(relative_path)}",
                        params or {}).fetchall()
        return con.execute(f"select count(*) from {table}").fetchall()[0][0]


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, relative_path: str,
                params: dict | None = None) -> None:
    """Append the result of a SQL file to `table` (made by `create_table` from the same file)."""
    with probes.span("sql", relative_path, con):
        con.execute(f"insert into {table} {sql_text(relative_path)}", params or {}).fetchall()


def create_view(con: duckdb.DuckDBPyConnection, view: str, relative_path: str,
                count: bool = True) -> int | None:
    """Replace `view` with a SQL file's query (stored, not computed: readers run it) and return
    the row count it gives now, unless `count` is false (counting runs the query)."""
    with probes.span("sql", relative_path, con):
        con.execute(f"create or replace view {view} as {sql_text(relative_path)}").fetchall()
        if not count:
            return None
        return con.execute(f"select count(*) from {view}").fetchall()[0][0]


def rows(con: duckdb.DuckDBPyConnection, relative_path: str,
         params: dict | None = None) -> list[dict]:
    """A SQL file's result as one dict per row (for the small results readers print)."""
    relation = con.execute(sql_text(relative_path), params or {})
    columns = [d[0] for d in relation.description]
    return [dict(zip(columns, row, strict=True)) for row in relation.fetchall()]


def drop_relation(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> None:
    """Drop `<schema>.<name>`, whether it is a table or a view (there is none after this)."""
    kinds = con.execute("select table_type from information_schema.tables "
                        "where table_catalog = current_database() and table_schema = $schema "
                        "and table_name = $name", {"schema": schema, "name": name}).fetchall()
    table = f"{schema}.{name}"
    for (kind,) in kinds:
        if kind == "VIEW":
            con.sql(f"drop view {table}")
        else:
            con.sql(f"drop table {table}")


def run_statement(con: duckdb.DuckDBPyConnection, relative_path: str) -> None:
    """Run a SQL file that defines rather than selects (a macro, for instance)."""
    with probes.span("sql", relative_path, con):
        con.execute(sql_text(relative_path)).fetchall()


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, table) -> Iterator[None]:
    """`table` (Arrow) readable by name in `con`'s SQL while the block runs."""
    con.register(name, table)
    try:
        yield
    finally:
        con.unregister(name)
