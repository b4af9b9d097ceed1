"""What the national report shows, read from the public snapshots alone (this year's and
earlier) through the SQL files assets/report/national_*.sql.

National, regional, ICB and trust-type figures are read as published (the public edition's
aggregates are computed from the full data); nothing here adds up trusts' rows again.
"""

from dataclasses import dataclass
from pathlib import Path

import duckdb

from wres_pipeline.sql import rows

# (label, indicator, measure of the two groups, breakdown, unit, comparison measure, its unit)
HEADLINES = [
    ("Ind. 1: share of all staff", 1, "share", "all", "%", None, None),
    ("Ind. 2: shortlisted applicants appointed", 2, "rate", "all", "%",
     "relative_likelihood", "x"),
    ("Ind. 3: staff entering a formal disciplinary investigation", 3, "rate", "all", "%",
     "relative_likelihood", "x"),
    ("Ind. 4: staff accessing non-mandatory training", 4, "rate", "all", "%",
     "relative_likelihood", "x"),
    ("Ind. 5: staff harassed by patients or the public", 5, "percent", "all", "%",
     "gap_pp", "pp"),
    ("Ind. 6: staff harassed by staff", 6, "percent", "all", "%", "gap_pp", "pp"),
    ("Ind. 7: staff believing in equal opportunities", 7, "percent", "all", "%", "gap_pp",
     "pp"),
    ("Ind. 8: staff discriminated against by colleagues", 8, "percent", "all", "%", "gap_pp",
     "pp"),
    ("Ind. 9: board voting members (gap: minus the workforce)", 9, "share", "board_voting", "%",
     "gap_pp", "pp"),
    ("Ind. 9: executive board members", 9, "share", "board_executive", "%", "gap_pp", "pp"),
    ("Ind. 9: non-executive board members", 9, "share", "board_non_executive", "%", "gap_pp",
     "pp"),
]


@dataclass(frozen=True)
class ReportData:
    year: int
    snapshot_id: str
    years: list[int]
    england: dict  # (year, indicator, measure, breakdown, group) -> value
    trusts: dict  # indicator -> trusts' likelihoods (0 included; inf: no finite ratio)
    board_gaps: list[float]  # every trust's voting-board gap, percentage points
    areas: list[dict]  # region, ICB and trust-type rows: headline values
    distribution: list[dict]
    model_employer: list[dict]  # England and regions, by band
    trends: list[dict]  # England's headline measures with their changes
    quality_trusts: list[dict]
    quality_tables: list[dict]
    suppressed: int
    rows: int


NATIONAL_SQL = ("report/national_england.sql", "report/national_trust_likelihoods.sql",
                "report/national_board_gaps.sql", "report/national_areas.sql",
                "report/national_model_employer.sql", "report/national_trends.sql",
                "report/national_counts.sql", "report/national_distribution.sql",
                "report/national_quality_trusts.sql", "report/national_quality_tables.sql")


def load(folders: dict[int, Path], year: int) -> ReportData:
    """Read the year's public snapshot and every earlier year's, from the snapshot folders
    their LATEST named (wres_pipeline/publish/snapshot.py: latest_folders)."""
    years = sorted(folders)
    this = folders[year]

    def file(name):
        return {"f": str(this / f"{name}.parquet")}
    with duckdb.connect() as con:
        files = [str(folders[y] / "indicators.parquet") for y in years]
        england = {(r["year"], r["indicator"], r["measure"], r["breakdown"], r["group"]): r["value"]
                   for r in rows(con, "report/national_england.sql", {"files": files})}
        trusts = {}
        for r in rows(con, "report/national_trust_likelihoods.sql", file("indicators")):
            trusts.setdefault(r["indicator"], []).append(r["value"])
        board = [r["value"] for r in rows(con, "report/national_board_gaps.sql",
                                           file("indicators"))]
        areas = rows(con, "report/national_areas.sql",
                      file("indicators") | {"o": str(this / "organisations.parquet")})
        counts = rows(con, "report/national_counts.sql", file("indicators"))[0]
        return ReportData(
            year=year, snapshot_id=this.name, years=years, england=england, trusts=trusts,
            board_gaps=board, areas=areas,
            distribution=rows(con, "report/national_distribution.sql",
                               file("trust_distribution")),
            model_employer=rows(con, "report/national_model_employer.sql",
                                 file("model_employer")),
            trends=rows(con, "report/national_trends.sql", file("trends")),
            quality_trusts=rows(con, "report/national_quality_trusts.sql",
                                 file("data_quality_trusts")),
            quality_tables=rows(con, "report/national_quality_tables.sql",
                                 file("data_quality_tables")),
            suppressed=counts["s"], rows=counts["n"])
