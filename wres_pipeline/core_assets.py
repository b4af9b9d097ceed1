"""Core tables built from validated data inside a year's database: the trusts of the year and the
cross-extract reconciliation."""

import dagster as dg

from wres_pipeline.ingest.assets import OWNERS, TRUSTS_IN_YEAR
from wres_pipeline.organisations import build_trusts_in_year, snapshot_date
from wres_pipeline.partitions import wres_year_partitions, year_of
from wres_pipeline.resources import PipelinePaths, ValidationSettings
from wres_pipeline.sql import create_table
from wres_pipeline.validation import reconciliation

RECONCILIATION = dg.AssetKey(["core", "trust_reconciliation"])
WORKFORCE = dg.AssetKey(["core", "workforce"])


@dg.asset(
    key=TRUSTS_IN_YEAR,
    deps=[dg.AssetKey(["staging", "organisations"])],
    partitions_def=wres_year_partitions,
    group_name="ingest",
    kinds={"duckdb"},
    owners=OWNERS,
    code_version="3",
    check_specs=[
        dg.AssetCheckSpec("trusts_found", asset=TRUSTS_IN_YEAR, blocking=True,
                          description="The organisations extract gives at least one trust."),
        dg.AssetCheckSpec("every_trust_has_a_type", asset=TRUSTS_IN_YEAR, blocking=True,
                          description="Every trust of the year has a trust type."),
    ],
)
def trusts_in_year(context: dg.AssetExecutionContext, paths: PipelinePaths) -> dg.MaterializeResult:
    """The NHS trusts of the WRES year: open in ODS on 31 March, in an English region and not yet
    taken over by a successor, with region name and trust type
    (assets/organisations/trusts_in_year.sql); and where every trust code that ever existed now
    is (core.successor_map, assets/organisations/successor_map.sql)."""
    year = year_of(context)
    with paths.connect(year) as con:
        con.sql("create schema if not exists core")
        count = build_trusts_in_year(con, year, "core.trusts_in_year")
        create_table(con, "core.successor_map", "organisations/successor_map.sql",
                     {"snapshot_date": snapshot_date(year)})
        by_region = con.sql("select region_name, count(*) as trusts from core.trusts_in_year "
                            "group by all order by region_name").fetchall()
        untyped = [code for (code,) in con.sql(
            "select organisation_code from core.trusts_in_year where trust_type is null "
            "order by 1").fetchall()]
    table = "\n".join(f"| {name} | {n} |" for name, n in by_region)
    return dg.MaterializeResult(
        metadata={"dagster/row_count": count, "wres_year": year,
                  "by_region": dg.MetadataValue.md("| region | trusts |\n|---|---:|\n" + table)},
        check_results=[
            dg.AssetCheckResult(check_name="trusts_found", passed=count > 0,
                                metadata={"trusts": count}),
            dg.AssetCheckResult(check_name="every_trust_has_a_type", passed=not untyped,
                                metadata={"untyped": dg.MetadataValue.json(untyped)},
                                description=f"no trust type for {', '.join(untyped)}"
                                if untyped else None),
        ],
    )


@dg.asset(
    key=RECONCILIATION,
    deps=[dg.AssetKey(["staging", e]) for e in ("esr_staff_in_post", "trust_return",
                                                 "staff_survey")]
    + [TRUSTS_IN_YEAR, WORKFORCE],
    partitions_def=wres_year_partitions,
    group_name="validate",
    kinds={"duckdb"},
    owners=OWNERS,
    code_version="3",
    check_specs=reconciliation.check_specs(RECONCILIATION),
)
def trust_reconciliation(context: dg.AssetExecutionContext, paths: PipelinePaths,
                         validation: ValidationSettings) -> dg.MaterializeResult:
    """Each trust's ESR headcount (people in scope), unknown-ethnicity share, return and survey
    side by side, with warnings for missing returns or survey results, declared headcounts that
    disagree with ESR and high unknown-ethnicity shares, and an error (blocking) for a trust
    whose ESR ethnic categories are too often not codes
    (assets/validation/trust_reconciliation.sql)."""
    year = year_of(context)
    with paths.connect(year) as con:
        count = create_table(con, "core.trust_reconciliation",
                             "validation/trust_reconciliation.sql")
        table = con.sql("select * from core.trust_reconciliation").df()
    checks = reconciliation.judge(table, RECONCILIATION, year, validation)
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": count, "wres_year": year,
            "esr_headcount": int(table["esr_headcount"].sum()),
            "trusts_with_return": int(table["has_return"].sum()),
            "unknown_share_national": round(float(table["esr_unknown"].sum() /
                                                  max(table["esr_headcount"].sum(), 1)), 4),
        },
        check_results=checks,
    )
