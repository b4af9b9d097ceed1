"""Core tables built from staging inside a year's database."""

import dagster as dg

from wres_pipeline.ingest.assets import OWNERS
from wres_pipeline.organisations import build_trusts_in_year
from wres_pipeline.partitions import wres_year_partitions, year_of
from wres_pipeline.resources import PipelinePaths


@dg.asset(
    key=["core", "trusts_in_year"],
    deps=[dg.AssetKey(["staging", "organisations"])],
    partitions_def=wres_year_partitions,
    group_name="ingest",
    kinds={"duckdb"},
    owners=OWNERS,
    code_version="1",
)
def trusts_in_year(context: dg.AssetExecutionContext, paths: PipelinePaths) -> dg.MaterializeResult:
    """The NHS trusts of the WRES year: open in ODS on 31 March, in an English region and not yet
    taken over by a successor, with region name and trust type
    (assets/organisations/trusts_in_year.sql)."""
    year = year_of(context)
    with paths.connect(year) as con:
        con.sql("create schema if not exists core")
        count = build_trusts_in_year(con, year, "core.trusts_in_year")
        by_region = con.sql("select region_name, count(*) as trusts from core.trusts_in_year "
                            "group by all order by region_name").fetchall()
        by_type = con.sql("select trust_type, count(*) as trusts from core.trusts_in_year "
                          "group by all order by trust_type").fetchall()
    table = "\n".join(f"| {name} | {n} |" for name, n in by_region)
    return dg.MaterializeResult(metadata={
        "dagster/row_count": count,
        "wres_year": year,
        "by_region": dg.MetadataValue.md("| region | trusts |\n|---|---:|\n" + table),
        "by_type": dg.MetadataValue.json(dict(by_type)),
    })
