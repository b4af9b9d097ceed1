"""The contracts are the one description of the raw extracts: they load, their pointers into
reference data resolve, the staging SQL produces exactly their columns and types, and the
written contract in docs/ names every column."""

from pathlib import Path

import duckdb
import pytest

from wres_pipeline import contracts
from wres_pipeline.ingest.staging import read_files, stage

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
