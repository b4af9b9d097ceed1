"""Secondary suppression: the linear-programming method of cell suppression (Kelly, Golden and
Assad 1992; Fischetti and Salazar-Gonzalez 2000), posed to HiGHS.

Every withheld count must be able to move by its protection level without changing anything
published. The method looks for that directly: perturbations of the year's counts (y added to
the true counts), each keeping every relation of the model and every count at least zero; in
one each withheld count moves its own way, in the other the other way (a primary count down by
min(count, width // 2) and up by the rest of `width`; a secondary suppression, no sensitive count,
by one). A shown count the perturbations must move becomes a secondary suppression: each costs
its weight per unit moved (above all whole trusts' headline counts and areas' figures), a count
already withheld almost nothing, so the programs choose the least costly counts. Rounds repeat
until every withheld count has been seen far enough apart. Counts of other years are fixed:
what they published cannot change. Directions alternate (White against BME, a trust against its
ICB neighbour) so that withheld counts in one relation can offset each other; the year is
solved in pieces (pieces.py). The perturbations are kept (`Protection.solutions`): each is a
certificate that tests/disclosure/test_model.py checks against every relation.
"""

import logging
import math
import time
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from wres_pipeline.audit.programs import set_rows
from wres_pipeline.disclosure.carried import next_entries
from wres_pipeline.disclosure.pieces import directions, piece_of, rows_of, split, wider

LOG = logging.getLogger(__name__)
SECONDARY = "withheld so that a withheld count cannot be worked out from the others"
ROUNDS = 8
SHORTFALL_COST = 1e4
TOLERANCE = 1e-6
# A secondary suppression is no sensitive count (those are the primary ones): it needs only
# never to be a single value, as the cell suppression literature's protection levels apply to
# unsafe cells alone (Hundepool et al., Statistical Disclosure Control, 2012, 4.2).
SECONDARY_WIDTH = 1


@dataclass
class Protection:
    """The withheld cells ({cell: reason}), and the two perturbations that protect them."""

    withheld: dict
    up: dict = field(default_factory=dict)  # cell -> the solution that moves it its way up
    down: dict = field(default_factory=dict)
    solutions: list = field(default_factory=list)  # perturbations: {cell: change}
    short: list = field(default_factory=list)  # cells the programs could not protect
    verdicts: dict = field(default_factory=dict)  # likelihood -> the flags it keeps
    extended: dict = field(default_factory=dict)  # the year before's certificate -> solution
    carried: dict = field(default_factory=dict)  # its withheld count -> (up, down) solutions


def weight(cell: tuple) -> float:
    """What withholding a count loses, per unit moved: a trust's grade counts least, its
    headline counts more, areas' figures more again, England's most (moved only where nothing
    else can offset a count)."""
    _, level, _, ind, breakdown, _, _ = cell
    if level == "trust":
        if breakdown == "single_year":
            return 0.0  # never published
        return 1.0 if ind == 1 and breakdown != "all" else 20.0
    return {"icb": 30.0, "region": 100.0, "trust_type": 100.0}.get(level, 1000.0)


def levels(value: float, width: int, bound: tuple = (0.0, math.inf)) -> tuple[float, float]:
    """How far a withheld count must be able to go down and up, within `bound` (zero and
    beyond, or the run of counts a published verdict allows: verdicts.py)."""
    room_down, room_up = max(0.0, value - bound[0]), max(0.0, bound[1] - value)
    down = min(room_down, width // 2)
    up = min(width - down, room_up)
    return min(room_down, width - up), up


class _Programs:
    """The perturbation program of a model: two columns (up, down parts) a cell."""

    def __init__(self, model, cells: list, rows: list):
        import highspy

        self.cells = cells
        self.index = {c: i for i, c in enumerate(self.cells)}
        self.values = np.array([model.value(c) for c in self.cells])
        # The year before's counts stay where its certificates put them (carried.py): still
        # unless a perturbation carries one.
        self.fixed = np.array([2 * self.index[c] + k for c in self.cells if c in model.earlier
                               for k in (0, 1)], dtype=np.int32)
        self.h = highspy.Highs()
        self.h.setOptionValue("output_flag", False)
        self.h.setOptionValue("threads", 1)
        n = len(self.cells)
        inf = self.h.getInfinity()
        lp = highspy.HighsLp()
        lp.num_col_ = 2 * n
        lp.col_cost_ = np.zeros(2 * n)
        lp.col_lower_ = np.zeros(2 * n)
        upper = np.empty(2 * n)
        upper[0::2] = inf
        upper[1::2] = self.values  # no count below zero
        lp.col_upper_ = upper
        starts, indices, coefficients, lower, higher = [0], [], [], [], []
        for terms, lo, hi in rows:
            mine = [(self.index[c], v) for c, v in terms.items() if c in self.index and v]
            if not mine:
                continue
            for i, v in mine:
                indices += [2 * i, 2 * i + 1]
                coefficients += [v, -v]
            starts.append(len(indices))
            if lo == hi:  # an equality keeps its published value, whatever the truth
                lower.append(0.0)
                higher.append(0.0)
                continue
            now = sum(v * model.value(c) for c, v in terms.items()
                      if c in model.values or c in model.earlier)
            lower.append(-inf if math.isinf(lo) else min(lo - now, 0.0))
            higher.append(inf if math.isinf(hi) else max(hi - now, 0.0))
        set_rows(lp, 2 * n, starts, indices, coefficients, lower, higher)
        self.h.passModel(lp)
        self._hold({})
        self.base_rows = len(lower)
        self.weights = np.array([weight(c) for c in self.cells])

    def _hold(self, carried: dict) -> None:
        """The year before's counts held still, or moved as `carried` ({cell: change})."""
        if not len(self.fixed):
            return
        change = np.array([carried.get(self.cells[i // 2], 0.0) for i in self.fixed])
        part = np.where(self.fixed % 2 == 0, np.maximum(change, 0.0), np.maximum(-change, 0.0))
        self.h.changeColsBounds(len(self.fixed), self.fixed, part, part)

    def perturb(self, required: dict, withheld: set,
                carried: dict | None = None) -> tuple[np.ndarray | None, list]:
        """The cheapest perturbation moving each required cell by its level ({cell: signed
        level}) and the year before's counts as `carried` moves them; the cells it could not
        move that far (no perturbation at all where none keeps the year before's moves)."""
        import highspy

        h, n = self.h, len(self.cells)
        costs = np.where([c in withheld for c in self.cells], 1e-3, self.weights)
        h.changeColsCost(2 * n, np.arange(2 * n, dtype=np.int32), np.repeat(costs, 2))
        extra = h.getNumRow() - self.base_rows
        if extra:
            h.deleteRows(extra, np.arange(self.base_rows, h.getNumRow(), dtype=np.int32))
            h.deleteCols(h.getNumCol() - 2 * n,
                         np.arange(2 * n, h.getNumCol(), dtype=np.int32))
        inf = h.getInfinity()
        for k, (cell, level) in enumerate(required.items()):
            i = self.index[cell]
            # up - down (+ or - a shortfall, dearly paid) reaches the level.
            h.addCol(SHORTFALL_COST, 0.0, inf, 0, np.array([], np.int32), np.array([]))
            slack = 2 * n + k
            sign = 1.0 if level > 0 else -1.0
            lo, hi = (level, inf) if level > 0 else (-inf, level)
            h.addRow(lo, hi, 3, np.array([2 * i, 2 * i + 1, slack], np.int32),
                     np.array([1.0, -1.0, sign]))
        h.changeObjectiveSense(highspy.ObjSense.kMinimize)
        h.clearSolver()  # a fresh start: from the last basis it took ten times longer
        if carried:
            self._hold(carried)
        started = time.perf_counter()
        h.run()
        LOG.debug("%d counts, %d required: %.2f s", n, len(required),
                  time.perf_counter() - started)
        optimal = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
        solution = np.array(h.getSolution().col_value)
        if carried:
            self._hold({})  # (which clears the status and the solution: read them first)
            if not optimal:
                return None, list(carried)
        y = solution[0:2 * n:2] - solution[1:2 * n:2]
        short = [cell for k, cell in enumerate(required) if solution[2 * n + k] > TOLERANCE]
        return y, short


def _requirements(cells, model, signs: dict, extra: dict, widths: dict) -> tuple:
    """{cell: signed level} of the up and the down perturbation; `extra` {cell: (up, down)}
    moves a count further one way where it could not go as far the other."""
    up, down = {}, {}
    for cell in cells:
        value, bound = model.values[cell], model.bounds.get(cell, (0.0, math.inf))
        low, high = levels(value, widths[cell], bound)
        more_high, more_low = extra.get(cell, (0.0, 0.0))
        low = min(max(0.0, value - bound[0]), low + more_low)
        high = min(max(0.0, bound[1] - value), high + more_high)
        s = signs[cell]
        first, second = (high, low) if s > 0 else (low, high)
        if first:
            up[cell] = s * first
        if second:
            down[cell] = -s * second
    return up, down


def protect(model, primary: dict, width: int, carry: dict | None = None) -> Protection:
    """Withhold the primary cells and as few others as the perturbations need (`carry`: the
    year before's certificates this year must carry, {certificate: its changes}: carried.py)."""
    withheld = dict(primary)
    found = Protection(withheld)
    if not primary and not carry:
        return found
    pieces, home = split(model)
    rows = rows_of(model, pieces)
    cells = sorted(model.values, key=str)
    signs = dict(zip(cells, directions(cells, model.members), strict=True))
    hidden = set(model.latent)  # never shown: free to move, never a suppression
    programs = {}
    extra = {}
    highest, lowest = defaultdict(float), defaultdict(float)  # the moves seen, truth included
    added = set()

    def program_of(piece) -> _Programs:
        if piece not in programs:
            programs[piece] = _Programs(model, sorted(pieces[piece], key=str), rows[piece])
        return programs[piece]

    def record(moved: dict, toward: float) -> int:
        """Keep a solution; a shown count it moves becomes a suppression, asked to move the
        same way first (`toward`: +1 where the solution moved its count the asked way)."""
        found.solutions.append(moved)
        number = len(found.solutions) - 1
        for cell, change in moved.items():
            if cell not in model.values:
                continue
            if change > highest[cell]:
                highest[cell] = change
                found.up[cell] = number
            if change < lowest[cell]:
                lowest[cell] = change
                found.down[cell] = number
            if cell not in free and cell not in added:
                added.add(cell)
                signs[cell] = 1.0 if (change > 0) == (toward > 0) else -1.0
        return number

    free = hidden | set(withheld)
    for key, changes in sorted((carry or {}).items()):
        moves = {c: v for c, v in changes.items() if c in model.earlier}
        program = program_of(piece_of(list(moves), model.members, model.year))
        y, short = program.perturb({}, free, moves)
        if y is None:
            LOG.warning("certificate %s of %d cannot be carried", key, model.year - 1)
            found.short += short
            continue
        moved = {c: v for c, v in zip(program.cells, y, strict=True)
                 if abs(v) > TOLERANCE and c in model.values}
        found.extended[key] = record(changes | next_entries(model, moves) | moved, 1.0)
    withheld.update(dict.fromkeys(added, SECONDARY))

    def needed(cell) -> int:
        return width if cell in primary else SECONDARY_WIDTH

    # What the carried certificates already show far enough apart is not solved again.
    todo = {c for c in withheld if highest[c] - lowest[c] < needed(c) - TOLERANCE}

    for _ in range(ROUNDS):
        added = set()
        free = hidden | set(withheld)
        by_piece = defaultdict(list)
        for cell in sorted(todo, key=str):  # a fixed order: the same programs every run
            if cell in home:
                by_piece[home[cell]].append(cell)
        for piece, required in sorted(by_piece.items(), key=str):
            program = program_of(piece)
            up, down = _requirements(required, model, signs, extra,
                                     {c: needed(c) for c in required})
            for wanted in (up, down):
                y, short = program.perturb(wanted, free)
                for cell in short:  # further the other way next time, then a wider piece
                    if cell in extra and piece[0] != "whole":
                        home[cell] = wider(piece, cell, model.members)
                        continue
                    gone = max(0.0, abs(wanted[cell])
                               - max(0.0, y[program.index[cell]] * np.sign(wanted[cell])))
                    high, low = extra.get(cell, (0.0, 0.0))
                    extra[cell] = (high, low + gone) if wanted[cell] > 0 else (high + gone, low)
                record({c: v for c, v in zip(program.cells, y, strict=True)
                        if abs(v) > TOLERANCE}, 1.0 if wanted is up else -1.0)
        withheld.update(dict.fromkeys(added, SECONDARY))
        # Only counts the solutions so far do not show far enough apart are solved again.
        todo = {c for c in withheld
                if c in home and highest[c] - lowest[c] < needed(c) - TOLERANCE}
        if not todo:
            break
    found.short = sorted(set(found.short) | todo, key=str)
    return found
