"""The organisations layer's assets: the organisations extracts ingested, then the trusts of
the year (and where every trust code that ever existed now is)."""

import dagster as dg

from wres_pipeline.ingest.extract import CODE, extract_check_specs, ingest_extract, sql_files
from wres_pipeline.layers import asset_key, layer_asset
from wres_pipeline.organisations.trusts import SQL, build_trusts_in_year
from wres_pipeline.partitions import year_of
from wres_pipeline.resources import WresSettings

EXTRACTS = asset_key("organisations/extracts")
TRUSTS_IN_YEAR = asset_key("organisations/trusts_in_year")


@layer_asset("organisations/extracts", sql=sql_files("organisations"), code=CODE,
             kinds={"duckdb", "great_expectations"},
             check_specs=extract_check_specs("organisations", EXTRACTS))
def extracts(context: dg.AssetExecutionContext, settings: WresSettings) -> dg.MaterializeResult:
    """The ODS NHS trusts file (etr.csv as published) with each trust's type and the successor
    of every merged trust: landed, archived, staged and validated as ods_trusts,
    organisation_types and trust_successors (assets/organisations/<table>.sql)."""
    return ingest_extract(context, settings, "organisations")


@layer_asset(
    "organisations/trusts_in_year", sql=SQL, code=("organisations.trusts", "reference", "sql"),
    deps=[extracts], kinds={"duckdb"},
    check_specs=[
        dg.AssetCheckSpec("trusts_found", asset=TRUSTS_IN_YEAR, blocking=True,
                          description="The organisations extract gives at least one trust."),
        dg.AssetCheckSpec("every_trust_has_a_type", asset=TRUSTS_IN_YEAR, blocking=True,
                          description="Every trust of the year has a trust type."),
    ],
)
def trusts_in_year(context: dg.AssetExecutionContext,
                   settings: WresSettings) -> dg.MaterializeResult:
    """The NHS trusts of the WRES year: open in ODS on 31 March, in an English region and not yet
    taken over by a successor, with region, ICB and trust type (organisations.trusts_in_year,
    assets/organisations/trusts_in_year.sql); and where every trust code that ever existed now
    is (organisations.successor_map, assets/organisations/successor_map.sql)."""
    year = year_of(context)
    with settings.paths.connect(year) as con:
        count = build_trusts_in_year(con, year)
        by_region = con.sql("select region_name, count(*) as trusts "
                            "from organisations.trusts_in_year "
                            "group by all order by region_name").fetchall()
        untyped = [code for (code,) in con.sql(
            "select organisation_code from organisations.trusts_in_year where trust_type is null "
            "order by 1").fetchall()]
    table = "\n".join(f"| {name} | {n} |" for name, n in by_region)
    return dg.MaterializeResult(
        metadata={"dagster/row_count": count, "wres_year": year,
                  "by_region": dg.MetadataValue.md("| region | trusts |\n|---|---:|\n" + table)},
        check_results=[
            dg.AssetCheckResult(check_name="trusts_found", passed=count > 0,
                                metadata={"wres_year": year, "trusts": count}),
            dg.AssetCheckResult(check_name="every_trust_has_a_type", passed=not untyped,
                                metadata={"wres_year": year,
                                          "untyped": dg.MetadataValue.json(untyped)},
                                description=f"no trust type for {', '.join(untyped)}"
                                if untyped else None),
        ],
    )
