"""Materialise a real year's ingestion through Dagster into a real DuckDB file."""

import csv
import hashlib
import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import materialize_year
from wres_pipeline.failures import root_cause
from wres_pipeline.resources import PathsSettings


def _paths(root, landing):
    return PathsSettings.under(root, landing)


def _materialize(paths, year=2024):
    return materialize_year(paths, year, upto="staging")  # ingest is under test: stop there


@pytest.fixture(scope="module")
def ingested(landing_2024, tmp_path_factory):
    paths = _paths(tmp_path_factory.mktemp("run"), landing_2024)
    result = _materialize(paths)
    assert result.success
    return paths, result


def _csv_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def test_every_row_sent_is_staged(ingested, landing_2024):
    paths, _ = ingested
    folder = landing_2024 / "2024"
    with duckdb.connect(str(paths.database(2024)), read_only=True) as con:
        esr = con.sql("select count(*) from staging.esr_staff_in_post").fetchall()[0][0]
        survey = con.sql("select count(*) from staging.staff_survey").fetchall()[0][0]
        returns = con.sql("select count(*), count(distinct source_file) "
                          "from staging.trust_return").fetchall()[0]
        trusts = con.sql("select count(*) from organisations.trusts_in_year").fetchall()[0][0]
    assert esr == _csv_rows(folder / "esr_staff_in_post.csv")
    assert survey == _csv_rows(folder / "staff_survey.csv")
    files = list((folder / "trust_returns").iterdir())
    assert returns == (3 * len(files), len(files))
    assert trusts == len(files) == 206


def test_staging_has_contract_types_and_no_lost_values(ingested):
    paths, _ = ingested
    with duckdb.connect(str(paths.database(2024)), read_only=True) as con:
        nulls = con.sql("""
            select count(*) filter (where snapshot_date is distinct from date '2024-03-31'),
                   count(*) filter (where fte is null or clinical is null),
                   count(*) filter (where person_id is null or assignment_id is null)
            from staging.esr_staff_in_post""").fetchall()[0]
        bad_counts = con.sql("""
            select count(*) from staging.trust_return
            where shortlisted_applicants is null or declared_headcount is null
               or board_voting_members is null""").fetchall()[0][0]
        first = con.sql("select source_file, source_row from staging.esr_staff_in_post "
                        "order by source_row limit 1").fetchall()[0]
    assert nulls == (0, 0, 0)
    assert bad_counts == 0
    assert first == ("2024/esr_staff_in_post.csv", 2)


def test_every_file_is_archived_read_only_with_its_sha256(ingested, landing_2024):
    paths, _ = ingested
    folder = landing_2024 / "2024"
    for extract in ("esr_staff_in_post", "trust_return", "staff_survey", "organisations"):
        manifest = json.loads((paths.archive_path(2024, extract) / "manifest.json").read_text())
        for entry in manifest:
            original = (folder / entry["name"]).read_bytes()
            assert entry["sha256"] == hashlib.sha256(original).hexdigest()
            archived = os.stat(entry["archived"])
            assert archived.st_mode & 0o222 == 0
            assert Path(entry["archived"]).read_bytes() == original
            assert entry["rows"] >= 0


def test_materialisation_metadata_tells_the_story(ingested):
    _, result = ingested
    esr = result.asset_materializations_for_node("staging__esr_staff_in_post")[0]
    assert esr.metadata["dagster/row_count"].value > 10_000
    assert esr.metadata["wres_year"].value == 2024
    assert "sha256" in esr.metadata["files_preview"].value


def test_rerun_rewrites_nothing_in_the_archive(ingested):
    paths, _ = ingested
    archived = sorted(p for p in (paths.archive_path(2024, "trust_return")).rglob("*.*")
                      if p.name != "manifest.json")
    before = {p: p.stat().st_mtime_ns for p in archived}
    assert _materialize(paths).success
    after = {p: p.stat().st_mtime_ns for p in sorted(
        p for p in paths.archive_path(2024, "trust_return").rglob("*.*")
        if p.name != "manifest.json")}
    assert before == after


def test_a_missing_extract_fails_the_run_naming_the_folder(landing_2024, tmp_path):
    landing = tmp_path / "landing"
    shutil.copytree(landing_2024 / "2024", landing / "2024")
    (landing / "2024" / "esr_staff_in_post.csv").unlink()
    result = _materialize(_paths(tmp_path, landing))
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    assert failure.step_key == "staging__esr_staff_in_post"
    message = root_cause(failure.step_failure_data.error)
    assert str(landing / "2024") in message and "no file for ESR staff in post" in message


def test_an_unreadable_workbook_fails_the_asset_naming_the_file(landing_2024, tmp_path):
    landing = tmp_path / "landing"
    shutil.copytree(landing_2024 / "2024", landing / "2024")
    broken = landing / "2024" / "trust_returns" / "RR8.xlsx"
    for old in broken.parent.glob("RR8.*"):
        old.unlink()
    broken.write_bytes(b"PK\x03\x04 this is not a workbook")
    result = _materialize(_paths(tmp_path, landing))
    failure = next(e for e in result.all_events if e.is_step_failure)
    assert failure.step_key == "staging__trust_return"
    message = root_cause(failure.step_failure_data.error)
    assert "RR8.xlsx" in message and "cannot open as an XLSX workbook" in message
