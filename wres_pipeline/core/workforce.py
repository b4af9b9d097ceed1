"""The workforce as WRES counts it: assignments in scope, people once each, and their posts."""

import dagster as dg

from wres_pipeline.layers import layer_asset
from wres_pipeline.partitions import year_of
from wres_pipeline.reference import load_reference_table
from wres_pipeline.resources import WresSettings
from wres_pipeline.sql import create_table, create_view
from wres_pipeline.staging.assets import esr_staff_in_post

REFERENCE_TABLES = ("assignment_categories", "pay_grades", "ethnic_categories")
SQL = ("core/staff_in_scope.sql", "core/people.sql", "core/people_by_posts.sql")


@layer_asset("core/workforce", sql=SQL, code=("reference", "sql"), deps=[esr_staff_in_post],
             kinds={"duckdb"})
def workforce(context: dg.AssetExecutionContext, settings: WresSettings) -> dg.MaterializeResult:
    """Staff in the WRES scope at 31 March: their assignments (core.staff_in_scope, a view of the
    validated ESR rows), each person once per trust with their ethnic group and the posts they
    hold (core.people, a view), and those people counted by trust, group and set of posts
    (core.people_by_posts), which every indicator headcount adds up. Person-level rows stay in
    the year's database and are never published (assets/core/*.sql)."""
    year = year_of(context)
    with settings.paths.connect(year) as con:
        counts = build_workforce(con)
    people = counts["people"]
    return dg.MaterializeResult(metadata={
        "dagster/row_count": counts["rows"], "wres_year": year,
        "assignments_in_scope": counts["assignments"], "people": people,
        "bme_share_percent": round(100 * counts["bme"] / max(people, 1), 2),
        "unknown_share_percent": round(100 * counts["unknown"] / max(people, 1), 2),
    })


def build_workforce(con) -> dict[str, int]:
    """Create the core workforce relations in `con` (its validated ESR rows); return the
    assignments in scope, people, BME and unknown people, and the rows of people_by_posts."""
    for name in REFERENCE_TABLES:
        load_reference_table(con, name)
    con.sql("create schema if not exists core")
    # Views: storing staff_in_scope or people would write another 1.5 million rows to the
    # year's database, read once.
    assignments = create_view(con, "core.staff_in_scope", SQL[0])
    create_view(con, "core.people", SQL[1], count=False)
    rows = create_table(con, "core.people_by_posts", SQL[2])
    people, bme, unknown = con.sql(
        "select coalesce(sum(people), 0), coalesce(sum(people) filter (where wres_group = 'bme'),"
        " 0), coalesce(sum(people) filter (where wres_group = 'unknown'), 0) "
        "from core.people_by_posts").fetchall()[0]
    return {"assignments": assignments, "people": int(people), "bme": int(bme),
            "unknown": int(unknown), "rows": rows}
