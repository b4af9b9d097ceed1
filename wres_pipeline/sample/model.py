"""The generator's model of one WRES year: trusts with sizes and ethnic mix, and the national
workforce by grade, all calibrated from the files in `reference/calibration/`.

The national BME share (unknowns in the denominator, as WRES reports it) is hit exactly in
expectation: the common intercept of the logistic model is solved for it by bisection.
"""

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from wres_pipeline.organisations.trusts import trusts_in_year
from wres_pipeline.paths import REFERENCE_DIR
from wres_pipeline.sample.randomness import expit, logit, stream

CALIBRATION = REFERENCE_DIR / "calibration"
BME_SUBGROUPS = ("asian", "black", "chinese", "mixed", "other")
MIN_TRUST_HEADCOUNT = 12


@cache
def reference_frame(path: str) -> pd.DataFrame:
    """A reference or calibration CSV (path under reference/) as a frame, read once."""
    return pd.read_csv(REFERENCE_DIR / path, keep_default_na=False)


def target(year: int, measure: str) -> float:
    """A national target from reference/national_targets.csv."""
    targets = reference_frame("national_targets.csv")
    row = targets[(targets["year"] == year) & (targets["measure"] == measure)]
    if row.empty:
        raise ValueError(f"no national target '{measure}' for {year}")
    return float(row["value"].iloc[0])


@dataclass(frozen=True)
class YearModel:
    """Everything the extract generators need to draw one year."""

    year: int
    trusts: pd.DataFrame  # per trust: code, region, type, headcount, bme_effect, unknown_factor
    cells: pd.DataFrame  # national cells: clinical, role_group, esr_grade, shares
    cell_probs: dict[str, np.ndarray]  # per trust type, probability of each cell
    alpha: float  # the solved intercept of the BME model


def _trust_frame(year: int, seed: int, scale: float) -> pd.DataFrame:
    trusts = trusts_in_year(year).to_pandas()
    profiles = reference_frame("calibration/organisation_profiles.csv") \
        .set_index("organisation_code")
    rng = stream(seed, 0, "trust_profiles")  # year 0: a trust keeps its profile across years
    draws = {code: rng.normal(size=3) for code in sorted(reference_frame("organisation_types.csv")
                                                            ["organisation_code"])}
    noise = np.array([draws[code] for code in trusts["organisation_code"]])
    known = trusts["organisation_code"].isin(profiles.index)
    respondents = trusts["organisation_code"].map(profiles["respondents"])
    type_median = respondents.groupby(trusts["trust_type"]).transform("median")
    # Trusts that closed before the 2021 survey take their type's median size, spread out.
    size = np.where(known, respondents, type_median.fillna(respondents.median()) *
                    np.exp(0.4 * noise[:, 0]))
    pct = trusts["organisation_code"].map(profiles["ethnic_minority_pct"]).clip(1, 90)
    effect = logit(pct / 100)
    effect = effect - np.nanmedian(effect)
    region_mean = effect.groupby(trusts["region_code"]).transform("mean")
    effect = np.where(known, effect, region_mean.fillna(0) + 0.3 * noise[:, 1])
    unknown_factor = np.exp(0.6 * noise[:, 2])
    national = reference_frame("calibration/national_headcount.csv").set_index("year")["headcount"]
    headcount = np.maximum(MIN_TRUST_HEADCOUNT,
                           np.round(national[year] * scale * size / size.sum())).astype(int)
    return trusts.assign(headcount=headcount, bme_effect=effect,
                         unknown_factor=unknown_factor / np.average(unknown_factor,
                                                                    weights=headcount))


def _cells(year: int) -> pd.DataFrame:
    headcounts = reference_frame("calibration/national_headcount.csv").set_index("year")
    snapshot = headcounts["snapshot"][year]
    cells = reference_frame("calibration/workforce_cells.csv")
    cells = cells[cells["snapshot"] == snapshot].reset_index(drop=True)
    known = cells["headcount"] - cells["unknown"]
    bme = cells[list(BME_SUBGROUPS)].sum(axis=1)
    national_bme = bme.sum() / known.sum()
    share = (bme / known.where(known > 0)).fillna(national_bme).clip(0.005, 0.995)
    return cells.assign(
        unknown_share=cells["unknown"] / cells["headcount"],
        bme_delta=logit(share) - logit(national_bme),
    )


def _type_probs(cells: pd.DataFrame, trust_types) -> dict[str, np.ndarray]:
    mix = reference_frame("calibration/trust_type_role_mix.csv")
    probs = {}
    for trust_type in trust_types:
        rows = mix[mix["trust_type"] == trust_type].set_index("role_group")["multiplier"]
        weight = cells["headcount"] * cells["role_group"].map(rows).fillna(1.0).astype(float)
        probs[trust_type] = (weight / weight.sum()).to_numpy()
    return probs


def _solve_alpha(trusts: pd.DataFrame, cells: pd.DataFrame, probs: dict, goal: float) -> float:
    """The intercept at which the expected national BME share of all staff equals `goal`."""
    p = np.stack([probs[t] for t in trusts["trust_type"]])  # trusts x cells
    unknown = np.minimum(0.9, np.outer(trusts["unknown_factor"], cells["unknown_share"]))
    delta = trusts["bme_effect"].to_numpy()[:, None] + cells["bme_delta"].to_numpy()[None, :]
    weights = trusts["headcount"].to_numpy()[:, None] * p * (1 - unknown)
    low, high = -8.0, 8.0
    for _ in range(80):
        mid = (low + high) / 2
        share = (weights * expit(mid + delta)).sum() / trusts["headcount"].sum()
        low, high = (mid, high) if share < goal else (low, mid)
    return (low + high) / 2


def build(year: int, seed: int, scale: float) -> YearModel:
    """The calibrated model of one WRES year at a given scale (1.0 = national size)."""
    trusts = _trust_frame(year, seed, scale)
    cells = _cells(year)
    probs = _type_probs(cells, sorted(trusts["trust_type"].unique()))
    alpha = _solve_alpha(trusts, cells, probs, target(year, "bme_share_pct") / 100)
    return YearModel(year, trusts, cells, probs, alpha)
