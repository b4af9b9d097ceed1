"""The contracts are the one description of the raw extracts: they load, their pointers into
reference data resolve, the staging SQL produces exactly their columns and types, and the
written contract in docs/ names every column."""

from pathlib import Path

import duckdb
import pytest

from wres_pipeline import contracts
from wres_pipeline.ingest.staging import read_files, stage
from wres_pipeline.sql import sql_text

ROOT = Path(__file__).resolve().parents[2]
DUCKDB_TYPES = {"VARCHAR": "VARCHAR", "DATE": "DATE", "BOOLEAN": "BOOLEAN", "INTEGER": "INTEGER",
                "BIGINT": "BIGINT", "DECIMAL(6,4)": "DECIMAL(6,4)"}

ALL = contracts.all_contracts()


def test_there_are_four_extracts_in_six_tables():
    assert {c.extract for c in ALL} == set(contracts.EXTRACTS)
    assert len(ALL) == 6


@pytest.mark.parametrize("contract", ALL, ids=lambda c: c.name)
def test_reference_pointers_resolve(contract):
    for column in contract.columns:
        allowed = column.allowed()
        if column.allowed_values_from or column.allowed_values:
            assert allowed and all(isinstance(v, str) and v for v in allowed), column.name
        if column.allowed_first_character_from:
            assert contracts.values_from(column.allowed_first_character_from)


@pytest.mark.parametrize("contract", ALL, ids=lambda c: c.name)
def test_staging_sql_gives_the_contract_columns_and_types(contract):
    with duckdb.connect() as con:
        stage(con, contract, read_files(contract, []))
        described = con.sql(f"describe staging.{contract.name}").fetchall()
    got = [(name, kind) for name, kind, *_ in described]
    expected = [("source_file", "VARCHAR"), ("source_row", "BIGINT")] + [
        (c.name, DUCKDB_TYPES[c.type]) for c in contract.columns]
    assert got == expected


def test_the_written_contract_names_every_table_and_column():
    text = (ROOT / "docs" / "data-contracts.md").read_text(encoding="utf-8")
    for contract in ALL:
        assert f"`{contract.name}`" in text, contract.name
        for column in contract.columns:
            assert f"`{column.name}`" in text, f"{contract.name}.{column.name}"


def test_ids_are_staged_uncompressed_with_the_rows_the_staging_sql_gives(tmp_path):
    # person_id and assignment_id say compression = "uncompressed": the staged table is declared
    # with it, then filled by the staging SQL, so its rows are exactly that SQL's.
    contract = contracts.load("esr_staff_in_post")
    lines = [",".join(contract.column_names)] + [
        f"2024-03-31,r{i % 7:02d}a, {i:016X} ,{i:016X}-1,A,Band {i % 9 + 1},Nursing,Y,"
        f"Permanent,1.0" for i in range(5000)]
    (tmp_path / "esr.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with duckdb.connect(str(tmp_path / "year.duckdb")) as con:
        raw = read_files(contract, [tmp_path / "esr.csv"])
        assert stage(con, contract, raw) == 5000
        con.sql("checkpoint")
        # Once staged, raw.<table> keeps only the text validation quotes: the staging SQL is
        # run again below on every column as sent.
        con.register("sent", raw)
        con.sql("create or replace view raw.esr_staff_in_post as select * from sent")
        storage = dict(con.sql(
            "select column_name, string_agg(distinct compression, ',') from "
            "pragma_storage_info('staging.esr_staff_in_post') where segment_type <> 'VALIDITY' "
            "group by all").fetchall())
        from_sql = con.sql(f"select * from ({sql_text('staging/esr_staff_in_post.sql')}) "
                           "except all select * from staging.esr_staff_in_post").fetchall()
        person = con.sql("select person_id, organisation_code from staging.esr_staff_in_post "
                         "where source_row = 12").fetchall()
    assert storage["person_id"] == storage["assignment_id"] == "Uncompressed"
    assert storage["organisation_code"] != "Uncompressed"  # DuckDB's own choice elsewhere
    assert from_sql == [] and person == [("000000000000000A", "R03A")]


def test_a_contract_column_takes_only_uncompressed_storage():
    with pytest.raises(ValueError, match="compression"):
        contracts.Column(name="x", type="VARCHAR", required=True, description="",
                         compression="zstd")
