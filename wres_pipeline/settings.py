"""Load the pipeline's settings from `config.toml` (or the file named by WRES_CONFIG) into the
one `WresSettings` object everything is built from (wres_pipeline/resources.py).

Paths are configuration, not code: the landing zone, archive, warehouse and published folders
default to `data/` beside the project, and WRES_DATA_DIR moves them all at once; DAGSTER_HOME,
when set, replaces the configured Dagster home.
"""

import os
import tomllib
from functools import cache
from pathlib import Path

from wres_pipeline.paths import PROJECT_ROOT
from wres_pipeline.resources import (
    AlertSettings,
    MethodSettings,
    PathsSettings,
    PublishSettings,
    SampleSettings,
    ScheduleSettings,
    ValidationSettings,
    WresSettings,
)


def load(path: Path | None = None) -> WresSettings:
    """Read a settings file (by default WRES_CONFIG or config.toml) and apply the environment's
    overrides."""
    path = Path(path or os.environ.get("WRES_CONFIG", PROJECT_ROOT / "config.toml"))
    with open(path, "rb") as handle:
        raw = tomllib.load(handle)
    base = path.resolve().parent
    folders = raw["paths"]
    data_root = Path(os.environ.get("WRES_DATA_DIR") or base / folders["data_root"])
    return WresSettings(
        paths=PathsSettings(**{name: str(data_root / folders[name]) for name in (
            "landing", "archive", "warehouse", "published", "validation", "operations")}),
        validation=ValidationSettings(**raw["validation"]),
        method=MethodSettings(**raw["method"]),
        publish=PublishSettings(**raw["publish"]),
        schedule=ScheduleSettings(**raw["schedule"]),
        sample=SampleSettings(**raw["sample"]),
        dagster_home=str(Path(os.environ.get("DAGSTER_HOME") or base / raw["dagster"]["home"])),
        alerts=AlertSettings(**raw.get("alerts", {})),
    )


@cache
def current() -> WresSettings:
    """The settings of this process, loaded once: the code location's resource, the schedule,
    the sensors and the command line all read this copy."""
    return load()
