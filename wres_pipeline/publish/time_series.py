"""The time series: every published year's indicators, merged trusts mapped to their successors.

Unpartitioned: it reads only the years' published snapshots (their exchange folders, never their
databases) and works in its own DuckDB file, so it never contends with a year's run. It records
the snapshot of every year it read (`publish.time_series_sources`), so a year republished
since shows the series as stale (wres_pipeline/staleness.py).
"""

import dagster as dg

from wres_pipeline import exchange
from wres_pipeline.layers import asset_key, layer_asset
from wres_pipeline.publish.assets import snapshot
from wres_pipeline.reference import load_reference_table
from wres_pipeline.resources import PathsSettings, WresSettings
from wres_pipeline.sql import create_table, run_statement

TIME_SERIES = asset_key("publish/time_series")
DATABASE = "time_series"
# The series' counts, then the same formulas as each year's (reused, never copied).
SQL = ("publish/time_series_counts.sql", "indicators/wres_indicators.sql",
       "organisations/current_code.sql")


def _stack(paths: PathsSettings, table: str, years: list[int]):
    """One exchange table of every year, and the snapshot each year's came from."""
    import pyarrow as pa

    read = {y: exchange.read(paths.published, table, y) for y in years}
    return (pa.concat_tables([data for data, _ in read.values()], promote_options="default"),
            {y: snapshot_id for y, (_, snapshot_id) in read.items()})


@layer_asset("publish/time_series", sql=SQL, code=("exchange", "reference", "sql"),
             partitioned=False, deps=[snapshot], kinds={"duckdb"},
             check_specs=[dg.AssetCheckSpec("no_gap_in_published_years", asset=TIME_SERIES,
                                            description="Every year between the first and last "
                                                        "published is published.")])
def time_series(context: dg.AssetExecutionContext, settings: WresSettings) -> dg.MaterializeResult:
    """All published years' indicators side by side, each trust's earlier years pooled from the
    trusts it has absorbed (assets/publish/time_series_counts.sql, then the same formulas as
    each year: assets/indicators/wres_indicators.sql); read from every year's published
    snapshot."""
    paths, method = settings.paths, settings.method
    years = exchange.years(paths.published, "indicator_counts")
    if not years:
        raise dg.Failure("no year has published its indicator counts yet")
    latest = max(y for y in exchange.years(paths.published, "successor_map") if y in years)
    counts, sources = _stack(paths, "indicator_counts", years)
    with paths.connect(DATABASE) as con:
        con.register("published_counts", counts)
        # Today's trusts: the latest year's successor map, read by the same rule as each year's.
        con.register("latest_successor_map", exchange.read(paths.published, "successor_map",
                                                           latest)[0])
        con.sql("create schema if not exists organisations")
        con.sql("create or replace table organisations.successor_map as "
                "select * from latest_successor_map")
        run_statement(con, SQL[2])
        con.register("latest_trusts", exchange.read(paths.published, "trusts_in_year",
                                                    latest)[0])
        load_reference_table(con, "indicators")
        con.sql("create schema if not exists publish")
        con.sql("create or replace table publish.time_series_sources "
                "(year integer, snapshot_id varchar)")
        con.executemany("insert into publish.time_series_sources values (?, ?)",
                        sorted(sources.items()))
        # wres_indicators.sql reads its counts as indicators.counts.
        con.sql("create schema if not exists indicators")
        create_table(con, "indicators.counts", SQL[0])
        rows = create_table(con, "publish.time_series", SQL[1],
                            {"z": method.z, "low": method.non_adverse_low,
                             "high": method.non_adverse_high})
        trend = con.sql("""select year, indicator, measure, round(value, 3)
            from publish.time_series where level = 'england' and (measure =
            'relative_likelihood' or (indicator = 1 and measure = 'share' and breakdown = 'all'
            and "group" = 'BME')) order by indicator, year""").fetchall()
    missing = sorted(set(range(years[0], years[-1] + 1)) - set(years))
    lines = "\n".join(f"| {y} | {i} | {m} | {v} |" for y, i, m, v in trend)
    return dg.MaterializeResult(
        metadata={"dagster/row_count": rows, "years": dg.MetadataValue.json(years),
                  "successors_as_of": latest,
                  "snapshots": dg.MetadataValue.json({str(y): s for y, s in sources.items()}),
                  "england_trend": dg.MetadataValue.md(
                      "| year | indicator | measure | value |\n|---|---|---|---:|\n" + lines),
                  "database": dg.MetadataValue.path(str(paths.database(DATABASE)))},
        check_results=[dg.AssetCheckResult(
            check_name="no_gap_in_published_years", passed=not missing,
            severity=dg.AssetCheckSeverity.WARN, metadata={"missing": str(missing)},
            description=f"not published: {missing}" if missing else None)],
    )
