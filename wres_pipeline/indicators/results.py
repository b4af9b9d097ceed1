"""The indicator results (tidy table), the distribution of trusts and Model Employer targets."""

import dagster as dg
import pyarrow as pa

from wres_pipeline import exchange, probes
from wres_pipeline.indicators.counts import CODE, counts, workforce_counts
from wres_pipeline.layers import asset_key, layer_asset
from wres_pipeline.organisations.assets import trusts_in_year
from wres_pipeline.partitions import year_of
from wres_pipeline.publish.latest_snapshot import EVERY_YEAR_BEFORE, latest_snapshot
from wres_pipeline.reference import load_reference_table
from wres_pipeline.resources import PathsSettings, WresSettings
from wres_pipeline.settings import current
from wres_pipeline.sql import create_table, registered, sql_text
from wres_pipeline.year_order import READS_EARLIER_YEARS, wait_for_earlier_years

RESULTS = asset_key("indicators/wres_indicators")
MODEL_EMPLOYER = asset_key("indicators/model_employer")
# The columns of the published counts model_employer.sql reads (none when nothing is read).
BASELINE_COLUMNS = pa.schema([("level", pa.string()), ("area_code", pa.string()),
                              ("indicator", pa.int32()), ("breakdown", pa.string()),
                              ("wres_group", pa.string()), ("events", pa.int64()),
                              ("population", pa.int64())])
# Each check is a SQL file returning failing rows; any row fails it (and blocks publication).
RESULT_CHECKS = {
    "no_value_missing_without_reason": "indicators/checks/indicators_null_without_reason.sql",
    "no_infinite_or_nan_values": "indicators/checks/indicators_not_finite.sql",
    "aggregates_pool_their_trusts": "indicators/checks/indicators_pooling.sql",
    "likelihoods_are_ratios_of_rates": "indicators/checks/indicators_likelihood_matches_rates.sql",
}
HEADLINE = "indicators/england_headline.sql"  # shown in the UI beside the year's indicators


@layer_asset(
    "indicators/wres_indicators",
    sql=["indicators/wres_indicators.sql", *RESULT_CHECKS.values(), HEADLINE],
    # The pooling check reads the year's trusts (tests/test_declared_reads.py).
    code=CODE, deps=[counts, trusts_in_year], kinds={"duckdb"},
    check_specs=[dg.AssetCheckSpec(name, asset=RESULTS, blocking=True,
                                   description=sql_text(path).splitlines()[0].lstrip("- "))
                 for name, path in RESULT_CHECKS.items()],
)
def wres_indicators(context: dg.AssetExecutionContext,
                    settings: WresSettings) -> dg.MaterializeResult:
    """All nine WRES indicators for every trust, region, trust type and England: shares, rates,
    relative likelihoods with 95 % intervals and flags, survey percentages with Wilson intervals
    and gaps (assets/indicators/wres_indicators.sql)."""
    paths, method = settings.paths, settings.method
    year = year_of(context)
    with paths.connect(year) as con:
        load_reference_table(con, "indicators")
        rows = create_table(con, "indicators.wres_indicators", "indicators/wres_indicators.sql",
                            {"z": method.z, "low": method.non_adverse_low,
                             "high": method.non_adverse_high})
        failures = {name: con.sql(sql_text(path)).fetchall()
                    for name, path in RESULT_CHECKS.items()}
        headline = con.sql(sql_text(HEADLINE)).fetchall()
        probes.point("transform: indicators written, database not yet closed")
    lines = [f"| {i} | {m} | {b} | {g} | {v:.3f} | {lo if lo is None else f'{lo:.3f}'} - "
             f"{hi if hi is None else f'{hi:.3f}'} |" if v is not None else
             f"| {i} | {m} | {b} | {g} | - | - |" for i, m, b, g, v, lo, hi in headline]
    return dg.MaterializeResult(
        metadata={"dagster/row_count": rows, "wres_year": year,
                  "england": dg.MetadataValue.md(
                      "| indicator | measure | breakdown | group | value | 95 % interval |\n"
                      "|---|---|---|---|---:|---|\n" + "\n".join(lines)),
                  "method": dg.MetadataValue.json(method.model_dump())},
        check_results=[dg.AssetCheckResult(
            check_name=name, passed=not found,
            metadata={"wres_year": year, "failing_rows": len(found), "first": str(found[:3])},
            description=f"{len(found)} row(s), first {found[0]}" if found else None)
            for name, found in failures.items()],
    )


@layer_asset("indicators/trust_distribution", sql=["indicators/trust_distribution.sql"],
             code=CODE, deps=[wres_indicators, trusts_in_year], kinds={"duckdb"})
def trust_distribution(context: dg.AssetExecutionContext,
                       settings: WresSettings) -> dg.MaterializeResult:
    """How trusts are spread on each relative likelihood and gap: every trust of the year
    included or excluded with the reason, quartiles, and the number and share of trusts above
    the non-adverse range (zero reference rates included) or significantly adverse
    (assets/indicators/trust_distribution.sql)."""
    paths, method = settings.paths, settings.method
    year = year_of(context)
    with paths.connect(year) as con:
        rows = create_table(con, "indicators.trust_distribution",
                            "indicators/trust_distribution.sql", {"high": method.non_adverse_high})
        shares = con.sql("select indicator, percent_adverse_significant, percent_above_range "
                         "from indicators.trust_distribution where measure = "
                         "'relative_likelihood' order by indicator").fetchall()
    return dg.MaterializeResult(metadata={
        "dagster/row_count": rows, "wres_year": year,
        "percent_of_trusts_significantly_adverse": dg.MetadataValue.json(
            {f"indicator_{i}": None if p is None else round(p, 1) for i, p, _ in shares}),
        "percent_of_trusts_above_range": dg.MetadataValue.json(
            {f"indicator_{i}": None if p is None else round(p, 1) for i, _, p in shares}),
    })


# The lineage names the baseline year of the settings the code location was built from; a run
# whose settings name another year stops rather than read a year its lineage does not show.
BASELINE_YEAR = current().method.model_employer_baseline_year


@layer_asset(
    "indicators/model_employer", sql=["indicators/model_employer.sql"], code=CODE,
    op_tags=READS_EARLIER_YEARS,
    # The baseline year's counts are read from its published snapshot (wres_pipeline/exchange.py).
    # Dagster's partition mappings cannot name one fixed year for the later years alone (a
    # year at or before the baseline reads nothing of it), so the dependency covers every year
    # before: it can show the asset stale when it is not, never current when it is stale.
    deps=[workforce_counts, trusts_in_year, dg.AssetDep(
        latest_snapshot, partition_mapping=EVERY_YEAR_BEFORE)],
    kinds={"duckdb"},
    check_specs=[dg.AssetCheckSpec(
        "baseline_year_published", asset=MODEL_EMPLOYER, blocking=False,
        description="The baseline year's counts are published, so targets can be set.")],
)
def model_employer(context: dg.AssetExecutionContext,
                   settings: WresSettings) -> dg.MaterializeResult:
    """Model Employer in people for each trust, ICB, region, trust type and England, and each
    senior band (8a-8d, 9, VSM and 8c-VSM pooled): this year's point on the straight line from
    the band's BME share in the baseline year to the trust's goal share in the target year,
    the BME staff that means, how many more each band needs now and by the target year, and
    whether it is on its trajectory (assets/indicators/model_employer.sql)."""
    paths, method = settings.paths, settings.method
    year = year_of(context)
    wait_for_earlier_years(context, year, "the Model Employer baseline year's published counts")
    baseline_year = method.model_employer_baseline_year
    if baseline_year != BASELINE_YEAR:
        raise dg.Failure(f"the settings name {baseline_year} as the Model Employer baseline year "
                         f"but the asset graph was built for {BASELINE_YEAR}: load the code "
                         "location with these settings (WRES_CONFIG)")
    with paths.connect(year) as con:
        baseline = baseline_published(paths, con, year, baseline_year)
        published = year == baseline_year or baseline is not None
        with registered(con, "baseline_published", BASELINE_COLUMNS.empty_table()
                        if baseline is None else baseline):
            rows = create_table(con, "indicators.model_employer",
                                "indicators/model_employer.sql",
                                {"year": year, "baseline_year": baseline_year,
                                 "target_year": method.model_employer_target_year,
                                 "bands": method.model_employer_targets,
                                 "baseline_published": published,
                                 "goal": method.model_employer_goal})
        england = con.sql("select band, bme_headcount, more_needed_now, "
                          "more_needed_by_target_year, trusts_on_trajectory, trusts_with_target "
                          "from indicators.model_employer where level = 'england' "
                          "order by band").fetchall()
    lines = [f"| {b} | {bme:,} | {now if now is None else f'{now:,}'} | {goal:,} | "
             f"{on} of {n} |" for b, bme, now, goal, on, n in england]
    return dg.MaterializeResult(metadata={
        "dagster/row_count": rows, "wres_year": year, "baseline_year": baseline_year,
        "target_year": method.model_employer_target_year, "goal": method.model_employer_goal,
        "england": dg.MetadataValue.md(
            "| band | BME staff | more needed now | more needed by the target year | trusts "
            "on trajectory |\n|---|---:|---:|---:|---|\n" + "\n".join(lines)),
        "baseline_published": published,
    }, check_results=[dg.AssetCheckResult(
        check_name="baseline_year_published", passed=published or year < baseline_year,
        severity=dg.AssetCheckSeverity.WARN, metadata={"wres_year": year},
        description=None if published or year < baseline_year else
        f"{baseline_year} has not been published: this year's targets cannot be set")])


def baseline_published(paths: PathsSettings, con, year: int,
                       baseline_year: int) -> pa.Table | None:
    """The baseline year's counts as its published snapshot holds them, for a later year (None
    in or before the baseline year, or when it has not been published); the snapshot read is
    recorded. model_employer.sql pools predecessor trusts into this year's."""
    if year <= baseline_year:
        exchange.record_use(con, "model employer baseline", [])
        return None
    return exchange.read_for(con, paths.published, "indicator_counts", baseline_year,
                             "model employer baseline")
