"""The public edition's tables: the internal tables with the withheld units' figures removed.

A withheld row keeps its labels, says why (`suppressed`, `suppression_reason`) and loses its
counts, value, interval and flags. A relative likelihood whose counts are withheld keeps its
value rounded (two decimals, as the reports print it) and its flags, and loses its interval:
with the published headcounts, the interval's width would give the counts back. Which units
are withheld: wres_pipeline/publish/disclosure.py.
"""

import pyarrow as pa
import pyarrow.compute as pc

from wres_pipeline.publish.disclosure import BOARD, HEADCOUNT, Policy, rows_of, unit_of

WITHHELD = {
    "indicators": ["numerator", "denominator", "value", "ci_lower", "ci_upper", "significant",
                   "adverse_significant", "outside_non_adverse_range"],
    "model_employer": ["headcount", "bme_headcount", "bme_share", "baseline_share",
                       "overall_share", "goal_share", "target_share", "target_headcount",
                       "gap_people", "more_needed_now", "more_needed_by_target_year",
                       "on_trajectory", "trusts_on_trajectory"],
    "data_quality_trusts": ["esr_headcount", "esr_unknown", "unknown_share",
                            "declared_headcount", "declared_difference"],
}
KEPT_BY_LIKELIHOODS = ("significant", "adverse_significant", "outside_non_adverse_range")
ROUNDED = "counts withheld ({why}); the likelihood is rounded and its interval withheld"


def _withhold(table: pa.Table, reasons: list, name: str, keep: list | None = None) -> pa.Table:
    """Blank the withheld columns of every row with a reason, and say why; `keep` marks rows
    whose flags stay (withheld likelihoods)."""
    hidden = pa.array([r is not None for r in reasons])
    for column in WITHHELD[name]:
        mask = hidden
        if keep is not None and column in KEPT_BY_LIKELIHOODS:
            mask = pc.and_(hidden, pc.invert(pa.array(keep)))
        values = table.column(column)
        blanked = pc.if_else(mask, pa.scalar(None, values.type), values)
        table = table.set_column(table.schema.get_field_index(column), column, blanked)
    return table.append_column("suppressed", hidden).append_column(
        "suppression_reason", pa.array(reasons, pa.string()))


def _row_reason(row, withheld: dict, policy: Policy) -> str | None:
    key = (row.year, row.level, row.area_code)
    if row.measure == "unknown_share":
        return None  # unknown cells never withhold a unit
    unit = unit_of(row.indicator, row.breakdown, row.group)
    if unit == BOARD:
        return None if policy.board_published_in_full else withheld.get(
            (*key, f"9:{row.breakdown}"))
    if unit is None:  # a survey gap: withheld with either group
        return (withheld.get((*key, f"{row.indicator}:{row.breakdown}:BME"))
                or withheld.get((*key, f"{row.indicator}:{row.breakdown}:White")))
    return withheld.get((*key, unit))


def public_indicators(indicators: pa.Table, withheld: dict, policy: Policy) -> pa.Table:
    reasons, likelihood = [], []
    for row in rows_of(indicators):
        why = _row_reason(row, withheld, policy)
        is_likelihood = bool(why) and row.measure == "relative_likelihood"
        reasons.append(ROUNDED.format(why=why) if is_likelihood else why)
        likelihood.append(is_likelihood)
    table = _withhold(indicators, reasons, "indicators", keep=likelihood)
    # A withheld likelihood keeps its value, rounded; only the interval stays withheld.
    digits = policy.withheld_likelihood_decimals
    value = [round(v, digits) if keep and v is not None else shown for v, shown, keep in zip(
        indicators.column("value").to_pylist(), table.column("value").to_pylist(), likelihood,
        strict=True)]
    return table.set_column(table.schema.get_field_index("value"), "value",
                            pa.array(value, pa.float64()))


def public_model_employer(model: pa.Table, withheld: dict, policy: Policy) -> pa.Table:
    """A band's row follows its indicator 1 grade unit (the pooled band its own), or the
    headcount's, in the same area; a small BME count in a single trust is withheld too."""
    t = policy.disclosure_threshold
    reasons = []
    for row in rows_of(model, ["year", "level", "area_code", "band", "bme_headcount",
                               "trusts"]):
        key = (row.year, row.level, row.area_code)
        found = withheld.get((*key, f"grade:{row.band}")) or withheld.get((*key, HEADCOUNT))
        if not found and row.trusts == 1 and 1 <= (row.bme_headcount or 0) <= t:
            found = f"a count from 1 to {t} in this breakdown"
        reasons.append(found)
    return _withhold(model, reasons, "model_employer")


def public_data_quality(trusts: pa.Table, withheld: dict) -> pa.Table:
    reasons = [withheld.get((row.year, "trust", row.organisation_code, HEADCOUNT))
               for row in rows_of(trusts, ["year", "organisation_code"])]
    return _withhold(trusts, reasons, "data_quality_trusts")
