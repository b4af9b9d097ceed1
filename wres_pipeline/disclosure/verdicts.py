"""Verdicts: a trust's relative likelihood (indicators 2-4) withheld because it rests on a
withheld count keeps its significance flags (significantly adverse, significantly favourable or
neither) where publishing them cannot narrow any withheld count, or failing that its adverse
flag alone (significantly adverse or not).

Disciplinary counts are small: a quarter of trusts' indicator 3 likelihoods rest on 1-7 events,
and withholding the whole figure would leave most trusts without a headline. The flags say far
less than the figure. They are published only where every perturbation that proves a withheld
count protected (suppression.py's certificates: counts the attacker cannot tell from the truth,
each keeping every published relation) also keeps the flags: an attacker who reads the flags
still cannot tell those counts from the truth, so each withheld count keeps its interval. The
flags are evaluated by the method's own formulas (audit/likelihoods.py), as the audit reads them.
"""

from statistics import NormalDist

import numpy as np

from wres_pipeline.audit.likelihoods import evaluate
from wres_pipeline.audit.public_facts import TOP
from wres_pipeline.disclosure.figures import likelihood_cells

# The flags a verdict publishes, the fuller first; the value, its interval and the non-adverse
# range's flag (which pins the ratio to a narrow band) stay withheld with the counts.
FLAGS = ("significant", "adverse_significant")
VERDICTS = (FLAGS, ("adverse_significant",))


def z_of(confidence: float) -> float:
    """The normal quantile of a two-sided interval at `confidence`."""
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def _flags(counts: np.ndarray, z: float, flags: tuple) -> np.ndarray:
    """The named flags of each row of counts (a1, n1, a2, n2), one column each."""
    a1, n1, a2, n2 = counts.T
    with np.errstate(divide="ignore", invalid="ignore"):
        got = evaluate(a1, np.maximum(n1, 1e-9), a2, np.maximum(n2, 1e-9), z, 0.8, 1.25)
    return np.stack([got[f] for f in flags], axis=1)


def _range(values: np.ndarray, j: int, z: float, flags: tuple) -> tuple[float, float]:
    """The run of counts in column j (the others at their values) that keeps the flags."""
    top = int(values[j + 1])
    grid = np.tile(values, (top + 1, 1))
    grid[:, j] = np.arange(top + 1)
    same = np.all(_flags(grid, z, flags) == _flags(values[None, :], z, flags)[0], axis=1)
    truth = int(values[j])
    left, right = same[truth::-1], same[truth:]
    lo = 0 if left.all() else truth - int(np.argmin(left)) + 1
    hi = top if right.all() else truth + int(np.argmin(right)) - 1
    return float(lo), float(hi)


def propose(model, primary: dict, indicators, z: float, width: int) -> None:
    """Keep room for verdicts: where a verdict's flags hold over a run of at least `width`
    counts of a trust's event count (the others at their values), the perturbations keep that
    count inside the run (a row and a bound of the model), so that they can move it its full
    width and the flags still hold. Every trust's likelihood whose populations are shown is
    a candidate: secondary suppression may yet withhold any of them."""
    for key in candidates(indicators, primary, everything=True):
        cells = likelihood_cells(key)
        if not all(c in model.values for c in cells):
            continue
        values = np.array([model.values[c] for c in cells])
        for j in (0, 2):
            for flags in VERDICTS:
                if _keep_room(model, cells, values, j, _range(values, j, z, flags), width):
                    break


def _keep_room(model, cells: tuple, values: np.ndarray, j: int, run: tuple,
               width: int) -> bool:
    lo, hi = run
    if hi - lo < width:
        return False  # too narrow to hold a protected count
    if lo == 0 and hi >= values[j + 1]:
        return True  # the flags hold whatever the count
    # A window's single-year count moves it one for one (the year before fixed).
    one = (*cells[j][:4], "single_year", *cells[j][5:])
    before = values[j] - model.values.get(one, values[j])
    if hi - before - max(0.0, lo - before) < width:
        return False
    model.rows.append(({cells[j]: 1.0}, lo, hi))
    model.bounds[cells[j]] = (lo, hi)
    if one in model.values:
        model.bounds[one] = (max(0.0, lo - before), hi - before)
    return True


def candidates(indicators, withheld, everything: bool = False) -> list[tuple]:
    """The keys (year, level, area, indicator, breakdown) of trusts' likelihoods of indicators
    2-4 that rest on a withheld count (or on any count: `everything`), none of them a
    population."""
    found = []
    for row in indicators.select(["year", "level", "area_code", "indicator", "breakdown",
                                  "measure"]).to_pylist():
        if row["level"] != "trust" or row["measure"] != "relative_likelihood" \
                or row["indicator"] not in TOP:
            continue
        key = (row["year"], "trust", row["area_code"], row["indicator"], row["breakdown"])
        cells = likelihood_cells(key)
        rests = everything or any(c in withheld for c in cells)
        if rests and not any(c in withheld for c in cells if c[6] == "n"):
            found.append(key)
    return found


def confirmed(model, protection, keys: list[tuple], z: float) -> dict[tuple, tuple]:
    """{candidate: the flags it publishes}: the fullest verdict every certificate of the
    protection keeps."""
    certificates = sorted({protection.up[c] for c in protection.withheld if c in protection.up}
                          | {protection.down[c] for c in protection.withheld
                             if c in protection.down})
    unproven = set(protection.short) | {c for c in protection.withheld
                                        if c not in protection.up and c not in protection.down}
    keys = [k for k in keys if all(c in model.values and c not in unproven
                                   for c in likelihood_cells(k))]
    found = {}
    for flags in VERDICTS:
        remaining = [k for k in keys if k not in found]
        kept = _kept(model, protection, certificates, remaining, z, flags)
        found.update(dict.fromkeys(kept, flags))
    return found


def _kept(model, protection, certificates: list, keys: list, z: float, flags: tuple) -> list:
    if not keys:
        return []
    cells = [likelihood_cells(k) for k in keys]
    truth = np.array([[model.values[c] for c in four] for four in cells])
    expected = _flags(truth, z, flags)
    where = {}
    for k, four in enumerate(cells):
        for j, c in enumerate(four):
            where.setdefault(c, []).append((k, j))
    keep = np.ones(len(keys), dtype=bool)
    for number in certificates:
        change = {}
        for cell, moved in protection.solutions[number].items():
            for k, j in where.get(cell, ()):
                change.setdefault(k, np.zeros(4))[j] = moved
        if not change:
            continue
        touched = np.array(sorted(change))
        got = _flags(truth[touched] + np.array([change[k] for k in touched]), z, flags)
        keep[touched[np.any(got != expected[touched], axis=1)]] = False
    return [k for k, ok in zip(keys, keep, strict=True) if ok]
