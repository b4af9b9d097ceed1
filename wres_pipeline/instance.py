"""The Dagster instance for local runs: a project-local DAGSTER_HOME with SQLite storage."""

from pathlib import Path

DAGSTER_YAML = """\
# Project-local Dagster instance (embedded default): SQLite storage under this folder.
telemetry:
  enabled: false
run_coordinator:
  module: dagster.core.run_coordinator
  class: DefaultRunCoordinator
"""


def prepare_home(home: Path) -> Path:
    """Create the Dagster home with its dagster.yaml (kept if one is there); return its path."""
    home = Path(home).resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML, encoding="utf-8")
    return home
