"""The command line ends every usage error and every fault of the machine with one line a person
can act on: no traceback, and nothing published changes."""

import os
import resource
import subprocess
import sys
import time

import pytest

from tests.reliability.cli import ROOT, run_cli
from tests.reliability.tree import digests
from wres_pipeline.sample.generate import generate_year

YEAR = 2024


@pytest.mark.parametrize(("args", "says"), [
    (["run", "--years", "2014"], "2014 is not a WRES year"),
    (["run", "--years", "2031"], "2031 is not a WRES year"),
    (["run", "--years", "abc"], "'abc' is not a year"),
    (["run", "--years", ""], "'' is not a year"),
    (["run", "--years", "2024-2023"], "2024-2023 runs backwards"),
    (["run", "--years", "2020,20x1"], "'20x1' is not a year"),
    (["run"], "the following arguments are required: --years"),
    (["backfill", "--years", "2020", "--workers", "0"], "'0' is not a whole number"),
    (["ui", "--port", "http"], "'http' is not a whole number"),
    (["frobnicate"], "invalid choice"),
])
def test_argument_errors_are_one_line_and_exit_2(tmp_path, args, says):
    result = run_cli(tmp_path / "data", *args, timeout=120)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and says in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """One small year, published from the command line."""
    data = tmp_path_factory.mktemp("faults") / "data"
    generate_year(YEAR, data / "landing", seed=3, scale=0.003)
    first = run_cli(data, "run", "--years", str(YEAR))
    assert first.returncode == 0, first.stdout + first.stderr
    return data


def _one_line_fault(result, says):
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert says in result.stdout + result.stderr, result.stdout + result.stderr


def test_an_unusable_dagster_home_is_one_line(published, tmp_path):
    home = tmp_path / "not_a_folder"
    home.write_text("a file where the Dagster home should be")
    before = digests(published / "published")
    result = run_cli(published, "run", "--years", str(YEAR), "--force", DAGSTER_HOME=str(home))
    _one_line_fault(result, f"wres-pipeline: {home}: a file stands where a folder is expected")
    assert result.stderr.count("\n") == 1
    assert digests(published / "published") == before


@pytest.mark.slow
def test_a_file_size_limit_is_named_and_publishes_nothing(published):
    before = digests(published / "published")
    limit = 20_000  # bytes: the archive copy of the ESR file is larger

    def limited():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run(
        [sys.executable, "-m", "wres_pipeline.cli", "run", "--years", str(YEAR), "--force"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, preexec_fn=limited,
        env=dict(os.environ, WRES_DATA_DIR=str(published), DAGSTER_HOME=str(published / "home")))
    # Whichever file reaches the limit first (Dagster's storage here), the line says so.
    _one_line_fault(result, "(`ulimit -f`)")
    assert result.stderr.count("\n") == 1 and str(published / "home") in result.stderr
    assert digests(published / "published") == before


@pytest.mark.slow
def test_a_duckdb_file_held_by_another_program_is_named(published):
    before = digests(published / "published")
    database = published / "warehouse" / f"wres_{YEAR}.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('held', flush=True); time.sleep(120)", str(database)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        result = run_cli(published, "run", "--years", str(YEAR), "--force")
        assert time.monotonic() - started < 120
    finally:
        holder.kill()
        holder.wait()
    _one_line_fault(result, "another program")
    assert f"{database}: another program (PID {holder.pid}) holds this DuckDB file" \
        in result.stdout
    assert digests(published / "published") == before
