"""CI runs the national, site and validation-floor benchmarks at a small scale as a smoke test:
they must run end to end and print their figures and ratios (their values are for reading,
never asserted); the floor must find what Great Expectations finds."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_benchmark_runs_at_small_scale(tmp_path):
    result = subprocess.run([sys.executable, "benchmarks/national.py", "--scales", "0.01",
                             "--repeat", "1", "--output", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    print(result.stdout[-1500:])
    (saved,) = tmp_path.glob("national-*.json")
    (run,) = json.loads(saved.read_text())["runs"]
    assert run["pandas_baseline"]["max_relative_difference"] < 1e-9  # same figures
    assert run["rerun_unchanged"]["published_bytes_unchanged"]
    assert {"compute_vs_floor", "whole_year_vs_floor", "worst_run", "us_per_row",
            "bytes_per_row"} <= set(run)
    assert len(run["whole_year"]["runs_s"]) == len(run["pandas_baseline"]["runs_s"]) == 1
    # Where the wall time went: the parts add up to the whole, every event write is counted.
    split = run["whole_year"]["breakdown"]
    parts = (split["start_up_to_run_created_s"] + split["run_created_to_first_step_s"]
             + split["steps_s"] + split["between_steps_s"] + split["after_the_run_s"])
    assert abs(parts - run["whole_year"]["s"]) < 0.2 and split["steps_s"] > 0
    assert split["events_written"] > split["events_in_year_run"] > 100
    assert 0 < split["event_writes_s"] < run["whole_year"]["s"]
    assert run["validation"]["findings_identical"] and run["validation"]["gx_s"] > 0
    assert "great_expectations (in the first validation)" in json.loads(
        saved.read_text())["imports_s"]
    assert "whole/floor" in result.stdout and "targets (issue 19):" in result.stdout
    assert "Dagster between the steps" in result.stdout


@pytest.mark.slow
def test_the_site_benchmark_runs_at_small_scale(tmp_path):
    result = subprocess.run([sys.executable, "benchmarks/site.py", "--years", "2023,2024",
                             "--scale", "0.005", "--repeat", "1", "--output", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    print(result.stdout[-1500:])
    saved = json.loads((tmp_path / "site.json").read_text())
    (run,) = saved["runs"]
    assert run["pages"] > 200 and set(run["stages"]) == {
        "start-up and imports", "read", "national report", "trust pages", "area pages",
        "workbook", "publish"}
    assert run["seconds"] >= sum(run["stages"].values()) - 0.02
    assert "site build, median of 1:" in result.stdout


@pytest.mark.slow
def test_the_validation_floor_finds_what_great_expectations_finds():
    result = subprocess.run([sys.executable, "benchmarks/validation_floor.py", "--scale", "0.01",
                             "--repeat", "1"], cwd=ROOT, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    print(result.stdout[-800:])
    assert "findings identical" in result.stdout and "DIFFERENT" not in result.stdout
    # The injected ESR faults are found by both (a rule with 0 on both sides proves little).
    assert "fte_in_range                              1        1" in result.stdout
