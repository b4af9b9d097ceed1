"""What an attacker knows, as constraints on counts: the published counts themselves, and every
published relation among them (sums, ratios, likelihoods with their flags, gaps).

A count is a *cell*: (year, level, area_code, indicator, breakdown, group, role), role `x` for
the events or people counted (a numerator) and `n` for the population they are out of. A cell
is one count wherever it appears: a table that republishes it names the same cell, so a count
withheld in one table and shown in another is known.
"""

import math
from dataclasses import dataclass, field

Cell = tuple  # (year, level, area_code, indicator, breakdown, group, role)
Terms = dict  # {cell: coefficient}
# A value published to full precision is known within this relative tolerance (floating point).
TOLERANCE = 1e-9


def value_interval(value: float, decimals: int | None = None) -> tuple[float, float]:
    """What a published value says of the true one: itself, or where it was rounded to
    `decimals`, the half-unit around it."""
    half = 0.5 * 10.0 ** -decimals if decimals is not None else TOLERANCE * max(1.0, abs(value))
    return value - half, value + half


@dataclass
class Linear:
    """lo <= sum(coefficient * cell) <= hi."""

    terms: Terms
    lo: float
    hi: float
    route: str

    def rows(self, known: dict) -> list:
        return [_substitute(self.terms, known, self.lo, self.hi)]


@dataclass
class Ratio:
    """lo <= numerator / denominator <= hi, each side a sum of cells plus a constant; the
    denominator is positive (the ratio was published)."""

    numerator: Terms
    denominator: Terms
    lo: float
    hi: float
    route: str
    numerator_constant: float = 0.0
    denominator_constant: float = 0.0

    def rows(self, known: dict) -> list:
        found = []
        # numerator - bound * denominator, on the right side of zero.
        for bound, lo, hi in ((self.hi, -math.inf, 0.0), (self.lo, 0.0, math.inf)):
            terms = dict(self.numerator)
            for cell, coef in self.denominator.items():
                terms[cell] = terms.get(cell, 0.0) - bound * coef
            constant = self.numerator_constant - bound * self.denominator_constant
            found.append(_substitute(terms, known, lo - constant, hi - constant))
        den_constant = self.denominator_constant
        found.append(_substitute(self.denominator, known, 1.0 - den_constant, math.inf))
        return found


@dataclass
class Gap:
    """lo <= x1/n1 - x2/n2 <= hi (proportions): linear in x1 and x2 once n1 and n2 are known."""

    x1: Cell
    n1: Cell
    x2: Cell
    n2: Cell
    lo: float
    hi: float
    route: str

    def rows(self, known: dict) -> list:
        n1, n2 = known.get(self.n1), known.get(self.n2)
        if not n1 or not n2:
            return []
        terms = {self.x1: 1.0 / n1}
        terms[self.x2] = terms.get(self.x2, 0.0) - 1.0 / n2
        return [_substitute(terms, known, self.lo, self.hi)]


@dataclass
class Likelihood:
    """A relative likelihood (a1/n1) / (a2/n2) as published: its value (perhaps rounded), its
    interval, flags and kind, whatever of them the row shows. Linear in a1 and a2 once the
    populations are known; the flags are checked by enumeration (solver.py)."""

    a1: Cell
    n1: Cell
    a2: Cell
    n2: Cell
    route: str
    value: tuple | None = None  # (lo, hi) of the true ratio
    ci_lower: tuple | None = None
    ci_upper: tuple | None = None
    flags: dict = field(default_factory=dict)  # significant, adverse_significant, outside
    kind: str | None = None  # value, reference_zero or undefined, when the row says

    def rows(self, known: dict) -> list:
        n1, n2 = known.get(self.n1), known.get(self.n2)
        found = []
        if self.kind in ("value", "reference_zero") or self.value is not None:
            found.append(_substitute({self.a1: 1.0, self.a2: 1.0}, known, 1.0, math.inf))
        if self.kind == "reference_zero":
            found.append(_substitute({self.a2: 1.0}, known, 0.0, 0.0))
        if self.kind == "undefined" and n1 and n2:
            found.append(_substitute({self.a1: 1.0, self.a2: 1.0}, known, 0.0, 0.0))
        if self.value is None or not n1 or not n2:
            return found
        lo, hi = self.value
        # a1 * n2 - L * n1 * a2 on the right side of zero, for L the value's two ends.
        found.append(_substitute({self.a1: n2, self.a2: -hi * n1}, known, -math.inf, 0.0))
        found.append(_substitute({self.a1: n2, self.a2: -lo * n1}, known, 0.0, math.inf))
        found.append(_substitute({self.a2: 1.0}, known, 1.0, math.inf))
        return found


def _substitute(terms: Terms, known: dict, lo: float, hi: float) -> tuple:
    """A row over the cells not yet known: (terms, lo, hi) with the known cells moved across."""
    free, constant = {}, 0.0
    for cell, coef in terms.items():
        if coef == 0.0:
            continue
        if cell in known:
            constant += coef * known[cell]
        else:
            free[cell] = free.get(cell, 0.0) + coef
    return free, lo - constant, hi - constant


class Problem:
    """The attacker's knowledge: published counts, withheld cells and facts."""

    def __init__(self):
        self.known: dict = {}
        self.withheld: set = set()
        self.latent: set = set()  # counts no table shows (single-year disciplinary counts)
        self.facts: list = []
        self.conflicts: list = []

    def publish(self, cell: Cell, value) -> None:
        """A count shown in some table (None: shown blank, i.e. withheld)."""
        if value is None:
            self.withheld.add(cell)
            return
        value = float(value)
        if cell in self.known and self.known[cell] != value:
            self.conflicts.append((cell, self.known[cell], value))
        self.known[cell] = value

    def add(self, fact) -> None:
        self.facts.append(fact)

    def hidden(self) -> set:
        """Withheld counts and latent ones (some may be shown by another table all the same)."""
        return self.withheld | self.latent
