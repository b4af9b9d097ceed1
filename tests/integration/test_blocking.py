"""A year that fails an error-level rule builds nothing downstream and leaves what the last good
run produced exactly as it was; fixing the file and rerunning restores the same results."""

import shutil

import duckdb

from tests.conftest import materialize_year
from wres_pipeline.resources import PathsSettings
from wres_pipeline.sample.generate import generate_year

YEAR = 2022
KEPT_TABLES = ("validated.trust_return", "validated.esr_staff_in_post",
               "core.trust_reconciliation", "organisations.trusts_in_year",
               "indicators.wres_indicators", "indicators.model_employer")


def _contents(paths, table):
    with duckdb.connect(str(paths.database(YEAR)), read_only=True) as con:
        return con.sql(f"select * from {table} order by all").fetchall()


def test_failed_year_keeps_last_good_outputs_and_recovers(tmp_path):
    landing = tmp_path / "landing"
    paths = PathsSettings.under(tmp_path, landing)
    generate_year(YEAR, landing, seed=4, scale=0.01)
    first = materialize_year(paths, YEAR)
    assert first.success
    # Every check result names its year (the UI's check pages show no partition).
    evaluations = first.get_asset_check_evaluations()
    assert len(evaluations) > 100
    assert [e.check_name for e in evaluations
            if getattr(e.metadata.get("wres_year"), "value", None) != YEAR] == []
    before = {table: _contents(paths, table) for table in KEPT_TABLES}
    published_times = [p.stat().st_mtime_ns for p in sorted((tmp_path / "published").rglob("*"))
                       if p.is_file()]
    assert published_times  # the good run published its exchange files

    shutil.rmtree(landing / str(YEAR))
    made = generate_year(YEAR, landing, seed=4, scale=0.01,
                         faults=["return_appointed_above_shortlisted"])
    result = materialize_year(paths, YEAR)
    assert not result.success
    materialized = {e.asset_key.to_user_string()
                    for e in result.get_asset_materialization_events()}
    assert not {"core/trust_reconciliation", "indicators/return_counts",
                "indicators/wres_indicators", "indicators/counts"} & materialized
    for table in KEPT_TABLES:
        assert _contents(paths, table) == before[table], table
    staged = _contents(paths, "staging.trust_return")
    assert len(staged) == len(before["validated.trust_return"])
    assert staged != before["validated.trust_return"]  # staging holds the new, failing rows
    published = sorted((tmp_path / "published").rglob("*"))
    assert [p.stat().st_mtime_ns for p in published if p.is_file()] == published_times
    (fault,) = made.faults
    quarantined = _contents(paths, "quarantine.trust_return")
    assert any(row[2] == f"{YEAR}/{fault.file}" and row[3] == fault.row for row in quarantined)

    shutil.rmtree(landing / str(YEAR))
    generate_year(YEAR, landing, seed=4, scale=0.01)
    assert materialize_year(paths, YEAR).success
    for table in KEPT_TABLES:
        assert _contents(paths, table) == before[table], table
    assert _contents(paths, "quarantine.trust_return") == []
