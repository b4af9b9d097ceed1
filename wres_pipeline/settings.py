"""Pipeline settings from `config.toml` (or the file named by WRES_CONFIG).

Paths are configuration, not code: the landing zone, archive, warehouse and published folders
default to `data/` beside the project, and WRES_DATA_DIR moves them all at once.
"""

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from wres_pipeline.paths import PROJECT_ROOT


@dataclass(frozen=True)
class Settings:
    landing: Path
    archive: Path
    warehouse: Path
    published: Path
    dagster_home: Path
    sample_years: str
    sample_seed: int
    sample_scale: float
    max_quarantine_share: float
    headcount_tolerance: float
    unknown_share_warning: float
    max_uncoded_ethnicity_share: float
    validation: Path  # GX validation results, one folder per year and run
    method: dict  # the [method] section: indicator settings (see MethodSettings)
    publish: dict  # the [publish] section: the public edition's disclosure policy
    operations: Path  # run-failure summaries
    collection_closes: str  # month-day of the annual run
    quiet_seconds: int  # how long landing files must be still before the sensor runs a year


def load() -> Settings:
    """Read the settings file and apply the environment overrides."""
    path = Path(os.environ.get("WRES_CONFIG", PROJECT_ROOT / "config.toml"))
    with open(path, "rb") as handle:
        raw = tomllib.load(handle)
    base = path.resolve().parent
    paths = raw["paths"]
    data_root = Path(os.environ.get("WRES_DATA_DIR") or base / paths["data_root"])
    return Settings(
        landing=data_root / paths["landing"],
        archive=data_root / paths["archive"],
        warehouse=data_root / paths["warehouse"],
        published=data_root / paths["published"],
        dagster_home=Path(os.environ.get("DAGSTER_HOME") or base / raw["dagster"]["home"]),
        sample_years=raw["sample"]["years"],
        sample_seed=int(raw["sample"]["seed"]),
        sample_scale=float(raw["sample"]["scale"]),
        max_quarantine_share=float(raw["validation"]["max_quarantine_share"]),
        headcount_tolerance=float(raw["validation"]["headcount_tolerance"]),
        unknown_share_warning=float(raw["validation"]["unknown_share_warning"]),
        max_uncoded_ethnicity_share=float(raw["validation"]["max_uncoded_ethnicity_share"]),
        validation=data_root / paths["validation"],
        method=raw["method"],
        publish=raw["publish"],
        operations=data_root / paths["operations"],
        collection_closes=raw["schedule"]["collection_closes"],
        quiet_seconds=int(raw["schedule"]["quiet_seconds"]),
    )
