"""The Dagster instance for local runs: a project-local DAGSTER_HOME with SQLite storage and a
run queue with limits."""

import fcntl
import os
from pathlib import Path

from wres_pipeline.atomic import replace_if_changed

HEADER = "# Project-local Dagster instance (embedded default)"
DAGSTER_YAML = f"""\
{HEADER}: SQLite storage under this folder.
# Written by wres-pipeline (wres_pipeline/instance.py) and rewritten when that changes; to keep
# your own settings, remove this header and the file is left alone.
telemetry:
  enabled: false
# No "join the community" dialog on the UI's pages.
nux:
  enabled: false
# The event log is Dagster's SQLite storage in its usual folder, with connections kept open and
# commits that do not wait on the disk (wres_pipeline/event_log.py: 12 ms an event becomes
# 1.5 ms; about 500 events a year).
event_log_storage:
  module: wres_pipeline.event_log
  class: LocalEventLogStorage
  config:
    dagster_home:
      env: DAGSTER_HOME
# Runs launched from the UI, an asset or job backfill, the schedule or the landing-zone sensor
# wait in a queue that the daemon (`wres-pipeline ui` runs it) starts them from, in the order
# they were queued: never two runs of one WRES year at once (its DuckDB file allows one writer),
# and at most two runs in all (a national year needs about 2 GiB of memory and a core; the
# machines have two cores). Years launched together (a backfill's) run two at a time, and a
# year's first step that reads an earlier year waits until that year has finished
# (wres_pipeline/year_order.py), so each reads the years before it as they published and a
# year that fails does not stop the years after it. The command line runs years in its own
# processes, in the same order, and is not queued.
run_coordinator:
  module: dagster.core.run_coordinator
  class: QueuedRunCoordinator
  config:
    max_concurrent_runs: 2
    tag_concurrency_limits:
      - key: "dagster/partition"
        value:
          applyLimitPerUniqueValue: true
        limit: 1
"""


def prepare_home(home: Path) -> Path:
    """Create the Dagster home with its dagster.yaml; a dagster.yaml this module wrote before is
    brought up to date, one written by a person is kept as it is."""
    home = Path(home).resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    text = config.read_text("utf-8") if config.exists() else None
    if text is None or (text.startswith(HEADER) and text != DAGSTER_YAML):
        # Written whole, by a rename: another process may be reading it.
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
