"""The code location loads, and holds what the UI should show."""

import subprocess
import sys
from pathlib import Path

import dagster as dg

from wres_pipeline.definitions import defs
from wres_pipeline.partitions import wres_year_partitions

ROOT = Path(__file__).resolve().parents[1]


def test_definitions_load_with_every_asset():
    graph = defs.resolve_asset_graph()
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    assert keys == {
        "organisations/extracts", "staging/esr_staff_in_post", "staging/trust_return",
        "staging/staff_survey", "organisations/trusts_in_year", "core/trust_reconciliation",
        "core/workforce", "indicators/workforce_counts", "indicators/disciplinary_inputs",
        "indicators/return_counts", "indicators/survey_counts", "indicators/counts",
        "indicators/wres_indicators", "indicators/trust_distribution",
        "indicators/model_employer", "publish/time_series", "publish/snapshot",
        "report/site", "publish/latest_snapshot",
    }


def test_every_asset_is_described_grouped_and_partitioned_by_year():
    for spec in defs.resolve_all_asset_specs():
        assert spec.description and len(spec.description) > 40, spec.key
        assert spec.group_name == spec.key.path[0], spec.key  # tests/test_layers.py
        assert spec.kinds & {"duckdb", "parquet", "html"}, spec.key
        if spec.key.to_user_string() == "publish/time_series":
            assert spec.partitions_def is None  # reads every year's published files
        else:
            assert spec.partitions_def == wres_year_partitions, spec.key


def test_year_job_and_time_series_job():
    year = defs.resolve_job_def("wres_year")
    assert year.partitions_def == wres_year_partitions
    assert "publish/time_series" not in {
        k.to_user_string() for k in year.asset_layer.executable_asset_keys}
    series = defs.resolve_job_def("wres_time_series")
    assert {k.to_user_string() for k in series.asset_layer.executable_asset_keys} == {
        "publish/time_series"}


def test_partitions_start_in_2015_and_include_every_year_since():
    keys = wres_year_partitions.get_partition_keys()
    assert keys[0] == "2015"
    assert [int(k) for k in keys] == list(range(2015, int(keys[-1]) + 1))
    assert "2025" in keys


def test_runs_use_the_in_process_executor():
    assert defs.resolve_job_def("wres_year").executor_def is dg.in_process_executor


def test_dagster_cli_validates_the_workspace(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "dagster", "definitions", "validate", "-w", "workspace.yaml"],
        cwd=ROOT, capture_output=True, text=True, env={"DAGSTER_HOME": str(tmp_path),
                                                        "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Validation successful" in result.stderr + result.stdout


def test_backfill_phases_follow_the_partition_mappings():
    from wres_pipeline.jobs import WITHIN_THE_YEAR, backfill_phases

    graph = defs.resolve_asset_graph()
    phases = backfill_phases(graph)
    assert list(phases) == [WITHIN_THE_YEAR, "indicators", "publish", "report"]
    order = {key: i for i, keys in enumerate(phases.values()) for key in keys}
    # Every per-year asset is in exactly one phase, after every phase it reads from.
    assert sorted(order) == sorted(k for k in graph.get_all_asset_keys()
                                   if graph.get(k).is_partitioned
                                   and graph.get(k).is_materializable)
    for key, phase in order.items():
        assert all(order[p] <= phase for p in graph.get(key).parent_keys if p in order), key
    # The assets that read an earlier year (and all after them) wait for it; the rest do not.
    first = {k.to_user_string() for k in phases[WITHIN_THE_YEAR]}
    assert {"indicators/return_counts", "indicators/model_employer",
            "publish/snapshot"}.isdisjoint(first)
    assert {"staging/esr_staff_in_post", "core/workforce",
            "indicators/disciplinary_inputs"} <= first
