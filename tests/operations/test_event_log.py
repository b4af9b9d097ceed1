"""The embedded instance's event log (wres_pipeline/event_log.py): Dagster's SQLite event log in
its usual folder, written at once through kept-open connections with synchronous=NORMAL.

These tests also guard the private Dagster method the class replaces: if a Dagster upgrade
changes `_connect` or what it relies on, a run's events stop arriving here."""

import os
import subprocess
import sys

import dagster as dg

from wres_pipeline.event_log import OPEN_RUN_DATABASES, LocalEventLogStorage
from wres_pipeline.instance import prepare_home


@dg.asset(check_specs=[dg.AssetCheckSpec("positive", asset="numbers")])
def numbers():
    yield dg.Output([1, 2, 3])
    yield dg.AssetCheckResult(check_name="positive", passed=True)


def _instance(home):
    os.environ["DAGSTER_HOME"] = str(home)
    return dg.DagsterInstance.get()


def test_a_run_is_stored_and_read_back_by_another_process(tmp_path, monkeypatch):
    home = prepare_home(tmp_path / "home")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    with _instance(home) as instance:
        storage = instance.event_log_storage
        assert isinstance(storage, LocalEventLogStorage)
        result = dg.materialize([numbers], instance=instance)
        assert result.success
        # The kept connection commits without waiting on the disk, in WAL mode.
        with storage.run_connection(result.run_id) as conn:
            assert conn.exec_driver_sql("pragma synchronous").scalar() == 1  # NORMAL
            assert conn.exec_driver_sql("pragma journal_mode").scalar() == "wal"
        # Dagster's own storage, in a fresh process, reads the same files: nothing is buffered.
        read = subprocess.run(
            [sys.executable, "-c", f"""
import dagster as dg
from dagster._core.storage.event_log import SqliteEventLogStorage
storage = SqliteEventLogStorage({os.path.join(str(home), "history", "runs", "")!r})
events = storage.get_logs_for_run({result.run_id!r})
kinds = [e.dagster_event.event_type_value for e in events if e.dagster_event]
print(kinds.count("ASSET_CHECK_EVALUATION"), kinds.count("ASSET_MATERIALIZATION"), kinds[-1])
"""], capture_output=True, text=True, check=True)
        assert read.stdout.split() == ["1", "1", "PIPELINE_SUCCESS"]
        evaluation = instance.event_log_storage.get_latest_asset_check_execution_by_key(
            [dg.AssetCheckKey(dg.AssetKey("numbers"), "positive")])
        assert evaluation[dg.AssetCheckKey(dg.AssetKey("numbers"), "positive")].status.value \
            == "SUCCEEDED"


def test_at_most_a_few_run_databases_stay_open_and_wipe_closes_them(tmp_path, monkeypatch):
    home = prepare_home(tmp_path / "home")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    with _instance(home) as instance:
        runs = [dg.materialize([numbers], instance=instance).run_id
                for _ in range(OPEN_RUN_DATABASES + 2)]
        storage = instance.event_log_storage
        assert len([s for s in storage._engines if s != "index"]) == OPEN_RUN_DATABASES
        # A run whose database was closed reopens it.
        assert storage.get_logs_for_run(runs[0])[-1].dagster_event.event_type_value \
            == "PIPELINE_SUCCESS"
        storage.wipe()
        assert set(storage._engines) <= {"index"}
        assert storage.get_logs_for_run(runs[-1]) == []
