"""Published snapshots read back with DuckDB, pandas and pyarrow: schema, column descriptions,
manifest checksums, the LATEST pointer, reruns that change nothing, the multi-year dataset, and
a public edition that discloses no small count."""

import hashlib
import json
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from tests.conftest import materialize_year
from wres_pipeline import exchange
from wres_pipeline.publish.schemas import TABLES, schema
from wres_pipeline.publish.snapshot import latest
from wres_pipeline.resources import PipelinePaths
from wres_pipeline.sample.generate import generate_year

YEARS = (2022, 2023)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("published")
    paths = PipelinePaths.under(root, root / "landing")
    for year in YEARS:
        generate_year(year, root / "landing", seed=17, scale=0.03)
        assert materialize_year(paths, year).success
    return paths, Path(paths.published)


def _snapshot(published, edition, year):
    root = published / edition
    return root / str(year) / latest(root, year)


@pytest.mark.parametrize("edition", ["internal", "public"])
def test_every_table_has_its_schema_and_descriptions(published, edition):
    _, root = published
    folder = _snapshot(root, edition, 2023)
    for table in TABLES:
        read = pq.read_table(folder / f"{table}.parquet")
        assert read.schema.equals(schema(table, edition), check_metadata=False), table
        for field in read.schema:
            assert field.metadata and field.metadata[b"description"], (table, field.name)
        assert read.schema.metadata[b"edition"].decode() == edition
        meta = pq.ParquetFile(folder / f"{table}.parquet").metadata
        assert meta.row_group(0).column(0).compression == "ZSTD"
        frame = pd.read_parquet(folder / f"{table}.parquet")
        assert len(frame) == read.num_rows


def test_rows_are_sorted_and_duckdb_reads_them(published):
    _, root = published
    folder = _snapshot(root, "internal", 2023)
    path = str(folder / "indicators.parquet")
    rows = duckdb.sql(f"select year, level, area_code, indicator, measure, breakdown, \"group\" "
                      f"from read_parquet('{path}')").fetchall()
    assert rows == sorted(rows)
    england = duckdb.sql(f"select value from read_parquet('{path}') where level = 'england' "
                         "and indicator = 1 and measure = 'share' and breakdown = 'all' "
                         "and \"group\" = 'BME'").fetchall()
    assert 20 < england[0][0] < 30


@pytest.mark.parametrize("edition", ["internal", "public"])
def test_manifest_checksums_match_files_and_raw_extracts(published, edition):
    paths, root = published
    folder = _snapshot(root, edition, 2023)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["snapshot_id"] == folder.name and manifest["year"] == 2023
    assert manifest["edition"] == edition and manifest["git_commit"]
    assert manifest["method"]["indicator_3_window"] == 2
    assert manifest["method"]["disclosure_threshold"] == 7
    # The internal edition also holds what later years read (its exchange folder).
    later = {f"exchange/{t}.parquet" for t in exchange.TABLES} if edition == "internal" else set()
    assert {f["file"] for f in manifest["files"]} == {f"{t}.parquet" for t in TABLES} | later
    for entry in manifest["files"]:
        data = (folder / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert pq.read_metadata(folder / entry["file"]).num_rows == entry["rows"]
    landing = Path(paths.landing) / "2023"
    assert len(manifest["raw_extracts"]) == sum(1 for p in landing.rglob("*") if p.is_file())
    for raw in manifest["raw_extracts"]:
        assert hashlib.sha256((landing / raw["file"]).read_bytes()).hexdigest() == raw["sha256"]


def test_rerun_changes_no_published_byte(published):
    paths, root = published
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(root.rglob("*"))
              if p.is_file()}
    assert materialize_year(paths, 2023).success
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(root.rglob("*"))
             if p.is_file()}
    assert after == before


def test_public_edition_discloses_no_small_count_and_no_person(published):
    _, root = published
    for year in YEARS:
        folder = _snapshot(root, "public", year)
        for table in TABLES:
            names = set(pq.read_schema(folder / f"{table}.parquet").names)
            assert not names & {"person_id", "assignment_id", "ethnic_category"}, table
        counts = duckdb.sql(f"""
            select count(*) filter (where numerator between 1 and 7 or denominator between 1 and 7)
            from read_parquet('{folder / "indicators.parquet"}')""").fetchall()[0][0]
        model = duckdb.sql(f"""
            select count(*) filter (where headcount between 1 and 7
                                       or bme_headcount between 1 and 7)
            from read_parquet('{folder / "model_employer.parquet"}')""").fetchall()[0][0]
        quality = duckdb.sql(f"""
            select count(*) filter (where esr_unknown between 1 and 7 or esr_headcount between 1
                                       and 7)
            from read_parquet('{folder / "data_quality_trusts.parquet"}')""").fetchall()[0][0]
        assert (counts, model, quality) == (0, 0, 0)
        internal = _snapshot(root, "internal", year)
        source = internal / "indicators.parquet"
        small = duckdb.sql(f"select count(*) from read_parquet('{source}') "
                           "where numerator between 1 and 7").fetchall()[0][0]
        assert small > 0  # the internal edition has them: the control did something


def test_suppressed_rows_say_why_and_withhold_derived_values(published):
    _, root = published
    path = _snapshot(root, "public", 2023) / "indicators.parquet"
    frame = duckdb.sql(f"select * from read_parquet('{path}')").df()
    hidden = frame[frame["suppressed"]]
    assert len(hidden) and hidden["suppression_reason"].notna().all()
    assert hidden[["numerator", "denominator", "value", "ci_lower"]].isna().all().all()
    shown = frame[~frame["suppressed"]]
    assert shown["suppression_reason"].isna().all()
    rl = shown[shown["measure"] == "relative_likelihood"]
    rates = frame[frame["measure"] == "rate"].groupby(
        ["level", "area_code", "indicator"])["suppressed"].any()
    for row in rl.itertuples():
        assert not rates.get((row.level, row.area_code, row.indicator), False)


def test_multi_year_dataset_reads_in_one_call(published):
    _, root = published
    dataset = root / "public" / "dataset" / "indicators"
    years = duckdb.sql(f"select distinct year from read_parquet('{dataset}/*/*.parquet', "
                       "hive_partitioning = true) order by 1").fetchall()
    assert [y for (y,) in years] == list(YEARS)
    frame = pd.read_parquet(dataset)
    assert sorted(frame["year"].astype(int).unique()) == list(YEARS)
    table = ds.dataset(dataset, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == len(frame)
    snapshot_rows = sum(pq.read_metadata(_snapshot(root, "public", y) / "indicators.parquet")
                        .num_rows for y in YEARS)
    assert table.num_rows == snapshot_rows
