"""Published snapshots read back with DuckDB, pandas and pyarrow: schema, column descriptions,
manifest checksums, the LATEST pointer, reruns that change nothing, the multi-year dataset, and
and a public edition under the disclosure policy (docs/publishing.md)."""

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
from wres_pipeline.publish.schemas import PROOF_TABLES, TABLES, schema
from wres_pipeline.publish.snapshot import latest
from wres_pipeline.resources import PathsSettings
from wres_pipeline.sample.generate import generate_year

YEARS = (2022, 2023)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("published")
    paths = PathsSettings.under(root, root / "landing")
    for year in YEARS:
        generate_year(year, root / "landing", seed=17, scale=0.03)
        assert materialize_year(paths, year, upto="publish").success
    return paths, Path(paths.published)


def _snapshot(published, edition, year):
    root = published / edition
    return root / str(year) / latest(root, year)


@pytest.mark.parametrize("edition", ["internal", "public"])
def test_every_table_has_its_schema_and_descriptions(published, edition):
    _, root = published
    folder = _snapshot(root, edition, 2023)
    # The proof tables are the disclosure model's (tests/disclosure/test_publication.py).
    for table in (t for t in TABLES if t not in PROOF_TABLES):
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
    written = {f"{t}.parquet" for t in TABLES if t not in PROOF_TABLES}  # the model's only
    assert {f["file"] for f in manifest["files"]} == written | later
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
    assert materialize_year(paths, 2023, upto="publish").success
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(root.rglob("*"))
             if p.is_file()}
    assert after == before


def test_a_public_edition_that_would_disclose_fails_its_check_and_publishes_nothing(
        published, monkeypatch):
    """The check reports what it found, and nothing is written: here the disclosure step
    withholds nothing, as a broken policy would leave it."""
    import dagster as dg

    from tests.conftest import settings_for
    from wres_pipeline.definitions import defs
    from wres_pipeline.publish import assets

    paths, root = published
    before = {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    monkeypatch.setattr(assets.disclosure, "withheld_units", lambda *args: {})
    result = dg.materialize(
        defs.assets, selection=[assets.SNAPSHOT], partition_key="2023",
        resources={"settings": settings_for(paths)},
        instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)
    assert not result.success
    (check,) = result.get_asset_check_evaluations()
    assert check.check_name == "public_edition_discloses_nothing" and not check.passed
    assert "too small to publish" in check.description
    assert not result.get_asset_materialization_events()
    assert {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()} == before


def _editions(root, year, table="indicators"):
    """The internal and public rows of a table side by side (public columns prefixed p_)."""
    internal = _snapshot(root, "internal", year) / f"{table}.parquet"
    public = _snapshot(root, "public", year) / f"{table}.parquet"
    keys = {"indicators": "year, level, area_code, indicator, measure, breakdown, \"group\"",
            "trust_distribution": "year, indicator, measure, breakdown"}[table]
    return duckdb.sql(f"""
        select i.*, p.* exclude ({keys}) from read_parquet('{internal}') as i
        join (select {keys}, columns(* exclude ({keys})) as "p_\\0"
              from read_parquet('{public}')) as p using ({keys})""").df()


def test_no_person_level_column_is_published(published):
    _, root = published
    for year in YEARS:
        for edition in ("internal", "public"):
            folder = _snapshot(root, edition, year)
            for path in folder.rglob("*.parquet"):  # every file written, whatever the model
                names = set(pq.read_schema(path).names)
                assert not names & {"person_id", "assignment_id", "ethnic_category"}, path


def test_no_survey_result_from_fewer_than_11_respondents_is_published(published):
    _, root = published
    for year in YEARS:
        rows = _editions(root, year)
        percent = rows[rows["measure"] == "percent"]
        few = percent[percent["denominator"].between(1, 10)]
        assert len(few)  # the internal edition has them: the rule has something to do
        assert few[["p_value", "p_numerator", "p_denominator", "p_ci_lower"]].isna().all().all()
        assert percent[percent["p_value"].notna()]["p_denominator"].min() >= 11
        # A gap needs both groups: withheld with either.
        small = set(zip(few["level"], few["area_code"], few["indicator"], strict=True))
        gaps = rows[(rows["measure"] == "gap_pp") & rows["indicator"].between(5, 8)]
        hit = gaps[[k in small for k in zip(gaps["level"], gaps["area_code"],
                                            gaps["indicator"], strict=True)]]
        assert len(hit) and hit["p_value"].isna().all()


def test_no_withheld_staff_count_is_published(published):
    _, root = published
    for year in YEARS:
        rows = _editions(root, year)
        single = (rows["level"] == "trust") | (rows["trusts"] == 1)
        known = rows["group"].isin(["White", "BME"])
        staff = single & known & (rows["indicator"] == 1) & (rows["measure"] == "share") & \
            rows["numerator"].between(1, 7)
        events = single & known & rows["indicator"].between(2, 4) & (rows["measure"] == "rate") \
            & (rows["numerator"].between(1, 7) | rows["denominator"].between(1, 7))
        assert staff.sum() and events.sum()  # there were small counts to withhold
        assert rows[staff | events][["p_numerator", "p_denominator", "p_value"]].isna().all().all()
        published_small = rows[single & known & rows["indicator"].between(1, 4)
                               & rows["measure"].isin(["share", "rate"])
                               & (rows["p_numerator"].between(1, 7)
                                  | (rows["p_denominator"].between(1, 7)
                                     & (rows["indicator"] > 1)))]
        assert published_small.empty
        model = duckdb.sql(f"""select count(*) from read_parquet('{
            _snapshot(root, "public", year) / "model_employer.parquet"}')
            where trusts = 1 and bme_headcount between 1 and 7""").fetchall()[0][0]
        assert model == 0


def test_board_counts_are_published_in_full(published):
    _, root = published
    for year in YEARS:
        rows = _editions(root, year)
        board = rows[(rows["indicator"] == 9) & rows["breakdown"].str.startswith("board_")]
        assert set(board["breakdown"]) == {"board_voting", "board_executive",
                                           "board_non_executive"}
        assert (board["numerator"].between(1, 7)).sum() > 0  # small counts, published anyway
        assert not board["p_suppressed"].any()
        for column in ("numerator", "denominator", "value"):
            assert board[column].equals(board[f"p_{column}"].astype(board[column].dtype)), column


def test_aggregates_are_the_same_in_both_editions(published):
    _, root = published
    for year in YEARS:
        rows = _editions(root, year)
        areas = rows[rows["level"] != "trust"]
        assert set(areas["level"]) == {"icb", "region", "trust_type", "england"}
        shown = areas[~areas["p_suppressed"]]
        for column in ("numerator", "denominator", "value", "ci_lower", "ci_upper"):
            same = (shown[column] == shown[f"p_{column}"]) | (
                shown[column].isna() & shown[f"p_{column}"].isna())
            assert same.all(), (column, shown[~same].head(3).to_dict("records"))
        # Only the survey's own rule, or an area that would give a withheld trust back (it
        # pools one trust's cell, or subtraction would), withholds an aggregate.
        hidden = areas[areas["p_suppressed"]]
        assert hidden["p_suppression_reason"].str.contains(
            "respondents|single trust|subtraction").all()
        headline = areas[(areas["level"] == "england") & (areas["breakdown"].isin(
            ["all", "board_voting"])) & (areas["indicator"] <= 4) | (areas["indicator"] == 9)]
        assert not headline["p_suppressed"].any()
        distribution = _editions(root, year, "trust_distribution")
        for column in ("trusts", "median", "minimum", "maximum", "percent_above_range"):
            a, b = distribution[column], distribution[f"p_{column}"]
            assert ((a == b) | (a.isna() & b.isna())).all(), column


def test_withheld_likelihoods_are_rounded_without_interval(published):
    _, root = published
    rows = _editions(root, 2023)
    rl = rows[(rows["measure"] == "relative_likelihood") & rows["p_suppressed"]]
    assert len(rl)
    assert rl["p_ci_lower"].isna().all() and rl["p_ci_upper"].isna().all()
    valued = rl[rl["value"].notna()]
    published_value = valued["p_value"].astype(float)
    assert ((published_value - valued["value"]).abs() <= 0.005 + 1e-12).all()
    assert ((published_value * 100 - (published_value * 100).round()).abs() < 1e-9).all()
    assert (valued["p_adverse_significant"].astype(bool) == valued["adverse_significant"]).all()
    assert rl["p_suppression_reason"].str.contains("rounded").all()
    shown = rows[~rows["p_suppressed"]]
    assert shown["p_suppression_reason"].isna().all()


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


def test_trend_tables_compare_with_what_earlier_years_published(published):
    _, root = published
    for edition in ("internal", "public"):
        trends = duckdb.sql(f"""select * from read_parquet('{
            _snapshot(root, edition, 2023) / "trends.parquet"}')""").df()
        assert set(trends["level"]) == {"england", "region", "icb", "trust_type"}
        before = duckdb.sql(f"""select * from read_parquet('{
            _snapshot(root, edition, 2022) / "indicators.parquet"}')
            where level = 'england' and indicator = 1 and breakdown = 'all:vsm'
              and "group" = 'BME' and measure = 'share'""").df().iloc[0]
        now = duckdb.sql(f"""select * from read_parquet('{
            _snapshot(root, edition, 2023) / "indicators.parquet"}')
            where level = 'england' and indicator = 1 and breakdown = 'all:vsm'
              and "group" = 'BME' and measure = 'share'""").df().iloc[0]
        vsm = trends[(trends["level"] == "england") & (trends["breakdown"] == "all:vsm")].iloc[0]
        assert vsm["label"] == "BME very senior managers"
        assert vsm["numerator_1y_before"] == before["numerator"]
        assert vsm["numerator_change_1y"] == now["numerator"] - before["numerator"]
        assert vsm["numerator_change_1y_percent"] == pytest.approx(
            100 * (now["numerator"] - before["numerator"]) / before["numerator"])
        assert vsm["change_1y"] == pytest.approx(now["value"] - before["value"])
        assert pd.isna(vsm["value_5y_before"])  # 2018 was not published
    manifest = json.loads((_snapshot(root, "internal", 2023) / "manifest.json").read_text())
    assert {"used_for": "trend tables", "year": 2022,
            "snapshot_id": latest(root / "internal", 2022)} in manifest["earlier_years"]
