"""Dagster resources: where the pipeline's files live and the per-year DuckDB warehouse.

Each WRES year works in its own DuckDB file, so partitions can run in parallel: DuckDB allows one
writer process per file. A lock file beside the database makes a second run of the same year
wait its turn instead of failing on DuckDB's lock.
"""

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from statistics import NormalDist

import dagster as dg
import duckdb

from wres_pipeline import settings

# No vacuum when a year's database is checkpointed (on closing it). Its tables are replaced
# whole, never deleted from, so vacuum has no deleted rows to reclaim; all it does is merge
# part-filled row groups, and each Arrow batch of a staged extract ends in one: closing the
# database after staging the national ESR file rewrote and recompressed every staged row
# (0.65 s) to save 7 of 21 row groups.
DATABASE_CONFIG = {"max_vacuum_tasks": 0}


class ValidationSettings(dg.ConfigurableResource):
    """Thresholds of the data-quality checks (from config.toml's [validation])."""

    max_quarantine_share: float
    headcount_tolerance: float
    unknown_share_warning: float
    max_uncoded_ethnicity_share: float = 0.01

    @classmethod
    def from_settings(cls) -> "ValidationSettings":
        current = settings.load()
        return cls(max_quarantine_share=current.max_quarantine_share,
                   headcount_tolerance=current.headcount_tolerance,
                   unknown_share_warning=current.unknown_share_warning,
                   max_uncoded_ethnicity_share=current.max_uncoded_ethnicity_share)


class MethodSettings(dg.ConfigurableResource):
    """Settings of the WRES method (config.toml's [method]); recorded with the outputs."""

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

    @classmethod
    def from_settings(cls) -> "MethodSettings":
        return cls(**settings.load().method)

    @property
    def pooled_band(self) -> str:
        """The pooled senior bands' name, first to last: band_8c_to_vsm."""
        first, last = self.model_employer_pooled_bands[0], self.model_employer_pooled_bands[-1]
        return f"{first}_to_{last.removeprefix('band_')}"

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


class PublishSettings(dg.ConfigurableResource):
    """The public edition's disclosure policy (config.toml's [publish]; docs/publishing.md)."""

    disclosure_threshold: int
    survey_minimum_respondents: int
    board_published_in_full: bool
    withheld_likelihood_decimals: int

    @classmethod
    def from_settings(cls) -> "PublishSettings":
        return cls(**settings.load().publish)


class PipelinePaths(dg.ConfigurableResource):
    """The landing zone, raw archive, warehouse and published folders (from config.toml)."""

    landing: str
    archive: str
    warehouse: str
    published: str
    validation: str
    operations: str

    @classmethod
    def from_settings(cls) -> "PipelinePaths":
        current = settings.load()
        return cls(landing=str(current.landing), archive=str(current.archive),
                   warehouse=str(current.warehouse), published=str(current.published),
                   validation=str(current.validation), operations=str(current.operations))

    @classmethod
    def under(cls, root: Path, landing: Path | None = None) -> "PipelinePaths":
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
            con = duckdb.connect(str(path), config=DATABASE_CONFIG)
            try:
                yield con
            finally:
                con.close()
                fcntl.flock(lock, fcntl.LOCK_UN)
