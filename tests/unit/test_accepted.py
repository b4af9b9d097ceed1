"""The validated rows are the last load that passed, without its quarantined rows; a blocked
load, or a failure while accepting one, leaves them as they were."""

import duckdb
import pytest

from wres_pipeline.contracts import load
from wres_pipeline.sql import drop_relation
from wres_pipeline.validation.accepted import accept_load

CONTRACT = load("staff_survey")  # any contract: only its name is used


def _load(con, rows: list[tuple[str, int]], quarantined: list[tuple[str, int]]) -> None:
    """Stage a load (as ingest does: a table) and its quarantine."""
    con.sql("create schema if not exists staging; create schema if not exists quarantine")
    drop_relation(con, "staging", "staff_survey")  # as ingest/staging.py does
    con.sql("create or replace table staging.staff_survey (source_file varchar, "
            "source_row bigint)")
    con.executemany("insert into staging.staff_survey values (?, ?)", rows)
    con.sql("create or replace table quarantine.staff_survey (source_file varchar, "
            "source_row bigint, rule varchar)")
    for row in quarantined:
        con.execute("insert into quarantine.staff_survey values (?, ?, 'some_rule')", row)


def _rows(con, relation: str) -> list[tuple]:
    return con.sql(f"select source_file, source_row from {relation} order by all").fetchall()


def test_passing_load_is_validated_without_its_quarantined_rows():
    with duckdb.connect() as con:
        _load(con, [("a.csv", 2), ("a.csv", 3), ("a.csv", 4)], [("a.csv", 3), ("a.csv", 3)])
        accept_load(con, CONTRACT)
        assert _rows(con, "validated.staff_survey") == [("a.csv", 2), ("a.csv", 4)]
        assert _rows(con, "staging.staff_survey") == [("a.csv", 2), ("a.csv", 3), ("a.csv", 4)]


def test_blocked_load_leaves_validated_rows_and_shows_in_staging():
    with duckdb.connect() as con:
        _load(con, [("a.csv", 2), ("a.csv", 3)], [])
        accept_load(con, CONTRACT)
        _load(con, [("b.csv", 2)], [("a.csv", 2)])  # blocked: never accepted
        assert _rows(con, "validated.staff_survey") == [("a.csv", 2), ("a.csv", 3)]
        assert _rows(con, "staging.staff_survey") == [("b.csv", 2)]
        _load(con, [("c.csv", 2), ("c.csv", 5)], [("c.csv", 5)])
        accept_load(con, CONTRACT)
        assert _rows(con, "validated.staff_survey") == [("c.csv", 2)]
        assert _rows(con, "staging.staff_survey__accepted") == [("c.csv", 2), ("c.csv", 5)]


def test_failure_while_accepting_changes_nothing():
    with duckdb.connect() as con:
        _load(con, [("a.csv", 2)], [])
        accept_load(con, CONTRACT)
        _load(con, [("b.csv", 2)], [])
        con.sql("drop table quarantine.staff_survey")  # accepting needs it
        with pytest.raises(duckdb.CatalogException):
            accept_load(con, CONTRACT)
        assert _rows(con, "validated.staff_survey") == [("a.csv", 2)]
        assert _rows(con, "staging.staff_survey") == [("b.csv", 2)]
