"""Statistical disclosure control for the public edition.

Counts are protected in *units*: the rows that describe the same people in one area (an
indicator's breakdown; for indicator 1, a grade's clinical, non-clinical and combined rows
together, since one is the others' sum; and the staff headcount, which indicator 1's totals,
indicators 3 and 4 and indicator 9 all rest on).
1. Primary: a unit with any count from 1 to the threshold (default 7) is suppressed.
2. Dependency: units built on the headcount (indicators 3, 4, 9) go when the headcount goes.
3. Complementary: where a region, trust type or England shows a unit and exactly one of its
   trusts (or regions, or types) has it suppressed, the smallest other is suppressed too, so no
   suppressed count can be had by subtraction. Repeated until nothing changes.
A suppressed row keeps its labels and says why; its counts, values and flags are withheld.
Zero is not disclosive and stays. Limits are in docs/publishing.md.
"""

from collections import defaultdict

import pandas as pd

PRIMARY = "a count from 1 to {threshold} in this breakdown"
COMPLEMENT = "withheld so that a suppressed count cannot be recovered by subtraction"
DEPENDENT = "built on a suppressed headcount"
HEADCOUNT = "headcount"
ENGLAND = ("england", "E92000001")


def unit_of(indicator: int, breakdown: str) -> str:
    if indicator == 1:
        grade = breakdown.partition(":")[2] or "all"
        return HEADCOUNT if grade == "all" else f"grade:{grade}"
    return f"{indicator}:{breakdown}"


def _depends_on_headcount(unit: str) -> bool:
    return unit.split(":")[0] in ("3", "4", "9")


def _parents(organisations: pd.DataFrame) -> dict:
    parents = {("region", r): [ENGLAND] for r in organisations["region_code"].unique()}
    parents |= {("trust_type", t): [ENGLAND] for t in organisations["trust_type"].unique()}
    for row in organisations.itertuples():
        parents[("trust", row.organisation_code)] = [("region", row.region_code),
                                                      ("trust_type", row.trust_type)]
    return parents


def suppressed_units(indicators: pd.DataFrame, organisations: pd.DataFrame,
                     threshold: int) -> dict[tuple, str]:
    """{(year, level, area_code, unit): reason} for every unit the public edition withholds."""
    rows = indicators.assign(unit=[unit_of(i, b) for i, b in
                                   zip(indicators["indicator"], indicators["breakdown"],
                                       strict=True)])
    counts = rows[["numerator", "denominator"]]
    rows["small"] = ((counts >= 1) & (counts <= threshold)).any(axis=1)
    keys = ["year", "level", "area_code", "unit"]
    units = rows.groupby(keys, sort=True).agg(small=("small", "any"),
                                              size=("denominator", "max")).reset_index()
    size = {tuple(k): s for k, s in zip(units[keys].itertuples(index=False), units["size"],
                                        strict=True)}
    reasons = {tuple(k): PRIMARY.format(threshold=threshold)
               for k in units.loc[units["small"], keys].itertuples(index=False)}
    parents = _parents(organisations)
    children = defaultdict(list)
    for child, ups in parents.items():
        for parent in ups:
            children[parent].append(child)
    changed = True
    while changed:
        changed = False
        for year, level, area, unit in list(reasons):
            if unit == HEADCOUNT:
                for other in {u for (y, lv, a, u) in size if (y, lv, a) == (year, level, area)}:
                    key = (year, level, area, other)
                    if _depends_on_headcount(other) and key not in reasons:
                        reasons[key] = DEPENDENT
                        changed = True
        for (year, _, _, unit) in {(k[0], None, None, k[3]) for k in size}:
            for parent, kids in children.items():
                if (year, *parent, unit) not in size or (year, *parent, unit) in reasons:
                    continue
                present = [k for k in kids if (year, *k, unit) in size]
                hidden = [k for k in present if (year, *k, unit) in reasons]
                if len(hidden) == 1 and len(present) > 1:
                    shown = sorted((size[(year, *k, unit)], k) for k in present
                                   if k not in hidden)
                    reasons[(year, *shown[0][1], unit)] = COMPLEMENT
                    changed = True
    return reasons


WITHHELD = {
    "indicators": ["numerator", "denominator", "value", "ci_lower", "ci_upper", "significant",
                   "adverse_significant", "outside_non_adverse_range"],
    "model_employer": ["headcount", "bme_headcount", "bme_share", "baseline_share",
                       "overall_share", "target_share", "target_headcount", "gap_people"],
    "data_quality_trusts": ["esr_headcount", "esr_unknown", "unknown_share",
                            "declared_headcount", "declared_difference"],
}


def _withhold(frame: pd.DataFrame, reason: pd.Series, table: str) -> pd.DataFrame:
    frame = frame.copy()
    hidden = reason.notna()
    for column in WITHHELD[table]:
        frame[column] = frame[column].astype("object").where(~hidden, None)
    frame["suppressed"] = hidden.to_numpy()
    frame["suppression_reason"] = reason.to_numpy()
    return frame


def public_indicators(indicators: pd.DataFrame, reasons: dict) -> pd.DataFrame:
    reason = pd.Series([reasons.get((y, lv, a, unit_of(i, b))) for y, lv, a, i, b in zip(
        indicators["year"], indicators["level"], indicators["area_code"],
        indicators["indicator"], indicators["breakdown"], strict=True)], dtype="object")
    return _withhold(indicators, reason, "indicators")


def public_model_employer(model: pd.DataFrame, reasons: dict, threshold: int) -> pd.DataFrame:
    small = lambda s: s.between(1, threshold)  # noqa: E731
    reason = []
    for row, is_small in zip(model.itertuples(), (small(model["headcount"])
                                                  | small(model["bme_headcount"])), strict=True):
        found = (reasons.get((row.year, "trust", row.organisation_code, f"grade:{row.band}"))
                 or reasons.get((row.year, "trust", row.organisation_code, HEADCOUNT)))
        reason.append(found or (PRIMARY.format(threshold=threshold) if is_small else None))
    return _withhold(model, pd.Series(reason, dtype="object"), "model_employer")


def public_data_quality(trusts: pd.DataFrame, reasons: dict, threshold: int) -> pd.DataFrame:
    reason = []
    for row in trusts.itertuples():
        found = reasons.get((row.year, "trust", row.organisation_code, HEADCOUNT))
        if not found and 1 <= (row.esr_unknown or 0) <= threshold:
            found = PRIMARY.format(threshold=threshold)
        reason.append(found)
    return _withhold(trusts, pd.Series(reason, dtype="object"), "data_quality_trusts")
