"""Two people press "backfill" at once, for overlapping years: both finish, nothing reports a
lock error, and every year ends with a complete snapshot per edition, the same as one backfill
alone publishes. A year one backfill built before the other had published the year before it
reads is stale, and is rebuilt before the backfill ends; its superseded snapshot stays, whole."""

import os
import shutil
import subprocess
import sys

import pytest

from tests.reliability.cli import ROOT, complete, pointers, run_cli
from wres_pipeline.sample.generate import generate_year

YEARS = range(2020, 2023)


@pytest.mark.slow
def test_two_overlapping_backfills_started_together(tmp_path):
    data = tmp_path / "data"
    for year in YEARS:
        generate_year(year, data / "landing", seed=9, scale=0.003)
    env = dict(os.environ, WRES_DATA_DIR=str(data), DAGSTER_HOME=str(data / "home"))
    command = [sys.executable, "-m", "wres_pipeline.cli", "backfill", "--workers", "1",
               "--years"]
    first = subprocess.Popen(command + ["2020-2021"], cwd=ROOT, env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    second = subprocess.Popen(command + ["2021-2022"], cwd=ROOT, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    outputs = [first.communicate(timeout=900)[0], second.communicate(timeout=900)[0]]

    assert [first.returncode, second.returncode] == [0, 0], outputs
    for output in outputs:
        assert "lock" not in output.lower() and "Traceback" not in output, output
    for year in YEARS:
        for edition, snapshot in pointers(data, year).items():
            folder = data / "published" / edition / str(year)
            assert all(complete(p) for p in folder.iterdir() if p.is_dir())
            assert (folder / snapshot).is_dir()
    assert not [p for p in data.rglob("*") if ".partial-" in p.name]
    status = run_cli(data, "status")
    assert "STALE" not in status.stdout, status.stdout

    # One backfill alone, from the same files elsewhere, publishes exactly the same snapshots.
    elsewhere = tmp_path / "alone"
    shutil.copytree(data / "landing", elsewhere / "landing")
    alone = run_cli(elsewhere, "backfill", "--workers", "2", "--years", "2020-2022")
    assert alone.returncode == 0, alone.stdout + alone.stderr
    assert {y: pointers(elsewhere, y) for y in YEARS} == {y: pointers(data, y) for y in YEARS}
