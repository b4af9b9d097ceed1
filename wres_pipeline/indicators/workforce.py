"""The workforce as WRES counts it: assignments in scope, people once each, and their posts."""

import dagster as dg

from wres_pipeline.core_assets import WORKFORCE
from wres_pipeline.ingest.assets import OWNERS
from wres_pipeline.ingest.staging import load_reference_table
from wres_pipeline.partitions import wres_year_partitions, year_of
from wres_pipeline.resources import PipelinePaths
from wres_pipeline.sql import create_table, create_view, drop_relation

REFERENCE_TABLES = ("assignment_categories", "pay_grades", "ethnic_categories")


@dg.asset(
    key=WORKFORCE,
    deps=[dg.AssetKey(["staging", "esr_staff_in_post"])],
    partitions_def=wres_year_partitions,
    group_name="indicators",
    kinds={"duckdb"},
    owners=OWNERS,
    code_version="4",
)
def workforce(context: dg.AssetExecutionContext, paths: PipelinePaths) -> dg.MaterializeResult:
    """Staff in the WRES scope at 31 March: their assignments (core.staff_in_scope, a view of the
    validated ESR rows) and each person once per trust with their ethnic group and the posts
    they hold (core.people). Person-level: they stay in the year's database and are never
    published (assets/core/*.sql)."""
    year = year_of(context)
    with paths.connect(year) as con:
        for name in REFERENCE_TABLES:
            load_reference_table(con, name)
        con.sql("create schema if not exists core")
        # staff_in_scope is a view (a filter and two small joins, read once below): storing it
        # would write another 1.5 million rows to the year's database for nothing. core.posts
        # was a table, then a view, in databases from before core.people held the posts.
        for relation in ("staff_in_scope", "posts"):
            drop_relation(con, "core", relation)
        assignments = create_view(con, "core.staff_in_scope", "core/staff_in_scope.sql")
        people = create_table(con, "core.people", "core/people.sql")
        groups = dict(con.sql("select wres_group, count(*) from core.people group by all")
                      .fetchall())
    return dg.MaterializeResult(metadata={
        "dagster/row_count": people, "wres_year": year, "assignments_in_scope": assignments,
        "people": people,
        "bme_share_percent": round(100 * groups.get("bme", 0) / max(people, 1), 2),
        "unknown_share_percent": round(100 * groups.get("unknown", 0) / max(people, 1), 2),
    })
