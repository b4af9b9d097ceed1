"""What the site shows, read from the public edition alone: the site's year and every earlier
published year (each year's LATEST public snapshot), through the SQL files in assets/report/."""

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import duckdb

from wres_pipeline.report.figures import KEYS
from wres_pipeline.sql import rows

SQL_FILES = ("report/site_figures.sql", "report/site_organisations.sql",
             "report/site_model_employer.sql", "report/site_year_rows.sql")
LEVELS = ("england", "region", "icb", "trust_type", "trust")


@dataclass(frozen=True)
class SiteData:
    year: int
    snapshot_id: str
    years: list[int]  # published years up to the site's year
    snapshots: dict[int, str]  # year -> the public snapshot read
    names: dict[tuple[str, str], str]  # (level, code) -> name, this year
    # (level, code) -> year -> (indicator, measure, breakdown, group) -> row
    figures: dict
    trusts: list[dict]  # the year's trusts: ICB, region, type and data-quality facts
    model_employer: dict  # (level, code) -> band rows
    rows: dict  # (level, code) -> every published indicator row of the year

    def areas(self, level: str) -> list[tuple[str, str]]:
        """(code, name) of the year's organisations at a level, by name."""
        return sorted(((code, name) for (lvl, code), name in self.names.items() if lvl == level),
                      key=lambda item: (item[1], item[0]))

    def figure(self, level: str, code: str, key: tuple, year: int | None = None) -> dict | None:
        return self.figures.get((level, code), {}).get(year or self.year, {}).get(key)


def load(folders: dict[int, Path], year: int) -> SiteData:
    """Read the year's public snapshot and every earlier year's, from the snapshot folders
    their LATEST named (wres_pipeline/publish/snapshot.py: latest_folders)."""
    years = sorted(folders)
    this = folders[year]
    with duckdb.connect() as con:
        figures_rows = rows(con, "report/site_figures.sql",
                            {"files": [str(folders[y] / "indicators.parquet") for y in years],
                             "year": year, "headlines": ["|".join(map(str, k)) for k in KEYS]})
        trusts = rows(con, "report/site_organisations.sql",
                      {"organisations": str(this / "organisations.parquet"),
                       "quality": str(this / "data_quality_trusts.parquet")})
        model_rows = rows(con, "report/site_model_employer.sql",
                          {"model_employer": str(this / "model_employer.parquet")})
        year_rows = rows(con, "report/site_year_rows.sql",
                         {"indicators": str(this / "indicators.parquet")})
    figures = defaultdict(lambda: defaultdict(dict))
    for row in figures_rows:
        key = (row["indicator"], row["measure"], row["breakdown"], row["group"])
        figures[(row["level"], row["area_code"])][row["year"]][key] = row
    by_area, names = defaultdict(list), {}
    for row in year_rows:
        by_area[(row["level"], row["area_code"])].append(row)
        names[(row["level"], row["area_code"])] = row["area_name"]
    model = defaultdict(list)
    for row in model_rows:
        model[(row["level"], row["area_code"])].append(row)
    return SiteData(year=year, snapshot_id=this.name, years=years,
                    snapshots={y: folders[y].name for y in years}, names=names,
                    figures=figures, trusts=trusts, model_employer=model, rows=by_area)
