"""Cross-extract reconciliation: does each trust's ESR, return and survey agree with the others?

Builds `core.trust_reconciliation` (assets/core/trust_reconciliation.sql) and judges it.
Most rules here are warnings: the method can run with a missing return or a headcount that
differs, but the WRES team must see it and the data-quality summary reports it. Two are
errors that block the year: a trust whose ESR ethnic categories are, above a small share, not
codes at all (free text is counted as Unknown, which would bias the trust's figures); and a
trust reporting more staff accessing training than its ESR headcount (a rate above 100 %).
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

import dagster as dg

from wres_pipeline.core.workforce import workforce
from wres_pipeline.layers import asset_key, layer_asset
from wres_pipeline.organisations.assets import trusts_in_year
from wres_pipeline.partitions import year_of
from wres_pipeline.resources import ValidationSettings, WresSettings
from wres_pipeline.settings import current
from wres_pipeline.sql import create_table
from wres_pipeline.staging.assets import esr_staff_in_post, staff_survey, trust_return

if TYPE_CHECKING:  # pandas is imported where a frame is built, not at start-up
    import pandas as pd

SAMPLE_TRUSTS = 15
RECONCILIATION = asset_key("core/trust_reconciliation")
SQL = "core/trust_reconciliation.sql"


@dataclass(frozen=True)
class TrustRule:
    name: str
    description: str
    failing: str  # a pandas query over core.trust_reconciliation selecting failing trusts
    explain: str  # per failing trust, formatted with the row's fields
    severity: str = "warning"  # "error" blocks the year


def trust_rules(validation: ValidationSettings) -> list[TrustRule]:
    """Every trust rule, with the thresholds of the validation settings."""
    headcount_tolerance = validation.headcount_tolerance
    unknown_share_warning = validation.unknown_share_warning
    max_uncoded_share = validation.max_uncoded_ethnicity_share
    return [
        TrustRule("every_trust_has_esr_staff",
                  "Every trust of the year has staff in the ESR extract.",
                  "esr_headcount == 0", "no ESR staff in scope"),
        TrustRule("every_trust_with_staff_sent_a_return",
                  "Every trust with ESR staff sent a WRES return; the missing are listed.",
                  "esr_headcount > 0 and not has_return", "no return received"),
        TrustRule("every_trust_in_staff_survey",
                  "Every trust with ESR staff has staff survey results.",
                  "esr_headcount > 0 and not in_survey", "no staff survey results"),
        TrustRule("declared_headcount_agrees",
                  f"A trust's declared headcount is within {headcount_tolerance:.0%} of its ESR "
                  "headcount.",
                  f"has_return and abs(declared_difference) > {headcount_tolerance!r}",
                  "declares {declared_headcount:,.0f}, ESR has {esr_headcount:,} "
                  "({declared_difference:+.1%})"),
        TrustRule("unknown_ethnicity_share",
                  f"A trust's share of staff with unknown ethnicity is at most "
                  f"{unknown_share_warning:.0%}.",
                  f"unknown_share > {unknown_share_warning!r}",
                  "{esr_unknown:,} of {esr_headcount:,} staff ({unknown_share:.1%}) unknown"),
        TrustRule("ethnic_category_is_a_code",
                  f"At most {max_uncoded_share:.0%} of a trust's ESR rows hold an ethnic "
                  "category that is not a code (nor a Data Dictionary description); such text "
                  "is counted as Unknown, never read by its first letter.",
                  f"uncoded_share > {max_uncoded_share!r}",
                  "{esr_uncoded:,} of {esr_rows:,} ESR rows ({uncoded_share:.1%}) hold an ethnic "
                  "category that is not a code, e.g. '{uncoded_example:.40}' ({uncoded_file} "
                  "rows {uncoded_rows})", severity="error"),
        TrustRule("training_not_above_esr_headcount",
                  "A group's staff accessing non-mandatory training (indicator 4) are at most "
                  "its ESR headcount, which the rate divides by.",
                  "training_excess > 0",
                  "more staff accessing training than ESR staff: {training_above_headcount}",
                  severity="error"),
    ]


def check_specs(asset_key: dg.AssetKey,
                validation: ValidationSettings) -> list[dg.AssetCheckSpec]:
    return [dg.AssetCheckSpec(rule.name, asset=asset_key, description=rule.description,
                              blocking=rule.severity == "error")
            for rule in trust_rules(validation)]


def judge(table: "pd.DataFrame", asset_key: dg.AssetKey, year: int,
          validation) -> list[dg.AssetCheckResult]:
    """Every trust rule's check result (`validation`: the settings' thresholds)."""
    results = []
    for rule in trust_rules(validation):
        failing = table.query(rule.failing)
        lines = [f"| {row['organisation_code']} | {row['organisation_name']} | "
                 f"{rule.explain.format(**row)} |"
                 for row in failing.head(SAMPLE_TRUSTS).to_dict("records")]
        metadata = {"wres_year": year, "failing_trusts": len(failing), "trusts": len(table)}
        if lines:
            metadata["trusts_listed"] = dg.MetadataValue.md(
                "| trust | name | finding |\n|---|---|---|\n" + "\n".join(lines))
            metadata["codes"] = dg.MetadataValue.json(failing["organisation_code"].tolist())
        results.append(dg.AssetCheckResult(
            asset_key=asset_key, check_name=rule.name, passed=failing.empty,
            severity=dg.AssetCheckSeverity.ERROR if rule.severity == "error"
            else dg.AssetCheckSeverity.WARN, metadata=metadata,
            description=(f"{len(failing)} trust(s): " + "; ".join(
                f"{row['organisation_code']} {rule.explain.format(**row)}"
                for row in failing.head(3).to_dict("records"))) if len(failing) else None,
        ))
    return results


@layer_asset(
    "core/trust_reconciliation", sql=[SQL], code=("sql",),
    deps=[esr_staff_in_post, trust_return, staff_survey, trusts_in_year, workforce],
    kinds={"duckdb"},
    check_specs=check_specs(RECONCILIATION, current().validation),
)
def trust_reconciliation(context: dg.AssetExecutionContext,
                         settings: WresSettings) -> dg.MaterializeResult:
    """Each trust's ESR headcount (people in scope), unknown-ethnicity share, return and survey
    side by side, with warnings for missing returns or survey results, declared headcounts that
    disagree with ESR and high unknown-ethnicity shares, and errors (blocking) for a trust
    whose ESR ethnic categories are too often not codes or that reports more staff trained
    than it has (assets/core/trust_reconciliation.sql)."""
    year = year_of(context)
    with settings.paths.connect(year) as con:
        count = create_table(con, "core.trust_reconciliation", SQL)
        table = con.sql("select * from core.trust_reconciliation").df()
    checks = judge(table, RECONCILIATION, year, settings.validation)
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
