"""Run the command-line tool as a separate process, as the WRES team runs it."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from wres_pipeline import completion

ROOT = Path(__file__).resolve().parents[2]


PROBE = Path(__file__).with_name("probe.py")  # kills the run at WRES_KILL_AT's point


def run_cli(data: Path, *args: str, timeout: int = 600, **env: str):
    environment = dict(os.environ, WRES_DATA_DIR=str(data), DAGSTER_HOME=str(data / "home"))
    environment.update(env)
    if "WRES_KILL_AT" in env:
        environment["WRES_PROBE"] = str(PROBE)
    return subprocess.run([sys.executable, "-m", "wres_pipeline.cli", *args], cwd=ROOT,
                          env=environment, capture_output=True, text=True, timeout=timeout)


def pointers(data: Path, year: int) -> dict[str, str | None]:
    """The snapshot each edition's LATEST names for the year, under a data folder."""
    return completion.pointers(data / "published", year)


def complete(snapshot: Path) -> bool:
    """Every file the snapshot's manifest lists is there with its recorded checksum."""
    manifest = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
    return all(hashlib.sha256((snapshot / f["file"]).read_bytes()).hexdigest() == f["sha256"]
               for f in manifest["files"])
