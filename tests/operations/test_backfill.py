"""A backfill of every year 2015-2025 from one command: parallel processes, no lock error, every
year published, indicator 3 pooling the year before from 2016 on."""

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from wres_pipeline.sample.generate import generate_year

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_backfill_all_years_in_parallel(tmp_path):
    for year in range(2015, 2026):
        generate_year(year, tmp_path / "data" / "landing", seed=8, scale=0.005)
    env = dict(os.environ, WRES_DATA_DIR=str(tmp_path / "data"),
               DAGSTER_HOME=str(tmp_path / "home"))
    result = subprocess.run([sys.executable, "-m", "wres_pipeline.cli", "backfill", "--years",
                             "2015-2025", "--workers", "2"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=1200)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "11 of 11 years published" in result.stdout
    assert "lock" not in output.lower()
    published = tmp_path / "data" / "published"
    for year in range(2015, 2026):
        assert (published / "public" / str(year) / "LATEST").exists(), year
        assert (published / "public" / "site" / str(year) / "national.html").exists()
    for year, window in ((2015, "window_years=1"), (2016, "window_years=2"),
                         (2025, "window_years=2")):
        database = tmp_path / "data" / "warehouse" / f"wres_{year}.duckdb"
        with duckdb.connect(str(database), read_only=True) as con:
            details = {d for (d,) in con.sql("select distinct detail from "
                                             "indicators.return_counts where indicator = 3")
                       .fetchall()}
        assert window in details, (year, details)
