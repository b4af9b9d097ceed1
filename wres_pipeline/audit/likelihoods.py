"""Which event counts fit a published relative likelihood: the same formulas as
assets/indicators/wres_indicators.sql (value, log-method or MOVER-R interval, flags), evaluated
for every candidate pair of event counts at once.

An attacker knows the method (it is published in docs/methodology.md), so a likelihood's flags
narrow its counts even where its value is rounded and its interval withheld.
"""

import numpy as np


def _wilson(a, n, z):
    p = a / n
    centre = p + z * z / (2 * n)
    spread = z * np.sqrt(np.maximum(0.0, p * (1 - p) / n + z * z / (4 * n * n)))
    return (centre - spread) / (1 + z * z / n), (centre + spread) / (1 + z * z / n)


def evaluate(a1, n1, a2, n2, z: float, low: float, high: float) -> dict:
    """The published columns of a likelihood for arrays of event counts a1 and a2."""
    a1 = np.asarray(a1, dtype=float)
    a2 = np.asarray(a2, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p1, p2 = a1 / n1, a2 / n2
        undefined = (a1 == 0) & (a2 == 0)
        reference_zero = (a2 == 0) & ~undefined
        value = np.where(~undefined & ~reference_zero, p1 / p2, np.nan)
        log_method = (a1 > 0) & (a2 > 0) & ~((a1 == n1) & (a2 == n2))
        se = np.sqrt(np.maximum(0.0, 1 / a1 - 1 / n1 + 1 / a2 - 1 / n2))
        l1, u1 = _wilson(a1, n1, z)
        l2, u2 = _wilson(a2, n2, z)
        product = p1 * p2
        mover_lower = (product - np.sqrt(np.maximum(
            0.0, product * product - l1 * u2 * (2 * p1 - l1) * (2 * p2 - u2)))) \
            / (u2 * (2 * p2 - u2))
        mover_upper = (product + np.sqrt(np.maximum(
            0.0, product * product - u1 * l2 * (2 * p1 - u1) * (2 * p2 - l2)))) \
            / (l2 * (2 * p2 - l2))
        lower = np.where(log_method, np.exp(np.log(p1 / p2) - z * se), mover_lower)
        upper = np.where(log_method, np.exp(np.log(p1 / p2) + z * se),
                         np.where(a2 == 0, np.nan, mover_upper))
        lower = np.where(undefined, np.nan, np.maximum(lower, 0.0))
        upper = np.where(undefined | reference_zero, np.nan, upper)
        adverse = lower > 1
        significant = adverse | (upper < 1)
        outside = reference_zero | (value < low) | (value > high)
    kind = np.where(undefined, "undefined", np.where(reference_zero, "reference_zero", "value"))
    return {"value": value, "ci_lower": lower, "ci_upper": upper, "kind": kind,
            "significant": significant, "adverse_significant": adverse,
            "outside_non_adverse_range": outside}


def _within(values, interval) -> np.ndarray:
    lo, hi = interval
    scale = np.maximum(1.0, np.abs(values))
    return (values >= lo - 1e-9 * scale) & (values <= hi + 1e-9 * scale)


def fits(fact, a1, a2, n1: float, n2: float, settings: dict) -> np.ndarray:
    """Which pairs of event counts (arrays a1, a2) reproduce all the fact's published figures."""
    got = evaluate(a1, n1, a2, n2, settings.get("z", 1.959963984540054),
                   settings.get("low", 0.8), settings.get("high", 1.25))
    found = np.ones(len(a1), dtype=bool)
    if fact.kind is not None:
        found &= got["kind"] == fact.kind
    for name in ("value", "ci_lower", "ci_upper"):
        interval = getattr(fact, name)
        if interval is not None:
            found &= _within(np.nan_to_num(got[name], nan=-1.0), interval)
    for name, flag in fact.flags.items():
        found &= got[name] == flag
    return found


def consistent_pairs(fact, l1: int, h1: int, l2: int, h2: int, n1: float, n2: float,
                     settings: dict) -> list[tuple[int, int]]:
    """Every (a1, a2) within the bounds that reproduces all the fact's published figures."""
    grid1, grid2 = np.meshgrid(np.arange(l1, h1 + 1), np.arange(l2, h2 + 1), indexing="ij")
    a1, a2 = grid1.ravel(), grid2.ravel()
    keep = (a1 <= n1) & (a2 <= n2)
    a1, a2 = a1[keep], a2[keep]
    if len(a1) == 0:
        return []
    ok = fits(fact, a1, a2, n1, n2, settings)
    return list(zip(a1[ok].tolist(), a2[ok].tolist(), strict=True))
