"""Bounds by propagation: each relation, given the bounds of all its counts but one, bounds that
one; repeated until nothing narrows. Cheap over the whole problem at once, and what it finds is
what an attacker finds by subtraction: a count pinned here is recovered, a count bound narrower
than the protection width is not protected, without solving a program. The bounds it gives are
outer bounds (the linear programs can only narrow them) and are handed to the programs too.
"""

import numpy as np

from wres_pipeline.audit.programs import Infeasible

MAX_PASSES = 200
EPSILON = 1e-6


def propagate(cells: list, rows: list, lower: np.ndarray, upper: np.ndarray) -> tuple:
    """(lower, upper) of every cell narrowed by the rows, whole numbers, never negative."""
    index = {c: i for i, c in enumerate(cells)}
    row_of, col, val, row_lo, row_hi = [], [], [], [], []
    for r, (terms, lo, hi) in enumerate(rows):
        for c, v in terms.items():
            row_of.append(r)
            col.append(index[c])
            val.append(v)
        row_lo.append(lo)
        row_hi.append(hi)
    if not rows:
        return lower, upper
    row_of, col, val = np.array(row_of), np.array(col), np.array(val, dtype=float)
    row_lo, row_hi = np.array(row_lo, dtype=float), np.array(row_hi, dtype=float)
    lower, upper = lower.astype(float).copy(), upper.astype(float).copy()
    n_rows = len(rows)
    positive = val > 0
    for _ in range(MAX_PASSES):
        lo_c, hi_c = lower[col], upper[col]
        least = np.where(positive, val * lo_c, val * hi_c)  # each term's least value
        most = np.where(positive, val * hi_c, val * lo_c)
        least_inf = np.isinf(least)
        most_inf = np.isinf(most)
        row_least = np.bincount(row_of, np.where(least_inf, 0.0, least), n_rows)
        row_most = np.bincount(row_of, np.where(most_inf, 0.0, most), n_rows)
        n_least_inf = np.bincount(row_of, least_inf, n_rows)
        n_most_inf = np.bincount(row_of, most_inf, n_rows)
        # The rest of the row without this term, where finite.
        others_least = np.where(least_inf, np.where(n_least_inf[row_of] > 1, -np.inf,
                                                    row_least[row_of]),
                                np.where(n_least_inf[row_of] > 0, -np.inf,
                                         row_least[row_of] - least))
        others_most = np.where(most_inf, np.where(n_most_inf[row_of] > 1, np.inf,
                                                  row_most[row_of]),
                               np.where(n_most_inf[row_of] > 0, np.inf,
                                        row_most[row_of] - most))
        with np.errstate(invalid="ignore"):
            # term <= hi - others_least ; term >= lo - others_most
            term_hi = row_hi[row_of] - others_least
            term_lo = row_lo[row_of] - others_most
            new_hi = np.where(positive, term_hi / val, term_lo / val)
            new_lo = np.where(positive, term_lo / val, term_hi / val)
        new_hi = np.where(np.isnan(new_hi), np.inf, new_hi)
        new_lo = np.where(np.isnan(new_lo), -np.inf, new_lo)
        best_hi = np.full(len(cells), np.inf)
        best_lo = np.full(len(cells), -np.inf)
        np.minimum.at(best_hi, col, new_hi)
        np.maximum.at(best_lo, col, new_lo)
        best_hi = np.floor(best_hi + EPSILON)
        best_lo = np.ceil(best_lo - EPSILON)
        narrowed_hi = best_hi < upper - 0.5
        narrowed_lo = best_lo > lower + 0.5
        if not narrowed_hi.any() and not narrowed_lo.any():
            break
        upper = np.where(narrowed_hi, best_hi, upper)
        lower = np.where(narrowed_lo, best_lo, lower)
        if (lower > upper + EPSILON).any():
            bad = cells[int(np.argmax(lower > upper + EPSILON))]
            raise Infeasible(f"published figures contradict each other around {bad}")
    return lower, upper
