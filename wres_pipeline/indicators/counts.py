"""Indicator counts per trust (workforce, returns, survey) and pooled at every level.

Indicator 3 pools the year with the year before: the prior year's single-year inputs come from
its published snapshot (wres_pipeline/exchange.py), with predecessor trusts mapped to this year's
codes; the snapshot read is recorded for the year's manifest.
"""

import dagster as dg
import pyarrow as pa

from wres_pipeline import exchange
from wres_pipeline.core.workforce import workforce
from wres_pipeline.layers import asset_key, layer_asset
from wres_pipeline.organisations.assets import trusts_in_year
from wres_pipeline.partitions import year_of
from wres_pipeline.publish.latest_snapshot import YEAR_BEFORE, latest_snapshot
from wres_pipeline.reference import load_reference_table
from wres_pipeline.resources import PathsSettings, WresSettings
from wres_pipeline.sql import create_table, registered
from wres_pipeline.staging.assets import staff_survey, trust_return
from wres_pipeline.year_order import READS_EARLIER_YEARS, wait_for_earlier_years

RETURN_COUNTS = asset_key("indicators/return_counts")
CODE = ("exchange", "reference", "sql")


def _build(paths: PathsSettings, year: int, table: str, sql: str,
           params: dict | None = None) -> int:
    """Create `indicators.<table>` from a SQL file."""
    with paths.connect(year) as con:
        con.sql("create schema if not exists indicators")
        return create_table(con, f"indicators.{table}", sql, params)


@layer_asset("indicators/workforce_counts", sql=["indicators/workforce_counts.sql"], code=CODE,
             deps=[workforce], kinds={"duckdb"})
def workforce_counts(context: dg.AssetExecutionContext, settings: WresSettings):
    """Indicator 1 counts per trust: headcount by ethnic group in every band, grade and
    clinical/non-clinical breakdown, and the pooled senior bands
    (assets/indicators/workforce_counts.sql)."""
    paths, method = settings.paths, settings.method
    year = year_of(context)
    rows = _build(paths, year, "workforce_counts", "indicators/workforce_counts.sql",
                  {"year": year, "pool_name": method.pooled_band,
                   "pool_grades": method.model_employer_pooled_bands})
    return dg.MaterializeResult(metadata={"dagster/row_count": rows, "wres_year": year})


@layer_asset("indicators/disciplinary_inputs", sql=["indicators/disciplinary_inputs.sql"],
             code=CODE, deps=[workforce, trust_return], kinds={"duckdb"})
def disciplinary_inputs(context: dg.AssetExecutionContext, settings: WresSettings):
    """Indicator 3's single-year inputs per trust and group: disciplinary entries and headcount
    (assets/indicators/disciplinary_inputs.sql); published with the year's snapshot for the
    next year's window."""
    paths = settings.paths
    year = year_of(context)
    rows = _build(paths, year, "disciplinary_inputs", "indicators/disciplinary_inputs.sql",
                  {"year": year})
    return dg.MaterializeResult(metadata={"dagster/row_count": rows, "wres_year": year})


@layer_asset(
    "indicators/return_counts", sql=["indicators/return_counts.sql"], code=CODE,
    op_tags=READS_EARLIER_YEARS,
    # The year's own inputs, and the year before's as it published them (none before 2015).
    deps=[disciplinary_inputs, trusts_in_year, trust_return,
          dg.AssetDep(latest_snapshot, partition_mapping=YEAR_BEFORE)],
    kinds={"duckdb"},
    check_specs=[dg.AssetCheckSpec(
        "indicator_3_window_as_configured", asset=RETURN_COUNTS, blocking=False,
        description="Indicator 3 pooled the configured number of years (the year before must "
                    "be published for a two-year window).")],
)
def return_counts(context: dg.AssetExecutionContext, settings: WresSettings):
    """Indicators 2, 3, 4 and 9 counts per trust from the returns and ESR headcounts; indicator
    3 pools the configured window (the year before read from its published inputs)
    (assets/indicators/return_counts.sql)."""
    paths, method = settings.paths, settings.method
    year = year_of(context)
    wait_for_earlier_years(context, year, "indicator 3's year before, as it published")
    configured = method.window(year)
    with paths.connect(year) as con:
        con.sql("create schema if not exists indicators")
        if configured == 2:  # last year's inputs as it published them; the SQL maps its trusts
            prior = exchange.read_for(con, paths.published, "disciplinary_inputs", year - 1,
                                      "indicator 3 window")
        else:
            prior = None
            exchange.record_use(con, "indicator 3 window", [])
        window = 2 if prior is not None else 1
        empty = pa.table({"year": pa.array([], pa.int32()), "organisation_code": pa.array(
            [], pa.string()), "wres_group": pa.array([], pa.string()),
            "entered": pa.array([], pa.int64()), "headcount": pa.array([], pa.int64())})
        with registered(con, "prior_disciplinary", prior if prior is not None else empty):
            rows = create_table(con, "indicators.return_counts",
                                "indicators/return_counts.sql", {"year": year, "window": window})
    note = (f"indicator 3 pools {year - 1}-{year}" if window == 2 else
            f"indicator 3 uses {year} alone" + (
                f" (the window is set to 2 but {year - 1} has not been published)"
                if configured == 2 else " (as configured)"))
    context.log.info(note)
    return dg.MaterializeResult(
        metadata={"dagster/row_count": rows, "wres_year": year,
                  "indicator_3_window_configured": configured,
                  "indicator_3_window_used": window, "indicator_3_window": note},
        check_results=[dg.AssetCheckResult(
            check_name="indicator_3_window_as_configured", passed=window == configured,
            severity=dg.AssetCheckSeverity.WARN, metadata={"wres_year": year, "note": note},
            description=None if window == configured else note)],
    )



@layer_asset("indicators/survey_counts", sql=["indicators/survey_counts.sql"], code=CODE,
             deps=[staff_survey], kinds={"duckdb"})
def survey_counts(context: dg.AssetExecutionContext, settings: WresSettings):
    """Indicators 5-8 counts per trust: respondents giving the indicator's answer, by group,
    from the staff survey of autumn Y-1 (assets/indicators/survey_counts.sql)."""
    paths = settings.paths
    year = year_of(context)
    with paths.connect(year) as con:
        load_reference_table(con, "survey_questions")
    rows = _build(paths, year, "survey_counts", "indicators/survey_counts.sql", {"year": year})
    return dg.MaterializeResult(metadata={"dagster/row_count": rows, "wres_year": year})


@layer_asset("indicators/counts", sql=["indicators/indicator_counts.sql"], code=CODE,
             deps=[workforce_counts, return_counts, survey_counts, trusts_in_year],
             kinds={"duckdb"})
def counts(context: dg.AssetExecutionContext, settings: WresSettings):
    """Every indicator's counts for each trust and pooled by region, trust type and England
    (assets/indicators/indicator_counts.sql); published with the year's snapshot for the time
    series and the Model Employer baseline."""
    paths = settings.paths
    year = year_of(context)
    with paths.connect(year) as con:
        load_reference_table(con, "trust_types")
    rows = _build(paths, year, "counts", "indicators/indicator_counts.sql")
    return dg.MaterializeResult(metadata={"dagster/row_count": rows, "wres_year": year})
