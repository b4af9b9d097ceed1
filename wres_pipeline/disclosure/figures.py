"""What each published figure rests on: for every column of a row of the indicators, Model
Employer and data-quality tables, the counts (cells, wres_pipeline/audit/facts.py) it is
computed from. A figure is published only where every cell it rests on is; that is the whole
rule for derived figures (rates, likelihoods and their intervals and flags, gaps, shares,
baselines, targets, goals, differences), so none can give a withheld count back.
"""

from wres_pipeline.audit.links import pooled_codes
from wres_pipeline.audit.public_facts import TOP, proportion_cells

# A figure's null reason says its counts are zero ("no staff of known ethnicity"): it rests on
# them as the value would.
FIGURES = ("value", "ci_lower", "ci_upper", "significant", "adverse_significant",
           "outside_non_adverse_range", "null_reason")
TARGETS = ("goal_share", "target_share", "target_headcount", "gap_people", "more_needed_now",
           "more_needed_by_target_year", "on_trajectory", "trusts_on_trajectory")


def likelihood_cells(key: tuple) -> tuple:
    """(top group's events, its population, the other's events, its population) of the
    likelihood of `key` (year, level, area, indicator, breakdown)."""
    top = TOP[key[3]]
    other = "BME" if top == "White" else "White"
    return tuple((*key, g, r) for g in (top, other) for r in ("x", "n"))


def indicator_columns(row: dict) -> dict[str, tuple]:
    """{column: cells} of one indicators row."""
    year, level, area, ind, b = (row["year"], row["level"], row["area_code"],
                                 row["indicator"], row["breakdown"])

    def c(group, role, breakdown=b):
        return (year, level, area, ind, breakdown, group, role)

    if row["measure"] == "relative_likelihood":
        return dict.fromkeys(FIGURES, likelihood_cells((year, level, area, ind, b)))
    if row["measure"] == "gap_pp":
        if ind == 9:  # the board's BME share minus the workforce's
            rests = (c("BME", "x"), c("all", "x"), c("BME", "x", "workforce"),
                     c("all", "x", "workforce"))
        else:
            rests = (c("BME", "x"), c("BME", "n"), c("White", "x"), c("White", "n"))
        return dict.fromkeys(FIGURES, rests)
    num, den = (tuple(terms) for terms in proportion_cells(row))
    return {"numerator": num, "denominator": den, **dict.fromkeys(FIGURES, num + den)}


def _band(year, level, area, band, group) -> tuple:
    return (year, level, area, 1, f"all:{band}", group, "x")


def model_employer_columns(row: dict, baseline_year: int | None,
                           trusts: list[str]) -> dict[str, tuple]:
    """{column: cells} of one Model Employer row; `trusts`: an area's trusts, whose gaps and
    trajectories its own add up."""
    year, level, area, band = row["year"], row["level"], row["area_code"], row["band"]
    band_cells = (_band(year, level, area, band, "all"), _band(year, level, area, band, "BME"))
    overall = ((year, level, area, 1, "all", "all", "x"), (year, level, area, 1, "all", "BME", "x"))
    base = year if baseline_year is None else baseline_year
    # A trust's baseline pools the baseline year's counts of every predecessor merged into it.
    codes = pooled_codes(area) if level == "trust" and base != year else [area]
    baseline = tuple(_band(base, level, c, band, g) for c in codes for g in ("all", "BME"))
    base_overall = tuple((base, level, c, *cell[3:]) for c in codes for cell in overall)
    whole = band_cells + overall + baseline + base_overall
    for code in trusts:  # an area's targets are its trusts' targets added up
        whole += tuple((y, "trust", code, *cell[3:]) for y in {year, base}
                       for cell in band_cells + overall)
    return {"headcount": band_cells[:1], "bme_headcount": band_cells[1:],
            "bme_share": band_cells, "overall_share": overall, "baseline_share": baseline,
            **dict.fromkeys(TARGETS, whole)}


def data_quality_columns(row: dict) -> dict[str, tuple]:
    """{column: cells} of one row of the trusts' data-quality table."""
    key = (row["year"], "trust", row["organisation_code"], 1, "all")
    total, unknown = (*key, "all", "x"), (*key, "Unknown", "x")
    return {"esr_headcount": (total,), "esr_unknown": (unknown,),
            "unknown_share": (total, unknown), "declared_difference": (total,)}
