"""What the report shows, read from the public snapshots alone (this year's and earlier).

National, regional, ICB and trust-type figures are read as published (the public edition's
aggregates are computed from the full data); nothing here adds up trusts' rows again.
"""

from dataclasses import dataclass
from pathlib import Path

import duckdb

from wres_pipeline.publish.snapshot import latest, published_years

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


def _rows(con, sql, params=None):
    relation = con.sql(sql, params=params)
    return [dict(zip(relation.columns, row, strict=True)) for row in relation.fetchall()]


def load(public_root: Path, year: int) -> ReportData:
    """Read the year's public snapshot and every earlier year's latest public snapshot."""
    years = [y for y in published_years(Path(public_root)) if y <= year]
    folder = {y: Path(public_root) / str(y) / latest(public_root, y) for y in years}
    this = folder[year]

    def file(name):
        return str(this / f"{name}.parquet")
    with duckdb.connect() as con:
        files = [str(folder[y] / "indicators.parquet") for y in years]
        england = {(r["year"], r["indicator"], r["measure"], r["breakdown"], r["group"]): r["value"]
                   for r in _rows(con, "select * from read_parquet($files) where level = "
                                       "'england'", {"files": files})}
        trusts = {}
        for r in _rows(con, """
                select indicator, coalesce(value, 'inf'::double) as value
                from read_parquet($f) where level = 'trust' and measure = 'relative_likelihood'
                  and (value is not null or outside_non_adverse_range)""",
                       {"f": file("indicators")}):
            trusts.setdefault(r["indicator"], []).append(r["value"])
        board = [r["value"] for r in _rows(con, """
            select value from read_parquet($f) where level = 'trust' and indicator = 9
              and measure = 'gap_pp' and breakdown = 'board_voting' and value is not null""",
                                           {"f": file("indicators")})]
        areas = _rows(con, """
            select i.level, i.area_code, any_value(i.area_name) as area_name,
                   any_value(o.region_name) as region_name,
                   max(i.value) filter (where i.indicator = 1 and i.measure = 'share'
                                        and i.breakdown = 'all' and i."group" = 'BME')
                       as bme_share,
                   max(i.value) filter (where i.indicator = 2
                                        and i.measure = 'relative_likelihood') as rl2,
                   max(i.value) filter (where i.indicator = 3
                                        and i.measure = 'relative_likelihood') as rl3,
                   max(i.value) filter (where i.indicator = 4
                                        and i.measure = 'relative_likelihood') as rl4,
                   max(i.value) filter (where i.indicator = 9 and i.measure = 'gap_pp'
                                        and i.breakdown = 'board_voting') as board_gap
            from read_parquet($f) as i
            left join (select distinct icb_code, region_name from read_parquet($o)) as o
                on i.level = 'icb' and o.icb_code = i.area_code
            where i.level in ('region', 'icb', 'trust_type') and i.breakdown in
                ('all', 'board_voting')
            group by i.level, i.area_code
            order by i.level, region_name, area_name""",
                      {"f": file("indicators"), "o": file("organisations")})
        model = _rows(con, """
            select level, area_name, band, bme_headcount, target_headcount, more_needed_now,
                   more_needed_by_target_year, trusts_with_target, trusts_on_trajectory,
                   target_year
            from read_parquet($f) where level in ('england', 'region')
            order by level, area_name, band""", {"f": file("model_employer")})
        trends = _rows(con, "select * from read_parquet($f) where level = 'england' "
                            "order by indicator, breakdown, measure, \"group\"",
                       {"f": file("trends")})
        counts = _rows(con, "select count(*) filter (where suppressed) as s, count(*) as n "
                            "from read_parquet($f)", {"f": file("indicators")})[0]
        return ReportData(
            year=year, snapshot_id=this.name, years=years, england=england, trusts=trusts,
            board_gaps=board, areas=areas,
            distribution=_rows(con, "select * from read_parquet($f) order by indicator, "
                                    "breakdown", {"f": file("trust_distribution")}),
            model_employer=model, trends=trends,
            quality_trusts=_rows(con, "select * from read_parquet($f)",
                                 {"f": file("data_quality_trusts")}),
            quality_tables=_rows(con, "select * from read_parquet($f) where rule = '(all)' "
                                      "order by \"table\"", {"f": file("data_quality_tables")}),
            suppressed=counts["s"], rows=counts["n"])
