"""One linear program over a set of counts, solved with HiGHS: a count's least and greatest
value, and the spread of feasible solutions seen so far (each a set of counts consistent with
everything the program holds).
"""

import math
import random
import time
from dataclasses import dataclass

import numpy as np

INFINITY = math.inf
EPSILON = 1e-6
# Solves so far in this process: the audit prints how many it took (docs/performance.md).
STATS = {"runs": 0, "seconds": 0.0, "largest": 0}


@dataclass
class Bounds:
    """A count's interval. `exact`: the least and greatest values an attacker can reach. Where
    not exact, `shown` says it is a spread of solutions seen (every value in it consistent with
    everything published, at least the protection width wide, the true count perhaps outside
    it); otherwise it is an outer bound, holding every value an attacker could not rule out."""

    lo: float
    hi: float
    exact: bool = True
    undecided: bool = False
    shown: bool = False

    @property
    def width(self) -> float:
        return self.hi - self.lo


def shown(lo: float, hi: float) -> Bounds:
    """The whole-number interval a spread of solutions shows (not the exact bounds)."""
    return Bounds(math.ceil(lo - EPSILON), hi if math.isinf(hi) else math.floor(hi + EPSILON),
                  exact=False, shown=True)


def wide(lo: float, hi: float, width: int) -> bool:
    """Whether solutions seen from lo to hi show a count protected (no upper bound is wide;
    none seen is not)."""
    if lo > hi:
        return False
    return hi == INFINITY or math.floor(hi + EPSILON) - math.ceil(lo - EPSILON) >= width


def set_rows(lp, columns: int, starts: list, indices: list, values: list, lower: list,
             upper: list) -> None:
    """A HiGHS program's rows, row by row: lower <= A x <= upper."""
    import highspy

    lp.num_row_ = len(lower)
    lp.row_lower_ = np.array(lower)
    lp.row_upper_ = np.array(upper)
    matrix = lp.a_matrix_
    matrix.format_ = highspy.MatrixFormat.kRowwise
    matrix.start_ = np.array(starts, dtype=np.int32)
    matrix.index_ = np.array(indices, dtype=np.int32)
    matrix.value_ = np.array(values, dtype=np.float64)
    matrix.num_col_ = columns
    matrix.num_row_ = len(lower)


class Infeasible(ValueError):
    """The published figures contradict one another under the relations assumed."""


class Program:
    """lo <= row <= hi for each (terms, lo, hi), counts non-negative within `extra` bounds."""

    def __init__(self, members: list, rows: list, extra: dict, fixed: dict | None = None):
        import highspy

        self.members = members
        self.index = {c: i for i, c in enumerate(members)}
        self.lower = np.array([max(0.0, extra.get(c, (0.0, INFINITY))[0]) for c in members])
        self.upper = np.array([extra.get(c, (0.0, INFINITY))[1] for c in members])
        self.seen_lo = np.full(len(members), INFINITY)
        self.seen_hi = np.full(len(members), -INFINITY)
        self.costs_set: int | None = None  # the one count optimised last, or -1 for weights
        self.h = highspy.Highs()
        self.h.setOptionValue("output_flag", False)
        self.h.setOptionValue("threads", 1)
        self.h.passModel(self._lp(rows, fixed or {}))

    def _lp(self, rows: list, fixed: dict):
        import highspy

        inf = self.h.getInfinity()
        lp = highspy.HighsLp()
        lp.num_col_ = len(self.members)
        lp.col_cost_ = np.zeros(len(self.members))
        lp.col_lower_ = self.lower
        lp.col_upper_ = np.where(np.isinf(self.upper), inf, self.upper)
        starts, indices, values, lower, upper = [0], [], [], [], []
        for terms, lo, hi in rows:
            constant = 0.0
            for c, v in terms.items():
                if c in self.index:
                    indices.append(self.index[c])
                    values.append(v)
                else:
                    constant += v * fixed[c]
            starts.append(len(indices))
            lower.append(-inf if lo == -INFINITY else lo - constant)
            upper.append(inf if hi == INFINITY else hi - constant)
        set_rows(lp, len(self.members), starts, indices, values, lower, upper)
        return lp

    def bounds(self, i: int) -> tuple:
        return self.lower[i], self.upper[i]

    def optimise(self, costs: np.ndarray | int, maximise: bool,
                 read: bool = True) -> float | None:
        """The objective's optimum (None: unbounded); every solution found widens `seen`.
        `costs` is a weight per count, or the index of the one count to optimise; `read`
        False leaves the solution unread (most of the time of a small program)."""
        import highspy

        n = len(self.members)
        single = isinstance(costs, int)
        if single and self.costs_set != costs:
            if self.costs_set == -1:
                self.h.changeColsCost(n, np.arange(n, dtype=np.int32), np.zeros(n))
            elif self.costs_set is not None:
                self.h.changeColCost(self.costs_set, 0.0)
            self.h.changeColCost(costs, 1.0)
            self.costs_set = costs
        elif not single:
            self.h.changeColsCost(n, np.arange(n, dtype=np.int32), costs)
            self.costs_set = -1
        self.h.changeObjectiveSense(highspy.ObjSense.kMaximize if maximise
                                    else highspy.ObjSense.kMinimize)
        started = time.perf_counter()
        self.h.run()
        STATS["runs"] += 1
        STATS["seconds"] += time.perf_counter() - started
        STATS["largest"] = max(STATS["largest"], n)
        status = self.h.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            raise Infeasible(f"published figures contradict each other around "
                             f"{self.members[0]} ({n} counts)")
        if status != highspy.HighsModelStatus.kOptimal:
            return None
        if not read:
            return self.h.getInfo().objective_function_value
        values = np.array(self.h.getSolution().col_value)
        np.minimum(self.seen_lo, values, out=self.seen_lo)
        np.maximum(self.seen_hi, values, out=self.seen_hi)
        return self.h.getInfo().objective_function_value

    def spread(self, objectives: int, cells: list | None = None, seed: int = 0) -> None:
        """Solutions far apart: the counts (all, or `cells`) up and down together, then under
        random weightings."""
        rng = random.Random(seed + len(self.members))
        chosen = [self.index[c] for c in cells] if cells is not None else range(len(self.members))
        for k in range(objectives):
            costs = np.zeros(len(self.members))
            for i in chosen:  # some up and some down: counts that trade off move apart too
                costs[i] = rng.choice((-1.0, 1.0)) * (0.5 + rng.random()) if k else 1.0
            self.optimise(costs, False)
            self.optimise(costs, True)

    def seen(self, i: int) -> tuple:
        return self.seen_lo[i], self.seen_hi[i]

    def extremes(self, i: int, read: bool = True) -> tuple:
        """The count's least and greatest whole values (`read`: their solutions widen
        `seen`)."""
        lo = self.optimise(int(i), False, read)
        hi = self.optimise(int(i), True, read)
        lo = 0.0 if lo is None else math.ceil(lo - EPSILON)
        hi = INFINITY if hi is None else math.floor(hi + EPSILON)
        return lo, hi
