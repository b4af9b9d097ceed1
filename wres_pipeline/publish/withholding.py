"""The public edition's tables: the internal tables with the withheld units' figures removed.

A withheld row keeps its labels, says why (`suppressed`, `suppression_reason`) and loses its
counts, value, interval and flags. A relative likelihood whose counts are withheld keeps its
value rounded (two decimals, as the reports print it) and its flags, and loses its interval:
with the published headcounts, the interval's width would give the counts back. Which units
are withheld: wres_pipeline/publish/disclosure.py.
"""

import pandas as pd

from wres_pipeline.publish.disclosure import BOARD, HEADCOUNT, Policy, unit_of

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
ROUNDED = "counts withheld ({why}); the likelihood is rounded and its interval withheld"


def _withhold(frame: pd.DataFrame, reason: list, table: str) -> pd.DataFrame:
    """Blank the withheld columns of every row with a reason, and say why."""
    frame = frame.copy()
    hidden = pd.Series([r is not None for r in reason], index=frame.index)
    for column in WITHHELD[table]:
        frame[column] = frame[column].astype("object").where(~hidden, None)
    frame["suppressed"] = hidden.to_numpy()
    frame["suppression_reason"] = pd.Series(reason, dtype="object").to_numpy()
    return frame


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


def public_indicators(indicators: pd.DataFrame, withheld: dict,
                      policy: Policy) -> pd.DataFrame:
    reasons, likelihoods = [], []
    for index, row in zip(indicators.index, indicators.itertuples(), strict=True):
        why = _row_reason(row, withheld, policy)
        if why and row.measure == "relative_likelihood":
            likelihoods.append(index)
            why = ROUNDED.format(why=why)
        reasons.append(why)
    frame = _withhold(indicators, reasons, "indicators")
    # A likelihood keeps its rounded value and its flags; only the interval stays withheld.
    kept = indicators.loc[likelihoods]
    frame.loc[likelihoods, "value"] = [None if pd.isna(v) else round(
        float(v), policy.withheld_likelihood_decimals) for v in kept["value"]]
    for flag in ("significant", "adverse_significant", "outside_non_adverse_range"):
        frame.loc[likelihoods, flag] = kept[flag].astype("object")
    return frame


def public_model_employer(model: pd.DataFrame, withheld: dict, policy: Policy) -> pd.DataFrame:
    """A band's row follows its indicator 1 grade unit (the pooled band its own), or the
    headcount's, in the same area; a small BME count in a single trust is withheld too."""
    t = policy.disclosure_threshold
    reasons = []
    for row in model.itertuples():
        key = (row.year, row.level, row.area_code)
        found = withheld.get((*key, f"grade:{row.band}")) or withheld.get((*key, HEADCOUNT))
        if not found and row.trusts == 1 and 1 <= (row.bme_headcount or 0) <= t:
            found = f"a count from 1 to {t} in this breakdown"
        reasons.append(found)
    return _withhold(model, reasons, "model_employer")


def public_data_quality(trusts: pd.DataFrame, withheld: dict) -> pd.DataFrame:
    reasons = [withheld.get((row.year, "trust", row.organisation_code, HEADCOUNT))
               for row in trusts.itertuples()]
    return _withhold(trusts, reasons, "data_quality_trusts")
