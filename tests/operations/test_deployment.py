"""The production Dagster instance configuration in docs/deployment.md loads and validates, and
the embedded default is SQLite with telemetry off and a run queue with limits."""

import re
from pathlib import Path

import yaml
from dagster._core.instance.config import dagster_instance_config

from wres_pipeline.instance import DAGSTER_YAML, HEADER, prepare_home

ROOT = Path(__file__).resolve().parents[2]


def production_yaml() -> str:
    """The production dagster.yaml, as docs/deployment.md shows it."""
    text = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```yaml\n(.*?)```", text, re.S)
    return block


def test_production_dagster_yaml_validates(tmp_path):
    (tmp_path / "dagster.yaml").write_text(production_yaml())
    config, _ = dagster_instance_config(str(tmp_path))
    assert "postgres" in config["storage"]
    coordinator = config["run_coordinator"]
    assert coordinator["class"] == "QueuedRunCoordinator"
    limits = coordinator["config"]["tag_concurrency_limits"]
    assert limits == [{"key": "dagster/partition", "value": {"applyLimitPerUniqueValue": True},
                       "limit": 1}]
    assert config["run_launcher"]["class"] == "DockerRunLauncher"
    assert config["telemetry"]["enabled"] is False


def test_embedded_default_instance(tmp_path):
    home = prepare_home(tmp_path / "home")
    config, _ = dagster_instance_config(str(home))
    assert config["telemetry"]["enabled"] is False and config["nux"]["enabled"] is False
    coordinator = config["run_coordinator"]
    assert coordinator["class"] == "QueuedRunCoordinator"
    assert coordinator["config"] == {
        "max_concurrent_runs": 2,
        "tag_concurrency_limits": [
            {"key": "dagster/partition", "value": {"applyLimitPerUniqueValue": True}, "limit": 1}]}
    assert yaml.safe_load(DAGSTER_YAML) == yaml.safe_load((home / "dagster.yaml").read_text())


def test_an_earlier_default_is_brought_up_to_date_and_a_persons_file_is_kept(tmp_path):
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    for home, text in ((ours, HEADER + ": SQLite.\ntelemetry:\n  enabled: false\n"),
                       (theirs, "telemetry:\n  enabled: true\n")):
        home.mkdir()
        (home / "dagster.yaml").write_text(text, encoding="utf-8")
        prepare_home(home)
    assert (ours / "dagster.yaml").read_text(encoding="utf-8") == DAGSTER_YAML
    assert (theirs / "dagster.yaml").read_text(encoding="utf-8") == "telemetry:\n  enabled: true\n"
