"""Every bad input of the catalogue gives exactly its expected outcome, never a raw crash, and
never changes a snapshot that was already published."""

import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from tests.conftest import failed_checks, materialize_year
from tests.reliability.catalogue import (
    CATALOGUE,
    WINDOWS_NAME,
    YEAR,
    Accepted,
    Blocked,
    Flagged,
    Refused,
)
from tests.reliability.tree import as_found, digests, snapshot_files
from wres_pipeline.failures import innermost
from wres_pipeline.publish.snapshot import latest
from wres_pipeline.resources import PathsSettings
from wres_pipeline.sample.generate import generate_year


def _indicators(root):
    edition = root / "published" / "internal"
    table = pq.read_table(edition / str(YEAR) / latest(edition, YEAR) / "indicators.parquet")
    # The figures; names are checked apart (one case changes a trust's name on purpose).
    return sorted(table.drop_columns(["area_name"]).to_pylist(), key=repr)


@pytest.fixture(scope="module")
def published_year(tmp_path_factory):
    """One clean year, materialised and published: every case starts from a copy of it."""
    root = tmp_path_factory.mktemp("clean")
    generate_year(YEAR, root / "landing", seed=11, scale=0.003)
    assert materialize_year(PathsSettings.under(root, root / "landing"), YEAR,
                            upto="publish").success
    return root, _indicators(root)


def _stops_at(outcome) -> str | None:
    """The asset where the case's run stops (None: it publishes)."""
    if isinstance(outcome, Refused):
        return outcome.step.replace("__", "/")
    return outcome.asset if isinstance(outcome, Blocked) else None


def test_the_catalogue_is_complete_and_documented():
    ids = [case.id for case in CATALOGUE]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 90
    doc = (Path(__file__).resolve().parents[2] / "docs" / "reliability.md").read_text("utf-8")
    assert [i for i in ids if f"| `{i}` |" not in doc] == []


@pytest.mark.parametrize("case", CATALOGUE, ids=[case.id for case in CATALOGUE])
def test_bad_input(case, published_year, tmp_path):
    clean, clean_indicators = published_year
    root = tmp_path / "root"
    shutil.copytree(clean, root, symlinks=True)
    where = case.edit(root / "landing" / str(YEAR), tmp_path / "outside")
    before = digests(root / "published")
    paths = PathsSettings.under(root, root / "landing")

    # A refused file or a blocking check stops the run at its asset: the case runs that asset
    # and what it reads. Flagged and accepted inputs must still publish the year, so they run up
    # to publishing (the report reads only the public edition, tested elsewhere).
    outcome = case.outcome
    result = materialize_year(paths, YEAR, upto="publish", asset=_stops_at(outcome))

    failures = [e for e in result.all_events if e.is_step_failure]
    # Messages quote values cut to a readable length (a 10 MB field is not echoed whole).
    assert all(len(e.description or "") < 2000 for e in result.get_asset_check_evaluations())
    assert all(len(innermost(f.step_failure_data.error).message) < 2000 for f in failures)
    # A value that did not parse is reported by its parse rule alone.
    assert all(e.passed for e in result.get_asset_check_evaluations()
               if e.check_name == "positive_not_above_respondents") \
        or case.id == "survey_positive_above_respondents"
    after = digests(root / "published")
    # Published snapshots are never touched: a new run can only add a new one (and withdraw a
    # superseded public one, whole, to the internal folder).
    assert as_found(snapshot_files(before), after) == snapshot_files(before)
    if isinstance(outcome, Refused):
        assert not result.success
        assert [f.step_key for f in failures] == [outcome.step]
        error = innermost(failures[0].step_failure_data.error)
        assert error.cls_name == "ExtractError", error.to_string()
        text = error.message
        assert outcome.reason in text
        assert f"{YEAR}/{where.file}" in text
        if where.row:
            assert f"row {where.row}" in text
        if where.column:
            assert where.column in text
        assert after == before
        return
    # Only a blocking check may stop a step (Dagster's own error for it): never a crash.
    stopped = {f.step_key: innermost(f.step_failure_data.error) for f in failures}
    expected_stop = {outcome.asset.replace("/", "__")} if isinstance(outcome, Blocked) else set()
    assert set(stopped) == expected_stop, [e.to_string() for e in stopped.values()]
    assert {e.cls_name for e in stopped.values()} <= {"DagsterAssetCheckFailedError"}
    evaluations = [e for e in result.get_asset_check_evaluations()
                   if e.check_name == getattr(outcome, "check", None)
                   and e.asset_key.to_user_string() == outcome.asset]
    if isinstance(outcome, Accepted):
        assert result.success
        assert _indicators(root) == clean_indicators
        if case.id == "ods_windows_1252_trust_name":
            edition = root / "published" / "internal"
            names = pq.read_table(edition / str(YEAR) / latest(edition, YEAR) /
                                  "organisations.parquet").column("organisation_name")
            assert WINDOWS_NAME in names.to_pylist()
        return
    (evaluation,) = evaluations
    assert not evaluation.passed
    text = evaluation.description
    if where.row:
        assert f"{YEAR}/{where.file}, row {where.row}, column '{where.column}'" in text \
            or (where.column in text and f"{YEAR}/{where.file}, row {where.row}" in text)
    elif where.column:  # a trust-level finding names the trust
        assert where.column in evaluation.metadata["codes"].value
    else:
        assert f"{YEAR}/{where.file}" in text
    if isinstance(outcome, Blocked):
        assert evaluation.severity.value == "ERROR"
        # The run stopped here: that a blocking check keeps every downstream asset from
        # running is tests/integration/test_blocking.py's to show.
        assert not result.success and after == before
        if where.row:
            table = outcome.asset.split("/")[1]
            with duckdb.connect(str(paths.database(YEAR)), read_only=True) as con:
                quarantined = con.sql(f"select source_file, source_row, rule from "
                                      f"quarantine.{table}").fetchall()
            assert (f"{YEAR}/{where.file}", where.row, outcome.check) in quarantined
    else:
        assert isinstance(outcome, Flagged)
        assert evaluation.severity.value == "WARN"
        assert result.success
        assert "publish/snapshot" not in failed_checks(result)
