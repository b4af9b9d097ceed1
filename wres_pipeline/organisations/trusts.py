"""The trusts of a WRES year: ODS file, trust types and successors, scoped to 31 March."""

import datetime as dt
from pathlib import Path

import duckdb
import pyarrow as pa

from wres_pipeline import contracts
from wres_pipeline.ingest.staging import read_files, stage
from wres_pipeline.paths import REFERENCE_DIR
from wres_pipeline.reference import load_reference_table
from wres_pipeline.sql import create_table, run_statement

# Where each organisations table lives in the project's reference folder (the generator copies
# these into a year's landing folder, where the pipeline reads them like any other extract).
REFERENCE_FILES = {
    "ods_trusts": REFERENCE_DIR / "realdata" / "ods-trusts" / "etr.csv",
    "organisation_types": REFERENCE_DIR / "organisation_types.csv",
    "trust_successors": REFERENCE_DIR / "trust_successors.csv",
}


# The SQL of the trusts of the year, the successor map and the rule that reads it (relative to
# assets/).
SQL = ("organisations/trusts_in_year.sql", "organisations/successor_map.sql",
       "organisations/current_code.sql")


def snapshot_date(year: int) -> dt.date:
    """31 March of the WRES year: the date the workforce data describe."""
    return dt.date(year, 3, 31)


def build_trusts_in_year(con: duckdb.DuckDBPyConnection, year: int) -> int:
    """Create organisations.trusts_in_year and organisations.successor_map from the validated
    organisations tables, and the macro organisations.current_code(code) over the map; return
    the number of trusts of the year."""
    load_reference_table(con, "regions")
    load_reference_table(con, "icbs")
    con.sql("create schema if not exists organisations")
    count = create_table(con, "organisations.trusts_in_year", SQL[0],
                         {"snapshot_date": snapshot_date(year)})
    create_table(con, "organisations.successor_map", SQL[1],
                 {"snapshot_date": snapshot_date(year)})
    run_statement(con, SQL[2])
    return count


def trusts_in_year(year: int, files: dict[str, Path] | None = None) -> pa.Table:
    """The year's trusts from the organisations files (by default the reference copies).

    For the generator and tests: the files are staged and taken as validated without running the
    suites (the reference copies pass them; tests/unit/test_suites.py shows it).
    """
    files = files or REFERENCE_FILES
    with duckdb.connect() as con:
        con.sql("create schema validated")
        for contract in contracts.for_extract("organisations"):
            stage(con, contract, read_files(contract, [files[contract.name]]))
            con.sql(f"create table validated.{contract.name} as "
                    f"select * from staging.{contract.name}")
        build_trusts_in_year(con, year)
        return con.sql("select * from organisations.trusts_in_year").to_arrow_table()
