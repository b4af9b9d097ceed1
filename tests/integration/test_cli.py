"""The README's run command path: `wres-pipeline demo` on a real, persistent Dagster instance."""

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg

from wres_pipeline.instance import DAGSTER_YAML

ROOT = Path(__file__).resolve().parents[2]


def test_demo_generates_and_ingests_through_dagster(tmp_path):
    env = dict(os.environ, WRES_DATA_DIR=str(tmp_path / "data"),
               DAGSTER_HOME=str(tmp_path / "dagster_home"))
    result = subprocess.run([sys.executable, "-m", "wres_pipeline.cli", "demo", "--years",
                             "2017-2018"], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2017: run" in result.stdout and "2018: run" in result.stdout
    assert result.stdout.count("succeeded") == 3  # two years and the time series
    assert "time series: run" in result.stdout
    assert "staging/esr_staff_in_post" in result.stdout
    assert "indicators/wres_indicators" in result.stdout
    assert (tmp_path / "data" / "warehouse" / "wres_2018.duckdb").exists()
    published = tmp_path / "data" / "published"
    for edition in ("internal", "public"):
        assert (published / edition / "2018" / "LATEST").exists()
    report = published / "public" / "site" / "2018" / "index.html"
    assert report.exists() and f"  2018: {report}" in result.stdout
    assert result.stdout.rstrip().endswith(str(report))
    # Running an unchanged year again does nothing and says why.
    again = subprocess.run([sys.executable, "-m", "wres_pipeline.cli", "run", "--years", "2018"],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "2018: unchanged since snapshot" in again.stdout
    assert (tmp_path / "dagster_home" / "dagster.yaml").read_text() == DAGSTER_YAML
    os.environ["DAGSTER_HOME"] = str(tmp_path / "dagster_home")
    try:
        with dg.DagsterInstance.get() as instance:
            runs = instance.get_runs()
            assert len(runs) == 3
            assert all(run.status == dg.DagsterRunStatus.SUCCESS for run in runs)
            # The site's materialisation links its index (a file and `wres-pipeline serve`)
            # and counts its pages: 2018's trusts, regions, ICBs, trust types, the index and
            # the national report.
            (record,) = instance.fetch_materializations(dg.AssetRecordsFilter(
                asset_key=dg.AssetKey(["report", "site"]), asset_partitions=["2018"]),
                limit=1).records
            metadata = record.asset_materialization.metadata
            assert metadata["index"].value == str(report)
            assert metadata["serve"].value == "http://127.0.0.1:8765/2018/index.html"
            pages = sum(1 for _ in report.parent.glob("*/*.html")) + 2
            assert metadata["pages"].value == pages > 200
    finally:
        del os.environ["DAGSTER_HOME"]
