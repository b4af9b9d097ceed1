"""The pipeline's one resource, `settings`: every setting of config.toml in one nested object.

It is loaded once (wres_pipeline/settings.py) and everything is built from it: the assets,
sensors and schedule read it as the resource `settings`; the command line and tests read or
override that same copy. Its sections mirror config.toml's: where the files live (with the
per-year DuckDB warehouse), the data-quality thresholds, the method, the disclosure policy, the
schedule and the sample data.

Each WRES year works in its own DuckDB file, so partitions can run in parallel: DuckDB allows one
writer process per file. A lock file beside the database makes a second run of the same year
wait its turn instead of failing on DuckDB's lock.
"""

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from statistics import NormalDist
from typing import Literal

import dagster as dg
import duckdb

# No vacuum when a year's database is checkpointed (on closing it). Its tables are replaced
# whole, never deleted from, so vacuum has no deleted rows to reclaim; all it does is merge
# part-filled row groups, and each Arrow batch of a staged extract ends in one: closing the
# database after staging the national ESR file rewrote and recompressed every staged row
# (0.65 s) to save 7 of 21 row groups.
# DuckDB keeps at most `memory_limit` of data in memory and spills the rest to a temporary
# folder beside the database (`<database>.tmp`, removed on closing): with its default, 80 % of
# the machine, a national year's staged tables and the validation frame's sort all stayed in
# memory and the year's peak grew with the size of its extracts (issue 19).
DATABASE_CONFIG = {"max_vacuum_tasks": 0, "memory_limit": "256MiB"}
# The layout of a year's database (its schemas and tables). A database of another layout is not
# migrated: it is deleted and the run rebuilds it from the archive and landing files, as every
# run does its tables. Raise this when a change would leave an older database inconsistent.
DATABASE_LAYOUT = 2


class PathsSettings(dg.Config):
    """The landing zone, raw archive, warehouse, validation results, published and operations
    folders ([paths])."""

    landing: str
    archive: str
    warehouse: str
    published: str
    validation: str
    operations: str

    @classmethod
    def under(cls, root: Path, landing: Path | None = None) -> "PathsSettings":
        """Every folder under one root (tests, and deployments that keep data together)."""
        root = Path(root)
        return cls(landing=str(landing or root / "landing"), archive=str(root / "archive"),
                   warehouse=str(root / "warehouse"), published=str(root / "published"),
                   validation=str(root / "validation"), operations=str(root / "operations"))

    def validation_results(self, year: int, run_id: str) -> Path:
        """Where one run keeps the GX validation results of one year."""
        return Path(self.validation) / str(year) / run_id

    def archive_path(self, year: int, extract: str) -> Path:
        """The archive folder of one extract of one year."""
        return Path(self.archive) / str(year) / extract

    def database(self, year: int | str) -> Path:
        """The DuckDB file of one WRES year (or of a cross-year table such as the time series,
        which reads only published files)."""
        return Path(self.warehouse) / f"wres_{year}.duckdb"

    @contextmanager
    def connect(self, year: int | str) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection to the year's database, held under the year's lock."""
        path = self.database(year)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            con = _open_current_layout(path)
            try:
                yield con
            finally:
                con.close()
                fcntl.flock(lock, fcntl.LOCK_UN)


    @contextmanager
    def publishing(self, year: int) -> Iterator[None]:
        """The year's publishing lock: one process at a time writes a year's snapshots, moves
        its pointers and withdraws its superseded public snapshots (publish/withdrawn.py), so
        none withdraws a snapshot another has just pointed at."""
        path = self.database(year).with_suffix(".publish.lock")
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


def _open_current_layout(path: Path) -> duckdb.DuckDBPyConnection:
    """Connect to a year's database, first deleting it if it was written in another layout."""
    con = duckdb.connect(str(path), config=DATABASE_CONFIG)
    tables = {name for (name,) in con.sql(
        "select schema_name || '.' || table_name from duckdb_tables() "
        "where database_name = current_database()").fetchall()}
    layout = con.sql("select max(version) from main.database_layout").fetchall()[0][0] \
        if "main.database_layout" in tables else None
    if layout == DATABASE_LAYOUT:
        return con
    con.close()
    if tables:  # written by another layout: start again (the archive keeps every input)
        for stale in (path, path.with_name(path.name + ".wal")):
            stale.unlink(missing_ok=True)
    con = duckdb.connect(str(path), config=DATABASE_CONFIG)
    con.execute("create table main.database_layout as select $version as version",
                {"version": DATABASE_LAYOUT})
    return con


class ValidationSettings(dg.Config):
    """Thresholds of the data-quality checks ([validation])."""

    max_quarantine_share: float
    headcount_tolerance: float
    unknown_share_warning: float
    max_uncoded_ethnicity_share: float


def pooled_band_name(bands: list[str]) -> str:
    """The name of senior bands pooled together, first to last: band_8c_to_vsm."""
    return f"{bands[0]}_to_{bands[-1].removeprefix('band_')}"


class MethodSettings(dg.Config):
    """Settings of the WRES method ([method]); recorded with the outputs."""

    indicator_3_window: int
    indicator_3_window_by_year: dict[str, int]
    confidence: float
    non_adverse_low: float
    non_adverse_high: float
    model_employer_baseline_year: int
    model_employer_target_year: int
    model_employer_bands: list[str]
    model_employer_goal: str
    model_employer_pooled_bands: list[str]

    @property
    def pooled_band(self) -> str:
        """The pooled senior bands' name, first to last: band_8c_to_vsm."""
        return pooled_band_name(self.model_employer_pooled_bands)

    @property
    def model_employer_targets(self) -> list[str]:
        """Every band with a Model Employer target: the senior bands and the pooled one."""
        return [*self.model_employer_bands, self.pooled_band]

    def window(self, year: int) -> int:
        """Indicator 3's configured window for a year (before checking the prior year exists)."""
        return int(self.indicator_3_window_by_year.get(str(year), self.indicator_3_window))

    @property
    def z(self) -> float:
        """The normal quantile of the two-sided confidence level (1.959964 for 95 %)."""
        return NormalDist().inv_cdf(0.5 + self.confidence / 2)


class PublishSettings(dg.Config):
    """The public edition's disclosure policy ([publish]; docs/publishing.md)."""

    disclosure_threshold: int
    survey_minimum_respondents: int
    board_published_in_full: bool
    withheld_likelihood_decimals: int
    # A withheld count is protected when an attacker's interval for it is at least this wide.
    protection_width: int = 8
    # Which counts are withheld: "units", the rules of issue 21 (known to leak: issue 32), or
    # "cells", the disclosure model (wres_pipeline/disclosure), the default once it is within
    # a year's time budget.
    disclosure_model: Literal["units", "cells"] = "units"


class ScheduleSettings(dg.Config):
    """When the annual schedule and the landing-zone sensor run a year ([schedule])."""

    collection_closes: str  # month-day of the annual run
    quiet_seconds: int  # how long landing files must be still before the sensor runs a year


class SampleSettings(dg.Config):
    """The sample years the Quick start generates ([sample])."""

    years: str
    seed: int
    scale: float


class AlertSettings(dg.Config):
    """Where a failed run's summary is sent besides the operations folder ([alerts]; off by
    default: wres_pipeline/alerts.py)."""

    webhook_url: str = ""
    email_to: list[str] = []
    email_from: str = "wres-pipeline@localhost"
    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_starttls: bool = False
    smtp_user: str = ""  # the password comes from WRES_SMTP_PASSWORD, never a file


class WresSettings(dg.ConfigurableResource):
    """Every setting of the pipeline (config.toml, with the environment's overrides), in the
    sections of the file. Recorded with the outputs: the method and the disclosure policy."""

    paths: PathsSettings
    validation: ValidationSettings
    method: MethodSettings
    publish: PublishSettings
    schedule: ScheduleSettings
    sample: SampleSettings
    dagster_home: str
    alerts: AlertSettings = AlertSettings()

    def replace(self, **sections) -> "WresSettings":
        """A copy with whole sections replaced (e.g. `paths=PathsSettings.under(root)`)."""
        fields = {name: getattr(self, name) for name in WresSettings.model_fields}
        unknown = set(sections) - set(fields)
        if unknown:
            raise ValueError(f"no settings section {sorted(unknown)}")
        return WresSettings(**(fields | sections))

    def recorded(self) -> dict:
        """The settings a snapshot's manifest records (and a rerun compares against)."""
        return self.method.model_dump() | self.publish.model_dump()
