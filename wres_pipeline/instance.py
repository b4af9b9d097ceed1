"""The Dagster instance for local runs: a project-local DAGSTER_HOME with SQLite storage."""

import fcntl
import os
from pathlib import Path

from wres_pipeline.atomic import replace_if_changed

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
    if not config.exists():  # written whole, by a rename: another process may be reading it
        replace_if_changed(config, lambda partial: partial.write_text(DAGSTER_YAML, "utf-8"))
    return home


def create_storage() -> None:
    """Create the SQLite storage of the instance at DAGSTER_HOME, if it is new, one process at
    a time: two commands started together on a new home (two people pressing "backfill")
    would otherwise both run its schema migrations and collide."""
    import dagster as dg

    home = Path(os.environ["DAGSTER_HOME"])
    with open(home / ".storage.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with dg.DagsterInstance.get() as instance:
            instance.get_runs(limit=1)
