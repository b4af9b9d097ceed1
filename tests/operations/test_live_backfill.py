"""Backfills launched through GraphQL as the UI launches them (a backfill of the `wres_year` job,
and an asset backfill: "Materialize" on every per-year asset over a range of years), taken up
by a live daemon: one run per year, two years side by side, each year's steps that read an
earlier year only after that year's run has finished; both publish exactly what the command
line's backfill publishes, and a broken year fails with a failure summary written by the
run-failure sensor while the year after it still publishes. Every process is stopped by its id.
"""

import itertools
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.operations.live import LOCATION, ROOT, graphql, running_ui, snapshot_ids
from wres_pipeline.publish.snapshot import latest
from wres_pipeline.sample.generate import generate_year

pytestmark = pytest.mark.slow
YEARS = (2019, 2020, 2021)
SCALE, SEED = 0.003, 5
READERS = ("indicators__return_counts", "indicators__model_employer", "publish__snapshot")


def _landing(folder: Path, faults: dict | None = None) -> None:
    for year in YEARS:
        generate_year(year, folder, seed=SEED, scale=SCALE, faults=(faults or {}).get(year, []))


def _ids(data: Path) -> dict[int, str | None]:
    return snapshot_ids(data, YEARS)


def _manifest(data: Path, year: int) -> dict:
    folder = data / "published" / "internal" / str(year)
    return json.loads((folder / latest(folder.parent, year) / "manifest.json").read_text())


def _command_line_backfill(root: Path) -> subprocess.Popen:
    """`wres-pipeline backfill` of the same years on its own copy of the landing zone."""
    _landing(root / "data" / "landing")
    env = dict(os.environ, WRES_DATA_DIR=str(root / "data"),
               DAGSTER_HOME=str(root / "dagster_home"))
    (root / "dagster_home").mkdir()
    return subprocess.Popen(
        [sys.executable, "-m", "wres_pipeline.cli", "backfill", "--years",
         f"{YEARS[0]}-{YEARS[-1]}", "--workers", "2"], cwd=ROOT, env=env,
        stdout=open(root / "backfill.log", "wb"), stderr=subprocess.STDOUT)  # noqa: SIM115


def launch_job_backfill(url: str, years) -> str:
    """What the UI sends for a backfill of the `wres_year` job over a range of years."""
    launched = graphql(url, """mutation($params: LaunchBackfillParams!) {
        launchPartitionBackfill(backfillParams: $params) { __typename
        ... on LaunchBackfillSuccess { backfillId } ... on PythonError { message } } }""",
        {"params": {"selector": {"partitionSetName": "wres_year_partition_set",
                                 "repositorySelector": LOCATION},
                    "partitionNames": [str(y) for y in years]}})
    assert launched["launchPartitionBackfill"]["__typename"] == "LaunchBackfillSuccess", launched
    return launched["launchPartitionBackfill"]["backfillId"]


def launch_asset_backfill(url: str, years) -> str:
    """What the UI sends for "Materialize" on every per-year asset with a range of years."""
    nodes = graphql(url, "{ assetNodes { assetKey { path } isPartitioned isMaterializable } }")
    keys = [{"path": n["assetKey"]["path"]} for n in nodes["assetNodes"]
            if n["isPartitioned"] and n["isMaterializable"]]
    launched = graphql(url, """mutation($params: LaunchBackfillParams!) {
        launchPartitionBackfill(backfillParams: $params) { __typename
        ... on LaunchBackfillSuccess { backfillId } ... on PythonError { message } } }""",
        {"params": {"assetSelection": keys, "partitionNames": [str(y) for y in years]}})
    assert launched["launchPartitionBackfill"]["__typename"] == "LaunchBackfillSuccess", launched
    return launched["launchPartitionBackfill"]["backfillId"]


def finished_backfill(url: str, backfill_id: str, timeout: float = 600) -> tuple[str, list]:
    """The backfill's final status and its runs, oldest first, once it has finished."""
    deadline, status = time.time() + timeout, None
    while time.time() < deadline:
        status = graphql(url, """query($id: String!) { partitionBackfillOrError(backfillId: $id)
            { ... on PartitionBackfill { status } } }""", {"id": backfill_id}
                         )["partitionBackfillOrError"]["status"]
        if status != "REQUESTED":
            break
        time.sleep(3)
    runs = graphql(url, """query($tags: [ExecutionTag!]) { runsOrError(filter: {tags: $tags}) {
        ... on Runs { results { runId status startTime endTime tags { key value }
        assetSelection { path } stepStats { stepKey endTime } } } } }""",
                   {"tags": [{"key": "dagster/backfill", "value": backfill_id}]}
                   )["runsOrError"]["results"]
    for run in runs:
        run["year"] = int({t["key"]: t["value"] for t in run["tags"]}["dagster/partition"])
        run["steps"] = {s["stepKey"]: s["endTime"] for s in run["stepStats"]}
    return status, sorted(runs, key=lambda r: r["year"])


def reads_after_the_year_before(runs: list) -> bool:
    """Did each year's steps that read an earlier year (which wait inside the step, then read)
    end after the run of the year before had ended?"""
    return all(min(later["steps"][s] for s in READERS if s in later["steps"])
               >= earlier["endTime"] for earlier, later in itertools.pairwise(runs))


def _command_line_ids(root: Path, process: subprocess.Popen) -> dict:
    assert process.wait(timeout=600) == 0, (root / "backfill.log").read_text()[-3000:]
    return _ids(root / "data")


def _check_backfill(root: Path, status: str, runs: list, expected: dict) -> None:
    assert status == "COMPLETED_SUCCESS", (root / "ui.log").read_text()[-3000:]
    # One run per year, every asset of the year in it; years side by side, but a year reads
    # an earlier year only once that year's run has ended.
    assert [r["year"] for r in runs] == list(YEARS)
    assert all(r["status"] == "SUCCESS" for r in runs)
    assert len({len(r["assetSelection"] or []) for r in runs}) == 1
    assert reads_after_the_year_before(runs)
    assert any(later["startTime"] < earlier["endTime"]
               for earlier, later in itertools.pairwise(runs)), "no two years overlapped"
    # Indicator 3's window read the year before as it published, as the command line did.
    ids = _ids(root / "data")
    window = [u for u in _manifest(root / "data", 2020)["earlier_years"]
              if u["used_for"] == "indicator 3 window"]
    assert window == [{"year": 2019, "snapshot_id": ids[2019], "used_for": "indicator 3 window"}]
    assert ids == expected and None not in ids.values()


# One test, in steps: the steps build on each other's published years, and the daemon, the
# webserver and the command line's backfill are started once.
def test_backfills_through_the_daemon(tmp_path):
    root, command_line_root = tmp_path / "live", tmp_path / "command_line"
    _landing(root / "data" / "landing")
    command_line = _command_line_backfill(command_line_root)  # beside the first backfill
    with running_ui(root) as (url, _):
        # 1. A backfill of the wres_year job.
        status, runs = finished_backfill(url, launch_job_backfill(url, YEARS))
        expected = _command_line_ids(command_line_root, command_line)
        _check_backfill(root, status, runs, expected)

        # 2. An asset backfill of every per-year asset, from nothing published.
        shutil.rmtree(root / "data" / "published")
        status, runs = finished_backfill(url, launch_asset_backfill(url, YEARS))
        _check_backfill(root, status, runs, expected)

        # 3. A broken year: its run fails, with a failure summary; the year after publishes.
        _a_broken_year_fails_and_the_year_after_still_publishes(url, root, tmp_path)


def _a_broken_year_fails_and_the_year_after_still_publishes(url: str, root: Path,
                                                          tmp_path: Path) -> None:
    before = _ids(root / "data")
    # 2020's ESR extract landed again, with FTEs out of range (an error-level rule).
    generate_year(2020, tmp_path, seed=SEED, scale=SCALE, faults=["esr_fte_out_of_range"])
    shutil.copyfile(tmp_path / "2020" / "esr_staff_in_post.csv",
                    root / "data" / "landing" / "2020" / "esr_staff_in_post.csv")
    status, runs = finished_backfill(url, launch_asset_backfill(url, (2020, 2021)))
    assert status == "COMPLETED_FAILED"
    assert [(r["year"], r["status"]) for r in runs] == [(2020, "FAILURE"), (2021, "SUCCESS")]
    assert reads_after_the_year_before(runs)
    # 2020's last good snapshot stays published; 2021 read it and is unchanged.
    assert _ids(root / "data") == before
    # The run-failure sensor wrote the failed run's summary (it runs every 30 s or so).
    summary = root / "data" / "operations" / "run_failures" / f"{runs[0]['runId']}.md"
    deadline = time.time() + 120
    while not summary.exists() and time.time() < deadline:
        time.sleep(2)
    text = summary.read_text(encoding="utf-8")
    assert "WRES year: 2020" in text and "staging__esr_staff_in_post" in text
    assert "fte_in_range" in text and "started by: backfill" in text
