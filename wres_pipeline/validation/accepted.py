"""Where a table's validated rows live: the load that passed, kept once, not copied.

Each load is staged as the table `staging.<table>` (the rows as typed, quarantined ones
included). When it passes validation it becomes the accepted load, in one transaction:
- the table is renamed `staging.<table>__accepted` (the previous accepted load is dropped);
- `staging.<table>` becomes a view of it (staging still shows the last load);
- `validated.<table>__quarantined` keeps the keys of the rows that load quarantined;
- `validated.<table>` is a view: the accepted load without those rows.

A load that is blocked stays the table `staging.<table>` (and its failing rows are in
`quarantine.<table>`): the accepted table and the keys are untouched, so `validated.<table>`
still gives the last good rows. Renaming instead of copying spares writing the largest table of
the year (1.6 million ESR rows) to the year's database a second time."""

import duckdb

from wres_pipeline.contracts import Contract

ACCEPTED = "__accepted"
QUARANTINED = "__quarantined"


def accept_load(con: duckdb.DuckDBPyConnection, contract: Contract) -> None:
    """Make the load staged as the table `staging.<table>` the validated rows."""
    name = contract.name
    con.sql("create schema if not exists validated")
    con.sql("begin transaction")
    try:
        con.sql(f"drop view if exists validated.{name}")
        con.sql(f"drop table if exists staging.{name}{ACCEPTED}")
        con.sql(f"alter table staging.{name} rename to {name}{ACCEPTED}")
        con.sql(f"create view staging.{name} as select * from staging.{name}{ACCEPTED}")
        con.sql(f"create or replace table validated.{name}{QUARANTINED} as "
                f"select distinct source_file, source_row from quarantine.{name}")
        con.sql(f"create view validated.{name} as select s.* from staging.{name}{ACCEPTED} "
                f"as s anti join validated.{name}{QUARANTINED} as q "
                "using (source_file, source_row)")
        con.sql("commit")
    except BaseException:
        con.sql("rollback")
        raise

