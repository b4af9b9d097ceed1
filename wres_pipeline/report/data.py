"""What the report shows, read from the public snapshots alone (this year's and earlier)."""

from dataclasses import dataclass
from pathlib import Path

import duckdb

from wres_pipeline.publish.snapshot import latest

HEADLINES = [  # (label, indicator, measure, breakdown, group, unit)
    ("BME share of the workforce", 1, "share", "all", "BME", "%"),
    ("Ind. 2: White applicants' likelihood of appointment from shortlisting", 2,
     "relative_likelihood", "all", "all", "x"),
    ("Ind. 3: BME staff's likelihood of entering formal disciplinary", 3,
     "relative_likelihood", "all", "all", "x"),
    ("Ind. 4: White staff's likelihood of accessing non-mandatory training", 4,
     "relative_likelihood", "all", "all", "x"),
    ("Ind. 5: BME staff harassed by patients or public", 5, "percent", "all", "BME", "%"),
    ("Ind. 6: BME staff harassed by staff", 6, "percent", "all", "BME", "%"),
    ("Ind. 7: BME staff who believe in equal opportunities", 7, "percent", "all", "BME", "%"),
    ("Ind. 8: BME staff discriminated against by colleagues", 8, "percent", "all", "BME", "%"),
    ("Ind. 9: BME share of board voting members", 9, "share", "board_voting", "BME", "%"),
    ("Ind. 9: board minus workforce BME share", 9, "gap_pp", "board_voting", "all", "pp"),
]


@dataclass(frozen=True)
class ReportData:
    year: int
    snapshot_id: str
    years: list[int]
    england: dict  # (year, indicator, measure, breakdown, group) -> value
    trusts: dict  # indicator -> trust likelihoods (published, not suppressed)
    areas: list[tuple]  # (level, area_name, indicator, measure, value)
    distribution: list[dict]
    model_employer: list[tuple]  # (band, bme, target, trusts)
    quality_trusts: list[dict]
    quality_tables: list[dict]
    suppressed: int
    rows: int


def _rows(con, sql, params=None):
    relation = con.sql(sql, params=params)
    return [dict(zip(relation.columns, row, strict=True)) for row in relation.fetchall()]


def load(public_root: Path, year: int) -> ReportData:
    """Read the year's public snapshot and every earlier year's latest public snapshot."""
    years = sorted(int(p.name) for p in Path(public_root).iterdir()
                   if p.name.isdigit() and int(p.name) <= year and latest(public_root, int(p.name)))
    folder = {y: Path(public_root) / str(y) / latest(public_root, y) for y in years}
    this = folder[year]
    with duckdb.connect() as con:
        files = [str(folder[y] / "indicators.parquet") for y in years]
        england = {(r["year"], r["indicator"], r["measure"], r["breakdown"], r["group"]): r["value"]
                   for r in _rows(con, "select * from read_parquet($files) where level = "
                                       "'england'", {"files": files})}
        table = str(this / "indicators.parquet")
        trusts = {}
        for r in _rows(con, "select indicator, value from read_parquet($f) where level = 'trust'"
                            " and measure = 'relative_likelihood' and value is not null",
                       {"f": table}):
            trusts.setdefault(r["indicator"], []).append(r["value"])
        areas = [tuple(r.values()) for r in _rows(con, """
            select level, area_name, indicator, measure, value from read_parquet($f)
            where level in ('region', 'trust_type') and breakdown = 'all'
              and (measure = 'relative_likelihood' or (indicator = 1 and measure = 'share'
                   and "group" = 'BME'))
            order by level, area_name, indicator""", {"f": table})]
        model = [tuple(r.values()) for r in _rows(con, """
            select band, sum(bme_headcount), sum(target_headcount), count(*)
            from read_parquet($f) where not suppressed and target_headcount is not null
            group by band order by band""", {"f": str(this / "model_employer.parquet")})]
        counts = _rows(con, "select count(*) filter (where suppressed) as s, count(*) as n "
                            "from read_parquet($f)", {"f": table})[0]
        data = ReportData(
            year=year, snapshot_id=this.name, years=years, england=england, trusts=trusts,
            areas=areas,
            distribution=_rows(con, "select * from read_parquet($f) order by indicator, "
                                    "breakdown", {"f": str(this / "trust_distribution.parquet")}),
            model_employer=model,
            quality_trusts=_rows(con, "select * from read_parquet($f)",
                                 {"f": str(this / "data_quality_trusts.parquet")}),
            quality_tables=_rows(con, "select * from read_parquet($f) where rule = '(all)' "
                                      "order by \"table\"",
                                 {"f": str(this / "data_quality_tables.parquet")}),
            suppressed=counts["s"], rows=counts["n"])
    return data
